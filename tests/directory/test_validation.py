"""Bad input gets a clear Japanese message on the field that is wrong."""

from datetime import date, time

import pytest
from django.core.exceptions import ValidationError

from directory.models import Address, Certification, Closure, Location, Schedule, ServicePage
from directory.validators import (
    normalize_phone_number,
    normalize_postal_code,
    validate_local_government_code,
)

pytestmark = pytest.mark.django_db


def errors_of(instance, exclude=None) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        instance.full_clean(exclude=exclude)
    return caught.value.message_dict


@pytest.mark.parametrize("spelling", ["1700013", "170-0013", "〒１７０－００１３", "170ー0013"])
def test_postal_code_spellings_normalise_to_hyphenated_form(spelling):
    assert normalize_postal_code(spelling) == "170-0013"


@pytest.mark.parametrize("bad", ["170001", "17000133", "abc-defg", ""])
def test_postal_code_must_have_seven_digits(bad):
    with pytest.raises(ValidationError, match="7桁"):
        normalize_postal_code(bad)


def test_address_clean_reports_postal_code_on_its_field():
    address = Address(postal_code="12345", state_province="東京都", city="豊島区", address_1="1-1")
    assert "7桁" in errors_of(address, exclude=["location"])["postal_code"][0]


def test_phone_number_must_start_with_zero():
    with pytest.raises(ValidationError, match="0から始まる"):
        normalize_phone_number("3-1234-5678")


def test_phone_number_full_width_is_normalised():
    assert normalize_phone_number("０３－１２３４－５６７８") == "03-1234-5678"


def test_closing_before_opening_needs_next_day_flag():
    schedule = Schedule(byday="MO", opens_at=time(22), closes_at=time(2))
    assert "翌日まで" in errors_of(schedule, exclude=["service"])["closes_at"][0]


def test_overnight_period_with_next_day_flag_is_valid():
    schedule = Schedule(byday="FR", opens_at=time(22), closes_at=time(2), closes_next_day=True)
    schedule.full_clean(exclude=["service"])


def test_next_day_flag_with_daytime_period_is_an_error():
    schedule = Schedule(byday="MO", opens_at=time(9), closes_at=time(17), closes_next_day=True)
    assert "closes_next_day" in errors_of(schedule, exclude=["service"])


def test_weekly_schedule_rejects_monthly_ordinal():
    schedule = Schedule(byday="2WE", opens_at=time(10), closes_at=time(15))
    assert "第2" in errors_of(schedule, exclude=["service"])["byday"][0]


def test_monthly_schedule_accepts_second_and_fourth_wednesday():
    schedule = Schedule(freq="MONTHLY", byday="2we, 4we", opens_at=time(10), closes_at=time(15))
    schedule.full_clean(exclude=["service"])
    assert schedule.byday == "2WE,4WE"


def test_schedule_requires_opening_time_unless_24_hours():
    schedule = Schedule(byday="MO", closes_at=time(17))
    assert "opens_at" in errors_of(schedule, exclude=["service"])


def test_24_hour_schedule_needs_no_times():
    Schedule(byday="MO,TU", all_day=True).full_clean(exclude=["service"])


def test_certification_cannot_expire_before_it_starts():
    certification = Certification(
        kind="work_training",
        authority="東京都",
        valid_from=date(2026, 4, 1),
        valid_until=date(2025, 3, 31),
    )
    assert "valid_until" in errors_of(certification, exclude=["service"])


def test_certification_is_expired_after_its_end_date():
    certification = Certification(valid_until=date(2026, 3, 31))
    assert certification.is_expired(date(2026, 4, 1))
    assert not certification.is_expired(date(2026, 3, 31))


def test_closure_cannot_end_before_it_starts():
    closure = Closure(start_date=date(2027, 1, 3), end_date=date(2026, 12, 29))
    errors = errors_of(closure, exclude=["service"])
    assert errors == {"end_date": ["休業終了日は休業開始日以降にしてください"]}


def test_closure_of_a_single_day_is_valid():
    closure = Closure(start_date=date(2026, 12, 29), end_date=date(2026, 12, 29))
    closure.full_clean(exclude=["service"])


@pytest.mark.parametrize(
    ("lat", "lng", "field"), [(51.5, 139.7, "latitude"), (35.7, -0.1, "longitude")]
)
def test_coordinates_must_lie_in_japan(lat, lng, field):
    location = Location(name="拠点", latitude=lat, longitude=lng)
    assert field in errors_of(location)


def test_latitude_without_longitude_is_an_error():
    location = Location(name="拠点", latitude=35.7, longitude=None)
    assert "__all__" in errors_of(location)


def test_local_government_code_with_wrong_check_digit_is_rejected():
    with pytest.raises(ValidationError, match="検査数字"):
        validate_local_government_code("131165")


def test_service_age_range_must_not_be_reversed():
    service = ServicePage(title="x", slug="x", description="x", minimum_age=30, maximum_age=18)
    with pytest.raises(ValidationError) as caught:
        service.clean()
    assert "maximum_age" in caught.value.message_dict
