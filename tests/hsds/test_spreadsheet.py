"""Spreadsheet import (directory.spreadsheet): template → filled rows → the HSDS importer."""

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from directory.models import Location, OrganizationPage, ServicePage
from directory.providers.workflow import moderation_ensure
from directory.spreadsheet.columns import COLUMNS
from directory.spreadsheet.services import spreadsheet_import
from directory.spreadsheet.template import HELP_SHEET, template_csv, template_xlsx
from search.backends import get_backend
from search.contract import SearchQuery
from tests.factories import OrganizationPageFactory, ServicePageFactory
from tests.otp import login_verified

HEADERS = [c.header for c in COLUMNS]

PANTRY = {
    "団体名": "NPO法人 まちのパントリー",
    "法人種別": "NPO法人",
    "団体の電話番号": "03-3333-4444",
    "サービス名": "まちのフードパントリー",
    "サービスの説明": "お米や缶詰などを無料でお渡しします。",
    "分類": "食料支援、食料品の配布",
    "対象": "ひとり親家庭、子どものいる世帯",
    "提供方法": "来所",
    "費用": "無料",
    "郵便番号": "170-0013",
    "都道府県": "東京都",
    "市区町村": "豊島区",
    "町域・番地": "東池袋1-2-3",
    "建物名": "まちビル1階",
    "電話番号": "03-3333-5555",
    "メール": "pantry@example.jp",
    "ウェブサイト": "https://example.jp/pantry",
    "受付時間": "月〜金 10:00-12:00、13:00-16:00／第2・第4土曜 10:00-14:00／祝日休み",
    "対応言語": "日本語、やさしい日本語、英語",
    "持ち物": "本人確認書類、エコバッグ",
}
STUDY = PANTRY | {
    "サービス名": "まちの学習教室",
    "サービスの説明": "中学生の勉強を大学生が手伝います。",
    "分類": "学習支援",
    "対象": "子どものいる世帯",
    "受付時間": "水 17:00-19:00",
}


def xlsx(*rows: dict, template: bytes | None = None) -> bytes:
    """The downloaded template with ``rows`` filled in under the header."""
    workbook = load_workbook(io.BytesIO(template or template_xlsx()))
    sheet = workbook.worksheets[0]
    for number, row in enumerate(rows, start=2):
        for index, header in enumerate(HEADERS, start=1):
            sheet.cell(row=number, column=index, value=row.get(header))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def csv_text(*rows: dict) -> str:
    lines = [",".join(HEADERS)]
    lines += [",".join(f'"{row.get(h, "")}"' for h in HEADERS) for row in rows]
    return "\r\n".join(lines) + "\r\n"


def problems(report) -> list[tuple[str, str, str]]:
    return [(p.where, p.field, p.message) for p in report.errors]


@pytest.fixture
def coordinator(directory_index, django_user_model):
    group, _ = Group.objects.get_or_create(name="コーディネーター")
    moderation_ensure(coordinator_group=group)
    user = django_user_model.objects.create_user("coordinator", "c@example.jp", "x")
    user.groups.add(group)
    return user


# --- template ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_xlsx_template_has_headers_explanation_sheet_and_lists(directory_index):
    workbook = load_workbook(io.BytesIO(template_xlsx()))
    sheet = workbook.worksheets[0]
    assert [c.value for c in sheet[1]] == HEADERS
    explained = [row[0].value for row in workbook[HELP_SHEET].iter_rows(min_row=2)]
    assert explained[: len(HEADERS)] == HEADERS
    validated = {str(v.sqref).split(":")[0] for v in sheet.data_validations.dataValidation}
    letters = {get_column_letter(HEADERS.index(h) + 1) for h in ("分類", "法人種別", "費用")}
    assert validated == {f"{letter}2" for letter in letters}


def test_csv_template_is_the_header_row_with_a_bom():
    data = template_csv()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").strip() == ",".join(HEADERS)


