"""Import HSDS 3.0 into the directory: check everything first, then write all or nothing.

Three stages, so that a file with problems changes nothing:

1. read (``read_source``): JSON (a list of ``service_full``, a list of organizations with their
   ``services``, or an API page) or a tabular package; encodings detected; every object checked
   against the HSDS schemas. Schema violations are errors.
2. plan (``plan_import``): ids resolved against the file and the database (a dangling id is an
   error); values turned into our fields. A value that is valid HSDS but unusable here
   (coordinates outside Japan, an address abroad, an unknown language) becomes a warning and
   is left empty.
3. apply (``Writer``): one transaction; records keep their HSDS ids and are matched on them,
   so importing the same file again updates instead of duplicating. Pages are published unless
   ``draft``; services are indexed for search after the commit. New services that look like
   an existing listing are reported (``duplicates``), never blocked.

Modules: ``reading`` (stage 1), ``values`` (one value → our field, or a warning),
``mapping_organizations`` and ``mapping_services`` (HSDS objects → ``plan.Planned``),
``planner`` (stage 2), ``references`` (ids that must exist), ``writing`` (stage 3),
``duplicates``. The report itself is ``directory.hsds.problems``.

``import_path`` (a file or folder) and ``import_package`` (objects already read, e.g. from a
spreadsheet) are the entry points.
"""

from __future__ import annotations

import logging
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from wagtail.signal_handlers import disable_reference_index_auto_update

from directory.hsds.importer.duplicates import duplicates_warn
from directory.hsds.importer.plan import Plan, Planned
from directory.hsds.importer.planner import Planner, plan_import
from directory.hsds.importer.reading import package_from_json, read_source
from directory.hsds.importer.writing import Progress, Writer, _no_progress
from directory.hsds.problems import Report
from directory.hsds.tabular import Package
from search.indexing import services_index_now

__all__ = [
    "INTERNAL_ERROR",
    "Plan",
    "Planned",
    "Planner",
    "Progress",
    "Writer",
    "import_package",
    "import_path",
    "package_from_json",
    "plan_import",
    "read_source",
]

logger = logging.getLogger(__name__)
INTERNAL_ERROR = _lazy(
    "取り込み中に予期しないエラーが起きました。何も取り込んでいません（%(detail)s）"
)


def import_package(
    package: Package,
    *,
    report: Report,
    draft: bool = False,
    progress: Progress | None = None,
    default_file: str = "",
) -> list[int]:
    """Plan and write ``package`` in one transaction; nothing is written if anything fails."""
    plan = plan_import(package, report=report, default_file=default_file)
    if plan is None:
        return []
    try:
        # The reference index (Wagtail's "usage" counts) costs more than the import itself;
        # ``manage.py rebuild_references_index`` fills it afterwards.
        with transaction.atomic(), disable_reference_index_auto_update():
            writer = Writer(plan, report=report, draft=draft, progress=progress or _no_progress)
            service_ids = writer.run()
            duplicates_warn(
                created=writer.created_services, report=report, default_file=default_file
            )
    except (DatabaseError, ValidationError) as error:
        report.error(
            file=default_file,
            where="",
            message=_("データベースに書き込めませんでした。何も取り込んでいません（%(detail)s）")
            % {"detail": error},
        )
        return []
    if not draft:
        batches = [service_ids[i : i + 500] for i in range(0, len(service_ids), 500)]
        for batch in (progress or _no_progress)(batches, _("検索の索引"), len(batches)):
            services_index_now(service_ids=batch)
    return service_ids


def import_path(
    path: Path,
    *,
    draft: bool = False,
    progress: Progress | None = None,
    lenient_links: bool = False,
) -> Report:
    """Read, check and import ``path``; the report says what happened or why nothing did."""
    report = Report(lenient_links=lenient_links)
    try:
        package = read_source(path, report=report)
        if package is None or not report.ok:
            return report
        import_package(
            package, report=report, draft=draft, progress=progress, default_file=path.name
        )
    except Exception as error:  # a bug of ours must still leave the database untouched
        logger.exception("HSDS import of %s failed", path)
        report.error(
            file=path.name,
            where="",
            message=INTERNAL_ERROR % {"detail": f"{type(error).__name__}: {error}"},
        )
    return report
