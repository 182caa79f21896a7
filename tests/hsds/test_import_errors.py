"""Bad files produce every problem, with file, place and field, and change nothing."""

import copy
import json
import shutil
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from directory.hsds.importer import import_path
from directory.models import Location, OrganizationPage, ServicePage

ORG_ID = "0f5f7a7e-4d1c-4b8e-9d0a-2b6a1f0c9e11"
SERVICE_ID = "3c1c5a80-1b7e-4f0e-8e44-5b8f4f1a2b01"
LOCATION_ID = "6a1d2e3f-4b5c-4d7e-8f90-a1b2c3d4e5f6"


def service(**overrides):
    data = {
        "id": SERVICE_ID,
        "name": "こども食堂",
        "status": "active",
        "description": "毎週水曜日に食事を出しています。",
        "organization": {"id": ORG_ID, "name": "NPO法人 ひまわり", "description": "地域の団体"},
        "languages": [{"id": str(uuid.uuid4()), "code": "ja"}],
        "service_at_locations": [
            {
                "id": str(uuid.uuid4()),
                "location_id": LOCATION_ID,
                "location": {
                    "id": LOCATION_ID,
                    "location_type": "physical",
                    "name": "ひまわり会館",
                    "latitude": 35.7295,
                    "longitude": 139.719,
                    "addresses": [
                        {
                            "id": str(uuid.uuid4()),
                            "address_1": "東池袋1-2-3",
                            "city": "豊島区",
                            "state_province": "東京都",
                            "postal_code": "170-0013",
                            "country": "JP",
                            "address_type": "physical",
                        }
                    ],
                },
            }
        ],
        "schedules": [
            {
                "id": str(uuid.uuid4()),
                "freq": "WEEKLY",
                "byday": "WE",
                "opens_at": "17:00",
                "closes_at": "19:00",
            }
        ],
    }
    data.update(overrides)
    return data


def write(tmp_path, data, name="data.json", encoding="utf-8"):
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding=encoding)
    return path


def counts():
    return (ServicePage.objects.count(), OrganizationPage.objects.count(), Location.objects.count())


@pytest.mark.django_db
def test_valid_file_imports(tmp_path, directory_index):
    report = import_path(write(tmp_path, [service()]))
    assert report.ok, [str(p) for p in report.problems]
    page = ServicePage.objects.get(hsds_id=SERVICE_ID)
    assert page.live and page.get_parent().specific.hsds_id == uuid.UUID(ORG_ID)
    assert page.schedules.get().byday == "WE"
    assert page.service_at_locations.get().location.addresses.get().postal_code == "170-0013"


@pytest.mark.django_db
def test_every_problem_is_reported_and_nothing_changes(tmp_path, directory_index):
    bad = service()
    del bad["name"]
    bad["status"] = "open"
    bad["minimum_age"] = "eighteen"
    bad["service_at_locations"][0]["location"]["addresses"][0].pop("city")
    before = counts()
    report = import_path(write(tmp_path, [bad, service(id="not-a-uuid")]))
    assert not report.ok
    places = {(p.file, p.where, p.field) for p in report.errors}
    assert ("data.json", "/0/name", "name") in places
    assert ("data.json", "/0/status", "status") in places
    assert ("data.json", "/0/minimum_age", "minimum_age") in places
    assert ("data.json", "/0/service_at_locations/0/location/addresses/0/city", "city") in places
    assert ("data.json", "/1/id", "id") in places
    assert all(p.message for p in report.errors)
    assert counts() == before


@pytest.mark.django_db
def test_dangling_ids_are_errors(tmp_path, directory_index):
    missing_org = service(organization_id=str(uuid.uuid4()))
    del missing_org["organization"]
    missing_location = service(id=str(uuid.uuid4()))
    del missing_location["service_at_locations"][0]["location"]
    missing_location["service_at_locations"][0]["location_id"] = str(uuid.uuid4())
    dangling_term = service(id=str(uuid.uuid4()))
    dangling_term["attributes"] = [
        {"id": str(uuid.uuid4()), "taxonomy_term_id": str(uuid.uuid4()), "link_entity": "service"}
    ]
    before = counts()
    report = import_path(write(tmp_path, [missing_org, missing_location, dangling_term]))
    fields = sorted(p.field for p in report.errors)
    assert fields == ["attributes", "location_id", "organization_id"], [
        str(p) for p in report.errors
    ]
    assert counts() == before


@pytest.mark.django_db
def test_unusable_values_are_warnings_and_left_empty(tmp_path, directory_index):
    data = service()
    location = data["service_at_locations"][0]["location"]
    location["latitude"], location["longitude"] = 40.7, -74.0  # New York
    location["addresses"].append(
        {
            "id": str(uuid.uuid4()),
            "address_1": "1 Main St",
            "city": "Springfield",
            "state_province": "IL",
            "postal_code": "62701",
            "country": "US",
            "address_type": "postal",
        }
    )
    data["languages"].append({"id": str(uuid.uuid4()), "code": "xx-klingon"})
    data["url"] = "not a url"
    report = import_path(write(tmp_path, [data]))
    assert report.ok, [str(p) for p in report.errors]
    warned = {p.field for p in report.warnings}
    assert {"latitude", "country", "code", "url"} <= warned
    page = ServicePage.objects.get(hsds_id=SERVICE_ID)
    assert page.languages == ["ja"] and page.website == ""
    stored = Location.objects.get(hsds_id=LOCATION_ID)
    assert stored.latitude is None and stored.addresses.count() == 1


