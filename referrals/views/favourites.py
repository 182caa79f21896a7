"""The agency's lists of favourite services: make, open, rename, delete, and put services on them.

Only support workers use them; a list of another agency is a 404, like any referral of
another agency. Services are named by HSDS id in forms, as on the refer form.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from directory.models import ServicePage
from directory.selectors import service_by_hsds_id
from referrals import favourites
from referrals.models import FavouriteList
from referrals.views.common import back, int_or_none, is_worker


def _worker_list(request: HttpRequest, list_id: int) -> FavouriteList:
    if not is_worker(request.user):
        raise Http404
    favourite_list = favourites.list_for(user=request.user, list_id=list_id)
    if favourite_list is None:
        raise Http404
    return favourite_list


def _posted_service(request: HttpRequest) -> ServicePage | None:
    try:
        hsds_id = UUID(request.POST.get("hsds_id", ""))
    except ValueError:
        return None
    return service_by_hsds_id(hsds_id=hsds_id)


@login_required
@require_GET
def favourite_list_detail(request: HttpRequest, list_id: int) -> HttpResponse:
    favourite_list = _worker_list(request, list_id)
    items = favourites.list_services(favourite_list=favourite_list)
    context = {
        "favourite_list": favourite_list,
        "items": items,
        "service_ids": [str(item.service.hsds_id) for item in items],
    }
    return render(request, "referrals/favourite_list.html", context)


@login_required
@require_POST
def favourite_list_create(request: HttpRequest) -> HttpResponse:
    """A new list, and the service it was made for when there is one."""
    if not is_worker(request.user):
        raise Http404
    created = favourites.list_create(
        user=request.user,
        name=request.POST.get("name", ""),
        agency_id=int_or_none(request.POST.get("agency")),
    )
    if created is None:
        messages.error(request, _("リストを作れませんでした。名前を入れてください。"))
        return back(request, default=reverse("my"))
    service = _posted_service(request)
    if service is not None:
        favourites.service_add(user=request.user, list_id=created.pk, service=service)
    messages.success(request, _("リスト「%(name)s」を作りました。") % {"name": created.name})
    return back(request, default=reverse("referrals:favourite_list", args=[created.pk]))


@login_required
@require_POST
def favourite_list_rename(request: HttpRequest, list_id: int) -> HttpResponse:
    favourite_list = _worker_list(request, list_id)
    renamed = favourites.list_rename(
        user=request.user, list_id=favourite_list.pk, name=request.POST.get("name", "")
    )
    if renamed is None:
        messages.error(request, _("名前を変えられませんでした。名前を入れてください。"))
    else:
        messages.success(
            request, _("リストの名前を「%(name)s」に変えました。") % {"name": renamed.name}
        )
    return redirect("referrals:favourite_list", list_id=favourite_list.pk)


@login_required
@require_http_methods(["GET", "POST"])
def favourite_list_delete(request: HttpRequest, list_id: int) -> HttpResponse:
    """GET asks for a confirmation (the list is shared by the whole agency); POST deletes."""
    favourite_list = _worker_list(request, list_id)
    if request.method == "GET":
        context = {
            "favourite_list": favourite_list,
            "service_count": favourite_list.items.count(),
        }
        return render(request, "referrals/favourite_list_delete.html", context)
    favourites.list_delete(user=request.user, list_id=favourite_list.pk)
    messages.success(
        request, _("リスト「%(name)s」を削除しました。") % {"name": favourite_list.name}
    )
    return redirect("my")


@login_required
@require_POST
def favourite_service(request: HttpRequest) -> HttpResponse:
    """Put a service on a list (``list``) or take it off one (``remove``), then go back."""
    if not is_worker(request.user):
        raise Http404
    service = _posted_service(request)
    if service is None:
        raise Http404
    remove_id = int_or_none(request.POST.get("remove"))
    if remove_id is not None:
        done = favourites.service_remove(user=request.user, list_id=remove_id, service=service)
        text = _("リストから外しました。") if done else _("リストから外せませんでした。")
    else:
        done = favourites.service_add(
            user=request.user, list_id=int_or_none(request.POST.get("list")), service=service
        )
        text = _("リストに入れました。") if done else _("リストに入れられませんでした。")
    (messages.success if done else messages.error)(request, text)
    return back(request, default=reverse("my"))
