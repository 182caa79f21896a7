"""Every indexed point in memory, sorted by latitude and bucketed in a grid of small cells.

A radius then takes whole cells that lie inside it without computing a distance, measures only
the points of cells the circle crosses, and orders by distance cell by cell, nearest first.
Distances are ``directory.geo``'s haversine on precomputed radians and cosines: the very
floats ``haversine_km`` gives, so both backends report the same kilometres.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from directory.geo import KM_PER_DEGREE, haversine_km_many, haversine_km_prepared
from search.backends.database import bitsets
from search.backends.database.tables import LOCATION
from search.contract import BoundingBox, GeoFilter

# Points are bucketed in cells of this many degrees (~0.5 km).
CELL_DEGREES = 0.005
# Cell distance bounds are widened by this much (relative, and km), far beyond the error of
# bounding a cell by its clamped point and corners; cells are used up to GRID_MAX_RADIUS_KM.
CELL_MARGIN = 1e-3
GRID_MAX_RADIUS_KM = 200.0

Cell = tuple[int, int]
# (lower, upper, point indices): km bounds from the query point to any point of one cell.
CellBounds = tuple[float, float, list[int]]


def cell(latitude: float, longitude: float) -> Cell:
    return math.floor(latitude / CELL_DEGREES), math.floor(longitude / CELL_DEGREES)


@dataclass(frozen=True)
class Points:
    """Every indexed point, sorted by latitude (a latitude band is a slice via bisect).

    ``phi`` and ``cos_phi`` are ``radians(latitude)`` and its cosine, precomputed: the very
    floats ``directory.geo.haversine_km`` computes, so distances stay bit-identical.
    """

    latitude: list[float]
    longitude: list[float]
    phi: list[float]
    cos_phi: list[float]
    position: list[int]  # the service's snapshot position
    of_position: dict[int, list[int]]  # snapshot position → indices of its points
    cells: dict[Cell, list[int]]  # grid cell (see cell()) → indices of its points


def load_points(cursor: Any, position: dict[int, int]) -> Points:
    """The points of the services in ``position`` (service id → snapshot position)."""
    cursor.execute(f"SELECT service_id, latitude, longitude FROM {LOCATION}")
    rows = sorted(
        (lat, lng, position[sid]) for sid, lat, lng in cursor.fetchall() if sid in position
    )
    latitudes = [r[0] for r in rows]
    phi = list(map(math.radians, latitudes))
    of_position: defaultdict[int, list[int]] = defaultdict(list)
    cells: defaultdict[Cell, list[int]] = defaultdict(list)
    for i, (lat, lng, p) in enumerate(rows):
        of_position[p].append(i)
        cells[cell(lat, lng)].append(i)
    return Points(
        latitude=latitudes,
        longitude=[r[1] for r in rows],
        phi=phi,
        cos_phi=list(map(math.cos, phi)),
        position=[r[2] for r in rows],
        of_position=dict(of_position),
        cells=dict(cells),
    )


def radius_box(point: GeoFilter, radius_km: float) -> BoundingBox:
    """A latitude/longitude box that contains the whole circle (with a small margin)."""
    dlat = radius_km / KM_PER_DEGREE * 1.01
    widest = min(89.0, abs(point.latitude) + dlat)
    dlng = min(180.0, dlat / max(math.cos(math.radians(widest)), 1e-6))
    return BoundingBox(
        min_latitude=point.latitude - dlat,
        min_longitude=point.longitude - dlng,
        max_latitude=point.latitude + dlat,
        max_longitude=point.longitude + dlng,
    )


def cell_bounds(points: Points, point: GeoFilter, box: BoundingBox | None) -> list[CellBounds]:
    """(lower, upper, point indices) of the non-empty cells meeting ``box`` (or all).

    ``lower`` and ``upper`` bound the distance in km from ``point`` to any point of the
    cell, widened by ``CELL_MARGIN``.
    """
    grid = points.cells
    keys: Iterable[Cell]
    if box is None:
        keys = grid
    else:
        low = cell(box.min_latitude, box.min_longitude)
        high = cell(box.max_latitude, box.max_longitude)
        if (high[0] - low[0] + 1) * (high[1] - low[1] + 1) > len(grid):
            keys = [k for k in grid if low[0] <= k[0] <= high[0] and low[1] <= k[1] <= high[1]]
        else:
            keys = [
                (i, j)
                for i in range(low[0], high[0] + 1)
                for j in range(low[1], high[1] + 1)
                if (i, j) in grid
            ]
    lat0, lng0 = point.latitude, point.longitude
    phi0 = math.radians(lat0)
    cos0 = math.cos(phi0)

    def km_to(lat: float, lng: float) -> float:
        phi = math.radians(lat)
        return haversine_km_prepared(phi0, cos0, lng0, phi, math.cos(phi), lng)

    bounds = []
    for key in keys:
        south, west = key[0] * CELL_DEGREES, key[1] * CELL_DEGREES
        north, east = south + CELL_DEGREES, west + CELL_DEGREES
        closest = km_to(min(max(lat0, south), north), min(max(lng0, west), east))
        farthest = max(km_to(lat, lng) for lat in (south, north) for lng in (west, east))
        bounds.append(
            (
                closest * (1 - CELL_MARGIN) - CELL_MARGIN,
                farthest * (1 + CELL_MARGIN) + CELL_MARGIN,
                grid[key],
            )
        )
    return bounds


def point_indices(
    points: Points, box: BoundingBox, *, candidates: int | None, size: int
) -> list[int]:
    """Indices of the points in the box (of ``candidates``' services only, unless None).

    ``size`` is the number of snapshot positions.
    """
    low = bisect_left(points.latitude, box.min_latitude)
    high = bisect_right(points.latitude, box.max_latitude)
    min_lng, max_lng, longitude = box.min_longitude, box.max_longitude, points.longitude
    band: Iterable[int]
    if candidates is not None:
        # Whichever is fewer: the candidates' points, or the band's points.
        count = candidates.bit_count()
        if count < high - low:
            of_position = points.of_position
            band = [
                i
                for p in bitsets.positions(candidates)
                for i in of_position.get(p, ())
                if low <= i < high
            ]
        else:
            flags, position = bitsets.flags(candidates, size), points.position
            band = [i for i in range(low, high) if flags[position[i]]]
    else:
        band = range(low, high)
    return [i for i in band if min_lng <= longitude[i] <= max_lng]


def nearest(points: Points, point: GeoFilter, indices: Sequence[int]) -> dict[int, float]:
    """Position → distance in km of its nearest point among ``indices``."""
    found: dict[int, float] = {}
    get, inf, positions = found.get, math.inf, points.position
    distances = haversine_km_many(
        point.latitude,
        point.longitude,
        phis=points.phi,
        cosines=points.cos_phi,
        longitudes=points.longitude,
        indices=indices,
    )
    for i, distance in zip(indices, distances, strict=True):
        p = positions[i]
        if distance < get(p, inf):
            found[p] = distance
    return found
