"""The demo plan: plain data, no database, drawn deterministically from the catalogue.

The same seed gives the same directory: one ``random.Random`` drives every choice and dates are
relative to ``BASE_DATE``, not to today. Phone numbers use the 03-0XXX-XXXX range, which Japan
does not assign (a subscriber number never starts with 0), so a demo ``tel:`` link can never ring
a real person. Web addresses are under ``example.jp`` (reserved by JPRS for examples).
"""

from __future__ import annotations

import math
import random
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from directory.choices import Availability, CertificationKind, DeliveryMode, ProviderType
from directory.demo.catalogue import (
    ACCESSIBILITY,
    BUILDINGS,
    CORE_KINDS,
    DIRECTIONS,
    DV_SUPPORT,
    EXTRA_KINDS,
    EXTRA_SENTENCES,
    EXTRA_SENTENCES_EASY,
    EXTRA_SENTENCES_EN,
    FOOD_BANK,
    HOLIDAY_OPEN,
    HOURS,
    KANJI_DIGITS,
    LEGAL_STATUS,
    NO_YEAR_END,
    PAUSED_NOTES,
    PREFIX_TYPES,
    SHAKYO,
    WAITLIST_NOTES,
    WORDS,
    OrgKind,
)
from directory.demo.catalogue_texts import (
    access_note,
    closure_notice,
    place_name,
    translations_of,
)
from directory.demo.places import EXTRA_WARDS, MAIN_WARDS, Town, Ward

BASE_DATE = date(2026, 11, 1)
DEFAULT_SEED = 1
DEFAULT_ORGANIZATIONS = 124
DEFAULT_SERVICES = 320


@dataclass(kw_only=True)
class LocationPlan:
    name: str
    town: Town
    address_1: str
    address_2: str
    latitude: float
    longitude: float
    transportation: str
    accessibility: list[str]
    hide_address: bool = False
    description: str = ""
    # English and やさしい日本語 of the name and the access note
    name_en: str = ""
    name_easy: str = ""
    transportation_en: str = ""
    transportation_easy: str = ""


@dataclass(frozen=True, kw_only=True)
class SchedulePlan:
    freq: str
    byday: str
    opens_at: time | None
    closes_at: time | None
    closes_next_day: bool
    all_day: bool


@dataclass(frozen=True, kw_only=True)
class CertificationPlan:
    kind: str
    authority: str
    number: str
    valid_from: date | None
    valid_until: date | None


@dataclass(kw_only=True)
class ServicePlan:
    slug: str
    title: str
    hsds_id: uuid.UUID
    template: str  # the template's first name, to vary an organization's services
    ward: Ward
    description: str
    name_en: str
    description_en: str
    name_easy: str
    description_easy: str
    category: str
    subcategory: str
    target_groups: list[str]
    delivery_modes: list[str]
    languages: list[str]
    cost_category: str
    fees_description: str
    eligibility: str
    application: str
    documents: tuple[str, ...]
    # English and やさしい日本語 of the four above (documents: one pair per document)
    fees_description_en: str = ""
    fees_description_easy: str = ""
    eligibility_en: str = ""
    eligibility_easy: str = ""
    application_en: str = ""
    application_easy: str = ""
    documents_translated: tuple[tuple[str, str], ...] = ()
    availability: str
    capacity_note: str
    alert: str
    # English and やさしい日本語 of the two above (closure reasons and phone notes: the writer)
    capacity_note_en: str = ""
    capacity_note_easy: str = ""
    alert_en: str = ""
    alert_easy: str = ""
    assured_date: date | None
    public_interest: bool
    certification: CertificationPlan | None
    closed_on_public_holidays: bool
    hours_notes: str
    hours_notes_en: str
    hours_notes_easy: str
    schedules: list[SchedulePlan]
    closures: list[tuple[date, date, str]]
    location_index: int
    phone: str
    phone_description: str
    min_age: int | None
    max_age: int | None
    published_at: datetime


