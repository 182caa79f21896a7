"""50音順 by reading and search by official number, the same on both backends."""

from __future__ import annotations

import pytest

from directory.models import ServiceIdentifier
from search.backends.database import DatabaseBackend
from search.contract import SearchQuery
from tests.factories import OrganizationPageFactory, ServicePageFactory
from tests.search.conftest import documents_for

pytestmark = pytest.mark.django_db

# Code-point order of the names is 三 < 愛 < 東; 50音順 of the readings is ア < ヒ < ミ.
SERVICES = [
    ("東池袋こども食堂", "ヒガシイケブクロコドモショクドウ"),
    ("三つ葉の会", "ミツバノカイ"),
]


@pytest.fixture
def documents():
    organization = OrganizationPageFactory(corporate_number="7000012050002")
    pages = [
        ServicePageFactory(parent=organization, title=title, name_kana=kana)
        for title, kana in [*SERVICES, ("愛の家", "アイノイエ")]
    ]
    ServiceIdentifier.objects.create(
        service=pages[1], type="jp_care_office_number", scheme="JP-MHLW-KAIGO", value="1371234567"
    )
    return documents_for(pages)


def _names(backend, query: SearchQuery) -> list[str]:
    return [hit.name for hit in backend.search(query).hits]


def _backends(request, documents):
    database = DatabaseBackend()
    database.rebuild([documents])
    backends = [database]
    if request.node.get_closest_marker("elasticsearch"):
        elasticsearch = request.getfixturevalue("make_es_backend")()
        elasticsearch.rebuild([documents])
        backends.append(elasticsearch)
    return backends


@pytest.mark.parametrize(
    "engine", ["database", pytest.param("es", marks=pytest.mark.elasticsearch)]
)
def test_sort_by_name_is_gojuon_order_of_readings(request, directory_index, documents, engine):
    backend = _backends(request, documents)[-1]
    assert _names(backend, SearchQuery(sort="name")) == ["愛の家", "東池袋こども食堂", "三つ葉の会"]


@pytest.mark.parametrize(
    "engine", ["database", pytest.param("es", marks=pytest.mark.elasticsearch)]
)
def test_office_number_finds_exactly_its_service(request, directory_index, documents, engine):
    backend = _backends(request, documents)[-1]
    assert _names(backend, SearchQuery(text="1371234567")) == ["三つ葉の会"]
    assert _names(backend, SearchQuery(text="137123456")) == []


@pytest.mark.parametrize(
    "engine", ["database", pytest.param("es", marks=pytest.mark.elasticsearch)]
)
def test_corporate_number_finds_the_organisations_services(
    request, directory_index, documents, engine
):
    backend = _backends(request, documents)[-1]
    assert backend.search(SearchQuery(text="7000012050002")).total == 3
