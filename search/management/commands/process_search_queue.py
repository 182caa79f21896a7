import logging
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from platform_site.public_cache import public_pages_invalidate
from search.indexing import queue_drain_all, secondary_backends
from search.models import IndexQueueEntry

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Apply queued search index updates. With --loop: keep doing so every --interval "
        "seconds (the worker that `make run` starts beside the web server)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop", action="store_true", help="Run until stopped (Ctrl-C or SIGTERM)."
        )
        parser.add_argument(
            "--interval", type=float, default=2.0, help="Seconds between passes (--loop)."
        )

    def handle(self, *args, loop, interval, **options):
        if not loop:
            self.report(self.drain())
            return
        self.stdout.write(
            f"search queue worker: every {interval:g} s for {secondary_backends() or 'no'} "
            "secondary backend(s); Ctrl-C stops"
        )
        try:
            while True:
                self.one_pass()
                time.sleep(interval)
        except KeyboardInterrupt:
            self.stdout.write("search queue worker stopped")

    def one_pass(self) -> None:
        # A long-running process must not keep a connection the database has dropped.
        close_old_connections()
        try:
            applied = self.drain()
        except Exception:  # keep the worker alive; the rows stay queued for the next pass
            logger.exception("search queue pass failed")
            return
        finally:
            close_old_connections()
        if any(applied.values()):
            self.report(applied)

    def drain(self) -> dict[str, int]:
        applied = queue_drain_all()
        if any(applied.values()):
            public_pages_invalidate()  # cached search pages were answered from the old index
        return applied

    def report(self, applied: dict[str, int]) -> None:
        for name, count in applied.items():
            left = IndexQueueEntry.objects.filter(backend=name).count()
            self.stdout.write(f"{name}: {count} applied, {left} still queued")