@dataclass(kw_only=True)
class OrganizationPlan:
    slug: str
    title: str
    hsds_id: uuid.UUID
    kind: str
    alternate_name: str
    description: str
    provider_type: str
    legal_status: str
    year_incorporated: int
    website: str
    email: str
    phone: str
    fax: str
    ward: Ward
    locations: list[LocationPlan]
    services: list[ServicePlan] = field(default_factory=list)
    published_at: datetime


def demo_sizes(*, size: int | None) -> tuple[int, int, tuple[Ward, ...]]:
    """(services, organizations, wards): the realistic default, or ``size`` for benchmarks."""
    if size is None:
        return DEFAULT_SERVICES, DEFAULT_ORGANIZATIONS, MAIN_WARDS
    return size, max(1, round(size / 3)), MAIN_WARDS + EXTRA_WARDS


def organization_plans(
    *,
    services: int,
    organizations: int,
    wards: Sequence[Ward],
    seed: int = DEFAULT_SEED,
    base_date: date = BASE_DATE,
) -> Iterator[OrganizationPlan]:
    """Yield the organizations with their services, one at a time, deterministically.

    Organizations cycle through ``wards``; the first ones in each ward are one of each
    ``CORE_KINDS`` so that every top-level category has services in every ward.
    """
    rng = random.Random(seed)
    ids = random.Random(f"{seed}:ids")  # a separate stream, so content does not depend on it
    count = min(organizations, services)
    kinds: list[OrgKind] = []
    extra_weights = [k.weight for k in EXTRA_KINDS]
    for i in range(count):
        j = i // len(wards)
        if j < len(CORE_KINDS):
            kinds.append(CORE_KINDS[j])
        else:
            kinds.append(rng.choices(EXTRA_KINDS, weights=extra_weights)[0])
    per_org = [k.min_services for k in kinds]
    if sum(per_org) > services:
        per_org = [1] * count
    for i in rng.choices(
        range(count), weights=[k.service_weight for k in kinds], k=services - sum(per_org)
    ):
        per_org[i] += 1
    context = _PlanContext(rng=rng, ids=ids, base_date=base_date)
    for i, kind in enumerate(kinds):
        ward = wards[i % len(wards)]
        organization = _organization_plan(context, index=i, kind=kind, ward=ward)
        for _ in range(per_org[i]):
            organization.services.append(
                _service_plan(context, organization=organization, kind=kind)
            )
        yield organization


@dataclass(kw_only=True)
class _PlanContext:
    rng: random.Random
    ids: random.Random
    base_date: date
    titles: set[str] = field(default_factory=set)
    service_count: int = 0
    certification_count: int = 0

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.ids.getrandbits(128), version=4)

    def published_at(self, *, max_days: int) -> datetime:
        day = self.base_date - timedelta(days=self.rng.randint(7, max_days))
        return datetime.combine(day, time(0, 30), tzinfo=UTC)

    def phone(self) -> str:
        # 03-0XXX-XXXX: never assigned in Japan (see the module docstring)
        return f"03-0{self.rng.randint(100, 999)}-{self.rng.randint(0, 9999):04d}"


def _fill(text: str, *, ward: Ward, town: Town, word: str) -> str:
    if "{" not in text:
        return text
    return text.format(
        kana=ward.kana,
        ward=ward.name,
        city=ward.name,
        town=town.name,
        word=word,
        # seeding a Random from a string hashes it: only when the text needs it (a separate
        # stream, so skipping it changes nothing else)
        dir=(
            random.Random(f"{ward.code}{town.name}{word}").choice(DIRECTIONS)
            if "{dir}" in text
            else ""
        ),
    )


