"""Duplicate listings: detection when a service or organization is created, edited or imported,
and the coordinator's merge.

Two listings look like duplicates when they share a phone number, share a normalised address,
or have close names (``difflib`` ratio ≥ ``DUPLICATE_NAME_RATIO``, 0.85, after
``search.text.normalize``) in the same municipality (全国地方公共団体コード). Services of the *same*
organization normally share its phone and office, so between them only the name counts.

Detection reads in-memory cluster relations (phones, locations not yet saved), so the editor
hook can check the form's data before anything is published.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Replace
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from directory.models import (
    Address,
    Location,
    OrganizationPage,
    OrganizationPhone,
    ServiceMerge,
    ServicePage,
    ServicePhone,
)
from directory.validators import normalize_phone_number, normalize_postal_code
from referrals.services import referrals_service_reassign
from search.text import normalize

REASON_PHONE = _("電話番号が同じ")
REASON_ADDRESS = _("住所が同じ")
REASON_NAME = _("名前が似ていて、同じ市区町村")

_DASHES = re.compile(r"[\-‐‑‒–—―−ー－ｰ]")
_BLOCK_WORDS = re.compile(r"(丁目|番地|番|号)")


def name_ratio_threshold() -> float:
    return float(getattr(settings, "DUPLICATE_NAME_RATIO", 0.85))


# --- normalisers ------------------------------------------------------------------------------


def phone_key(number: str) -> str | None:
    try:
        text = normalize_phone_number(number)
    except ValidationError:
        return None
    return re.sub(r"\D", "", text)


def address_text_key(text: str) -> str:
    """「東池袋１丁目２番３号」 and 「東池袋1-2-3」 give the same key."""
    text = unicodedata.normalize("NFKC", text or "")
    text = re.sub(r"\s+", "", text)
    text = _BLOCK_WORDS.sub("-", text)
    text = _DASHES.sub("-", text)
    return re.sub(r"-+", "-", text).strip("-")


def address_key(address: Address) -> str | None:
    if not address.address_1:
        return None
    try:
        postal = normalize_postal_code(address.postal_code)
    except ValidationError:
        postal = ""
    place = address_text_key(f"{address.state_province}{address.city}{address.address_1}")
    return f"{postal}|{place}"


def name_key(name: str) -> str:
    return normalize(name).replace(" ", "")


def names_close(a: str, b: str) -> bool:
    if not a or not b:
        return False
    matcher = difflib.SequenceMatcher(None, a, b)
    threshold = name_ratio_threshold()
    return matcher.quick_ratio() >= threshold and matcher.ratio() >= threshold


# --- fingerprints -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Fingerprint:
    page_id: int | None
    organization_id: int | None
    name: str
    phones: frozenset[str]
    addresses: frozenset[str]
    municipalities: frozenset[str]


@dataclass
class DuplicateMatch:
    page: Page
    reasons: list[str] = field(default_factory=list)


def _location_keys(locations: Iterable[Location]) -> tuple[set[str], set[str]]:
    addresses, municipalities = set(), set()
    for location in locations:
        if location.municipality_code:
            municipalities.add(location.municipality_code)
        for address in location.addresses.all():
            key = address_key(address)
            if key:
                addresses.add(key)
    return addresses, municipalities


def service_fingerprint(service: ServicePage, *, organization_id: int | None = None) -> Fingerprint:
    """From the page as the editor holds it (unsaved inline rows included)."""
    if organization_id is None and service.pk:
        parent = service.get_parent()
        organization_id = parent.pk if parent else None
    locations = [link.location for link in service.service_at_locations.all() if link.location_id]
    addresses, municipalities = _location_keys(locations)
    municipalities |= {area.municipality_code for area in service.service_areas.all()}
    return Fingerprint(
        page_id=service.pk,
        organization_id=organization_id,
        name=name_key(service.title),
        phones=frozenset(filter(None, (phone_key(p.number) for p in service.phones.all()))),
        addresses=frozenset(addresses),
        municipalities=frozenset(m for m in municipalities if m),
    )


def organization_fingerprint(organization: OrganizationPage) -> Fingerprint:
    locations = (
        Location.objects.filter(organization=organization).prefetch_related("addresses")
        if organization.pk
        else []
    )
    addresses, municipalities = _location_keys(locations)
    if organization.pk:
        municipalities |= set(
            Location.objects.filter(
                service_at_locations__service__in=ServicePage.objects.child_of(organization)
            ).values_list("municipality_code", flat=True)
        )
    return Fingerprint(
        page_id=organization.pk,
        organization_id=organization.pk,
        name=name_key(organization.title),
        phones=frozenset(filter(None, (phone_key(p.number) for p in organization.phones.all()))),
        addresses=frozenset(addresses),
        municipalities=frozenset(m for m in municipalities if m),
    )


def _reasons(a: Fingerprint, b: Fingerprint, *, same_owner: bool) -> list[str]:
    reasons = []
    if not same_owner and a.phones & b.phones:
        reasons.append(str(REASON_PHONE))
    if not same_owner and a.addresses & b.addresses:
        reasons.append(str(REASON_ADDRESS))
    if a.municipalities & b.municipalities and names_close(a.name, b.name):
        reasons.append(str(REASON_NAME))
    return reasons


def _digits(field_name: str):
    expression = F(field_name)
    for char in ("-", "(", ")"):
        expression = Replace(expression, Value(char), Value(""))
    return expression


# --- detection for one page (editor hook, importer) --------------------------------------------


def _service_candidates(fingerprint: Fingerprint) -> Iterable[ServicePage]:
    condition = Q()
    if fingerprint.phones:
        ids = (
            ServicePhone.objects.annotate(digits=_digits("number"))
            .filter(digits__in=fingerprint.phones)
            .values("page_id")
        )
        condition |= Q(pk__in=ids)
    if fingerprint.addresses:
        postals = {key.split("|", 1)[0] for key in fingerprint.addresses}
        condition |= Q(service_at_locations__location__addresses__postal_code__in=postals)
    if fingerprint.municipalities:
        condition |= Q(
            service_at_locations__location__municipality_code__in=fingerprint.municipalities
        )
        condition |= Q(service_areas__municipality_code__in=fingerprint.municipalities)
    if not condition:
        return []
    queryset = ServicePage.objects.filter(condition).distinct()
    if fingerprint.page_id:
        queryset = queryset.exclude(pk=fingerprint.page_id)
    return queryset.prefetch_related(
        "phones", "service_areas", "service_at_locations__location__addresses"
    )


def duplicates_for_service(*, service: ServicePage) -> list[DuplicateMatch]:
    fingerprint = service_fingerprint(service)
    matches = []
    for other in _service_candidates(fingerprint):
        other_fp = service_fingerprint(other)
        same_owner = other_fp.organization_id == fingerprint.organization_id
        reasons = _reasons(fingerprint, other_fp, same_owner=same_owner)
        if reasons:
            matches.append(DuplicateMatch(page=other, reasons=reasons))
    return sorted(matches, key=lambda m: (-len(m.reasons), m.page.title))


def duplicates_for_organization(*, organization: OrganizationPage) -> list[DuplicateMatch]:
    fingerprint = organization_fingerprint(organization)
    condition = Q()
    if fingerprint.phones:
        ids = (
            OrganizationPhone.objects.annotate(digits=_digits("number"))
            .filter(digits__in=fingerprint.phones)
            .values("page_id")
        )
        condition |= Q(pk__in=ids)
    if fingerprint.addresses or fingerprint.municipalities:
        postals = {key.split("|", 1)[0] for key in fingerprint.addresses}
        condition |= Q(locations__addresses__postal_code__in=postals)
        condition |= Q(locations__municipality_code__in=fingerprint.municipalities)
    if not condition:
        return []
    candidates = OrganizationPage.objects.filter(condition).distinct().prefetch_related("phones")
    if organization.pk:
        candidates = candidates.exclude(pk=organization.pk)
    matches = []
    for other in candidates:
        reasons = _reasons(fingerprint, organization_fingerprint(other), same_owner=False)
        if reasons:
            matches.append(DuplicateMatch(page=other, reasons=reasons))
    return sorted(matches, key=lambda m: (-len(m.reasons), m.page.title))


def duplicates_for_page(*, page: Page) -> list[DuplicateMatch]:
    specific = page.specific if type(page) is Page else page
    if isinstance(specific, ServicePage):
        return duplicates_for_service(service=specific)
    if isinstance(specific, OrganizationPage):
        return duplicates_for_organization(organization=specific)
    return []


# --- the coordinator's list of candidate pairs ----------------------------------------------


@dataclass(frozen=True)
class DuplicatePair:
    first: ServicePage
    second: ServicePage
    reasons: tuple[str, ...]


def duplicate_service_pairs() -> list[DuplicatePair]:
    """Every pair of live services that looks duplicated, most reasons first.

    Blocks by phone, address and municipality so only plausible pairs are compared; the name
    comparison inside one municipality is quadratic in its size (fine for a ward's hundreds).
    """
    services = list(
        ServicePage.objects.live()
        .prefetch_related("phones", "service_areas", "service_at_locations__location__addresses")
        .order_by("path")
    )
    organization_by_path = dict(OrganizationPage.objects.values_list("path", "pk"))
    fingerprints = {
        service.pk: service_fingerprint(
            service, organization_id=organization_by_path.get(service.path[: -Page.steplen])
        )
        for service in services
    }
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for pk, fp in fingerprints.items():
        for phone in fp.phones:
            blocks[("phone", phone)].append(pk)
        for address in fp.addresses:
            blocks[("address", address)].append(pk)
        for municipality in fp.municipalities:
            blocks[("municipality", municipality)].append(pk)
    seen: dict[tuple[int, int], list[str]] = {}
    for members in blocks.values():
        for a, b in combinations(sorted(set(members)), 2):
            if (a, b) in seen:
                continue
            fa, fb = fingerprints[a], fingerprints[b]
            same_owner = fa.organization_id == fb.organization_id
            seen[(a, b)] = _reasons(fa, fb, same_owner=same_owner)
    by_pk = {s.pk: s for s in services}
    pairs = [
        DuplicatePair(first=by_pk[a], second=by_pk[b], reasons=tuple(reasons))
        for (a, b), reasons in seen.items()
        if reasons
    ]
    return sorted(pairs, key=lambda p: (-len(p.reasons), p.first.title, p.second.title))


# --- merge ------------------------------------------------------------------------------------


class MergeError(Exception):
    """``str(error)`` is for the coordinator."""


@transaction.atomic
def services_merge(*, keep: ServicePage, duplicate: ServicePage, by: Any) -> ServiceMerge:
    """Fold ``duplicate`` into ``keep``: referrals move, the old addresses redirect, it goes offline.

    The referrals move through ``referrals.services.referrals_service_reassign`` (the directory
    never writes referral rows itself; that service says what moves and what does not).
    """
    if keep.pk == duplicate.pk:
        raise MergeError(str(_("同じサービスどうしは統合できません")))
    if not keep.live:
        raise MergeError(str(_("残すサービスが公開されていません")))
    moved = referrals_service_reassign(from_service=duplicate, to_service=keep, by=by)
    old_paths = [f"/services/{duplicate.hsds_id}/"]
    url_parts = duplicate.get_url_parts()
    if url_parts is not None and url_parts[2]:
        old_paths.append(url_parts[2])
    for old_path in old_paths:
        Redirect.objects.filter(old_path=Redirect.normalise_path(old_path), site=None).delete()
        Redirect.add_redirect(old_path=old_path, redirect_to=keep, is_permanent=True)
    if duplicate.live:
        duplicate.unpublish(user=by, log_action=True)
    return ServiceMerge.objects.create(
        keep=keep,
        duplicate=duplicate,
        duplicate_title=duplicate.title,
        referrals_moved=moved,
        by=by,
        at=timezone.now(),
    )
