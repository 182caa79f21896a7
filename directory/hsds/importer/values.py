"""Single HSDS values read into our fields; a value unusable here is a warning and left empty."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db.models import Model
from django.utils.translation import gettext as _

from directory.choices import PhoneType
from directory.hsds import extensions as ext
from directory.hsds.problems import Report
from directory.hsds.tabular import SOURCE
from directory.models import ServiceIdentifier, ServicePhone
from directory.validators import normalize_phone_number

# HSDS phone types we have no choice for; "pager" reads best as a plain number.
PHONE_TYPE_FALLBACK = PhoneType.VOICE


class ValueReader:
    """Checks values of HSDS objects against our fields, reporting where each came from."""

    def __init__(self, *, report: Report, default_file: str = "") -> None:
        self.report = report
        self.default_file = default_file

    # messages

    def _where(self, obj: dict[str, Any], name: str = "") -> tuple[str, str, str]:
        file, where = obj.get(SOURCE, (self.default_file, ""))
        if name and where.startswith("/") or (name and where == ""):
            where = f"{where}/{name}"
        return file, where, name

    def warn(self, obj: dict[str, Any], name: str, message: str) -> None:
        file, where, name = self._where(obj, name)
        self.report.warn(file=file, where=where, field=name, message=message)

    def error(self, obj: dict[str, Any], name: str, message: str) -> None:
        file, where, name = self._where(obj, name)
        self.report.error(file=file, where=where, field=name, message=message)

    # values

    def text(self, obj: dict[str, Any], name: str, model: type[Model], attname: str) -> str:
        value = obj.get(name)
        if value is None:
            return ""
        text = str(value).strip()
        limit = model._meta.get_field(attname).max_length
        if limit and len(text) > limit:
            self.warn(
                obj,
                name,
                _("長すぎるため %(limit)s 文字で切りました") % {"limit": limit},
            )
            text = text[:limit]
        return text

    def url(self, obj: dict[str, Any], name: str, model: type[Model], attname: str) -> str:
        value = str(obj.get(name) or "").strip()
        if not value:
            return ""
        limit = model._meta.get_field(attname).max_length or 200
        try:
            URLValidator()(value)
        except ValidationError:
            self.warn(
                obj,
                name,
                _("URL として使えないため空にしました: %(value)s") % {"value": value[:80]},
            )
            return ""
        if len(value) > limit:
            self.warn(obj, name, _("URL が長すぎるため空にしました"))
            return ""
        return value

    def email(self, obj: dict[str, Any], name: str) -> str:
        value = str(obj.get(name) or "").strip()
        if not value:
            return ""
        try:
            EmailValidator()(value)
        except ValidationError:
            self.warn(
                obj,
                name,
                _("メールアドレスとして使えないため空にしました: %(value)s")
                % {"value": value[:80]},
            )
            return ""
        return value[:254]

    def age(self, obj: dict[str, Any], name: str) -> int | None:
        value = obj.get(name)
        if value is None:
            return None
        if not isinstance(value, int | float) or not 0 <= value <= 130 or value != int(value):
            self.warn(
                obj, name, _("年齢として使えないため空にしました: %(value)s") % {"value": value}
            )
            return None
        return int(value)

    def day(self, obj: dict[str, Any], name: str) -> date | None:
        value = obj.get(name)
        if not value:
            return None
        try:
            return date.fromisoformat(str(value)[:10])
        except ValueError:
            self.warn(
                obj, name, _("日付として読めないため空にしました: %(value)s") % {"value": value}
            )
            return None

    def choice(
        self, obj: dict[str, Any], name: str, value: str, choices: Any, *, default: str | None
    ) -> str | None:
        if value in choices.values:
            return value
        self.warn(
            obj,
            name,
            _("使えない値のため読み飛ばしました: %(value)s（使える値: %(allowed)s）")
            % {"value": value[:60], "allowed": ", ".join(choices.values)},
        )
        return default

    def _json_value(self, attribute: dict[str, Any], value: str) -> dict[str, Any] | None:
        try:
            data = json.loads(value)
        except json.JSONDecodeError:
            data = None
        if not isinstance(data, dict):
            self.warn(attribute, "value", _("値が JSON オブジェクトではないため読み飛ばしました"))
            return None
        return data

    def identifier(self, obj: dict[str, Any], data: dict[str, Any]) -> dict[str, Any] | None:
        """A typed official number (事業所番号 …) as ``ServiceIdentifier`` fields, or None."""
        row = ServiceIdentifier(
            type=str(data.get("identifier_type") or ""),
            scheme=str(data.get("identifier_scheme") or "")[:50],
            value=str(data.get("identifier") or "")[:50],
        )
        try:
            row.clean()
            row.clean_fields(exclude=["service"])
        except ValidationError as error:
            self.warn(
                obj,
                "value",
                _("番号として使えないため読み飛ばしました: %(value)s（%(problem)s）")
                % {"value": row.value, "problem": " ".join(error.messages)},
            )
            return None
        return {"scheme": row.scheme, "type": row.type, "value": row.value}

    def _title(self, obj: dict[str, Any], model: type[Model]) -> str:
        title = self.text(obj, "name", model, "title")
        if not title:
            title = self.text(obj, "alternate_name", model, "title") or _("（名称なし）")
            self.warn(obj, "name", _("名前が空のため「%(title)s」としました") % {"title": title})
        return title

    def phone_number(self, obj: dict[str, Any], name: str = "number") -> str | None:
        raw = str(obj.get(name) or "")
        try:
            return normalize_phone_number(raw)
        except ValidationError:
            self.warn(
                obj,
                name,
                _("日本の電話番号として使えないため読み飛ばしました: %(value)s")
                % {"value": raw[:40]},
            )
            return None

    # records

    def _phone_fields(self, phone: dict[str, Any]) -> dict[str, Any]:
        kind = str(phone.get("type") or PhoneType.VOICE).lower()
        if kind not in PhoneType.values:
            kind = PHONE_TYPE_FALLBACK
        extension = phone.get("extension")
        return {
            "extension": str(int(extension)) if isinstance(extension, int | float) else "",
            "type": kind,
            "description": self.text(phone, "description", ServicePhone, "description"),
        }

    def _extension_attributes(
        self, obj: dict[str, Any], entity: str
    ) -> Iterator[tuple[ext.Extension, str]]:
        for attribute in obj.get("attributes") or []:
            extension = self._extension_of(attribute)
            if extension is None:
                continue
            if extension.entity != entity:
                self.warn(attribute, "taxonomy_term_id", _("この対象には使えない拡張項目です"))
                continue
            yield extension, str(attribute.get("value") or "").strip()

    def _extension_of(self, attribute: dict[str, Any]) -> ext.Extension | None:
        term_id = str(attribute.get("taxonomy_term_id") or "").lower()
        term = (
            attribute.get("taxonomy_term")
            if isinstance(attribute.get("taxonomy_term"), dict)
            else {}
        )
        if not term_id:
            term_id = str(term.get("id") or "").lower()
        if term_id in ext.BY_TERM_ID:
            return ext.BY_TERM_ID[term_id]
        if term.get("taxonomy") == ext.TAXONOMY_NAME and term.get("code") in ext.BY_CODE:
            return ext.BY_CODE[term["code"]]
        return None
