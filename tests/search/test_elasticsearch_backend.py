"""The Elasticsearch backend on a real node, with documents built from real pages.

Read-only tests share one index per module (``loaded``); tests that write get their own
(``es_backend``). The expected numbers come from ``make_directory`` in ``conftest.py``.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from directory.geo import haversine_km
from search.backends import BackendUnavailable, get_backend
from search.backends.elasticsearch import ElasticsearchBackend
from search.backends.elasticsearch.mapping import INDEX_MAX_RESULT_WINDOW, facet_field, mapping
from search.contract import (
    FACET_NAMES,
    NAME_START_BOOST,
    BoundingBox,
    GeoFilter,
    SearchQuery,
    word_weight,
)
from search.documents import DocumentBatches, build_documents, indexable_services
from search.text import DEFAULT_SYNONYMS, SynonymSet
from search.words import parse_query
from tests.factories import ServicePageFactory
from tests.search.conftest import ORIGIN

TOKYO = ZoneInfo("Asia/Tokyo")
pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]


@pytest.fixture(scope="module")
def loaded(make_es_backend, directory_documents):
    backend = make_es_backend()
    backend.rebuild([list(directory_documents.values())])
    return backend


@pytest.fixture(scope="module")
def docs(directory_documents):
    return directory_documents


def weights(backend, text: str, *field_weights: int) -> list[float]:
    """The contract's score of the one word ``text`` in fields of these weights (its rarity)."""
    matching = backend.search(SearchQuery(text=text)).total
    total = backend.search(SearchQuery()).total
    return [
        float(word_weight(field_weight=w, matching=matching, total=total)) for w in field_weights
    ]


def keys(result, docs) -> list[str]:
    by_id = {d.service_id: key for key, d in docs.items()}
    return [by_id[hit.service_id] for hit in result.hits]


def counts(result, facet: str) -> dict[str, int]:
    return {v.value: v.count for v in result.facets[facet]}


# --- without a node ------------------------------------------------------------------------------


def test_mapping_has_a_keyword_field_per_facet():
    properties = mapping()["properties"]
    for facet in FACET_NAMES:
        assert properties[facet_field(facet)]["type"] == "keyword"
    assert properties["open_periods"]["type"] == "date_range"
    assert properties["points"]["type"] == "geo_point"
    assert mapping()["dynamic"] == "strict"


def test_mapping_stores_display_fields_without_indexing_them():
    mapping_ = mapping()
    properties = mapping_["properties"]
    # Only read back from _source: indexing them was load time for nothing.
    for name in ("hsds_id", "name", "organization", "url", "version"):
        assert properties[name] == {"type": "keyword", "index": False, "doc_values": False}
    assert properties["description"]["index"] is False
    # Excluding fields from _source made every document be filtered at load; searches name the
    # fields they read instead.
    assert "_source" not in mapping_


def test_unreachable_node_raises_backend_unavailable_fast():
    backend = ElasticsearchBackend(url="http://127.0.0.1:9", index_prefix="test_closed_port")
    started = time.monotonic()
    with pytest.raises(BackendUnavailable):
        backend.search(SearchQuery(text="食料"))
    with pytest.raises(BackendUnavailable):
        backend.delete([1])
    with pytest.raises(BackendUnavailable):
        backend.indexed_versions()
    assert time.monotonic() - started < 5


def test_missing_url_raises_backend_unavailable(settings):
    settings.ELASTICSEARCH_URL = ""
    with pytest.raises(BackendUnavailable):
        ElasticsearchBackend().search(SearchQuery())


# --- text ----------------------------------------------------------------------------------------


def test_two_character_word_is_found(loaded, docs):
    assert keys(loaded.search(SearchQuery(text="申請")), docs) == ["housing"]
    result = loaded.search(SearchQuery(text="住居"))  # and its synonym 住まい, in general's text
    assert keys(result, docs) == ["housing", "general"]
    assert [hit.score for hit in result.hits] == weights(loaded, "住居", 10, 1)
    assert set(keys(loaded.search(SearchQuery(text="相談")), docs)) == {
        "housing",
        "work",
        "general",
    }