# --- importing --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_filled_template_imports_organization_service_and_location(directory_index):
    report = spreadsheet_import(data=xlsx(PANTRY), filename="list.xlsx")

    assert report.ok, [str(p) for p in report.problems]
    service = ServicePage.objects.get(title="まちのフードパントリー")
    assert service.live
    assert service.get_parent().specific.title == "NPO法人 まちのパントリー"
    assert service.get_parent().specific.provider_type == "npo"
    assert {t.code for t in service.categories.all()} == {"food", "food-pantry"}
    assert service.target_groups == ["single_parent", "household_with_children"]
    assert service.languages == ["ja", "ja-x-easy", "en"]
    assert service.closed_on_public_holidays is True
    assert [(s.freq, s.byday) for s in service.schedules.all()] == [
        ("WEEKLY", "MO,TU,WE,TH,FR"),
        ("WEEKLY", "MO,TU,WE,TH,FR"),
        ("MONTHLY", "2SA,4SA"),
    ]
    assert [d.document for d in service.required_documents.all()] == ["本人確認書類", "エコバッグ"]
    location = service.service_at_locations.get().location
    assert location.municipality_code == "131164"
    assert location.latitude is not None
    assert location.addresses.get().postal_code == "170-0013"


@pytest.mark.django_db
def test_rows_with_the_same_organization_name_share_one_organization(directory_index):
    report = spreadsheet_import(data=xlsx(PANTRY, STUDY), filename="list.xlsx")

    assert report.ok, [str(p) for p in report.problems]
    assert OrganizationPage.objects.filter(title="NPO法人 まちのパントリー").count() == 1
    assert report.created["service"] == 2
    assert report.created["organization"] == 1


@pytest.mark.django_db
def test_utf8_csv_imports(directory_index):
    data = csv_text(PANTRY).encode("utf-8")

    report = spreadsheet_import(data=data, filename="list.csv")

    assert report.ok, [str(p) for p in report.problems]
    assert ServicePage.objects.filter(title="まちのフードパントリー").exists()


@pytest.mark.django_db
def test_shift_jis_csv_from_excel_imports_with_a_warning(directory_index):
    data = csv_text(PANTRY).encode("cp932")

    report = spreadsheet_import(data=data, filename="list.csv")

    assert report.ok, [str(p) for p in report.problems]
    assert ServicePage.objects.filter(title="まちのフードパントリー").exists()
    assert any("Shift_JIS" in p.message for p in report.warnings)


@pytest.mark.django_db
def test_errors_name_row_and_column_and_nothing_is_imported(directory_index):
    bad_postal = STUDY | {"郵便番号": "170-13"}
    bad_type = PANTRY | {"サービス名": "別の支援", "法人種別": "NPO法人", "費用": "ときどき"}
    rows = (PANTRY, bad_postal, bad_type | {"サービス名": ""})

    report = spreadsheet_import(data=xlsx(*rows), filename="list.xlsx")

    assert not report.ok
    assert problems(report) == [
        ("3 行目", "郵便番号", "7桁の数字で書いてください（例: 170-0013）"),
        ("4 行目", "サービス名", "必須です。空欄にはできません"),
        (
            "4 行目",
            "費用",
            "「ときどき」は使えません。次から選んでください: 無料、低額、有料",
        ),
    ]
    assert not OrganizationPage.objects.filter(title="NPO法人 まちのパントリー").exists()
    assert not ServicePage.objects.filter(title="まちのフードパントリー").exists()


@pytest.mark.django_db
def test_unreadable_hours_and_unknown_category_are_errors(directory_index):
    row = PANTRY | {"受付時間": "いつでも", "分類": "宇宙支援"}

    report = spreadsheet_import(data=xlsx(row), filename="list.xlsx")

    assert [(where, column) for where, column, _message in problems(report)] == [
        ("2 行目", "分類"),
        ("2 行目", "受付時間"),
    ]


@pytest.mark.django_db
def test_phone_number_that_lost_its_leading_zero_says_so(directory_index):
    report = spreadsheet_import(data=xlsx(PANTRY | {"電話番号": 333335555}), filename="list.xlsx")

    ((where, column, message),) = problems(report)
    assert (where, column) == ("2 行目", "電話番号")
    assert "先頭の 0" in message


