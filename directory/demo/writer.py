"""Writing the demo plan to the database."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db import connection, transaction

from directory import bulk
from directory.choices import PhoneType
from directory.demo.catalogue_texts import translations_of
from directory.demo.planner import (
    BASE_DATE,
    DEFAULT_SEED,
    LocationPlan,
    OrganizationPlan,
    ServicePlan,
    demo_sizes,
    organization_plans,
)
from directory.demo.selectors import DEMO_LOCATION_MARK
from directory.models import (
    Address,
    Certification,
    Closure,
    DirectoryIndexPage,
    Location,
    OrganizationPage,
    OrganizationPhone,
    RequiredDocument,
    Schedule,
    ServiceArea,
    ServiceAtLocation,
    ServicePage,
    ServicePhone,
    TaxonomyTerm,
)
from directory.services import site_structure_ensure

BATCH_ORGANIZATIONS = 500


@dataclass(frozen=True, kw_only=True)
class DemoSummary:
    organizations: int
    services: int
    locations: int


def demo_data_load(
    *,
    size: int | None = None,
    seed: int = DEFAULT_SEED,
    base_date: date = BASE_DATE,
    on_progress: Callable[[int], None] | None = None,
) -> DemoSummary:
    """Write the demo directory (call ``demo_data_flush`` first if there is one already)."""
    index = site_structure_ensure()
    services, organizations, wards = demo_sizes(size=size)
    plans = organization_plans(
        services=services,
        organizations=organizations,
        wards=wards,
        seed=seed,
        base_date=base_date,
    )
    totals = [0, 0, 0]
    if connection.vendor == "sqlite":
        # Random UUID keys touch a random index page per row; SQLite's default 2 MB page cache
        # then rereads pages for every insert and a 100,000-service load slows down quadratically.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -262144")  # 256 MB, this connection only
    with transaction.atomic():
        writer = _DemoWriter(index=index)
        batch: list[OrganizationPlan] = []
        for plan in plans:
            batch.append(plan)
            if sum(len(p.services) for p in batch) >= 2000 or len(batch) >= BATCH_ORGANIZATIONS:
                _write_batch(writer, batch, totals, on_progress)
                batch = []
        if batch:
            _write_batch(writer, batch, totals, on_progress)
    return DemoSummary(organizations=totals[0], services=totals[1], locations=totals[2])


def _write_batch(
    writer: _DemoWriter,
    batch: list[OrganizationPlan],
    totals: list[int],
    on_progress: Callable[[int], None] | None,
) -> None:
    writer.write(batch)
    written = sum(len(p.services) for p in batch)
    totals[0] += len(batch)
    totals[1] += written
    totals[2] += sum(len(p.locations) for p in batch)
    if on_progress:
        on_progress(written)


class _DemoWriter:
    """Turns plans into unsaved pages and locations, written by ``directory.bulk``.

    The pages are live with the plan's publication date, without revisions or Wagtail's admin
    search index (``load_demo_data`` tells to run ``update_index``).
    """

    def __init__(self, *, index: DirectoryIndexPage) -> None:
        self.index = index
        self.terms = {term.code: term for term in TaxonomyTerm.objects.all()}

    def write(self, plans: list[OrganizationPlan]) -> None:
        organizations = [_organization(plan) for plan in plans]
        bulk.create_pages(
            pages=[(self.index, page) for page in organizations],
            live=True,
            history=False,
            index=False,
        )
        locations = [
            [
                _location(plan, n, loc, organization=organization)
                for n, loc in enumerate(plan.locations)
            ]
            for organization, plan in zip(organizations, plans, strict=True)
        ]
        bulk.create_clusters([loc for rows in locations for loc in rows], index=False)
        services = [
            (organization, self._service(service, location=rows[service.location_index]))
            for organization, plan, rows in zip(organizations, plans, locations, strict=True)
            for service in plan.services
        ]
        bulk.create_pages(pages=services, live=True, history=False, index=False)

    def _service(self, plan: ServicePlan, *, location: Location) -> ServicePage:
        page = ServicePage(
            title=plan.title,
            slug=plan.slug,
            first_published_at=plan.published_at,
            hsds_id=plan.hsds_id,
            description=plan.description,
            name_en=plan.name_en,
            description_en=plan.description_en,
            name_easy=plan.name_easy,
            description_easy=plan.description_easy,
            target_groups=plan.target_groups,
            eligibility_description=plan.eligibility,
            eligibility_description_en=plan.eligibility_en,
            eligibility_description_easy=plan.eligibility_easy,
            minimum_age=plan.min_age,
            maximum_age=plan.max_age,
            delivery_modes=plan.delivery_modes,
            application_process=plan.application,
            application_process_en=plan.application_en,
            application_process_easy=plan.application_easy,
            languages=plan.languages,
            cost_category=plan.cost_category,
            fees_description=plan.fees_description,
            fees_description_en=plan.fees_description_en,
            fees_description_easy=plan.fees_description_easy,
            public_interest_activity=plan.public_interest,
            availability=plan.availability,
            capacity_note=plan.capacity_note,
            capacity_note_en=plan.capacity_note_en,
            capacity_note_easy=plan.capacity_note_easy,
            alert=plan.alert,
            alert_en=plan.alert_en,
            alert_easy=plan.alert_easy,
            closed_on_public_holidays=plan.closed_on_public_holidays,
            hours_notes=plan.hours_notes,
            hours_notes_en=plan.hours_notes_en,
            hours_notes_easy=plan.hours_notes_easy,
            assured_date=plan.assured_date,
            assurer_email="kakunin@example.jp" if plan.assured_date else "",
        )
        page.categories = [
            self.terms[code] for code in (plan.category, plan.subcategory) if code in self.terms
        ]
        page.schedules = [
            Schedule(
                freq=row.freq,
                byday=row.byday,
                opens_at=row.opens_at,
                closes_at=row.closes_at,
                closes_next_day=row.closes_next_day,
                all_day=row.all_day,
            )
            for row in plan.schedules
        ]
        page.closures = [
            Closure(
                start_date=start,
                end_date=end,
                description=reason,
                **_translated("description", reason),
            )
            for start, end, reason in plan.closures
        ]
        page.service_areas = [
            ServiceArea(municipality_code=plan.ward.code, name=plan.ward.full_name)
        ]
        page.service_at_locations = [ServiceAtLocation(location_id=location.pk)]
        page.phones = [
            ServicePhone(
                number=plan.phone,
                description=plan.phone_description,
                **_translated("description", plan.phone_description),
            )
        ]
        page.required_documents = [
            RequiredDocument(document=document, document_en=en, document_easy=easy)
            for document, (en, easy) in zip(plan.documents, plan.documents_translated, strict=True)
        ]
        c = plan.certification
        page.certifications = (
            [
                Certification(
                    kind=c.kind,
                    authority=c.authority,
                    **_translated("authority", c.authority),
                    number=c.number,
                    valid_from=c.valid_from,
                    valid_until=c.valid_until,
                )
            ]
            if c
            else []
        )
        return page


def _translated(field: str, japanese: str) -> dict[str, str]:
    """``<field>_en`` and ``<field>_easy`` of a fixed demo label (closure reason, phone note)."""
    english, easy = translations_of(japanese)
    return {f"{field}_en": english, f"{field}_easy": easy}


def _organization(plan: OrganizationPlan) -> OrganizationPage:
    page = OrganizationPage(
        title=plan.title,
        slug=plan.slug,
        first_published_at=plan.published_at,
        hsds_id=plan.hsds_id,
        alternate_name=plan.alternate_name,
        description=plan.description,
        email=plan.email,
        website=plan.website,
        provider_type=plan.provider_type,
        legal_status=plan.legal_status,
        year_incorporated=plan.year_incorporated,
    )
    phones = [OrganizationPhone(number=plan.phone)]
    if plan.fax:
        phones.append(OrganizationPhone(number=plan.fax, type=PhoneType.FAX))
    page.phones = phones
    return page


def _location(
    plan: OrganizationPlan, n: int, loc: LocationPlan, *, organization: OrganizationPage
) -> Location:
    location = Location(
        organization_id=organization.pk,
        name=loc.name,
        name_en=loc.name_en,
        name_easy=loc.name_easy,
        description=loc.description,
        transportation=loc.transportation,
        transportation_en=loc.transportation_en,
        transportation_easy=loc.transportation_easy,
        latitude=loc.latitude,
        longitude=loc.longitude,
        geocode_precision="manual",
        municipality_code=plan.ward.code,
        hide_address=loc.hide_address,
        accessibility_features=loc.accessibility,
        external_identifier=f"{plan.slug}-{n + 1}",
        external_identifier_type=DEMO_LOCATION_MARK,
    )
    location.addresses = [
        Address(
            postal_code=loc.town.postal_code,
            state_province="東京都",
            city=plan.ward.name,
            address_1=loc.address_1,
            address_2=loc.address_2,
        )
    ]
    return location
