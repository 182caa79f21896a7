"""Opening hours: "open now" in Tokyo with 祝日, closures, monthly and overnight rules."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from types import SimpleNamespace

import pytest
from django.utils import translation

from directory.hours import (
    TOKYO,
    Closure,
    ScheduleRule,
    WeeklyHours,
    current_period,
    hours_from_service,
    is_open,
    is_open_at_weekly,
    next_opening,
    open_periods_on,
    opens_in_evening,
    opens_on_weekends_or_holidays,
)
from tests.directory.hours_cases import (
    LUNCH_BREAK,
    NEW_YEAR,
    OFFICE,
    SATURDAY_NIGHT,
    SECOND_FOURTH_WEDNESDAY,
    WEEKDAYS,
    hours,
    tokyo,
    weekly,
)


@pytest.fixture(autouse=True)
def _japanese():
    with translation.override("ja"):
        yield


# --- weekly hours -----------------------------------------------------------------------------


def test_open_during_weekday_hours():
    assert is_open(OFFICE, tokyo(2026, 11, 24, 10))  # Tuesday


def test_closed_before_opening_time():
    assert not is_open(OFFICE, tokyo(2026, 11, 24, 8, 59))


def test_closing_time_is_exclusive():
    assert not is_open(OFFICE, tokyo(2026, 11, 24, 17))


def test_closed_on_a_day_not_in_byday():
    assert not is_open(OFFICE, tokyo(2026, 11, 22, 10))  # Sunday


def test_closed_during_lunch_break():
    assert not is_open(LUNCH_BREAK, tokyo(2026, 11, 24, 12, 30))


def test_open_after_lunch_break():
    assert is_open(LUNCH_BREAK, tokyo(2026, 11, 24, 13))


def test_open_periods_lists_both_halves_of_a_split_day():
    assert open_periods_on(LUNCH_BREAK, date(2026, 11, 24)) == [
        (tokyo(2026, 11, 24, 10), tokyo(2026, 11, 24, 12)),
        (tokyo(2026, 11, 24, 13), tokyo(2026, 11, 24, 17)),
    ]


def test_overlapping_rows_merge_into_one_period():
    overlapping = hours(weekly("TU", time(9), time(13)), weekly("TU", time(12), time(17)))
    assert open_periods_on(overlapping, date(2026, 11, 24)) == [
        (tokyo(2026, 11, 24, 9), tokyo(2026, 11, 24, 17))
    ]


# --- overnight --------------------------------------------------------------------------------


def test_overnight_period_is_open_after_midnight():
    assert is_open(SATURDAY_NIGHT, tokyo(2026, 11, 22, 1))  # Sunday 01:00


def test_overnight_period_is_closed_after_its_end():
    assert not is_open(SATURDAY_NIGHT, tokyo(2026, 11, 22, 3))


def test_overnight_period_does_not_open_on_the_tail_day_evening():
    assert not is_open(SATURDAY_NIGHT, tokyo(2026, 11, 22, 23))  # Sunday 23:00


def test_overnight_period_ends_on_the_next_day():
    assert open_periods_on(SATURDAY_NIGHT, date(2026, 11, 21)) == [
        (tokyo(2026, 11, 21, 22), tokyo(2026, 11, 22, 2))
    ]


def test_overnight_tail_into_a_holiday_stays_open():
    # Sunday 22:00 → Monday 2026-11-23 (勤労感謝の日) 02:00: the period started on Sunday.
    sunday_night = hours(weekly("SU", time(22), time(2)))
    assert is_open(sunday_night, tokyo(2026, 11, 23, 1))


def test_overnight_period_starting_on_a_holiday_is_closed():
    monday_night = hours(weekly("MO", time(22), time(2)))
    assert not is_open(monday_night, tokyo(2026, 11, 23, 23))


def test_closing_at_midnight_ends_at_the_next_day_start():
    evening = hours(weekly("TU", time(18), time(0)))
    assert current_period(evening, tokyo(2026, 11, 24, 23, 59)) == (
        tokyo(2026, 11, 24, 18),
        tokyo(2026, 11, 25, 0),
    )


# --- public holidays --------------------------------------------------------------------------


def test_closed_on_a_public_holiday():
    assert not is_open(OFFICE, tokyo(2026, 11, 23, 10))  # 勤労感謝の日 (Monday)


def test_closed_on_a_substitute_holiday():
    assert not is_open(OFFICE, tokyo(2026, 5, 6, 10))  # 振替休日 for 憲法記念日


def test_open_on_a_holiday_when_not_closed_on_public_holidays():
    open_on_holidays = hours(weekly(WEEKDAYS, time(9), time(17)), closed_on_public_holidays=False)
    assert is_open(open_on_holidays, tokyo(2026, 11, 23, 10))


# --- monthly ----------------------------------------------------------------------------------


def test_monthly_rule_opens_on_the_second_wednesday():
    assert is_open(SECOND_FOURTH_WEDNESDAY, tokyo(2026, 11, 11, 11))


def test_monthly_rule_opens_on_the_fourth_wednesday():
    assert is_open(SECOND_FOURTH_WEDNESDAY, tokyo(2026, 11, 25, 11))


def test_monthly_rule_is_closed_on_the_third_wednesday():
    assert not is_open(SECOND_FOURTH_WEDNESDAY, tokyo(2026, 11, 18, 11))


def test_last_friday_rule_opens_on_the_last_friday():
    last_friday = hours(
        ScheduleRule(freq="MONTHLY", byday="-1FR", opens_at=time(10), closes_at=time(15))
    )
    assert is_open(last_friday, tokyo(2026, 11, 27, 11))


def test_last_friday_rule_is_closed_on_an_earlier_friday():
    last_friday = hours(
        ScheduleRule(freq="MONTHLY", byday="-1FR", opens_at=time(10), closes_at=time(15))
    )
    assert not is_open(last_friday, tokyo(2026, 11, 20, 11))


def test_weekly_rule_with_an_ordinal_never_opens():
    bad = hours(weekly("2WE", time(10), time(15)))
    assert open_periods_on(bad, date(2026, 11, 11)) == []


# --- 24 hours, closures, validity -------------------------------------------------------------


def test_all_day_rule_is_open_at_midnight():
    shelter = hours(ScheduleRule(byday="SA,SU", all_day=True))
    assert is_open(shelter, tokyo(2026, 11, 22, 0))


def test_all_day_rule_is_open_just_before_the_day_ends():
    shelter = hours(ScheduleRule(byday="SA,SU", all_day=True))
    assert is_open(shelter, tokyo(2026, 11, 22, 23, 59))


def test_all_day_rule_is_closed_on_other_days():
    shelter = hours(ScheduleRule(byday="SA,SU", all_day=True))
    assert not is_open(shelter, tokyo(2026, 11, 24, 12))


def test_closed_during_new_year_closure_in_december():
    office = hours(weekly(WEEKDAYS, time(9), time(17)), closures=(NEW_YEAR,))
    assert not is_open(office, tokyo(2026, 12, 29, 10))


def test_closed_during_new_year_closure_in_january():
    office = hours(weekly(WEEKDAYS, time(9), time(17)), closures=(NEW_YEAR,))
    assert not is_open(office, tokyo(2027, 1, 1, 10))


def test_open_the_day_after_a_closure_ends():
    office = hours(weekly(WEEKDAYS, time(9), time(17)), closures=(NEW_YEAR,))
    assert is_open(office, tokyo(2027, 1, 4, 10))


def test_rule_is_closed_before_valid_from():
    summer = hours(weekly(WEEKDAYS, time(9), time(17), valid_from=date(2026, 7, 1)))
    assert not is_open(summer, tokyo(2026, 6, 30, 10))


def test_rule_is_open_on_valid_from():
    summer = hours(weekly(WEEKDAYS, time(9), time(17), valid_from=date(2026, 7, 1)))
    assert is_open(summer, tokyo(2026, 7, 1, 10))


def test_rule_is_open_on_valid_to():
    ending = hours(weekly(WEEKDAYS, time(9), time(17), valid_to=date(2026, 8, 31)))
    assert is_open(ending, tokyo(2026, 8, 31, 10))


def test_rule_is_closed_after_valid_to():
    ending = hours(weekly(WEEKDAYS, time(9), time(17), valid_to=date(2026, 8, 31)))
    assert not is_open(ending, tokyo(2026, 9, 1, 10))


# --- time zones -------------------------------------------------------------------------------


def test_aware_utc_time_is_converted_to_tokyo():
    # 01:30 UTC is 10:30 in Tokyo on the same Tuesday.
    assert is_open(OFFICE, datetime(2026, 11, 24, 1, 30, tzinfo=UTC))


def test_aware_utc_time_on_the_previous_utc_day_is_converted_to_tokyo():
    # Monday 2026-11-23 23:30 UTC is Tuesday 08:30 Tokyo: not yet open.
    assert not is_open(OFFICE, datetime(2026, 11, 23, 23, 30, tzinfo=UTC))


def test_naive_time_is_read_as_tokyo():
    assert is_open(OFFICE, datetime(2026, 11, 24, 10))


# --- current period and next opening ----------------------------------------------------------


def test_current_period_contains_the_instant():
    assert current_period(LUNCH_BREAK, tokyo(2026, 11, 24, 14)) == (
        tokyo(2026, 11, 24, 13),
        tokyo(2026, 11, 24, 17),
    )


def test_current_period_is_none_when_closed():
    assert current_period(LUNCH_BREAK, tokyo(2026, 11, 24, 12, 30)) is None


def test_next_opening_is_later_the_same_day():
    assert next_opening(LUNCH_BREAK, tokyo(2026, 11, 24, 12, 30)) == tokyo(2026, 11, 24, 13)


def test_next_opening_is_strictly_after_an_opening_instant():
    assert next_opening(OFFICE, tokyo(2026, 11, 24, 9)) == tokyo(2026, 11, 25, 9)


def test_next_opening_skips_a_public_holiday():
    # Friday evening → Monday 11/23 is 勤労感謝の日 → Tuesday.
    assert next_opening(OFFICE, tokyo(2026, 11, 20, 18)) == tokyo(2026, 11, 24, 9)


def test_next_opening_skips_a_closure():
    office = hours(weekly(WEEKDAYS, time(9), time(17)), closures=(NEW_YEAR,))
    assert next_opening(office, tokyo(2026, 12, 28, 18)) == tokyo(2027, 1, 4, 9)


def test_next_opening_is_none_beyond_the_horizon():
    far = hours(weekly(WEEKDAYS, time(9), time(17), valid_from=date(2027, 6, 1)))
    assert next_opening(far, tokyo(2026, 11, 24, 10), horizon_days=30) is None


def test_next_opening_returns_tokyo_time_for_utc_input():
    assert next_opening(OFFICE, datetime(2026, 11, 24, 9, tzinfo=UTC)).tzinfo == TOKYO


# --- facets -----------------------------------------------------------------------------------


def test_office_hours_are_not_evening():
    assert not opens_in_evening(OFFICE)


def test_period_closing_after_six_is_evening():
    assert opens_in_evening(hours(weekly("TH", time(13), time(20))))


def test_overnight_period_is_evening():
    assert opens_in_evening(SATURDAY_NIGHT)


def test_expired_evening_rule_is_ignored_with_as_of():
    old = hours(weekly("TH", time(13), time(20), valid_to=date(2025, 3, 31)))
    assert not opens_in_evening(old, as_of=date(2026, 1, 1))


def test_weekday_office_does_not_open_on_weekends_or_holidays():
    assert not opens_on_weekends_or_holidays(OFFICE)


def test_saturday_rule_opens_on_weekends():
    assert opens_on_weekends_or_holidays(SATURDAY_NIGHT)


def test_weekday_office_open_on_holidays_counts_as_holiday_opening():
    office = hours(weekly(WEEKDAYS, time(9), time(17)), closed_on_public_holidays=False)
    assert opens_on_weekends_or_holidays(office)


def test_weekly_check_includes_the_overnight_tail():
    assert is_open_at_weekly(SATURDAY_NIGHT, weekday=6, at=time(1))


def test_weekly_check_ignores_monthly_ordinals():
    assert not is_open_at_weekly(SECOND_FOURTH_WEDNESDAY, weekday=2, at=time(11))


# --- adapter ----------------------------------------------------------------------------------


class _Manager:
    def __init__(self, rows):
        self._rows = rows

    def all(self):
        return list(self._rows)


def test_hours_from_service_reads_related_managers():
    service = SimpleNamespace(
        closed_on_public_holidays=False,
        hours_notes="予約制",
        schedules=_Manager(
            [
                SimpleNamespace(
                    freq="weekly",
                    byday=WEEKDAYS,
                    opens_at=time(9),
                    closes_at=time(17),
                    all_day=False,
                    valid_from=None,
                    valid_to=None,
                    description="",
                )
            ]
        ),
        closures=_Manager(
            [
                SimpleNamespace(
                    start_date=date(2026, 12, 29), end_date=date(2027, 1, 3), description=""
                )
            ]
        ),
    )
    assert hours_from_service(service) == WeeklyHours(
        schedules=(weekly(WEEKDAYS, time(9), time(17)),),
        closures=(Closure(start_date=date(2026, 12, 29), end_date=date(2027, 1, 3)),),
        closed_on_public_holidays=False,
        hours_notes="予約制",
    )


def test_hours_from_service_reads_plain_lists():
    service = SimpleNamespace(
        closed_on_public_holidays=True,
        hours_notes="",
        schedules=[weekly("SA", time(22), time(2))],
        closures=[],
    )
    assert hours_from_service(service) == SATURDAY_NIGHT