@pytest.mark.django_db
def test_conflicting_values_for_one_organization_are_an_error(directory_index):
    rows = (PANTRY, STUDY | {"法人種別": "社会福祉法人"})

    report = spreadsheet_import(data=xlsx(*rows), filename="list.xlsx")

    assert [(w, c) for w, c, _m in problems(report)] == [("3 行目", "法人種別")]


@pytest.mark.django_db
def test_reimport_by_id_updates_instead_of_duplicating(directory_index):
    assert spreadsheet_import(data=xlsx(PANTRY), filename="list.xlsx").ok
    service = ServicePage.objects.get(title="まちのフードパントリー")
    changed = PANTRY | {
        "ID": str(service.hsds_id),
        "サービス名": "まちのパントリー（名前を変更）",
        "町域・番地": "東池袋4-5-6",
    }

    report = spreadsheet_import(data=xlsx(changed), filename="list.xlsx")

    assert report.ok, [str(p) for p in report.problems]
    assert report.updated["service"] == 1
    assert ServicePage.objects.count() == 1
    service.refresh_from_db()
    assert service.title == "まちのパントリー（名前を変更）"
    assert Location.objects.count() == 1
    assert service.service_at_locations.get().location.addresses.get().address_1 == "東池袋4-5-6"


@pytest.mark.django_db
def test_reimport_by_id_keeps_what_the_template_has_no_column_for(directory_index):
    organization = OrganizationPageFactory(title="NPO法人 まちのパントリー")
    service = ServicePageFactory(parent=organization, capacity_note="今月はあと3件")
    row = PANTRY | {"ID": str(service.hsds_id)}

    report = spreadsheet_import(data=xlsx(row), filename="list.xlsx")

    assert report.ok, [str(p) for p in report.problems]
    service.refresh_from_db()
    assert service.title == "まちのフードパントリー"
    assert service.capacity_note == "今月はあと3件"
    assert OrganizationPage.objects.filter(title="NPO法人 まちのパントリー").count() == 1


@pytest.mark.django_db
def test_unknown_id_that_is_not_a_uuid_is_an_error(directory_index):
    report = spreadsheet_import(data=xlsx(PANTRY | {"ID": "123"}), filename="list.xlsx")

    assert [(w, c) for w, c, _m in problems(report)] == [("2 行目", "ID")]


@pytest.mark.django_db
def test_same_file_twice_without_ids_changes_nothing(directory_index):
    data = xlsx(PANTRY, STUDY)
    assert spreadsheet_import(data=data, filename="list.xlsx").ok

    report = spreadsheet_import(data=data, filename="list.xlsx")

    assert report.ok
    assert report.created.get("service", 0) == 0
    assert ServicePage.objects.count() == 2


@pytest.mark.django_db
def test_imported_services_are_found_by_search(directory_index):
    spreadsheet_import(data=xlsx(PANTRY), filename="list.xlsx")
    service = ServicePage.objects.get(title="まちのフードパントリー")

    result = get_backend().search(SearchQuery(text="パントリー"))

    assert service.pk in {hit.service_id for hit in result.hits}


@pytest.mark.django_db
def test_dry_run_reports_counts_and_writes_nothing(directory_index):
    report = spreadsheet_import(data=xlsx(PANTRY), filename="list.xlsx", dry_run=True)

    assert report.ok
    assert report.created["service"] == 1
    assert not ServicePage.objects.exists()


@pytest.mark.django_db
def test_a_bad_postal_code_is_the_only_error_when_prefecture_and_city_are_left_to_it(
    directory_index,
):
    row = PANTRY | {"郵便番号": "170-13", "都道府県": "", "市区町村": ""}
    report = spreadsheet_import(data=xlsx(row), filename="list.xlsx")

    assert problems(report) == [("2 行目", "郵便番号", "7桁の数字で書いてください（例: 170-0013）")]


@pytest.mark.django_db
def test_dry_run_command_says_it_could_import_and_saved_nothing(tmp_path, directory_index):
    filled = tmp_path / "filled.csv"
    filled.write_text(csv_text(PANTRY), encoding="utf-8")
    out = io.StringIO()

    call_command("import_spreadsheet", str(filled), "--dry-run", stdout=out)

    assert "取り込めます（試行のみ、保存していません）" in out.getvalue()
    assert "取り込みました" not in out.getvalue()
    assert not ServicePage.objects.exists()


