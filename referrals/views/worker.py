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

from directory.choices import AVAILABILITY_LIMITED
from directory.models import ServicePage
from directory.selectors import service_by_hsds_id
from referrals import access, selectors
from referrals import services as referral_services
from referrals.access import User
from referrals.business_days import overdue_sent_before
from referrals.choices import ClientField, ConsentBasis, Status, Urgency
from referrals.filters import ReferralListFilter, filtered
from referrals.forms import (
    BASIS_CONFERENCE,
    BASIS_CONSENT,
    BASIS_NONE,
    CLIENT_NEW,
    SUBMIT_DRAFT,
    SUBMIT_EDIT,
    SUBMIT_SEND,
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


def _most_limited_availability(services: list[Any]) -> str:
    """A paused or wait-listed service among several asks for confirmation like one alone."""
    for service in services:
        if service.availability in AVAILABILITY_LIMITED:
            return service.availability
    return services[0].availability


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def referral_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    agency = _agency_for(user)
    chosen = _services_from(request.POST.getlist("service") or request.GET.getlist("service"))
    service = chosen[0]
    organization = service.organization
    organizations = _organizations_of(chosen)
    wanted_client = int_or_none(request.GET.get("client"))
    clients = _client_choices(user=user, include=wanted_client)
    form = ReferralForm(
        request.POST or None,
        initial={"service": service.hsds_id, "client": wanted_client},
        clients=clients,
        organizations=[(o.pk, o.title) for o in organizations],
        conferences=_conference_choices(user=user, organizations=organizations),
        # Several services: the most limited one decides whether to ask for confirmation.
        availability=_most_limited_availability(chosen),
    )
    editing = form.data.get("submit") == SUBMIT_EDIT  # back from the preview, to change it
    if request.method == "POST" and not editing and form.is_valid():
        if _needs_preview(form):
            return _preview(request, form=form, agency=agency, services=chosen)
        if len(chosen) > 1:
            return _submit_many(
                request, form=form, agency=agency, services=chosen, client_count=len(clients)
            )
        try:
            submission = _referral_submit(user=user, agency=agency, services=chosen, form=form)
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
            "services": chosen,
            "organization": organization,
            "client_count": len(clients),
            "consent_fields": ClientField.choices,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _needs_preview(form: ReferralForm) -> bool:
    """根拠なし sends the need alone: the worker sees what the provider will see before sending."""
    data = form.cleaned_data
    return (
        data["basis"] == BASIS_NONE
        and form.data.get("submit") == SUBMIT_SEND
        and form.data.get("previewed") != "1"
    )


def _preview(
    request: HttpRequest, *, form: ReferralForm, agency: Agency, services: list[ServicePage]
) -> HttpResponse:
    """The provider's view of a need-only referral, with the form's data kept in hidden fields."""
    data = form.cleaned_data
    kept = [
        (name, value)
        for name in request.POST
        if name not in {"csrfmiddlewaretoken", "submit", "previewed"}
        for value in request.POST.getlist(name)
    ]
    return render(
        request,
        "referrals/referral_preview.html",
        {
            "kept": kept,
            "services": services,
            "agency": agency,
            "need": data["need"],
            "urgency": dict(Urgency.choices).get(data["urgency"], ""),
            "support_plan_reference": data["support_plan_reference"].strip(),
            "withheld_message": access.Withheld.MESSAGES[access.Withheld.NO_BASIS],
        },
    )


def _submit_many(
    request: HttpRequest,
    *,
    form: ReferralForm,
    agency: Agency,
    services: list[ServicePage],
    client_count: int,
) -> HttpResponse:
    """Several services at once: one tracked referral each, shown together on the client page."""
    try:
        made = _referral_submit(user=request.user, agency=agency, services=services, form=form)
    except ValidationError as error:
        _form_errors(form, error)
    except ReferralError as error:
        form.add_error(None, str(error))
    else:
        first = made.referrals[0]
        if made.created:
            messages.success(
                request,
                _("%(count)d件の紹介を作りました。それぞれの提供機関からの返事を待っています。")
                % {"count": len(made.referrals)},
            )
        return redirect("referrals:client", client_id=first.client_id)
    return render(
        request,
        "referrals/referral_new.html",
        {
            "form": form,
            "service": services[0],
            "services": services,
            "organization": services[0].organization,
            "client_count": client_count,
            "consent_fields": ClientField.choices,
        },
        status=400,
    )


def _referral_submit(
    *, user: User, agency: Agency, services: list[ServicePage], form: ReferralForm
) -> Any:
    """Resolve the form's choices (client, conference) for the user, then submit in one go:
    ``referral_submit`` for one service, ``referrals_submit_many`` for several."""
    data = form.cleaned_data
    new_client = data["client_mode"] == CLIENT_NEW
    client = None if new_client else access.client_get_for_user(user=user, client_id=data["client"])
    consent = referral_services.ConsentInput()
    if data["basis"] == BASIS_CONSENT:
        consent = referral_services.ConsentInput(
            basis=ConsentBasis.CONSENT,
            organizations=tuple(_chosen_organizations(services, data["organizations"])),
            fields=form.consent_fields(),
        )
    elif data["basis"] == BASIS_CONFERENCE:
        consent = referral_services.ConsentInput(
            basis=ConsentBasis.SUPPORT_CONFERENCE,
            conference=_conference_for(user=user, services=services, pk=data["conference"]),
            fields=form.consent_fields(),
        )
    request = {
        "by": user,
        "agency": agency,
        "client": client,
        "new_client": form.client_fields() if new_client else None,
        "consent": consent,
        "draft": form.data.get("submit") == SUBMIT_DRAFT,
        "note": data["note"],
        "need": data["need"],
        "urgency": data["urgency"],
        "support_plan_reference": data["support_plan_reference"].strip(),
        "idempotency_key": data["idempotency_key"],
    }
    if len(services) > 1:
        return referral_services.referrals_submit_many(services=services, **request)
    return referral_services.referral_submit(service=services[0], **request)


def _agency_for(user: Any) -> Agency:
    """The agency a worker refers for (the first, if they belong to several); else 404."""
    agency = Agency.objects.filter(pk__in=access.agency_ids_for(user)).order_by("pk").first()
    if agency is None:
        raise Http404
    return agency


MAX_SERVICES_PER_REFERRAL = 10


def _services_from(values: list[str]) -> list[ServicePage]:
    """The services picked (the hand-out basket or the search results), in order, once each."""
    chosen: list[ServicePage] = []
    for value in dict.fromkeys(values[:MAX_SERVICES_PER_REFERRAL]):
        service = _service_from(value)
        if all(s.pk != service.pk for s in chosen):
            chosen.append(service)
    if not chosen:
        raise Http404
    return chosen


def _organizations_of(services: list[ServicePage]) -> list[Any]:
    organizations: dict[int, Any] = {}
    for service in services:
        if service.organization is not None:
            organizations.setdefault(service.organization.pk, service.organization)
    return list(organizations.values())


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


def _conference_choices(*, user: Any, organizations: list[Any]) -> list[tuple[int, str]]:
    return [(c.pk, c.name) for c in _active_conferences(user=user, organizations=organizations)]


def _active_conferences(*, user: Any, organizations: list[Any]):
    """The agency's running conferences that every chosen organization is a member of."""
    if not organizations:
        return SupportConference.objects.none()
    today = timezone.localdate()
    conferences = SupportConference.objects.filter(
        agency_id__in=access.agency_ids_for(user), established_on__lte=today
    ).exclude(ended_on__lt=today)
    for organization in organizations:
        conferences = conferences.filter(members=organization)
    return conferences.order_by("name", "pk")


def _conference_for(*, user: Any, services: list[ServicePage], pk: int) -> SupportConference:
    organizations = _organizations_of(services)
    conference = _active_conferences(user=user, organizations=organizations).filter(pk=pk)
    found = conference.first()
    if found is None:
        raise ValidationError({"conference": _("この支援会議は選べません。")})
    return found


def _chosen_organizations(services: list[ServicePage], chosen: list[int]) -> list:
    return [o for o in _organizations_of(services) if o.pk in chosen]


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
    referral_services.consent_withdraw(consent=consent, by=request.user)
    messages.success(
        request, _("同意の撤回を記録しました。提供機関には相談者の情報が表示されなくなりました。")
    )
    return redirect("referrals:client", client_id=client.pk)
