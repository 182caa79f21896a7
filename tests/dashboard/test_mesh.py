"""JIS X 0410 third-order mesh codes: known answers."""

import pytest

from dashboard.mesh import mesh3_bounds, mesh3_centre, mesh3_code


@pytest.mark.parametrize(
    ("latitude", "longitude", "code"),
    [
        (35.681236, 139.767125, "53394611"),  # 東京駅
        (35.7263, 139.7167, "53394577"),  # 豊島区役所のあたり
        (43.068564, 141.350755, "64414288"),  # 札幌駅
        (35.0, 135.0, "52354000"),  # a mesh corner belongs to the mesh to its north-east
    ],
)
def test_code_of_a_point(latitude, longitude, code):
    assert mesh3_code(latitude=latitude, longitude=longitude) == code


def test_bounds_are_thirty_by_forty_five_seconds_and_contain_the_point():
    south, west, north, east = mesh3_bounds("53394611")
    assert north - south == pytest.approx(30 / 3600)
    assert east - west == pytest.approx(45 / 3600)
    assert south <= 35.681236 < north and west <= 139.767125 < east


def test_centre_maps_back_to_the_same_mesh():
    lat, lon = mesh3_centre("53394577")
    assert mesh3_code(latitude=lat, longitude=lon) == "53394577"


def test_a_malformed_code_is_refused():
    with pytest.raises(ValueError):
        mesh3_bounds("5339")
