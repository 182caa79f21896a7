import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from search.backends import get_backend
from search.documents import indexable_services, iter_documents


class Command(BaseCommand):
    help = (
        "Rebuild the search index from every published service. On Elasticsearch a new index "
        "is filled and the alias swapped, so search never goes empty."
    )

    def add_arguments(self, parser):
        parser.add_argument("--backend", help="database or elasticsearch (default: SEARCH_BACKEND)")
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, backend=None, batch_size=500, no_progress=False, **options):
        target = get_backend(backend)
        total = indexable_services().count()
        bar = tqdm(total=total, unit="doc", disable=no_progress, desc=target.name)

        def batches():
            for batch in iter_documents(batch_size=batch_size):
                yield batch
                bar.update(len(batch))

        started = time.perf_counter()
        count = target.rebuild(batches())
        elapsed = time.perf_counter() - started
        bar.close()
        rate = count / elapsed if elapsed else 0.0
        self.stdout.write(
            f"{target.name}: {count} documents in {elapsed:.1f} s ({rate:,.0f} documents/s)"
        )
