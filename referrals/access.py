"""The one place that decides who may see and do what with a referral or a client.

Every view and API fetches through these helpers; anything not allowed is ``Http404`` (not 403:
a referral's existence is itself information). The rules (PRODUCT.md, "The referral and consent
rules"; issue 4):

* A support worker or agency lead sees their agency's clients and referrals, in full.
* Provider staff see referrals (not drafts) to their organization and, of the client, only the
  fields inside a valid basis: 本人同意 that names their organization and is neither expired nor
  withdrawn, or a 支援会議 their organization is a member of. Otherwise: the need and the code.
* A signed provider link (``referrals.links``) acts for the provider side of one referral and
  never shows personal data.
* Coordinators and administrators see statistics and the access log, never personal data; one
  scoped to a municipality reads only that municipality's access-log rows.

Every read of personal fields writes an ``AccessLog`` row (who, when, which client, why), and
so does every read of a referral's need through a provider link or the inbox excerpts. A
signed-in user's request for a referral or client they may not see writes a ``denied`` row with
nothing personal in it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as Account
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from referrals.choices import ClientField, ConsentBasis, PlatformRoleKind, Status
from referrals.links import ProviderLinkGrant
from referrals.models import (
    AccessLog,
    AgencyMembership,
    Client,
    PlatformRole,
    ProviderMembership,
    Referral,
)
from referrals.models.clients import CLIENT_FIELD_ATTRIBUTES
from referrals.state import InvalidTransition, Side, transition_for

# Whoever a request carries (``request.user``), and anyone who may act on a referral: a user or
# the bearer of a signed provider link. ``Account`` is the signed-in user model itself.
User = Account | AnonymousUser
Actor = User | ProviderLinkGrant

ALL_CLIENT_FIELDS: tuple[str, ...] = tuple(ClientField.values)
# The referral's free-text need (相談内容) is about the client too: its reads are logged as this.
NEED_FIELD = "need"
# The name a provider link's reads are logged under (the bearer has no account).
LINK_READER = "provider-link"


class Withheld:
    """Why a provider sees no personal data (codes for templates and tests)."""

    NO_BASIS = "no_basis"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"
    NOT_IN_SCOPE = "not_in_scope"
    NOT_MEMBER = "not_member"
    CONFERENCE_ENDED = "conference_ended"
    LINK = "link"
    ANONYMISED = "anonymised"

    MESSAGES: Mapping[str, Any] = {
        NO_BASIS: _("本人同意または支援会議の記録がないため、相談者の情報は表示されません。"),
        WITHDRAWN: _("本人が同意を撤回したため、相談者の情報は表示されません。"),
        EXPIRED: _("同意の有効期限が過ぎたため、相談者の情報は表示されません。"),
        NOT_IN_SCOPE: _("本人同意の共有先にこの機関が含まれていないため、表示されません。"),
        NOT_MEMBER: _("この機関は支援会議の構成員ではないため、相談者の情報は表示されません。"),
        CONFERENCE_ENDED: _("支援会議が終了したため、相談者の情報は表示されません。"),
        LINK: _("リンクからは相談者の情報を表示できません。ログインしてご覧ください。"),
        ANONYMISED: _("保存期間が過ぎたため、相談者の情報は削除されました。"),
    }


@dataclass(frozen=True)
class ClientView:
    """What one reader may see of a referral's client: the need and code always, then the
    personal fields inside the basis (keys are ``ClientField`` values)."""

    referral_code: str
    need: str
    fields: Mapping[str, Any] = field(default_factory=dict)
    basis: str = ""
    withheld: str = ""

    @property
    def withheld_message(self) -> str:
        return str(Withheld.MESSAGES[self.withheld]) if self.withheld else ""

    def __getitem__(self, name: str) -> Any:
        return self.fields[name]

    def get(self, name: str, default: Any = None) -> Any:
        return self.fields.get(name, default)


@dataclass(frozen=True)
class SharingBasis:
    fields: tuple[str, ...]
    basis: str
    withheld: str


# ---------------------------------------------------------------------------------------------
# Roles


def account_of(user: Actor | None) -> Account | None:
    """The signed-in, active account behind ``user``; None for anonymous, inactive or a link."""
    if isinstance(user, Account) and user.is_authenticated and user.is_active:
        return user
    return None


def _is_active_user(user: Actor | None) -> bool:
    return account_of(user) is not None


def agency_ids_for(user: User) -> QuerySet:
    member = user if isinstance(user, Account) else None  # anonymous: no memberships
    return AgencyMembership.objects.filter(user=member).values("agency_id")


def organization_ids_for(user: User) -> QuerySet:
    member = user if isinstance(user, Account) else None
    return ProviderMembership.objects.filter(user=member).values("organization_id")


def is_coordinator(user: User) -> bool:
    account = account_of(user)
    return account is not None and PlatformRole.objects.filter(user=account).exists()


def statistics_scope_for(user: User) -> str | None:
    """The municipality a coordinator's statistics cover ("" = all); Http404 for anyone else."""
    account = account_of(user)
    if account is None:
        raise Http404
    roles = PlatformRole.objects.filter(user=account)
    codes = set(roles.values_list("municipality_code", flat=True))
    if not codes:
        raise Http404
    return "" if "" in codes or len(codes) > 1 else codes.pop()


