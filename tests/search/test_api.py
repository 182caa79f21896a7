"""``GET /api/v1/search`` and the OpenAPI document that describes it."""

import logging
import uuid
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from search.contract import FACETS
from tests.search.search_fakes import FakeBackend, install

URL = "/api/v1/search"


@pytest.fixture
def fake(db, monkeypatch, settings):
    settings.SEARCH_BACKEND = "fake"
    return install(monkeypatch, FakeBackend("fake"), FakeBackend("database", total=2))["fake"]


def test_answer_shape(client, fake):
    response = client.get(URL, {"q": "食料", "near": "170-0013", "page": 2, "page_size": 10})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {
        "count",
        "page",
        "page_size",
        "degraded",
        "ignored_words",
        "results",
        "facets",
    }
    assert (body["count"], body["page"], body["page_size"], body["degraded"]) == (45, 2, 10, False)
    assert len(body["results"]) == 10
    first = body["results"][0]
    assert set(first) == {
        "id",
        "name",
        "organization",
        "distance_km",
        "open_now",
        "url",
        "location",
        "snippet",
        "availability",
    }
    hsds_id = uuid.UUID(first["id"])
    assert first["url"] == f"/services/{hsds_id}/"
    assert first["distance_km"] == round(0.123456 * 10, 2)
    assert first["location"] == {"name": "東池袋拠点", "latitude": 35.7295, "longitude": 139.719}
    assert body["results"][1]["location"] is None
    assert first["snippet"].startswith("<mark>食料</mark>")
    assert fake.queries[-1].text == "食料"
    assert fake.queries[-1].point is not None


def test_every_result_says_its_availability_and_note(client, fake):
    body = client.get(URL, {"q": "食料", "page_size": 4}).json()
    assert [r["availability"] for r in body["results"][:2]] == [
        {"status": "accepting", "note": ""},
        {"status": "waitlist", "note": "1か月ほど待ちます"},
    ]


def test_answer_is_what_the_documented_schema_gives(client, fake, directory_index):
    """The view renders the answer itself; it must be exactly what ``SearchOut`` would give."""
    from search.api import SearchOut

    response = client.get(URL, {"q": "食料", "near": "170-0013", "category": "housing"})
    assert response["Content-Type"] == "application/json; charset=utf-8"
    body = response.json()
    assert SearchOut.model_validate(body).model_dump(mode="json") == body


@pytest.mark.parametrize("language", ["ja", "en"])
def test_labels_follow_the_visitors_language(client, fake, directory_index, language):
    """Choice labels are cached per language; each language still gets its own."""
    from django.utils import translation

    from directory.choices import TargetGroup

    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    facets = client.get(URL).json()["facets"]
    with translation.override(language):
        expected = {v: str(label) for v, label in TargetGroup.choices}
    labels = {o["value"]: o["label"] for o in facets["target_group"]}
    assert labels == {v: expected.get(v, v) for v in labels}
    assert labels["single"] == expected["single"]


def test_distance_is_null_without_a_point(client, fake):
    body = client.get(URL).json()
    assert {r["distance_km"] for r in body["results"]} == {None}


def test_facets_carry_labels_counts_and_selection(client, fake, directory_index):
    # directory_index creates the taxonomy, where the category labels come from.
    body = client.get(URL, {"category": ["housing", "no-such-code"]}).json()
    facets = body["facets"]
    assert set(facets) == set(FACETS)
    category = {v["value"]: v for v in facets["category"]}
    assert category["housing"]["selected"] is True
    assert category["food"] == {
        "value": "food",
        "label": "食料支援",
        "count": 30,
        "selected": False,
    }
    assert category["no-such-code"] == {
        "value": "no-such-code",
        "label": "no-such-code",
        "count": 0,
        "selected": True,
    }
    assert facets["target_group"][0]["label"] == "単身の方"
    assert facets["target_group"][1]["label"] == "no-such-group"  # unknown: the value itself
    assert facets["language"][0]["label"] == "English"
    assert facets["municipality"][0]["label"] == "東京都豊島区"
    assert facets["cost"] == []


def test_same_parameters_as_the_page(client, fake):
    client.get(
        URL + "?category=food&category=housing,legal&open_now=1&evenings=1&weekends=1"
        "&bbox=139.7,35.7,139.8,35.8&sort=name"
    )
    query = fake.queries[-1]
    assert query.filters == {"category": ("food", "housing", "legal")}
    assert query.open_at is not None and query.evenings and query.weekends
    assert query.bbox.min_longitude == 139.7 and query.sort == "name"


