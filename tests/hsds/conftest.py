"""A small published directory with every kind of HSDS data, hidden addresses included."""

from datetime import date, time

import pytest

from directory.models import (
    Certification,
    Closure,
    Contact,
    CostOption,
    LocationAccessibility,
    LocationIdentifier,
    LocationPhone,
    OrganizationPhone,
    RequiredDocument,
    ServiceArea,
    ServiceIdentifier,
    ServicePage,
    ServicePhone,
)
from tests.factories import (
    AddressFactory,
    LocationFactory,
    OrganizationPageFactory,
    ServicePageFactory,
    add_schedule,
    category,
    service_at,
)

HIDDEN_POSTAL_CODE = "170-0099"
HIDDEN_STREET = "秘密町9-9-9"


@pytest.fixture
def directory_data(directory_index):
    """Two organizations, three published services, one draft, one hidden (DV) location."""
    org = OrganizationPageFactory(
        title="社会福祉法人 つなぐ会",
        corporate_number="7000012050002",
        provider_type="social_welfare_corporation",
        website="https://example.jp/",
        year_incorporated=1998,
    )
    OrganizationPhone.objects.create(page=org, number="03-1111-2222")
    other = OrganizationPageFactory(title="NPO法人 ひだまり", provider_type="npo")

    food = ServicePageFactory(
        parent=org,
        title="フードパントリー",
        description="食料品を無料でお渡しします。",
        target_groups=["single_parent", "household_with_children"],
        delivery_modes=["in_person"],
        languages=["ja", "ja-x-easy", "en"],
        cost_category="free",
        public_interest_activity=True,
        availability="waitlist",
        capacity_note="今月はあと5件",
        closed_on_public_holidays=False,
        hours_notes="第5週はお休みです",
        minimum_age=18,
        assured_date=date(2025, 4, 1),
        website="https://example.jp/food",
    )
    food.categories.add(category("food"), category("food-pantry"))
    add_schedule(food, byday="MO,WE,FR", opens=(10, 0), closes=(16, 0))
    add_schedule(food, byday="2SA,4SA", opens=(13, 0), closes=(15, 30), freq="MONTHLY")
    add_schedule(food, byday="FR", opens=(22, 0), closes=(2, 0), closes_next_day=True)
    Closure.objects.create(
        service=food,
        start_date=date(2025, 12, 29),
        end_date=date(2026, 1, 3),
        description="年末年始",
    )
    Certification.objects.create(
        service=food,
        kind="food_bank",
        authority="東京都",
        number="F-123",
        valid_from=date(2024, 4, 1),
        valid_until=date(2027, 3, 31),
    )
    ServiceIdentifier.objects.create(
        service=food, type="jp_care_office_number", scheme="JP-MHLW-KAIGO", value="1371234567"
    )
    ServicePage.objects.filter(pk=food.pk).update(name_kana="フードパントリー")
    ServiceArea.objects.create(service=food, municipality_code="131164", name="東京都豊島区")
    ServicePhone.objects.create(page=food, number="03-1234-5678", extension="12")
    CostOption.objects.create(service=food, option="登録料", amount=0, amount_description="無料")
    RequiredDocument.objects.create(service=food, document="本人確認書類")
    Contact.objects.create(service=food, name="山田", department="相談係", phone="03-1234-5679")

    place = LocationFactory(
        organization=org, name="つなぐ会 池袋拠点", transportation="池袋駅から徒歩7分"
    )
    AddressFactory(location=place)
    LocationPhone.objects.create(location=place, number="03-2222-3333", type="fax")
    LocationAccessibility.objects.create(location=place, description="スロープあり")
    place.accessibility_features = ["wheelchair", "elevator"]
    place.name_kana = "ツナグカイイケブクロキョテン"
    place.save()
    LocationIdentifier.objects.create(
        location=place,
        type="jp_disability_office_number",
        scheme="JP-MHLW-SHOGAI",
        value="1312345678",
    )
    service_at(food, place)
    food.save_revision().publish()

    shelter = ServicePageFactory(
        parent=other, title="緊急一時保護", description="安全な場所を提供します。"
    )
    hidden = LocationFactory(
        name="ひだまりシェルター",
        hide_address=True,
        transportation="秘密の道順",
        latitude=35.71,
        longitude=139.70,
    )
    AddressFactory(location=hidden, postal_code=HIDDEN_POSTAL_CODE, address_1=HIDDEN_STREET)
    service_at(shelter, hidden)
    shelter.categories.add(category("housing"))
    shelter.save_revision().publish()

    work = ServicePageFactory(
        parent=other, title="就労準備支援", description="働く準備をお手伝いします。"
    )
    add_schedule(work, all_day=True, opens=(0, 0), closes=(0, 0))
    work.save_revision().publish()

    draft = ServicePageFactory(
        parent=other, title="下書きの支援", description="まだ公開していません。", publish=False
    )
    return {
        "org": org,
        "other": other,
        "food": food,
        "shelter": shelter,
        "work": work,
        "draft": draft,
        "place": place,
        "hidden": hidden,
    }


__all__ = ["time"]
