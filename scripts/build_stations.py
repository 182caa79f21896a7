"""Build ``directory/data/stations.csv.gz`` from 国土数値情報 鉄道データ (N02), 国土交通省.

Usage::

    python scripts/build_stations.py N02-23_Station.geojson [--bbox 139.5,35.5,140.0,35.9]

Input: the ``*_Station.geojson`` file of the N02 download
(https://nlftp.mlit.go.jp/ksj/gml/datalist/KsjTmplt-N02-2023.html). Each feature is a station's
platform as a LineString; properties N02_003 = line, N02_004 = operator, N02_005 = station name.
A station's point is the mean of its platform's vertices. ``--bbox`` (west,south,east,north) keeps
only stations inside it, for a smaller file.

Output: ``name,line,operator,latitude,longitude`` (5 decimals, ~1 m), gzipped, one row per
station and line; ``directory.places`` merges the lines of one station. Write the source edition,
download date and the licence terms of that edition into ``directory/data/README.md``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
from collections.abc import Iterator
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent.parent / "directory" / "data" / "stations.csv.gz"


def _vertices(coordinates) -> Iterator[tuple[float, float]]:
    if coordinates and isinstance(coordinates[0], int | float):
        yield float(coordinates[0]), float(coordinates[1])
        return
    for child in coordinates:
        yield from _vertices(child)


def rows(features, *, bbox: tuple[float, float, float, float] | None) -> list[tuple]:
    out = set()
    for feature in features:
        props = feature["properties"]
        points = list(_vertices(feature["geometry"]["coordinates"]))
        lng = sum(p[0] for p in points) / len(points)
        lat = sum(p[1] for p in points) / len(points)
        if bbox and not (bbox[0] <= lng <= bbox[2] and bbox[1] <= lat <= bbox[3]):
            continue
        out.add(
            (props["N02_005"], props["N02_003"], props["N02_004"], round(lat, 5), round(lng, 5))
        )
    return sorted(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("geojson", type=Path)
    parser.add_argument("--bbox", help="west,south,east,north in degrees")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    bbox = tuple(float(v) for v in args.bbox.split(",")) if args.bbox else None
    features = json.loads(args.geojson.read_text(encoding="utf-8"))["features"]
    found = rows(features, bbox=bbox)
    with gzip.open(args.output, "wt", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["name", "line", "operator", "latitude", "longitude"])
        writer.writerows(found)
    print(f"{len(found)} station rows -> {args.output}")


if __name__ == "__main__":
    main()