@pytest.mark.parametrize(
    ("params", "field", "words"),
    [
        ({"lat": "north"}, "lat", "数値"),
        ({"near": "どこでもない町"}, "near", "見つかりませんでした"),
        ({"bbox": "1,2,3"}, "bbox", "4つの数値"),
        ({"at": "2099-01-01T10:00"}, "at", "日後まで"),
        ({"sort": "distance"}, "sort", "場所"),
        ({"page_size": "1000"}, "page_size", "100以下"),
    ],
)
def test_bad_parameters_are_400_with_the_reason(client, fake, params, field, words):
    response = client.get(URL, params)
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert [e["field"] for e in detail] == [field]
    assert words in detail[0]["message"]
    assert fake.queries == []


def test_errors_in_english(client, fake):
    response = client.get(URL, {"lat": "x"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["detail"][0]["field"] == "lat"


def test_degraded_answer_when_the_backend_is_down(client, fake, monkeypatch, caplog):
    fake.unavailable = True
    with caplog.at_level(logging.WARNING, logger="search.services"):
        response = client.get(URL, {"q": "借金 相談", "near": "170-0013"})
    assert response.status_code == 200
    body = response.json()
    assert body["degraded"] is True and body["count"] == 2
    assert caplog.records, "the fallback is logged"
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "借金" not in logged and "170" not in logged  # no personal data in the log


def test_both_backends_down_is_an_empty_degraded_answer(client, fake, monkeypatch, settings):
    settings.SEARCH_BACKEND = "database"
    install(monkeypatch, FakeBackend("database", unavailable=True))
    response = client.get(URL, {"q": "食料"})
    assert response.status_code == 200
    assert response.json() == {
        "count": 0,
        "page": 1,
        "page_size": 20,
        "degraded": True,
        "ignored_words": [],
        "results": [],
        "facets": {name: [] for name in FACETS},
    }


PARAMETERS = [
    "q",
    "near",
    "lat",
    "lng",
    "radius_km",
    "bbox",
    "open_now",
    "at",
    "evenings",
    "weekends",
    "sort",
    "page",
    "page_size",
    *(parameter for parameter, _label in FACETS.values()),
]
VALUES = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "1",
            "0",
            "-1",
            "1e309",
            "nan",
            "-inf",
            "170-0013",
            "豊島区",
            "distance",
            "139.7,35.7,139.8,35.8",
            "2025-11-03T10:00",
            "9" * 400,
            "1,2,,3",
            "\x00",
        ]
    ),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)


@hypothesis_settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(st.sampled_from(PARAMETERS), VALUES), max_size=8))
def test_fuzzed_parameters_never_give_a_server_error(client, fake, pairs):
    response = client.get(f"{URL}?{urlencode(pairs)}")
    assert response.status_code in {200, 400}, response.content
    if response.status_code == 400:
        assert response.json()["detail"]


@hypothesis_settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=80))
def test_fuzzed_raw_query_strings_never_give_a_server_error(client, fake, raw):
    response = client.generic(
        "GET", URL, QUERY_STRING=raw.encode("utf-8", "surrogatepass").decode("iso-8859-1")
    )
    assert response.status_code in {200, 400}, response.content


