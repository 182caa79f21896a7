"""Screens of the public site (/providers/…): parse, call one service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from directory.models import ServicePage
from directory.providers import access, forms, links, selectors, services
from directory.ratelimits import over_limit
from directory.selectors import service_by_hsds_id

# --- the provider dashboard ------------------------------------------------------------------


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    boards = selectors.provider_dashboard(user=request.user)
    return render(
        request,
        "providers/dashboard.html",
        {
            "boards": boards,
            "is_coordinator": access.is_coordinator(request.user),
            "availability_form": forms.AvailabilityForm(),
        },
    )


def _back(request: HttpRequest, service: ServicePage) -> str:
    """Back to the page the switch was on (the dashboard or 「わたしの仕事」), never off-site."""
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return back
    return f"{reverse('providers:dashboard')}#service-{service.pk}"


def _quick(request: HttpRequest, service_id: int, form_class, apply) -> HttpResponse:
    service = access.service_get_for_provider(user=request.user, service_id=service_id)
    form = form_class(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error, extra_tags=str(service.pk))
        return redirect(_back(request, service))
    try:
        message = apply(service, form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages), extra_tags=str(service.pk))
    else:
        messages.success(request, message, extra_tags=str(service.pk))
    return redirect(_back(request, service))


@login_required
@require_POST
def quick_availability(request: HttpRequest, service_id: int) -> HttpResponse:
    def apply(service: ServicePage, data: dict) -> str:
        services.service_quick_update(
            service=service, by=request.user, field="availability", value=data["availability"]
        )
        label = dict(forms.AvailabilityForm.base_fields["availability"].choices)[
            data["availability"]
        ]
        return _("「%(service)s」を「%(label)s」にしました。公開ページにすぐ反映されています。") % {
            "service": service.title,
            "label": label,
        }

    return _quick(request, service_id, forms.AvailabilityForm, apply)


@login_required
@require_POST
def quick_capacity_note(request: HttpRequest, service_id: int) -> HttpResponse:
    def apply(service: ServicePage, data: dict) -> str:
        services.service_quick_update(
            service=service, by=request.user, field="capacity_note", value=data["capacity_note"]
        )
        return _("「%(service)s」の受付状況のメモを保存しました。") % {"service": service.title}

    return _quick(request, service_id, forms.CapacityNoteForm, apply)


@login_required
@require_POST
def quick_alert(request: HttpRequest, service_id: int) -> HttpResponse:
    def apply(service: ServicePage, data: dict) -> str:
        services.service_quick_update(
            service=service, by=request.user, field="alert", value=data["alert"]
        )
        if not data["alert"]:
            return _("「%(service)s」のお知らせを消しました。") % {"service": service.title}
        return _("「%(service)s」のお知らせを公開しました。") % {"service": service.title}

    return _quick(request, service_id, forms.AlertForm, apply)


@login_required
@require_POST
def quick_closure(request: HttpRequest, service_id: int) -> HttpResponse:
    def apply(service: ServicePage, data: dict) -> str:
        services.service_closure_add(
            service=service,
            by=request.user,
            start_date=data["start_date"],
            end_date=data["end_date"],
            description=data["description"],
        )
        return _("「%(service)s」に臨時休業を登録しました。") % {"service": service.title}

    return _quick(request, service_id, forms.ClosureForm, apply)


@login_required
@require_POST
def confirm(request: HttpRequest, service_id: int) -> HttpResponse:
    service = access.service_get_for_provider(user=request.user, service_id=service_id)
    services.service_confirm(
        service=service, email=request.user.email or request.user.get_username(), by=request.user
    )
    messages.success(
        request,
        _("「%(service)s」を確認済みにしました。ありがとうございます。")
        % {"service": service.title},
    )
    return redirect(f"{reverse('providers:dashboard')}#service-{service.pk}")


# --- the confirm link in reminder emails (no login) -----------------------------------------


def confirm_link(request: HttpRequest, token: str) -> HttpResponse:
    try:
        grant = links.confirm_resolve(token=token)
    except links.LinkError as error:
        return render(request, "providers/link_invalid.html", {"message": str(error)}, status=400)
    already = grant.service.assured_date is not None and grant.service.assured_date > grant.since
    if request.method == "POST" and not already:
        services.service_confirm(service=grant.service, email=grant.email)
        return render(request, "providers/confirm_done.html", {"service": grant.service})
    return render(
        request,
        "providers/confirm.html",
        {"service": grant.service, "organization": grant.service.get_parent(), "already": already},
    )


# --- invitations -----------------------------------------------------------------------------


@login_required
def invite(request: HttpRequest) -> HttpResponse:
    access.require_coordinator(request.user)
    initial = {"organization": request.GET.get("organization")}
    form = forms.InvitationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        invitation = services.invitation_create(
            organization=form.cleaned_data["organization"],
            email=form.cleaned_data["email"],
            by=request.user,
        )
        messages.success(
            request,
            _("%(email)s に招待のメールを送りました（%(days)d日間有効）。")
            % {"email": invitation.email, "days": links.invitation_max_age().days},
        )
        return redirect("providers:invite")
    return render(request, "providers/invite.html", {"form": form})


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = links.invitation_resolve(token=token)
    except links.LinkError as error:
        return render(request, "providers/link_invalid.html", {"message": str(error)}, status=400)
    user = request.user if request.user.is_authenticated else None
    existing = access.user_for_email(invitation.email)
    if existing is not None and (user is None or user.pk != existing.pk):
        # The address has an account: joining needs that account, not a new password.
        return render(request, "providers/invitation_login.html", {"invitation": invitation})
    form = None if existing else forms.SetPasswordForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            if existing is None:
                user = services.provider_user_create(
                    email=invitation.email, password=form.cleaned_data["password1"]
                )
            services.invitation_accept(invitation=invitation, user=user)
        except (ValidationError, links.LinkError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            return redirect(request.path)
        login(request, user)
        return redirect("wagtailadmin_explore", invitation.organization.pk)
    return render(
        request, "providers/invitation_accept.html", {"invitation": invitation, "form": form}
    )


# --- the public: 「掲載を申し込む」, 「情報の誤りを報告」 ------------------------------------------------


def _limited(request: HttpRequest, group: str) -> bool:
    return over_limit(request, group=group, setting="PROVIDERS_PUBLIC_FORM_RATE", method="POST")


def apply(request: HttpRequest) -> HttpResponse:
    form = forms.ApplicationForm(request.POST or None)
    if request.method == "POST":
        if _limited(request, "providers.apply"):
            return render(
                request, "providers/apply.html", {"form": form, "limited": True}, status=429
            )
        if form.is_valid():
            if not form.is_spam():
                data = {k: v for k, v in form.cleaned_data.items() if k != "homepage"}
                services.application_submit(**data)
            return redirect("providers:apply_done")
    return render(request, "providers/apply.html", {"form": form})


def apply_done(request: HttpRequest) -> HttpResponse:
    return render(request, "providers/apply_done.html")


def report_error(request: HttpRequest, hsds_id) -> HttpResponse:
    service = service_by_hsds_id(hsds_id=hsds_id)
    if service is None:
        raise Http404
    form = forms.ErrorReportForm(request.POST or None)
    context = {"form": form, "service": service, "organization": service.get_parent()}
    if request.method == "POST":
        if _limited(request, "providers.report"):
            return render(
                request, "providers/report.html", {**context, "limited": True}, status=429
            )
        if form.is_valid():
            if not form.is_spam():
                services.error_report_submit(
                    service=service,
                    problem=form.cleaned_data["problem"],
                    message=form.cleaned_data["message"],
                    contact=form.cleaned_data["contact"],
                )
            return redirect("providers:report_done", hsds_id=service.hsds_id)
    return render(request, "providers/report.html", context)


def report_done(request: HttpRequest, hsds_id) -> HttpResponse:
    service = get_object_or_404(ServicePage.objects.live(), hsds_id=hsds_id)
    return render(request, "providers/report_done.html", {"service": service})
