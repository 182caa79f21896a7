"""Demo referral world on top of the demo directory (directory/demo/): fictional only.

``demo_referrals_ensure()`` gives the demo accounts their referral roles and a few referrals in
different states, so every screen has something to show:

* ``worker``: support worker (支援員) at 「豊島区 くらし・しごと相談支援センター」 (131164);
* ``provider``: staff of the food bank the demo data lets the ``provider`` account edit
  (``directory.demo.demo_provider_organization``, org-0001 in 豊島区);
* ``moderator``: coordinator (statistics and the access log, all municipalities).

Idempotent: rows are found by name or by fixed idempotency keys, so running it again changes
nothing. Every write goes through ``referrals.services``, except the back-dating of one
referral's ``sent_at`` so that the inbox has an overdue example.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from directory.demo import demo_provider_organization
from directory.models import ServicePage
from referrals import services
from referrals.choices import (
    AgencyKind,
    AgencyRole,
    ClientField,
    ConsentBasis,
    ConsentMethod,
    HouseholdType,
    Outcome,
    PlatformRoleKind,
    Status,
    Urgency,
)
from referrals.models import (
    Agency,
    AgencyMembership,
    PlatformRole,
    ProviderMembership,
    Referral,
    SupportConference,
)

DEMO_AGENCY_NAME = "豊島区 くらし・しごと相談支援センター"
DEMO_MUNICIPALITY = "131164"  # 豊島区
DEMO_CONFERENCE_NAME = "豊島区 支援会議（デモ）"
_KEY_NAMESPACE = uuid.UUID("6f1e0b1a-4a55-4c56-9a43-0b6f3c2d7e11")


@dataclass
class DemoReferrals:
    agency: Agency | None = None
    created: list[str] = field(default_factory=list)  # referral codes made by this run
    skipped: str = ""  # why nothing was made (no demo directory, no demo accounts)


def _key(name: str) -> uuid.UUID:
    return uuid.uuid5(_KEY_NAMESPACE, name)


@transaction.atomic
def demo_referrals_ensure() -> DemoReferrals:
    result = DemoReferrals()
    users = {u.username: u for u in get_user_model().objects.filter(username__in=_USERNAMES)}
    organization = demo_provider_organization()
    if organization is None or not {"worker", "provider"} <= set(users):
        result.skipped = "run load_demo_data first (demo directory and accounts)"
        return result
    worker, provider = users["worker"], users["provider"]

    agency, _ = Agency.objects.get_or_create(
        name=DEMO_AGENCY_NAME,
        defaults={
            "kind": AgencyKind.CONSULTATION_CENTRE,
            "municipality_code": DEMO_MUNICIPALITY,
            "email": "kurashi-shigoto@example.jp",
        },
    )
    result.agency = agency
    AgencyMembership.objects.get_or_create(
        user=worker, agency=agency, defaults={"role": AgencyRole.SUPPORT_WORKER}
    )
    ProviderMembership.objects.get_or_create(user=provider, organization=organization)
    if "moderator" in users:
        PlatformRole.objects.get_or_create(
            user=users["moderator"],
            role=PlatformRoleKind.COORDINATOR,
            defaults={"municipality_code": ""},
        )
    if not SupportConference.objects.filter(agency=agency, name=DEMO_CONFERENCE_NAME).exists():
        services.support_conference_record(
            agency=agency,
            by=worker,
            name=DEMO_CONFERENCE_NAME,
            members=[organization],
            established_on=timezone.localdate() - timedelta(days=90),
            municipality_code=DEMO_MUNICIPALITY,
        )

    food = ServicePage.objects.child_of(organization).live().order_by("path").first()
    other = (
        ServicePage.objects.live()
        .exclude(path__startswith=organization.path)
        .order_by("path")
        .first()
    )
    if food is None:
        result.skipped = "the demo food bank has no published service"
        return result

    for scenario in _SCENARIOS:
        service = food if scenario["to"] == "food" else other
        if (
            service is None
            or Referral.objects.filter(idempotency_key=_key(scenario["key"])).exists()
        ):
            continue
        referral = _make(scenario, agency=agency, worker=worker, provider=provider, service=service)
        result.created.append(referral.code)
    return result


_USERNAMES = ("worker", "provider", "moderator")

# Fictional people; the provider sees only what each consent's scope allows.
_SCENARIOS: tuple[dict, ...] = (
    {
        "key": "demo-new-consent-name-phone",
        "to": "food",
        "client": {
            "name": "池袋 さくら",
            "name_reading": "いけぶくろ さくら",
            "phone": "090-0000-1111",
            "household_type": HouseholdType.SINGLE_PARENT,
            "languages": ["ja"],
            "needs_summary": "失業中で家賃と食費が足りない",
        },
        "scope": [ClientField.NAME, ClientField.PHONE],
        "need": "子ども2人の世帯です。今週分の食料品の支援をお願いします。",
        "urgency": Urgency.URGENT,
        "moves": [],
    },
    {
        "key": "demo-overdue-no-basis",
        "to": "food",
        "client": {"name": "大塚 一郎", "name_reading": "おおつか いちろう"},
        "scope": None,  # no basis: the provider sees only the need
        "need": "単身の方です。食料の受け取り方法を本人に電話で説明してください（番号は窓口から伝えます）。",
        "urgency": Urgency.NORMAL,
        "moves": [],
        "sent_days_ago": 8,
    },
    {
        "key": "demo-in-progress",
        "to": "food",
        "client": {
            "name": "巣鴨 ハナ",
            "name_reading": "すがも はな",
            "phone": "080-0000-2222",
            "languages": ["ja", "vi"],
        },
        "scope": [ClientField.NAME, ClientField.PHONE, ClientField.LANGUAGES],
        "need": "ベトナム語が話せる方です。定期的な食料支援の利用を相談したいそうです。",
        "urgency": Urgency.NORMAL,
        "moves": ["accept", "start"],
    },
    {
        "key": "demo-completed",
        "to": "food",
        "client": {"name": "目白 健", "name_reading": "めじろ けん", "phone": "070-0000-3333"},
        "scope": [ClientField.NAME],
        "need": "就職が決まるまでの2週間、食料の支援をお願いします。",
        "urgency": Urgency.NORMAL,
        "moves": ["accept", "start", "complete"],
    },
    {
        "key": "demo-other-provider",
        "to": "other",
        "client": {"name": "千川 みどり", "name_reading": "せんかわ みどり"},
        "scope": [ClientField.NAME],
        "need": "食料品の受け取り方を本人に案内してください。",
        "urgency": Urgency.NORMAL,
        "moves": [],
    },
)


def _make(scenario: dict, *, agency, worker, provider, service) -> Referral:
    client = services.client_create(
        agency=agency, by=worker, municipality_code=DEMO_MUNICIPALITY, **scenario["client"]
    )
    consent = None
    if scenario["scope"]:
        consent = services.consent_record(
            client=client,
            by=worker,
            basis=ConsentBasis.CONSENT,
            method=ConsentMethod.WRITTEN,
            scope=scenario["scope"],
            organizations=[service.organization],
            expires_at=timezone.now() + timedelta(days=365),
        )
    referral = services.referral_create_and_send(
        client=client,
        service=service,
        by=worker,
        need=scenario["need"],
        urgency=scenario["urgency"],
        consent=consent,
        idempotency_key=_key(scenario["key"]),
        note="デモの紹介です。",
    )
    for move in scenario["moves"]:
        if move == "accept":
            referral = services.referral_accept(
                referral=referral, by=provider, note="お受けします。"
            )
        elif move == "start":
            referral = services.referral_start(
                referral=referral,
                by=provider,
                appointment_at=timezone.now() + timedelta(days=2),
                note="本人と電話で話し、来所の日を決めました。",
            )
        elif move == "complete":
            referral = services.referral_complete(
                referral=referral, by=provider, outcome=Outcome.NEED_MET, note="2回お渡ししました。"
            )
    days = scenario.get("sent_days_ago")
    if days and referral.status == Status.SENT:
        # Demo only: back-date the sending so the inbox shows an overdue referral.
        Referral.objects.filter(pk=referral.pk).update(
            sent_at=timezone.now() - timedelta(days=days)
        )
    return referral
