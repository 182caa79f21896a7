"""``manage.py import_opendata --dataset care-facilities PATH [--dry-run] [--draft]``."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from tqdm import tqdm

from directory.opendata.columns import DATASETS
from directory.opendata.importer import opendata_import
from directory.spreadsheet.services import problem_line


class Command(BaseCommand):
    help = gettext_lazy(
        "自治体標準オープンデータセット（または以前の推奨データセット）の CSV を取り込みます。"
        "まず全体を検証し、誤りが一つでもあれば何も変更しません"
    )

    def add_arguments(self, parser):
        parser.add_argument("--dataset", choices=sorted(DATASETS), required=True)
        parser.add_argument("path")
        parser.add_argument(
            "--draft",
            action="store_true",
            help=gettext_lazy("公開せず下書きとして取り込む（検索にも載せない）"),
        )
        parser.add_argument(
            "--dry-run", action="store_true", help=gettext_lazy("検証だけして、何も変更しない")
        )

    def handle(self, *args, dataset, path, draft, dry_run, **options):
        quiet = options["verbosity"] == 0

        def progress(iterable, desc, total):
            return tqdm(iterable, desc=desc, total=total, disable=quiet, file=self.stderr)

        source = Path(path)
        if not source.is_file():
            raise CommandError(_("ファイルが見つかりません") + f": {source}")
        report = opendata_import(
            data=source.read_bytes(),
            filename=source.name,
            dataset=DATASETS[dataset],
            draft=draft,
            dry_run=dry_run,
            progress=progress,
        )
        for problem in report.problems:
            line = problem_line(problem)
            self.stderr.write(self.style.ERROR(line) if problem.level == "error" else line)
        if not report.ok:
            raise CommandError(
                _("エラーが %(count)s 件あったため、何も取り込んでいません")
                % {"count": len(report.errors)}
            )
        summary = report.summary()
        if dry_run:
            message = _("誤りはありません（確認だけで、何も変更していません）: %(summary)s")
        else:
            message = _("取り込みました: %(summary)s")
        self.stdout.write(self.style.SUCCESS(message % {"summary": summary}))
