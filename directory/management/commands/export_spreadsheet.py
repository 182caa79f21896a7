"""``manage.py export_spreadsheet PATH [--organization ID]``: the directory in the template."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from directory.models import OrganizationPage
from directory.spreadsheet.export import export_xlsx


class Command(BaseCommand):
    help = gettext_lazy(
        "公開中のサービスを取り込み用テンプレート（.xlsx）に書き出します。"
        "Excel で直して import_spreadsheet で取り込み直せます"
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--organization",
            help=gettext_lazy("この団体のサービスだけ（団体の ID（UUID）かスラッグ）"),
        )

    def handle(self, *args, path, organization, **options):
        page = None
        if organization:
            pages = OrganizationPage.objects.all()
            page = (
                pages.filter(slug=organization).first()
                or pages.filter(hsds_id=organization).first()
                if _is_uuid(organization)
                else pages.filter(slug=organization).first()
            )
            if page is None:
                raise CommandError(_("団体が見つかりません") + f": {organization}")
        data, count = export_xlsx(organization=page)
        Path(path).write_bytes(data)
        self.stdout.write(
            self.style.SUCCESS(
                _("%(count)s 件を書き出しました: %(path)s") % {"count": count, "path": path}
            )
        )


def _is_uuid(text: str) -> bool:
    import uuid  # a one-off check of the option

    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True
