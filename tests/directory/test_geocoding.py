"""Offline geocoding: postal codes, municipality names, addresses, codes, distances."""

import math

import pytest
from django.core.cache.backends.locmem import LocMemCache

from directory import geocoding
from directory.geo import haversine_km
from directory.geocoding import (
    GeoPoint,
    NominatimGeocoder,
    OfflineGeocoder,
    all_municipalities,
    check_digit,
    find_municipalities,
    geocode,
    get_geocoder,
    local_government_code,
    lookup_postal_code,
    municipality_by_code,
    municipality_by_name,
    validate_japan_coordinates,
)

TOSHIMA = "131164"


# --- postal codes --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code", ["1700013", "170-0013", "〒１７０－００１３", "〒170−0013", " 170 0013 "]
)
def test_postal_code_is_read_in_any_common_spelling(code):
    address = lookup_postal_code(code)

    assert address is not None
    assert (address.prefecture, address.city, address.town) == ("東京都", "豊島区", "東池袋")
    assert address.municipality_code == TOSHIMA


def test_geocoding_a_postal_code_gives_its_municipality_and_nearby_point():
    point = geocode("1700013")

    assert point is not None
    assert point.municipality_code == TOSHIMA
    assert point.municipality_name == "東京都豊島区"
    assert point.precision == "postal_code"
    assert haversine_km(point.latitude, point.longitude, 35.73, 139.72) < 1.5


def test_unknown_postal_code_is_none():
    assert lookup_postal_code("9999999") is None
    assert geocode("999-9999") is None


@pytest.mark.parametrize("code", ["170001", "17000133", "170-001", "abcdefg", ""])
def test_postal_code_without_exactly_seven_digits_is_none(code):
    assert lookup_postal_code(code) is None


def test_six_digit_input_does_not_geocode():
    assert geocode("170001") is None


def test_business_postal_code_resolves_to_its_municipality():
    address = lookup_postal_code("060-8621")  # a 事業所 (office) code in 札幌市中央区

    assert address is not None
    assert address.municipality_code == "011011"


def test_postal_code_before_an_address_takes_precedence():
    point = geocode("〒170-0013 東京都豊島区東池袋1-2-3")

    assert point is not None
    assert point.precision == "postal_code"


# --- names and addresses -------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["豊島区", "東京都豊島区", "豊島", "東京都　豊島区", "東京都豊島区 "]
)
def test_municipality_is_found_by_name_with_or_without_prefecture(name):
    municipality = municipality_by_name(name)

    assert municipality is not None
    assert municipality.code == TOSHIMA
    assert municipality.full_name == "東京都豊島区"


@pytest.mark.parametrize("name", ["府中市", "伊達市"])
def test_ambiguous_name_without_prefecture_is_none(name):
    assert municipality_by_name(name) is None
    assert geocode(name) is None


@pytest.mark.parametrize(
    ("name", "prefecture"),
    [
        ("東京都府中市", "東京都"),
        ("広島県府中市", "広島県"),
        ("北海道伊達市", "北海道"),
        ("福島県伊達市", "福島県"),
    ],
)
def test_prefecture_disambiguates_a_shared_name(name, prefecture):
    municipality = municipality_by_name(name)

    assert municipality is not None
    assert municipality.prefecture == prefecture


def test_find_municipalities_lists_every_candidate_of_an_ambiguous_name():
    prefectures = {m.prefecture for m in find_municipalities("伊達市")}

    assert prefectures == {"北海道", "福島県"}


def test_unknown_name_is_none():
    assert municipality_by_name("存在しない市") is None
    assert geocode("存在しない市") is None


def test_address_geocodes_to_its_municipality_centroid():
    point = geocode("東京都豊島区東池袋1-2-3")

    assert point is not None
    assert point.municipality_code == TOSHIMA
    assert point.precision == "municipality"


def test_address_of_a_designated_city_ward_picks_the_ward_not_the_city():
    point = geocode("横浜市中区山下町1")

    assert point is not None
    assert point.municipality_name == "神奈川県横浜市中区"


def test_address_with_county_finds_the_town():
    point = geocode("熊本県球磨郡湯前町1234")

    assert point is not None
    assert point.municipality_name == "熊本県湯前町"


def test_longest_municipality_name_wins_in_an_address():
    point = geocode("奈良県大和郡山市北郡山町248")

    assert point is not None
    assert point.municipality_name == "奈良県大和郡山市"


def test_ward_name_shared_by_many_cities_needs_a_prefecture():
    assert geocode("北区赤羽1-1") is None
    assert geocode("東京都北区赤羽1-1").municipality_name == "東京都北区"


