"""The index follows the directory after each commit, and an Elasticsearch outage loses nothing."""

import pytest
from django.core.management import call_command

from directory.models import ServicePage
from search.backends import get_backend
from search.contract import SearchQuery
from search.documents import DocumentBatches, build_documents, id_ranges, indexable_services
from search.models import IndexQueueEntry
from search.reconcile import index_reconcile
from tests.factories import LocationFactory, ServicePageFactory, service_at

pytestmark = pytest.mark.django_db


def found(text: str, backend: str = "database") -> list[str]:
    result = get_backend(backend).search(SearchQuery(text=text))
    return [hit.name for hit in result.hits]


def publish(service: ServicePage, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        service.save_revision().publish()
    service.refresh_from_db()


def test_publishing_a_service_indexes_it_after_commit(
    directory_index, django_capture_on_commit_callbacks
):
    service = ServicePageFactory(title="こども食堂ひまわり", publish=False)
    assert found("ひまわり") == []
    publish(service, django_capture_on_commit_callbacks)
    assert found("ひまわり") == ["こども食堂ひまわり"]


def test_index_is_not_touched_before_the_transaction_commits(
    directory_index, django_capture_on_commit_callbacks
):
    service = ServicePageFactory(title="こども食堂ひまわり", publish=False)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        service.save_revision().publish()
    assert found("ひまわり") == []
    assert callbacks


def test_unpublishing_removes_the_service(directory_index, django_capture_on_commit_callbacks):
    service = ServicePageFactory(title="こども食堂ひまわり", publish=False)
    publish(service, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        service.unpublish()
    assert found("ひまわり") == []


def test_deleting_removes_the_service(directory_index, django_capture_on_commit_callbacks):
    service = ServicePageFactory(title="こども食堂ひまわり", publish=False)
    publish(service, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        service.delete()
    assert found("ひまわり") == []


def test_renaming_the_organization_reindexes_its_services(
    directory_index, django_capture_on_commit_callbacks
):
    service = ServicePageFactory(title="食料品の配布", publish=False)
    publish(service, django_capture_on_commit_callbacks)
    organization = service.get_parent().specific
    organization.title = "NPO法人 あおぞらネット"
    publish(organization, django_capture_on_commit_callbacks)
    assert found("あおぞら") == ["食料品の配布"]


def test_moving_a_location_updates_distances(directory_index, django_capture_on_commit_callbacks):
    from search.contract import GeoFilter

    service = ServicePageFactory(title="食料品の配布", publish=False)
    location = LocationFactory(latitude=35.7295, longitude=139.7190)
    service_at(service, location)
    publish(service, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        location.latitude = 35.8295
        location.save()
    near = SearchQuery(point=GeoFilter(latitude=35.7295, longitude=139.7190, radius_km=2))
    assert get_backend("database").search(near).total == 0


@pytest.fixture
def elasticsearch_down(settings):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there


def test_publishing_while_elasticsearch_is_down_queues_the_update(
    directory_index, elasticsearch_down, django_capture_on_commit_callbacks
):
    service = ServicePageFactory(title="こども食堂ひまわり", publish=False)
    publish(service, django_capture_on_commit_callbacks)
    entry = IndexQueueEntry.objects.get(service_id=service.pk)
    assert entry.backend == "elasticsearch"
    assert entry.attempts == 1
    assert found("ひまわり") == ["こども食堂ひまわり"]  # the database fallback has it already


def test_queued_updates_are_replayed_when_elasticsearch_returns(
    directory_index, settings, es_backend, django_capture_on_commit_callbacks
):
    settings.SEARCH_BACKEND = "elasticsearch"
    up_url = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    service = ServicePageFactory(title="こども食堂ひまわり", publish=False)
    publish(service, django_capture_on_commit_callbacks)
    assert IndexQueueEntry.objects.count() == 1

    settings.ELASTICSEARCH_URL = up_url
    call_command("process_search_queue")
    assert IndexQueueEntry.objects.count() == 0
    assert found("ひまわり", backend="elasticsearch") == ["こども食堂ひまわり"]


def test_reconcile_counts_and_fixes_missing_and_extra_documents(
    directory_index, django_capture_on_commit_callbacks
):
    kept = ServicePageFactory(title="就労相談")
    gone = ServicePageFactory(title="学習支援")
    database = get_backend("database")
    index_reconcile(backend_name="database")
    with django_capture_on_commit_callbacks(execute=False):
        ServicePage.objects.filter(pk=gone.pk).delete()  # behind the index's back
    database.delete([kept.pk])

    report = index_reconcile(backend_name="database")

    assert (report.missing, report.extra) == (1, 1)
    assert found("就労") == ["就労相談"]
    assert found("学習") == []


def test_reconcile_finds_nothing_to_fix_when_in_sync(directory_index):
    ServicePageFactory(title="就労相談")
    index_reconcile(backend_name="database")
    report = index_reconcile(backend_name="database")
    assert (report.missing, report.stale, report.extra) == (0, 0, 0)


def test_rebuild_command_reports_documents_per_second(directory_index, capsys):
    ServicePageFactory(title="就労相談")
    call_command("rebuild_search_index", backend="database", no_progress=True)
    assert "database: 1 documents" in capsys.readouterr().out
    assert found("就労") == ["就労相談"]


def test_document_batches_cover_every_published_service_by_pk_range(directory_index):
    for i in range(5):
        ServicePageFactory(title=f"学習支援{i}")
    ServicePageFactory(title="非公開", publish=False)
    done: list[int] = []
    batches = DocumentBatches(batch_size=2, on_batch=done.append)

    built = [[d.service_id for d in batch] for batch in batches]

    ids = sorted(indexable_services().values_list("pk", flat=True))
    assert len(ids) == 5
    assert built == [ids[0:2], ids[2:4], ids[4:]]
    assert done == [2, 2, 1]
    assert batches.ranges == [(ids[0], ids[1]), (ids[2], ids[3]), (ids[4], ids[4])]
    assert id_ranges(indexable_services(), batch_size=10) == [(ids[0], ids[-1])]
    assert [d.version for batch in DocumentBatches(batch_size=2) for d in batch] == [
        d.version for d in build_documents(indexable_services())
    ]


def test_document_batches_stay_in_this_process_on_an_in_memory_database(directory_index):
    for i in range(3):
        ServicePageFactory(title=f"学習支援{i}")
    batches = DocumentBatches(batch_size=1, workers=2)
    # The test database is in-memory SQLite (and inside a transaction): a forked worker could
    # not read it, so map_in_processes runs the function here, in order.
    assert not batches.parallel()
    ids = [pk for pk, _ in batches.ranges]
    assert list(batches.map_in_processes(_ids)) == [((pk,), 1) for pk in ids]
    assert not DocumentBatches(batch_size=1, workers=1).parallel()


def _ids(documents):
    return tuple(d.service_id for d in documents)


def test_rebuild_command_takes_a_worker_count(directory_index, capsys):
    ServicePageFactory(title="就労相談")
    call_command("rebuild_search_index", backend="database", workers=2, no_progress=True)
    assert "database: 1 documents" in capsys.readouterr().out
