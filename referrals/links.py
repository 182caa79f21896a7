"""Signed, expiring links that let a provider without an account answer a referral.

Many small providers will never log in: the referral email (or the printed slip) carries a link
that is enough to accept, decline or update that one referral. The token holds the referral's
primary key and receiving organization only — no personal data — signed with ``SECRET_KEY``
under a dedicated salt, and expires after the setting ``REFERRAL_LINK_MAX_AGE_DAYS`` (14 days, in settings only).
A link never shows personal data: that needs an account (``referrals.access``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from referrals.choices import Status
from referrals.models import Referral
from referrals.state import ReferralError

SALT = "referrals.provider-link.v1"


class ProviderLinkInvalid(ReferralError):
    def __init__(self) -> None:
        super().__init__(
            str(_("このリンクは正しくありません。紹介元の機関にお問い合わせください。"))
        )


class ProviderLinkExpired(ProviderLinkInvalid):
    def __init__(self) -> None:
        ReferralError.__init__(
            self,
            str(_("このリンクは有効期限が切れています。紹介元の機関にお問い合わせください。")),
        )


class ProviderLinkRevoked(ProviderLinkInvalid):
    def __init__(self) -> None:
        ReferralError.__init__(
            self,
            str(
                _(
                    "この紹介は取り消されたか終了したため、リンクは使えなくなりました。"
                    "紹介元の機関にお問い合わせください。"
                )
            ),
        )


# A cancelled or closed (つながらず) referral needs nothing more from the provider.
REVOKING_STATUSES = frozenset({Status.CANCELLED, Status.CLOSED})


@dataclass(frozen=True)
class ProviderLinkGrant:
    """Proof that the bearer holds a valid link for ``referral``: acts as its provider side."""

    referral: Referral


def link_max_age() -> timedelta:
    """How long a provider link lives: read at call time, so a test or a deploy may change it."""
    return timedelta(days=settings.REFERRAL_LINK_MAX_AGE_DAYS)


def provider_link_token(*, referral: Referral) -> str:
    return signing.dumps({"r": referral.pk, "o": referral.organization_id}, salt=SALT)


def provider_link_url(*, referral: Referral) -> str:
    token = provider_link_token(referral=referral)
    try:
        path = reverse("referrals:provider_link", kwargs={"token": token})
    except NoReverseMatch:  # the screens are not wired yet
        path = f"/referrals/link/{token}/"
    return settings.SITE_URL + path


def provider_link_resolve(*, token: str) -> ProviderLinkGrant:
    """Check the signature and age on each use; a referral moved to another organization, then
    cancelled, closed or with its links revoked, fails too."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=link_max_age())
    except signing.SignatureExpired:
        raise ProviderLinkExpired() from None
    except signing.BadSignature:
        raise ProviderLinkInvalid() from None
    if not isinstance(payload, dict) or not isinstance(payload.get("r"), int):
        raise ProviderLinkInvalid()
    referral = (
        Referral.objects.select_related("service", "organization", "agency")
        .filter(pk=payload["r"], organization_id=payload.get("o"))
        .first()
    )
    if referral is None or referral.status == Status.DRAFT:
        raise ProviderLinkInvalid()
    if referral.status in REVOKING_STATUSES or referral.link_revoked_at is not None:
        raise ProviderLinkRevoked()
    return ProviderLinkGrant(referral=referral)
