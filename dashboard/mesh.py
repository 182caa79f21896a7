"""JIS X 0410 地域メッシュ: the third-order mesh (基準地域メッシュ, about 1 km square).

A first-order mesh is 40' of latitude by 1° of longitude, split 8×8 into second-order meshes,
each split 10×10 into third-order meshes (30" × 45"). Codes are 8 digits: ``pp uu q v r w``.
"""

from __future__ import annotations

import math

_LAT_STEP = 1 / 1.5 / 8 / 10  # 30 seconds
_LON_STEP = 1 / 8 / 10  # 45 seconds


def mesh3_code(*, latitude: float, longitude: float) -> str:
    """The third-order mesh code containing the point (south-west edges belong to the mesh)."""
    # Integer arithmetic on 1/(30") and 1/(45") units avoids float edge errors (e.g. 35.0°).
    lat_units = math.floor(round(latitude * 120, 9))
    lon_units = math.floor(round((longitude - 100) * 80, 9))
    p, rest = divmod(lat_units, 80)
    q, r = divmod(rest, 10)
    u, rest = divmod(lon_units, 80)
    v, w = divmod(rest, 10)
    return f"{p:02d}{u:02d}{q}{v}{r}{w}"


def mesh3_bounds(code: str) -> tuple[float, float, float, float]:
    """(south, west, north, east) of a third-order mesh, in degrees."""
    if len(code) != 8 or not code.isdigit():
        raise ValueError("a third-order mesh code has 8 digits")
    p, u, q, v, r, w = (
        int(code[0:2]),
        int(code[2:4]),
        int(code[4]),
        int(code[5]),
        int(code[6]),
        int(code[7]),
    )
    south = (p * 80 + q * 10 + r) / 120
    west = 100 + (u * 80 + v * 10 + w) / 80
    return south, west, south + _LAT_STEP, west + _LON_STEP


def mesh3_centre(code: str) -> tuple[float, float]:
    south, west, north, east = mesh3_bounds(code)
    return (south + north) / 2, (west + east) / 2
