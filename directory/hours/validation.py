"""What an editor, an import or a provider must fix before a row is saved.

The evaluation functions skip rows that fail here instead of guessing, so every way in (the
page editor, the provider's quick closure, HSDS and spreadsheet imports) asks here first.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from directory.hours.parsing import parse_byday, token_code, wall_clock
from directory.hours.timetable import ALLOWED_ORDINALS, FREQUENCIES, WEEKLY, ScheduleRule


def validate_rule(rule: ScheduleRule) -> list[str]:
    """Problems with one schedule row, as messages for the editor (empty list when valid).

    The evaluation functions skip rows that fail here instead of guessing, so the admin form
    must show these messages before saving.
    """
    errors: list[str] = []
    freq = rule.freq.upper()
    if freq not in FREQUENCIES:
        errors.append(gettext("繰り返しは「毎週」か「毎月」を選んでください"))
    tokens, bad = parse_byday(rule.byday)
    for raw in bad:
        errors.append(gettext("曜日の指定「%(token)s」が正しくありません") % {"token": raw})
    if not tokens and not bad:
        errors.append(gettext("曜日を選んでください"))
    for token in tokens:
        if token.ordinal is None:
            continue
        label = token_code(token)
        if freq == WEEKLY:
            errors.append(
                gettext("毎週の指定には「第2」などの回数は使えません（%(token)s）")
                % {"token": label}
            )
        elif token.ordinal not in ALLOWED_ORDINALS:
            errors.append(
                gettext("第何週かは1〜5、または最終（-1）で指定してください（%(token)s）")
                % {"token": label}
            )
    if not rule.all_day:
        if rule.opens_at is None:
            errors.append(gettext("開始時刻を入力してください"))
        if rule.closes_at is None:
            errors.append(gettext("終了時刻を入力してください"))
        if (
            rule.opens_at is not None
            and rule.closes_at is not None
            and wall_clock(rule.opens_at) == wall_clock(rule.closes_at)
        ):
            errors.append(
                gettext("開始時刻と終了時刻が同じです。24時間の場合は「24時間」を選んでください")
            )
    if rule.valid_from and rule.valid_to and rule.valid_to < rule.valid_from:
        errors.append(gettext("有効期間の終了日が開始日より前です"))
    return errors


def validate_closure(*, start_date: date, end_date: date) -> None:
    """The one closure rule (休業期間): it may not end before it starts; one day is fine.

    Raises ValidationError; the page editor, the provider's quick-closure form and
    ``service_closure_add`` all call this, so they say the same thing.
    """
    if end_date < start_date:
        raise ValidationError(
            gettext("休業終了日は休業開始日以降にしてください"), code="closure_ends_before_start"
        )
