"""``manage.py export_opendata --dataset public-facilities PATH``: 自治体標準オープンデータセット CSV."""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from tqdm import tqdm

from directory.opendata.columns import DATASETS
from directory.opendata.export import export_csv


class Command(BaseCommand):
    help = gettext_lazy(
        "公開中のサービスを自治体標準オープンデータセットの CSV（UTF-8、BOM 付き）に書き出します"
    )

    def add_arguments(self, parser):
        parser.add_argument("--dataset", choices=sorted(DATASETS), required=True)
        parser.add_argument("path")

    def handle(self, *args, dataset, path, **options):
        quiet = options["verbosity"] == 0

        def progress(iterable, desc, total):
            return tqdm(iterable, desc=desc, total=total, disable=quiet, file=self.stderr)

        count = export_csv(Path(path), dataset=DATASETS[dataset], progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                _("%(count)s 件を書き出しました: %(path)s") % {"count": count, "path": path}
            )
        )
