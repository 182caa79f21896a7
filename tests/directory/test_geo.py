"""``directory.geo``: the one haversine, and its prepared variants giving the same floats."""

import math

import pytest
from geopy.distance import geodesic

from directory.geo import haversine_km, haversine_km_many, haversine_km_prepared

TOKYO_STATION = (35.681236, 139.767125)
OSAKA_STATION = (34.702485, 135.495951)


def test_distance_between_tokyo_and_osaka_stations_is_within_one_percent():
    truth = geodesic(TOKYO_STATION, OSAKA_STATION).km  # ~403.8 km on the WGS84 ellipsoid

    assert haversine_km(*TOKYO_STATION, *OSAKA_STATION) == pytest.approx(truth, rel=0.01)


def test_distance_to_the_same_point_is_zero():
    assert haversine_km(35.0, 139.0, 35.0, 139.0) == 0.0


def test_prepared_variant_gives_the_very_same_float():
    (lat1, lng1), (lat2, lng2) = TOKYO_STATION, OSAKA_STATION
    phi1, phi2 = math.radians(lat1), math.radians(lat2)

    prepared = haversine_km_prepared(phi1, math.cos(phi1), lng1, phi2, math.cos(phi2), lng2)

    assert prepared == haversine_km(lat1, lng1, lat2, lng2)


def test_many_variant_gives_the_very_same_floats_in_the_order_of_the_indices():
    points = [(35.0 + i / 7, 139.0 + i / 11) for i in range(5)]
    phis = [math.radians(lat) for lat, _ in points]
    indices = [3, 0, 4]

    found = haversine_km_many(
        *TOKYO_STATION,
        phis=phis,
        cosines=[math.cos(phi) for phi in phis],
        longitudes=[lng for _, lng in points],
        indices=indices,
    )

    assert list(found) == [haversine_km(*TOKYO_STATION, *points[i]) for i in indices]
