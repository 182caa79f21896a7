"""The database backend on a real database (SQLite by default, PostgreSQL with DATABASE_URL).

Documents are built from real pages by ``search.documents``, as in production.
"""

import random
from datetime import date, datetime
from uuid import uuid4

import pytest
from django.db import connection, transaction

from directory.geo import haversine_km
from directory.hours import TOKYO
from search.backends.database import DatabaseBackend
from search.backends.database import query as database_query
from search.contract import (
    BoundingBox,
    GeoFilter,
    IndexedPoint,
    SearchDocument,
    SearchQuery,
    SearchResult,
    word_weight,
)
from search.documents import build_documents, indexable_services
from search.models import IndexedLocation, IndexedService, IndexedTerm, SynonymGroup
from tests.factories import (
    LocationFactory,
    OrganizationPageFactory,
    ServicePageFactory,
    add_schedule,
    category,
    service_at,
)

# Monday 1 September 2025; 15 September is 敬老の日 (a public holiday, also a Monday).
TODAY = date(2025, 9, 1)
IKEBUKURO = (35.7295, 139.7190)
NEAR_IKEBUKURO = (35.7400, 139.7250)  # about 1.3 km north
SHINJUKU = (35.6938, 139.7034)  # about 4.2 km south


def make_service(*, title, description, categories=(), point=None, hidden=False, **fields):
    service = ServicePageFactory(title=title, description=description, **fields)
    if categories:
        service.categories.add(*(category(code) for code in categories))
        service.save()
    if point is not None:
        location = LocationFactory(
            latitude=point[0], longitude=point[1], hide_address=hidden, name=f"{title}の拠点"
        )
        service_at(service, location)
    return service


def index_all(backend: DatabaseBackend) -> None:
    backend.index(build_documents(indexable_services(), today=TODAY))


@pytest.fixture
def backend(directory_index):
    return DatabaseBackend()


@pytest.fixture
def services(backend):
    organization = OrganizationPageFactory(title="NPO法人 テスト団体")  # one parent: pages are slow
    food = make_service(
        parent=organization,
        title="フードパントリー池袋",
        description="食料品を無料でお渡しします。",
        categories=["food-pantry"],
        point=IKEBUKURO,
        languages=["ja", "en"],
        cost_category="free",
    )
    add_schedule(food, byday="MO,TU,WE,TH,FR", opens=(9, 0), closes=(17, 0))
    housing = make_service(
        parent=organization,
        title="住まいの相談窓口",
        description="住居を失うおそれのある方のご相談に応じます。",
        categories=["housing-support"],
        point=NEAR_IKEBUKURO,
        languages=["ja"],
        cost_category="free",
    )
    add_schedule(housing, byday="FR", opens=(22, 0), closes=(3, 0))
    add_schedule(housing, byday="SA", opens=(10, 0), closes=(15, 0))
    debt = make_service(
        parent=organization,
        title="くらしと借金の窓口",
        description="多重債務のご相談。ＤＶ被害の方もどうぞ。",
        categories=["debt"],
        point=SHINJUKU,
        languages=["en"],
        cost_category="low_cost",
    )
    add_schedule(debt, byday="MO,TU,WE,TH,FR", opens=(18, 0), closes=(21, 0))
    shelter = make_service(
        parent=organization,
        title="女性のための相談室",
        description="食料の提供もあります。",
        categories=["food-pantry", "housing-support"],
        point=IKEBUKURO,
        hidden=True,
        languages=["ja"],
        cost_category="free",
    )
    centre = make_service(
        parent=organization,
        title="食料支援センター",
        description="地域の支え合いの拠点です。",
        languages=["ja"],
        cost_category="free",
    )
    index_all(backend)
    return {"food": food, "housing": housing, "debt": debt, "shelter": shelter, "centre": centre}


def ids(result: SearchResult) -> set[int]:
    return {hit.service_id for hit in result.hits}


def weight(backend: DatabaseBackend, text: str, field_weight: int) -> float:
    """The contract's score of the one word ``text`` in a field of this weight (its rarity)."""
    matching, total = run(backend, text=text).total, run(backend).total
    return float(word_weight(field_weight=field_weight, matching=matching, total=total))


