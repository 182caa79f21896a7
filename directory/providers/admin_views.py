"""Coordinator screens inside the Wagtail admin (/admin/listings/…), registered by
``directory/wagtail_hooks.py``. Every view starts with ``access.require_coordinator``."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from directory.models import ErrorReport, ListingApplication, ServicePage
from directory.providers import access, duplicates, forms, reminders, selectors, services


def applications(request: HttpRequest) -> HttpResponse:
    access.require_coordinator(request.user)
    status = request.GET.get("status", "")
    rows = selectors.listing_applications(status=status or None)
    return render(
        request,
        "providers/admin/applications.html",
        {
            "page_title": _("掲載の申し込み"),
            "header_icon": "form",
            "page_obj": Paginator(rows, 50).get_page(request.GET.get("p")),
            "statuses": ListingApplication.Status.choices,
            "status": status,
        },
    )


def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access.require_coordinator(request.user)
    application = get_object_or_404(ListingApplication, pk=pk)
    form = forms.ApplicationDecisionForm(request.POST or None, instance=application)
    if request.method == "POST" and form.is_valid():
        services.application_decide(
            application=application,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
            by=request.user,
        )
        messages.success(request, _("申し込みの状態を保存しました。"))
        return redirect("providers_admin:applications")
    organization = application.organization
    return render(
        request,
        "providers/admin/application_detail.html",
        {
            "page_title": _("掲載の申し込み"),
            "page_subtitle": application.organization_name,
            "header_icon": "form",
            "application": application,
            "form": form,
            "matches": duplicates.duplicates_for_organization(organization=organization.specific)
            if organization
            else [],
        },
    )


def error_reports(request: HttpRequest) -> HttpResponse:
    access.require_coordinator(request.user)
    status = request.GET.get("status", ErrorReport.Status.NEW)
    rows = selectors.error_reports(status=status or None)
    return render(
        request,
        "providers/admin/error_reports.html",
        {
            "page_title": _("情報の誤りの報告"),
            "header_icon": "warning",
            "page_obj": Paginator(rows, 50).get_page(request.GET.get("p")),
            "statuses": ErrorReport.Status.choices,
            "status": status,
        },
    )


@require_POST
def error_report_handle(request: HttpRequest, pk: int) -> HttpResponse:
    access.require_coordinator(request.user)
    report = get_object_or_404(ErrorReport, pk=pk)
    form = forms.ErrorReportStatusForm(request.POST)
    if form.is_valid():
        services.error_report_handle(
            report=report, status=form.cleaned_data["status"], by=request.user
        )
        messages.success(request, _("報告の状態を保存しました。"))
    return redirect("providers_admin:error_reports")


def stale(request: HttpRequest) -> HttpResponse:
    access.require_coordinator(request.user)
    by_age = request.GET.get("order") == "age"
    rows = selectors.stale_listings(by_age=by_age)
    return render(
        request,
        "providers/admin/stale.html",
        {
            "page_title": _("確認が古い掲載"),
            "header_icon": "time",
            "rows": rows,
            "flagged_count": sum(1 for r in rows if r.is_flagged),
            "by_category": selectors.stale_counts_by_category(rows),
            "certifications": selectors.expired_certifications(),
            "by_age": by_age,
        },
    )


@require_POST
def stale_remind(request: HttpRequest, pk: int) -> HttpResponse:
    """One click on the stale report: remind the provider of this listing now."""
    access.require_coordinator(request.user)
    service = get_object_or_404(ServicePage.objects.live(), pk=pk)
    if reminders.listing_reminder_send_now(service=service):
        messages.success(
            request, _("「%(name)s」の確認のお願いを送りました。") % {"name": service.title}
        )
    else:
        messages.error(request, _("この団体には職員のメールアドレスがないため、送れませんでした。"))
    return redirect(f"{reverse('providers_admin:stale')}?order=age")


def duplicate_list(request: HttpRequest) -> HttpResponse:
    access.require_coordinator(request.user)
    pairs = duplicates.duplicate_service_pairs()
    return render(
        request,
        "providers/admin/duplicates.html",
        {
            "page_title": _("重複の候補"),
            "header_icon": "duplicate",
            "page_obj": Paginator(pairs, 50).get_page(request.GET.get("p")),
        },
    )


def merge(request: HttpRequest) -> HttpResponse:
    access.require_coordinator(request.user)
    form = forms.MergeForm(request.POST or request.GET or None)
    if request.method == "POST" and form.is_valid():
        keep, duplicate = form.cleaned_data["keep"], form.cleaned_data["duplicate"]
        try:
            merge = duplicates.services_merge(keep=keep, duplicate=duplicate, by=request.user)
        except duplicates.MergeError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("「%(duplicate)s」を「%(keep)s」に統合しました（紹介 %(count)d 件を移動）。")
                % {
                    "duplicate": merge.duplicate_title,
                    "keep": keep.title,
                    "count": merge.referrals_moved,
                },
            )
            return redirect("providers_admin:duplicates")
    keep = duplicate = None
    if form.is_bound and form.is_valid():
        keep, duplicate = form.cleaned_data["keep"], form.cleaned_data["duplicate"]
    return render(
        request,
        "providers/admin/merge.html",
        {
            "page_title": _("サービスの統合"),
            "header_icon": "duplicate",
            "form": form,
            "keep": keep,
            "duplicate": duplicate,
            "referral_count": duplicate.referrals.count()
            if isinstance(duplicate, ServicePage)
            else 0,
        },
    )
