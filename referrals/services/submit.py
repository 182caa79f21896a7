"""Creating a referral: a draft, a sent one, one logged as handed over outside the platform,
and the refer form's single entry point ``referral_submit`` (the only place that handles a
second submission of the same form).
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from directory.models import OrganizationPage, ServicePage
from referrals.access import User
from referrals.choices import ExternalChannel, Status, Urgency
from referrals.models import Agency, Client, Consent, Referral, SupportConference
from referrals.services.clients import _require_agency_member, client_create, consent_record
from referrals.services.moves import _check_choice, referral_mark_logged, referral_send
from referrals.state import ReferralError

# Crockford-like alphabet without 0/O, 1/I/L, U: safe to read aloud and to type from paper.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


def referral_code_generate() -> str:
    """A code like TSN-7K3Q-9P: 30**6 ≈ 7×10⁸ codes; random, so it reveals neither order nor volume."""
    chars = "".join(secrets.choice(CODE_ALPHABET) for _i in range(6))
    return f"TSN-{chars[:4]}-{chars[4:]}"


def referral_create_draft(
    *,
    client: Client,
    service: ServicePage,
    by: User,
    need: str,
    urgency: str = Urgency.NORMAL,
    support_plan_reference: str = "",
    consent: Consent | None = None,
    idempotency_key: uuid.UUID | str | None = None,
) -> Referral:
    """A draft from ``by`` (a worker of the client's agency) to ``service``.

    ``idempotency_key`` is stored as given; a key already used is refused here and answered
    with the first referral by ``referral_submit`` (the one place that handles a resubmission).
    """
    author = _require_agency_member(user=by, agency=client.agency)
    errors: dict[str, Any] = {}
    if not need.strip():
        errors["need"] = _("依頼内容を書いてください。")
    if urgency not in Urgency.values:
        errors["urgency"] = _("緊急度が正しくありません。")
    if consent is not None and consent.client_id != client.pk:
        errors["consent"] = _("この相談者の同意ではありません。")
    organization = service.organization if service is not None else None
    if organization is None:
        errors["service"] = _("紹介先のサービスが見つかりません。")
    if errors:
        raise ValidationError(errors)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Referral.objects.create(
                    code=referral_code_generate(),
                    client=client,
                    agency=client.agency,
                    created_by=author,
                    service=service,
                    organization=organization,
                    service_title=service.title[:255],
                    need=need.strip(),
                    urgency=urgency,
                    support_plan_reference=support_plan_reference,
                    consent=consent,
                    idempotency_key=idempotency_key,
                )
        except IntegrityError:
            if idempotency_key is not None and _key_used(idempotency_key):
                raise ValidationError({"idempotency_key": _KEY_USED}) from None
            # Otherwise a code collision (one in hundreds of millions): draw again.
    raise ReferralError(str(_("紹介番号を作れませんでした。もう一度お試しください。")))


_KEY_USED = _("この送信キーは別の紹介に使われています。")


def _key_used(key: uuid.UUID | str) -> bool:
    return Referral.objects.filter(idempotency_key=key).exists()


def referral_create_and_send(*, by: User, note: str = "", **draft: Any) -> Referral:
    """The worker's "send" button: create and send in one go."""
    referral = referral_create_draft(by=by, **draft)
    return referral_send(referral=referral, by=by, note=note)


@dataclass(frozen=True)
class ConsentInput:
    """How the client's details may be shared: 本人同意 or a 支援会議 (``basis``), a basis
    already recorded (``recorded``, the API's ``consent_id``), or nothing.

    ``fields`` are ``consent_record``'s keyword arguments other than client, basis and the
    organizations/conference objects.
    """

    basis: str | None = None
    organizations: tuple[OrganizationPage, ...] = ()
    conference: SupportConference | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    recorded: Consent | None = None


@dataclass(frozen=True)
class Submission:
    referral: Referral
    created: bool  # False: a second submission of the same form, answered with the first


def referral_submit(
    *,
    by: User,
    agency: Agency,
    service: ServicePage,
    idempotency_key: uuid.UUID | str,
    client: Client | None = None,
    new_client: dict[str, Any] | None = None,
    consent: ConsentInput = ConsentInput(),
    draft: bool = False,
    note: str = "",
    **referral: Any,
) -> Submission:
    """The one entry point of the refer form and of ``POST /api/referrals``: the client (new or
    given), the basis for sharing and the referral (a draft, or sent), in one transaction.

    Duplicate submissions are handled here and only here: the form (and the API body) carries
    an ``idempotency_key``; a second submission of it, even one racing the first, adds no
    client or consent and returns the first referral (``created=False``). A key used by
    another agency is refused.
    """
    first = _first_submission(key=idempotency_key, agency=agency)
    if first is not None:
        return Submission(first, created=False)
    try:
        with transaction.atomic():
            if client is None:
                client = client_create(
                    agency=agency,
                    by=by,
                    municipality_code=agency.municipality_code,
                    **(new_client or {}),
                )
            recorded = consent.recorded
            if consent.basis:
                recorded = consent_record(
                    client=client,
                    by=by,
                    basis=consent.basis,
                    organizations=consent.organizations,
                    conference=consent.conference,
                    **consent.fields,
                )
            fields = dict(
                client=client,
                service=service,
                by=by,
                consent=recorded,
                idempotency_key=idempotency_key,
                **referral,
            )
            if draft:
                made = referral_create_draft(**fields)
            else:
                made = referral_create_and_send(note=note, **fields)
            return Submission(made, created=True)
    except ValidationError as error:
        if "idempotency_key" not in getattr(error, "error_dict", {}):
            raise
        # The same form submitted twice at once: ours was rolled back, the first one stands.
        first = _first_submission(key=idempotency_key, agency=agency)
        if first is None:
            raise
        return Submission(first, created=False)


@dataclass(frozen=True)
class ManySubmission:
    referrals: list[Referral]
    created: bool  # False: a second submission of the same form, answered with the first


def referrals_submit_many(
    *,
    by: User,
    agency: Agency,
    services: Sequence[ServicePage],
    idempotency_key: uuid.UUID | str,
    client: Client | None = None,
    new_client: dict[str, Any] | None = None,
    consent: ConsentInput = ConsentInput(),
    draft: bool = False,
    note: str = "",
    **referral: Any,
) -> ManySubmission:
    """One client referred to several services at once (多機関連携): one client record, one
    consent covering the organisations (``consent.organizations``), and one tracked referral per
    service, all through ``referral_submit`` in one transaction: all are made or none.

    The first service keeps ``idempotency_key``; the others get keys derived from it and the
    service, so a second submission of the form returns the same referrals.
    """
    if not services:
        raise ValidationError({"service": _("紹介先のサービスを選んでください。")})
    if len({service.pk for service in services}) != len(services):
        raise ValidationError({"service": _("同じサービスが二度選ばれています。")})
    keys = [idempotency_key] + [
        uuid.uuid5(uuid.UUID(str(idempotency_key)), str(service.pk)) for service in services[1:]
    ]
    with transaction.atomic():
        first = referral_submit(
            by=by,
            agency=agency,
            service=services[0],
            idempotency_key=keys[0],
            client=client,
            new_client=new_client,
            consent=consent,
            draft=draft,
            note=note,
            **referral,
        )
        if not first.created:
            again = {
                r.idempotency_key: r for r in Referral.objects.filter(idempotency_key__in=keys)
            }
            return ManySubmission(
                [again[uuid.UUID(str(k))] for k in keys if uuid.UUID(str(k)) in again], False
            )
        made = [first.referral]
        for service, key in zip(services[1:], keys[1:], strict=True):
            made.append(
                referral_submit(
                    by=by,
                    agency=agency,
                    service=service,
                    idempotency_key=key,
                    client=first.referral.client,
                    consent=ConsentInput(recorded=first.referral.consent),
                    draft=draft,
                    note=note,
                    **referral,
                ).referral
            )
    return ManySubmission(made, created=True)


def _first_submission(*, key: uuid.UUID | str, agency: Agency) -> Referral | None:
    """The referral made with ``key`` by ``agency``; a key of another agency is refused."""
    first = Referral.objects.filter(idempotency_key=key).first()
    if first is not None and first.agency_id != agency.pk:
        raise ValidationError({"idempotency_key": _KEY_USED})
    return first


def referral_log_external(
    *,
    by: User,
    channel: str,
    note: str = "",
    **draft: Any,
) -> Referral:
    """Record a hand-off made by phone, FAX or a printed slip: the referral is sent at once and
    the provider still gets the email with a signed link to acknowledge it."""
    _check_choice("channel", channel, ExternalChannel)
    referral = referral_create_draft(by=by, **draft)
    if referral.status != Status.DRAFT:
        return referral
    return referral_mark_logged(referral=referral, by=by, channel=channel, note=note)