def test_one_character_word_is_found_by_prefix(loaded, docs):
    result = loaded.search(SearchQuery(text="食"))
    # name (子ども食堂) 10; description 1 (食料品, and general's 食品); the category heading
    # 食料支援 of food_bank counts as description too
    assert keys(result, docs)[0] == "cafeteria"
    assert set(keys(result, docs)[1:]) == {"food_bank", "general"}
    assert [hit.score for hit in result.hits] == weights(loaded, "食", 10, 1, 1)


def test_synonyms_expand_the_query(loaded, docs):
    # 食べ物 ⇔ フードバンク ⇔ 食料 ⇔ 食品: none of these pages says 食べ物
    result = loaded.search(SearchQuery(text="食べ物"))
    assert keys(result, docs)[0] == "food_bank"  # フードバンク in its name
    # cafeteria: 食料支援, its category heading; general: 食品 in its description
    assert set(keys(result, docs)[1:]) == {"cafeteria", "general"}
    assert [hit.score for hit in result.hits] == weights(
        loaded, "食べ物", 8, 1, 1
    )  # SYNONYM_WEIGHTS


def test_width_and_script_variants_meet(loaded, docs):
    assert keys(loaded.search(SearchQuery(text="ﾌｰﾄﾞﾊﾞﾝｸ")), docs)[0] == "food_bank"
    assert keys(loaded.search(SearchQuery(text="ふうどばんく")), docs) == []  # ー is not う


def test_name_beats_description(loaded, docs):
    result = loaded.search(SearchQuery(text="就労"))
    assert keys(result, docs) == ["work", "general"]
    assert [hit.score for hit in result.hits] == weights(loaded, "就労", 10, 1)


def test_score_is_the_sum_of_each_words_best_field(loaded, docs):
    result = loaded.search(SearchQuery(text="就労 相談"))
    work_name, work_description = weights(loaded, "就労", 10, 1)
    (advice_name,) = weights(loaded, "相談", 10)
    assert [(k, h.score) for k, h in zip(keys(result, docs), result.hits, strict=True)] == [
        ("work", work_name + advice_name + NAME_START_BOOST),  # named 就労相談: the query
        ("general", work_description + advice_name),
    ]


def test_every_word_must_match(loaded, docs):
    assert loaded.search(SearchQuery(text="住居 勉強")).total == 0


def test_snippet_marks_matches_and_synonyms(loaded, docs):
    result = loaded.search(SearchQuery(text="食べ物"))
    general = next(h for h in result.hits if h.service_id == docs["general"].service_id)
    assert "<mark>食品</mark>" in general.snippet


def test_unpublished_service_is_not_indexed(loaded, docs):
    names = {h.name for h in loaded.search(SearchQuery(page_size=100)).hits}
    assert "非公開フードバンク" not in names
    assert loaded.search(SearchQuery()).total == len(docs)


# --- facets --------------------------------------------------------------------------------------


def test_values_within_a_facet_are_or_ed(loaded, docs):
    result = loaded.search(SearchQuery(filters={"language": ("en", "zh")}, sort="name"))
    assert set(keys(result, docs)) == {"food_bank", "work", "cafeteria"}


def test_facets_are_and_ed(loaded, docs):
    query = SearchQuery(filters={"language": ("en",), "category": ("food",)})
    assert set(keys(loaded.search(query), docs)) == {"food_bank", "cafeteria"}
    query = SearchQuery(filters={"language": ("zh",), "category": ("food",)})
    assert loaded.search(query).total == 0


def test_facet_counts_are_disjunctive(loaded, docs):
    result = loaded.search(SearchQuery(filters={"language": ("en",)}))
    assert result.total == 2
    # The language facet ignores its own filter: every language still shows its count.
    assert counts(result, "language") == {"ja": 6, "en": 2, "zh": 1}
    assert [v.value for v in result.facets["language"] if v.selected] == ["en"]
    # Other facets count only what the language filter lets through.
    assert counts(result, "category") == {"food": 2, "food-bank": 1, "kodomo-shokudo": 1}
    assert counts(result, "provider_type") == {"npo": 2}


