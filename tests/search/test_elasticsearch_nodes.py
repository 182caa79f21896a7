"""``ELASTICSEARCH_URL`` may name several nodes of a cluster: the client uses every one of them."""

from __future__ import annotations

import pytest

from search.backends.elasticsearch import ElasticsearchBackend
from search.backends.elasticsearch.client import client_for, node_urls
from search.contract import SearchQuery

NOTHING_LISTENS = "http://127.0.0.1:9"


def pool_urls(url: str) -> list[str]:
    return sorted(node.base_url for node in client_for(url).transport.node_pool.all())


def test_comma_separated_url_puts_every_node_in_the_pool():
    url = "http://127.0.0.1:9301, http://127.0.0.1:9302,http://127.0.0.1:9303,"
    assert pool_urls(url) == [
        "http://127.0.0.1:9301",
        "http://127.0.0.1:9302",
        "http://127.0.0.1:9303",
    ]


def test_single_url_is_one_node():
    assert node_urls("http://127.0.0.1:9200") == ["http://127.0.0.1:9200"]
    assert pool_urls("http://127.0.0.1:9200") == ["http://127.0.0.1:9200"]


def test_a_request_may_try_every_other_node():
    client = client_for("http://127.0.0.1:9301,http://127.0.0.1:9302,http://127.0.0.1:9303")
    assert client._max_retries == 2  # the per-request value the client passes to the transport


@pytest.mark.django_db
@pytest.mark.elasticsearch
def test_searches_answer_when_a_listed_node_is_down(make_es_backend, directory_documents):
    live = make_es_backend()
    live.rebuild([list(directory_documents.values())])
    both = ElasticsearchBackend(
        url=f"{NOTHING_LISTENS},{live.url}", index_prefix=live.alias.removesuffix("_services")
    )
    # Enough searches that the dead node's turn comes up more than once.
    totals = {both.search(SearchQuery(text="相談")).total for _ in range(6)}
    assert totals == {live.search(SearchQuery(text="相談")).total}
    assert totals != {0}
