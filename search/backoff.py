"""Retry what Elasticsearch refuses for now (429 Too Many Requests), with bounded backoff.

A node whose write queue is full answers 429 to a whole request, or rejects some items of a
bulk request (``es_rejected_execution_exception``); Elastic's advice is to wait and send again
(https://www.elastic.co/guide/en/elasticsearch/reference/current/tune-for-indexing-speed.html).
The waits grow exponentially with full jitter, so parallel senders do not come back in step
(https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/), and stop after
``attempts``: a node that stays overloaded fails the caller, who keeps the old index.

Settings (read when used): ``ELASTICSEARCH_RETRY = {"attempts": 6, "base_s": 0.5, "cap_s": 20}``.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from elasticsearch import ApiError

logger = logging.getLogger(__name__)
T = TypeVar("T")

DEFAULTS = {"attempts": 6, "base_s": 0.5, "cap_s": 20.0}
# Bulk item errors that mean "too busy now", not "this document is wrong".
OVERLOAD_TYPES = frozenset({"es_rejected_execution_exception", "circuit_breaking_exception"})


class Overloaded(Exception):
    """Raised by a sender when Elasticsearch rejected part of a request for load."""


def is_overload(error: BaseException) -> bool:
    if isinstance(error, Overloaded):
        return True
    return isinstance(error, ApiError) and error.meta.status == 429


def retry_settings() -> dict[str, float]:
    return DEFAULTS | (getattr(settings, "ELASTICSEARCH_RETRY", {}) or {})


def delays(*, attempts: int, base_s: float, cap_s: float) -> list[float]:
    """The longest wait before each retry: base, 2 × base, 4 × base, … up to ``cap_s``."""
    return [min(cap_s, base_s * 2**n) for n in range(max(attempts - 1, 0))]


def with_backoff(
    send: Callable[[], T],
    *,
    sleep: Callable[[float], None] = time.sleep,
    jitter: Callable[[float, float], float] = random.uniform,
) -> T:
    """``send()``, sent again after a random wait while Elasticsearch says it is overloaded."""
    config = retry_settings()
    waits = delays(
        attempts=int(config["attempts"]),
        base_s=float(config["base_s"]),
        cap_s=float(config["cap_s"]),
    )
    for wait in waits:
        try:
            return send()
        except Exception as error:
            if not is_overload(error):
                raise
            pause = jitter(0, wait)
            logger.warning("Elasticsearch is overloaded (%s); retrying in %.1f s", error, pause)
            sleep(pause)
    return send()
