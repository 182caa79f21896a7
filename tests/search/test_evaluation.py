"""The judged set (search.evaluation) on the demo directory: a ranking regression fails the build.

The demo directory is loaded once per module and rolled back; each backend indexes the same
documents. FLOORS sit just below the figures measured when they were set (see the report in
``manage.py evaluate_search --backend both``); raise them as search gets better. With need
words, the cut-off and the words that only rank (docs/search.md): nDCG@10 0.912, precision@5
0.948, no unrelated service in any top 5 (the issue's target: >= 0.90 and none). Before: rarity
and the name boost 0.792, 0.853, 52 unrelated; the words analyser alone 0.770, 0.826, 80;
bigrams 0.567, 0.615, 83.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from search.evaluation import metrics
from search.evaluation.judgements import JUDGEMENTS, Judgement
from search.evaluation.runner import Report, catalogue_from, evaluate

# backend → (minimum nDCG@10, minimum precision@5, maximum unrelated services over all top 5s)
FLOORS = {
    "database": (0.91, 0.94, 0),
    "elasticsearch": (0.91, 0.94, 0),
}
# Money words whose synonyms once matched inside サロン (bigram search folded ローン to ろん).
SALON_QUERIES = ("借金", "ローン")


# --- the metrics and the judged set themselves -------------------------------------------------


def test_ndcg_is_one_when_the_ranking_is_ideal():
    assert metrics.ndcg_at(k=10, ranked=[2, 1, 1], ideal=[1, 2, 1]) == pytest.approx(1.0)


def test_ndcg_drops_when_the_obvious_answer_comes_second():
    assert metrics.ndcg_at(k=10, ranked=[1, 2], ideal=[2, 1]) < 1.0


def test_ndcg_counts_relevant_services_that_were_not_found():
    assert metrics.ndcg_at(k=10, ranked=[2], ideal=[2, 2]) < 1.0


def test_precision_counts_empty_slots_as_misses():
    assert metrics.precision_at(k=5, ranked=[2, 1]) == pytest.approx(0.4)


def test_unrelated_counts_only_the_top():
    assert metrics.unrelated_at(k=5, ranked=[2, 0, 1, 0, 1, 0, 0]) == 2


def test_judgement_matches_a_venue_suffix_and_a_placeholder():
    judgement = Judgement(query="x", grades={"{town}こども食堂": 2, "子育てひろば": 1})
    assert judgement.grade(name="加賀こども食堂") == 2
    assert judgement.grade(name="子育てひろば（成増会場）") == 1
    assert judgement.grade(name="子育てひろば 成増") == 0


def test_judgement_with_a_ward_ignores_services_elsewhere():
    judgement = Judgement(query="x", grades={"家計相談": 2}, municipality="131164")
    assert judgement.grade(name="家計相談", municipalities=("131059",)) == 0
    assert judgement.grade(name="家計相談", municipalities=("131164",)) == 2


def test_the_judged_set_is_large_and_has_no_repeated_query():
    queries = [j.query for j in JUDGEMENTS]
    assert len(queries) >= 150
    assert len(set(queries)) == len(queries)


# --- the demo directory, scored -----------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo directory's documents, and the database backend's report (taken before rollback)."""
    from django.core.cache import cache
    from django.db import transaction

    from directory.demo import BASE_DATE, demo_data_load
    from search.backends import get_backend
    from search.documents import build_documents, indexable_services

    with django_db_blocker.unblock(), transaction.atomic():
        demo_data_load()
        documents = build_documents(indexable_services(), today=BASE_DATE)
        backend = get_backend("database")
        backend.rebuild([documents])
        catalogue = catalogue_from(documents)
        report = evaluate(backend=backend, catalogue=catalogue)
        salon_hits = _names_found(backend)
        output = StringIO()
        call_command("evaluate_search", backend="database", verbose=True, stdout=output)
        transaction.set_rollback(True)
    cache.clear()
    return {
        "documents": documents,
        "catalogue": catalogue,
        "database": report,
        "output": output,
        "salon_hits": salon_hits,
    }


def _names_found(backend) -> list[str]:
    from search.contract import SearchQuery

    return [
        hit.name
        for query in SALON_QUERIES
        for hit in backend.search(SearchQuery(text=query, page_size=100)).hits
    ]


def _assert_above_floors(report: Report) -> None:
    ndcg, precision, unrelated = FLOORS[report.backend]
    assert len(report.scores) >= 150, "judged queries with nothing to find in the demo directory"
    assert report.ndcg >= ndcg
    assert report.precision >= precision
    assert report.unrelated <= unrelated, [
        (s.judgement.query, s.names[:5]) for s in report.scores if s.unrelated
    ]


@pytest.mark.django_db
def test_database_backend_stays_above_its_floors(demo):
    _assert_above_floors(demo["database"])


@pytest.mark.django_db
def test_evaluate_search_prints_each_query_and_the_summary(demo):
    output = demo["output"].getvalue()
    assert "家賃が払えない →" in output
    assert "database: " in output and "nDCG@10" in output


@pytest.mark.django_db
@pytest.mark.elasticsearch
def test_elasticsearch_backend_stays_above_its_floors(demo, make_es_backend):
    backend = make_es_backend()
    backend.rebuild([demo["documents"]])
    _assert_above_floors(evaluate(backend=backend, catalogue=demo["catalogue"]))


@pytest.mark.django_db
def test_debt_and_loan_never_find_a_salon_on_the_database_backend(demo):
    assert demo["salon_hits"] and not [name for name in demo["salon_hits"] if "サロン" in name]


@pytest.mark.django_db
@pytest.mark.elasticsearch
def test_debt_and_loan_never_find_a_salon_on_elasticsearch(demo, make_es_backend):
    backend = make_es_backend()
    backend.rebuild([demo["documents"]])
    names = _names_found(backend)
    assert names and not [name for name in names if "サロン" in name]