# --- commands ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_template_command_writes_xlsx_and_import_command_reads_it_back(tmp_path, directory_index):
    template = tmp_path / "template.xlsx"
    call_command("spreadsheet_template", str(template), verbosity=0)
    filled = tmp_path / "filled.xlsx"
    filled.write_bytes(xlsx(PANTRY, template=template.read_bytes()))

    call_command("import_spreadsheet", str(filled), "--draft", verbosity=0)

    service = ServicePage.objects.get(title="まちのフードパントリー")
    assert not service.live


@pytest.mark.django_db
def test_import_command_fails_with_the_error_count(tmp_path, directory_index):
    filled = tmp_path / "filled.csv"
    filled.write_text(csv_text(PANTRY | {"郵便番号": "1"}), encoding="utf-8")

    with pytest.raises(CommandError, match="1 件"):
        call_command("import_spreadsheet", str(filled), verbosity=0)


# --- admin ------------------------------------------------------------------------------------

UPLOAD_URL = "/admin/spreadsheet/"


@pytest.mark.django_db
def test_anonymous_user_cannot_reach_the_upload_page(client, directory_index):
    response = client.get(UPLOAD_URL)

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_admin_user_without_moderation_permission_is_refused(
    client, directory_index, django_user_model
):
    editor = django_user_model.objects.create_user("editor", "e@example.jp", "x")
    editors = Group.objects.create(name="編集者")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(editors)
    login_verified(client, editor)

    # Wagtail turns PermissionDenied in the admin into a redirect to the dashboard.
    for url in (UPLOAD_URL, UPLOAD_URL + "template.xlsx"):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, "/admin/")


@pytest.mark.django_db
def test_coordinator_downloads_the_xlsx_template(client, coordinator):
    login_verified(client, coordinator)

    response = client.get(UPLOAD_URL + "template.xlsx")

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert [
        c.value for c in load_workbook(io.BytesIO(response.content)).worksheets[0][1]
    ] == HEADERS


@pytest.mark.django_db
def test_coordinator_downloads_the_csv_template(client, coordinator):
    login_verified(client, coordinator)

    response = client.get(UPLOAD_URL + "template.csv")

    assert response.status_code == 200
    assert response.content.decode("utf-8-sig").startswith("団体名,")


@pytest.mark.django_db
def test_upload_with_errors_lists_them_and_imports_nothing(client, coordinator):
    login_verified(client, coordinator)
    upload = io.BytesIO(xlsx(PANTRY | {"郵便番号": "12"}))
    upload.name = "list.xlsx"

    response = client.post(UPLOAD_URL, {"file": upload, "action": "import"})

    assert response.status_code == 200
    content = response.content.decode()
    assert "何も取り込んでいません" in content
    assert "郵便番号" in content and "2 行目" in content
    assert response.context["form"].errors["file"]
    assert not ServicePage.objects.filter(title="まちのフードパントリー").exists()


@pytest.mark.django_db
def test_upload_without_errors_imports_and_shows_counts(client, coordinator):
    login_verified(client, coordinator)
    upload = io.BytesIO(csv_text(PANTRY).encode("cp932"))
    upload.name = "list.csv"

    response = client.post(UPLOAD_URL, {"file": upload, "action": "import"})

    assert response.status_code == 200
    assert "支援 新規 1 件・更新 0 件" in response.content.decode()
    assert ServicePage.objects.filter(title="まちのフードパントリー", live=True).exists()


@pytest.mark.django_db
def test_upload_of_another_file_type_is_a_field_error(client, coordinator):
    login_verified(client, coordinator)
    upload = io.BytesIO(b"%PDF-1.4")
    upload.name = "list.pdf"

    response = client.post(UPLOAD_URL, {"file": upload, "action": "import"})

    assert response.context["form"].errors["file"] == [
        "取り込めるのは .xlsx と .csv のファイルです"
    ]
