"""Export → import into an empty directory → export gives the same data."""

import json

import pytest
from django.core.management import call_command

from directory.hsds.importer import import_path
from directory.hsds.tabular import resources
from directory.hsds.validation import schema_errors
from directory.models import Location, OrganizationPage, ServicePage
from tests.hsds.conftest import HIDDEN_STREET


def _wipe():
    """An empty directory with the site structure (categories get new ids, as on a new site)."""
    for page in ServicePage.objects.all():
        page.delete()
    for page in OrganizationPage.objects.all():
        page.delete()
    Location.objects.all().delete()


def _normalise(services):
    """Ids of category terms and their attributes differ on a new site: compare their codes."""
    text = json.dumps(services, ensure_ascii=False, sort_keys=True)
    data = json.loads(text)
    for service in data:
        service.pop("last_modified", None)
        for attribute in service.get("attributes", []):
            if attribute["link_type"] == "category":
                term = attribute["taxonomy_term"]
                attribute["id"] = attribute["taxonomy_term_id"] = term["code"]
                term["id"] = term["code"]
                term.pop("parent_id", None)
                term.pop("taxonomy_id", None)
                term.pop("taxonomy_detail", None)
        service["attributes"].sort(key=lambda a: (a["link_type"], a.get("value", ""), a["id"]))
    return sorted(data, key=lambda s: s["id"])


@pytest.mark.django_db
def test_json_round_trip(tmp_path, directory_data):
    first = tmp_path / "first.json"
    call_command("export_hsds", str(first), verbosity=0)
    exported = json.loads(first.read_text(encoding="utf-8"))
    assert len(exported) == 3
    for index, item in enumerate(exported):
        assert schema_errors(item, kind="service", pointer=f"/{index}") == []
    assert HIDDEN_STREET not in first.read_text(encoding="utf-8")

    _wipe()
    report = import_path(first)
    assert report.ok, [str(p) for p in report.problems]
    assert report.warnings == [], [str(p) for p in report.warnings]

    second = tmp_path / "second.json"
    call_command("export_hsds", str(second), verbosity=0)
    assert (
        list(
            _diff(_normalise(exported), _normalise(json.loads(second.read_text(encoding="utf-8"))))
        )
        == []
    )


@pytest.mark.django_db
def test_reimport_is_idempotent_and_keeps_hidden_addresses(tmp_path, directory_data):
    first = tmp_path / "first.json"
    call_command("export_hsds", str(first), verbosity=0)
    counts = (ServicePage.objects.count(), Location.objects.count())
    report = import_path(first)
    assert report.ok, [str(p) for p in report.problems]
    assert report.created.get("service", 0) == 0
    assert report.updated["service"] == 3
    assert (ServicePage.objects.count(), Location.objects.count()) == counts
    hidden = Location.objects.get(pk=directory_data["hidden"].pk)
    assert hidden.addresses.get().address_1 == HIDDEN_STREET
    assert hidden.latitude == 35.71
    again = tmp_path / "again.json"
    call_command("export_hsds", str(again), verbosity=0)
    assert _normalise(json.loads(again.read_text(encoding="utf-8"))) == _normalise(
        json.loads(first.read_text(encoding="utf-8"))
    )


@pytest.mark.django_db
def test_tabular_round_trip(tmp_path, directory_data):
    folder = tmp_path / "package"
    call_command("export_hsds", str(folder), format="tabular", verbosity=0)
    assert (folder / "datapackage.json").exists()
    for resource in resources().values():
        assert (folder / resource.path).exists()
    first = tmp_path / "first.json"
    call_command("export_hsds", str(first), verbosity=0)

    _wipe()
    report = import_path(folder)
    assert report.ok, [str(p) for p in report.problems]
    second = tmp_path / "second.json"
    call_command("export_hsds", str(second), verbosity=0)
    differences = list(
        _diff(
            _normalise(json.loads(first.read_text(encoding="utf-8"))),
            _normalise(json.loads(second.read_text(encoding="utf-8"))),
        )
    )
    assert differences == []


def _diff(a, b, path=""):
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            yield from _diff(a.get(key), b.get(key), f"{path}/{key}")
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            yield from _diff(x, y, f"{path}/{i}")
    elif a != b:
        yield path, a, b