def test_openapi_document_lists_the_search_endpoint(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    operation = response.json()["paths"]["/api/v1/search"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert set(PARAMETERS) <= names
    by_name = {p["name"]: p for p in operation["parameters"]}
    assert by_name["category"]["schema"] == {"type": "array", "items": {"type": "string"}}
    assert by_name["page_size"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 100}
    assert by_name["sort"]["schema"]["enum"] == ["relevance", "distance", "name"]
    assert all(p["in"] == "query" and p["description"] for p in operation["parameters"])
    assert {"200", "400"} <= set(operation["responses"])


def test_openapi_docs_page(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.content


# --- on the real database backend -----------------------------------------------------------


@pytest.fixture
def indexed_directory(directory_index, settings):
    """Four food/housing services around 〒170-0013, indexed in the database backend."""
    from search.backends import get_backend
    from search.documents import build_documents, indexable_services
    from tests.factories import (
        LocationFactory,
        OrganizationPageFactory,
        ServicePageFactory,
        add_schedule,
        category,
        service_at,
    )

    settings.SEARCH_BACKEND = "database"
    origin = (35.7295, 139.7190)  # 東池袋
    organization = OrganizationPageFactory(title="NPO法人 豊島フードネット")
    pages = {}
    for key, code, languages, north in [
        ("english", "food-bank", ["ja", "en"], 0.0),
        ("japanese", "food-bank", ["ja"], 0.005),
        ("far", "food-bank", ["ja", "en"], 0.04),  # ~4.4 km north
        ("housing", "housing-benefit", ["ja", "en"], 0.0),
    ]:
        page = ServicePageFactory(parent=organization, title=f"支援 {key}", languages=languages)
        page.categories.add(category(code))
        service_at(page, LocationFactory(latitude=origin[0] + north, longitude=origin[1]))
        add_schedule(page, byday="SA", opens=(10, 0), closes=(12, 0))
        page.save_revision().publish()
        pages[key] = page
    get_backend("database").index(build_documents(indexable_services()))
    return pages


def next_saturday_at_11() -> str:
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    today = timezone.localdate()
    saturday = today + timedelta(days=(5 - today.weekday()) % 7 or 7)
    return datetime.combine(saturday, time(11)).isoformat()


@pytest.mark.parametrize("when", [{"weekends": "1"}, {"at": "saturday"}])
def test_food_support_near_170_0013_on_saturday_in_english(client, indexed_directory, when):
    if "at" in when:
        when = {"at": next_saturday_at_11()}
    params = {"near": "170-0013", "radius_km": "2", "category": "food", "language": "en", **when}
    response = client.get(URL, params)
    assert response.status_code == 200, response.content
    body = response.json()
    assert [r["id"] for r in body["results"]] == [str(indexed_directory["english"].hsds_id)]
    assert body["count"] == 1 and body["degraded"] is False
    hit = body["results"][0]
    assert hit["url"] == f"/services/{indexed_directory['english'].hsds_id}/"
    assert hit["distance_km"] < 2 and hit["organization"] == "NPO法人 豊島フードネット"
    languages = {v["value"]: v["count"] for v in body["facets"]["language"]}
    assert languages == {"ja": 2, "en": 1}  # disjunctive: without the language filter
    categories = {v["value"]: v for v in body["facets"]["category"]}
    assert categories["food"]["count"] == 1 and categories["food"]["selected"]
    assert categories["food"]["label"] == "食料支援"


def test_service_url_from_the_api_leads_to_the_page(client, indexed_directory):
    body = client.get(URL, {"q": "支援", "sort": "name"}).json()
    assert body["count"] == 4
    response = client.get(body["results"][0]["url"])
    assert response.status_code == 302


@hypothesis_settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(st.sampled_from(PARAMETERS), VALUES), max_size=6))
def test_fuzzed_parameters_on_the_database_backend(client, indexed_directory, pairs):
    response = client.get(f"{URL}?{urlencode(pairs)}")
    assert response.status_code in {200, 400}, response.content


@pytest.fixture
def translated_service(directory_index, settings):
    """One service with English texts and place name, indexed in the database backend."""
    from directory.models import ServicePage
    from search.backends import get_backend
    from search.documents import build_documents
    from tests.factories import LocationFactory, ServicePageFactory, service_at

    settings.SEARCH_BACKEND = "database"
    service = ServicePageFactory(
        title="フードパントリー",
        name_en="Food pantry",
        description="食品を無料でお渡しします。",
        description_en="Free food to take home.",
        availability="waitlist",
        capacity_note="今月の受付はあと3件です",
        capacity_note_en="We can take 3 more people this month",
    )
    service_at(service, LocationFactory(name="テスト 事務所", name_en="テスト office"))
    get_backend("database").index(build_documents(ServicePage.objects.filter(pk=service.pk)))
    return service


def test_names_and_notes_follow_the_visitors_language(client, translated_service):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    hit = client.get(URL, {"q": "フード"}).json()["results"][0]
    assert hit["name"] == "Food pantry"
    assert hit["location"]["name"] == "テスト office"
    assert hit["availability"]["note"] == "We can take 3 more people this month"
    assert hit["snippet"] == "Free food to take home."


def test_names_stay_japanese_for_a_japanese_visitor(client, translated_service):
    hit = client.get(URL, {"q": "フード"}).json()["results"][0]
    assert hit["name"] == "フードパントリー"
    assert hit["location"]["name"] == "テスト 事務所"
    assert hit["availability"]["note"] == "今月の受付はあと3件です"
