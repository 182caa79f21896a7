"""The demo directory: size, coverage, determinism, accounts, and that Wagtail serves bulk pages.

The default load runs once for the module inside a transaction that is rolled back at the end
(as Django's ``TestCase.setUpClass`` does); each test then runs in its own savepoint.
"""

import io
import string

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.utils.html import escape
from wagtail.models import Page

from directory.demo import (
    COORDINATOR_GROUP,
    CORE_KINDS,
    DEMO_PASSWORD,
    EXTRA_KINDS,
    EXTRA_SENTENCES,
    EXTRA_SENTENCES_EASY,
    EXTRA_SENTENCES_EN,
    EXTRA_WARDS,
    MAIN_WARDS,
    WORKER_GROUP,
    demo_provider_organization,
)
from directory.geocoding import lookup_postal_code, municipality_by_code
from directory.hours import rule_from_row, validate_rule
from directory.models import (
    Certification,
    Location,
    OrganizationPage,
    RequiredDocument,
    Schedule,
    ServicePage,
    TaxonomyTerm,
)
from directory.readings import suggest_reading
from directory.validators import validate_local_government_code
from tests.otp import login_verified


def _load(*args: str) -> str:
    out = io.StringIO()
    call_command("load_demo_data", *args, stdout=out, verbosity=0)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        _load()
        yield
        transaction.set_rollback(True)


def _snapshot() -> list[tuple]:
    return list(
        Location.objects.order_by("external_identifier").values_list(
            "external_identifier", "name", "latitude", "longitude"
        )
    ) + list(ServicePage.objects.order_by("slug").values_list("slug", "title", "languages"))


@pytest.mark.django_db
def test_default_run_makes_a_realistic_directory(demo):
    assert ServicePage.objects.live().count() >= 300
    assert OrganizationPage.objects.live().count() >= 120
    assert Location.objects.filter(hide_address=True).exists()
    assert Certification.objects.filter(kind="work_training").count() >= 3
    assert ServicePage.objects.filter(public_interest_activity=True).exists()
    assert {"waitlist", "paused"} <= set(ServicePage.objects.values_list("availability", flat=True))
    # every shelter's address is hidden
    for service in ServicePage.objects.filter(categories__code="shelter"):
        assert all(sal.location.hide_address for sal in service.service_at_locations.all())


@pytest.mark.django_db
def test_every_top_level_category_has_services_in_every_municipality(demo):
    for ward in MAIN_WARDS:
        for term in TaxonomyTerm.objects.filter(parent=None):
            services = ServicePage.objects.filter(
                categories=term, service_areas__municipality_code=ward.code
            )
            assert services.exists(), (ward.name, term.code)
            assert services.filter(categories__parent=term).exists(), (ward.name, term.code)


def test_ward_codes_and_postal_codes_are_real():
    for ward in MAIN_WARDS + EXTRA_WARDS:
        validate_local_government_code(ward.code)
        assert municipality_by_code(ward.code).full_name == ward.full_name
        for town in ward.towns:
            address = lookup_postal_code(town.postal_code)
            assert (address.municipality_code, address.town) == (ward.code, town.name)


@pytest.mark.django_db
def test_english_saturday_food_near_ikebukuro(demo):
    food = ServicePage.objects.filter(
        categories__code="food",
        service_areas__municipality_code="131164",
        schedules__byday__contains="SA",
    ).distinct()
    assert sum("en" in s.languages for s in food) >= 3


@pytest.mark.django_db
def test_hours_are_valid_and_varied(demo):
    rows = list(Schedule.objects.all())
    for row in rows:
        assert validate_rule(rule_from_row(row)) == []
        row.clean()  # the admin form's checks (overnight needs 翌日まで)
    bydays = {row.byday for row in rows}
    assert {"2WE,4WE", "-1FR", "SA"} <= bydays
    assert any(row.all_day for row in rows)
    assert any(row.closes_next_day for row in rows)
    assert ServicePage.objects.filter(closures__description="年末年始").count() > 100
    assert ServicePage.objects.filter(closed_on_public_holidays=False).exists()


@pytest.mark.django_db
def test_wagtail_serves_bulk_created_pages(demo):
    assert Page.find_problems() == ([], [], [], [], [])
    service = ServicePage.objects.live().get(slug="svc-00001")
    assert service.url == "/directory/org-0001/svc-00001/"
    client = Client()
    assert client.get(service.url).status_code == 200
    login_verified(client, get_user_model().objects.get(username="admin"))
    assert client.get(f"/admin/pages/{service.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{service.get_parent().pk}/").status_code == 200
    service.save_revision().publish()  # editing and publishing work on a page with no revision


@pytest.mark.django_db
def test_demo_accounts_and_the_provider_edits_only_its_organization(demo):
    users = {
        u.username: u
        for u in get_user_model().objects.filter(
            username__in=["admin", "moderator", "provider", "worker"]
        )
    }
    assert len(users) == 4
    assert all(u.check_password(DEMO_PASSWORD) for u in users.values())
    assert users["admin"].is_superuser
    assert list(users["moderator"].groups.values_list("name", flat=True)) == [COORDINATOR_GROUP]
    # The provider edits through its organization's own group (directory.providers.rights).
    assert list(users["provider"].groups.values_list("name", flat=True)) == [
        "提供者: " + demo_provider_organization().title
    ]
    assert list(users["worker"].groups.values_list("name", flat=True)) == [WORKER_GROUP]
    assert not users["worker"].is_staff
    assert not users["worker"].has_perm("wagtailadmin.access_admin")
    assert users["provider"].has_perm("wagtailadmin.access_admin")

    own = demo_provider_organization()
    assert own is not None and "フードバンク" in own.title
    other = OrganizationPage.objects.exclude(pk=own.pk).first()
    provider = users["provider"]
    assert own.permissions_for_user(provider).can_edit()
    assert not own.permissions_for_user(provider).can_publish()
    assert own.get_children().first().permissions_for_user(provider).can_edit()
    assert not other.permissions_for_user(provider).can_edit()
    assert other.permissions_for_user(users["moderator"]).can_publish()


