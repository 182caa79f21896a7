"""The signed provider link: enough to answer one referral, nothing personal, expiring."""

from __future__ import annotations

import base64
import json
import time
from unittest import mock

import pytest
from django.core import signing
from django.test import override_settings

from referrals import access, services
from referrals.access import Withheld
from referrals.choices import ActorKind, CloseReason, DeclineReason, Status
from referrals.links import (
    SALT,
    ProviderLinkExpired,
    ProviderLinkInvalid,
    ProviderLinkRevoked,
    provider_link_resolve,
    provider_link_token,
    provider_link_url,
)
from referrals.models import AccessLog
from referrals.state import NotAllowed

pytestmark = pytest.mark.django_db


def _payload(token: str) -> str:
    head = token.split(":")[0]
    return base64.urlsafe_b64decode(head + "=" * (-len(head) % 4)).decode()


def test_token_carries_no_personal_data(world):
    referral = world.sent(consent=world.consent())
    token = provider_link_token(referral=referral)
    payload = json.loads(_payload(token))
    assert payload == {"r": referral.pk, "o": world.provider_org.pk}
    url = provider_link_url(referral=referral)
    assert url.startswith("http://testserver/") and token in url
    for personal in ("花子", "hanako", "090", "食料"):
        assert personal not in url


def test_provider_link_starts_with_the_configured_site_url(world, settings):
    settings.SITE_URL = "https://tsunagu.example.jp"
    referral = world.sent(consent=world.consent())
    assert provider_link_url(referral=referral).startswith("https://tsunagu.example.jp/")


def test_link_accepts_as_the_provider_and_shows_nothing_personal(world):
    referral = world.sent(consent=world.consent())
    grant = provider_link_resolve(token=provider_link_token(referral=referral))
    assert grant.referral.pk == referral.pk
    view = access.client_view_for(user=grant, referral=grant.referral, purpose="link")
    assert view.fields == {} and view.withheld == Withheld.LINK and view.need
    services.referral_accept(referral=grant.referral, by=grant, note="電話で確認しました")
    event = grant.referral.events.last()
    assert event.actor is None and event.actor_kind == ActorKind.PROVIDER_LINK
    assert grant.referral.status == Status.ACCEPTED
    # The link cannot do the sender's moves.
    with pytest.raises(NotAllowed):
        services.referral_cancel(referral=grant.referral, by=grant)


def test_a_link_is_for_one_referral(world):
    first = world.sent()
    second = world.sent()
    grant = provider_link_resolve(token=provider_link_token(referral=first))
    with pytest.raises(NotAllowed):
        services.referral_decline(referral=second, by=grant, reason=DeclineReason.NO_CAPACITY)


def test_tampered_token_is_refused(world):
    referral = world.sent()
    token = provider_link_token(referral=referral)
    forged = signing.dumps({"r": referral.pk + 1, "o": world.provider_org.pk}, salt="other")
    cases = [
        token[:-1] + ("A" if token[-1] != "A" else "B"),
        forged,
        "not-a-token",
        "",
        signing.dumps({"r": referral.pk, "o": world.other_org.pk}, salt=SALT),  # wrong org
        signing.dumps([referral.pk], salt=SALT),
    ]
    for bad in cases:
        with pytest.raises(ProviderLinkInvalid) as excinfo:
            provider_link_resolve(token=bad)
        assert not isinstance(excinfo.value, ProviderLinkExpired)
        assert "正しくありません" in str(excinfo.value)


def test_link_expires(world):
    referral = world.sent()
    token = provider_link_token(referral=referral)
    later = time.time() + 15 * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=later):
        with pytest.raises(ProviderLinkExpired) as excinfo:
            provider_link_resolve(token=token)
    assert "有効期限が切れています" in str(excinfo.value)
    with override_settings(REFERRAL_LINK_MAX_AGE_DAYS=30):
        with mock.patch("django.core.signing.time.time", return_value=later):
            assert provider_link_resolve(token=token).referral.pk == referral.pk


def test_draft_has_no_working_link(world):
    referral = world.draft()
    with pytest.raises(ProviderLinkInvalid):
        provider_link_resolve(token=provider_link_token(referral=referral))


# ---------------------------------------------------------------------------------------------
# Revocation (issue 13, item 9): checked on each use, with a clear page


def _link_page(client, referral):
    return client.get(provider_link_url(referral=referral).removeprefix("http://testserver"))


def test_link_stops_working_when_the_referral_is_cancelled(world, client):
    referral = world.sent()
    url_before = provider_link_token(referral=referral)
    services.referral_cancel(referral=referral, by=world.worker)
    with pytest.raises(ProviderLinkRevoked):
        provider_link_resolve(token=url_before)
    response = _link_page(client, referral)
    assert response.status_code == 410
    assert "取り消されたか終了した" in response.content.decode()


def test_link_stops_working_when_the_referral_is_closed(world):
    referral = world.sent()
    token = provider_link_token(referral=referral)
    grant = provider_link_resolve(token=token)
    services.referral_accept(referral=grant.referral, by=grant)
    services.referral_close(referral=grant.referral, by=grant, reason=CloseReason.NOT_ELIGIBLE)
    with pytest.raises(ProviderLinkRevoked):
        provider_link_resolve(token=token)


def test_a_revoked_link_fails_although_the_referral_is_open(world, client):
    referral = world.sent()
    services.provider_link_revoke(referral=referral, by=world.worker)
    assert _link_page(client, referral).status_code == 410
    assert referral.status == Status.SENT


def test_only_the_sending_side_revokes_links(world):
    referral = world.sent()
    for outsider in (world.provider_staff, world.other_worker):
        with pytest.raises(NotAllowed):
            services.provider_link_revoke(referral=referral, by=outsider)


def test_reading_the_need_through_a_link_is_logged(world, client):
    referral = world.sent()
    assert _link_page(client, referral).status_code == 200
    log = AccessLog.objects.get(referral=referral, purpose="provider.link")
    assert log.user is None and log.username == access.LINK_READER
    assert log.fields == [access.NEED_FIELD] and log.basis == "link"
