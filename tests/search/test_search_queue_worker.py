"""Publishing only queues Elasticsearch updates; the worker applies them, so a hung node
never holds up a publish."""

from __future__ import annotations

import threading
import time

import pytest
from django.core.management import call_command

from search import indexing
from search.backends import get_backend as real_get_backend
from search.models import IndexQueueEntry
from tests.factories import ServicePageFactory

pytestmark = pytest.mark.django_db


class HungBackend:
    """Stands in for an Elasticsearch node that accepts the connection and never answers."""

    name = "elasticsearch"

    def __init__(self) -> None:
        self.release = threading.Event()
        self.indexed: list[int] = []

    def index(self, documents):
        self.release.wait(timeout=30)
        self.indexed.extend(d.service_id for d in documents)

    def delete(self, service_ids):
        self.release.wait(timeout=30)


@pytest.fixture
def hung(settings, monkeypatch, directory_index):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.SEARCH_QUEUE_DRAIN_ON_COMMIT = False  # as in production
    backend = HungBackend()

    def get_backend(name=None):
        return backend if name == "elasticsearch" else real_get_backend(name)

    monkeypatch.setattr(indexing, "get_backend", get_backend)
    return backend


def test_publishing_returns_after_the_enqueue_while_elasticsearch_hangs(
    hung, django_capture_on_commit_callbacks
):
    service = ServicePageFactory(title="こども食堂ひまわり", publish=False)
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        service.save_revision().publish()
    assert time.monotonic() - started < 5  # the hung backend would hold it 30 s
    assert hung.indexed == []
    assert IndexQueueEntry.objects.filter(
        backend="elasticsearch", service_id=service.pk, action="index"
    ).exists()


def test_the_worker_applies_what_publishing_queued(hung, django_capture_on_commit_callbacks):
    service = ServicePageFactory(title="こども食堂ひまわり", publish=False)
    with django_capture_on_commit_callbacks(execute=True):
        service.save_revision().publish()
    hung.release.set()  # the node answers again
    call_command("process_search_queue")
    assert hung.indexed == [service.pk]
    assert not IndexQueueEntry.objects.exists()


def test_the_loop_keeps_draining_until_stopped(
    hung, django_capture_on_commit_callbacks, monkeypatch, capsys
):
    service = ServicePageFactory(title="こども食堂ひまわり", publish=False)
    with django_capture_on_commit_callbacks(execute=True):
        service.save_revision().publish()
    hung.release.set()
    sleeps = []

    def sleep(seconds):
        sleeps.append(seconds)
        if len(sleeps) == 2:
            raise KeyboardInterrupt  # Ctrl-C after the second pass

    monkeypatch.setattr("search.management.commands.process_search_queue.time.sleep", sleep)
    # The worker recycles dropped connections between passes; inside this test's transaction
    # that would close the test's own connection (PostgreSQL), so it is a no-op here.
    monkeypatch.setattr(
        "search.management.commands.process_search_queue.close_old_connections", lambda: None
    )
    call_command("process_search_queue", "--loop", "--interval", "0.5")
    assert sleeps == [0.5, 0.5]
    assert hung.indexed == [service.pk]
    out = capsys.readouterr().out
    assert "elasticsearch: 1 applied, 0 still queued" in out and "stopped" in out
