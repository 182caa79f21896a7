"""Signed, expiring links: staff invitations and one-click listing confirmations.

Each token is ``django.core.signing`` data under its own salt, so a token made for one purpose
is worthless for the other; it holds ids and an email only. Ages come from settings, read when
a link is checked: ``PROVIDER_INVITATION_MAX_AGE_DAYS`` (7) and
``LISTING_CONFIRM_LINK_MAX_AGE_DAYS`` (30).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from directory.models import ProviderInvitation, ServicePage

INVITATION_SALT = "directory.providers.invitation.v1"
CONFIRM_SALT = "directory.providers.confirm.v1"


class LinkError(Exception):
    """``str(error)`` is for the person who clicked."""


class LinkInvalid(LinkError):
    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or str(_("このリンクは正しくありません。")))


class LinkExpired(LinkError):
    def __init__(self) -> None:
        super().__init__(str(_("このリンクは有効期限が切れています。")))


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def invitation_max_age() -> timedelta:
    return timedelta(days=getattr(settings, "PROVIDER_INVITATION_MAX_AGE_DAYS", 7))


def confirm_link_max_age() -> timedelta:
    return timedelta(days=getattr(settings, "LISTING_CONFIRM_LINK_MAX_AGE_DAYS", 30))


def _load(token: str, *, salt: str, max_age: timedelta) -> dict:
    try:
        payload = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise LinkExpired() from None
    except signing.BadSignature:
        raise LinkInvalid() from None
    if not isinstance(payload, dict):
        raise LinkInvalid()
    return payload


# --- invitations ------------------------------------------------------------------------------


def invitation_token(*, invitation: ProviderInvitation) -> str:
    return signing.dumps({"i": invitation.pk, "e": invitation.email}, salt=INVITATION_SALT)


def invitation_url(*, invitation: ProviderInvitation) -> str:
    token = invitation_token(invitation=invitation)
    return _absolute(reverse("providers:invitation_accept", kwargs={"token": token}))


def invitation_resolve(*, token: str) -> ProviderInvitation:
    """The open invitation the token names; raises ``LinkError`` if expired, used or forged."""
    payload = _load(token, salt=INVITATION_SALT, max_age=invitation_max_age())
    invitation = (
        ProviderInvitation.objects.select_related("organization")
        .filter(pk=payload.get("i"), email=payload.get("e"))
        .first()
    )
    if invitation is None:
        raise LinkInvalid()
    if invitation.accepted_at is not None:
        raise LinkInvalid(str(_("この招待はすでに使われています。ログインしてください。")))
    return invitation


# --- listing confirmation ---------------------------------------------------------------------


@dataclass(frozen=True)
class ConfirmGrant:
    """The bearer may confirm ``service`` as ``email`` (a provider staff address)."""

    service: ServicePage
    email: str
    since: date


def confirm_token(*, service: ServicePage, email: str, since: date) -> str:
    payload = {"s": service.pk, "e": email, "d": since.isoformat()}
    return signing.dumps(payload, salt=CONFIRM_SALT)


def confirm_url(*, service: ServicePage, email: str, since: date) -> str:
    token = confirm_token(service=service, email=email, since=since)
    return _absolute(reverse("providers:confirm_link", kwargs={"token": token}))


def confirm_resolve(*, token: str) -> ConfirmGrant:
    payload = _load(token, salt=CONFIRM_SALT, max_age=confirm_link_max_age())
    service = ServicePage.objects.filter(pk=payload.get("s")).first()
    try:
        since = date.fromisoformat(payload.get("d", ""))
    except (TypeError, ValueError):
        raise LinkInvalid() from None
    if service is None or not payload.get("e"):
        raise LinkInvalid()
    return ConfirmGrant(service=service, email=payload["e"], since=since)
