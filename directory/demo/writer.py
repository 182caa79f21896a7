"""Writing the demo plan to the database."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from wagtail.models import Page

from directory.choices import (
    PhoneType,
)
from directory.demo.planner import (
    BASE_DATE,
    DEFAULT_SEED,
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
        writer = _BulkWriter(index=index)
        batch: list[OrganizationPlan] = []
        for plan in plans:
            batch.append(plan)
            if sum(len(p.services) for p in batch) >= 2000 or len(batch) >= BATCH_ORGANIZATIONS:
                _write_batch(writer, batch, totals, on_progress)
                batch = []
        if batch:
            _write_batch(writer, batch, totals, on_progress)
        writer.finish()
    return DemoSummary(organizations=totals[0], services=totals[1], locations=totals[2])


def _write_batch(
    writer: _BulkWriter,
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


class _BulkWriter:
    """Writes organization and service pages as treebeard rows under the directory page."""

    def __init__(self, *, index: DirectoryIndexPage) -> None:
        self.index = index
        last = index.get_last_child()
        self.next_step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
        self.added = 0
        self.locale_id = index.locale_id
        self.org_type = ContentType.objects.get_for_model(OrganizationPage)
        self.service_type = ContentType.objects.get_for_model(ServicePage)
        self.terms = dict(TaxonomyTerm.objects.values_list("code", "pk"))

    def _page(
        self,
        *,
        title: str,
        slug: str,
        parent_path: str,
        parent_url: str,
        depth: int,
        step: int,
        numchild: int,
        published: datetime,
        content_type: ContentType,
    ) -> Page:
        return Page(
            title=title,
            draft_title=title,
            slug=slug,
            path=Page._get_path(parent_path, depth, step),
            depth=depth,
            numchild=numchild,
            url_path=f"{parent_url}{slug}/",
            live=True,
            has_unpublished_changes=False,
            first_published_at=published,
            last_published_at=published,
            content_type=content_type,
            locale_id=self.locale_id,
            translation_key=uuid.uuid4(),
        )

    def write(self, plans: list[OrganizationPlan]) -> None:
        depth = self.index.depth + 1
        org_pages = []
        for plan in plans:
            org_pages.append(
                self._page(
                    title=plan.title,
                    slug=plan.slug,
                    parent_path=self.index.path,
                    parent_url=self.index.url_path,
                    depth=depth,
                    step=self.next_step,
                    numchild=len(plan.services),
                    published=plan.published_at,
                    content_type=self.org_type,
                )
            )
            self.next_step += 1
        Page.objects.bulk_create(org_pages)
        self.added += len(plans)
        _insert_specific(
            OrganizationPage,
            [
                OrganizationPage(
                    id=page.pk,
                    page_ptr_id=page.pk,
                    hsds_id=plan.hsds_id,
                    alternate_name=plan.alternate_name,
                    description=plan.description,
                    email=plan.email,
                    website=plan.website,
                    provider_type=plan.provider_type,
                    legal_status=plan.legal_status,
                    year_incorporated=plan.year_incorporated,
                )
                for page, plan in zip(org_pages, plans, strict=True)
            ],
        )
        phones = []
        for page, plan in zip(org_pages, plans, strict=True):
            phones.append(OrganizationPhone(page_id=page.pk, number=plan.phone, sort_order=0))
            if plan.fax:
                phones.append(
                    OrganizationPhone(
                        page_id=page.pk, number=plan.fax, type=PhoneType.FAX, sort_order=1
                    )
                )
        OrganizationPhone.objects.bulk_create(phones)

        locations: list[Location] = []
        for page, plan in zip(org_pages, plans, strict=True):
            for n, loc in enumerate(plan.locations):
                locations.append(
                    Location(
                        organization_id=page.pk,
                        name=loc.name,
                        description=loc.description,
                        transportation=loc.transportation,
                        latitude=loc.latitude,
                        longitude=loc.longitude,
                        geocode_precision="manual",
                        municipality_code=plan.ward.code,
                        hide_address=loc.hide_address,
                        accessibility_features=loc.accessibility,
                        external_identifier=f"{plan.slug}-{n + 1}",
                        external_identifier_type=DEMO_LOCATION_MARK,
                    )
                )
        Location.objects.bulk_create(locations)
        addresses = []
        location_ids: list[list[int]] = []
        it = iter(locations)
        for plan in plans:
            ids = []
            for loc in plan.locations:
                row = next(it)
                ids.append(row.pk)
                addresses.append(
                    Address(
                        location_id=row.pk,
                        postal_code=loc.town.postal_code,
                        state_province="東京都",
                        city=plan.ward.name,
                        address_1=loc.address_1,
                        address_2=loc.address_2,
                        sort_order=0,
                    )
                )
            location_ids.append(ids)
        Address.objects.bulk_create(addresses)

        service_pages: list[Page] = []
        services: list[ServicePlan] = []
        service_locations: list[int] = []
        for org_page, plan, ids in zip(org_pages, plans, location_ids, strict=True):
            for step, service in enumerate(plan.services, start=1):
                service_pages.append(
                    self._page(
                        title=service.title,
                        slug=service.slug,
                        parent_path=org_page.path,
                        parent_url=org_page.url_path,
                        depth=depth + 1,
                        step=step,
                        numchild=0,
                        published=service.published_at,
                        content_type=self.service_type,
                    )
                )
                services.append(service)
                service_locations.append(ids[service.location_index])
        Page.objects.bulk_create(service_pages)
        _insert_specific(
            ServicePage,
            [self._service(page, plan) for page, plan in zip(service_pages, services, strict=True)],
        )
        self._service_children(service_pages, services, service_locations)

    def _service(self, page: Page, plan: ServicePlan) -> ServicePage:
        return ServicePage(
            id=page.pk,
            page_ptr_id=page.pk,
            hsds_id=plan.hsds_id,
            description=plan.description,
            name_en=plan.name_en,
            description_en=plan.description_en,
            name_easy=plan.name_easy,
            description_easy=plan.description_easy,
            target_groups=plan.target_groups,
            eligibility_description=plan.eligibility,
            minimum_age=plan.min_age,
            maximum_age=plan.max_age,
            delivery_modes=plan.delivery_modes,
            application_process=plan.application,
            languages=plan.languages,
            cost_category=plan.cost_category,
            fees_description=plan.fees_description,
            public_interest_activity=plan.public_interest,
            availability=plan.availability,
            capacity_note=plan.capacity_note,
            alert=plan.alert,
            closed_on_public_holidays=plan.closed_on_public_holidays,
            hours_notes=plan.hours_notes,
            assured_date=plan.assured_date,
            assurer_email="kakunin@example.jp" if plan.assured_date else "",
        )

    def _service_children(
        self, pages: list[Page], plans: list[ServicePlan], locations: list[int]
    ) -> None:
        through = ServicePage.categories.through
        categories, schedules, closures, areas, at_locations = [], [], [], [], []
        phones, documents, certifications = [], [], []
        for page, plan, location_id in zip(pages, plans, locations, strict=True):
            pk = page.pk
            for code in (plan.category, plan.subcategory):
                if code in self.terms:
                    categories.append(through(servicepage_id=pk, taxonomyterm_id=self.terms[code]))
            for n, row in enumerate(plan.schedules):
                schedules.append(
                    Schedule(
                        service_id=pk,
                        sort_order=n,
                        freq=row.freq,
                        byday=row.byday,
                        opens_at=row.opens_at,
                        closes_at=row.closes_at,
                        closes_next_day=row.closes_next_day,
                        all_day=row.all_day,
                    )
                )
            for n, (start, end, reason) in enumerate(plan.closures):
                closures.append(
                    Closure(
                        service_id=pk,
                        sort_order=n,
                        start_date=start,
                        end_date=end,
                        description=reason,
                    )
                )
            areas.append(
                ServiceArea(
                    service_id=pk,
                    sort_order=0,
                    municipality_code=plan.ward.code,
                    name=plan.ward.full_name,
                )
            )
            at_locations.append(
                ServiceAtLocation(service_id=pk, location_id=location_id, sort_order=0)
            )
            phones.append(
                ServicePhone(
                    page_id=pk, number=plan.phone, description=plan.phone_description, sort_order=0
                )
            )
            for n, document in enumerate(plan.documents):
                documents.append(RequiredDocument(service_id=pk, document=document, sort_order=n))
            if plan.certification:
                c = plan.certification
                certifications.append(
                    Certification(
                        service_id=pk,
                        sort_order=0,
                        kind=c.kind,
                        authority=c.authority,
                        number=c.number,
                        valid_from=c.valid_from,
                        valid_until=c.valid_until,
                    )
                )
        for model, rows in (
            (through, categories),
            (Schedule, schedules),
            (Closure, closures),
            (ServiceArea, areas),
            (ServiceAtLocation, at_locations),
            (ServicePhone, phones),
            (RequiredDocument, documents),
            (Certification, certifications),
        ):
            model.objects.bulk_create(rows, batch_size=2000)

    def finish(self) -> None:
        Page.objects.filter(pk=self.index.pk).update(numchild=F("numchild") + self.added)


def _insert_specific(model: type[Page], objects: list[Page]) -> None:
    """Insert the subclass table rows of pages whose base rows exist (what ``save`` does)."""
    fields = model._meta.local_concrete_fields
    size = max(1, connection.ops.bulk_batch_size(fields, objects) or len(objects))
    for start in range(0, len(objects), size):
        model._base_manager._insert(objects[start : start + size], fields=fields, using="default")
