"""Issue 13 items 5 and 6: formula-like names, oversized and binary input, capped reports.

Both importers (HSDS JSON/tabular and the spreadsheet, which goes through the HSDS importer)
refuse such input with the place and the field, and write nothing; exports write formula-like
cells as text.
"""

import csv
import io
import json
import time
import uuid
import zipfile

import pytest
from django.core.management import call_command
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from directory.hsds.importer import import_path
from directory.models import OrganizationPage, ServicePage
from directory.spreadsheet.columns import COLUMNS
from directory.spreadsheet.services import spreadsheet_import
from tests.factories import OrganizationPageFactory, ServicePageFactory

pytestmark = pytest.mark.django_db

HEADERS = [c.header for c in COLUMNS]
ROW = {
    "団体名": "NPO法人 まちのパントリー",
    "サービス名": "まちのフードパントリー",
    "サービスの説明": "お米や缶詰などを無料でお渡しします。",
    "分類": "食料支援",
    "郵便番号": "170-0013",
    "都道府県": "東京都",
    "市区町村": "豊島区",
    "町域・番地": "東池袋1-2-3",
}


def service(**overrides):
    return {
        "id": str(uuid.uuid4()),
        "name": "こども食堂",
        "status": "active",
        "description": "毎週水曜日に食事を出しています。",
        "organization": {
            "id": str(uuid.uuid4()),
            "name": "NPO法人 ひまわり",
            "description": "地域の団体",
        },
    } | overrides


def write_json(tmp_path, data):
    path = tmp_path / "data.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def csv_bytes(*rows: dict) -> bytes:
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow([row.get(h, "") for h in HEADERS])
    return output.getvalue().encode("utf-8")


def errors(report) -> list[tuple[str, str, str]]:
    return [(p.where, p.field, p.message) for p in report.errors]


# --- formula injection ---------------------------------------------------------------------


def test_hsds_import_refuses_a_name_that_starts_like_a_formula(tmp_path, directory_index):
    report = import_path(write_json(tmp_path, [service(name='=HYPERLINK("http://x","ok")')]))

    assert [(p.where, p.field) for p in report.errors] == [("/0/name", "name")]
    assert "数式" in report.errors[0].message
    assert not ServicePage.objects.exists()


@pytest.mark.parametrize("name", ["+81 ひまわり", "@ひまわり", "-cmd|' /C calc'!A0"])
def test_hsds_import_refuses_other_formula_starts(tmp_path, directory_index, name):
    report = import_path(write_json(tmp_path, [service(name=name)]))
    assert not report.ok


def test_hsds_import_accepts_a_dash_before_a_digit(tmp_path, directory_index):
    report = import_path(write_json(tmp_path, [service(name="-1番館 こども食堂")]))
    assert report.ok, [str(p) for p in report.problems]


def test_spreadsheet_names_the_row_and_column_of_a_formula_like_name(directory_index):
    report = spreadsheet_import(
        data=csv_bytes(ROW | {"団体名": "@SUM(1+1)*cmd"}), filename="list.csv"
    )

    assert [(w, f) for w, f, _ in errors(report)] == [("2 行目", "団体名")]
    assert not OrganizationPage.objects.filter(title__contains="SUM").exists()


def test_tabular_export_writes_formula_like_cells_as_text(tmp_path, directory_index):
    # Names typed in the admin, where no importer rule applies, are still exported safely.
    org = OrganizationPageFactory(title='=HYPERLINK("http://evil")')
    ServicePageFactory(parent=org, title="+81 相談", description="-2+3+cmd|' /C calc'!A0")
    folder = tmp_path / "package"

    call_command("export_hsds", str(folder), format="tabular", verbosity=0)

    cells = {
        cell
        for name in ("organizations.csv", "services.csv")
        for row in csv.reader((folder / name).open(encoding="utf-8"))
        for cell in row
    }
    assert '\'=HYPERLINK("http://evil")' in cells
    assert "'+81 相談" in cells
    assert "'-2+3+cmd|' /C calc'!A0" in cells
    assert not any(c.startswith(("=", "+", "-", "@")) and not _number(c) for c in cells)


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


# --- unbounded input -----------------------------------------------------------------------


def test_a_nul_byte_in_a_title_is_refused(tmp_path, directory_index):
    report = import_path(write_json(tmp_path, [service(name="こども\x00食堂")]))

    assert [(p.where, p.field) for p in report.errors] == [("/0/name", "name")]
    assert "制御文字" in report.errors[0].message
    assert not ServicePage.objects.exists()


