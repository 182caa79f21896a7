"""Stage 3, apply: write a plan in one transaction, keeping HSDS ids so re-imports update."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Model
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Revision

from directory import bulk
from directory.hsds.importer.plan import Plan, Planned
from directory.hsds.problems import Report
from directory.hsds.tabular import SOURCE
from directory.models import (
    Address,
    Certification,
    Closure,
    Contact,
    CostOption,
    Location,
    LocationAccessibility,
    LocationIdentifier,
    LocationPhone,
    OrganizationPage,
    OrganizationPhone,
    RequiredDocument,
    Schedule,
    ServiceArea,
    ServiceAtLocation,
    ServiceIdentifier,
    ServicePage,
    ServicePhone,
    Taxonomy,
    TaxonomyTerm,
)
from directory.services import site_structure_ensure

Progress = Callable[[Iterable[Any], str, int], Iterable[Any]]

SERVICE_CHILDREN = (
    "phones",
    "schedules",
    "closures",
    "service_areas",
    "cost_options",
    "required_documents",
    "contacts",
    "certifications",
    "identifiers",
    "service_at_locations",
)


def _no_progress(iterable: Iterable[Any], _desc: str, _total: int) -> Iterable[Any]:
    return iterable


class Writer:
    """Writes a plan; must run inside one transaction (``import_package`` sees to it)."""

    def __init__(self, plan: Plan, *, report: Report, draft: bool, progress: Progress) -> None:
        self.plan = plan
        self.report = report
        self.draft = draft
        self.progress = progress
        self.taxonomies: dict[uuid.UUID, Taxonomy] = {}
        self.terms: dict[uuid.UUID, TaxonomyTerm] = {}
        self.organizations: dict[uuid.UUID, OrganizationPage] = {}
        self.locations: dict[uuid.UUID, Location] = {}
        self.service_ids: list[int] = []
        self.created_services: list[tuple[ServicePage, tuple[str, str]]] = []

    def run(self) -> list[int]:
        self.index = site_structure_ensure()
        self.write_taxonomies()
        self.write_organizations()
        self.write_locations()
        self.write_services()
        return self.service_ids

    def write_taxonomies(self) -> None:
        plan = self.plan
        existing = {t.hsds_id: t for t in Taxonomy.objects.filter(hsds_id__in=plan.taxonomies)}
        by_name = {t.name: t for t in Taxonomy.objects.all()}
        for taxonomy_id, planned in plan.taxonomies.items():
            taxonomy = existing.get(taxonomy_id) or by_name.get(planned.values["name"])
            created = taxonomy is None
            if taxonomy is None:
                taxonomy = Taxonomy(hsds_id=taxonomy_id, **planned.values)
                taxonomy.save()
            elif planned.links["has_detail"]:
                for key, value in planned.values.items():
                    setattr(taxonomy, key, value)
                taxonomy.save()
            self.taxonomies[taxonomy_id] = taxonomy
            self.report.count("taxonomy", created=created)
        wanted = set(plan.terms) | {
            t for s in plan.services.values() for t in s.links["categories"]
        }
        wanted |= {t.links["parent"] for t in plan.terms.values() if t.links["parent"]}
        self.terms = {t.hsds_id: t for t in TaxonomyTerm.objects.filter(hsds_id__in=wanted)}
        codes = {t.code: t for t in TaxonomyTerm.objects.all()}
        for term_id, planned in plan.terms.items():
            taxonomy = self.taxonomies[planned.links["taxonomy"]]
            term = self.terms.get(term_id)
            code = planned.values["code"] or f"t-{term_id.hex[:12]}"
            same_code = codes.get(code)
            if term is None and same_code is not None and same_code.taxonomy_id == taxonomy.pk:
                # Our own categories re-imported into a fresh site: keep the existing term.
                term = same_code
            created = term is None
            if term is None:
                if same_code is not None:
                    code = f"{code[:60]}-{term_id.hex[:8]}"
                term = TaxonomyTerm(hsds_id=term_id, taxonomy=taxonomy, code=code)
            elif term.code != code and code not in codes:
                term.code = code
            term.name = planned.values["name"] or code
            term.description = planned.values["description"]
            term.taxonomy = taxonomy
            term.save()
            codes[term.code] = term
            self.terms[term_id] = term
            self.report.count("taxonomy_term", created=created)
        for term_id, planned in plan.terms.items():
            parent_id = planned.links["parent"]
            term = self.terms[term_id]
            parent = self.terms.get(parent_id) if parent_id else None
            if (parent.pk if parent else None) != term.parent_id:
                term.parent = parent
                term.save(update_fields=["parent"])

    def write_organizations(self) -> None:
        plan = self.plan
        existing = {
            o.hsds_id: o
            for o in OrganizationPage.objects.filter(
                hsds_id__in=set(plan.organizations)
                | {s.links["organization"] for s in plan.services.values()}
                | {
                    loc.links["organization"]
                    for loc in plan.locations.values()
                    if loc.links["organization"]
                }
            ).prefetch_related("phones")
        }
        self.organizations = dict(existing)
        matched = self._organizations_by_number(existing)
        new_pages = []
        items = list(plan.organizations.items())
        for org_id, planned in self.progress(items, _("団体"), len(items)):
            page = existing.get(org_id) or matched.get(org_id)
            if page is None:
                page = OrganizationPage(hsds_id=org_id, slug=_slug(planned.values["title"], org_id))
                self._set(page, planned.values)
                page.phones = _merge([], OrganizationPhone, planned.children["phones"])
                new_pages.append((self.index, page))
            elif (
                self._published_as_wanted(page)
                and _values_equal(page, planned.values)
                and _rows_equal(page.phones.all(), planned.children["phones"])
            ):
                pass
            else:
                if page.has_unpublished_changes:
                    page = page.get_latest_revision_as_object()
                self._set(page, planned.values)
                page.phones = _merge(
                    page.phones.all(), OrganizationPhone, planned.children["phones"]
                )
                self._save_page(page, created=False)
            self.organizations[org_id] = page
            self.report.count(
                "organization", created=org_id not in existing and org_id not in matched
            )
        bulk.create_pages(pages=new_pages, live=not self.draft, history=True, index=True)

    def _organizations_by_number(
        self, existing: dict[uuid.UUID, OrganizationPage]
    ) -> dict[uuid.UUID, OrganizationPage]:
        """Organizations of the file not known by id, found by their 法人番号 (before names)."""
        wanted = {
            planned.values["corporate_number"]: org_id
            for org_id, planned in self.plan.organizations.items()
            if org_id not in existing and planned.values["corporate_number"]
        }
        if not wanted:
            return {}
        return {
            wanted[page.corporate_number]: page
            for page in OrganizationPage.objects.filter(
                corporate_number__in=wanted
            ).prefetch_related("phones")
        }

    def _services_by_identifier(
        self, existing: dict[uuid.UUID, ServicePage]
    ) -> dict[uuid.UUID, ServicePage]:
        """Services of the file not known by id, found by an official number (事業所番号 …).

        A number shared by several stored services (one 事業所, several services) matches none.
        """
        wanted: dict[tuple[str, str], uuid.UUID] = {}
        for service_id, planned in self.plan.services.items():
            if service_id not in existing:
                for row in planned.children.get("identifiers", []):
                    wanted.setdefault((row["type"], row["value"]), service_id)
        if not wanted:
            return {}
        owners: dict[tuple[str, str], set[int]] = {}
        for kind, value, page_id in ServiceIdentifier.objects.filter(
            value__in={value for _kind, value in wanted}
        ).values_list("type", "value", "service_id"):
            owners.setdefault((kind, value), set()).add(page_id)
        found: dict[uuid.UUID, int] = {}
        taken = {page.pk for page in existing.values()}
        for key, service_id in wanted.items():
            pages = owners.get(key, set())
            if len(pages) == 1 and service_id not in found and not pages & taken:
                found[service_id] = next(iter(pages))
                taken |= pages
        pages = ServicePage.objects.prefetch_related(*SERVICE_CHILDREN, "categories").in_bulk(
            found.values()
        )
        return {service_id: pages[pk] for service_id, pk in found.items() if pk in pages}

    def write_locations(self) -> None:
        plan = self.plan
        existing = {
            loc.hsds_id: loc
            for loc in Location.objects.filter(hsds_id__in=plan.locations).prefetch_related(
                "addresses", "phones", "accessibility", "identifiers"
            )
        }
        items = list(plan.locations.items())
        new_locations: list[Location] = []
        for loc_id, planned in self.progress(items, _("拠点"), len(items)):
            location = existing.get(loc_id)
            created = location is None
            if location is None:
                location = Location(hsds_id=loc_id)
            values = dict(planned.values)
            keep_hidden = values["hide_address"] and not created
            if keep_hidden and not planned.links["coordinates_given"]:
                # A hidden address is never exported: re-importing our own export must keep it.
                values.pop("latitude")
                values.pop("longitude")
            if keep_hidden and not values["municipality_code"]:
                values.pop("municipality_code")
            if keep_hidden and not values.get("transportation"):
                values.pop("transportation", None)  # withheld with the address, so kept too
            org_id = planned.links["organization"]
            organization = self.organizations.get(org_id) if org_id else None
            if not created and _location_unchanged(
                location, values, planned, organization, keep_hidden=keep_hidden
            ):
                self.locations[loc_id] = location
                self.report.count("location", created=False)
                continue
            self._set(location, values)
            location.organization = organization
            if not (keep_hidden and not planned.children["addresses"]):
                location.addresses = _merge(
                    location.addresses.all() if not created else [],
                    Address,
                    planned.children["addresses"],
                )
            location.phones = _merge(
                location.phones.all() if not created else [],
                LocationPhone,
                planned.children["phones"],
            )
            location.accessibility = _merge(
                location.accessibility.all() if not created else [],
                LocationAccessibility,
                planned.children["accessibility"],
            )
            if "identifiers" in planned.children:
                location.identifiers = [
                    LocationIdentifier(**row) for row in planned.children["identifiers"]
                ]
            if created:
                new_locations.append(location)
            else:
                location.save()
            self.locations[loc_id] = location
            self.report.count("location", created=created)
        bulk.create_clusters(new_locations, index=True)

    def write_services(self) -> None:
        plan = self.plan
        existing = {
            s.hsds_id: s
            for s in ServicePage.objects.filter(hsds_id__in=plan.services).prefetch_related(
                *SERVICE_CHILDREN, "categories"
            )
        }
        missing_locations = {
            link["location"]
            for s in plan.services.values()
            for link in s.children["service_at_locations"]
            if link["location"] not in self.locations
        }
        self.locations.update(
            {loc.hsds_id: loc for loc in Location.objects.filter(hsds_id__in=missing_locations)}
        )
        existing.update(self._services_by_identifier(existing))
        items = list(plan.services.items())
        new_pages: list[tuple[OrganizationPage, ServicePage]] = []
        pages: list[ServicePage] = []
        for service_id, planned in self.progress(items, _("支援"), len(items)):
            organization = self.organizations[planned.links["organization"]]
            page = existing.get(service_id)
            created = page is None
            if page is None:
                page = ServicePage(
                    hsds_id=service_id, slug=_slug(planned.values["title"], service_id)
                )
            elif self._service_unchanged(page, planned, organization):
                pages.append(page)
                self.report.count("service", created=False)
                continue
            else:
                if page.has_unpublished_changes:
                    page = page.get_latest_revision_as_object()
                if (
                    not page.path.startswith(organization.path)
                    or page.depth != organization.depth + 1
                ):
                    page.move(organization, pos="last-child")
                    page.refresh_from_db()
            self._set(page, planned.values)
            self._set_service_children(page, planned, created=created)
            page.categories = [
                self.terms[t] for t in dict.fromkeys(planned.links["categories"]) if t in self.terms
            ]
            if created:
                new_pages.append((organization, page))
                self.created_services.append((page, planned.source))
            else:
                self._save_page(page, created=False)
            pages.append(page)
            self.report.count("service", created=created)
        bulk.create_pages(pages=new_pages, live=not self.draft, history=True, index=True)
        self.service_ids = [page.pk for page in pages]

    def _published_as_wanted(self, page: Any) -> bool:
        return self.draft or (page.live and not page.has_unpublished_changes)

    def _service_unchanged(
        self, page: ServicePage, planned: Planned, organization: OrganizationPage
    ) -> bool:
        """True when the stored service already says what the file says (no new revision)."""
        if not self._published_as_wanted(page) or page.path[: -page.steplen] != organization.path:
            return False
        if not _values_equal(page, planned.values):
            return False
        terms = {self.terms[t].pk for t in planned.links["categories"] if t in self.terms}
        if {t.pk for t in page.categories.all()} != terms:
            return False
        children = dict(planned.children)
        children["service_at_locations"] = [
            {**link, "location": self.locations[link["location"]]}
            for link in planned.children["service_at_locations"]
        ]
        return all(_rows_equal(getattr(page, name).all(), rows) for name, rows in children.items())

    def _set_service_children(self, page: ServicePage, planned: Planned, *, created: bool) -> None:
        def old(name: str) -> list[Any]:
            return [] if created else list(getattr(page, name).all())

        children = planned.children
        page.phones = _merge(old("phones"), ServicePhone, children["phones"])
        page.schedules = _merge(old("schedules"), Schedule, children["schedules"])
        page.service_areas = _merge(old("service_areas"), ServiceArea, children["service_areas"])
        page.cost_options = _merge(old("cost_options"), CostOption, children["cost_options"])
        page.required_documents = _merge(
            old("required_documents"), RequiredDocument, children["required_documents"]
        )
        page.contacts = _merge(old("contacts"), Contact, children["contacts"])
        page.closures = [Closure(**c) for c in children["closures"]]
        page.certifications = [Certification(**c) for c in children["certifications"]]
        if "identifiers" in children:  # the file says; otherwise the stored numbers stay
            page.identifiers = [ServiceIdentifier(**c) for c in children["identifiers"]]
        links = [
            {
                "hsds_id": link["hsds_id"],
                "location": self.locations[link["location"]],
                "description": link["description"],
            }
            for link in children["service_at_locations"]
        ]
        page.service_at_locations = _merge(old("service_at_locations"), ServiceAtLocation, links)

    def _set(self, obj: Model, values: dict[str, Any]) -> None:
        for key, value in values.items():
            setattr(obj, key, value)

    def _save_page(self, page: Any, *, created: bool) -> None:
        """Save a changed existing page and publish it (or keep the change as a draft revision).

        New pages go through ``bulk.create_pages``. Publishing is Wagtail's own steps (live
        revision, last published, a log entry) without the ``page_published`` signal: its
        per-page search update would run once per page after the commit, where
        ``import_package`` indexes every service in batches.
        """
        if self.draft:
            page.save_revision(clean=False)
            return
        now = timezone.now()
        page.live, page.has_unpublished_changes, page.expired = True, False, False
        page.first_published_at = page.first_published_at or now
        page.last_published_at = now
        page.draft_title = page.title
        page.save(clean=False)  # validated by the planner
        revision = Revision.objects.create(
            content_object=page,
            base_content_type=page.get_base_content_type(),
            content=page.serializable_data(),
            object_str=str(page),
        )
        type(page).objects.filter(pk=page.pk).update(
            latest_revision=revision,
            live_revision=revision,
            latest_revision_created_at=revision.created_at,
        )
        page.latest_revision = page.live_revision = revision
        log(instance=page, action="wagtail.publish", revision=revision, content_changed=True)


def _values_equal(obj: Any, values: dict[str, Any]) -> bool:
    return all(getattr(obj, key) == value for key, value in values.items())


def _rows_equal(old: Iterable[Any], rows: list[dict[str, Any]]) -> bool:
    """Whether stored children match planned rows, field by field and in order."""
    old = list(old)
    if len(old) != len(rows):
        return False
    for obj, row in zip(old, rows, strict=True):
        for key, value in row.items():
            if key in (SOURCE, "_source"):
                continue
            if isinstance(value, Model):
                if getattr(obj, f"{key}_id") != value.pk:
                    return False
            elif getattr(obj, key) != value:
                return False
    return True


def _location_unchanged(
    location: Location,
    values: dict[str, Any],
    planned: Planned,
    organization: OrganizationPage | None,
    *,
    keep_hidden: bool,
) -> bool:
    if location.organization_id != (organization.pk if organization else None):
        return False
    if not _values_equal(location, values):
        return False
    children = dict(planned.children)
    if keep_hidden and not children["addresses"]:
        children.pop("addresses")
    return all(_rows_equal(getattr(location, name).all(), rows) for name, rows in children.items())


def _slug(title: str, hsds_id: uuid.UUID) -> str:
    base = slugify(title, allow_unicode=True)[:40].strip("-")
    return f"{base}-{hsds_id.hex[:8]}" if base else hsds_id.hex[:12]


def _child(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if k != "hsds_id" or v is not None}


def _merge(old: Iterable[Any], model: type[Model], rows: list[dict[str, Any]]) -> list[Any]:
    """Child objects for ``rows``, reusing the existing row with the same HSDS id (its pk)."""
    by_id = {getattr(o, "hsds_id", None): o for o in old}
    result = []
    for row in rows:
        values = _child(row)
        current = by_id.get(values.get("hsds_id"))
        if current is not None:
            for key, value in values.items():
                setattr(current, key, value)
            result.append(current)
        else:
            result.append(model(**values))
    return result
