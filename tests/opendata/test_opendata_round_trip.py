"""Standard CSV out → empty directory → in → out gives the same file, for every dataset."""

import pytest
from django.core.management import call_command

from directory.models import Location, OrganizationPage, ServicePage
from directory.opendata.columns import DATASETS
from directory.opendata.importer import opendata_import
from tests.factories import category
from tests.hsds.conftest import HIDDEN_STREET


def _wipe():
    for page in ServicePage.objects.all():
        page.delete()
    for page in OrganizationPage.objects.all():
        page.delete()
    Location.objects.all().delete()


def _export(tmp_path, dataset, name):
    path = tmp_path / name
    call_command("export_opendata", "--dataset", dataset, str(path), verbosity=0)
    return path.read_bytes()


@pytest.fixture
def in_every_dataset(directory_data):
    food, work = directory_data["food"], directory_data["work"]
    food.categories.add(category("care"))
    food.save_revision().publish()
    work.categories.add(category("parenting"))
    work.save_revision().publish()
    return directory_data


@pytest.mark.django_db
@pytest.mark.parametrize("dataset", sorted(DATASETS))
def test_standard_csv_round_trip_gives_the_same_file(tmp_path, in_every_dataset, dataset):
    first = _export(tmp_path, dataset, "first.csv")
    _wipe()
    report = opendata_import(data=first, filename="first.csv", dataset=DATASETS[dataset])
    assert report.ok, [str(p) for p in report.problems]
    assert _export(tmp_path, dataset, "second.csv") == first


@pytest.mark.django_db
def test_export_is_utf8_with_bom_and_the_standard_columns_in_order(tmp_path, directory_data):
    data = _export(tmp_path, "care-facilities", "care.csv")
    assert data.startswith(b"\xef\xbb\xbf")
    header = data.decode("utf-8-sig").splitlines()[0].split(",")
    assert header == list(DATASETS["care-facilities"].columns)
    assert header[:3] == ["全国地方公共団体コード", "ID", "地方公共団体名"]


@pytest.mark.django_db
def test_public_export_has_every_public_service_and_no_hidden_address(tmp_path, directory_data):
    text = _export(tmp_path, "public-facilities", "public.csv").decode("utf-8-sig")
    assert len(text.splitlines()) == 1 + 3
    assert HIDDEN_STREET not in text
    assert "下書きの支援" not in text


@pytest.mark.django_db
def test_importing_the_same_file_again_updates_instead_of_duplicating(tmp_path, directory_data):
    first = _export(tmp_path, "public-facilities", "first.csv")
    report = opendata_import(
        data=first, filename="first.csv", dataset=DATASETS["public-facilities"]
    )
    assert report.ok, [str(p) for p in report.problems]
    assert ServicePage.objects.count() == 4