def _log_reader_roles(user: User) -> QuerySet[PlatformRole]:
    account = account_of(user)
    if account is None:
        return PlatformRole.objects.none()
    return PlatformRole.objects.filter(
        user=account, role__in=[PlatformRoleKind.COORDINATOR, PlatformRoleKind.ADMINISTRATOR]
    )


def can_read_access_log(user: User) -> bool:
    return _log_reader_roles(user).exists()


def access_logs_visible_to(user: User) -> QuerySet[AccessLog]:
    """The access-log rows ``user`` may read: a municipality-scoped coordinator reads the rows of
    their municipalities' agencies only (by the client's agency, or for a denied probe the
    referral's agency); a role with no municipality reads all; anyone else, none."""
    codes = set(_log_reader_roles(user).values_list("municipality_code", flat=True))
    if not codes:
        return AccessLog.objects.none()
    if "" in codes:
        return AccessLog.objects.all()
    return AccessLog.objects.filter(
        Q(client__agency__municipality_code__in=codes)
        | Q(client__isnull=True, referral__agency__municipality_code__in=codes)
    )


def sides_for(actor: Actor, referral: Referral) -> frozenset[Side]:
    """Which side(s) of ``referral`` the actor stands on (a 社協 may be both)."""
    if isinstance(actor, ProviderLinkGrant):
        return frozenset({Side.PROVIDER}) if actor.referral.pk == referral.pk else frozenset()
    account = account_of(actor)
    if account is None:
        return frozenset()
    sides = set()
    if AgencyMembership.objects.filter(user=account, agency_id=referral.agency_id).exists():
        sides.add(Side.SENDER)
    if (
        referral.status != Status.DRAFT
        and referral.organization_id is not None
        and ProviderMembership.objects.filter(
            user=account, organization_id=referral.organization_id
        ).exists()
    ):
        sides.add(Side.PROVIDER)
    return frozenset(sides)


def can(user: Actor, action: str, referral: Referral) -> bool:
    """Whether the state table lets ``user`` take ``action`` on ``referral`` now."""
    try:
        move = transition_for(referral.status, action)
    except InvalidTransition:
        return False
    return move.side in sides_for(user, referral)


# ---------------------------------------------------------------------------------------------
# Referrals and clients


def referrals_visible_to(user: User) -> QuerySet[Referral]:
    if not _is_active_user(user):
        return Referral.objects.none()
    return Referral.objects.filter(
        Q(agency_id__in=agency_ids_for(user))
        | (Q(organization_id__in=organization_ids_for(user)) & ~Q(status=Status.DRAFT))
    )


