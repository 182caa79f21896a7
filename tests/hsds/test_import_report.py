"""The import report: in the reader's language, and naming likely duplicates of what we had."""

import uuid

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from directory.hsds.importer import import_path
from directory.management.commands.import_hsds import report_language
from directory.models import ServicePage, ServicePhone
from tests.factories import ServicePageFactory
from tests.hsds.test_import_errors import SERVICE_ID, service, write


def _phone(number):
    return [{"id": str(uuid.uuid4()), "number": number, "type": "voice"}]


@pytest.mark.django_db
def test_command_reports_in_english_with_language_option(tmp_path, directory_index, capsys):
    data = service(phones=_phone("+44 1234 234567"))
    path = write(tmp_path, [data])
    call_command("import_hsds", str(path), "--language", "en")
    captured = capsys.readouterr()
    assert "Warning: " in captured.err
    assert "警告" not in captured.err and "取り込みました" not in captured.out

    bad = service()
    del bad["status"]
    with pytest.raises(CommandError):
        call_command("import_hsds", str(write(tmp_path, [bad], name="bad.json")), "--lang", "ja")
    assert "エラー: " in capsys.readouterr().err


def test_report_language_follows_option_then_environment(monkeypatch):
    monkeypatch.setenv("LANGUAGE", "en_GB:en")
    assert report_language(None) == "en"
    assert report_language("ja") == "ja"
    monkeypatch.setenv("LANGUAGE", "fr")
    assert report_language(None) == "ja"  # the active language (LANGUAGE_CODE) otherwise


@pytest.mark.django_db
def test_likely_duplicate_of_an_existing_service_is_a_warning(tmp_path, directory_index):
    existing = ServicePageFactory(title="こども食堂ひまわり")
    ServicePhone.objects.create(page=existing, number="03-3333-4444")
    data = service(phones=_phone("03-3333-4444"))

    report = import_path(write(tmp_path, [data]))

    assert report.ok, [str(p) for p in report.errors]
    imported = ServicePage.objects.get(hsds_id=SERVICE_ID)
    assert imported.live  # not blocked
    duplicates = [p for p in report.warnings if str(existing.hsds_id) in p.message]
    assert len(duplicates) == 1, [str(p) for p in report.warnings]
    message = duplicates[0].message
    assert "こども食堂ひまわり" in message and "こども食堂" in message
    assert SERVICE_ID in message and "電話番号が同じ" in message

    again = import_path(write(tmp_path, [data]))  # an update is not a new listing
    assert not [p for p in again.warnings if str(existing.hsds_id) in p.message]


@pytest.mark.django_db
@override_settings(HSDS_IMPORT_DUPLICATE_CHECK_LIMIT=0)
def test_duplicate_check_is_skipped_for_large_imports(tmp_path, directory_index):
    report = import_path(write(tmp_path, [service()]))
    assert report.ok
    assert any("重複の確認を省きました" in p.message for p in report.warnings)


def test_help_prints_without_crashing(capsys):
    with pytest.raises(SystemExit) as exit_:
        call_command("import_hsds", "--help")
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "--lenient-links" in out and "HSDS 3.0" in out