def run(backend: DatabaseBackend, **query) -> SearchResult:
    return backend.search(SearchQuery(page_size=50, **query))


def counts(result: SearchResult, facet: str) -> dict[str, int]:
    return {value.value: value.count for value in result.facets[facet]}


# --- text -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("相談", {"housing", "debt", "shelter"}),
        ("食料", {"food", "shelter", "centre"}),
        ("住居", {"housing"}),
    ],
)
def test_two_character_words_are_found(backend, services, word, expected):
    result = run(backend, text=word)

    assert ids(result) >= {services[name].pk for name in expected}
    assert result.total == len(result.hits)


def test_one_character_query_is_found_by_prefix(backend, services):
    result = run(backend, text="食")

    assert {services["food"].pk, services["shelter"].pk, services["centre"].pk} <= ids(result)
    assert services["debt"].pk not in ids(result)


@pytest.mark.parametrize("query", ["ふーどぱんとりー", "ﾌｰﾄﾞﾊﾟﾝﾄﾘｰ", "フードパントリ", "ｄｖ", "DV"])
def test_script_and_width_variants_match(backend, services, query):
    result = run(backend, text=query)

    expected = services["debt"] if query.lower() in ("ｄｖ", "dv") else services["food"]
    assert expected.pk in ids(result)


def test_synonyms_expand_the_query(backend, services):
    # フードバンク ⇔ 食料 is a built-in group; no service text says フードバンク literally.
    result = run(backend, text="フードバンク")

    assert services["centre"].pk in ids(result)  # 食料 in its name


def test_moderators_synonyms_expand_the_query(backend, services):
    assert services["debt"].pk not in ids(run(backend, text="くらしのこまりごと"))
    SynonymGroup.objects.create(terms="くらしのこまりごと、多重債務")

    assert services["debt"].pk in ids(run(backend, text="くらしのこまりごと"))


def test_every_word_must_match(backend, services):
    result = run(backend, text="相談 債務")

    assert ids(result) == {services["debt"].pk}


def test_services_answering_the_need_rank_above_one_only_named_by_the_word(backend, services):
    result = run(backend, text="食料")  # a need word of 食料品の配布 (food-pantry)

    order = [hit.service_id for hit in result.hits]
    assert set(order[:2]) == {services["food"].pk, services["shelter"].pk}
    assert order[2] == services["centre"].pk  # 食料 in the name, no food-pantry
    assert result.hits[2].score == weight(backend, "食料", 10)
    shelter = next(h for h in result.hits if h.service_id == services["shelter"].pk)
    assert shelter.snippet == "<mark>食料</mark>の提供もあります。"


def test_a_name_match_ranks_above_a_description_match(backend, services):
    result = run(backend, text="相談")  # no need word; in two names, one description

    assert ids(result) == {services[k].pk for k in ("housing", "shelter", "debt")}
    assert result.hits[-1].service_id == services["debt"].pk  # 多重債務のご相談
    assert result.hits[0].score > result.hits[-1].score


def test_a_description_mention_does_not_count_when_the_need_is_answered(backend, services):
    result = run(backend, text="借金")  # the need of debt; 多重債務 elsewhere only in text

    assert ids(result) == {services["debt"].pk}


def test_a_word_no_service_has_is_left_out_and_reported(backend, services):
    result = run(backend, text="食料 息子")

    assert services["centre"].pk in ids(result)
    assert result.ignored_words == ("息子",)


def test_a_query_of_unknown_words_finds_nothing(backend, services):
    result = run(backend, text="息子 宇宙")

    assert result.total == 0
    assert result.ignored_words == ()


def test_a_verb_beside_the_nouns_ranks_but_does_not_filter(backend, services):
    plain = {h.service_id: h.score for h in run(backend, text="食料").hits}
    ranked = {h.service_id: h.score for h in run(backend, text="食料を渡したい").hits}

    assert set(ranked) >= set(plain)  # 渡す filters nothing out
    food = services["food"].pk  # 食料品を無料でお渡しします
    assert (
        ranked[food] - plain[food] > ranked[services["shelter"].pk] - plain[services["shelter"].pk]
    )


