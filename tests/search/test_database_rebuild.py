"""The database backend's full rebuild: fresh tables, indexed once, swapped in
(``search.backends.database.rebuilding``), on SQLite or PostgreSQL (DATABASE_URL)."""

from datetime import date

import pytest
from django.db import connection

from search.backends.database import DatabaseBackend
from search.backends.database.rebuilding import STAGING_SUFFIX, TOUCHED, staging_create
from search.backends.database.tables import PER_SERVICE_TABLES
from search.contract import SearchQuery
from search.documents import build_documents, indexable_services
from tests.factories import OrganizationPageFactory, ServicePageFactory

TODAY = date(2025, 9, 1)


@pytest.fixture
def backend(directory_index):
    return DatabaseBackend()


@pytest.fixture
def services(backend):
    organization = OrganizationPageFactory(title="NPO法人 テスト団体")
    made = {
        "food": ServicePageFactory(
            parent=organization, title="フードパントリー池袋", description="食料品を無料で。"
        ),
        "housing": ServicePageFactory(
            parent=organization, title="住まいの相談窓口", description="住居のご相談。"
        ),
    }
    backend.index(documents())
    return made


def documents():
    return build_documents(indexable_services(), today=TODAY)


def found(backend: DatabaseBackend, text: str) -> set[int]:
    return {hit.service_id for hit in backend.search(SearchQuery(text=text, page_size=50)).hits}


def tables() -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


def index_names() -> dict[str, set[str]]:
    with connection.cursor() as cursor:
        return {
            table: set(connection.introspection.get_constraints(cursor, table))
            for table in PER_SERVICE_TABLES
        }


def test_a_failed_rebuild_keeps_the_old_index_searchable(backend, services):
    def failing():
        yield documents()[:1]
        raise RuntimeError("building failed")

    with pytest.raises(RuntimeError):
        backend.rebuild(failing())

    assert found(backend, "住まい") == {services["housing"].pk}
    assert len(backend.indexed_versions()) == 2
    assert not {f"{t}{STAGING_SUFFIX}" for t in PER_SERVICE_TABLES} & tables()
    assert TOUCHED not in tables()


def test_rebuild_keeps_the_tables_indexes_and_keys(backend, services):
    before = index_names()

    backend.rebuild([documents()])

    assert index_names() == before
    assert found(backend, "食料") == {services["food"].pk}


def test_an_edit_indexed_during_a_rebuild_survives_the_swap(backend, services):
    food = services["food"]
    stale = documents()  # built before the edit, written by the rebuild after it

    def batches():
        yield stale
        food.title = "こども食堂ひまわり"
        food.save_revision().publish()
        backend.index(build_documents([food], today=TODAY))

    backend.rebuild(batches())

    assert found(backend, "ひまわり") == {food.pk}
    assert food.pk not in found(backend, "パントリー")


def test_a_service_deleted_during_a_rebuild_stays_deleted(backend, services):
    housing = services["housing"].pk

    def batches():
        yield documents()
        backend.delete([housing])

    backend.rebuild(batches())

    assert housing not in backend.indexed_versions()


def test_rebuild_replaces_tables_an_interrupted_rebuild_left(backend, services):
    with connection.cursor() as cursor:
        staging_create(cursor)  # as a rebuild that died would leave them

    assert backend.rebuild([documents()]) == 2
    assert found(backend, "住まい") == {services["housing"].pk}
    assert TOUCHED not in tables()


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="PostgreSQL always swaps (indexes built before it)"
)
def test_a_large_sqlite_index_is_rebuilt_in_place_without_a_long_lock(
    backend, services, monkeypatch
):
    """Above SQLITE_SWAP_MAX_SERVICES a SQLite rebuild replaces rows batch by batch."""
    from search.backends.database import backend as backend_module

    monkeypatch.setattr(backend_module, "SQLITE_SWAP_MAX_SERVICES", 1)
    monkeypatch.setattr(backend_module, "staging_create", lambda cursor: pytest.fail("swapped"))
    services["housing"].unpublish()

    assert backend.rebuild([documents()]) == 1
    assert found(backend, "食料") == {services["food"].pk}
    assert found(backend, "住居") == set()  # the unpublished one is gone
