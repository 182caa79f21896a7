"""/admin/spreadsheet/: download the template, upload a filled one, read the report.

Coordinators only (``access.require_coordinator``), like the other listing screens."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from directory.providers import access
from directory.spreadsheet.forms import SpreadsheetUploadForm
from directory.spreadsheet.services import spreadsheet_import
from directory.spreadsheet.template import template_csv, template_xlsx

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def template_download(request: HttpRequest, fmt: str) -> HttpResponse:
    access.require_coordinator(request.user)
    data = template_xlsx() if fmt == "xlsx" else template_csv()
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=_("取り込みテンプレート") + f".{fmt}"
    )
    return response


def upload(request: HttpRequest) -> HttpResponse:
    access.require_coordinator(request.user)
    form = SpreadsheetUploadForm(request.POST or None, request.FILES or None)
    report = None
    dry_run = request.POST.get("action") == "check"
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        report = spreadsheet_import(
            data=file.read(),
            filename=file.name,
            draft=form.cleaned_data["draft"],
            dry_run=dry_run,
        )
        if not report.ok:
            form.add_error(
                "file",
                ngettext(
                    "誤りが %(count)s 件あるため、何も取り込んでいません。下の一覧を直してから、もう一度アップロードしてください。",
                    "誤りが %(count)s 件あるため、何も取り込んでいません。下の一覧を直してから、もう一度アップロードしてください。",
                    report.error_count,
                )
                % {"count": report.error_count},
            )
    return render(
        request,
        "directory/spreadsheet/upload.html",
        {
            "page_title": _("表計算ソフトからの取り込み"),
            "header_icon": "doc-full-inverse",
            "form": form,
            "report": report,
            "dry_run": dry_run,
            "summary": report.summary() if report and report.ok else "",
        },
    )
