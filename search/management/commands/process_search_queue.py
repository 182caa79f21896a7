from django.core.management.base import BaseCommand

from search.indexing import queue_drain, secondary_backends
from search.models import IndexQueueEntry


class Command(BaseCommand):
    help = "Replay index updates queued while a search backend was unreachable."

    def handle(self, *args, **options):
        for name in secondary_backends():
            applied = queue_drain(backend_name=name)
            left = IndexQueueEntry.objects.filter(backend=name).count()
            self.stdout.write(f"{name}: {applied} applied, {left} still queued")
