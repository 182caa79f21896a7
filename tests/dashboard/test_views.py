"""The dashboard's screens: who sees what, exports (suppressed, logged), the old address."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dashboard.access import DashboardScope
from dashboard.filters import ReferralFigureFilter
from dashboard.models import Population
from dashboard.report import dashboard_build, dashboard_key
from dashboard.selectors import sent_referrals
from referrals.models import AccessLog
from tests.otp import login_verified

pytestmark = pytest.mark.django_db


def get(client, user, url):
    login_verified(client, user)
    return client.get(url)


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("admin", 200),
        ("superuser", 200),  # no debug 404 for an administrator without a coordinator role
        ("coordinator_all", 200),
        ("coordinator_nerima", 200),
        ("lead", 200),
        ("worker", 404),
        ("nobody", 404),
    ],
)
def test_who_may_open_the_dashboard(dataset, client, role, status):
    for name in ("index", "panels", "gaps", "report"):
        assert get(client, dataset.users[role], reverse(f"dashboard:{name}")).status_code == status


def test_anonymous_visitors_are_sent_to_log_in(dataset, client):
    assert client.get(reverse("dashboard:index")).status_code == 302


def test_a_coordinator_sees_only_their_municipality(dataset, client):
    page = get(client, dataset.users["coordinator_nerima"], reverse("dashboard:panels"))
    assert "居住支援B" not in page.content.decode()  # only 豊島区's agency referred there
    assert "豊島区 相談センター" not in page.content.decode()


def test_an_agency_lead_sees_only_their_agency(dataset, client):
    page = get(client, dataset.users["lead"], reverse("dashboard:index") + "?format=csv")
    text = page.content.decode("utf-8-sig")
    assert "練馬区" not in text
    assert "居住支援B" in text


def test_the_page_shows_figures_definitions_and_no_personal_data(dataset, client):
    page = get(client, dataset.users["admin"], reverse("dashboard:index")).content.decode()
    assert "期間内に提供機関へ送った紹介の数" in page  # a definition beside its figure
    assert "5未満" in page
    assert "豊島 花子" not in page and "090-1234-5678" not in page
    assert "vendor/chartjs/chart.umd.min.js" in page


def test_the_first_paint_has_the_key_figures_and_points_to_the_panels(dataset, client):
    url = reverse("dashboard:index") + "?municipality=131164"
    page = get(client, dataset.users["admin"], url).content.decode()
    assert "期間内に提供機関へ送った紹介の数" in page  # 送った紹介, a key figure
    assert 'id="table-providers"' not in page  # the tables come with the panels
    assert reverse("dashboard:panels") + "?municipality=131164" in page  # fetched or followed


def test_the_panels_hold_the_other_figures_tables_and_chart_data(dataset, client):
    page = get(client, dataset.users["admin"], reverse("dashboard:panels")).content.decode()
    assert 'id="dashboard-panels"' in page and 'id="dashboard-data"' in page
    assert 'id="table-providers"' in page and 'id="chart-monthly"' in page


def test_the_key_figures_equal_the_full_builds(dataset):
    scope = DashboardScope(everything=True)
    for data in ({}, {"municipality": "131164"}, {"since": "2026-04-01"}):
        filterset = ReferralFigureFilter(data, queryset=sent_referrals())
        full = {
            f["key"]: f["value"] for f in dashboard_build(scope=scope, filterset=filterset).figures
        }
        key = dashboard_key(scope=scope, filterset=filterset).figures
        assert key and all(full[f["key"]] == f["value"] for f in key), data


def test_csv_export_is_suppressed_and_logged(dataset, client):
    user = dataset.users["admin"]
    response = get(client, user, reverse("dashboard:index") + "?table=declined&format=csv")
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "5未満" in text and ",3" not in text
    log = AccessLog.objects.get(user=user)
    assert log.purpose == "dashboard.index.csv" and log.fields == ["declined"]
    assert log.client_id is None


def test_xlsx_export_has_a_sheet_per_table_and_is_logged(dataset, client):
    user = dataset.users["coordinator_all"]
    response = get(client, user, reverse("dashboard:gaps") + "?format=xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["gaps_municipality", "gaps_mesh"]
    values = [c for row in book["gaps_municipality"].iter_rows(values_only=True) for c in row]
    assert "不足" in values
    assert AccessLog.objects.filter(user=user, purpose="dashboard.gaps.xlsx").exists()


def test_an_unknown_table_is_not_found(dataset, client):
    url = reverse("dashboard:index") + "?table=nope&format=csv"
    assert get(client, dataset.users["admin"], url).status_code == 404


def test_the_monthly_report_is_printable(dataset, client):
    url = reverse("dashboard:report") + "?month=2026-03"
    page = get(client, dataset.users["admin"], url).content.decode()
    assert "月次報告 2026-03" in page and "css/dashboard.css" in page


def test_the_gap_map_has_the_gap_mesh(dataset, client):
    page = get(client, dataset.users["admin"], reverse("dashboard:gaps")).content.decode()
    assert '"gap": true' in page and "vendor/leaflet/leaflet.js" in page


def test_a_coordinator_replaces_the_population_table(dataset, client):
    login_verified(client, dataset.users["coordinator_all"])
    upload = io.BytesIO(
        "municipality_code,population,year,source\n131164,300000,2025,住基\n".encode()
    )
    upload.name = "population.csv"
    response = client.post(reverse("dashboard:population"), {"file": upload})
    assert response.status_code == 302
    assert Population.objects.get().population == 300000


def test_an_agency_lead_cannot_replace_the_population_table(dataset, client):
    assert get(client, dataset.users["lead"], reverse("dashboard:population")).status_code == 404


def test_export_cells_that_start_like_a_formula_are_neutralised():
    from dashboard.exports import _cell

    assert _cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _cell(12) == 12


def test_the_page_says_which_period_it_shows(dataset, client):
    url = reverse("dashboard:index") + "?since=2025-12-01&until=2026-11-30"
    page = get(client, dataset.users["admin"], url).content.decode()
    assert "2025年12月1日〜2026年11月30日" in page


def test_without_dates_the_page_says_it_shows_the_default_period(dataset, client):
    page = get(client, dataset.users["admin"], reverse("dashboard:panels")).content.decode()
    assert "2026年1月1日〜2026年12月3日（日付の指定がないときは、今月までの12か月）" in page


def test_the_printed_report_says_its_month_as_a_period(dataset, client):
    url = reverse("dashboard:report") + "?month=2026-03"
    page = get(client, dataset.users["admin"], url).content.decode()
    assert "2026年3月1日〜2026年3月31日" in page


def test_the_exports_title_row_has_the_period(dataset, client):
    url = reverse("dashboard:index") + "?since=2026-03-01&until=2026-04-30&table=monthly&format=csv"
    text = get(client, dataset.users["admin"], url).content.decode("utf-8-sig")
    assert text.splitlines()[0].endswith(",2026年3月1日〜2026年4月30日")


def test_the_xlsx_sheets_have_the_period_beside_the_title(dataset, client):
    url = reverse("dashboard:gaps") + "?since=2026-03-01&until=2026-04-30&format=xlsx"
    response = get(client, dataset.users["admin"], url)
    book = load_workbook(io.BytesIO(response.content))
    assert book["gaps_mesh"]["B1"].value == "2026年3月1日〜2026年4月30日"


def test_the_municipality_filter_lists_names_with_codes_as_values(dataset, client):
    page = get(client, dataset.users["admin"], reverse("dashboard:index")).content.decode()
    assert '<option value="131164">豊島区</option>' in page
    assert '<option value="131202">練馬区</option>' in page


def test_a_scoped_coordinator_can_choose_only_their_municipality(dataset):
    scope = DashboardScope(municipality_code="131202")
    filterset = ReferralFigureFilter({}, queryset=scope.referrals(sent_referrals()), scope=scope)
    choices = [
        (value, str(label)) for value, label in filterset.form.fields["municipality"].choices
    ]
    assert choices == [("", "すべて"), ("131202", "練馬区")]


def test_the_access_log_table_scrolls_by_keyboard(dataset, client):
    from referrals.access import export_log

    export_log(user=dataset.users["admin"], purpose="dashboard.index.csv", fields=["figures"])
    page = get(client, dataset.users["admin"], reverse("referrals:access_log")).content.decode()
    assert '<div class="r-table-wrap" tabindex="0" role="region"' in page


def test_a_scoped_coordinator_reads_their_municipality_by_name(dataset, client):
    page = get(client, dataset.users["coordinator_nerima"], reverse("dashboard:index"))
    body = page.content.decode()
    assert "対象: 東京都練馬区の機関からの紹介" in body
    assert "対象: 市区町村コード" not in body
