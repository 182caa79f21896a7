"""Open Referral's own example data (tests/hsds/data/openreferral, CC BY-SA 4.0, see NOTICE.md).

A third-party file written for another country: what cannot be used in Japan (a US address,
coordinates outside Japan, an amount in GBP, a UK phone number) is a warning and left empty,
the rest is imported, published, searchable and exported again as valid HSDS.
"""

import json
import shutil
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from directory.hsds.exporter import check_json, export_tabular
from directory.hsds.importer import import_path
from directory.hsds.problems import Report
from directory.hsds.tabular import read_package
from directory.models import Location, OrganizationPage, ServicePage
from search.backends import get_backend
from search.contract import SearchQuery

DATA = Path(__file__).parent / "data" / "openreferral"
SERVICE_ID = uuid.UUID("ac148810-d857-441c-9679-408f346de14b")
ORGANIZATION_ID = uuid.UUID("d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610")
LOCATION_ID = uuid.UUID("3a19ff88-4620-4d17-9830-ac1d859eb5d5")


def _fields(problems):
    return {p.field for p in problems}


def _assert_browsable_and_findable(client):
    service = ServicePage.objects.get(hsds_id=SERVICE_ID)
    assert service.live and not service.has_unpublished_changes
    assert service.get_parent().specific.hsds_id == ORGANIZATION_ID
    response = client.get(service.url)
    assert response.status_code == 200
    assert "Community Counselling" in response.content.decode()
    result = get_backend("database").search(SearchQuery(text="Counselling"))
    assert SERVICE_ID in {hit.hsds_id for hit in result.hits}


def _assert_exports_valid(tmp_path):
    out = tmp_path / "export.json"
    call_command("export_hsds", str(out), verbosity=0)
    assert check_json(out) == []
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert str(SERVICE_ID) in {s["id"] for s in exported}
    folder = tmp_path / "tabular"
    export_tabular(folder)
    report = Report()
    read_package(folder, report=report)
    assert report.ok, [str(p) for p in report.errors]


@pytest.mark.django_db
def test_service_full_example_imports_with_warnings(tmp_path, client, directory_index):
    report = import_path(DATA / "service_full.json", lenient_links=True)

    assert report.ok, [str(p) for p in report.errors]
    warned = _fields(report.warnings)
    # US address, coordinates (100, 101), a UK phone number, GBP, a geojson service area, Urdu.
    assert {"country", "latitude", "number", "amount", "extent", "code"} <= warned, warned
    location = Location.objects.get(hsds_id=LOCATION_ID)
    assert location.latitude is None and location.longitude is None
    assert not location.addresses.exists()
    service = ServicePage.objects.get(hsds_id=SERVICE_ID)
    assert service.title == "Community Counselling"
    assert service.minimum_age == 12
    assert list(service.service_areas.all()) == []
    assert [c.amount for c in service.cost_options.all()] == [None]
    assert service.languages == []  # Urdu is not among the languages we list
    _assert_browsable_and_findable(client)
    _assert_exports_valid(tmp_path)

    again = import_path(DATA / "service_full.json", lenient_links=True)
    assert again.ok and again.created == {}, again.created


@pytest.mark.django_db
def test_csv_package_example_imports_with_warnings(tmp_path, client, directory_index):
    report = import_path(DATA / "csv", lenient_links=True)

    assert report.ok, [str(p) for p in report.errors]
    assert OrganizationPage.objects.filter(hsds_id=ORGANIZATION_ID).exists()
    service = ServicePage.objects.get(hsds_id=SERVICE_ID)
    assert service.cost_options.get().amount is None
    # Rows of the example that point at nothing in the package are reported, not imported.
    orphans = {p.file for p in report.warnings}
    assert {"service_at_location.csv", "schedules.csv", "funding.csv"} <= orphans, orphans
    _assert_browsable_and_findable(client)
    _assert_exports_valid(tmp_path)

    again = import_path(DATA / "csv", lenient_links=True)
    assert again.ok and again.created == {}, again.created


@pytest.mark.django_db
def test_csv_package_example_without_lenient_links_reports_dangling_rows_and_imports_nothing(
    directory_index,
):
    report = import_path(DATA / "csv")

    assert {"service_at_location.csv", "schedules.csv", "funding.csv"} <= {
        p.file for p in report.errors
    }
    assert not OrganizationPage.objects.filter(hsds_id=ORGANIZATION_ID).exists()
    assert not ServicePage.objects.filter(hsds_id=SERVICE_ID).exists()


def _japanese(text):
    return any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.mark.django_db
@pytest.mark.parametrize("source", ["service_full.json", "csv"])
def test_example_report_reads_in_english(source, directory_index):
    with translation.override("en"):
        report = import_path(DATA / source, lenient_links=True)
        lines = [str(p) for p in report.problems]
    assert lines
    assert all(line.startswith(("Warning: ", "Error: ")) for line in lines), lines
    assert [line for line in lines if _japanese(line)] == []


@pytest.mark.django_db
def test_example_package_via_datapackage_json(tmp_path, directory_index):
    folder = tmp_path / "pkg"
    shutil.copytree(DATA / "csv", folder)
    report = import_path(folder / "datapackage.json", lenient_links=True)
    assert report.ok, [str(p) for p in report.errors]
