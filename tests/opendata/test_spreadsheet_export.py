"""The template out → in changes nothing; 休業期間 goes out and comes back."""

from datetime import date

import pytest
from django.core.management import call_command
from wagtail.models import Revision

from directory.models import Closure, Schedule, ServicePage
from directory.spreadsheet import closures
from directory.spreadsheet.export import export_rows
from directory.spreadsheet.services import spreadsheet_import
from directory.spreadsheet.values import CellError


def test_closure_ranges_and_single_days_are_read():
    assert closures.parse("2025-12-29〜2026-01-03 年末年始\n2026/5/1") == [
        {"start_date": "2025-12-29", "end_date": "2026-01-03", "description": "年末年始"},
        {"start_date": "2026-05-01", "end_date": "2026-05-01", "description": ""},
    ]


def test_closure_ending_before_it_starts_is_refused():
    with pytest.raises(CellError):
        closures.parse("2026-01-03〜2025-12-29")


@pytest.mark.django_db
def test_exported_template_imported_unchanged_makes_no_new_revision(tmp_path, directory_data):
    # The fixture's all-day row also stores 00:00 times, which HSDS reads as no times.
    Schedule.objects.filter(all_day=True).update(opens_at=None, closes_at=None)
    path = tmp_path / "directory.xlsx"
    call_command("export_spreadsheet", str(path), verbosity=0)
    revisions = Revision.objects.count()
    report = spreadsheet_import(data=path.read_bytes(), filename="directory.xlsx")
    assert report.ok, [str(p) for p in report.problems]
    assert report.created == {}
    assert Revision.objects.count() == revisions
    assert ServicePage.objects.count() == 4


@pytest.mark.django_db
def test_closures_go_out_and_an_edited_cell_comes_back(tmp_path, directory_data):
    food = directory_data["food"]
    rows = export_rows(organization=directory_data["org"])
    assert rows[0]["closures"] == "2025-12-29〜2026-01-03 年末年始"
    path = tmp_path / "org.xlsx"
    call_command(
        "export_spreadsheet", str(path), "--organization", str(directory_data["org"].hsds_id)
    )
    from openpyxl import load_workbook  # only this test edits a workbook

    workbook = load_workbook(path)
    sheet = workbook["取り込み"]
    column = [c.value for c in sheet[1]].index("休業期間") + 1
    sheet.cell(row=2, column=column, value="2026-08-13〜2026-08-16 夏季休業")
    workbook.save(path)
    report = spreadsheet_import(data=path.read_bytes(), filename="org.xlsx")
    assert report.ok, [str(p) for p in report.problems]
    food = ServicePage.objects.get(pk=food.pk)
    assert [(c.start_date, c.end_date, c.description) for c in food.closures.all()] == [
        (date(2026, 8, 13), date(2026, 8, 16), "夏季休業")
    ]
    assert Closure.objects.filter(service=food).count() == 1
