"""factory_boy factories for the referral app; referrals themselves are made through services."""

from __future__ import annotations

from datetime import date

import factory
from django.contrib.auth import get_user_model

from referrals.choices import AgencyKind, AgencyRole, HouseholdType, PlatformRoleKind
from referrals.models import (
    Agency,
    AgencyMembership,
    Client,
    PlatformRole,
    ProviderMembership,
)
from tests.factories import OrganizationPageFactory


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.jp")
    is_active = True


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"テスト区 自立相談支援機関{n}")
    kind = AgencyKind.CONSULTATION_CENTRE
    municipality_code = "131164"  # 豊島区


class AgencyMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgencyMembership

    user = factory.SubFactory(UserFactory)
    agency = factory.SubFactory(AgencyFactory)
    role = AgencyRole.SUPPORT_WORKER


class ProviderMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProviderMembership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationPageFactory)


class PlatformRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlatformRole

    user = factory.SubFactory(UserFactory)
    role = PlatformRoleKind.COORDINATOR


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client

    agency = factory.SubFactory(AgencyFactory)
    name = "豊島 花子"
    name_reading = "としま はなこ"
    phone = "090-1234-5678"
    email = "hanako@example.jp"
    date_of_birth = date(1984, 4, 1)
    household_type = HouseholdType.SINGLE_PARENT
    languages = factory.LazyFunction(lambda: ["ja", "vi"])
    needs_summary = "家賃の滞納と食料の不足"
    municipality_code = "131164"