def test_facet_values_are_ordered_by_count_then_value(loaded, docs):
    result = loaded.search(SearchQuery())
    values = [(v.count, v.value) for v in result.facets["cost"]]
    assert values == sorted(values, key=lambda cv: (-cv[0], cv[1]))
    assert counts(result, "cost") == {"free": 4, "low_cost": 1, "fee": 1}


def test_selected_value_without_matches_is_listed_with_zero(loaded, docs):
    result = loaded.search(SearchQuery(text="住居", filters={"language": ("ko",)}))
    assert result.total == 0
    assert [(v.value, v.count, v.selected) for v in result.facets["language"]] == [
        ("ja", 2, False),
        ("ko", 0, True),
    ]


def test_facet_counts_follow_the_text(loaded, docs):
    result = loaded.search(SearchQuery(text="相談"))
    assert counts(result, "provider_type") == {"social_welfare_corporation": 3}


def test_undeclared_facet_is_ignored(loaded, docs):
    assert loaded.search(SearchQuery(filters={"colour": ("red",)})).total == len(docs)


# --- places --------------------------------------------------------------------------------------


def test_radius_and_distance_sort(loaded, docs):
    lat, lng = ORIGIN
    result = loaded.search(SearchQuery(point=GeoFilter(lat, lng, radius_km=2), sort="distance"))
    assert keys(result, docs) == ["food_bank", "study", "housing"]
    # The nearest of study's two locations, in km, the same haversine as the database backend.
    study = result.hits[1]
    assert study.distance_km == pytest.approx(haversine_km(lat, lng, lat + 0.005, lng + 0.005))
    assert study.distance_km == pytest.approx(0.716, abs=0.001)
    assert (study.latitude, study.longitude) == (lat + 0.005, lng + 0.005)
    assert result.hits[0].distance_km == 0
    assert result.hits[2].distance_km == pytest.approx(1.112, abs=0.001)


def test_point_without_radius_sorts_services_without_location_last(loaded, docs):
    result = loaded.search(SearchQuery(point=GeoFilter(*ORIGIN), sort="distance"))
    assert keys(result, docs) == ["food_bank", "study", "housing", "work", "cafeteria", "general"]
    assert result.hits[-1].distance_km is None


def test_relevance_ties_are_broken_by_distance(loaded, docs):
    result = loaded.search(SearchQuery(text="相談", point=GeoFilter(ORIGIN[0], ORIGIN[1], 10)))
    # all three match 相談 in the name (10); general has no location, so the radius drops it
    assert keys(result, docs) == ["housing", "work"]


def test_bounding_box(loaded, docs):
    box = BoundingBox(
        min_latitude=35.72, min_longitude=139.71, max_latitude=35.75, max_longitude=139.73
    )
    assert set(keys(loaded.search(SearchQuery(bbox=box)), docs)) == {
        "food_bank",
        "housing",
        "study",
    }


# --- time ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2025, 11, 4, 10, 0, tzinfo=TOKYO), {"food_bank", "housing", "work"}),  # Tue
        (datetime(2025, 11, 4, 17, 0, tzinfo=TOKYO), set()),  # closing time is not open
        (datetime(2025, 11, 3, 10, 0, tzinfo=TOKYO), {"work"}),  # 文化の日: only work opens
        (datetime(2025, 11, 8, 11, 0, tzinfo=TOKYO), {"food_bank"}),  # Saturday morning
        (datetime(2025, 11, 8, 1, 0, tzinfo=TOKYO), {"cafeteria"}),  # Friday's night, after 0:00
        (datetime(2025, 11, 8, 2, 0, tzinfo=TOKYO), set()),
        (datetime(2025, 11, 7, 13, 30, tzinfo=ZoneInfo("UTC")), {"cafeteria"}),  # 22:30 JST
    ],
)
def test_open_at(loaded, docs, moment, expected):
    assert set(keys(loaded.search(SearchQuery(open_at=moment)), docs)) == expected


def test_evenings_and_weekends(loaded, docs):
    assert keys(loaded.search(SearchQuery(evenings=True)), docs) == ["cafeteria"]
    weekend = set(keys(loaded.search(SearchQuery(weekends=True)), docs))
    assert {"food_bank", "work"} <= weekend
    assert "housing" not in weekend