def referral_get_for_user(
    *,
    user: User,
    referral_id: int | None = None,
    code: str | None = None,
    purpose: str = "referral.get",
) -> Referral:
    """The referral if ``user`` may see it, else ``Http404`` (a signed-in user's denied probe is
    logged, without personal data)."""
    if (referral_id is None) == (code is None):
        raise Http404
    if code is not None and "\x00" in code:  # no code has one, and PostgreSQL refuses it
        raise Http404
    lookup = {"pk": referral_id} if referral_id is not None else {"code": code}
    referral = (
        referrals_visible_to(user)
        .select_related("service", "organization", "agency", "consent", "created_by")
        .filter(**lookup)
        .first()
    )
    if referral is None:
        _log_denied(user=user, referral=Referral.objects.filter(**lookup).first(), purpose=purpose)
        raise Http404
    return referral


def clients_visible_to(user: User) -> QuerySet[Client]:
    """Clients are seen as records only by their own agency's workers."""
    if not _is_active_user(user):
        return Client.objects.none()
    return Client.objects.filter(agency_id__in=agency_ids_for(user))


def client_get_for_user(*, user: User, client_id: int, purpose: str = "client.get") -> Client:
    client = clients_visible_to(user).select_related("agency").filter(pk=client_id).first()
    if client is None:
        _log_denied(user=user, referral=None, purpose=purpose)
        raise Http404
    return client


def sharing_basis(*, referral: Referral, at: datetime | None = None) -> SharingBasis:
    """The client fields the referral's provider may see now, and the basis (or why none)."""
    at = at or timezone.now()
    consent = referral.consent
    if consent is None or referral.organization_id is None:
        return SharingBasis((), "", Withheld.NO_BASIS)
    if consent.client_id != referral.client_id:
        return SharingBasis((), "", Withheld.NO_BASIS)
    if consent.withdrawn_at is not None and consent.withdrawn_at <= at:
        return SharingBasis((), consent.basis, Withheld.WITHDRAWN)
    if consent.expires_at is not None and consent.expires_at <= at:
        return SharingBasis((), consent.basis, Withheld.EXPIRED)
    if consent.basis == ConsentBasis.SUPPORT_CONFERENCE:
        conference = consent.conference
        if conference is None:
            return SharingBasis((), consent.basis, Withheld.NO_BASIS)
        if conference.ended_on is not None and conference.ended_on < timezone.localdate(at):
            return SharingBasis((), consent.basis, Withheld.CONFERENCE_ENDED)
        if not conference.members.filter(pk=referral.organization_id).exists():
            return SharingBasis((), consent.basis, Withheld.NOT_MEMBER)
    elif not consent.organizations.filter(pk=referral.organization_id).exists():
        return SharingBasis((), consent.basis, Withheld.NOT_IN_SCOPE)
    scope = tuple(f for f in ALL_CLIENT_FIELDS if f in set(consent.scope or ()))
    return SharingBasis(scope, consent.basis, "" if scope else Withheld.NOT_IN_SCOPE)


def _read_fields(client: Client, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(client, CLIENT_FIELD_ATTRIBUTES[name]) for name in names}


def _log_read(
    *,
    user: Actor,
    client: Client,
    referral: Referral | None,
    purpose: str,
    fields: Iterable[str],
    basis: str,
) -> None:
    _log_reads(
        user=user, clients=[client], referral=referral, purpose=purpose, fields=fields, basis=basis
    )


def _log_reads(
    *,
    user: Actor,
    clients: Iterable[Client],
    referral: Referral | None,
    purpose: str,
    fields: Iterable[str],
    basis: str,
) -> None:
    """The only writer of ``AccessLog`` reads: one row per client read, in one insert."""
    if not purpose:
        raise ValueError("purpose is required: name the screen or API reading personal data")
    reader = account_of(user)
    if reader is None and not isinstance(user, ProviderLinkGrant):
        raise Http404  # the helpers above let only accounts and links read
    names = list(fields)
    AccessLog.objects.bulk_create(
        [
            AccessLog(
                user=reader,
                username=reader.get_username() if reader is not None else LINK_READER,
                client=client,
                referral=referral,
                purpose=purpose,
                fields=list(names),
                basis=basis,
            )
            for client in clients
        ]
    )


