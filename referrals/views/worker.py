"""The support worker's screens: "my referrals", the refer form, the client page."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from directory.models import ServicePage
from directory.selectors import service_by_hsds_id
from referrals import access, selectors, services
from referrals.access import User
from referrals.business_days import overdue_sent_before
from referrals.choices import ClientField, ConsentBasis, Status
from referrals.filters import ReferralListFilter, filtered
from referrals.forms import (
    BASIS_CONFERENCE,
    BASIS_CONSENT,
    CLIENT_NEW,
    SUBMIT_DRAFT,
    ReferralForm,
)
from referrals.models import Agency, SupportConference
from referrals.state import ReferralError
from referrals.views.common import (
    LIST_PAGE_SIZE,
    client_rows,
    int_or_none,
    is_provider,
    is_worker,
    query_without_page,
    top_categories,
)

# Clients offered on the refer page: the agency's most recent ones (others come via ?client=).
CLIENT_CHOICES_LIMIT = 50


@login_required
@require_GET
def referral_list(request: HttpRequest) -> HttpResponse:
    """ "My referrals" for workers; providers land on their inbox, coordinators on statistics."""
    user = request.user
    if not is_worker(user):
        if is_provider(user):
            return redirect("referrals:inbox")
        if access.is_coordinator(user):
            return redirect("dashboard:index")
        raise Http404
    filterset = ReferralListFilter(request.GET or None, user=user, categories=top_categories())
    referrals = filtered(filterset)
    page = Paginator(referrals, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "referrals/referral_list.html",
        {
            "form": filterset.form,
            "page_obj": page,
            "overdue_before": overdue_sent_before(),
            "query": query_without_page(request),
        },
    )


# ---------------------------------------------------------------------------------------------
# Refer: choose or create the client → basis for sharing → need → send


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def referral_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    agency = _agency_for(user)
    service = _service_from(request.POST.get("service") or request.GET.get("service"))
    organization = service.organization
    wanted_client = int_or_none(request.GET.get("client"))
    clients = _client_choices(user=user, include=wanted_client)
    form = ReferralForm(
        request.POST or None,
        initial={"service": service.hsds_id, "client": wanted_client},
        clients=clients,
        organizations=[(organization.pk, organization.title)] if organization else [],
        conferences=_conference_choices(user=user, organization=organization),
        availability=service.availability,
    )
    if request.method == "POST" and form.is_valid():
        try:
            submission = _referral_submit(user=user, agency=agency, service=service, form=form)
        except ValidationError as error:
            _form_errors(form, error)
        except ReferralError as error:
            form.add_error(None, str(error))
        else:
            referral = submission.referral
            if not submission.created:  # the same form submitted again: show what the first made
                return redirect("referrals:detail", code=referral.code)
            if referral.status == Status.DRAFT:
                messages.success(request, _("下書きとして保存しました。"))
            else:
                messages.success(
                    request, _("紹介を送信しました。提供機関からの返事を待っています。")
                )
            return redirect("referrals:detail", code=referral.code)
    return render(
        request,
        "referrals/referral_new.html",
        {
            "form": form,
            "service": service,
            "organization": organization,
            "client_count": len(clients),
            "consent_fields": ClientField.choices,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _referral_submit(
    *, user: User, agency: Agency, service: ServicePage, form: ReferralForm
) -> services.Submission:
    """Resolve the form's choices (client, conference) for the user, then submit in one go."""
    data = form.cleaned_data
    new_client = data["client_mode"] == CLIENT_NEW
    client = None if new_client else access.client_get_for_user(user=user, client_id=data["client"])
    consent = services.ConsentInput()
    if data["basis"] == BASIS_CONSENT:
        consent = services.ConsentInput(
            basis=ConsentBasis.CONSENT,
            organizations=tuple(_chosen_organizations(service, data["organizations"])),
            fields=form.consent_fields(),
        )
    elif data["basis"] == BASIS_CONFERENCE:
        consent = services.ConsentInput(
            basis=ConsentBasis.SUPPORT_CONFERENCE,
            conference=_conference_for(user=user, service=service, pk=data["conference"]),
            fields=form.consent_fields(),
        )
    return services.referral_submit(
        by=user,
        agency=agency,
        service=service,
        client=client,
        new_client=form.client_fields() if new_client else None,
        consent=consent,
        draft=form.data.get("submit") == SUBMIT_DRAFT,
        note=data["note"],
        need=data["need"],
        urgency=data["urgency"],
        support_plan_reference=data["support_plan_reference"].strip(),
        idempotency_key=data["idempotency_key"],
    )


