"""In-app notifications: the list and marking them read."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from referrals import selectors, services
from referrals.choices import NotificationKind
from referrals.views.common import back

# ---------------------------------------------------------------------------------------------
# Notifications


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    notifications = selectors.notifications_for(user=request.user)
    page = Paginator(notifications, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "referrals/notifications.html",
        {
            "page_obj": page,
            "kinds": dict(NotificationKind.choices),
            "unread": selectors.notifications_for(user=request.user, unread_only=True).count(),
        },
    )


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = selectors.notifications_for(user=request.user).filter(pk=pk).first()
    if notification is None:
        raise Http404
    services.notification_mark_read(notification=notification, by=request.user)
    return back(request, default=reverse("referrals:notifications"))


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    for notification in selectors.notifications_for(user=request.user, unread_only=True):
        services.notification_mark_read(notification=notification, by=request.user)
    messages.success(request, _("すべて既読にしました。"))
    return redirect("referrals:notifications")