def _log_denied(*, user: User, referral: Referral | None, purpose: str) -> None:
    """A signed-in user asked for a referral or client they may not see: who, when, where and
    (when it exists) which referral, so that probing shows in the log; nothing personal."""
    reader = account_of(user)
    if reader is None:  # anonymous requests never reach a record (login first)
        return
    AccessLog.objects.create(
        user=reader,
        username=reader.get_username(),
        client=None,
        referral=referral,
        purpose=purpose,
        fields=[],
        denied=True,
    )


def inbox_needs_read(*, user: User, referrals: Iterable[Referral], purpose: str) -> None:
    """The inbox shows an excerpt of each referral's need: one access-log row per referral, in
    one insert."""
    reader = account_of(user)
    if reader is None:
        raise Http404
    AccessLog.objects.bulk_create(
        [
            AccessLog(
                user=reader,
                username=reader.get_username(),
                client_id=referral.client_id,
                referral=referral,
                purpose=purpose,
                fields=[NEED_FIELD],
                basis="provider",
            )
            for referral in referrals
        ]
    )


def client_view_for(*, user: Actor, referral: Referral, purpose: str) -> ClientView:
    """What ``user`` may see of the referral's client; logs every read of personal fields.

    ``purpose`` names the screen or API ("provider.referral.detail", "api.referrals.get").
    """
    sides = sides_for(user, referral)
    if not sides:
        raise Http404
    need = referral.need
    if isinstance(user, ProviderLinkGrant):
        _log_read(
            user=user,
            client=referral.client,
            referral=referral,
            purpose=purpose,
            fields=(NEED_FIELD,),
            basis="link",
        )
        return ClientView(referral.code, need, withheld=Withheld.LINK)
    client = referral.client
    if client.anonymised_at is not None:
        return ClientView(referral.code, need, withheld=Withheld.ANONYMISED)
    if Side.SENDER in sides:
        names, basis, withheld = ALL_CLIENT_FIELDS, "agency", ""
    else:
        shared = sharing_basis(referral=referral)
        names, basis, withheld = shared.fields, shared.basis, shared.withheld
    if not names:
        return ClientView(referral.code, need, basis=basis, withheld=withheld)
    values = _read_fields(client, names)
    _log_read(
        user=user, client=client, referral=referral, purpose=purpose, fields=names, basis=basis
    )
    return ClientView(referral.code, need, fields=values, basis=basis)


def client_record_for(*, user: User, client_id: int, purpose: str) -> tuple[Client, dict]:
    """A worker's full view of their agency's client (the client page); logged."""
    client = client_get_for_user(user=user, client_id=client_id)
    if client.anonymised_at is not None:
        return client, {}
    values = _read_fields(client, ALL_CLIENT_FIELDS)
    _log_read(
        user=user,
        client=client,
        referral=None,
        purpose=purpose,
        fields=ALL_CLIENT_FIELDS,
        basis="agency",
    )
    return client, values


def client_choices_for(
    *, user: User, include: int | None, limit: int, purpose: str
) -> list[tuple[Client, dict[str, Any]]]:
    """A worker's most recent clients (and ``include``) for a chooser, with the fields shown
    (name and reading): personal data, so one access-log row per client shown."""
    visible = clients_visible_to(user).filter(anonymised_at__isnull=True)
    clients = list(visible.order_by("-created_at", "-pk")[:limit])
    if include is not None and include not in {c.pk for c in clients}:
        clients = list(visible.filter(pk=include)) + clients
    names = (ClientField.NAME, ClientField.NAME_READING)
    _log_reads(
        user=user, clients=clients, referral=None, purpose=purpose, fields=names, basis="agency"
    )
    return [(client, _read_fields(client, names)) for client in clients]


def export_log(*, user: Account, purpose: str, fields: list[str]) -> None:
    """Record an export of aggregate figures (no client: they show nobody's personal data)."""
    if not purpose:
        raise ValueError("purpose is required: name the export")
    AccessLog.objects.create(
        user=user,
        username=user.get_username(),
        client=None,
        referral=None,
        purpose=purpose,
        fields=list(fields),
        basis="statistics",
    )
