"""Both backends give the same answer: ids, order, totals, scores, distances and facet counts.

One dataset (the pages of ``make_directory`` plus variants of them with other names, places and
languages) is indexed in Elasticsearch once per module and in the database per test; every query
below runs on both and the whole ``SearchResult`` (except ``backend``) must be equal.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime

import pytest

from directory.geo import haversine_km
from directory.hours import TOKYO
from search import text, words
from search.backends.database import DatabaseBackend
from search.contract import (
    NAME_START_BOOST,
    BoundingBox,
    GeoFilter,
    IndexedPoint,
    SearchQuery,
    SearchResult,
    word_weight,
)
from tests.search.conftest import ORIGIN

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]

NOW = datetime(2025, 11, 4, 10, 30, tzinfo=TOKYO)  # a Tuesday morning, for Hit.open_now
RADII_KM = (3.0, 5.0, 20.0)
LANGUAGES = (("ja",), ("ja", "en"), ("ja", "vi"), ("ja", "en", "zh"))
AVAILABILITY = (("accepting", ""), ("waitlist", "1か月ほど待ちます"), ("paused", "3月まで休止"))


def variants(documents: list) -> list:
    """60 more documents from the real ones: other names (some equal), places and languages."""
    result = []
    for i in range(60):
        base = documents[i % len(documents)]
        name = base.name if i % 3 == 0 else f"{base.name} {i % 4}"
        points = tuple(
            dataclasses.replace(
                p, latitude=p.latitude + 0.003 * (i % 9), longitude=p.longitude + 0.002 * (i % 5)
            )
            for p in base.points
        )
        result.append(
            dataclasses.replace(
                base,
                service_id=100_000 + i,
                name=name,
                sort_name=text.normalize(name),
                name_terms=tuple(words.index_terms(name) + words.name_start_terms(name)),
                points=points,
                facets={
                    **base.facets,
                    "language": LANGUAGES[i % len(LANGUAGES)],
                    "availability": (AVAILABILITY[i % 3][0],),
                },
                availability_note=AVAILABILITY[i % 3][1],
            )
        )
    return result


@pytest.fixture(scope="module")
def dataset(directory_documents) -> list:
    documents = list(directory_documents.values())
    documents += variants(documents)
    # No point may sit on a radius used below: within centimetres the backends round differently.
    for document in documents:
        for point in document.points:
            km = haversine_km(*ORIGIN, point.latitude, point.longitude)
            assert all(abs(km - radius) > 0.001 for radius in RADII_KM), (document.name, km)
    return documents


@pytest.fixture(scope="module")
def elasticsearch(make_es_backend, dataset):
    backend = make_es_backend()
    assert backend.rebuild([dataset]) == len(dataset)
    return backend


@pytest.fixture
def database(dataset, directory_index):
    backend = DatabaseBackend()
    assert backend.rebuild([dataset]) == len(dataset)
    return backend


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)


lat, lng = ORIGIN
QUERIES: dict[str, SearchQuery] = {
    "two-character word": SearchQuery(text="相談"),
    "one-character word": SearchQuery(text="食"),
    "synonyms": SearchQuery(text="食べ物"),
    "two words, best field each": SearchQuery(text="就労 相談"),
    "a rare word weighs more than a common one": SearchQuery(text="相談 食料"),
    "the query names a service": SearchQuery(text="子ども食堂"),
    "the query is the head of names": SearchQuery(text="学習支援教室"),
    "half-width katakana": SearchQuery(text="ﾌｰﾄﾞﾊﾞﾝｸ"),
    "nothing matches": SearchQuery(text="存在しない言葉"),
    "near, radius, relevance": SearchQuery(point=GeoFilter(lat, lng, radius_km=3.0)),
    "near, radius, text": SearchQuery(text="相談", point=GeoFilter(lat, lng, radius_km=5.0)),
    "near, no radius, by distance": SearchQuery(
        point=GeoFilter(lat, lng), sort="distance", page_size=100
    ),
    "near, radius, by distance, page 2": SearchQuery(
        point=GeoFilter(lat, lng, radius_km=20.0), sort="distance", page=2, page_size=7
    ),
    "one facet": SearchQuery(filters={"language": ("en",)}),
    "facets OR and AND": SearchQuery(filters={"language": ("en", "zh"), "category": ("food",)}),
    "selected value without matches": SearchQuery(
        text="住居", filters={"language": ("ko",), "cost": ("free",)}
    ),
    "open on a weekday": SearchQuery(open_at=datetime(2025, 11, 4, 10, 0, tzinfo=TOKYO)),
    "open on a public holiday": SearchQuery(open_at=datetime(2025, 11, 3, 10, 0, tzinfo=TOKYO)),
    "open after midnight": SearchQuery(open_at=datetime(2025, 11, 8, 1, 0, tzinfo=TOKYO)),
    "evenings and weekends": SearchQuery(evenings=True, weekends=True),
    "weekends by name": SearchQuery(weekends=True, sort="name"),
    "map view": SearchQuery(
        bbox=BoundingBox(
            min_latitude=35.72, min_longitude=139.71, max_latitude=35.76, max_longitude=139.73
        ),
        sort="name",
    ),
    "by name, page 3": SearchQuery(sort="name", page=3, page_size=9),
    "relevance ties across pages": SearchQuery(text="支援", page=2, page_size=5),
    "everything at once": SearchQuery(
        text="食料",
        point=GeoFilter(lat, lng, radius_km=20.0),
        filters={"language": ("ja",), "cost": ("free", "low_cost")},
        open_at=datetime(2025, 11, 8, 11, 0, tzinfo=TOKYO),
        weekends=True,
    ),
    "past the last page": SearchQuery(sort="name", page=40, page_size=10),
    "English name": SearchQuery(text="food bank"),
    "English description": SearchQuery(text="Free FOOD"),
    "easy Japanese name": SearchQuery(text="べんきょう"),
    "a need word": SearchQuery(text="お腹がすいた"),
    "a need word and a place": SearchQuery(text="子ども 食べ物がない"),
    "a word no service has is left out": SearchQuery(text="食料 息子"),
    "a verb beside the nouns only ranks": SearchQuery(text="食べ物を届けてほしい"),
    "a ward name": SearchQuery(text="豊島区 相談"),
    "English category name": SearchQuery(text="food", filters={"language": ("en",)}),
}


def comparable(result: SearchResult) -> dict:
    view = dataclasses.asdict(result)
    del view["backend"]
    for hit in view["hits"]:
        if hit["distance_km"] is not None:
            hit["distance_km"] = round(hit["distance_km"], 6)
    return view


@pytest.mark.parametrize("query", QUERIES.values(), ids=QUERIES.keys())
def test_both_backends_give_the_same_result(elasticsearch, database, query):
    expected = database.search(query)
    assert comparable(elasticsearch.search(query)) == comparable(expected)


def test_both_backends_show_each_hits_availability_and_note(elasticsearch, database):
    query = SearchQuery(filters={"availability": ("waitlist",)}, page_size=100)
    hits = elasticsearch.search(query).hits
    assert hits
    assert {h.availability for h in hits} == {"waitlist"}
    assert "1か月ほど待ちます" in {h.availability_note for h in hits}
    assert comparable(elasticsearch.search(query)) == comparable(database.search(query))


def test_the_queries_are_not_trivial(database):
    """Guard against a parity suite that passes because every answer is empty."""
    totals = {name: database.search(q).total for name, q in QUERIES.items()}
    assert sum(1 for total in totals.values() if total > 0) >= len(QUERIES) - 3, totals
    assert totals["nothing matches"] == 0
    assert 0 < totals["near, radius, relevance"] < totals["near, no radius, by distance"]


@pytest.mark.parametrize("backend_name", ["database", "elasticsearch"])
def test_a_service_named_by_the_query_gets_the_name_boost(request, backend_name, dataset):
    """学習支援教室 names it; 学習支援教室です has the same words (です is no word) but names nothing."""
    backend = request.getfixturevalue(backend_name)
    named = next(d for d in dataset if d.name == "学習支援教室").service_id

    def score(query: str) -> float:
        hits = backend.search(SearchQuery(text=query, page_size=100)).hits
        return next(h.score for h in hits if h.service_id == named)

    assert score("学習支援教室") - score("学習支援教室です") == NAME_START_BOOST


@pytest.mark.parametrize("backend_name", ["database", "elasticsearch"])
def test_translated_names_are_searchable(request, backend_name, directory_documents):
    """An English (or やさしい日本語) visitor finds the service by its translated name."""
    backend = request.getfixturevalue(backend_name)
    food_bank = directory_documents["food_bank"].service_id
    study = directory_documents["study"].service_id

    def found(query: str) -> set[int]:
        return {hit.service_id for hit in backend.search(SearchQuery(text=query)).hits}

    total = backend.search(SearchQuery()).total

    # Only the real page and its variants (ids from 100_000) carry the English name.
    assert {i for i in found("food bank") if i < 100_000} == {food_bank}
    hit = next(h for h in backend.search(SearchQuery(text="Toshima Bank")).hits)
    assert hit.score == sum(  # both words in the name field (no need word: see test_needs)
        word_weight(
            field_weight=10, matching=backend.search(SearchQuery(text=word)).total, total=total
        )
        for word in ("toshima", "bank")
    )
    assert {i for i in found("free food") if i < 100_000} == {food_bank}  # description
    assert study in found("べんきょう")
    assert found("nothing like this") == set()


def test_points_have_coordinates(dataset):
    assert any(len(d.points) > 1 for d in dataset)
    assert any(not d.points for d in dataset)
    assert all(isinstance(p, IndexedPoint) for d in dataset for p in d.points)
