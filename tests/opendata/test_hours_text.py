"""Hours in the open-data columns: free text read where it can be, kept as a note where not."""

from directory.opendata import hours_text


def _read(notes="", days="", opens="", closes=""):
    return hours_text.read(days=days, opens=opens, closes=closes, notes=notes)


def test_opening_hours_and_closed_weekday_become_a_schedule_and_a_note():
    result = _read("【開館時間】9:00～17:00 【休館日】月曜日、年末年始")
    assert [(s["byday"], s["opens_at"], s["closes_at"]) for s in result.schedules] == [
        ("TU,WE,TH,FR,SA,SU", "09:00", "17:00")
    ]
    assert result.note == "【休館日】年末年始"


def test_public_holidays_in_the_closed_days_close_on_holidays():
    result = _read("【開所時間】平日 8:30-17:15 【休館日】土曜日・日曜日・祝日")
    assert [s["byday"] for s in result.schedules] == ["MO,TU,WE,TH,FR"]
    assert result.closed_on_public_holidays is True
    assert result.note == ""


def test_day_and_time_columns_with_seconds_are_read():
    result = _read(days="月,火,水,木,金", opens="09:00:00", closes="17:00:00")
    assert [(s["byday"], s["opens_at"], s["closes_at"]) for s in result.schedules] == [
        ("MO,TU,WE,TH,FR", "09:00", "17:00")
    ]


def test_text_that_is_not_hours_is_kept_word_for_word():
    result = _read("施設にお問い合わせください")
    assert result.schedules == []
    assert result.note == "施設にお問い合わせください"


def test_unknown_section_is_kept_with_its_label():
    result = _read("【受付時間】月〜金 9時〜17時 【駐車場】なし")
    assert [s["byday"] for s in result.schedules] == ["MO,TU,WE,TH,FR"]
    assert result.note == "【駐車場】なし"


def test_written_hours_read_back_the_same():
    schedules = [
        {"freq": "WEEKLY", "byday": "MO,WE", "opens_at": "10:00", "closes_at": "12:00"},
        {"freq": "WEEKLY", "byday": "MO,WE", "opens_at": "13:00", "closes_at": "16:00"},
        {"freq": "MONTHLY", "byday": "2SA,-1FR", "opens_at": "10:00", "closes_at": "14:00"},
    ]
    written = hours_text.write(schedules=schedules, closed_on_public_holidays=False, note="予約制")
    assert written.days == ""
    result = _read(written.notes)
    assert [(s["freq"], s["byday"], s["opens_at"], s["closes_at"]) for s in result.schedules] == [
        (s["freq"], s["byday"], s["opens_at"], s["closes_at"]) for s in schedules
    ]
    assert result.closed_on_public_holidays is False
    assert result.note == "予約制"


def test_same_times_every_week_go_to_the_three_columns_as_kanji_and_hh_mm():
    schedules = [{"freq": "WEEKLY", "byday": "SA,MO", "opens_at": "9:00", "closes_at": "17:00:00"}]
    written = hours_text.write(schedules=schedules, closed_on_public_holidays=None, note="")
    assert (written.days, written.opens, written.closes, written.notes) == (
        "月土",
        "09:00",
        "17:00",
        "",
    )


def test_without_time_columns_the_days_and_the_whole_schedule_in_the_note_read_back():
    schedules = [
        {"freq": "WEEKLY", "byday": "MO,TU", "opens_at": "08:30", "closes_at": "17:30"},
        {"freq": "WEEKLY", "byday": "SA", "opens_at": "09:00", "closes_at": "12:00"},
    ]
    written = hours_text.write(
        schedules=schedules, closed_on_public_holidays=True, note="", with_times=False
    )
    assert (written.days, written.opens, written.closes) == ("月火土", "", "")
    result = _read(written.notes, days=written.days)
    assert [(s["byday"], s["opens_at"]) for s in result.schedules] == [
        ("MO,TU", "08:30"),
        ("SA", "09:00"),
    ]
    assert (result.closed_on_public_holidays, result.note) == (True, "")


def test_days_without_times_or_hours_text_are_kept_as_a_note():
    result = _read("", days="月火水木金")
    assert result.schedules == []
    assert result.note == "【利用可能曜日】月火水木金"


def test_closed_weekday_with_an_exception_closes_it_and_keeps_the_exception():
    result = _read("【利用時間】9:00～22:00 【休館日】月曜日（祝日の場合は翌日）、年末年始")
    assert [s["byday"] for s in result.schedules] == ["TU,WE,TH,FR,SA,SU"]
    assert result.note == "【休館日】月曜日(祝日の場合は翌日)、年末年始"


def test_holidays_closed_alone_is_read_and_not_kept():
    result = _read("祝日は休み", days="月火水木金", opens="8:30", closes="17:15")
    assert [s["byday"] for s in result.schedules] == ["MO,TU,WE,TH,FR"]
    assert (result.closed_on_public_holidays, result.note) == (True, "")


def test_monthly_closed_days_are_kept_as_written():
    result = _read("【開館時間】9:00～20:00 【休館日】第2・第4月曜日、年末年始")
    assert [s["byday"] for s in result.schedules] == ["MO,TU,WE,TH,FR,SA,SU"]
    assert result.note == "【休館日】第2・第4月曜日、年末年始"
