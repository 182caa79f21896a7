"""Random damage to a valid HSDS file: the import either succeeds or reports, never crashes,
and a report with errors means the database did not change."""

import copy
import json
import os
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directory.hsds.importer import import_path
from directory.models import Location, OrganizationPage, ServicePage, TaxonomyTerm
from tests.hsds.test_import_errors import service

ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.sampled_from(
        [
            "",
            "  ",
            "00:00",
            "24:00",
            "2WE,-1FR",
            "ZZ",
            "9999-99-99",
            "-1",
            str(uuid.uuid4()),
            "03-1234-5678",
            "〒170-0013",
            "ja-x-easy",
            "MONTHLY",
        ]
    ),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def _paths(obj, prefix=()):
    yield prefix
    if isinstance(obj, dict):
        for key, value in obj.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(obj, list):
        for index, value in enumerate(obj):
            yield from _paths(value, (*prefix, index))


def _apply(document, path, action, value):
    if not path:
        return value if action == "set" else document
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if action == "delete":
        del parent[last]
    else:
        parent[last] = value
    return document


@st.composite
def damaged_documents(draw):
    document = [service(), service(id=str(uuid.uuid4()), name="二つ目")]
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        paths = list(_paths(document))
        path = draw(st.sampled_from(paths))
        action = draw(st.sampled_from(["set", "delete"] if path else ["set"]))
        document = _apply(copy.deepcopy(document), path, action, draw(ODD_VALUES))
    return document


def _state():
    return (
        list(ServicePage.objects.order_by("pk").values_list("pk", "title", "live")),
        OrganizationPage.objects.count(),
        list(Location.objects.order_by("pk").values_list("pk", "name", "latitude")),
        TaxonomyTerm.objects.count(),
    )


@pytest.mark.django_db
@settings(
    max_examples=int(os.environ.get("HSDS_FUZZ_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(document=damaged_documents())
def test_damaged_documents_never_crash(tmp_path_factory, directory_index, document):
    path = tmp_path_factory.mktemp("fuzz") / "data.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    before = _state()
    report = import_path(path)
    internal = [str(p) for p in report.errors if "予期しない" in p.message]
    assert internal == []
    if not report.ok:
        assert _state() == before
        assert all(p.message and (p.where or p.file) for p in report.errors)
