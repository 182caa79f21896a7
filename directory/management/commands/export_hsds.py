"""``manage.py export_hsds PATH [--format json|tabular]``: everything published, as HSDS 3.0."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from directory.hsds.exporter import check_json, export_json, export_tabular


class Command(BaseCommand):
    help = "公開中の支援・団体・拠点を HSDS 3.0（JSON または CSV の tabular data package）で書き出します"

    def add_arguments(self, parser):
        parser.add_argument("path", help="JSON ファイル、または CSV を書き出すフォルダ")
        parser.add_argument("--format", choices=["json", "tabular"], default="json")
        parser.add_argument(
            "--no-check", action="store_true", help="書き出した JSON のスキーマ検証を省く"
        )

    def handle(self, *args, path, format, no_check, **options):
        target = Path(path)
        quiet = options["verbosity"] == 0

        def progress(iterable, desc, total):
            return tqdm(iterable, desc=desc, total=total, disable=quiet, file=self.stderr)

        if format == "tabular":
            count = export_tabular(target, progress=progress)
        else:
            if target.is_dir():
                raise CommandError("JSON の出力先にはファイル名を指定してください")
            count = export_json(target, progress=progress)
            if not no_check:
                errors = check_json(target)
                for error in errors[:50]:
                    self.stderr.write(f"{error.pointer}: {error.message}")
                if errors:
                    raise CommandError(f"HSDS スキーマに合わない箇所が {len(errors)} 件あります")
        self.stdout.write(self.style.SUCCESS(f"{count} 件の支援を書き出しました: {target}"))
