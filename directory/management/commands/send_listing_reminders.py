"""Remind providers of unconfirmed listings and flag old ones (run daily; idempotent)."""

from datetime import date

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from directory.providers.reminders import listing_reminders_send


class Command(BaseCommand):
    help = (
        "Email provider staff a one-click confirm link for listings unconfirmed for "
        "LISTING_STALE_AFTER_DAYS (183), flag listings unconfirmed for LISTING_FLAG_AFTER_DAYS "
        "(365) and expired certifications to the coordinators. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            default=None,
            help="run as of this day (YYYY-MM-DD), for demos and tests",
        )

    def handle(self, *args, today, **options):
        run = listing_reminders_send(today=today)
        self.stdout.write(
            _(
                "確認のお願い: サービス %(reminded)d 件（メール %(emails)d 通、宛先なし %(none)d 件）。"
                "古い可能性: %(flagged)d 件（解除 %(unflagged)d 件）。期限切れの認定: %(certs)d 件。"
            )
            % {
                "reminded": run.reminded,
                "emails": run.emails,
                "none": run.no_recipient,
                "flagged": run.flagged,
                "unflagged": run.unflagged,
                "certs": run.certifications,
            }
        )
