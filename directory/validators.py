"""Normalisers and validators for Japanese contact data, with messages a provider understands."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from directory import geocoding
from directory.geocoding import JAPAN_BOUNDS
from directory.input_limits import control_characters, limit

_DASHES = re.compile(r"[\-‐‑‒–—―−ー－ｰ]")


def normalize_postal_code(value: str) -> str:
    """Return ``NNN-NNNN`` from any common spelling (〒, full width, with or without hyphen)."""
    digits = geocoding.normalize_postal_code(value or "")
    if digits is None:
        raise ValidationError(
            _("郵便番号は7桁の数字で入力してください（例: 170-0013）"), code="postal_code"
        )
    return f"{digits[:3]}-{digits[3:]}"


def normalize_phone_number(value: str) -> str:
    """Keep digits and hyphens; phone numbers in Japan are 10 or 11 digits (or 0120/0570)."""
    text = unicodedata.normalize("NFKC", value or "").strip()
    text = _DASHES.sub("-", text)
    digits = re.sub(r"\D", "", text)
    if not 9 <= len(digits) <= 11 or not digits.startswith("0"):
        raise ValidationError(
            _("電話番号は0から始まる10桁か11桁で入力してください（例: 03-1234-5678）"),
            code="phone",
        )
    if not re.fullmatch(r"[\d\-()]+", text.replace(" ", "")):
        raise ValidationError(_("電話番号には数字とハイフンだけを使ってください"), code="phone")
    return text.replace(" ", "")


def validate_latitude(value: float | None) -> None:
    if value is not None and not JAPAN_BOUNDS.min_latitude <= value <= JAPAN_BOUNDS.max_latitude:
        raise ValidationError(
            _("緯度が日本の範囲（北緯20度〜46度）の外です。地図で位置を確かめてください"),
            code="latitude",
        )


def validate_longitude(value: float | None) -> None:
    if value is not None and not JAPAN_BOUNDS.min_longitude <= value <= JAPAN_BOUNDS.max_longitude:
        raise ValidationError(
            _("経度が日本の範囲（東経122度〜154度）の外です。地図で位置を確かめてください"),
            code="longitude",
        )


def validate_local_government_code(value: str) -> None:
    if not re.fullmatch(r"\d{6}", value or "") or (geocoding.check_digit(value[:5]) != value[5]):
        raise ValidationError(
            _("全国地方公共団体コードは検査数字を含む6桁です（例: 豊島区は131164）"),
            code="local_government_code",
        )


def corporate_number_check_digit(base: str) -> str:
    """The leading check digit of a 法人番号 for its 12-digit base (国税庁「法人番号の指定」).

    9 − (Σ Pn × Qn mod 9), Pn the n-th digit from the right, Qn 1 for odd n and 2 for even n.
    """
    total = sum(int(digit) * (1 if n % 2 else 2) for n, digit in enumerate(reversed(base), 1))
    return str(9 - total % 9)


def normalize_official_number(value: str) -> str:
    """Digits of an official number as people write it (full width, hyphens, spaces dropped)."""
    return re.sub(r"[\s\-‐‑‒–—―−－]", "", unicodedata.normalize("NFKC", value or ""))


def validate_corporate_number(value: str) -> None:
    """法人番号: 13 digits whose first is the check digit of the other twelve."""
    if not value:
        return
    if not re.fullmatch(r"\d{13}", value):
        raise ValidationError(_("法人番号は13桁の数字で入力してください"), code="corporate_number")
    if corporate_number_check_digit(value[1:]) != value[0]:
        raise ValidationError(
            _("法人番号の検査数字（先頭の1桁）が合いません。番号を確かめてください"),
            code="corporate_number_check_digit",
        )


def validate_office_number(value: str) -> None:
    """事業所番号 of 介護保険 and 障害福祉サービス: 10 digits (the first two are the 都道府県)."""
    if not re.fullmatch(r"\d{10}", value or ""):
        raise ValidationError(
            _("事業所番号は10桁の数字で入力してください（例: 1371234567）"), code="office_number"
        )


def validate_plain_text(value: str) -> None:
    """No NUL or other control characters (``input_limits.control_characters``)."""
    if value and control_characters(value):
        raise ValidationError(msg_control_characters(), code="control_characters")


def validate_long_text(value: str) -> None:
    """A free-text field holds at most ``input_limits`` ``long_text_chars`` characters."""
    validate_plain_text(value)
    maximum = limit("long_text_chars")
    if value and len(value) > maximum:
        raise ValidationError(msg_too_long(maximum), code="long_text")


def msg_control_characters() -> str:
    return _("制御文字（NUL など）は使えません。文字をコピーし直してください")


def msg_too_long(maximum: int) -> str:
    return _("長すぎます。%(limit)s 文字以内にしてください") % {"limit": f"{maximum:,}"}
