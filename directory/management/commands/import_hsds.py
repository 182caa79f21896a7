"""``manage.py import_hsds PATH [--draft] [--language ja|en]``: HSDS 3.0 in, all or nothing."""

import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from tqdm import tqdm

from directory.hsds.importer import import_path
from directory.hsds.problems import Report

LANGUAGES = ("ja", "en")


def report_language(requested: str | None) -> str:
    """``--language``; else the ``LANGUAGE`` environment variable (gettext's), when it names a
    language we report in; else the active language (``LANGUAGE_CODE``)."""
    if requested:
        return requested
    for item in os.environ.get("LANGUAGE", "").split(":"):
        code = item.split("_")[0].split(".")[0].lower()
        if code in LANGUAGES:
            return code
    active = (translation.get_language() or "ja").split("-")[0]
    return active if active in LANGUAGES else "ja"


class Command(BaseCommand):
    # argparse formats plain strings only: help texts are translated when the parser is built.
    @property
    def help(self) -> str:  # type: ignore[override]
        return _(
            "HSDS 3.0 の JSON（service_full の配列、または services を含む団体の配列）か "
            "tabular data package（CSV と datapackage.json のフォルダ）を取り込みます。"
            "まず全体を検証し、問題があれば何も変更しません"
        )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--draft",
            action="store_true",
            help=_("公開せず下書きとして取り込む（検索にも載せない）"),
        )
        parser.add_argument(
            "--lenient-links",
            action="store_true",
            help=_(
                "見つからない id を指す任意のつながり（拠点の団体、分類の親、どこにも"
                "つながらない行）を誤りにせず、警告にして空にする"
            ),
        )
        parser.add_argument(
            "--language",
            "--lang",
            dest="lang",
            choices=LANGUAGES,
            default=None,
            help=_("報告の言語（既定: 環境変数 LANGUAGE、なければサイトの言語）"),
        )

    def handle(self, *args, path, draft, lang, lenient_links, **options):
        quiet = options["verbosity"] == 0

        def progress(iterable, desc, total):
            return tqdm(iterable, desc=desc, total=total, disable=quiet, file=self.stderr)

        with translation.override(report_language(lang)):
            report = import_path(
                Path(path), draft=draft, progress=progress, lenient_links=lenient_links
            )
            self._print(report)
            if not report.ok:
                raise CommandError(
                    _("エラーが %(count)s 件あったため、何も取り込んでいません")
                    % {"count": report.error_count}
                )

    def _print(self, report: Report) -> None:
        for problem in report.problems:
            line = str(problem)
            self.stderr.write(self.style.ERROR(line) if problem.level == "error" else line)
        if report.more:
            self.stderr.write(report.more)
        if report.ok:
            summary = report.summary()
            self.stdout.write(
                self.style.SUCCESS(_("取り込みました: %(summary)s") % {"summary": summary})
            )
            if report.warnings:
                self.stdout.write(
                    _("警告 %(count)s 件（その値は空にして取り込みました）")
                    % {"count": report.warning_count}
                )