def test_the_ward_of_a_place_is_a_word_of_the_service(backend, services):
    # IKEBUKURO is in 豊島区; the shelter's hidden address gives no ward word
    result = run(backend, text="豊島区")

    assert services["food"].pk in ids(result)
    assert services["shelter"].pk not in ids(result)


# --- facets -----------------------------------------------------------------------------------


def test_facet_values_are_or_within_and_across_facets(backend, services):
    either = run(backend, filters={"category": ("food", "money")})
    both = run(backend, filters={"category": ("food",), "language": ("en",)})

    assert ids(either) == {services[n].pk for n in ("food", "shelter", "debt")}
    assert ids(both) == {services["food"].pk}


def test_facet_counts_are_disjunctive(backend, services):
    result = run(backend, filters={"category": ("food",), "cost": ("free",)})

    category_counts = counts(result, "category")
    assert category_counts["food"] == 2  # food, shelter
    assert category_counts["housing"] == 2  # housing, shelter: still counted with food chosen
    assert "money" not in category_counts  # debt is low_cost, excluded by the cost filter
    assert counts(result, "cost") == {"free": 2}  # food, shelter; low_cost debt is not food
    assert counts(result, "language") == {"ja": 2, "en": 1}
    assert [v.value for v in result.facets["category"] if v.selected] == ["food"]


def test_selected_value_without_services_is_listed_with_zero(backend, services):
    result = run(backend, filters={"language": ("vi",)})

    assert result.total == 0
    last = result.facets["language"][-1]
    assert (last.value, last.count, last.selected) == ("vi", 0, True)
    assert counts(result, "language")["ja"] == 4


def test_counts_are_sorted_by_count_then_value(backend, services):
    values = [(v.value, v.count) for v in run(backend).facets["language"]]

    assert values == [("ja", 4), ("en", 2)]


# --- geo --------------------------------------------------------------------------------------


def test_radius_filters_and_distance_sort_gives_km(backend, services):
    result = run(backend, point=GeoFilter(*IKEBUKURO, radius_km=2), sort="distance")

    assert [hit.service_id for hit in result.hits] == [services["food"].pk, services["housing"].pk]
    assert result.hits[0].distance_km == pytest.approx(0.0, abs=1e-6)
    assert result.hits[1].distance_km == pytest.approx(haversine_km(*IKEBUKURO, *NEAR_IKEBUKURO))
    assert 1.0 < result.hits[1].distance_km < 1.6
    assert result.hits[1].location_name == "住まいの相談窓口の拠点"


def test_point_without_radius_sorts_all_and_puts_services_without_points_last(backend, services):
    result = run(backend, point=GeoFilter(*IKEBUKURO), sort="distance")

    order = [hit.service_id for hit in result.hits]
    assert order[:3] == [services[n].pk for n in ("food", "housing", "debt")]
    assert result.hits[2].distance_km == pytest.approx(haversine_km(*IKEBUKURO, *SHINJUKU))
    assert {hit.distance_km for hit in result.hits[3:]} == {None}


def test_bounding_box(backend, services):
    box = BoundingBox(
        min_latitude=35.72, min_longitude=139.71, max_latitude=35.75, max_longitude=139.73
    )

    assert ids(run(backend, bbox=box)) == {services["food"].pk, services["housing"].pk}


def test_hidden_address_has_no_point(backend, services):
    shelter = services["shelter"].pk

    assert not IndexedLocation.objects.filter(service_id=shelter).exists()
    assert shelter not in ids(run(backend, point=GeoFilter(*IKEBUKURO, radius_km=5)))
    hit = next(h for h in run(backend, text="女性").hits if h.service_id == shelter)
    assert hit.latitude is None and hit.location_name == ""


# --- time -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "open_names"),
    [
        (datetime(2025, 9, 3, 12, 0, tzinfo=TOKYO), {"food"}),  # Wednesday noon
        (datetime(2025, 9, 15, 12, 0, tzinfo=TOKYO), set()),  # 敬老の日: closed on holidays
        (datetime(2025, 9, 6, 2, 0, tzinfo=TOKYO), {"housing"}),  # Friday 22:00-03:00
        (datetime(2025, 9, 5, 19, 30), {"debt"}),  # naive means Tokyo
        (datetime(2025, 9, 6, 10, 0, tzinfo=TOKYO), {"housing"}),  # Saturday morning
    ],
)
def test_open_at(backend, services, moment, open_names):
    assert ids(run(backend, open_at=moment)) == {services[n].pk for n in open_names}


