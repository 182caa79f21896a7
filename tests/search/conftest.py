"""Fixtures for search tests: throw-away Elasticsearch indices and documents from real pages.

Elasticsearch tests run on a real node (``scripts/elasticsearch.sh start``) named by
``ELASTICSEARCH_URL``. Outside CI they are skipped when it is unset; in CI (``CI=true``) they fail,
so a missing node can never turn the suite green by skipping. Every fixture works in its own
indices, ``test_<random>_services_*``, deleted afterwards.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from datetime import date

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import transaction

# Documents are built "as of" this day, so open_at tests do not depend on the calendar:
# the horizon covers 2025-10-31 .. 2025-12-05, with 文化の日 (Mon 2025-11-03) in it.
AS_OF = date(2025, 11, 1)


def _elasticsearch_url() -> str:
    url = os.environ.get("ELASTICSEARCH_URL") or django_settings.ELASTICSEARCH_URL
    if url:
        return url
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(
            "CI=true but ELASTICSEARCH_URL is not set: start a node with "
            "`scripts/elasticsearch.sh start` and export ELASTICSEARCH_URL=$(scripts/elasticsearch.sh url)",
            pytrace=False,
        )
    pytest.skip("ELASTICSEARCH_URL is not set (scripts/elasticsearch.sh start to run these)")


@pytest.fixture(scope="session")
def elasticsearch_url() -> str:
    """The node's URL, after checking it answers (fails, never skips, when set but down)."""
    from elasticsearch import Elasticsearch, TransportError

    from search.backends.elasticsearch.client import node_urls

    url = _elasticsearch_url()
    try:
        # The integ-test distribution answers 405 to GET / (no rest-root): ping() cannot be used.
        Elasticsearch(node_urls(url), request_timeout=5).cluster.health(
            wait_for_status="yellow", timeout="5s"
        )
    except TransportError as error:
        pytest.fail(f"ELASTICSEARCH_URL={url} does not answer: {error}", pytrace=False)
    return url


@pytest.fixture(scope="session")
def make_es_backend(elasticsearch_url: str) -> Iterator[Callable[..., object]]:
    """A factory of backends on fresh ``test_<random>`` prefixes; all their indices go at the end."""
    from search.backends.elasticsearch import ElasticsearchBackend

    prefixes: list[str] = []

    def make(prefix: str | None = None) -> ElasticsearchBackend:
        prefix = prefix or f"test_{secrets.token_hex(4)}"
        prefixes.append(prefix)
        return ElasticsearchBackend(url=elasticsearch_url, index_prefix=prefix, refresh=True)

    yield make
    for prefix in prefixes:
        delete_indices(ElasticsearchBackend(url=elasticsearch_url, index_prefix=prefix))


def delete_indices(backend) -> None:
    """Delete every index of ``backend`` by name (wildcard deletes are refused by default)."""
    client = backend.client
    names = list(client.indices.get(index=f"{backend.alias}*", expand_wildcards="all"))
    if names:
        client.indices.delete(index=",".join(names))


@pytest.fixture
def es_backend(make_es_backend, settings):
    """A backend on its own indices; ``get_backend("elasticsearch")`` in the test uses them too.

    Writes refresh at once (``ELASTICSEARCH_REFRESH = True``), so a search right after an
    ``index()`` sees it.
    """
    backend = make_es_backend()
    settings.ELASTICSEARCH_URL = backend.url
    settings.ELASTICSEARCH_INDEX_PREFIX = backend.alias.removesuffix("_services")
    settings.ELASTICSEARCH_REFRESH = True
    yield backend
    delete_indices(backend)


def documents_for(services, *, today: date = AS_OF):
    """``SearchDocument``s of these pages (published and public ones only), as of ``today``."""
    from search.documents import build_documents, indexable_services

    return build_documents(
        indexable_services().filter(pk__in=[s.pk for s in services]), today=today
    )


@pytest.fixture(scope="module")
def built_once(django_db_setup, django_db_blocker):
    """Run ``factory`` against the test database once per module and keep only what it returns.

    The pages are rolled back at once; tests get plain ``SearchDocument``s, which is all a search
    index needs, so a module's read-only tests share one index instead of building pages each.
    """

    def build(factory):
        with django_db_blocker.unblock(), transaction.atomic():
            result = factory()
            transaction.set_rollback(True)
        cache.clear()  # Wagtail cached site paths of pages that no longer exist
        return result

    return build


# --- one small directory around 東池袋 (〒170-0013), used by the backend and parity tests -----

