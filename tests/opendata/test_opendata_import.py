"""Files in the wild: older headers, Shift_JIS, no BOM; a dry run; problems by row and column."""

import pytest

from directory.models import OrganizationPage, ServicePage
from directory.opendata.columns import DATASETS
from directory.opendata.importer import opendata_import

OLD_CARE_FILE = (
    "都道府県コード又は市区町村コード,NO,都道府県名,市区町村名,介護サービス事業所名称,"
    "介護サービス事業所名称_カナ,実施サービス,住所,方書,緯度,経度,電話番号,FAX番号,"
    "法人番号,法人の名称,事業所番号,利用可能曜日,利用可能曜日特記事項,定員,URL,備考\r\n"
    "131164,7,東京都,豊島区,デイサービスつなぐ,デイサービスツナグ,通所介護,"
    "東京都豊島区東池袋一丁目2-3,つなぐビル1階,35.7300,139.7150,03-1234-0000,,"
    "7000012050002,社会福祉法人 つなぐ会,1371600001,,"
    "【営業時間】月～土 8:30～17:30 【休業日】日曜日、祝日、年末年始,25,,送迎あり\r\n"
)


def _import(data, **options):
    return opendata_import(
        data=data, filename="kaigo.csv", dataset=DATASETS["care-facilities"], **options
    )


@pytest.mark.django_db
def test_old_headers_in_shift_jis_import_with_hours_and_operator(directory_data):
    report = _import(OLD_CARE_FILE.encode("cp932"))
    assert report.ok, [str(p) for p in report.problems]
    service = ServicePage.objects.get(title="デイサービスつなぐ")
    assert service.get_parent().specific == directory_data["org"]  # by 法人番号
    assert [(s.byday, s.opens_at.strftime("%H:%M")) for s in service.schedules.all()] == [
        ("MO,TU,WE,TH,FR,SA", "08:30")
    ]
    assert service.closed_on_public_holidays is True
    assert service.hours_notes == "【休業日】年末年始"
    assert service.description == "送迎あり"
    address = service.service_at_locations.get().location.addresses.get()
    assert (address.city, address.address_1, address.address_2) == (
        "豊島区",
        "東池袋一丁目2-3",
        "つなぐビル1階",
    )
    assert [p.field for p in report.warnings if p.field] == []


@pytest.mark.django_db
def test_an_old_file_imported_twice_updates_by_its_id(directory_data):
    data = OLD_CARE_FILE.encode("utf-8")
    assert _import(data).ok
    assert _import(data).ok
    assert ServicePage.objects.filter(title="デイサービスつなぐ").count() == 1


@pytest.mark.django_db
def test_dry_run_reports_and_changes_nothing(directory_data):
    before = ServicePage.objects.count()
    report = _import(OLD_CARE_FILE.encode("utf-8"), dry_run=True)
    assert report.ok
    assert sum(report.created.values()) > 0
    assert ServicePage.objects.count() == before


@pytest.mark.django_db
def test_a_bad_cell_is_reported_by_row_and_column_and_nothing_is_imported(directory_data):
    bad = OLD_CARE_FILE.replace(",25,,", ",25,not a url,")
    report = _import(bad.encode("utf-8"))
    assert [(p.where, p.field) for p in report.errors] == [("2 行目", "URL")]
    assert not OrganizationPage.objects.filter(title="東京都豊島区").exists()
    assert not ServicePage.objects.filter(title="デイサービスつなぐ").exists()


@pytest.mark.django_db
def test_draft_import_is_not_published(directory_data):
    assert _import(OLD_CARE_FILE.encode("utf-8"), draft=True).ok
    assert not ServicePage.objects.get(title="デイサービスつなぐ").live


# The 介護サービス情報公表 open-data CSV (厚生労働省, one file per kind of service) as it is
# published: 都道府県コード又は市町村コード, 事業所名, 方書（ビル名等）, サービスの種類.
KOUHYOU_FILE = (
    "都道府県コード又は市町村コード,No,都道府県名,市区町村名,事業所名,事業所名カナ,"
    "サービスの種類,住所,方書（ビル名等）,緯度,経度,電話番号,FAX番号,法人番号,法人の名称,"
    "事業所番号,利用可能曜日,利用可能曜日特記事項,定員,URL,"
    "高齢者の方と障害者の方が同時一体的に利用できるサービス,"
    "介護保険の通常の指定基準を満たしている,障害福祉の通常の指定基準を満たしている,備考\r\n"
    "131164,1,東京都,豊島区,訪問介護つなぐ,ホウモンカイゴツナグ,訪問介護,"
    "東京都豊島区東池袋一丁目2-3,つなぐビル2階,35.7300,139.7150,03-1234-0001,,"
    "7000012050002,社会福祉法人 つなぐ会,1371600002,月火水木金,,,,,,,\r\n"
)


@pytest.mark.django_db
def test_the_kouhyou_file_headers_are_all_understood(directory_data):
    report = _import(KOUHYOU_FILE.encode("cp932"))
    assert report.ok, [str(p) for p in report.problems]
    assert sorted(p.field for p in report.warnings if p.field) == sorted(
        [
            "高齢者の方と障害者の方が同時一体的に利用できるサービス",
            "介護保険の通常の指定基準を満たしている",
            "障害福祉の通常の指定基準を満たしている",
        ]
    )
    service = ServicePage.objects.get(title="訪問介護つなぐ")
    address = service.service_at_locations.get().location.addresses.get()
    assert address.address_2 == "つなぐビル2階"
    assert service.hours_notes == "【利用可能曜日】月火水木金"


@pytest.mark.django_db
def test_a_row_without_coordinates_is_placed_at_its_municipality_with_a_warning(directory_data):
    report = _import(OLD_CARE_FILE.replace("35.7300,139.7150", ",").encode("utf-8"))
    assert report.ok, [str(p) for p in report.problems]
    assert [(p.where, p.field) for p in report.warnings if p.field] == [("2 行目", "緯度")]
    location = ServicePage.objects.get(title="デイサービスつなぐ").service_at_locations.get()
    assert location.location.latitude is not None


@pytest.mark.django_db
def test_a_wrong_corporate_number_is_reported_in_its_column(directory_data):
    data = OLD_CARE_FILE.replace("7000012050002", "8000012050002").replace("つなぐ会", "となり会")
    report = _import(data.encode("utf-8"))
    assert report.ok
    assert ("2 行目", "法人番号") in [(p.where, p.field) for p in report.warnings]


@pytest.mark.django_db
def test_an_operator_found_by_name_keeps_its_number_and_a_different_one_is_warned(directory_data):
    report = _import(OLD_CARE_FILE.replace("7000012050002", "1234567890123").encode("utf-8"))
    assert report.ok
    assert [(p.where, p.field) for p in report.warnings if p.field] == [("2 行目", "法人番号")]
    directory_data["org"].refresh_from_db()
    assert directory_data["org"].corporate_number == "7000012050002"