@pytest.mark.django_db
def test_shift_jis_json_is_converted_with_a_warning(tmp_path, directory_index):
    path = write(tmp_path, [service()], encoding="cp932")
    report = import_path(path)
    assert report.ok, [str(p) for p in report.problems]
    assert any("Shift_JIS" in p.message for p in report.warnings)
    assert ServicePage.objects.get(hsds_id=SERVICE_ID).title == "こども食堂"


@pytest.mark.django_db
def test_utf8_bom_is_accepted(tmp_path, directory_index):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps([service()], ensure_ascii=False).encode())
    assert import_path(path).ok


@pytest.mark.django_db
def test_unreadable_bytes_are_reported(tmp_path, directory_index):
    path = tmp_path / "broken.json"
    path.write_bytes(b"\x00\xff\xfe\x81" * 50)
    report = import_path(path)
    assert not report.ok and report.errors[0].file == "broken.json"


@pytest.mark.django_db
def test_broken_json_gives_line_and_column(tmp_path, directory_index):
    path = tmp_path / "cut.json"
    path.write_text('[{"id": "x",\n "name": ', encoding="utf-8")
    report = import_path(path)
    assert not report.ok and "2" in report.errors[0].where


@pytest.fixture
def package(tmp_path, directory_data):
    folder = tmp_path / "package"
    call_command("export_hsds", str(folder), format="tabular", verbosity=0)
    return folder


@pytest.mark.django_db
def test_csv_broken_quoting(package):
    path = package / "services.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace(",", ',"unterminated', 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = counts()
    report = import_path(package)
    assert not report.ok
    assert any(p.file == "services.csv" and "3" in p.where for p in report.errors), [
        str(p) for p in report.errors
    ]
    assert counts() == before


@pytest.mark.django_db
def test_csv_missing_required_value_and_dangling_row(package):
    path = package / "services.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[1].split(",")
    cells[header.index("status")] = ""
    lines[1] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    phones = package / "phones.csv"
    rows = phones.read_text(encoding="utf-8").splitlines()
    phone_header = rows[0].split(",")
    extra = [""] * len(phone_header)
    extra[phone_header.index("id")] = str(uuid.uuid4())
    extra[phone_header.index("service_id")] = str(uuid.uuid4())
    extra[phone_header.index("number")] = "03-0000-0000"
    phones.write_text("\n".join([*rows, ",".join(extra)]) + "\n", encoding="utf-8")
    before_titles = sorted(ServicePage.objects.values_list("title", flat=True))
    report = import_path(package)
    places = {(p.file, p.field) for p in report.errors}
    assert ("services.csv", "status") in places
    assert ("phones.csv", "service_id") in places
    assert sorted(ServicePage.objects.values_list("title", flat=True)) == before_titles


@pytest.mark.django_db
def test_csv_in_shift_jis_is_converted(package, tmp_path):
    converted = tmp_path / "sjis"
    shutil.copytree(package, converted)
    for csv_file in converted.glob("*.csv"):
        csv_file.write_bytes(csv_file.read_text(encoding="utf-8").encode("cp932"))
    report = import_path(converted)
    assert report.ok, [str(p) for p in report.errors]
    assert any("Shift_JIS" in p.message for p in report.warnings)


@pytest.mark.django_db
def test_command_exit_code_and_english(tmp_path, directory_index, capsys):
    bad = service()
    del bad["status"]
    path = write(tmp_path, [bad])
    with pytest.raises(CommandError):
        call_command("import_hsds", str(path), verbosity=0)
    with pytest.raises(CommandError):
        call_command("import_hsds", str(path), lang="en", verbosity=0)
    assert "/0/status" in capsys.readouterr().err


@pytest.mark.django_db
def test_draft_import_is_not_live(tmp_path, directory_index):
    call_command("import_hsds", str(write(tmp_path, [service()])), draft=True, verbosity=0)
    page = ServicePage.objects.get(hsds_id=SERVICE_ID)
    assert not page.live


@pytest.mark.django_db
def test_organizations_with_services_shape(tmp_path, directory_index):
    organization = copy.deepcopy(service()["organization"])
    nested = service()
    del nested["organization"]
    organization["services"] = [nested]
    report = import_path(write(tmp_path, [organization]))
    assert report.ok, [str(p) for p in report.problems]
    assert ServicePage.objects.get(hsds_id=SERVICE_ID).live


@pytest.mark.django_db
def test_messages_follow_the_active_language(tmp_path, directory_index):
    bad = service()
    del bad["status"]
    with translation.override("ja"):
        report = import_path(write(tmp_path, [bad]))
    assert "必須" in report.errors[0].message
