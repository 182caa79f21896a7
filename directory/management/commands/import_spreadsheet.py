"""``manage.py import_spreadsheet PATH [--draft] [--dry-run]``: the template, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from tqdm import tqdm

from directory.hsds.problems import Report
from directory.spreadsheet.services import problem_line, spreadsheet_import


class Command(BaseCommand):
    help = (
        "取り込み用テンプレート（.xlsx か .csv）に記入した社会資源の一覧を取り込みます。"
        "まず全体を検証し、誤りが一つでもあれば何も変更しません"
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--draft", action="store_true", help="公開せず下書きとして取り込む（検索にも載せない）"
        )
        parser.add_argument("--dry-run", action="store_true", help="検証だけして、何も変更しない")
        parser.add_argument("--lang", choices=["ja", "en"], default="ja", help="報告の言語")

    def handle(self, *args, path, draft, dry_run, lang, **options):
        quiet = options["verbosity"] == 0

        def progress(iterable, desc, total):
            return tqdm(iterable, desc=desc, total=total, disable=quiet, file=self.stderr)

        source = Path(path)
        with translation.override(lang):
            if not source.is_file():
                raise CommandError(_("ファイルが見つかりません") + f": {source}")
            report = spreadsheet_import(
                data=source.read_bytes(),
                filename=source.name,
                draft=draft,
                dry_run=dry_run,
                progress=progress,
            )
            self._print(report, dry_run=dry_run)
            if not report.ok:
                raise CommandError(
                    _("エラーが %(count)s 件あったため、何も取り込んでいません")
                    % {"count": report.error_count}
                )
            summary = report.summary()
            if dry_run:
                self.stdout.write(
                    self.style.SUCCESS(
                        _("取り込めます（試行のみ、保存していません）: %(summary)s")
                        % {"summary": summary}
                    )
                )
            else:
                self.stdout.write(
                    self.style.SUCCESS(_("取り込みました: %(summary)s") % {"summary": summary})
                )

    def _print(self, report: Report, *, dry_run: bool) -> None:
        for problem in report.problems:
            line = problem_line(problem)
            self.stderr.write(self.style.ERROR(line) if problem.level == "error" else line)
        if report.more:
            self.stderr.write(report.more)
        if report.ok and report.warnings:
            if dry_run:  # nothing was saved: say what an import would do
                message = _("警告 %(count)s 件（取り込むと、その値は空になります）")
            else:
                message = _("警告 %(count)s 件（その値は空にして取り込みました）")
            self.stdout.write(message % {"count": report.warning_count})
