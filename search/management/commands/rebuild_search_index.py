import os
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from elasticsearch.helpers import BulkIndexError
from tqdm import tqdm

from search.backends import BackendUnavailable, get_backend
from search.documents import BATCH_SIZE, DocumentBatches, indexable_services

# Worker processes that build documents (and the bulk bodies or table rows). Two on a 2-core
# machine: building is most of a rebuild's CPU, and meanwhile this process (database) or the
# node (Elasticsearch) writes what the previous batches gave.
DEFAULT_WORKERS = min(2, os.cpu_count() or 1)


class Command(BaseCommand):
    help = (
        "Rebuild the search index from every published service. A new index (Elasticsearch) "
        "or fresh tables (database) are filled and swapped in, so search never goes empty."
    )

    def add_arguments(self, parser):
        parser.add_argument("--backend", help="database or elasticsearch (default: SEARCH_BACKEND)")
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
        parser.add_argument(
            "--workers",
            type=int,
            default=DEFAULT_WORKERS,
            help=f"processes building documents (default {DEFAULT_WORKERS})",
        )
        parser.add_argument("--no-progress", action="store_true")

    def handle(
        self,
        *args,
        backend=None,
        batch_size=BATCH_SIZE,
        workers=DEFAULT_WORKERS,
        no_progress=False,
        **options,
    ):
        target = get_backend(backend)
        total = indexable_services().count()
        bar = tqdm(total=total, unit="doc", disable=no_progress, desc=target.name)
        batches = DocumentBatches(
            batch_size=batch_size,
            workers=workers,
            on_batch=bar.update,
        )
        started = time.perf_counter()
        try:
            count = target.rebuild(batches)
        except (BackendUnavailable, BulkIndexError) as error:
            raise CommandError(
                _("索引を作り直せませんでした。検索は前の索引のまま動いています（%(detail)s）")
                % {"detail": error}
            ) from error
        finally:
            bar.close()
        elapsed = time.perf_counter() - started
        rate = count / elapsed if elapsed else 0.0
        self.stdout.write(
            f"{target.name}: {count} documents in {elapsed:.1f} s ({rate:,.0f} documents/s)"
        )
