"""Every figure on the small dataset of conftest.py, with known answers (suppression included)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from dashboard import selectors
from dashboard.access import DashboardScope
from dashboard.filters import ReferralFigureFilter
from dashboard.population import population_table
from dashboard.report import dashboard_build, gaps_build
from dashboard.suppression import SECONDARY
from dashboard.suppression import SUPPRESSED as S
from directory.models import TaxonomyTerm
from referrals.choices import Status
from referrals.models import Referral
from tests.dashboard.conftest import HOME_MESH

pytestmark = pytest.mark.django_db
EVERYTHING = DashboardScope(everything=True)


def board(params=None, scope=EVERYTHING):
    filterset = ReferralFigureFilter(
        params or {}, queryset=scope.referrals(selectors.sent_referrals()), scope=scope
    )
    return dashboard_build(scope=scope, filterset=filterset)


def gap_tables(params=None):
    filterset = ReferralFigureFilter(params or {}, queryset=selectors.sent_referrals())
    return gaps_build(filterset=filterset, distance_km=1.5)


def figures(result) -> dict:
    return {f["key"]: f["value"] for f in result.figures}


def rows(result, name) -> dict:
    return {str(row[0]): row[1:] for row in result.tables[name].rows}


def test_status_counts_and_their_suppression(dataset):
    f = figures(board())
    assert f["sent"] == 17  # the draft is not counted
    assert f["accepted"] == 12  # completed (7) and accepted (5): once accepted stays accepted
    assert f["completed"] == 7
    assert f["in_progress"] == 5
    assert f["declined"] == S and f["cancelled"] == S and f["waiting"] == S
    assert f["closed"] == 0
    assert f["overdue"] == S  # one referral waiting since March


def test_reasons_and_outcomes_hide_the_part_a_total_would_give_back(dataset):
    result = board()
    completed = rows(result, "completed")
    assert completed["支援を提供できた"] == [SECONDARY]  # 6, hidden so that 7 − 6 is not known
    assert completed["一部の支援を提供できた"] == [S]
    assert completed["合計"] == [7]
    declined = rows(result, "declined")
    assert declined["受け入れ枠がない"] == [S] and declined["合計"] == [S]


def test_durations_to_first_answer_and_completion(dataset):
    f = figures(board())
    # Answers after 1,2,3,4,5,6 h; 5,5,5 h; 24 h × 5; 2 h → 15 values, median 5 h, p90 24 h,
    # shown in days with one decimal.
    assert f["first_answer_median"] == 0.2
    assert f["first_answer_p90"] == 1.0
    # Completion after 10 days × 6 and 20 days × 1.
    assert f["completion_median"] == 10.0
    assert f["completion_p90"] == 20.0


def test_percentiles_of_an_even_count_average_the_middle_two(dataset):
    spans = selectors.percentiles(
        Referral.objects.filter(status="completed", agency=dataset.agency)
        .exclude(outcome="partly_met")
        .exclude(first_response_at__isnull=True),
        start="sent_at",
        end="first_response_at",
    )
    assert spans.count == 5 and spans.median == timedelta(hours=3)


def test_multi_agency_and_multi_category_clients(dataset):
    f = figures(board())
    assert f["clients_referred"] == 8
    assert f["multi_organization"] == 5
    assert f["multi_category"] == 5
    assert f["new_clients"] == 8


def test_rates_by_category_and_provider(dataset):
    result = board()
    assert rows(result, "categories")["食料支援"] == [12, 7, 7, 58.3, 58.3]
    assert rows(result, "categories")["住まい・居住支援"] == [5, 5, 0, 100.0, 0.0]
    assert rows(result, "providers")["フードバンクA"] == [12, 7, 7, 58.3, 58.3]


def test_per_100000_uses_the_population_of_the_municipalities(dataset):
    f = figures(board())
    # 17 referrals / (豊島区 301,599 + 練馬区 752,608, the 2020 census) × 100,000
    assert f["per_100k"] == 1.6
    assert figures(board({"municipality": "131164"}))["per_100k"] == 5.3


@pytest.mark.django_db
def test_without_an_upload_the_bundled_2020_census_is_used_as_official():
    table = population_table()
    assert table.by_code["131164"] == 301599  # 豊島区, 令和2年国勢調査
    assert not table.approximate and "国勢調査" in table.source


def test_a_small_municipality_total_is_suppressed_with_its_rate(dataset):
    result = board()
    assert rows(result, "municipalities")["練馬区"][0] == S
    assert rows(result, "municipalities")["練馬区"][2] == S
    assert rows(result, "municipalities")["豊島区"][0] == SECONDARY  # 17 − 1 would give it back


def test_monthly_trend(dataset):
    monthly = rows(board(), "monthly")
    # sent, accepted, waiting, in progress, declined, completed, closed, cancelled, new, listings
    assert monthly["2026-03"][:8] == [12, 7, S, 0, S, 7, 0, S]
    assert monthly["2026-04"][:8] == [5, 5, 0, 5, 0, 0, 0, 0]


def test_the_trend_is_every_month_of_the_default_period_empty_ones_included(dataset):
    monthly = rows(board(), "monthly")
    assert list(monthly) == [f"2026-{m:02d}" for m in range(1, 13)]  # the 12 months to now
    assert monthly["2026-02"] == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    assert monthly["2026-12"][-2:] == [8, 2]  # the clients registered and services listed now


def test_the_trend_runs_over_the_chosen_period(dataset):
    monthly = rows(board({"since": "2025-12-01", "until": "2026-11-30"}), "monthly")
    assert list(monthly)[0] == "2025-12" and list(monthly)[-1] == "2026-11"
    assert len(monthly) == 12 and monthly["2026-01"][0] == 0


def test_the_default_period_leaves_out_what_was_sent_before_it(dataset):
    Referral.objects.filter(status=Status.DECLINED).update(sent_at=datetime(2025, 6, 1, tzinfo=UTC))
    assert figures(board())["sent"] == 14
    assert figures(board({"since": "2025-01-01"}))["sent"] == 17


def test_filters_by_category_provider_urgency_agency_and_period(dataset):
    assert figures(board({"category": "housing"}))["sent"] == 5
    assert figures(board({"provider": dataset.food_org.pk}))["sent"] == 12
    assert figures(board({"urgency": "urgent"}))["sent"] == 0
    assert figures(board({"agency": dataset.other_agency.pk}))["sent"] == S
    assert figures(board({"since": "2026-04-01", "until": "2026-04-30"}))["sent"] == 5


def test_scope_of_one_municipality(dataset):
    assert figures(board(scope=DashboardScope(municipality_code="131164")))["sent"] == 16


def test_listings(dataset):
    f = figures(board())
    assert f["listings_new"] == 2  # published today, no period chosen
    assert f["listings_stale"] == 2  # never confirmed
    assert f["listings_confirmed"] == 0


def test_gaps_per_municipality_and_mesh(dataset):
    result = gap_tables()
    by_area = {(r[0], r[1]): r[2:] for r in result["gaps_municipality"].rows}
    assert by_area[("豊島区", "住まい・居住支援")] == [5, 0, 0, "不足"]
    assert by_area[("豊島区", "食料支援")] == [11, 1, 0, ""]
    mesh = {(r[0], r[1]): r[2:] for r in result["gaps_mesh"].rows}
    assert mesh[(HOME_MESH, "住まい・居住支援")] == [5, 0, 0, "不足"]
    assert mesh[(HOME_MESH, "食料支援")] == [11, 1, 0, ""]


def test_survey_table(dataset):
    survey = rows(board(), "survey")
    assert survey["2026-03"][1] == 12 and survey["2026-04"][1] == 5


def test_a_service_in_two_subcategories_counts_once_for_their_top_category(dataset):
    second = TaxonomyTerm.objects.filter(parent__code="food").exclude(code="food-bank").first()
    dataset.food.categories.add(second)
    dataset.food.save()
    mesh = {(r[0], r[1]): r[2:] for r in gap_tables()["gaps_mesh"].rows}
    assert mesh[(HOME_MESH, "食料支援")][0] == 11
    assert figures(board({"category": "food"}))["sent"] == 12
    assert rows(board(), "categories")["食料支援"][0] == 12
