"""The one parser of search parameters, shared by the page ``/search/`` and ``/api/v1/search``.

Both read the same query string, so they go through ``SearchForm``: the page shows its errors
beside the fields, the API returns them as a 400. ``SearchForm.query`` is the ``SearchQuery``
the backends answer.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory import places
from search.contract import (
    FACETS,
    MAX_PAGE_SIZE,
    MAX_RADIUS_KM,
    MAX_RESULT_WINDOW,
    BoundingBox,
    GeoFilter,
    SearchQuery,
)
from search.documents import HORIZON_DAYS

TOKYO = ZoneInfo("Asia/Tokyo")
DEFAULT_RADIUS_KM = 5.0
DEFAULT_PAGE_SIZE = 20
MAX_FACET_VALUES = 50
MAX_FACET_VALUE_LENGTH = 100
SORT_CHOICES = [
    ("relevance", _("関連度順")),
    ("distance", _("近い順")),
    ("name", _("名前順")),
]
_TRUE = frozenset({"1", "true", "on", "yes"})
_FALSE = frozenset({"", "0", "false", "off", "no"})


class MultipleValueInput(forms.Widget):
    """Reads every value of a repeated parameter (``?category=a&category=b``)."""

    def value_from_datadict(self, data: Mapping[str, Any], files: Any, name: str) -> list[str]:
        if hasattr(data, "getlist"):
            return list(data.getlist(name))
        value = data.get(name)
        if value is None:
            return []
        return [value] if isinstance(value, str) else list(value)


class FacetValuesField(forms.Field):
    """Facet values, repeated and/or comma-separated; unknown values simply match nothing."""

    widget = MultipleValueInput

    def __init__(self, *, facet: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.facet = facet

    def to_python(self, value: Any) -> tuple[str, ...]:
        values: dict[str, None] = {}
        for raw in value or []:
            for part in str(raw).split(","):
                part = part.strip()
                if part:
                    values[part] = None
        if len(values) > MAX_FACET_VALUES:
            raise ValidationError(
                _("一度に選べるのは%(limit)s件までです。"),
                code="too_many",
                params={"limit": MAX_FACET_VALUES},
            )
        if any(len(v) > MAX_FACET_VALUE_LENGTH or "\x00" in v for v in values):
            raise ValidationError(_("値が正しくありません。"), code="invalid")
        return tuple(values)


class FlagInput(forms.Widget):
    """The raw string; ``CheckboxInput`` would read ``0`` as true."""

    def value_from_datadict(self, data: Mapping[str, Any], files: Any, name: str) -> Any:
        return data.get(name)


class FlagField(forms.Field):
    """``1``/``true``/``on`` or ``0``/``false``/empty; anything else is an error, not a guess."""

    widget = FlagInput

    def to_python(self, value: Any) -> bool:
        text = str(value).strip().lower() if value is not None else ""
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise ValidationError(
            _("「1」（はい）か「0」（いいえ）で指定してください。"), code="invalid"
        )


def _float_field(*, minimum: float, maximum: float, label: Any, help_text: Any) -> forms.FloatField:
    return forms.FloatField(
        required=False,
        label=label,
        min_value=minimum,
        max_value=maximum,
        help_text=help_text,
        error_messages={
            "invalid": _("数値で指定してください。"),
            "min_value": _("%(limit_value)s以上の数値で指定してください。"),
            "max_value": _("%(limit_value)s以下の数値で指定してください。"),
        },
    )


def _int_field(*, minimum: int, maximum: int, label: Any, help_text: Any) -> forms.IntegerField:
    return forms.IntegerField(
        required=False,
        label=label,
        min_value=minimum,
        max_value=maximum,
        help_text=help_text,
        error_messages={
            "invalid": _("整数で指定してください。"),
            "min_value": _("%(limit_value)s以上の整数で指定してください。"),
            "max_value": _("%(limit_value)s以下の整数で指定してください。"),
        },
    )


def open_at_window(*, now: datetime) -> tuple[datetime, datetime]:
    """The times every index can answer "open at" for: today (Tokyo) to the horizon, exclusive.

    Documents hold open periods from yesterday for ``HORIZON_DAYS`` days and are rolled forward
    daily, so an index built yesterday still covers up to today + ``HORIZON_DAYS`` - 2.
    """
    today = timezone.localtime(now, TOKYO).date()
    start = datetime.combine(today, time.min, tzinfo=TOKYO)
    return start, start + timedelta(days=HORIZON_DAYS - 1)


class SearchForm(forms.Form):
    """Query-string parameters → ``SearchQuery``; every rule about them lives here."""

    q = forms.CharField(
        required=False,
        max_length=200,
        label=_("キーワード"),
        help_text=_(
            "探したいことば（例: 食料、住まい、相談）。スペースで区切るとすべてを含むものを探します。"
        ),
        error_messages={"max_length": _("%(limit_value)s文字以内で入力してください。")},
    )
    near = forms.CharField(
        required=False,
        max_length=100,
        label=_("場所（郵便番号・市区町村）"),
        help_text=_(
            "郵便番号（170-0013）、市区町村名（豊島区）、町名（東池袋）、駅名（池袋駅）または住所（町名まで使います）。"
            "複数の場所に当てはまるときは 400 を返し、candidates に候補を入れます。"
        ),
        error_messages={"max_length": _("%(limit_value)s文字以内で入力してください。")},
    )
    lat = _float_field(
        minimum=-90,
        maximum=90,
        label=_("緯度"),
        help_text=_("緯度（世界測地系）。lng と一緒に指定します。"),
    )
    lng = _float_field(
        minimum=-180,
        maximum=180,
        label=_("経度"),
        help_text=_("経度（世界測地系）。lat と一緒に指定します。"),
    )
    radius_km = forms.FloatField(
        required=False,
        label=_("範囲"),
        help_text=_("場所からの距離（km）。場所を指定したときだけ使います。省略すると5 km。"),
        error_messages={"invalid": _("数値で指定してください。")},
    )
    bbox = forms.CharField(
        required=False,
        max_length=200,
        label=_("地図の範囲"),
        help_text=_("地図の範囲: 西端の経度,南端の緯度,東端の経度,北端の緯度（GeoJSON の順）。"),
        error_messages={"max_length": _("%(limit_value)s文字以内で入力してください。")},
    )
    open_now = FlagField(
        required=False, label=_("今開いている"), help_text=_("今開いている支援だけ。")
    )
    at = forms.CharField(
        required=False,
        max_length=50,
        label=_("日時"),
        help_text=_(
            "この日時に開いている支援だけ（ISO 8601。タイムゾーンがなければ日本時間）。"
            "今日から約1か月先まで。"
        ),
        error_messages={"max_length": _("%(limit_value)s文字以内で入力してください。")},
    )
    evenings = FlagField(
        required=False, label=_("夜間"), help_text=_("18時以降も開いている支援だけ。")
    )
    weekends = FlagField(
        required=False, label=_("土日祝"), help_text=_("土曜・日曜・祝日に開いている支援だけ。")
    )
    sort = forms.ChoiceField(
        required=False,
        choices=SORT_CHOICES,
        label=_("並べ替え"),
        help_text=_("relevance（関連度順）、distance（近い順。場所が必要）、name（名前順）。"),
        error_messages={
            "invalid_choice": _("relevance、distance、name のどれかを指定してください。")
        },
    )
    page = _int_field(
        minimum=1,
        maximum=MAX_RESULT_WINDOW,
        label=_("ページ"),
        help_text=_("ページ番号（1から）。"),
    )
    page_size = _int_field(
        minimum=1,
        maximum=MAX_PAGE_SIZE,
        label=_("1ページの件数"),
        help_text=_("1ページの件数（1〜100、省略すると20）。"),
    )

    def __init__(self, *args: Any, now: datetime | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.now = now or timezone.now()
        self.place: places.Place | None = None
        self.place_candidates: tuple[places.Place, ...] = ()  # when ``near`` was ambiguous

    # --- one field at a time ------------------------------------------------------------------

    def clean_radius_km(self) -> float | None:
        radius = self.cleaned_data.get("radius_km")
        if radius is None:
            return None
        if not math.isfinite(radius) or radius <= 0 or radius > MAX_RADIUS_KM:
            raise ValidationError(
                _("0より大きく%(max)s以下の数値（km）で指定してください。"),
                code="out_of_range",
                params={"max": int(MAX_RADIUS_KM)},
            )
        return radius

    def clean_bbox(self) -> BoundingBox | None:
        raw = self.cleaned_data.get("bbox", "")
        if not raw:
            return None
        message = _(
            "「西端の経度,南端の緯度,東端の経度,北端の緯度」の4つの数値で指定してください。"
        )
        parts = raw.split(",")
        if len(parts) != 4:
            raise ValidationError(message, code="invalid")
        try:
            west, south, east, north = (float(p) for p in parts)
        except ValueError:
            raise ValidationError(message, code="invalid") from None
        if not all(math.isfinite(v) for v in (west, south, east, north)):
            raise ValidationError(message, code="invalid")
        if not (-180 <= west <= 180 and -180 <= east <= 180):
            raise ValidationError(_("経度は-180〜180で指定してください。"), code="out_of_range")
        if not (-90 <= south <= 90 and -90 <= north <= 90):
            raise ValidationError(_("緯度は-90〜90で指定してください。"), code="out_of_range")
        if south > north or west > east:
            raise ValidationError(
                _(
                    "西端・南端の値は東端・北端の値以下にしてください（経度180度をまたぐ範囲は使えません）。"
                ),
                code="order",
            )
        return BoundingBox(
            min_latitude=south, min_longitude=west, max_latitude=north, max_longitude=east
        )

    def clean_at(self) -> datetime | None:
        raw = self.cleaned_data.get("at", "")
        if not raw:
            return None
        try:
            value = datetime.fromisoformat(raw)
        except ValueError:
            raise ValidationError(
                _("日時は ISO 8601 形式で指定してください（例: 2025-06-07T10:00）。"),
                code="invalid",
            ) from None
        if timezone.is_naive(value):
            value = value.replace(tzinfo=TOKYO)
        start, end = open_at_window(now=self.now)
        if not start <= value < end:
            raise ValidationError(
                _("開いている日時で探せるのは、今日から%(days)s日後までです。"),
                code="beyond_horizon",
                params={"days": HORIZON_DAYS - 2},
            )
        return value

    def clean_near(self) -> str:
        near = self.cleaned_data.get("near", "")
        if not near:
            return ""
        # Offline on purpose: a visitor's typed location must not leave the server.
        resolved = places.resolve_place(near)
        if resolved.ambiguous:
            self.place_candidates = resolved.candidates
            raise ValidationError(
                _(
                    "「%(near)s」に当てはまる場所が複数あります。都道府県名・市区町村名から入力するか、次から選んでください: %(candidates)s"
                ),
                code="ambiguous",
                params={
                    "near": near,
                    "candidates": "、".join(c.label for c in resolved.candidates),
                },
            )
        if resolved.place is None:
            raise ValidationError(
                _(
                    "「%(near)s」の場所が見つかりませんでした。郵便番号（例: 170-0013）、市区町村名（例: 豊島区）、町名（例: 東池袋）か駅名（例: 池袋駅）で入力してください。"
                ),
                code="unknown_place",
                params={"near": near},
            )
        self.place = resolved.place
        return near

    # --- rules across fields ------------------------------------------------------------------

    def clean(self) -> dict[str, Any]:
        super().clean()  # returns cleaned_data, typed as optional
        data = self.cleaned_data
        lat, lng = data.get("lat"), data.get("lng")
        if (lat is None) != (lng is None) and not self._failed("lat", "lng"):
            missing = "lng" if lng is None else "lat"
            self.add_error(missing, _("緯度（lat）と経度（lng）は両方指定してください。"))
        if data.get("near") and (lat is not None or lng is not None):
            self.add_error(
                "near",
                _("場所（near）と緯度・経度（lat/lng）は、どちらか一方だけ指定してください。"),
            )
        if data.get("open_now") and data.get("at"):
            self.add_error("at", _("open_now と at は、どちらか一方だけ指定してください。"))
        if data.get("sort") == "distance" and not self._has_point(data):
            self.add_error(
                "sort",
                _("近い順に並べるには、場所（郵便番号・市区町村）か現在地を指定してください。"),
            )
        page, page_size = data.get("page") or 1, data.get("page_size") or DEFAULT_PAGE_SIZE
        if "page" not in self.errors and "page_size" not in self.errors:
            if page * page_size > MAX_RESULT_WINDOW:
                self.add_error(
                    "page",
                    _("%(limit)s件目より先は表示できません。条件を足して絞り込んでください。")
                    % {"limit": MAX_RESULT_WINDOW},
                )
        return data

    def _failed(self, *names: str) -> bool:
        return any(name in self.errors for name in names)

    def _has_point(self, data: Mapping[str, Any]) -> bool:
        if self._failed("near", "lat", "lng"):
            return True  # the real error is already reported on the point itself
        return self.place is not None or (
            data.get("lat") is not None and data.get("lng") is not None
        )

    # --- the result ---------------------------------------------------------------------------

    @property
    def query(self) -> SearchQuery:
        """The ``SearchQuery`` for valid input (call ``is_valid()`` first)."""
        if not self.is_valid():
            raise ValueError("SearchForm.query needs valid input")
        data = self.cleaned_data
        point = None
        latitude, longitude = data.get("lat"), data.get("lng")
        if self.place is not None:
            latitude, longitude = self.place.latitude, self.place.longitude
        if latitude is not None and longitude is not None:
            point = GeoFilter(
                latitude=latitude,
                longitude=longitude,
                radius_km=data.get("radius_km") or DEFAULT_RADIUS_KM,
            )
        open_at = data.get("at") or (self.now if data.get("open_now") else None)
        filters = {
            field.facet: data[name]
            for name, field in self.fields.items()
            if isinstance(field, FacetValuesField) and data.get(name)
        }
        return SearchQuery(
            text=data.get("q", ""),
            point=point,
            bbox=data.get("bbox"),
            filters=filters,
            open_at=open_at,
            evenings=bool(data.get("evenings")),
            weekends=bool(data.get("weekends")),
            sort=data.get("sort") or "relevance",
            page=data.get("page") or 1,
            page_size=data.get("page_size") or DEFAULT_PAGE_SIZE,
        )

    def error_list(self) -> list[dict[str, Any]]:
        """Errors as ``[{"field", "message"}]``, the shape the API documents."""
        return [
            {"field": None if name == "__all__" else name, "message": str(message)}
            | (self._candidates_out() if name == "near" else {})
            for name, messages in self.errors.items()
            for message in messages
        ]

    def _candidates_out(self) -> dict[str, list[dict[str, Any]]]:
        """The places an ambiguous ``near`` may mean, for the client to offer as choices."""
        if not self.place_candidates:
            return {}
        return {
            "candidates": [
                {"label": c.label, "latitude": c.latitude, "longitude": c.longitude}
                for c in self.place_candidates
            ]
        }


def _add_facet_fields() -> None:
    """One parameter per facet, named as in ``FACETS`` (the contract owns the names)."""
    for facet, (parameter, label) in FACETS.items():
        SearchForm.base_fields[parameter] = FacetValuesField(
            facet=facet,
            required=False,
            label=label,
            help_text=_("繰り返すか、カンマで区切って複数指定できます（どれかに当てはまるもの）。"),
        )


_add_facet_fields()
