"""After writing: new services that look like a listing we already had (warnings, never a block).

The same detection as the editor's (``directory.providers.duplicates``): a shared phone number,
a shared address, or a close name in the same municipality. An import usually brings a
provider's listing that a coordinator entered by hand earlier, under another id; the report
names both so that someone can merge them (管理画面の「重複の候補」).
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from directory.hsds.problems import Report
from directory.models import ServicePage
from directory.providers.duplicates import duplicates_for_service

# Each check reads the candidates of one service; above this many new services the import
# leaves it to the coordinators' duplicate list instead of slowing down.
DEFAULT_LIMIT = 500


def duplicates_warn(
    *,
    created: list[tuple[ServicePage, tuple[str, str]]],
    report: Report,
    default_file: str = "",
) -> None:
    """Warn for each new service that resembles a service that existed before the import."""
    if not created:
        return
    limit = getattr(settings, "HSDS_IMPORT_DUPLICATE_CHECK_LIMIT", DEFAULT_LIMIT)
    if len(created) > limit:
        report.warn(
            file=default_file,
            where="",
            message=_(
                "新しい支援が %(count)s 件と多いため、重複の確認を省きました。"
                "管理画面の重複の候補で確認してください"
            )
            % {"count": len(created)},
        )
        return
    new_ids = {page.pk for page, _source in created}
    for page, (file, where) in created:
        for match in duplicates_for_service(service=page):
            if match.page.pk in new_ids:
                continue
            report.warn(
                file=file or default_file,
                where=where,
                field="name",
                message=_(
                    "既にある支援「%(other)s」（%(other_id)s）と重複しているかもしれません"
                    "（%(reasons)s）。取り込んだ「%(name)s」（%(id)s）と見比べてください"
                )
                % {
                    "other": match.page.title,
                    "other_id": match.page.specific.hsds_id,
                    "reasons": " / ".join(match.reasons),
                    "name": page.title,
                    "id": page.hsds_id,
                },
            )
