"""search.backoff: 429 is retried with growing, jittered, bounded waits; other errors are not."""

import pytest
from elasticsearch import ApiError

from search.backoff import Overloaded, delays, with_backoff
from tests.search.search_fakes import api_error


class Sender:
    """Fails with ``errors`` in turn, then answers "ok"."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return "ok"


@pytest.fixture
def waits(settings) -> list[float]:
    settings.ELASTICSEARCH_RETRY = {"attempts": 4, "base_s": 1.0, "cap_s": 3.0}
    return []


def test_waits_double_up_to_the_cap():
    assert delays(attempts=6, base_s=0.5, cap_s=3.0) == [0.5, 1.0, 2.0, 3.0, 3.0]


def test_a_429_is_sent_again_after_a_jittered_wait(waits):
    send = Sender(api_error(429), Overloaded("rejected items"))

    result = with_backoff(send, sleep=waits.append, jitter=lambda low, high: high / 2)

    assert result == "ok"
    assert send.calls == 3
    assert waits == [0.5, 1.0]


def test_an_overload_that_lasts_fails_after_the_last_attempt(waits):
    send = Sender(*[api_error(429)] * 10)

    with pytest.raises(ApiError):
        with_backoff(send, sleep=waits.append, jitter=lambda low, high: high)

    assert send.calls == 4
    assert waits == [1.0, 2.0, 3.0]


def test_other_errors_are_not_retried(waits):
    send = Sender(api_error(400))
    with pytest.raises(ApiError):
        with_backoff(send, sleep=waits.append)
    assert send.calls == 1
    assert waits == []