def test_a_17_8_million_character_description_is_refused(tmp_path, directory_index):
    report = import_path(write_json(tmp_path, [service(description="あ" * 17_800_000)]))

    assert [(p.where, p.field) for p in report.errors] == [("/0/description", "description")]
    assert "10,000" in report.errors[0].message
    assert not ServicePage.objects.exists()


def test_spreadsheet_cell_with_a_control_character_names_row_and_column(directory_index):
    report = spreadsheet_import(
        data=csv_bytes(ROW, ROW | {"サービス名": "学習\x1b教室"}), filename="list.csv"
    )

    assert [(w, f) for w, f, _ in errors(report)] == [("3 行目", "サービス名")]
    assert not ServicePage.objects.exists()


def test_spreadsheet_cell_over_the_length_limit_is_refused(directory_index):
    report = spreadsheet_import(
        data=csv_bytes(ROW | {"サービスの説明": "あ" * 10_001}), filename="list.csv"
    )
    assert [(w, f) for w, f, _ in errors(report)] == [("2 行目", "サービスの説明")]


def big_xlsx(rows: int) -> bytes:
    """An XLSX with the template's header and ``rows`` rows, its sheet XML written directly."""
    workbook = Workbook()
    workbook.active.append(HEADERS)
    template = io.BytesIO()
    workbook.save(template)
    org, svc = (get_column_letter(HEADERS.index(h) + 1) for h in ("団体名", "サービス名"))
    header = "".join(
        f'<c r="{get_column_letter(i)}1" t="inlineStr"><is><t>{h}</t></is></c>'
        for i, h in enumerate(HEADERS, start=1)
    )
    body = "".join(
        f'<row r="{n}"><c r="{org}{n}" t="inlineStr"><is><t>団体</t></is></c>'
        f'<c r="{svc}{n}" t="inlineStr"><is><t>支援{n}</t></is></c></row>'
        for n in range(2, rows + 2)
    )
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<sheetData><row r="1">{header}</row>{body}</sheetData></worksheet>'
    )
    output = io.BytesIO()
    with (
        zipfile.ZipFile(template) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                data = sheet.encode()
            target.writestr(member.filename, data)
    return output.getvalue()


def test_a_300k_row_xlsx_is_refused_fast_with_a_clear_message(directory_index):
    data = big_xlsx(300_000)
    assert len(data) < 10 * 1024 * 1024  # small enough to pass the upload limit

    started = time.perf_counter()
    report = spreadsheet_import(data=data, filename="list.xlsx")
    elapsed = time.perf_counter() - started

    assert errors(report) == [
        ("", "", "行が多すぎます。1つのファイルは 5,000 行までです。分けて取り込んでください")
    ]
    assert elapsed < 15
    assert not OrganizationPage.objects.exists()


def test_an_xlsx_that_unzips_past_the_limit_is_refused_before_reading(settings, directory_index):
    settings.INPUT_LIMITS = {"xlsx_unzipped_bytes": 1024 * 1024}
    report = spreadsheet_import(data=big_xlsx(20_000), filename="list.xlsx")
    assert len(report.errors) == 1
    assert "展開すると 1 MB を超えます" in report.errors[0].message


def test_too_many_cells_are_refused(settings, directory_index):
    settings.INPUT_LIMITS = {"spreadsheet_cells": 5 * len(HEADERS)}
    report = spreadsheet_import(data=csv_bytes(*[ROW] * 6), filename="list.csv")
    assert ["セルが多すぎます" in m for _, _, m in errors(report)] == [True]


def test_an_upload_over_the_byte_limit_is_refused(settings, directory_index):
    settings.INPUT_LIMITS = {"upload_bytes": 1024 * 1024}
    report = spreadsheet_import(data=b"x" * (1024 * 1024 + 1), filename="list.csv")
    assert [m for _, _, m in errors(report)] == [
        "ファイルが大きすぎます（1 MB まで）。分けて取り込んでください"
    ]


def test_the_error_list_is_capped_and_says_how_many_more(settings, directory_index):
    settings.INPUT_LIMITS = {"report_lines": 5}
    report = spreadsheet_import(data=csv_bytes(*[ROW | {"郵便番号": "1"}] * 8), filename="list.csv")

    assert len(report.problems) == 5
    assert report.error_count == 8
    assert report.more == "…ほか 3 件"
    assert not report.ok


def test_blank_rows_do_not_shift_the_row_numbers_of_errors(directory_index):
    data = csv_bytes(ROW, {}, ROW | {"サービス名": "学習\x00教室"})
    report = spreadsheet_import(data=data, filename="list.csv")
    assert [(w, f) for w, f, _ in errors(report)] == [("4 行目", "サービス名")]
