"""directory.places.resolve_place: what people type in the 場所 box."""

from __future__ import annotations

import csv
import gzip

import pytest

from directory import geocoding, places
from directory.places import resolve_place


def test_postal_code_is_placed_at_its_towns():
    place = resolve_place("〒170-0013").place
    assert place.precision == "postal_code"
    assert place.label == "〒170-0013 東京都豊島区東池袋"
    assert place.municipality_code == "131164"


def test_municipality_is_its_centre():
    place = resolve_place("豊島区").place
    assert place.precision == "municipality"
    assert place.approximate


@pytest.mark.parametrize("text", ["東池袋", "池袋本町", "東池袋 "])
def test_town_name_alone_is_a_town_in_toshima(text):
    place = resolve_place(text).place
    assert place.precision == "town"
    assert place.municipality_code == "131164"


def test_town_is_near_its_postal_point():
    town = resolve_place("東池袋").place
    postal = resolve_place("170-0013").place
    assert abs(town.latitude - postal.latitude) < 0.01
    assert abs(town.longitude - postal.longitude) < 0.01


def test_station_without_station_data_falls_back_to_the_town_of_that_name(monkeypatch, tmp_path):
    monkeypatch.setattr(places, "STATIONS_CSV", tmp_path / "none.csv.gz")
    places._stations.cache_clear()
    try:
        place = resolve_place("池袋駅").place
    finally:
        places._stations.cache_clear()
    assert place.label == "東京都豊島区池袋"


def test_bundled_station_is_placed_at_the_station():
    place = resolve_place("池袋駅").place
    assert place.precision == "station"
    assert place.municipality_code == "131164"


def test_station_on_a_ward_border_is_one_station():
    assert resolve_place("新宿駅").place is not None


def test_town_and_its_station_close_together_are_one_place():
    place = resolve_place("東池袋").place
    assert place.precision == "town"


def test_ambiguous_name_gives_candidates_instead_of_a_guess():
    result = resolve_place("大塚")
    assert result.place is None and result.ambiguous
    assert "東京都文京区大塚" in [c.label for c in result.candidates]


def test_candidate_text_resolves_to_that_candidate():
    for candidate in resolve_place("大塚").candidates:
        assert resolve_place(candidate.text).place == candidate


def test_ambiguous_municipality_gives_both():
    labels = [c.label for c in resolve_place("府中市").candidates]
    assert labels == ["東京都府中市", "広島県府中市"]


def test_full_address_is_cut_to_its_town_and_says_so():
    place = resolve_place("東京都豊島区東池袋1-2-3").place
    assert (place.precision, place.label) == ("address", "東京都豊島区東池袋")
    assert "町域の中心" in places.approximation_note(place)


def test_address_with_an_unknown_town_is_placed_at_ward_level():
    place = resolve_place("豊島区どこでもない町1-2").place
    assert place.precision == "municipality"
    assert "市区町村の中心" in places.approximation_note(place)


def test_unknown_text_is_nothing():
    result = resolve_place("どこでもない町")
    assert result.place is None and not result.candidates


def test_home_prefecture_setting_decides_between_same_named_towns(settings):
    settings.PLACES_HOME_PREFECTURES = ("神奈川県",)
    assert resolve_place("池袋").place.label == "神奈川県横浜市中区池袋"


@pytest.fixture
def stations(tmp_path, monkeypatch):
    """A made-up station file (names that exist nowhere) in the bundled file's format."""
    path = tmp_path / "stations.csv.gz"
    with gzip.open(path, "wt", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["name", "line", "operator", "latitude", "longitude"])
        writer.writerow(["試験", "試験線", "試験鉄道", "35.7306", "139.7222"])  # in 豊島区
        writer.writerow(["試験", "第二試験線", "試験鉄道", "35.7308", "139.7224"])
        writer.writerow(["双子", "試験線", "試験鉄道", "35.7306", "139.7222"])
        writer.writerow(["双子", "試験線", "試験鉄道", "35.6938", "139.7034"])  # in 新宿区
    monkeypatch.setattr(places, "STATIONS_CSV", path)
    places._stations.cache_clear()
    yield
    places._stations.cache_clear()


def test_station_merges_its_lines_into_one_place(stations):
    place = resolve_place("試験駅").place
    assert place.precision == "station"
    assert place.municipality_code == "131164"
    assert "試験線、第二試験線" in place.label


def test_station_in_two_wards_gives_candidates_that_resolve_back(stations):
    result = resolve_place("双子駅")
    assert result.ambiguous
    for candidate in result.candidates:
        assert resolve_place(candidate.text).place == candidate


def test_a_station_search_places_only_the_stations_of_that_name(stations, monkeypatch):
    """Placing every station of Japan in its municipality took the first station search 15 s."""
    placed = []
    nearest = geocoding.nearest_municipality
    monkeypatch.setattr(
        geocoding, "nearest_municipality", lambda lat, lng: placed.append(1) or nearest(lat, lng)
    )
    places._municipality_near.cache_clear()

    resolve_place("試験駅")

    assert len(placed) == 1
