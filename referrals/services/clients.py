"""Clients and the basis for sharing their data: 本人同意 (consent) or a 支援会議 (法第9条)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import OrganizationPage
from referrals.access import Account, Actor, User, account_of
from referrals.choices import ClientField, ConsentBasis, ConsentMethod
from referrals.models import Agency, AgencyMembership, Client, Consent, SupportConference
from referrals.state import NotAllowed


def _require_agency_member(*, user: Actor, agency: Agency) -> Account:
    """The signed-in, active worker of ``agency`` that ``user`` is; else ``NotAllowed``."""
    account = account_of(user)
    if account is None or not AgencyMembership.objects.filter(user=account, agency=agency).exists():
        raise NotAllowed()
    return account


def client_create(
    *,
    agency: Agency,
    by: User,
    name: str,
    name_reading: str = "",
    phone: str = "",
    email: str = "",
    date_of_birth: date | None = None,
    municipality_code: str = "",
    household_type: str = "",
    languages: Iterable[str] = (),
    needs_summary: str = "",
) -> Client:
    author = _require_agency_member(user=by, agency=agency)
    client = Client(
        agency=agency,
        name=name,
        name_reading=name_reading,
        phone=phone,
        email=email,
        date_of_birth=date_of_birth,
        municipality_code=municipality_code,
        household_type=household_type,
        languages=list(languages),
        needs_summary=needs_summary,
        created_by=author,
    )
    client.full_clean()
    client.save()
    return client


def support_conference_record(
    *,
    agency: Agency,
    by: User,
    name: str,
    members: Iterable[OrganizationPage],
    established_on: date,
    municipality_code: str = "",
) -> SupportConference:
    _require_agency_member(user=by, agency=agency)
    with transaction.atomic():
        conference = SupportConference.objects.create(
            agency=agency,
            name=name,
            established_on=established_on,
            municipality_code=municipality_code or agency.municipality_code,
        )
        conference.members.set(list(members))
    return conference


def consent_record(
    *,
    client: Client,
    by: User,
    basis: str,
    scope: Iterable[str],
    method: str = "",
    given_at: datetime | None = None,
    organizations: Iterable[OrganizationPage] = (),
    conference: SupportConference | None = None,
    expires_at: datetime | None = None,
) -> Consent:
    """Record 本人同意 (how, when, which fields, which organizations) or a 支援会議 basis."""
    author = _require_agency_member(user=by, agency=client.agency)
    scope = list(dict.fromkeys(scope))
    errors: dict[str, Any] = {}
    unknown = [f for f in scope if f not in ClientField.values]
    if unknown:
        errors["scope"] = _("共有する項目が正しくありません。")
    elif not scope:
        errors["scope"] = _("共有する項目を一つ以上選んでください。")
    organizations = list(organizations)
    if basis == ConsentBasis.CONSENT:
        if method not in ConsentMethod.values:
            errors["method"] = _("同意の方法を選んでください。")
        if not organizations:
            errors["organizations"] = _("共有先の機関を選んでください。")
        if conference is not None:
            errors["conference"] = _("本人同意では支援会議を選べません。")
    elif basis == ConsentBasis.SUPPORT_CONFERENCE:
        if conference is None:
            errors["conference"] = _("支援会議を選んでください。")
        elif organizations:
            errors["organizations"] = _("支援会議では共有先は構成員で決まります。")
    else:
        errors["basis"] = _("根拠を選んでください。")
    now = timezone.now()
    if expires_at is not None and expires_at <= (given_at or now):
        errors["expires_at"] = _("有効期限は同意の日時より後にしてください。")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        consent = Consent.objects.create(
            client=client,
            basis=basis,
            method=method if basis == ConsentBasis.CONSENT else "",
            given_at=given_at or now,
            recorded_by=author,
            scope=scope,
            conference=conference,
            expires_at=expires_at,
        )
        if organizations:
            consent.organizations.set(organizations)
    return consent


def consent_withdraw(*, consent: Consent, by: User, at: datetime | None = None) -> Consent:
    """Withdrawal takes effect at once: ``referrals.access`` checks it on every read."""
    author = _require_agency_member(user=by, agency=consent.client.agency)
    with transaction.atomic():
        locked = Consent.objects.select_for_update().get(pk=consent.pk)
        if locked.withdrawn_at is None:
            locked.withdrawn_at = at or timezone.now()
            locked.withdrawn_by = author
            locked.save(update_fields=["withdrawn_at", "withdrawn_by"])
    consent.withdrawn_at, consent.withdrawn_by_id = locked.withdrawn_at, locked.withdrawn_by_id
    return locked
