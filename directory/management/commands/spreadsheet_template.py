"""``manage.py spreadsheet_template PATH``: the template to fill in (.xlsx or .csv)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from directory.spreadsheet.template import template_csv, template_xlsx


class Command(BaseCommand):
    help = (
        "表計算ソフトで記入する取り込み用テンプレートを書き出します。"
        "拡張子が .xlsx なら記入例と選択肢つきの Excel ブック、.csv なら見出しだけの CSV（UTF-8）です"
    )

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        target = Path(path)
        suffix = target.suffix.lower()
        if suffix == ".xlsx":
            data = template_xlsx()
        elif suffix == ".csv":
            data = template_csv()
        else:
            raise CommandError(_("書き出し先の拡張子は .xlsx か .csv にしてください"))
        target.write_bytes(data)
        self.stdout.write(
            self.style.SUCCESS(_("テンプレートを書き出しました: %(path)s") % {"path": target})
        )
