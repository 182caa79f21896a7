"""Who sees what: the access matrix, consent scoping, 支援会議, withdrawal and the access log."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from referrals import access, selectors, services
from referrals.access import Withheld
from referrals.choices import Action, ClientField, ConsentBasis, Status
from referrals.models import AccessLog

pytestmark = pytest.mark.django_db

PERSONAL = ("豊島 花子", "としま はなこ", "090-1234-5678", "hanako@example.jp", "家賃の滞納")

ROLES = (
    "worker",
    "lead",
    "other_worker",
    "provider_staff",
    "other_staff",
    "coordinator",
    "anonymous",
)
# Who may open the referral (a sent one) and the client record.
SEES_REFERRAL = {"worker", "lead", "provider_staff"}
SEES_CLIENT_RECORD = {"worker", "lead"}


def test_access_matrix_has_no_leak(world):
    consent = world.consent(scope=[f.value for f in ClientField])
    referral = world.sent(consent=consent)
    draft = world.draft(consent=consent)
    for role in ROLES:
        user = getattr(world, role)
        visible = set(access.referrals_visible_to(user).values_list("pk", flat=True))
        if role in SEES_REFERRAL:
            assert referral.pk in visible, role
            assert access.referral_get_for_user(user=user, code=referral.code).pk == referral.pk
            assert access.referral_get_for_user(user=user, referral_id=referral.pk)
            view = access.client_view_for(user=user, referral=referral, purpose="test.matrix")
            assert view.get("name") == "豊島 花子", role
        else:
            assert referral.pk not in visible, role
            with pytest.raises(Http404):
                access.referral_get_for_user(user=user, code=referral.code)
            with pytest.raises(Http404):
                access.client_view_for(user=user, referral=referral, purpose="test.matrix")
            for action in Action.values:
                assert not access.can(user, action, referral), (role, action)
        # Drafts stay with the agency.
        if role in SEES_CLIENT_RECORD:
            assert draft.pk in visible, role
        else:
            assert draft.pk not in visible, role
        # The client record is the agency's.
        if role in SEES_CLIENT_RECORD:
            client, values = access.client_record_for(
                user=user, client_id=world.client.pk, purpose="test.client"
            )
            assert values["name"] == "豊島 花子"
        else:
            with pytest.raises(Http404):
                access.client_record_for(user=user, client_id=world.client.pk, purpose="x")
            assert not access.clients_visible_to(user).exists(), role
        # Lists built for screens are scoped the same way.
        inbox = selectors.inbox_for(user=user)
        assert (referral in inbox.new) == (role == "provider_staff"), role
        sent = selectors.referrals_sent_by(user=user, whole_agency=True)
        assert (referral in sent) == (role in {"worker", "lead"}), role


def test_can_follows_the_table_and_the_side(world):
    referral = world.sent()
    assert access.can(world.provider_staff, Action.ACCEPT, referral)
    assert not access.can(world.worker, Action.ACCEPT, referral)
    assert access.can(world.worker, Action.CANCEL, referral)
    assert access.can(world.lead, Action.CANCEL, referral)
    assert not access.can(world.provider_staff, Action.CANCEL, referral)
    assert not access.can(world.other_staff, Action.ACCEPT, referral)
    assert not access.can(world.provider_staff, Action.COMPLETE, referral)


def test_inactive_user_sees_nothing(world):
    referral = world.sent()
    world.provider_staff.is_active = False
    world.provider_staff.save()
    with pytest.raises(Http404):
        access.referral_get_for_user(user=world.provider_staff, code=referral.code)
    world.provider_staff.is_active = True
    world.provider_staff.save()


def test_consent_scope_name_and_phone_shows_exactly_those(world):
    consent = world.consent(scope=[ClientField.NAME, ClientField.PHONE])
    referral = world.sent(consent=consent)
    view = access.client_view_for(
        user=world.provider_staff, referral=referral, purpose="provider.referral.detail"
    )
    assert dict(view.fields) == {"name": "豊島 花子", "phone": "090-1234-5678"}
    assert view.need == "食料の支援をお願いします"
    assert view.basis == ConsentBasis.CONSENT
    log = AccessLog.objects.get(user=world.provider_staff)
    assert log.client_id == world.client.pk and log.referral_id == referral.pk
    assert log.purpose == "provider.referral.detail"
    assert log.fields == ["name", "phone"]


def test_worker_sees_everything_and_it_is_logged(world):
    referral = world.sent()
    view = access.client_view_for(user=world.worker, referral=referral, purpose="worker.detail")
    assert set(view.fields) == set(ClientField.values)
    assert view.fields["languages"] == ["ja", "vi"]
    assert view.fields["date_of_birth"] == date(1984, 4, 1)
    assert AccessLog.objects.filter(user=world.worker, purpose="worker.detail").count() == 1


@pytest.mark.parametrize(
    "case",
    ["no_consent", "withdrawn", "expired", "other_org_in_scope", "withdrawn_after_send"],
)
def test_no_valid_basis_shows_only_need_and_code(world, case):
    now = timezone.now()
    consent = None
    if case == "withdrawn":
        consent = world.consent()
        services.consent_withdraw(consent=consent, by=world.worker)
    elif case == "expired":
        consent = world.consent(
            given_at=now - timedelta(days=30), expires_at=now - timedelta(days=1)
        )
    elif case == "other_org_in_scope":
        consent = world.consent(organizations=[world.other_org])
    elif case == "withdrawn_after_send":
        consent = world.consent()
    referral = world.sent(consent=consent)
    if case == "withdrawn_after_send":
        before = access.client_view_for(user=world.provider_staff, referral=referral, purpose="t")
        assert before.fields
        services.consent_withdraw(consent=consent, by=world.worker)
        referral = access.referral_get_for_user(user=world.provider_staff, code=referral.code)
    logs_before = AccessLog.objects.count()
    view = access.client_view_for(user=world.provider_staff, referral=referral, purpose="t")
    assert view.fields == {}
    assert view.referral_code == referral.code and view.need
    assert view.withheld in {
        Withheld.NO_BASIS,
        Withheld.WITHDRAWN,
        Withheld.EXPIRED,
        Withheld.NOT_IN_SCOPE,
    }
    assert view.withheld_message
    assert AccessLog.objects.count() == logs_before  # nothing personal was read
    for value in PERSONAL:
        assert value not in repr(view)


def test_support_conference_members_only(world):
    conference = services.support_conference_record(
        agency=world.agency,
        by=world.worker,
        name="豊島区支援会議",
        members=[world.provider_org],
        established_on=date(2026, 4, 1),
    )
    consent = services.consent_record(
        client=world.client,
        by=world.worker,
        basis=ConsentBasis.SUPPORT_CONFERENCE,
        scope=[ClientField.NAME, ClientField.NEEDS_SUMMARY],
        conference=conference,
    )
    member_referral = world.sent(consent=consent)
    view = access.client_view_for(user=world.provider_staff, referral=member_referral, purpose="t")
    assert dict(view.fields) == {"name": "豊島 花子", "needs_summary": "家賃の滞納と食料の不足"}
    assert view.basis == ConsentBasis.SUPPORT_CONFERENCE

    outsider_referral = world.sent(consent=consent, service=world.other_service)
    view = access.client_view_for(user=world.other_staff, referral=outsider_referral, purpose="t")
    assert view.fields == {} and view.withheld == Withheld.NOT_MEMBER
    assert not AccessLog.objects.filter(user=world.other_staff).exists()


def test_coordinator_gets_statistics_not_people(world):
    referral = world.sent()
    services.referral_accept(referral=referral, by=world.provider_staff)
    assert access.statistics_scope_for(world.coordinator) == ""
    for user in (world.worker, world.provider_staff, world.anonymous):
        with pytest.raises(Http404):
            access.statistics_scope_for(user)
    stats = selectors.referral_statistics()
    assert stats.by_status == {Status.ACCEPTED: 1}
    assert PERSONAL[0] not in repr(stats)
    assert access.can_read_access_log(world.coordinator)
    assert not access.can_read_access_log(world.worker)


def test_purpose_is_required_for_a_logged_read(world):
    referral = world.sent()
    with pytest.raises(ValueError):
        access.client_view_for(user=world.worker, referral=referral, purpose="")


def test_a_code_with_a_nul_byte_is_not_found(world):
    # PostgreSQL refuses NUL in a text parameter: a 500 unless the helper answers first.
    with pytest.raises(Http404):
        access.referral_get_for_user(user=world.worker, code="TSN-\x00")
