"""Fill empty readings (よみがな) of organisations, services and locations (safe to run again)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from directory.services import readings_backfill


class Command(BaseCommand):
    help = (
        "Suggest a katakana reading (よみがな, 名称_カナ) with SudachiPy for every organisation, "
        "service and location whose reading is empty, so lists sort in 50音順."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="replace readings already entered too (they may have been corrected by hand)",
        )

    def handle(self, *args, overwrite, **options):
        filled = readings_backfill(overwrite=overwrite)
        self.stdout.write(
            _("よみがなを入れました: 団体 %(o)d 件、支援 %(s)d 件、拠点 %(l)d 件")
            % {"o": filled.organizations, "s": filled.services, "l": filled.locations}
        )
