"""法人番号 check digit, 事業所番号, and readings (よみがな) suggested by SudachiPy."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st

from directory.models import OrganizationPage, ServiceIdentifier
from directory.readings import suggest_reading
from directory.validators import corporate_number_check_digit, validate_corporate_number
from tests.factories import OrganizationPageFactory, ServicePageFactory
from tests.otp import login_verified

KNOWN_VALID = "7000012050002"  # 国税庁 itself


def test_known_corporate_number_is_valid():
    validate_corporate_number(KNOWN_VALID)


@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_a_number_with_its_check_digit_is_valid(base):
    validate_corporate_number(corporate_number_check_digit(base) + base)


@given(
    st.text(alphabet="0123456789", min_size=12, max_size=12),
    st.integers(min_value=1, max_value=9),
)
def test_any_other_leading_digit_is_refused(base, shift):
    wrong = (int(corporate_number_check_digit(base)) + shift) % 10
    with pytest.raises(ValidationError):
        validate_corporate_number(f"{wrong}{base}")


def test_twelve_digits_are_refused():
    with pytest.raises(ValidationError):
        validate_corporate_number(KNOWN_VALID[1:])


@pytest.mark.django_db
def test_corporate_number_is_unique_when_present():
    OrganizationPageFactory(corporate_number=KNOWN_VALID)
    other = OrganizationPageFactory(corporate_number="")
    other.corporate_number = KNOWN_VALID
    with pytest.raises(ValidationError):
        other.full_clean()


@pytest.mark.django_db
def test_many_organisations_may_have_no_corporate_number():
    OrganizationPageFactory(corporate_number="")
    OrganizationPageFactory(corporate_number="")
    assert OrganizationPage.objects.filter(corporate_number="").count() == 2


def test_office_number_is_ten_digits_written_any_way():
    row = ServiceIdentifier(type="jp_care_office_number", value="１３７-１２３-４５６７")
    row.clean()
    assert (row.value, row.scheme) == ("1371234567", "JP-MHLW-KAIGO")


def test_short_office_number_is_refused():
    with pytest.raises(ValidationError):
        ServiceIdentifier(type="jp_care_office_number", value="137123").clean()


def test_other_identifier_needs_a_scheme():
    with pytest.raises(ValidationError):
        ServiceIdentifier(type="other", value="A-1").clean()


def test_reading_is_katakana_without_punctuation():
    assert suggest_reading("子ども食堂「ひだまり」") == "コドモショクドウヒダマリ"


@pytest.mark.django_db
def test_empty_reading_is_suggested_on_clean_and_kept_when_filled():
    service = ServicePageFactory(title="池袋の相談窓口")
    service.full_clean()
    assert service.name_kana == "イケブクロノソウダンマドグチ"
    service.name_kana = "いけぶくろそうだん"
    service.full_clean()
    assert service.name_kana == "イケブクロソウダン"


@pytest.mark.django_db
def test_backfill_readings_fills_only_empty_ones():
    filled = OrganizationPageFactory(title="豊島区社会福祉協議会", name_kana="トシマ")
    empty = ServicePageFactory(title="フードバンク池袋", name_kana="")
    call_command("backfill_readings", stdout=io.StringIO())
    empty.refresh_from_db()
    filled.refresh_from_db()
    assert empty.name_kana == "フードバンクイケブクロ"
    assert filled.name_kana == "トシマ"


@pytest.fixture
def admin_client_ja(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.jp", "x")
    login_verified(client, user)
    return client


@pytest.mark.django_db
def test_admin_lists_an_organisations_services_in_gojuon_order(admin_client_ja, directory_index):
    organization = OrganizationPageFactory()
    for title, kana in [("三つ葉の会", "ミツバノカイ"), ("愛の家", "アイノイエ"), ("東の家", "")]:
        ServicePageFactory(parent=organization, title=title, name_kana=kana)
    body = admin_client_ja.get(f"/admin/pages/{organization.pk}/").content.decode()
    # 東の家 was saved without a reading and got the suggestion ヒガシノイエ.
    assert body.index("愛の家") < body.index("東の家") < body.index("三つ葉の会")


@pytest.mark.django_db
def test_identifier_inline_is_on_the_service_editor(admin_client_ja, directory_index):
    service = ServicePageFactory()
    body = admin_client_ja.get(f"/admin/pages/{service.pk}/edit/").content.decode()
    assert "identifiers-TOTAL_FORMS" in body
    assert "name_kana" in body