@pytest.mark.django_db
def test_second_run_does_not_duplicate(demo):
    before = ServicePage.objects.count(), Location.objects.count()
    output = _load()
    assert "すでに" in output
    assert (ServicePage.objects.count(), Location.objects.count()) == before


@pytest.mark.django_db
def test_same_seed_same_directory_after_flush(demo):
    first = _snapshot()
    _load("--flush")
    assert _snapshot() == first
    _load("--flush", "--seed", "2")
    assert _snapshot() != first
    provider = get_user_model().objects.get(username="provider")
    assert demo_provider_organization().permissions_for_user(provider).can_edit()


@pytest.mark.django_db
def test_size_option(demo):
    _load("--flush", "--size", "50")
    assert ServicePage.objects.live().count() == 50
    assert OrganizationPage.objects.count() == 17
    assert Page.find_problems() == ([], [], [], [], [])


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_service_template_is_translated():
    # Resident-facing essentials must have やさしい日本語 too; every template has English.
    essentials = {"food", "housing", "money", "consultation", "health"}
    templates = {t.names[0]: t for kind in CORE_KINDS + EXTRA_KINDS for t in kind.services}
    for name, t in templates.items():
        assert len(t.names_en) == len(t.names), name
        assert t.description_en.strip(), name
        assert _placeholders(t.description_en) == _placeholders(t.description), name
        if t.category in essentials:
            assert len(t.names_easy) == len(t.names) and t.description_easy.strip(), name
        if t.names_easy:
            assert len(t.names_easy) == len(t.names), name
            assert _placeholders(t.description_easy) == _placeholders(t.description), name
        for i, japanese in enumerate(t.names):
            assert t.names_en[i].strip(), (name, i)
            assert _placeholders(t.names_en[i]) == _placeholders(japanese), (name, i)
            if t.names_easy:
                assert _placeholders(t.names_easy[i]) == _placeholders(japanese), (name, i)
    assert len(EXTRA_SENTENCES_EN) == len(EXTRA_SENTENCES) == len(EXTRA_SENTENCES_EASY)
    for ja, en, easy in zip(EXTRA_SENTENCES, EXTRA_SENTENCES_EN, EXTRA_SENTENCES_EASY, strict=True):
        assert bool(ja) == bool(en) == bool(easy)


@pytest.mark.django_db
def test_every_demo_service_has_english_and_easy_japanese(demo):
    services = ServicePage.objects.live()
    assert services.count() >= 300
    assert not services.filter(name_en="").exists()
    assert not services.filter(description_en="").exists()
    assert not services.filter(categories__code="food", name_easy="").exists()
    assert not services.filter(categories__code="food", description_easy="").exists()
    # a Japanese name with a venue suffix gets it in English too
    for service in services.filter(title__contains="会場"):
        assert "venue)" in service.name_en, service.title
    # placeholders are filled in
    assert not services.filter(name_en__contains="{").exists()
    assert not services.filter(description_en__contains="{").exists()


@pytest.mark.django_db
def test_every_demo_eligibility_application_fee_and_document_is_translated(demo):
    services = ServicePage.objects.live()
    for language in ("en", "easy"):
        for field in ("eligibility_description", "application_process", "fees_description"):
            blank = services.exclude(**{field: ""}).filter(**{f"{field}_{language}": ""})
            assert not blank.exists(), (field, language)
        documents = RequiredDocument.objects.filter(**{f"document_{language}": ""})
        assert not documents.exists(), language
    assert not services.filter(eligibility_description_en__contains="{").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "fallback_notice"),
    [
        ("en", "This information is only available in Japanese"),
        ("ja-easy", "この じょうほうは ふつうの 日本語 だけです"),
    ],
)
def test_demo_service_page_in_the_visitors_language(demo, language, fallback_notice):
    service = ServicePage.objects.live().get(slug="svc-00001")
    name, description = (
        (service.name_en, service.description_en)
        if language == "en"
        else (service.name_easy, service.description_easy)
    )
    assert name and description
    client = Client()
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    body = client.get(service.url).content.decode()
    assert f"<h1>{escape(name)}</h1>" in body
    assert escape(description) in body
    assert fallback_notice not in body
    # the organization's list of services shows the translated names, without the notice
    body = client.get(service.get_parent().url).content.decode()
    assert escape(name) in body
    assert fallback_notice not in body


@pytest.mark.django_db
def test_demo_organisations_services_and_places_have_readings(demo):
    # export_opendata's 名称_カナ comes from these (backfill_readings, run by the load)
    assert not OrganizationPage.objects.filter(name_kana="").exists()
    assert not ServicePage.objects.filter(name_kana="").exists()
    assert not Location.objects.filter(name_kana="").exists()
    provider = OrganizationPage.objects.get(title="NPO法人 フードバンクとしま東")
    assert provider.name_kana == suggest_reading(provider.title)
