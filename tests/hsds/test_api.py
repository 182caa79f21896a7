"""/api/hsds/: every response validates against the HSDS API reference; private data stays out."""

import json
import uuid

import pytest

from directory.hsds import extensions as ext
from directory.hsds.validation import response_errors, schema_errors
from tests.hsds.conftest import HIDDEN_POSTAL_CODE, HIDDEN_STREET

BASE = "/api/hsds"


def _get(client, path, params=None, *, template=None, status=200):
    response = client.get(BASE + path, params or {})
    assert response.status_code == status, response.content[:500]
    body = response.json()
    if status == 200:
        errors = response_errors(body, path=template or path)
        assert errors == [], errors[:5]
    return body


def _no_hidden_address(body):
    text = json.dumps(body, ensure_ascii=False)
    assert HIDDEN_STREET not in text
    assert HIDDEN_POSTAL_CODE not in text
    assert "秘密の道順" not in text
    assert "35.71," not in text and "139.7," not in text


@pytest.mark.django_db
def test_base(client):
    body = _get(client, "/")
    assert body["version"] == "3.0"
    assert body["openapi_url"].endswith("/api/openapi.json")


@pytest.mark.django_db
def test_services_list_paginates_and_validates(client, directory_data):
    body = _get(client, "/services", {"per_page": 2})
    assert (body["total_items"], body["total_pages"], body["size"]) == (3, 2, 2)
    assert body["first_page"] and not body["last_page"] and not body["empty"]
    second = _get(client, "/services", {"per_page": 2, "page": 2}, template="/services")
    assert second["last_page"] and second["size"] == 1
    names = {s["name"] for s in body["contents"] + second["contents"]}
    assert "下書きの支援" not in names
    beyond = _get(client, "/services", {"page": 9}, template="/services")
    assert beyond["empty"] and beyond["contents"] == []


@pytest.mark.django_db
def test_services_full_and_minimal(client, directory_data):
    body = _get(client, "/services", {"full": "true"})
    for item in body["contents"]:
        assert schema_errors(item, kind="service") == []
        _no_hidden_address(item)
    minimal = _get(client, "/services", {"minimal": "true"})
    assert set(minimal["contents"][0]) <= {"id", "name", "status", "last_modified"}


@pytest.mark.django_db
def test_services_filters_are_cumulative(client, directory_data):
    food_term = str(directory_data["food"].categories.get(code="food").hsds_id)
    org_id = str(directory_data["org"].hsds_id)
    other_id = str(directory_data["other"].hsds_id)
    assert _get(client, "/services", {"taxonomy_term_id": food_term})["total_items"] == 1
    both = {"taxonomy_term_id": food_term, "organization_id": other_id}
    assert _get(client, "/services", both, template="/services")["total_items"] == 0
    assert _get(client, "/services", {"organization_id": org_id})["total_items"] == 1
    assert _get(client, "/services", {"search": "フード"})["total_items"] == 1
    later = {"modified_after": "2999-01-01T00:00:00+09:00"}
    assert _get(client, "/services", later)["total_items"] == 0
    taxonomy = str(directory_data["food"].categories.first().taxonomy.hsds_id)
    assert _get(client, "/services", {"taxonomy_id": taxonomy})["total_items"] == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params,field",
    [
        ({"page": "x"}, "page"),
        ({"page": "0"}, "page"),
        ({"per_page": "100000"}, "per_page"),
        ({"taxonomy_term_id": "nope"}, "taxonomy_term_id"),
        ({"modified_after": "yesterday"}, "modified_after"),
        ({"full": "maybe"}, "full"),
        ({"format": "xml"}, "format"),
    ],
)
def test_bad_parameters_are_400_with_reason(client, directory_data, params, field):
    body = _get(client, "/services", params, status=400)
    assert body["detail"][0]["field"] == field
    assert body["detail"][0]["message"]


@pytest.mark.django_db
def test_service_detail(client, directory_data):
    food = directory_data["food"]
    body = _get(client, f"/services/{food.hsds_id}", template="/services/{id}")
    assert body["id"] == str(food.hsds_id)
    assert body["organization"]["organization_identifiers"][0]["identifier"] == "7000012050002"
    codes = {(a["link_type"], a.get("value")) for a in body["attributes"]}
    assert ("public_interest_activity", "true") in codes
    assert ("target_group", "single_parent") in codes
    assert {lang["code"] for lang in body["languages"]} == {"ja", "ja-x-easy", "en"}
    area = body["service_areas"][0]
    assert (area["extent"], area["extent_type"]) == ("131164", ext.LG_CODE_TYPE)


@pytest.mark.django_db
def test_hidden_addresses_never_appear(client, directory_data):
    shelter = directory_data["shelter"]
    body = _get(client, f"/services/{shelter.hsds_id}", template="/services/{id}")
    location = body["service_at_locations"][0]["location"]
    assert "addresses" not in location and "latitude" not in location
    _no_hidden_address(body)
    _no_hidden_address(_get(client, "/service_at_locations", {"per_page": 100}))
    _no_hidden_address(_get(client, "/services", {"full": "true"}, template="/services"))
    _no_hidden_address(
        _get(
            client,
            "/organizations",
            {"full": "true", "full_service": "true"},
            template="/organizations",
        )
    )