def test_evenings_and_weekends(backend, services):
    assert ids(run(backend, evenings=True)) == {services["housing"].pk, services["debt"].pk}
    assert ids(run(backend, weekends=True)) == {services["housing"].pk}


# --- paging and order -------------------------------------------------------------------------


def test_pagination_keeps_the_total_and_the_name_order(backend, services):
    pages = [backend.search(SearchQuery(sort="name", page=n, page_size=2)) for n in (1, 2, 3, 9)]
    everything = backend.search(SearchQuery(sort="name", page_size=10)).hits

    assert [page.total for page in pages] == [5, 5, 5, 5]
    assert [len(page.hits) for page in pages] == [2, 2, 1, 0]
    paged = [hit.service_id for page in pages for hit in page.hits]
    assert paged == [hit.service_id for hit in everything]
    names = [IndexedService.objects.get(pk=sid).sort_name for sid in paged]
    assert names == sorted(names)


def test_ties_in_score_are_broken_by_name_across_pages(backend, services):
    pages = [
        backend.search(SearchQuery(text="相談", page=page, page_size=1)).hits[0]
        for page in (1, 2, 3)
    ]

    # All three match in the name: 相談 twice (a tie, kept in name order across pages 1 and 2),
    # then its synonym 窓口 in くらしと借金の窓口, which scores SYNONYM_WEIGHTS["name"].
    name, synonym = weight(backend, "相談", 10), weight(backend, "相談", 8)
    assert [hit.score for hit in pages] == [name, name, synonym]
    names = [IndexedService.objects.get(pk=hit.service_id).sort_name for hit in pages]
    assert names[:2] == sorted(names[:2]) and len(set(names)) == 3


# --- geo at scale: cells, bitsets and the nearest-first walk against brute force -------------


def _point_document(service_id: int, points: list[tuple[float, float]]) -> SearchDocument:
    name = f"地点{service_id % 7}"  # repeated names: ties fall back to the service id
    return SearchDocument(
        service_id=service_id,
        hsds_id=uuid4(),
        name=name,
        organization="",
        url="",
        description="",
        name_terms=(),
        context_terms=(),
        description_terms=(),
        facets={"cost": ("free",) if service_id % 3 else ("paid",)},
        points=tuple(
            IndexedPoint(
                latitude=lat,
                longitude=lng,
                location_id=i,
                location_name=f"{i}",
                municipality_code="",
            )
            for i, (lat, lng) in enumerate(points)
        ),
        open_periods=(),
        evenings=False,
        weekends=False,
        sort_name=name,
    )


@pytest.fixture
def scattered():
    """600 services around Ikebukuro: 0-3 points each, some on cell edges, some shared."""
    rng = random.Random(3)
    lat0, lng0 = IKEBUKURO
    grid = [(35.725 + 0.005 * i, 139.715 + 0.005 * j) for i in range(-3, 4) for j in range(-3, 4)]
    documents = []
    for sid in range(1, 601):
        points = []
        for _ in range(rng.choice((0, 1, 1, 1, 2, 3))):
            if rng.random() < 0.2:
                points.append(rng.choice(grid))  # exactly on a cell corner, shared by others
            else:
                points.append((lat0 + rng.uniform(-0.06, 0.06), lng0 + rng.uniform(-0.07, 0.07)))
        documents.append(_point_document(sid, points))
    backend = DatabaseBackend()
    backend.index(documents)
    return backend, {d.service_id: d for d in documents}


def _expected(documents, point, radius_km, filters=None):
    """(distance, sort name, id) of the matching services, by brute force, in order."""
    found = []
    for doc in documents.values():
        if filters and not set(doc.facets["cost"]) & set(filters):
            continue
        distances = [haversine_km(*point, p.latitude, p.longitude) for p in doc.points]
        nearest = min(distances, default=None)
        if radius_km is not None and (nearest is None or nearest > radius_km):
            continue
        found.append((float("inf") if nearest is None else nearest, doc.sort_name, doc.service_id))
    return sorted(found)


