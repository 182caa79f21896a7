"""Rebuilding on a real node that answers 429: retried with backoff, and when the overload
lasts, the alias still names the old index, whole (issue 13, item 6)."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from search.backends import BackendUnavailable
from search.backends.elasticsearch import ElasticsearchBackend
from search.contract import SearchQuery
from tests.factories import ServicePageFactory
from tests.search.search_fakes import api_error

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]

REJECTED = {
    "errors": True,
    "items": [{"create": {"error": {"type": "es_rejected_execution_exception"}}}],
}


class Overloaded:
    """The real writer, whose first ``failures`` bulk requests are refused for load."""

    def __init__(self, real, failures: list[object]) -> None:
        self.real = real
        self.failures = failures
        self.bulk_calls = 0

    def bulk(self, **kwargs):
        self.bulk_calls += 1
        if self.failures:
            failure = self.failures.pop(0)
            if isinstance(failure, Exception):
                raise failure
            return failure
        return self.real.bulk(**kwargs)

    def __getattr__(self, name):
        return getattr(self.real, name)


@pytest.fixture
def overload(es_backend, settings, monkeypatch, directory_documents):
    """Install an ``Overloaded`` writer on ``es_backend`` after a first, clean rebuild."""
    settings.ELASTICSEARCH_RETRY = {"attempts": 3, "base_s": 0.01, "cap_s": 0.02}
    es_backend.rebuild([list(directory_documents.values())])
    real = es_backend.client.options(request_timeout=60)

    def install(*failures) -> Overloaded:
        writer = Overloaded(real, list(failures))
        monkeypatch.setattr(ElasticsearchBackend, "_writer", property(lambda self: writer))
        return writer

    return install


def aliased(backend) -> set[str]:
    return set(backend.client.indices.get_alias(name=backend.alias))


def test_rebuild_retries_a_429_and_swaps(es_backend, overload, directory_documents):
    before = aliased(es_backend)
    writer = overload(api_error(429), REJECTED)

    loaded = es_backend.rebuild([list(directory_documents.values())])

    assert loaded == len(directory_documents)
    assert writer.bulk_calls == 3
    assert aliased(es_backend).isdisjoint(before)
    assert es_backend.search(SearchQuery()).total == len(directory_documents)


def test_lasting_overload_keeps_the_old_index_aliased(es_backend, overload, directory_documents):
    before = aliased(es_backend)
    total = es_backend.search(SearchQuery()).total
    overload(*[api_error(429)] * 5)

    with pytest.raises(BackendUnavailable):
        es_backend.rebuild([list(directory_documents.values())])

    assert aliased(es_backend) == before
    # The half-built index is gone; only the old one is left.
    assert set(es_backend.client.indices.get(index=f"{es_backend.alias}_*")) == before
    assert es_backend.search(SearchQuery()).total == total


def test_rebuild_command_says_the_old_index_is_still_used(es_backend, overload, directory_index):
    ServicePageFactory(title="生活相談")
    before = aliased(es_backend)
    overload(*[api_error(429)] * 5)

    with pytest.raises(CommandError, match="前の索引のまま"):
        call_command("rebuild_search_index", backend="elasticsearch", no_progress=True)

    assert aliased(es_backend) == before
