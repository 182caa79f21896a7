from django.core.management.base import BaseCommand

from search.reconcile import index_reconcile


class Command(BaseCommand):
    help = "Find documents missing, stale or extra in the search index, fix them and say how many."

    def add_arguments(self, parser):
        parser.add_argument("--backend", help="database or elasticsearch (default: SEARCH_BACKEND)")
        parser.add_argument("--dry-run", action="store_true", help="report only")

    def handle(self, *args, backend=None, dry_run=False, **options):
        report = index_reconcile(backend_name=backend, fix=not dry_run)
        verb = "would fix" if dry_run else "fixed"
        self.stdout.write(
            f"{report.backend}: {report.missing} missing, {report.stale} stale, "
            f"{report.extra} extra ({verb}); {report.queued_applied} queued updates applied"
        )