def test_ke_spelling_variants_match():
    assert municipality_by_name("龍ヶ崎市") == municipality_by_name("龍ケ崎市") is not None


@pytest.mark.parametrize("text", ["", "   ", "xyz", "東京都", None, 1700013])
def test_unmatched_or_malformed_input_returns_none_without_raising(text):
    assert geocode(text) is None


# --- the gazetteer and codes ---------------------------------------------------------------


def test_gazetteer_covers_all_municipalities():
    assert len(all_municipalities()) >= 1700


@pytest.mark.parametrize("name", ["豊島区", "文京区", "板橋区", "北区", "新宿区"])
def test_gazetteer_includes_tokyo_special_wards(name):
    assert municipality_by_name("東京都" + name) is not None


def test_gazetteer_includes_designated_city_wards_linked_to_their_city():
    ward = municipality_by_name("札幌市中央区")

    assert ward is not None
    assert ward.code == "011011"
    assert ward.parent_code == "011002"
    assert municipality_by_code(ward.parent_code).name == "札幌市"


def test_gazetteer_codes_are_unique_and_carry_valid_check_digits():
    codes = [m.code for m in all_municipalities()]

    assert len(codes) == len(set(codes))
    assert all(code == local_government_code(code[:5]) for code in codes)


def test_every_gazetteer_point_lies_in_japan():
    outside = [
        m.full_name
        for m in all_municipalities()
        if not validate_japan_coordinates(m.latitude, m.longitude)
    ]

    assert outside == []


@pytest.mark.parametrize(
    ("jis", "expected"), [("13116", "131164"), ("13104", "131041"), ("01100", "011002")]
)
def test_local_government_code_appends_the_check_digit(jis, expected):
    assert local_government_code(jis) == expected


def test_check_digit_rejects_a_code_that_is_not_five_digits():
    with pytest.raises(ValueError):
        check_digit("1311")


def test_municipality_by_code_accepts_five_or_six_digits():
    assert municipality_by_code("131164").name == "豊島区"
    assert municipality_by_code("13116").name == "豊島区"
    assert municipality_by_code("999999") is None


# --- bounds and distances ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lat", "lng", "inside"),
    [
        (35.73, 139.72, True),  # 池袋
        (24.45, 122.94, True),  # 与那国島
        (139.72, 35.73, False),  # swapped
        (0.0, 0.0, False),
        (37.57, 126.98, True),  # Seoul is inside the box: it is a box, not a border
        (51.5, -0.12, False),
        (math.nan, 139.0, False),
        (None, 139.0, False),
    ],
)
def test_japan_coordinate_validation(lat, lng, inside):
    assert validate_japan_coordinates(lat, lng) is inside


# --- the network geocoder ------------------------------------------------------------------


class _FakeLocation:
    latitude, longitude = 35.7295, 139.7109


class _FakeNominatimClient:
    def __init__(self, answer=None):
        self.queries = []
        self.answer = answer

    def geocode(self, query, **kwargs):
        self.queries.append(query)
        return self.answer


def test_default_geocoder_never_builds_a_network_client(monkeypatch):
    built = []
    monkeypatch.setattr(geocoding, "Nominatim", lambda **kwargs: built.append(kwargs))

    assert geocode("どこにもない町名") is None
    assert isinstance(get_geocoder(), OfflineGeocoder)
    assert built == []


def test_network_geocoder_is_asked_only_when_offline_lookup_fails():
    client = _FakeNominatimClient(answer=_FakeLocation())
    chain = geocoding.FallbackGeocoder(
        OfflineGeocoder(),
        NominatimGeocoder(user_agent="test", client=client, cache=LocMemCache("t1", {})),
    )

    assert chain.geocode("東京都豊島区").precision == "municipality"
    assert client.queries == []
    found = chain.geocode("池袋駅西口")
    assert client.queries == ["池袋駅西口"]
    assert isinstance(found, GeoPoint)
    assert (found.precision, found.municipality_code) == ("network", TOSHIMA)


def test_network_answers_are_cached():
    client = _FakeNominatimClient(answer=_FakeLocation())
    nominatim = NominatimGeocoder(user_agent="test", client=client, cache=LocMemCache("t2", {}))

    nominatim.geocode("池袋駅西口")
    nominatim.geocode("池袋駅西口")

    assert client.queries == ["池袋駅西口"]


def test_network_answer_outside_japan_is_rejected():
    class Abroad:
        latitude, longitude = 48.85, 2.35

    nominatim = NominatimGeocoder(
        user_agent="test", client=_FakeNominatimClient(answer=Abroad()), cache=LocMemCache("t3", {})
    )

    assert nominatim.geocode("Paris") is None