def _organization_plan(
    context: _PlanContext, *, index: int, kind: OrgKind, ward: Ward
) -> OrganizationPlan:
    rng = context.rng
    town = rng.choice(ward.towns)
    title = ""
    for _attempt in range(5):
        word = rng.choice(WORDS)
        title = _fill(rng.choice(kind.names), ward=ward, town=town, word=word)
        if title not in context.titles:
            break
    if index == 0 and kind is FOOD_BANK:
        title = "NPO法人 フードバンクとしま東"  # the provider account's organization
    context.titles.add(title)
    provider_type, short_name = kind.provider_type, title
    for prefix, prefix_type in PREFIX_TYPES:
        if title.startswith(prefix):
            if kind is not SHAKYO:  # 社協 is a 社会福祉法人 but its own provider type
                provider_type = prefix_type
            short_name = title.split(" ", 1)[-1]
            break
    legal_status = kind.legal_status or LEGAL_STATUS.get(provider_type, title.split(" ")[0])
    slug = f"org-{index + 1:04d}"
    locations = [
        _location_plan(
            context, ward=ward, town=town, names=place_name(organization=short_name, kind="事務所")
        )
    ]
    if kind is DV_SUPPORT:
        shelter = _location_plan(
            context,
            ward=ward,
            town=rng.choice(ward.towns),
            names=place_name(organization=short_name, kind="一時保護施設"),
        )
        shelter.hide_address = True
        shelter.transportation = shelter.transportation_en = shelter.transportation_easy = ""
        shelter.description = "安全のため所在地は公開していません。"
        locations.append(shelter)
    elif rng.random() < 0.25:
        other = rng.choice(ward.towns)
        locations.append(
            _location_plan(
                context,
                ward=ward,
                town=other,
                names=place_name(organization=short_name, kind="{town}分室", town=other.name),
            )
        )
    description = _fill(kind.description, ward=ward, town=town, word=word)
    return OrganizationPlan(
        slug=slug,
        title=title,
        hsds_id=context.uuid(),
        kind=kind.key,
        alternate_name=short_name if short_name != title else "",
        description=description,
        provider_type=provider_type,
        legal_status=legal_status,
        year_incorporated=(
            rng.randint(1951, 1965)
            if provider_type == ProviderType.COUNCIL_OF_SOCIAL_WELFARE
            else rng.randint(1999 if provider_type == ProviderType.NPO else 1970, 2023)
        ),
        website=f"https://{slug}.example.jp/",
        email=f"info@{slug}.example.jp",
        phone=context.phone(),
        fax=context.phone() if rng.random() < 0.6 else "",
        ward=ward,
        locations=locations,
        published_at=context.published_at(max_days=1200),
    )


def _location_plan(
    context: _PlanContext, *, ward: Ward, town: Town, names: tuple[str, str, str]
) -> LocationPlan:
    """A place of ``ward``; ``names`` is its name in Japanese, English and やさしい日本語."""
    rng = context.rng
    # Uniform in a 1.5 km disc around the ward's centre; 1° latitude ≈ 111 km.
    radius = 1.5 * math.sqrt(rng.random())
    angle = rng.random() * 2 * math.pi
    latitude = ward.latitude + radius * math.cos(angle) / 111.0
    longitude = ward.longitude + radius * math.sin(angle) / (
        111.0 * math.cos(math.radians(ward.latitude))
    )
    word = rng.choice(WORDS)
    building = ""
    if rng.random() < 0.7:
        building = _fill(rng.choice(BUILDINGS), ward=ward, town=town, word=word)
        building += f" {rng.randint(1, 5)}階"
    address_1 = (
        f"{town.name}{rng.choice(KANJI_DIGITS)}丁目{rng.randint(1, 30)}番{rng.randint(1, 20)}号"
    )
    access = access_note(station=town.station, minutes=rng.randint(2, 15))
    return LocationPlan(
        name=names[0],
        name_en=names[1],
        name_easy=names[2],
        town=town,
        address_1=address_1,
        address_2=building,
        latitude=round(latitude, 6),
        longitude=round(longitude, 6),
        transportation=access[0],
        transportation_en=access[1],
        transportation_easy=access[2],
        accessibility=sorted(rng.sample(ACCESSIBILITY, rng.randint(0, 3))),
    )


