"""Reads for the public directory pages; one place that knows what the public may see."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote
from uuid import UUID

from django.contrib.auth.models import AnonymousUser, User
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import (
    Count,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone

from directory import hours as opening_hours
from directory.choices import (
    AccessibilityFeature,
    DeliveryMode,
    Language,
    TargetGroup,
)
from directory.fields import choice_labels
from directory.models import (
    DirectoryIndexPage,
    Location,
    OrganizationPage,
    ServiceAtLocation,
    ServicePage,
    TaxonomyTerm,
)
from directory.models.pages import ServiceText
from directory.models.translated import field_in_language
from referrals import access as referral_access


def live_services() -> QuerySet[ServicePage]:
    return ServicePage.objects.live().public()


def category_terms_with_counts() -> QuerySet[TaxonomyTerm]:
    """Top-level categories with the number of published services in each."""
    live_ids = live_services().values("pk")
    return (
        TaxonomyTerm.objects.filter(parent__isnull=True)
        .annotate(service_count=Count("services", filter=Q(services__in=live_ids), distinct=True))
        .order_by("sort_order", "name")
    )


def directory_home_context() -> dict:
    return {
        "categories": category_terms_with_counts(),
        "service_count": live_services().count(),
        "organization_count": OrganizationPage.objects.live().public().count(),
    }


# 50音順: by reading (よみがな) where there is one, else by name (kana sort before kanji).
READING_ORDER = (Coalesce(NullIf(F("name_kana"), Value("")), F("title")), "title", "pk")


def organization_services(*, organization: OrganizationPage) -> QuerySet[ServicePage]:
    return (
        ServicePage.objects.child_of(organization)
        .live()
        .public()
        .prefetch_related("categories")
        .order_by("path")
    )


def category_services(*, term: TaxonomyTerm, page_number: int | str = 1) -> PaginatorPage:
    services = (
        live_services()
        .filter(Q(categories=term) | Q(categories__parent=term))
        .distinct()
        .prefetch_related("categories")
        .order_by(*READING_ORDER)
    )
    return Paginator(services, 30).get_page(page_number)


def service_by_hsds_id(*, hsds_id) -> ServicePage | None:
    return live_services().filter(hsds_id=hsds_id).first()


@dataclass(frozen=True)
class PlaceView:
    """A location as the current visitor may see it (DV shelters hide their address)."""

    location: Location
    address_text: str
    address_hidden: bool
    map_url: str
    directions_url: str
    phones: list
    accessibility_labels: list[str]
    note: str

    @property
    def has_coordinates(self) -> bool:
        return self.location.has_coordinates and not self.address_hidden


def can_see_hidden_address(*, user: User | AnonymousUser | None, location: Location) -> bool:
    """Who may read a hidden (DV shelter) address: the staff who must send someone there.

    That is staff of a referring agency (自立相談支援機関・福祉事務所) and staff of the provider that
    runs the location. A signed-in account alone is not enough: provider staff of other
    organisations and accounts without a role never see it. Hand-outs and slips pass no user,
    since paper leaves the office.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if referral_access.agency_ids_for(user).exists():
        return True
    return bool(
        location.organization_id
        and referral_access.organization_ids_for(user)
        .filter(organization_id=location.organization_id)
        .exists()
    )


def place_view(*, location: Location, note: str, user) -> PlaceView:
    hidden = location.hide_address and not can_see_hidden_address(user=user, location=location)
    address = location.physical_address
    address_text = "" if hidden or address is None else address.one_line
    map_url = directions_url = ""
    if not hidden and location.has_coordinates:
        lat, lng = location.latitude, location.longitude
        map_url = f"https://www.openstreetmap.org/?mlat={lat:.6f}&mlon={lng:.6f}#map=17/{lat:.6f}/{lng:.6f}"
        # OSM's router with an empty start: the visitor's phone fills in where they are.
        directions_url = "https://www.openstreetmap.org/directions?route=" + quote(
            f";{lat:.6f},{lng:.6f}"
        )
    return PlaceView(
        location=location,
        address_text=address_text,
        address_hidden=hidden,
        map_url=map_url,
        directions_url=directions_url,
        phones=list(location.phones.all()),
        accessibility_labels=choice_labels(AccessibilityFeature, location.accessibility_features),
        note=note,
    )


def service_places(*, service: ServicePage, user) -> list[PlaceView]:
    links = ServiceAtLocation.objects.filter(service=service).select_related("location")
    links = links.prefetch_related("location__addresses", "location__phones")
    return [place_view(location=link.location, note=link.description, user=user) for link in links]