ORIGIN = (35.7295, 139.7190)  # 東池袋; 0.01° of latitude is ~1.11 km


def make_directory() -> dict[str, object]:
    """Seven real pages (one unpublished), returned as ``SearchDocument``s by short name.

    ========== ================== ================================= =====================
    key        name               where (from ORIGIN)               hours
    ========== ================== ================================= =====================
    food_bank  フードバンク豊島   0 km                              Mon-Fri 9-17, Sat 10-12
    housing    住居確保給付金の相談 1.11 km north                   Mon-Fri 9-17
    work       就労相談           4.45 km north                     Mon-Fri 9-17, holidays too
    cafeteria  子ども食堂 ひだまり 18.9 km north                    Fri 22:00-翌2:00
    general    生活相談           no location                       none
    study      学習支援教室       0.70 km and 30 km (two locations) none
    ========== ================== ================================= =====================
    """
    from tests.factories import (
        LocationFactory,
        OrganizationPageFactory,
        ServicePageFactory,
        add_schedule,
        category,
        service_at,
    )

    lat, lng = ORIGIN
    food_net = OrganizationPageFactory(title="NPO法人 豊島フードネット", provider_type="npo")
    midori = OrganizationPageFactory(
        title="社会福祉法人 みどりの杜", provider_type="social_welfare_corporation"
    )

    def service(key, *, parent, categories=(), locations=(), **fields):
        page = ServicePageFactory(parent=parent, **fields)
        for code in categories:
            page.categories.add(category(code))
        for latitude, longitude in locations:
            service_at(page, LocationFactory(latitude=latitude, longitude=longitude))
        page.save_revision().publish()
        pages[key] = page
        return page

    pages: dict[str, object] = {}
    food_bank = service(
        "food_bank",
        parent=food_net,
        title="フードバンク豊島",
        description="食料品を無料でお渡しします。",
        name_en="Toshima Food Bank",
        description_en="Free food for anyone who needs it.",
        categories=["food-bank"],
        languages=["ja", "en"],
        target_groups=["single", "household_with_children"],
        locations=[(lat, lng)],
    )
    add_schedule(food_bank)
    add_schedule(food_bank, byday="SA", opens=(10, 0), closes=(12, 0))
    housing = service(
        "housing",
        parent=midori,
        title="住居確保給付金の相談",
        description="家賃の支払いに困っている方へ、給付金の申請をお手伝いします。",
        categories=["housing-benefit"],
        languages=["ja"],
        target_groups=["single"],
        cost_category="free",
        locations=[(lat + 0.01, lng)],
    )
    add_schedule(housing)
    work = service(
        "work",
        parent=midori,
        title="就労相談",
        description="ハローワークと連携して仕事探しを支えます。",
        categories=["job-support"],
        languages=["ja", "zh"],
        delivery_modes=["in_person", "online"],
        closed_on_public_holidays=False,
        cost_category="low_cost",
        locations=[(lat + 0.04, lng)],
    )
    add_schedule(work)
    cafeteria = service(
        "cafeteria",
        parent=food_net,
        title="子ども食堂 ひだまり",
        description="夜に温かいごはんを提供します。",
        categories=["kodomo-shokudo"],
        languages=["ja", "en"],
        target_groups=["household_with_children"],
        locations=[(lat + 0.17, lng)],
    )
    add_schedule(cafeteria, byday="FR", opens=(22, 0), closes=(2, 0), closes_next_day=True)
    service(
        "general",
        parent=midori,
        title="生活相談",
        description="就労や住まいのことも相談できます。食品の配布もあります。",
        languages=["ja"],
        delivery_modes=["phone"],
    )
    service(
        "study",
        parent=food_net,
        title="学習支援教室",
        description="勉強を教えます。",
        name_easy="べんきょうを おしえる ところ",
        languages=["ja"],
        cost_category="fee",
        locations=[(lat + 0.27, lng), (lat + 0.005, lng + 0.005)],
    )
    service("hidden", parent=food_net, title="非公開フードバンク", description="食料")
    hidden = pages.pop("hidden")
    hidden.unpublish()

    by_id = {d.service_id: d for d in documents_for(list(pages.values()) + [hidden])}
    assert hidden.pk not in by_id
    return {key: by_id[page.pk] for key, page in pages.items()}


@pytest.fixture(scope="module")
def directory_documents(built_once) -> dict[str, object]:
    """``make_directory()``, built once per module."""
    return built_once(make_directory)