@pytest.mark.django_db
def test_missing_and_draft_are_404(client, directory_data):
    draft = directory_data["draft"]
    for path in (f"/services/{draft.hsds_id}", f"/services/{uuid.uuid4()}", "/services/nope"):
        body = _get(client, path, status=404)
        assert body["detail"][0]["message"]
    _get(client, f"/organizations/{uuid.uuid4()}", status=404)
    _get(client, f"/taxonomies/{uuid.uuid4()}", status=404)
    _get(client, "/taxonomy_terms/nope", status=404)


@pytest.mark.django_db
def test_organizations(client, directory_data):
    body = _get(client, "/organizations")
    assert body["total_items"] == 2
    full = _get(
        client,
        "/organizations",
        {"full": "true", "full_service": "true"},
        template="/organizations",
    )
    assert any(o.get("services") for o in full["contents"])
    org = directory_data["org"]
    one = _get(client, f"/organizations/{org.hsds_id}", template="/organizations/{id}")
    assert [s["name"] for s in one["services"]] == ["フードパントリー"]
    assert schema_errors(one, kind="organization") == []
    nested = _get(
        client,
        f"/organizations/{org.hsds_id}",
        {"full_service": "true"},
        template="/organizations/{id}",
    )
    assert nested["services"][0]["schedules"]


@pytest.mark.django_db
def test_service_at_locations_postcode_and_proximity(client, directory_data):
    body = _get(client, "/service_at_locations")
    assert body["total_items"] == 2
    near = _get(
        client,
        "/service_at_locations",
        {"postcode": "170-0013", "proximity": "2000"},
        template="/service_at_locations",
    )
    assert [c["service"]["name"] for c in near["contents"]] == ["フードパントリー"]
    in_area = _get(
        client, "/service_at_locations", {"postcode": "1700013"}, template="/service_at_locations"
    )
    assert [c["service"]["name"] for c in in_area["contents"]] == ["フードパントリー"]
    far = _get(
        client, "/service_at_locations", {"postcode": "060-0001"}, template="/service_at_locations"
    )
    assert far["empty"]
    _get(client, "/service_at_locations", {"proximity": "100"}, status=400)
    _get(client, "/service_at_locations", {"postcode": "12"}, status=400)
    _get(client, "/service_at_locations", {"postcode": "170-0013", "proximity": "x"}, status=400)


@pytest.mark.django_db
def test_taxonomies_and_terms(client, directory_data):
    body = _get(client, "/taxonomies")
    ids = {t["id"] for t in body["contents"]}
    assert str(ext.TAXONOMY_ID) in ids
    for taxonomy_id in ids:
        _get(client, f"/taxonomies/{taxonomy_id}", template="/taxonomies/{id}")
    terms = _get(client, "/taxonomy_terms", {"per_page": 500})
    codes = {t["code"] for t in terms["contents"]}
    assert {"food", "food-pantry", "provider_type"} <= codes
    assert terms["total_items"] == len(terms["contents"])
    top = _get(
        client, "/taxonomy_terms", {"top_only": "true", "per_page": 500}, template="/taxonomy_terms"
    )
    assert all("parent_id" not in t for t in top["contents"])
    food = next(t for t in terms["contents"] if t["code"] == "food")
    children = _get(
        client, "/taxonomy_terms", {"parent_id": food["id"]}, template="/taxonomy_terms"
    )
    assert {t["code"] for t in children["contents"]} >= {"food-pantry"}
    extension = _get(
        client, "/taxonomy_terms", {"taxonomy_id": str(ext.TAXONOMY_ID)}, template="/taxonomy_terms"
    )
    assert extension["total_items"] == len(ext.EXTENSIONS)
    for term in (food, extension["contents"][0]):
        _get(client, f"/taxonomy_terms/{term['id']}", template="/taxonomy_terms/{id}")
    # Pages that straddle database rows and in-code terms.
    paged = [
        t["id"]
        for page in range(1, 20)
        for t in _get(
            client, "/taxonomy_terms", {"per_page": 7, "page": page}, template="/taxonomy_terms"
        )["contents"]
    ]
    assert len(paged) == len(set(paged)) == terms["total_items"]


@pytest.mark.django_db
def test_ndjson(client, directory_data):
    response = client.get(BASE + "/services", {"format": "ndjson"})
    assert response.status_code == 200
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert len(lines) == 3
    for line in lines:
        assert schema_errors(json.loads(line), kind="service_list") == []


@pytest.mark.django_db
def test_list_queries_do_not_grow_with_rows(client, directory_data, django_assert_max_num_queries):
    from tests.factories import ServicePageFactory

    for n in range(6):
        ServicePageFactory(parent=directory_data["org"], title=f"追加{n}")
    for path, params in [
        ("/services", {"full": "true"}),
        ("/services", {}),
        ("/organizations", {"full": "true", "full_service": "true"}),
        ("/service_at_locations", {}),
        ("/taxonomy_terms", {}),
    ]:
        with django_assert_max_num_queries(40):
            client.get(BASE + path, params)


@pytest.mark.django_db
def test_ndjson_dump_is_rate_limited_and_pages_are_not(client, directory_data, settings):
    from django.core.cache import cache

    cache.clear()
    settings.HSDS_DUMP_RATE = "1/m"
    assert client.get(BASE + "/services", {"format": "ndjson"}).status_code == 200
    limited = client.get(BASE + "/services", {"format": "ndjson"})
    assert limited.status_code == 429
    assert "しばらく待って" in limited.json()["detail"][0]["message"]
    assert client.get(BASE + "/services").status_code == 200
    cache.clear()
