"""One referral: the detail with its timeline and actions, the moves, the client's slip."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from directory import hours as opening_hours
from directory.selectors import service_places
from referrals import access, selectors, services
from referrals.business_days import overdue_sent_before
from referrals.choices import Status
from referrals.forms import ActionForm, action_choices
from referrals.models import Referral
from referrals.state import ReferralError, Side, actions_from
from referrals.views.common import (
    back,
    client_rows,
    consent_summary,
    form_message,
    reason_label,
    validation_messages,
)

# ---------------------------------------------------------------------------------------------
# One referral: detail with timeline and actions, the actions, the client's slip


@login_required
@require_GET
def referral_detail(request: HttpRequest, code: str) -> HttpResponse:
    user = request.user
    referral = access.referral_get_for_user(user=user, code=code)
    sides = access.sides_for(user, referral)
    purpose = "worker.referral.detail" if Side.SENDER in sides else "provider.referral.detail"
    view = access.client_view_for(user=user, referral=referral, purpose=purpose)
    actions = [
        action_choices(action)
        for action in actions_from(referral.status)
        if access.can(user, action, referral)
    ]
    return render(
        request,
        "referrals/referral_detail.html",
        {
            "referral": referral,
            "is_sender": Side.SENDER in sides,
            "is_provider": Side.PROVIDER in sides,
            "client_view": view,
            "client_rows": client_rows(view.fields),
            "consent": consent_summary(referral) if Side.SENDER in sides else None,
            "timeline": [
                (event, reason_label(event.action, event.reason_code))
                for event in selectors.referral_timeline(referral=referral)
            ],
            "actions": actions,
            "overdue": referral.status == Status.SENT
            and referral.sent_at is not None
            and referral.sent_at < overdue_sent_before(),
        },
    )


@login_required
@require_POST
def referral_act(request: HttpRequest, code: str) -> HttpResponse:
    referral = access.referral_get_for_user(user=request.user, code=code)
    act_from_post(request, referral=referral, by=request.user)
    return back(request, default=reverse("referrals:detail", kwargs={"code": referral.code}))


def act_from_post(request: HttpRequest, *, referral: Referral, by: Any) -> bool:
    """Run the posted move; a refused move (invalid, stale, not allowed) becomes a message."""
    form = ActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_message(form))
        return False
    data = form.cleaned_data
    # Act on the status the user saw: if someone moved it since, the service says so.
    referral.status = data["seen_status"]
    try:
        services.referral_act(
            referral=referral,
            by=by,
            action=data["action"],
            reason=data["reason"],
            outcome=data["outcome"],
            channel=data["channel"],
            appointment_at=data["appointment_at"],
            note=data["note"],
        )
    except ReferralError as error:
        messages.error(request, str(error))
        return False
    except ValidationError as error:
        messages.error(request, " ".join(validation_messages(error)))
        return False
    messages.success(
        request,
        _("紹介 %(code)s の状態を「%(status)s」にしました。")
        % {"code": referral.code, "status": Status(referral.status).label},
    )
    return True


@login_required
@require_GET
def referral_slip(request: HttpRequest, code: str) -> HttpResponse:
    """The printable slip for the client: where to go, when, the code. No personal data."""
    referral = access.referral_get_for_user(user=request.user, code=code)
    service = referral.service
    context: dict[str, Any] = {
        "referral": referral,
        "service": service,
        "generated_at": timezone.now(),
    }
    if service is not None:
        now = timezone.now()
        hours = opening_hours.hours_from_service(service)
        context.update(
            {
                "organization": referral.organization,
                "text": service.in_language(),
                # As a visitor sees them: a slip can be lost, so hidden (DV) addresses stay hidden.
                "places": service_places(service=service, user=None),
                "phones": [p for p in service.phones.all() if p.type != "fax"],
                "hours_lines": opening_hours.describe(hours, as_of=timezone.localdate(now)),
                "next_opening": opening_hours.next_opening(hours, now) if hours.schedules else None,
                "documents": list(service.required_documents.all()),
            }
        )
    return render(request, "referrals/slip.html", context)
