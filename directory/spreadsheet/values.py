"""Reading one cell: the words people type for our fixed vocabularies, and the checks on
postal codes, phone numbers, addresses and URLs. Every function returns the clean value or
raises ``CellError`` with a message for the person who keeps the file."""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _

from directory import geocoding
from directory.choices import CostCategory, DeliveryMode, Language, ProviderType, TargetGroup
from directory.models import Location, TaxonomyTerm
from directory.validators import normalize_phone_number

_SPLIT = re.compile(r"[、,;\n]+")


class CellError(ValueError):
    pass


def normalize(text: str) -> str:
    """For comparing words: full width to half width, spaces removed, lower case."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or "")).lower()


def location_key(location: Location) -> str:
    """A stored location's address as the key a spreadsheet row's place is matched on."""
    address = next(iter(location.addresses.all()), None)
    if address is None:
        return ""
    return normalize(
        f"{address.state_province}{address.city}{address.address_1}|{address.address_2}"
    )


def split(text: str) -> list[str]:
    items = [item.strip() for item in _SPLIT.split(unicodedata.normalize("NFKC", text or ""))]
    return [item for item in items if item]


# --- fixed vocabularies ----------------------------------------------------------------------

_PROVIDER_ALIASES = {
    "npo": ProviderType.NPO,
    "特定非営利活動法人": ProviderType.NPO,
    "社協": ProviderType.COUNCIL_OF_SOCIAL_WELFARE,
    "行政": ProviderType.GOVERNMENT,
    "自治体": ProviderType.GOVERNMENT,
    "株式会社": ProviderType.COMPANY,
    "合同会社": ProviderType.COMPANY,
    "一般社団法人": ProviderType.GENERAL_INCORPORATED_ASSOCIATION,
    "一般財団法人": ProviderType.GENERAL_INCORPORATED_ASSOCIATION,
    "公益社団法人": ProviderType.PUBLIC_INTEREST_CORPORATION,
    "公益財団法人": ProviderType.PUBLIC_INTEREST_CORPORATION,
    "生協": ProviderType.COOPERATIVE,
    "任意団体": ProviderType.VOLUNTARY_GROUP,
    "ボランティア団体": ProviderType.VOLUNTARY_GROUP,
}
_DELIVERY_ALIASES = {
    "訪問": DeliveryMode.OUTREACH,
    "アウトリーチ": DeliveryMode.OUTREACH,
    "窓口": DeliveryMode.IN_PERSON,
    "来所相談": DeliveryMode.IN_PERSON,
    "電話相談": DeliveryMode.PHONE,
    "オンライン相談": DeliveryMode.ONLINE,
}
_LANGUAGE_ALIASES = {
    "英語": "en",
    "中国語": "zh",
    "韓国語": "ko",
    "朝鮮語": "ko",
    "韓国・朝鮮語": "ko",
    "ベトナム語": "vi",
    "ポルトガル語": "pt",
    "タガログ語": "tl",
    "フィリピン語": "tl",
    "ネパール語": "ne",
    "スペイン語": "es",
    "インドネシア語": "id",
    "手話": "jsl",
}


def _vocabulary(choices: Iterable[tuple[str, object]], aliases: dict[str, str]) -> dict[str, str]:
    words = {normalize(value): value for value, _label in choices}
    words |= {normalize(str(label)): value for value, label in choices}
    words |= {normalize(word): value for word, value in aliases.items()}
    return words


def _labels(choices: Iterable[tuple[str, object]]) -> str:
    return "、".join(str(label) for _value, label in choices)


def choice_labels(choices: Iterable[tuple[str, object]]) -> list[str]:
    return [str(label) for _value, label in choices]


def _one(text: str, choices: list[tuple[str, object]], aliases: dict[str, str]) -> str:
    value = _vocabulary(choices, aliases).get(normalize(text))
    if value is None:
        raise CellError(
            _("「%(value)s」は使えません。次から選んでください: %(allowed)s")
            % {"value": text, "allowed": _labels(choices)}
        )
    return value


def _many(text: str, choices: list[tuple[str, object]], aliases: dict[str, str]) -> list[str]:
    words = _vocabulary(choices, aliases)
    values, unknown = [], []
    for item in split(text):
        value = words.get(normalize(item))
        if value is None:
            unknown.append(item)
        elif value not in values:
            values.append(value)
    if unknown:
        raise CellError(
            _("「%(value)s」は使えません。次から選んで「、」で区切ってください: %(allowed)s")
            % {"value": "、".join(unknown), "allowed": _labels(choices)}
        )
    return values


def provider_type(text: str) -> str:
    return _one(text, ProviderType.choices, _PROVIDER_ALIASES)


def cost_category(text: str) -> str:
    return _one(text, CostCategory.choices, {"無償": CostCategory.FREE, "実費": CostCategory.FEE})


def target_groups(text: str) -> list[str]:
    return _many(text, TargetGroup.choices, {"誰でも": TargetGroup.ANYONE})


def delivery_modes(text: str) -> list[str]:
    return _many(text, DeliveryMode.choices, _DELIVERY_ALIASES)


def languages(text: str) -> list[str]:
    return _many(text, Language.choices, _LANGUAGE_ALIASES)


class Categories:
    """Category terms by name or code, loaded once per import."""

    def __init__(self) -> None:
        self.by_word: dict[str, TaxonomyTerm] = {}
        # Top-level terms first, so a name used at both levels (就労支援) means the broad one.
        terms = TaxonomyTerm.objects.order_by("parent_id", "sort_order", "pk")
        for term in sorted(terms, key=lambda t: t.parent_id is not None):
            self.by_word.setdefault(normalize(term.name), term)
            self.by_word.setdefault(normalize(term.code), term)

    def names(self) -> list[str]:
        terms = TaxonomyTerm.objects.select_related("parent").order_by("sort_order", "name")
        return list(dict.fromkeys(term.name for term in terms))

    def parse(self, text: str) -> list[TaxonomyTerm]:
        terms, unknown = [], []
        for item in split(text):
            # 「食料支援 > フードバンク」: the last part is the term.
            word = re.split(r"[>＞/／]", item)[-1]
            term = self.by_word.get(normalize(word))
            if term is None:
                unknown.append(item)
            elif term not in terms:
                terms.append(term)
        if unknown:
            raise CellError(
                _(
                    "分類「%(value)s」が登録されていません。"
                    "テンプレートの「記入例・説明」シートの一覧から選んでください"
                )
                % {"value": "、".join(unknown)}
            )
        return terms


# --- checked values --------------------------------------------------------------------------


def phone(text: str) -> str:
    if re.fullmatch(r"[1-9]\d{8,9}", text):
        raise CellError(
            _(
                "先頭の 0 が消えています（%(value)s）。"
                "セルの書式を「文字列」にして 0 から入力し直してください"
            )
            % {"value": text}
        )
    try:
        return normalize_phone_number(text)
    except ValidationError as error:
        raise CellError(" ".join(error.messages)) from error


def postal_code(text: str) -> str:
    digits = geocoding.normalize_postal_code(text)
    if digits is None:
        if re.fullmatch(r"\d{5,6}", text):
            raise CellError(
                _(
                    "7桁の数字で書いてください。先頭の 0 が消えているかもしれません"
                    "（セルの書式を「文字列」に）"
                )
            )
        raise CellError(_("7桁の数字で書いてください（例: 170-0013）"))
    return f"{digits[:3]}-{digits[3:]}"


def email(text: str) -> str:
    value = unicodedata.normalize("NFKC", text).strip()
    try:
        EmailValidator()(value)
    except ValidationError as error:
        raise CellError(
            _("メールアドレスの形ではありません: %(value)s") % {"value": text}
        ) from error
    return value


def url(text: str) -> str:
    value = unicodedata.normalize("NFKC", text).strip()
    if value.startswith("www."):
        value = f"https://{value}"
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError as error:
        raise CellError(
            _("https:// で始まるアドレスを書いてください: %(value)s") % {"value": text}
        ) from error
    return value


def service_id(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text.strip())
    except ValueError as error:
        raise CellError(
            _("ID は UUID で書いてください（例: 0f5f7a7e-4d1c-4b8e-9d0a-2b6a1f0c9e11）: %(value)s")
            % {"value": text}
        ) from error


@dataclass(frozen=True)
class Place:
    postal_code: str
    prefecture: str
    city: str
    street: str
    building: str
    municipality: geocoding.Municipality

    @property
    def key(self) -> str:
        return normalize(f"{self.prefecture}{self.city}{self.street}|{self.building}")


def municipality(prefecture: str, city: str) -> geocoding.Municipality:
    found = geocoding.municipality_by_name(f"{prefecture}{city}")
    if found is None:
        raise CellError(
            _("「%(value)s」という市区町村が見つかりません（政令市は「横浜市中区」のように区まで）")
            % {"value": f"{prefecture}{city}"}
        )
    return found