@pytest.mark.django_db
@pytest.mark.parametrize("radius_km", [0.3, 1.0, 2.5, 4.0, None])
@pytest.mark.parametrize("page", [1, 4])
@pytest.mark.parametrize("filters", [None, ("free",)])
@pytest.mark.parametrize("walk", [False, True])
def test_distance_order_and_radius_match_brute_force(
    scattered, monkeypatch, radius_km, page, filters, walk
):
    if walk:  # without a radius too, walk the cells nearest first rather than measure all
        monkeypatch.setattr(database_query, "WALK_MEMBERS_PER_CELL", 0)
    backend, documents = scattered
    point = (35.7302, 139.7123)
    query = SearchQuery(
        point=GeoFilter(*point, radius_km=radius_km),
        filters={"cost": filters} if filters else {},
        page=page,
        page_size=15,
    )
    result = backend.search(query)

    expected = _expected(documents, point, radius_km, filters)
    window = expected[(page - 1) * 15 : page * 15]
    assert result.total == len(expected)
    assert [hit.service_id for hit in result.hits] == [sid for _, _, sid in window]
    assert [hit.distance_km for hit in result.hits] == [
        None if d == float("inf") else d for d, _, _ in window
    ]  # exactly the floats of directory.geocoding.distance_km


@pytest.mark.django_db
def test_bounding_box_matches_brute_force(scattered):
    backend, documents = scattered
    box = BoundingBox(
        min_latitude=35.72, min_longitude=139.705, max_latitude=35.74, max_longitude=139.725
    )
    inside = {
        sid
        for sid, doc in documents.items()
        if any(
            box.min_latitude <= p.latitude <= box.max_latitude
            and box.min_longitude <= p.longitude <= box.max_longitude
            for p in doc.points
        )
    }

    result = backend.search(SearchQuery(bbox=box, page_size=100))

    assert result.total == len(inside)
    assert {hit.service_id for hit in result.hits} <= inside
    assert sum(c.count for c in result.facets["cost"]) == len(inside)


# --- writing ----------------------------------------------------------------------------------


def test_delete_removes_the_service(backend, services):
    backend.delete([services["food"].pk])

    assert services["food"].pk not in ids(run(backend, text="食料"))
    assert services["food"].pk not in backend.indexed_versions()
    assert not IndexedTerm.objects.filter(service_id=services["food"].pk).exists()


def test_reindex_replaces_without_duplicates(backend, services):
    food = services["food"]
    postings = IndexedTerm.objects.filter(service_id=food.pk).count()
    index_all(backend)
    assert IndexedTerm.objects.filter(service_id=food.pk).count() == postings

    food.title = "こども食堂ひまわり"
    food.save_revision().publish()
    index_all(backend)

    assert food.pk not in ids(run(backend, text="パントリー"))
    assert food.pk in ids(run(backend, text="ひまわり"))
    assert IndexedLocation.objects.filter(service_id=food.pk).count() == 1


def test_rebuild_replaces_everything_and_drops_stale(backend, services):
    documents = build_documents(indexable_services(), today=TODAY)
    versions = {d.service_id: d.version for d in documents}
    gone = services["debt"].pk

    count = backend.rebuild([[d for d in documents if d.service_id != gone]])

    assert count == 4
    assert backend.indexed_versions() == {k: v for k, v in versions.items() if k != gone}


def test_a_rolled_back_write_is_never_seen(backend, services):
    food = services["food"].pk
    assert food in ids(run(backend))  # this process now holds the columns in memory

    with pytest.raises(RuntimeError), transaction.atomic():
        backend.delete([food])
        assert food not in ids(run(backend))
        raise RuntimeError("roll back")

    assert food in ids(run(backend))
    assert food in ids(run(backend, filters={"category": ("food",)}))


def test_organization_is_searchable_context(backend, services):
    organization = OrganizationPageFactory(title="ひだまり会")
    service = ServicePageFactory(parent=organization, title="集いの場", description="誰でもどうぞ")
    index_all(backend)

    hit = next(h for h in run(backend, text="ひだまり").hits if h.service_id == service.pk)
    assert hit.score == weight(backend, "ひだまり", 4) and hit.organization == "ひだまり会"


def test_runs_on_the_configured_database():
    assert connection.vendor in {"sqlite", "postgresql"}