def service_page_context(*, service: ServicePage, user, at: datetime | None = None) -> dict:
    at = at or timezone.now()
    # Read once here: the hours, the closure list and the template each ask for these.
    prefetch_related_objects([service], "schedules", "closures", "phones")
    hours = opening_hours.hours_from_service(service)
    today = timezone.localdate(at)
    certifications = list(service.certifications.all())
    period = opening_hours.current_period(hours, at)
    return {
        "organization": service.get_parent().specific,
        "text": service.in_language(),
        "eligibility_text": service.field_in_language("eligibility_description"),
        "application_text": service.field_in_language("application_process"),
        "fees_text": service.field_in_language("fees_description"),
        "documents": [d.in_language() for d in service.required_documents.all()],
        "today": today,
        "places": service_places(service=service, user=user),
        "hours_lines": opening_hours.describe(hours, as_of=today),
        "has_hours": bool(hours.schedules),
        "is_open_now": period is not None,
        "open_until": open_until(hours, at),
        "next_opening": opening_hours.next_opening(hours, at) if hours.schedules else None,
        "target_group_labels": choice_labels(TargetGroup, service.target_groups),
        "delivery_mode_labels": choice_labels(DeliveryMode, service.delivery_modes),
        "language_labels": choice_labels(Language, service.languages),
        "certifications": [(c, c.is_expired(today)) for c in certifications],
        "upcoming_closures": [c for c in service.closures.all() if c.end_date >= today],
    }


def open_until(hours: opening_hours.WeeklyHours, at: datetime) -> datetime | None:
    """When the current opening ends, following periods that join on (24時間 every day).

    None when closed, or when open for the whole week ahead (nothing useful to say).
    """
    period = opening_hours.current_period(hours, at)
    if period is None:
        return None
    end = period[1]
    for _day in range(7):
        following = opening_hours.current_period(hours, end)
        if following is None:
            return end
        end = following[1]
    return None


# --- in the visitor's language -----------------------------------------------------------------


def service_texts(
    *, hsds_ids: Iterable[UUID], language: str | None = None
) -> dict[UUID, ServiceText]:
    """Name and description of each published service in ``language``, by HSDS id (one query).

    Search hits carry the indexed Japanese name; the result list asks here for the visitor's.
    """
    services = live_services().filter(hsds_id__in=list(hsds_ids))
    services = services.only(
        "hsds_id",
        "title",
        "description",
        "name_en",
        "description_en",
        "name_easy",
        "description_easy",
        "capacity_note",
        "capacity_note_en",
        "capacity_note_easy",
    )
    return {s.hsds_id: s.in_language(language) for s in services}


def location_names(*, hsds_ids: Iterable[UUID]) -> dict[str, str]:
    """Japanese place name → the name in the active language, for these services' places.

    Search hits carry the indexed Japanese place name (the nearest one); cards and map popups
    show it in the visitor's language through this map (one query).
    """
    locations = Location.objects.filter(
        service_at_locations__service__hsds_id__in=list(hsds_ids)
    ).only("name", "name_en", "name_easy")
    return {loc.name: field_in_language(loc, "name") for loc in locations}


# --- the worker's hand-out ---------------------------------------------------------------------


@dataclass(frozen=True)
class HandoutItem:
    """One place on a hand-out, read in the language active when it was built."""

    number: int
    service: ServicePage
    text: ServiceText
    organization: OrganizationPage | None
    places: list[PlaceView]
    phones: list
    documents: list[str]
    hours_lines: list[str]
    has_hours: bool
    is_open_now: bool
    open_until: datetime | None
    next_opening: datetime | None
    language_labels: list[str]


def handout_items(*, hsds_ids: list[UUID], at: datetime | None = None) -> list[HandoutItem]:
    """The published services among ``hsds_ids``, in that order; unknown ids are left out.

    A hand-out goes to the client on paper or by link, so it shows places as the public sees
    them: a hidden (DV shelter) address is never printed, whoever builds the hand-out.
    """
    at = at or timezone.now()
    today = timezone.localdate(at)
    services = {
        s.hsds_id: s
        for s in live_services()
        .filter(hsds_id__in=hsds_ids)
        .prefetch_related("schedules", "closures", "phones", "required_documents")
    }
    parent_paths = {s.path[: -ServicePage.steplen] for s in services.values()}
    organizations = {o.path: o for o in OrganizationPage.objects.filter(path__in=parent_paths)}
    items: list[HandoutItem] = []
    for hsds_id in hsds_ids:
        service = services.get(hsds_id)
        if service is None:
            continue
        hours = opening_hours.hours_from_service(service)
        period = opening_hours.current_period(hours, at)
        items.append(
            HandoutItem(
                number=len(items) + 1,
                service=service,
                text=service.in_language(),
                organization=organizations.get(service.path[: -ServicePage.steplen]),
                places=service_places(service=service, user=None),
                phones=[p for p in service.phones.all()],
                documents=[d.in_language() for d in service.required_documents.all()],
                hours_lines=opening_hours.describe(hours, as_of=today),
                has_hours=bool(hours.schedules),
                is_open_now=period is not None,
                open_until=open_until(hours, at),
                next_opening=opening_hours.next_opening(hours, at) if hours.schedules else None,
                language_labels=choice_labels(Language, service.languages),
            )
        )
    return items


def children_in_reading_order(*, parent: Any, pages: QuerySet) -> QuerySet:
    """The organisations of the directory, or the services of an organisation, in 50音順.

    By reading (よみがな) where there is one, else by name; other parents' pages unchanged.
    """
    child_model = {DirectoryIndexPage: OrganizationPage, OrganizationPage: ServicePage}.get(
        parent.specific_class
    )
    if child_model is None:
        return pages
    reading = child_model.objects.filter(pk=OuterRef("pk")).values("name_kana")[:1]
    return pages.annotate(
        reading=Coalesce(NullIf(Subquery(reading), Value("")), F("title"))
    ).order_by("reading", "title", "pk")