def test_open_now_is_computed_for_the_page(loaded, docs, monkeypatch):
    monkeypatch.setattr(
        "django.utils.timezone.now", lambda: datetime(2025, 11, 4, 10, 0, tzinfo=TOKYO)
    )
    result = loaded.search(SearchQuery(text="相談"))
    assert {keys(result, docs)[i]: h.open_now for i, h in enumerate(result.hits)} == {
        "housing": True,
        "work": True,
        "general": False,
    }


# --- pages ---------------------------------------------------------------------------------------


def test_pagination_keeps_the_total_and_the_order(loaded, docs):
    everything = keys(loaded.search(SearchQuery(sort="name", page_size=100)), docs)
    pages = [loaded.search(SearchQuery(sort="name", page=n, page_size=4)) for n in (1, 2, 3)]
    assert [p.total for p in pages] == [6, 6, 6]
    assert [len(p.hits) for p in pages] == [4, 2, 0]
    assert keys(pages[0], docs) + keys(pages[1], docs) == everything
    assert everything == sorted(everything, key=lambda k: (docs[k].sort_name, docs[k].service_id))


# --- writes --------------------------------------------------------------------------------------


def test_delete_removes_at_once(es_backend, docs):
    es_backend.index(list(docs.values()))
    es_backend.delete([docs["food_bank"].service_id, 999_999])  # an unknown id is not an error
    result = es_backend.search(SearchQuery(text="フードバンク"))
    assert docs["food_bank"].service_id not in {h.service_id for h in result.hits}
    assert es_backend.search(SearchQuery()).total == len(docs) - 1


def test_reindex_replaces_the_document(es_backend, docs):
    es_backend.index(list(docs.values()))
    renamed = dataclasses.replace(
        docs["housing"],
        name="住まいの窓口",
        name_terms=("すま", "まい", "い", "窓口", "口"),
        context_terms=(),
        description_terms=(),
    )
    es_backend.index([renamed])
    assert es_backend.search(SearchQuery(text="給付金")).total == 0
    hits = es_backend.search(SearchQuery(text="窓口")).hits
    assert [h.name for h in hits if h.service_id == renamed.service_id] == ["住まいの窓口"]
    assert es_backend.indexed_versions()[renamed.service_id] == renamed.version


def test_index_creates_the_alias_and_get_backend_uses_it(es_backend, docs):
    with pytest.raises(BackendUnavailable):  # no index yet: callers fall back to the database
        es_backend.search(SearchQuery())
    assert es_backend.indexed_versions() == {}
    es_backend.index([docs["work"]])
    assert get_backend("elasticsearch").search(SearchQuery()).total == 1
    # a real alias over a timestamped index, not an index auto-created under the alias name
    assert list(es_backend.client.indices.get_alias(name=es_backend.alias)) != [es_backend.alias]


def test_indexed_versions_lists_every_document(es_backend, docs):
    es_backend.index(list(docs.values()))
    assert es_backend.indexed_versions() == {d.service_id: d.version for d in docs.values()}


def many(docs, count: int):
    """``count`` documents cycling through ``docs`` under new ids."""
    originals = list(docs.values())
    return [
        dataclasses.replace(originals[i % len(originals)], service_id=1_000_000 + i)
        for i in range(count)
    ]


