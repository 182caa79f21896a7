"""Emails of the provider features, sent after commit, one message per address.

Bodies are plain-text templates under templates/providers/email/; a mail server that is down
is logged and never undoes the write that asked for the mail.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


def send_later(*, to: Iterable[str], subject: str, template: str, context: dict[str, Any]) -> None:
    """Render and send once the current transaction commits (at once outside one)."""
    addresses = sorted({address for address in to if address})
    if not addresses:
        return

    def send() -> None:
        body = render_to_string(template, context)
        messages = tuple(
            (f"[つなぐ] {subject}", body, settings.DEFAULT_FROM_EMAIL, [address])
            for address in addresses
        )
        try:
            send_mass_mail(messages, fail_silently=False)
        except Exception:
            logger.exception("provider email %s failed (%d messages)", template, len(messages))

    transaction.on_commit(send)


def admin_url(path: str) -> str:
    return settings.SITE_URL + path
