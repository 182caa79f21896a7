"""Opening hours as text, in HSDS, and their validation."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from directory.hours import (
    TOKYO,
    Closure,
    ScheduleRule,
    WeeklyHours,
    describe,
    from_hsds_schedules,
    is_open,
    next_opening,
    open_periods_on,
    to_hsds_schedules,
    validate_closure,
    validate_rule,
)
from tests.directory.hours_cases import (
    LUNCH_BREAK,
    NEW_YEAR,
    OFFICE,
    SATURDAY_NIGHT,
    SECOND_FOURTH_WEDNESDAY,
    WEEKDAYS,
    hours,
    weekly,
)


@pytest.fixture(autouse=True)
def _japanese():
    with translation.override("ja"):
        yield


# --- describe ---------------------------------------------------------------------------------


def test_describe_weekday_hours():
    assert describe(OFFICE)[0] == "月・火・水・木・金 9:00〜17:00"


def test_describe_joins_split_day_on_one_line():
    assert describe(LUNCH_BREAK)[0] == "月・火・水・木・金 10:00〜12:00、13:00〜17:00"


def test_describe_second_and_fourth_wednesday():
    assert describe(SECOND_FOURTH_WEDNESDAY)[0] == "第2・第4水曜 10:00〜15:00"


def test_describe_last_friday():
    last_friday = hours(
        ScheduleRule(freq="MONTHLY", byday="-1FR", opens_at=time(10), closes_at=time(15))
    )
    assert describe(last_friday)[0] == "最終金曜 10:00〜15:00"


def test_describe_overnight_period():
    assert describe(SATURDAY_NIGHT)[0] == "土 22:00〜翌2:00"


def test_describe_all_day():
    assert describe(hours(ScheduleRule(byday="SA,SU", all_day=True)))[0] == "土・日 24時間"


def test_describe_closing_at_midnight_as_24():
    assert describe(hours(weekly("FR", time(18), time(0))))[0] == "金 18:00〜24:00"


def test_describe_says_closed_on_public_holidays():
    assert "祝日休み" in describe(OFFICE)


def test_describe_new_year_closure():
    office = hours(weekly(WEEKDAYS, time(9), time(17)), closures=(NEW_YEAR,))
    assert describe(office)[-1] == "12月29日〜1月3日 休み（年末年始）"


def test_describe_leaves_out_past_closures_with_as_of():
    office = hours(weekly(WEEKDAYS, time(9), time(17)), closures=(NEW_YEAR,))
    assert describe(office, as_of=date(2027, 2, 1)) == [
        "月・火・水・木・金 9:00〜17:00",
        "祝日休み",
    ]


def test_describe_shows_validity_range():
    summer = hours(
        weekly("SA", time(9), time(12), valid_from=date(2026, 7, 1), valid_to=date(2026, 8, 31))
    )
    assert describe(summer)[0] == "土 9:00〜12:00（2026年7月1日〜2026年8月31日）"


def test_describe_ends_with_notes():
    assert describe(hours(weekly("SA", time(9), time(12)), hours_notes="要予約"))[-1] == "要予約"


def test_describe_of_empty_hours_is_empty():
    assert describe(WeeklyHours()) == []


# --- HSDS -------------------------------------------------------------------------------------


def test_hsds_export_writes_hhmm_times():
    exported = to_hsds_schedules(OFFICE)[0]
    assert (exported["opens_at"], exported["closes_at"]) == ("09:00", "17:00")


def test_hsds_export_puts_holidays_and_closures_in_notes():
    office = hours(weekly(WEEKDAYS, time(9), time(17)), closures=(NEW_YEAR,))
    assert to_hsds_schedules(office)[0]["notes"] == (
        "祝日休み。2026年12月29日〜2027年1月3日 休み（年末年始）"
    )


def test_hsds_round_trip_keeps_rules():
    rules = (
        weekly(WEEKDAYS, time(9), time(17), description="平日"),
        ScheduleRule(freq="MONTHLY", byday="2WE,4WE", opens_at=time(10), closes_at=time(15)),
        ScheduleRule(freq="MONTHLY", byday="-1FR", opens_at=time(22), closes_at=time(2)),
        ScheduleRule(byday="SA,SU", all_day=True),
        weekly("SA", time(9), time(12), valid_from=date(2026, 7, 1), valid_to=date(2026, 8, 31)),
    )
    assert from_hsds_schedules(to_hsds_schedules(hours(*rules))) == list(rules)


def test_hsds_import_converts_utc_times_to_tokyo():
    [rule] = from_hsds_schedules(
        [{"freq": "WEEKLY", "byday": "MO", "opens_at": "00:00Z", "closes_at": "08:00Z"}]
    )
    assert (rule.opens_at, rule.closes_at) == (time(9), time(17))


def test_hsds_import_reads_seconds_and_lowercase_days():
    [rule] = from_hsds_schedules(
        [{"freq": "weekly", "byday": "mo, tu", "opens_at": "10:00:00", "closes_at": "18:00:00"}]
    )
    assert (rule.byday, rule.opens_at, rule.closes_at) == ("MO,TU", time(10), time(18))


def test_hsds_import_rejects_unknown_freq():
    with pytest.raises(ValueError):
        from_hsds_schedules([{"freq": "YEARLY", "byday": "MO"}])


# --- validation -------------------------------------------------------------------------------


def test_valid_rule_has_no_errors():
    assert validate_rule(weekly(WEEKDAYS, time(9), time(17))) == []


def test_validation_rejects_unknown_day_code():
    assert validate_rule(weekly("MO,XX", time(9), time(17))) == [
        "曜日の指定「XX」が正しくありません"
    ]


def test_validation_requires_days():
    assert validate_rule(weekly("", time(9), time(17))) == ["曜日を選んでください"]


def test_validation_rejects_ordinal_in_weekly_rule():
    assert validate_rule(weekly("2WE", time(9), time(17))) == [
        "毎週の指定には「第2」などの回数は使えません（2WE）"
    ]


def test_validation_rejects_sixth_week():
    rule = ScheduleRule(freq="MONTHLY", byday="6WE", opens_at=time(9), closes_at=time(17))
    assert validate_rule(rule) == ["第何週かは1〜5、または最終（-1）で指定してください（6WE）"]


def test_validation_accepts_last_friday():
    rule = ScheduleRule(freq="MONTHLY", byday="-1FR", opens_at=time(9), closes_at=time(17))
    assert validate_rule(rule) == []


def test_validation_requires_opening_time_unless_all_day():
    assert validate_rule(ScheduleRule(byday="MO", closes_at=time(17))) == [
        "開始時刻を入力してください"
    ]


def test_validation_accepts_all_day_without_times():
    assert validate_rule(ScheduleRule(byday="MO", all_day=True)) == []


def test_validation_rejects_equal_opening_and_closing_times():
    assert validate_rule(weekly("MO", time(9), time(9))) == [
        "開始時刻と終了時刻が同じです。24時間の場合は「24時間」を選んでください"
    ]


def test_validation_rejects_valid_to_before_valid_from():
    rule = weekly("MO", time(9), time(17), valid_from=date(2026, 4, 1), valid_to=date(2026, 3, 31))
    assert validate_rule(rule) == ["有効期間の終了日が開始日より前です"]


def test_validation_rejects_unknown_freq():
    rule = ScheduleRule(freq="DAILY", byday="MO", opens_at=time(9), closes_at=time(17))
    assert validate_rule(rule) == ["繰り返しは「毎週」か「毎月」を選んでください"]


def test_closure_ending_before_it_starts_is_refused_with_one_message():
    with pytest.raises(ValidationError) as caught:
        validate_closure(start_date=date(2027, 1, 3), end_date=date(2026, 12, 29))
    assert caught.value.messages == ["休業終了日は休業開始日以降にしてください"]


def test_closure_of_a_single_day_is_accepted():
    assert validate_closure(start_date=date(2026, 12, 29), end_date=date(2026, 12, 29)) is None


# --- properties -------------------------------------------------------------------------------

_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_times = st.builds(time, st.integers(0, 23), st.sampled_from([0, 15, 30, 45]))
_weekly_rules = st.builds(
    ScheduleRule,
    freq=st.just("WEEKLY"),
    byday=st.lists(st.sampled_from(_CODES), min_size=1, unique=True).map(",".join),
    opens_at=_times,
    closes_at=_times,
    all_day=st.booleans(),
)
_monthly_rules = st.builds(
    ScheduleRule,
    freq=st.just("MONTHLY"),
    byday=st.lists(
        st.tuples(st.sampled_from(["", "1", "2", "3", "4", "5", "-1"]), st.sampled_from(_CODES)),
        min_size=1,
        unique=True,
    ).map(lambda parts: ",".join(o + d for o, d in parts)),
    opens_at=_times,
    closes_at=_times,
    all_day=st.booleans(),
)
_closures = st.builds(
    lambda start, length: Closure(start_date=start, end_date=start + timedelta(days=length)),
    st.dates(date(2025, 1, 1), date(2027, 12, 31)),
    st.integers(0, 10),
)
_hours = st.builds(
    WeeklyHours,
    schedules=st.lists(st.one_of(_weekly_rules, _monthly_rules), max_size=4).map(tuple),
    closures=st.lists(_closures, max_size=3).map(tuple),
    closed_on_public_holidays=st.booleans(),
)
_instants = st.datetimes(datetime(2025, 1, 1), datetime(2027, 12, 31)).map(
    lambda naive: naive.replace(tzinfo=TOKYO)
)


@settings(max_examples=300, deadline=None)
@given(timetable=_hours, at=_instants)
def test_is_open_matches_periods_starting_today_or_yesterday(timetable, at):
    periods = open_periods_on(timetable, at.date()) + open_periods_on(
        timetable, at.date() - timedelta(days=1)
    )
    assert is_open(timetable, at) == any(start <= at < end for start, end in periods)


@settings(max_examples=200, deadline=None)
@given(timetable=_hours, at=_instants)
def test_next_opening_is_an_open_instant_after_the_query(timetable, at):
    opening = next_opening(timetable, at, horizon_days=14)
    if opening is not None:
        assert opening > at and is_open(timetable, opening)


@settings(max_examples=200, deadline=None)
@given(timetable=_hours, at=_instants)
def test_is_open_does_not_depend_on_the_input_time_zone(timetable, at):
    assert is_open(timetable, at) == is_open(timetable, at.astimezone(UTC))
