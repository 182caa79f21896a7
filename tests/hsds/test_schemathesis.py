"""Property-based tests of the whole JSON API against its own OpenAPI document (schemathesis).

Every GET operation of ``/api/openapi.json`` (the HSDS API ``/api/hsds/*``, ``/api/v1/search``,
the referral reads) is called through the WSGI app with generated parameters, valid and not.
No request may end in a server error, and every response must match the schema the document
declares for it. The document types HSDS bodies only as objects, so those are also checked
against the HSDS API reference (``validation.response_errors``), and their 400/404s for the
``detail`` that says why. The referral endpoints need a session: they are called as a
signed-in worker (the POST operations are not exercised here).

Deterministic (``derandomize``) and bounded (``max_examples``) so that it runs in CI.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.test import Client
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import response_schema_conformance

from directory.hsds.validation import response_errors
from tests.factories import (
    AddressFactory,
    LocationFactory,
    OrganizationPageFactory,
    ServicePageFactory,
    add_schedule,
    category,
    service_at,
)

MAX_EXAMPLES = 30


def _build_directory() -> dict:
    from directory.services import site_structure_ensure
    from search.indexing import services_index_now
    from tests.referrals.conftest import build_world

    site_structure_ensure()
    world = build_world()
    org = OrganizationPageFactory(title="社会福祉法人 つなぐ会", corporate_number="7000012050002")
    services = [world.service, world.other_service]
    for index, (title, codes) in enumerate(
        [("フードパントリー", ["food", "food-pantry"]), ("緊急一時保護", ["housing"])]
    ):
        service = ServicePageFactory(parent=org, title=title, languages=["ja", "en"])
        service.categories.add(*(category(code) for code in codes))
        add_schedule(service)
        place = LocationFactory(organization=org, name=f"拠点{index}")
        AddressFactory(location=place)
        service_at(service, place)
        service.save_revision().publish()
        services.append(service)
    services_index_now(service_ids=[s.pk for s in services])
    referral = world.draft()
    term = category("food-pantry")
    browser = Client()
    browser.force_login(world.worker)
    return {
        "session": browser.cookies[settings.SESSION_COOKIE_NAME].value,
        # Real ids for the ``{id}`` paths: generated strings alone only ever find a 404.
        "ids": {
            "/api/hsds/services/{id}": {"id": str(services[2].hsds_id)},
            "/api/hsds/organizations/{id}": {"id": str(org.hsds_id)},
            "/api/hsds/taxonomies/{id}": {"id": str(term.taxonomy.hsds_id)},
            "/api/hsds/taxonomy_terms/{id}": {"id": str(term.hsds_id)},
            "/api/v1/referrals/{code}": {"code": referral.code},
        },
    }


@pytest.fixture(scope="module")
def _api_data(django_db_setup, django_db_blocker):
    """Built once for the module in a transaction rolled back at the end (pages are slow).

    The WSGI handler closes the database connection after each request (``request_finished``
    → ``close_old_connections``), which on PostgreSQL would end this transaction; Django's own
    test client disconnects that handler for the same reason, and so does this fixture.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield _build_directory()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)


@pytest.fixture
def api_data(_api_data, db):
    return _api_data


# Paths whose ``{id}`` a generated string never finds: also run with an existing record's id.
ID_PATHS = (
    "/api/hsds/services/{id}",
    "/api/hsds/organizations/{id}",
    "/api/hsds/taxonomies/{id}",
    "/api/hsds/taxonomy_terms/{id}",
    "/api/v1/referrals/{code}",
)


def _cases() -> list[tuple[str, str]]:
    """(path, mode) for each GET operation of the document, read without a request."""
    from platform_site.api import api

    document = api.get_openapi_schema(path_prefix="/api/")
    paths = [path for path, item in document["paths"].items() if "get" in item]
    assert set(ID_PATHS) <= set(paths)
    return [
        *((path, "positive") for path in paths),
        # Negative cases only where the schema forbids something: a path whose only parameter
        # is a plain string id has no invalid input (its unknown ids are the positive cases).
        *((path, "negative") for path in paths if _constrained(document["paths"][path]["get"])),
        *((path, "existing") for path in ID_PATHS),
    ]


def _constrained(operation: dict) -> bool:
    keywords = ("format", "pattern", "enum", "minLength", "maxLength", "minimum", "maximum")
    return any(
        (schema := parameter.get("schema", {})).get("type") != "string"
        or any(keyword in schema for keyword in keywords)
        for parameter in operation.get("parameters", [])
    )


@pytest.fixture(scope="module")
def api_schema(_api_data, django_db_blocker):
    # Loaded through the WSGI app, as a client would: the document the site serves.
    with django_db_blocker.unblock():
        return schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


# schemathesis' own ``pytest.from_fixture`` does not run on pytest 9 (it reads a private
# ``_nodeid``), so each operation is a plain parametrized test driving Hypothesis itself.
@pytest.mark.parametrize(("path", "mode"), _cases())
def test_get_operation(path, mode, api_schema, api_data):
    operation = api_schema[path]["GET"]
    cookies = {settings.SESSION_COOKIE_NAME: api_data["session"]}
    options = {}
    if mode == "existing":
        options["path_parameters"] = api_data["ids"][path]
    generation_mode = GenerationMode.NEGATIVE if mode == "negative" else GenerationMode.POSITIVE
    statuses = []

    @hypothesis_settings(
        max_examples=MAX_EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=generation_mode, **options))
    def run(case):
        response = case.call_and_validate(
            cookies=cookies, checks=[not_a_server_error, response_schema_conformance]
        )
        _check_body(path, response)
        statuses.append(response.status_code)

    run()
    if mode == "existing":
        assert 200 in statuses, statuses


def _check_body(path: str, response) -> None:
    """What the document cannot say: HSDS responses follow the HSDS API reference, and a
    refused request says why, field by field (docs/hsds.md)."""
    if not path.startswith("/api/hsds/"):
        return
    try:
        body = response.json()
    except ValueError:
        body = None  # format=ndjson
    if response.status_code == 200 and body is not None:
        template = path.removeprefix("/api/hsds") or "/"
        errors = response_errors(body, path=template)
        assert errors == [], [str(e) for e in errors[:5]]
    elif response.status_code in (400, 404):
        assert body is not None and body["detail"], body
        assert all(item["message"] for item in body["detail"]), body
