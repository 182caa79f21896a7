"""Writes to the directory: site structure, categories, geocoding of locations."""

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site

from directory.categories import CATEGORIES, TAXONOMY_NAME
from directory.geocoding import geocode
from directory.models import (
    DirectoryIndexPage,
    Location,
    OrganizationPage,
    ServicePage,
    Taxonomy,
    TaxonomyTerm,
)
from directory.readings import suggest_reading
from search.indexing import services_index_later


def categories_ensure() -> Taxonomy:
    """Create the PRODUCT.md categories if missing; never rename what moderators changed.

    A やさしい日本語 name is filled in where it is blank and the Japanese name is still ours
    (sites set up before the field existed).
    """
    taxonomy, _ = Taxonomy.objects.get_or_create(name=TAXONOMY_NAME, defaults={"version": "1"})
    for order, (code, name, name_en, name_easy, children) in enumerate(CATEGORIES):
        parent = _term_ensure(
            code=code,
            defaults={"taxonomy": taxonomy, "name": name, "name_en": name_en, "sort_order": order},
            name_easy=name_easy,
        )
        for child_order, (child_code, child_name, child_name_en, child_easy) in enumerate(children):
            _term_ensure(
                code=child_code,
                defaults={
                    "taxonomy": taxonomy,
                    "parent": parent,
                    "name": child_name,
                    "name_en": child_name_en,
                    "sort_order": child_order,
                },
                name_easy=child_easy,
            )
    return taxonomy


def _term_ensure(*, code: str, defaults: dict, name_easy: str) -> TaxonomyTerm:
    term, _ = TaxonomyTerm.objects.get_or_create(
        code=code, defaults={**defaults, "name_easy": name_easy}
    )
    if not term.name_easy and term.name == defaults["name"]:
        TaxonomyTerm.objects.filter(pk=term.pk).update(name_easy=name_easy)
        term.name_easy = name_easy
    return term


@transaction.atomic
def site_structure_ensure() -> DirectoryIndexPage:
    """Home page at the root of the default site and the directory under it (idempotent).

    The home page belongs to platform_site, which imports the directory; so the directory names
    it by label, as ``DirectoryIndexPage.parent_page_types`` does, and never imports it.
    """
    HomePage = apps.get_model("platform_site", "HomePage")
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node() or _root_page_create()
        home = HomePage(title="つなぐ", slug="top", intro="")
        root.add_child(instance=home)
        home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first()
        old_root = site.root_page if site else None
        if site is None:
            Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
        else:
            site.root_page = home
            site.save(update_fields=["root_page"])
        if old_root is not None and old_root.specific_class is Page and old_root.depth == 2:
            old_root.delete()  # Wagtail's "Welcome" placeholder page
    index = DirectoryIndexPage.objects.first()
    if index is None:
        index = DirectoryIndexPage(title="社会資源ディレクトリ", slug="directory")
        home.add_child(instance=index)
        index.save_revision().publish()
    categories_ensure()
    return index


def _root_page_create() -> Page:
    """The tree root Wagtail's migrations make; recreated when a test flush removed it."""
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    return Page.add_root(instance=Page(title="Root", slug="root", live=True))


def location_geocode(*, location: Location, force: bool = False) -> bool:
    """Fill coordinates and municipality from the address when missing (offline by default).

    Coordinates corrected by hand (precision "manual") are kept unless ``force``.
    Returns whether the location now has coordinates.
    """
    if location.has_coordinates and not force:
        return True
    address = location.physical_address
    if address is None:
        return False
    point = geocode(address.postal_code) or geocode(
        f"{address.state_province}{address.city}{address.address_1}"
    )
    if point is None:
        return False
    location.latitude = point.latitude
    location.longitude = point.longitude
    location.municipality_code = point.municipality_code
    location.geocode_precision = point.precision
    location.save(update_fields=["latitude", "longitude", "municipality_code", "geocode_precision"])
    return True


@dataclass(frozen=True)
class ReadingsFilled:
    organizations: int
    services: int
    locations: int


def readings_backfill(*, overwrite: bool = False, reindex: bool = True) -> ReadingsFilled:
    """Suggest a reading (よみがな) for every name without one, so lists sort in 50音順.

    Imports and bulk writes skip the editor's suggestion; this fills what they left. Rows
    are updated in place, without a new revision (no content a reviewer needs to see
    changed); changed services are queued for search, whose sort key is the reading
    (``reindex=False`` when the caller indexes everything afterwards, as the demo load does).
    """
    counts = []
    changed_services: list[int] = []
    for model, name_field in ((OrganizationPage, "title"), (ServicePage, "title")):
        counts.append(
            _fill_readings(
                model,
                name_field,
                overwrite=overwrite,
                changed=changed_services if model is ServicePage else None,
            )
        )
    counts.append(_fill_readings(Location, "name", overwrite=overwrite, changed=None))
    if changed_services and reindex:
        services_index_later(service_ids=changed_services)
    return ReadingsFilled(*counts)


def _fill_readings(model, name_field: str, *, overwrite: bool, changed: list[int] | None) -> int:
    rows = model.objects.all() if overwrite else model.objects.filter(name_kana="")
    filled = 0
    with transaction.atomic():
        for pk, name, old in rows.values_list("pk", name_field, "name_kana").iterator():
            reading = suggest_reading(name)
            if reading and reading != old:
                model.objects.filter(pk=pk).update(name_kana=reading)
                filled += 1
                if changed is not None:
                    changed.append(pk)
    return filled
