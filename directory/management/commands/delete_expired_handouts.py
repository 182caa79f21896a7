"""Delete hand-out short links past their expiry (run daily; safe to run again)."""

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from directory.handouts import handouts_delete_expired


def _aware(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


class Command(BaseCommand):
    help = (
        "Delete hand-out short links (/h/<code>) whose expiry has passed. They hold no personal "
        "data; expired links already answer 410, this keeps the table small. Run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            default=None,
            help="run as of this moment (ISO 8601, e.g. 2026-12-08T03:00), for demos and tests",
        )

    def handle(self, *args, now, **options):
        try:
            moment = _aware(now) if now else None
        except ValueError as error:
            raise CommandError(f"--now: {error}") from None
        deleted = handouts_delete_expired(now=moment)
        self.stdout.write(
            _("期限が切れた手渡し用の案内を %(count)d 件削除しました。") % {"count": deleted}
        )
