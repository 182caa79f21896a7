"""Official numbers travel through HSDS and match records on import before names do."""

from __future__ import annotations

import json
import uuid

import pytest
from django.core.management import call_command

from directory.hsds.importer import import_path
from directory.models import OrganizationPage, ServicePage

pytestmark = pytest.mark.django_db


def _export(tmp_path):
    path = tmp_path / "export.json"
    call_command("export_hsds", str(path), verbosity=0)
    return path, json.loads(path.read_text(encoding="utf-8"))


def test_office_number_goes_out_as_an_organization_identifier(tmp_path, directory_data):
    _path, exported = _export(tmp_path)
    identifiers = [
        (i["identifier_type"], i["identifier"])
        for service in exported
        for i in service["organization"].get("organization_identifiers", [])
    ]
    assert ("jp_care_office_number", "1371234567") in identifiers
    assert ("jp_disability_office_number", "1312345678") in identifiers
    assert ("japan_corporate_number", "7000012050002") in identifiers


def test_import_under_new_ids_matches_by_numbers_not_names(tmp_path, directory_data):
    _path, exported = _export(tmp_path)
    food = next(s for s in exported if "1371234567" in json.dumps(s))
    text = json.dumps([food], ensure_ascii=False)
    for old in (food["id"], food["organization"]["id"]):
        text = text.replace(old, str(uuid.uuid4()))
    renamed = tmp_path / "renamed.json"
    renamed.write_text(text.replace(food["name"], "名前の違う支援"), encoding="utf-8")
    organizations, services = OrganizationPage.objects.count(), ServicePage.objects.count()
    stored = ServicePage.objects.get(identifiers__value="1371234567")

    report = import_path(renamed)

    assert report.ok, [str(p) for p in report.problems]
    assert (OrganizationPage.objects.count(), ServicePage.objects.count()) == (
        organizations,
        services,
    )
    stored.refresh_from_db()
    assert stored.title == "名前の違う支援"
