"""An agency's shared lists of favourite services: reads and writes in one small module.

Like the saved searches (``search.saved``) but shared: a list belongs to an agency, and every
worker of that agency may read and change it. Each function takes the acting user and scopes
the lists to that user's agencies, so another agency's list is simply not found. Lists name
services only, never a client, so nothing here goes through the access log.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, QuerySet

from directory.models import ServicePage
from directory.selectors import HandoutItem, handout_items
from referrals import access
from referrals.models import Agency, FavouriteItem, FavouriteList

MAX_LISTS_PER_AGENCY = 50
MAX_SERVICES_PER_LIST = 100
NAME_MAX_LENGTH = 100


def agencies_for(*, user: Any) -> QuerySet[Agency]:
    return Agency.objects.filter(pk__in=access.agency_ids_for(user))


def lists_for(*, user: Any) -> QuerySet[FavouriteList]:
    """The lists of every agency the user works for, with how many services each holds."""
    return (
        FavouriteList.objects.filter(agency_id__in=access.agency_ids_for(user))
        .select_related("agency")
        .annotate(service_count=Count("items"))
        .order_by("agency__name", "name", "pk")
    )


def list_for(*, user: Any, list_id: int | None) -> FavouriteList | None:
    if list_id is None:
        return None
    return lists_for(user=user).filter(pk=list_id).first()


def list_create(*, user: Any, name: str, agency_id: int | None = None) -> FavouriteList | None:
    """A new list for one of the user's agencies (the first by name unless one is chosen).

    ``None`` when the name is empty, the user works for no such agency, or the agency already
    has ``MAX_LISTS_PER_AGENCY`` lists.
    """
    name = name.strip()[:NAME_MAX_LENGTH]
    agencies = agencies_for(user=user)
    if agency_id is not None:
        agencies = agencies.filter(pk=agency_id)
    agency = agencies.order_by("name", "pk").first()
    if not name or agency is None:
        return None
    if FavouriteList.objects.filter(agency=agency).count() >= MAX_LISTS_PER_AGENCY:
        return None
    return FavouriteList.objects.create(agency=agency, name=name, created_by=user)


def list_rename(*, user: Any, list_id: int, name: str) -> FavouriteList | None:
    """Give one of the user's lists a new name; ``None`` when the name is empty or the list is
    not one of the user's agencies' (any worker of the agency may rename, as they may edit)."""
    name = name.strip()[:NAME_MAX_LENGTH]
    favourite_list = list_for(user=user, list_id=list_id)
    if not name or favourite_list is None:
        return None
    favourite_list.name = name
    favourite_list.save(update_fields=["name"])
    return favourite_list


def list_delete(*, user: Any, list_id: int) -> bool:
    favourite_list = list_for(user=user, list_id=list_id)
    if favourite_list is None:
        return False
    favourite_list.delete()
    return True


def service_add(*, user: Any, list_id: int | None, service: ServicePage) -> bool:
    """Put the service on the list; True when it is on it afterwards (already there counts)."""
    favourite_list = list_for(user=user, list_id=list_id)
    if favourite_list is None:
        return False
    items = FavouriteItem.objects.filter(favourite_list=favourite_list)
    if items.filter(service=service).exists():
        return True
    if items.count() >= MAX_SERVICES_PER_LIST:
        return False
    try:
        with transaction.atomic():
            FavouriteItem.objects.create(favourite_list=favourite_list, service=service)
    except IntegrityError:  # a colleague added it at the same moment
        pass
    return True


def service_remove(*, user: Any, list_id: int | None, service: ServicePage) -> bool:
    favourite_list = list_for(user=user, list_id=list_id)
    if favourite_list is None:
        return False
    deleted, _rows = FavouriteItem.objects.filter(
        favourite_list=favourite_list, service=service
    ).delete()
    return bool(deleted)


def list_services(*, favourite_list: FavouriteList) -> list[HandoutItem]:
    """The list's published services in the order they were added, with availability and hours
    (the hand-out's reading of a service, so both show the same facts)."""
    ids = list(
        favourite_list.items.order_by("added_at", "pk").values_list("service__hsds_id", flat=True)
    )
    return handout_items(hsds_ids=ids)


def lists_holding(*, user: Any) -> dict[int, set[str]]:
    """For each of the user's lists, the HSDS ids (as text) of the services on it.

    One query for a whole page of search results: the cards mark which lists hold them.
    """
    holding: dict[int, set[str]] = {
        pk: set() for pk in lists_for(user=user).values_list("pk", flat=True)
    }
    rows = FavouriteItem.objects.filter(favourite_list_id__in=list(holding)).values_list(
        "favourite_list_id", "service__hsds_id"
    )
    for list_id, hsds_id in rows:
        holding[list_id].add(str(hsds_id))
    return holding
