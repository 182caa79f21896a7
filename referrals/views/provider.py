"""The provider's screens: the inbox, and the signed link for providers without an account."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from referrals import access, selectors
from referrals.business_days import overdue_sent_before
from referrals.filters import INBOX_TABS, InboxFilter, filtered
from referrals.forms import action_choices
from referrals.links import (
    ProviderLinkExpired,
    ProviderLinkInvalid,
    ProviderLinkRevoked,
    provider_link_resolve,
)
from referrals.state import Side, actions_from
from referrals.views.common import LIST_PAGE_SIZE, is_provider
from referrals.views.referral import act_from_post


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    """The provider's inbox: new, in progress and overdue referrals to their organizations."""
    if not is_provider(request.user):
        raise Http404
    boxes = selectors.inbox_for(user=request.user)
    filterset = InboxFilter(request.GET or None, inbox=boxes)
    tabs = [(name, label, getattr(boxes, name)) for name, label in INBOX_TABS]
    tab, current = filterset.chosen_tab, filtered(filterset)
    page = Paginator(current, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        (referral, [action_choices(a) for a in actions_from(referral.status, {Side.PROVIDER})])
        for referral in page.object_list
    ]
    access.inbox_needs_read(
        user=request.user, referrals=[referral for referral, _ in rows], purpose="provider.inbox"
    )
    return render(
        request,
        "referrals/inbox.html",
        {
            "tabs": [(name, label, qs.count()) for name, label, qs in tabs],
            "tab": tab,
            "page_obj": page,
            "rows": rows,
            "overdue_before": overdue_sent_before(),
        },
    )


# ---------------------------------------------------------------------------------------------
# A provider without an account: the signed link


@require_http_methods(["GET", "HEAD", "POST"])
def provider_link(request: HttpRequest, token: str) -> HttpResponse:
    try:
        grant = provider_link_resolve(token=token)
    except (ProviderLinkExpired, ProviderLinkRevoked) as error:
        return render(request, "referrals/link_invalid.html", {"message": str(error)}, status=410)
    except ProviderLinkInvalid as error:
        return render(request, "referrals/link_invalid.html", {"message": str(error)}, status=400)
    referral = grant.referral
    if request.method == "POST":
        act_from_post(request, referral=referral, by=grant)
        return redirect("referrals:provider_link", token=token)
    view = access.client_view_for(user=grant, referral=referral, purpose="provider.link")
    actions = [
        action_choices(action)
        for action in actions_from(referral.status)
        if access.can(grant, action, referral)
    ]
    return render(
        request,
        "referrals/provider_link.html",
        {"referral": referral, "client_view": view, "actions": actions},
    )