def _agency_for(user: Any) -> Agency:
    """The agency a worker refers for (the first, if they belong to several); else 404."""
    agency = Agency.objects.filter(pk__in=access.agency_ids_for(user)).order_by("pk").first()
    if agency is None:
        raise Http404
    return agency


def _service_from(value: str | None) -> ServicePage:
    try:
        hsds_id = uuid.UUID(str(value))
    except ValueError:
        raise Http404 from None
    service = service_by_hsds_id(hsds_id=hsds_id)
    if service is None or service.organization is None:
        raise Http404
    return service


def _client_choices(*, user: User, include: int | None) -> list[tuple[int, str]]:
    """The agency's clients to choose from, labelled by name; ``access`` logs the read."""
    chosen = access.client_choices_for(
        user=user,
        include=include,
        limit=CLIENT_CHOICES_LIMIT,
        purpose="worker.referral.new.client_choice",
    )
    return [(client.pk, _client_label(client.pk, values)) for client, values in chosen]


def _client_label(pk: int, values: dict[str, Any]) -> str:
    name, reading = values[ClientField.NAME], values[ClientField.NAME_READING]
    reading = f"（{reading}）" if reading else ""
    return f"{name}{reading} — #{pk}"


def _conference_choices(*, user: Any, organization: Any) -> list[tuple[int, str]]:
    return [(c.pk, c.name) for c in _active_conferences(user=user, organization=organization)]


def _active_conferences(*, user: Any, organization: Any):
    if organization is None:
        return SupportConference.objects.none()
    today = timezone.localdate()
    return (
        SupportConference.objects.filter(
            agency_id__in=access.agency_ids_for(user),
            members=organization,
            established_on__lte=today,
        )
        .exclude(ended_on__lt=today)
        .order_by("name", "pk")
    )


def _conference_for(*, user: Any, service: ServicePage, pk: int) -> SupportConference:
    conference = _active_conferences(user=user, organization=service.organization).filter(pk=pk)
    found = conference.first()
    if found is None:
        raise ValidationError({"conference": _("この支援会議は選べません。")})
    return found


def _chosen_organizations(service: ServicePage, chosen: list[int]) -> list:
    organization = service.organization
    return [organization] if organization is not None and organization.pk in chosen else []


def _form_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for key, errors in error.error_dict.items():
            for item in errors:
                form.add_error(form.field_for_error(key), item.messages[0])
    else:
        for message in error.messages:
            form.add_error(None, message)


# ---------------------------------------------------------------------------------------------
# Clients


@login_required
@require_GET
def client_detail(request: HttpRequest, client_id: int) -> HttpResponse:
    """A worker's client: the record (logged) and every referral across providers."""
    client, values = access.client_record_for(
        user=request.user, client_id=client_id, purpose="worker.client.detail"
    )
    consents = client.consents.select_related("conference").prefetch_related("organizations")
    return render(
        request,
        "referrals/client_detail.html",
        {
            "client": client,
            "client_rows": client_rows(values),
            "referrals": selectors.client_referrals(client=client),
            "consents": consents.order_by("-given_at", "-pk"),
            "overdue_before": overdue_sent_before(),
            "now": timezone.now(),
        },
    )


@login_required
@require_POST
def consent_withdraw(request: HttpRequest, client_id: int, consent_id: int) -> HttpResponse:
    client = access.client_get_for_user(user=request.user, client_id=client_id)
    consent = client.consents.filter(pk=consent_id).first()
    if consent is None:
        raise Http404
    services.consent_withdraw(consent=consent, by=request.user)
    messages.success(
        request, _("同意の撤回を記録しました。提供機関には相談者の情報が表示されなくなりました。")
    )
    return redirect("referrals:client", client_id=client.pk)
