"""``SearchForm``: the one parser of search parameters, for the page and the API."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.http import QueryDict

from directory.geo import haversine_km
from directory.geocoding import municipality_by_code
from search.contract import BoundingBox
from search.documents import HORIZON_DAYS
from search.forms import DEFAULT_RADIUS_KM, SearchForm, open_at_window

TOKYO = ZoneInfo("Asia/Tokyo")
NOW = datetime(2025, 11, 1, 10, 30, tzinfo=TOKYO)
TOSHIMA = municipality_by_code("131164")


def parse(query_string: str, *, now: datetime = NOW) -> SearchForm:
    form = SearchForm(QueryDict(query_string), now=now)
    form.is_valid()
    return form


def query(query_string: str):
    form = parse(query_string)
    assert form.is_valid(), form.errors
    return form.query


def test_empty_parameters_give_the_default_query():
    q = query("")
    assert (q.text, q.point, q.bbox, q.filters, q.open_at) == ("", None, None, {}, None)
    assert (q.sort, q.page, q.page_size) == ("relevance", 1, 20)


@pytest.mark.parametrize(
    "near", ["1700013", "170-0013", "〒170-0013", "１７０－００１３", "170ー0013", " 170-0013 "]
)
def test_postal_code_with_or_without_hyphen_is_a_point_in_toshima(near):
    point = query(f"near={near}").point
    assert point is not None
    assert haversine_km(point.latitude, point.longitude, TOSHIMA.latitude, TOSHIMA.longitude) < 3
    assert point.radius_km == DEFAULT_RADIUS_KM


def test_municipality_name_is_its_centroid():
    point = query("near=豊島区&radius_km=2").point
    assert (point.latitude, point.longitude, point.radius_km) == (
        TOSHIMA.latitude,
        TOSHIMA.longitude,
        2,
    )


def test_unknown_place_is_a_field_error_with_the_reason():
    form = parse("near=どこでもない町")
    assert not form.is_valid()
    assert "どこでもない町" in form.errors["near"][0]
    assert "郵便番号" in form.errors["near"][0]


def test_unassigned_postal_code_is_unknown():
    assert "near" in parse("near=0000000").errors


def test_ambiguous_municipality_asks_for_the_prefecture():
    form = parse("near=府中市")
    assert "都道府県" in form.errors["near"][0]
    assert query("near=東京都府中市").point is not None


def test_geocoding_stays_offline(monkeypatch, settings):
    settings.GEOCODER = "nominatim"
    calls = []
    monkeypatch.setattr(
        "directory.geocoding.NominatimGeocoder.geocode", lambda self, text: calls.append(text)
    )
    assert "near" in parse("near=どこでもない町").errors
    assert calls == []


def test_lat_lng_point_and_radius():
    point = query("lat=35.73&lng=139.72&radius_km=2.5").point
    assert (point.latitude, point.longitude, point.radius_km) == (35.73, 139.72, 2.5)


@pytest.mark.parametrize(
    ("query_string", "field"),
    [
        ("lat=35.7", "lng"),
        ("lng=139.7", "lat"),
        ("lat=abc&lng=139.7", "lat"),
        ("lat=nan&lng=139.7", "lat"),
        ("lat=inf&lng=139.7", "lat"),
        ("lat=91&lng=139.7", "lat"),
        ("lat=35&lng=-181", "lng"),
        ("lat=35.7&lng=139.7&near=豊島区", "near"),
        ("near=豊島区&radius_km=0", "radius_km"),
        ("near=豊島区&radius_km=100.5", "radius_km"),
        ("near=豊島区&radius_km=-1", "radius_km"),
        ("near=豊島区&radius_km=km", "radius_km"),
        ("page=0", "page"),
        ("page=x", "page"),
        ("page_size=0", "page_size"),
        ("page_size=101", "page_size"),
        ("page=101&page_size=100", "page"),  # beyond Elasticsearch's result window
        ("sort=random", "sort"),
        ("open_now=maybe", "open_now"),
        ("q=" + "あ" * 201, "q"),
    ],
)
def test_bad_values_are_field_errors(query_string, field):
    form = parse(query_string)
    assert not form.is_valid()
    assert field in form.errors, form.errors
    assert all(message for message in form.errors[field])


def test_radius_without_a_place_is_ignored():
    # The page always sends its radius select, also when no place is given.
    assert query("radius_km=10").point is None


def test_radius_up_to_the_maximum():
    assert query("near=豊島区&radius_km=100").point.radius_km == 100


def test_bbox_in_geojson_order():
    assert query("bbox=139.70,35.70,139.75,35.75").bbox == BoundingBox(
        min_latitude=35.70, min_longitude=139.70, max_latitude=35.75, max_longitude=139.75
    )


@pytest.mark.parametrize(
    "bbox",
    [
        "139.7,35.7,139.8",  # three numbers
        "139.7,35.7,139.8,35.8,1",
        "a,b,c,d",
        "139.7,35.7,139.8,nan",
        "139.7,35.7,inf,35.8",
        "139.7,95,139.8,96",  # latitude out of range
        "-190,35,139.8,35.8",  # longitude out of range
        "139.8,35.7,139.7,35.8",  # west > east
        "139.7,35.8,139.8,35.7",  # south > north (latitude/longitude swapped corners)
        "35.7,139.7,35.8,139.8",  # lat,lng order instead of GeoJSON's lng,lat
    ],
)
def test_bad_bbox_is_an_error(bbox):
    assert "bbox" in parse(f"bbox={bbox}").errors


def test_facets_repeated_and_comma_separated():
    q = query("category=food&category=housing,legal&category=food&language=en,,zh&cost=")
    assert q.filters == {"category": ("food", "housing", "legal"), "language": ("en", "zh")}


def test_unknown_facet_values_are_not_errors():
    assert query("category=no-such-category").filters == {"category": ("no-such-category",)}


def test_too_many_facet_values_is_an_error():
    values = ",".join(f"v{i}" for i in range(51))
    assert "category" in parse(f"category={values}").errors


def test_open_now_is_open_at_now():
    assert query("open_now=1").open_at == NOW
    assert query("open_now=true").open_at == NOW
    assert query("open_now=0").open_at is None
    assert query("open_now=").open_at is None


def test_evenings_and_weekends():
    q = query("evenings=1&weekends=true")
    assert (q.evenings, q.weekends) == (True, True)


def test_naive_at_is_tokyo_time():
    assert query("at=2025-11-03T10:00").open_at == datetime(2025, 11, 3, 10, tzinfo=TOKYO)


def test_at_with_offset_is_kept():
    at = query("at=2025-11-03T01:00:00Z").open_at
    assert at == datetime(2025, 11, 3, 10, tzinfo=TOKYO)


def test_at_earlier_today_is_allowed():
    assert query("at=2025-11-01T08:00").open_at is not None


@pytest.mark.parametrize(
    "at",
    [
        "2025-10-31T23:59",  # yesterday
        (NOW + timedelta(days=HORIZON_DAYS)).date().isoformat() + "T10:00",
        "2026-11-01T10:00",
        "tomorrow",
        "2025-13-01T10:00",
    ],
)
def test_at_beyond_the_horizon_or_unreadable_is_an_error(at):
    form = parse(f"at={at}")
    assert "at" in form.errors
    if at[0].isdigit() and at != "2025-13-01T10:00":
        assert str(HORIZON_DAYS - 2) in form.errors["at"][0]


def test_the_last_day_of_the_window_is_allowed():
    start, end = open_at_window(now=NOW)
    last = (end - timedelta(minutes=1)).replace(tzinfo=None).isoformat()
    assert query(f"at={last}").open_at is not None
    assert "at" in parse(f"at={end.replace(tzinfo=None).isoformat()}").errors


def test_open_now_and_at_together_is_an_error():
    assert "at" in parse("open_now=1&at=2025-11-03T10:00").errors


def test_sort_by_distance_needs_a_point():
    form = parse("sort=distance")
    assert "sort" in form.errors
    assert "bbox" not in form.errors
    assert "sort" in parse("sort=distance&bbox=139.7,35.7,139.8,35.8").errors
    assert query("sort=distance&near=170-0013").sort == "distance"
    assert query("sort=distance&lat=35.7&lng=139.7").sort == "distance"


def test_sort_by_distance_with_a_bad_place_reports_only_the_place():
    form = parse("sort=distance&near=どこでもない町")
    assert list(form.errors) == ["near"]


def test_text_and_paging():
    q = query("q=食料 相談&page=3&page_size=10&sort=name")
    assert (q.text, q.page, q.page_size, q.offset, q.sort) == ("食料 相談", 3, 10, 20, "name")


def test_error_list_has_field_and_message():
    errors = parse("lat=x&lng=1&sort=distance").error_list()
    assert {"field": "lat", "message": "数値で指定してください。"} in errors
    assert all(set(e) == {"field", "message"} for e in errors)


def test_query_of_invalid_form_raises():
    with pytest.raises(ValueError):
        _ = parse("lat=x").query