def test_rebuild_swaps_the_alias_without_an_empty_search(es_backend, docs, monkeypatch):
    # The searching thread has no test-database connection; synonyms come from a fixed set.
    synonyms = SynonymSet(DEFAULT_SYNONYMS)
    monkeypatch.setattr(
        "search.backends.elasticsearch.queries.vocabulary_query_words",
        lambda text: parse_query(text, synonyms=synonyms),
    )
    es_backend.rebuild([list(docs.values())])
    old_indices = set(es_backend.client.indices.get_alias(name=es_backend.alias))
    failures: list[str] = []
    searches = 0
    stop = threading.Event()

    def search_until_stopped() -> None:
        nonlocal searches
        while not stop.is_set():
            try:
                total = es_backend.search(SearchQuery(text="相談")).total
                if total == 0:
                    failures.append("empty")
            except Exception as error:  # noqa: BLE001 - any failure counts
                failures.append(repr(error))
            searches += 1

    thread = threading.Thread(target=search_until_stopped)
    thread.start()
    try:
        new_docs = many(docs, 2000)
        loaded = es_backend.rebuild(new_docs[i : i + 500] for i in range(0, len(new_docs), 500))
        time.sleep(0.2)  # keep searching on the new index for a moment
    finally:
        stop.set()
        thread.join()

    assert loaded == 2000
    assert failures == []
    assert searches > 10
    new_indices = set(es_backend.client.indices.get_alias(name=es_backend.alias))
    assert len(new_indices) == 1 and new_indices.isdisjoint(old_indices)
    assert es_backend.search(SearchQuery()).total == 2000
    # The replaced index is kept for a grace period, behind its own alias, until the next swap.
    previous = set(es_backend.client.indices.get_alias(name=es_backend.previous_alias))
    assert previous == old_indices
    es_backend.rebuild([list(docs.values())])
    assert set(es_backend.client.indices.get_alias(name=es_backend.previous_alias)) == new_indices
    assert not es_backend.client.indices.exists(index=",".join(old_indices))
    assert len(es_backend.client.indices.get(index=f"{es_backend.alias}_*")) == 2


def test_failed_rebuild_keeps_the_old_index(es_backend, docs):
    es_backend.rebuild([list(docs.values())])
    before = set(es_backend.client.indices.get_alias(name=es_backend.alias))

    def batches():
        yield list(docs.values())
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        es_backend.rebuild(batches())
    assert set(es_backend.client.indices.get_alias(name=es_backend.alias)) == before
    assert list(es_backend.client.indices.get(index=f"{es_backend.alias}_*")) == list(before)
    assert es_backend.search(SearchQuery()).total == len(docs)


def test_writes_during_a_rebuild_reach_the_new_index(es_backend, docs):
    es_backend.rebuild([list(docs.values())])
    renamed = dataclasses.replace(docs["work"], name="就労相談（改）")

    # As in production: the live write waits for a refresh, which the index being built has off.
    live = ElasticsearchBackend(
        url=es_backend.url,
        index_prefix=es_backend.alias.removesuffix("_services"),
        refresh="wait_for",
    )
    write_seconds: list[float] = []

    def batches():
        yield [docs["food_bank"]]
        started = time.monotonic()
        live.index([renamed])  # a publish while the rebuild is loading
        write_seconds.append(time.monotonic() - started)
        yield [d for k, d in docs.items() if k != "food_bank"]  # holds the older "work"

    es_backend.rebuild(batches())
    assert es_backend.indexed_versions()[renamed.service_id] == renamed.version
    assert write_seconds[0] < 3  # did not wait for the rebuild's refresh


def test_page_past_the_result_window_is_empty_with_the_total(loaded, docs):
    result = loaded.search(SearchQuery(sort="name", page=3_000, page_size=100))
    assert (result.total, result.hits) == (len(docs), [])
    assert counts(result, "cost") == {"free": 4, "low_cost": 1, "fee": 1}


def test_rebuild_from_document_batches_loads_every_published_service(es_backend):
    services = [ServicePageFactory(title=f"就労相談{i}") for i in range(5)]
    ServicePageFactory(title="非公開の相談", publish=False)
    progress: list[int] = []
    # In-memory SQLite: the batches are built in this process (see DocumentBatches.parallel).
    batches = DocumentBatches(batch_size=2, workers=2, on_batch=progress.append)

    assert es_backend.rebuild(batches) == 5
    assert progress == [2, 2, 1]
    expected = {d.service_id: d.version for d in build_documents(indexable_services())}
    assert es_backend.indexed_versions() == expected
    assert set(expected) == {s.pk for s in services}
    result = es_backend.search(SearchQuery(text="就労"))
    assert result.total == 5
    assert {hit.name for hit in result.hits} == {s.title for s in services}


def test_the_live_index_has_the_index_result_window(loaded):
    found = loaded.client.indices.get_settings(index=loaded.alias)
    (index,) = found.body.values()

    assert int(index["settings"]["index"]["max_result_window"]) == INDEX_MAX_RESULT_WINDOW
