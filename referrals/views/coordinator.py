"""Coordinators: the access log with its CSV export (the figures are in dashboard/)."""

from __future__ import annotations

import csv

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from directory.csv_safety import csv_cell
from referrals import access, selectors
from referrals.filters import AccessLogFilter, filtered
from referrals.views.common import query_without_page

# ---------------------------------------------------------------------------------------------
# Coordinators: the access log (never personal data)


@login_required
@require_GET
def access_log(request: HttpRequest) -> HttpResponseBase:
    if not access.can_read_access_log(request.user):
        raise Http404
    filterset = AccessLogFilter(
        request.GET or None, queryset=selectors.access_log_list(user=request.user)
    )
    logs = filtered(filterset)
    if request.GET.get("format") == "csv":
        return _access_log_csv(logs)
    page = Paginator(logs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "referrals/access_log.html",
        {"form": filterset.form, "page_obj": page, "query": query_without_page(request)},
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


def _access_log_csv(logs) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())
    header = [
        _("日時"),
        _("ユーザー名"),
        _("ユーザー番号"),
        _("相談者番号"),
        _("紹介番号"),
        _("画面・API"),
        _("項目"),
        _("根拠"),
    ]

    def rows():
        # A BOM so that Excel (what most municipal offices open CSV with) reads UTF-8.
        yield "\ufeff" + writer.writerow(header)
        for log in logs.iterator(chunk_size=500):
            yield writer.writerow(
                csv_cell(value)
                for value in [
                    timezone.localtime(log.at).isoformat(timespec="seconds"),
                    log.username,
                    log.user_id or "",
                    log.client_id or "",
                    log.referral.code if log.referral else "",
                    log.purpose,
                    "denied" if log.denied else " ".join(log.fields or []),
                    log.basis,
                ]
            )

    filename = f"access-log-{timezone.localdate().isoformat()}.csv"
    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