def _service_plan(
    context: _PlanContext, *, organization: OrganizationPlan, kind: OrgKind
) -> ServicePlan:
    rng = context.rng
    ward = organization.ward
    position = len(organization.services)
    if position < kind.min_services:
        # the first templates are what a core organization must offer (coverage, shelters)
        template = kind.services[position]
    else:
        offered = {s.template for s in organization.services}
        unused = [t for t in kind.services if t.names[0] not in offered]
        template = rng.choice(unused or kind.services)
    visible = [i for i, loc in enumerate(organization.locations) if not loc.hide_address]
    location_index = (
        next(i for i, loc in enumerate(organization.locations) if loc.hide_address)
        if template.shelter
        else rng.choice(visible)
    )
    town = organization.locations[location_index].town
    word = rng.choice(WORDS)
    # rng.choice(range(n)) draws exactly as rng.choice(names) did; the index also picks the
    # translated names, so adding them changes nothing else in the directory.
    name_index = rng.choice(range(len(template.names)))
    title = _fill(template.names[name_index], ward=ward, town=town, word=word)
    name_en = _fill(template.names_en[name_index], ward=ward, town=town, word=word)
    name_easy = (
        _fill(template.names_easy[name_index], ward=ward, town=town, word=word)
        if template.names_easy
        else ""
    )
    taken = {s.title for s in organization.services}
    if title in taken:
        venue = rng.choice(ward.towns).name
        title = f"{title}（{venue}会場）"
        name_en = f"{name_en} ({venue} venue)"
        name_easy = f"{name_easy}（{venue} かいじょう）" if name_easy else ""
    if title in taken:
        title = f"{title} {position + 1}"
        name_en = f"{name_en} {position + 1}"
        name_easy = f"{name_easy} {position + 1}" if name_easy else ""
    context.service_count += 1

    hours_key = rng.choice(template.hours)
    if template.languages:
        languages = list(rng.choice(template.languages))
    else:
        roll = rng.random()
        languages = (
            ["ja"]
            if roll < 0.82
            else ["ja", "ja-x-easy"]
            if roll < 0.92
            else ["ja", "en"]
            if roll < 0.97
            else ["ja", "en", "zh"]
        )
    food_near_ikebukuro = (
        ward is MAIN_WARDS[0]
        and template.subcategory in ("food-bank", "food-pantry")
        and DeliveryMode.IN_PERSON in template.delivery
    )
    if food_near_ikebukuro:
        # Residents search 豊島区 for food in English on a Saturday: make sure that finds several.
        languages = list(rng.choice((("ja", "en"), ("ja", "en", "zh"), ("ja", "en", "ja-x-easy"))))
        hours_key = rng.choice(("weekday_saturday", "saturday"))
    schedules = [
        SchedulePlan(
            freq=freq,
            byday=byday,
            opens_at=_time(opens),
            closes_at=_time(closes),
            closes_next_day=bool(opens and closes and closes <= opens),
            all_day=opens is None,
        )
        for freq, byday, opens, closes in HOURS[hours_key]
    ]
    closures: list[tuple[date, date, str]] = []
    if hours_key not in NO_YEAR_END and rng.random() < 0.8:
        year = context.base_date.year
        closures.append((date(year, 12, 29), date(year + 1, 1, 3), "年末年始"))
    alert = alert_en = alert_easy = ""
    if rng.random() < 0.03:
        start = context.base_date + timedelta(days=rng.randint(10, 40))
        closures.append(
            (start, start + timedelta(days=rng.randint(0, 2)), "施設点検のため臨時休業")
        )
        alert, alert_en, alert_easy = closure_notice(month=start.month, day=start.day)

    roll = rng.random()
    if hours_key == "24h" or roll < 0.8:
        availability, capacity_note = Availability.ACCEPTING, ""
    elif roll < 0.92:
        availability, capacity_note = Availability.WAITLIST, rng.choice(WAITLIST_NOTES)
    else:
        availability, capacity_note = Availability.PAUSED, rng.choice(PAUSED_NOTES)

    roll = rng.random()
    if roll < 0.6:
        assured_date: date | None = context.base_date - timedelta(days=rng.randint(0, 90))
    elif roll < 0.85:
        assured_date = context.base_date - timedelta(days=rng.randint(190, 600))
    else:
        assured_date = None

    certification = None
    if template.certification:
        context.certification_count += 1
        n = context.certification_count
        valid_from = context.base_date - timedelta(days=rng.randint(200, 1500))
        if template.certification == CertificationKind.WORK_TRAINING:
            # every sixth one has lapsed, so the "expired" badge has something to show
            expired = n % 6 == 2
            valid_until = context.base_date + timedelta(
                days=-rng.randint(10, 120) if expired else rng.randint(60, 1100)
            )
            number = f"東京都認定 第{1000 + n}号"
        else:
            valid_until = None
            number = f"東京都居住支援法人 第{100 + n}号"
        certification = CertificationPlan(
            kind=template.certification,
            authority="東京都",
            number=number,
            valid_from=valid_from,
            valid_until=valid_until,
        )

    description = _fill(template.description, ward=ward, town=town, word=word)
    description_en = _fill(template.description_en, ward=ward, town=town, word=word)
    description_easy = (
        _fill(template.description_easy, ward=ward, town=town, word=word)
        if template.description_easy
        else ""
    )
    if description.count("。") < 4:
        extra = rng.choice(range(len(EXTRA_SENTENCES)))  # the same draw as choice(EXTRA_SENTENCES)
        description += EXTRA_SENTENCES[extra]
        if EXTRA_SENTENCES_EN[extra]:
            description_en = f"{description_en} {EXTRA_SENTENCES_EN[extra]}"
        if description_easy:
            description_easy += EXTRA_SENTENCES_EASY[extra]
    own_phone = rng.random() < 0.4 or hours_key in ("24h", "night_line")
    fees_en, fees_easy = translations_of(template.fees)
    eligibility_en, eligibility_easy = (
        _fill(text, ward=ward, town=town, word=word) if text else ""
        for text in translations_of(template.eligibility)
    )
    application_en, application_easy = translations_of(template.application)
    capacity_note_en, capacity_note_easy = translations_of(capacity_note)
    hours_notes_en, hours_notes_easy = translations_of(template.hours_note)
    return ServicePlan(
        slug=f"svc-{context.service_count:05d}",
        title=title,
        hsds_id=context.uuid(),
        template=template.names[0],
        ward=ward,
        description=description,
        name_en=name_en,
        description_en=description_en,
        name_easy=name_easy,
        description_easy=description_easy,
        category=template.category,
        subcategory=template.subcategory,
        target_groups=list(dict.fromkeys(template.target_groups)),
        delivery_modes=list(template.delivery),
        languages=languages,
        cost_category=template.cost,
        fees_description=template.fees,
        eligibility=_fill(template.eligibility, ward=ward, town=town, word=word),
        application=template.application,
        documents=template.documents,
        fees_description_en=fees_en,
        fees_description_easy=fees_easy,
        eligibility_en=eligibility_en,
        eligibility_easy=eligibility_easy,
        application_en=application_en,
        application_easy=application_easy,
        documents_translated=tuple(translations_of(d) for d in template.documents),
        availability=availability,
        capacity_note=capacity_note,
        alert=alert,
        capacity_note_en=capacity_note_en,
        capacity_note_easy=capacity_note_easy,
        alert_en=alert_en,
        alert_easy=alert_easy,
        assured_date=assured_date,
        public_interest=(
            template.public_interest
            and organization.provider_type == ProviderType.SOCIAL_WELFARE_CORPORATION
        ),
        certification=certification,
        closed_on_public_holidays=(False if hours_key in HOLIDAY_OPEN else rng.random() < 0.9),
        hours_notes=template.hours_note,
        hours_notes_en=hours_notes_en,
        hours_notes_easy=hours_notes_easy,
        schedules=schedules,
        closures=closures,
        location_index=location_index,
        phone=context.phone() if own_phone else organization.phone,
        phone_description="相談専用" if own_phone else "代表",
        min_age=template.min_age,
        max_age=template.max_age,
        published_at=context.published_at(max_days=900),
    )


def _time(value: str | None) -> time | None:
    return time.fromisoformat(value) if value else None
