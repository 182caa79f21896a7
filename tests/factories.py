"""factory_boy factories for the directory; pages are added under their parent with add_child."""

from datetime import time

import factory
from wagtail.models import Page

from directory.models import (
    Address,
    Location,
    OrganizationPage,
    Schedule,
    ServiceAtLocation,
    ServicePage,
    TaxonomyTerm,
)
from directory.services import site_structure_ensure


class PageFactory(factory.django.DjangoModelFactory):
    """Create a page under ``parent`` and publish it, the way an editor would."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent: Page | None = None, publish=True, **kwargs):
        page = model_class(*args, live=publish, **kwargs)
        parent.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
            page.refresh_from_db()
        return page


class OrganizationPageFactory(PageFactory):
    class Meta:
        model = OrganizationPage

    title = factory.Sequence(lambda n: f"NPO法人 テスト団体{n}")
    slug = factory.Sequence(lambda n: f"org-test-{n}")
    description = "地域で困っている方を支える団体です。"
    provider_type = "npo"
    parent = factory.LazyFunction(site_structure_ensure)


class ServicePageFactory(PageFactory):
    class Meta:
        model = ServicePage

    title = factory.Sequence(lambda n: f"テスト支援{n}")
    slug = factory.Sequence(lambda n: f"svc-test-{n}")
    description = "食料品を無料でお渡しします。"
    parent = factory.SubFactory(OrganizationPageFactory)
    languages = factory.LazyFunction(lambda: ["ja"])


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    name = factory.Sequence(lambda n: f"テスト拠点{n}")
    latitude = 35.7295
    longitude = 139.7190
    municipality_code = "131164"


class AddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Address

    location = factory.SubFactory(LocationFactory)
    postal_code = "170-0013"
    state_province = "東京都"
    city = "豊島区"
    address_1 = "東池袋1-2-3"
    address_2 = "テストビル2階"


def service_at(service: ServicePage, location: Location) -> ServiceAtLocation:
    return ServiceAtLocation.objects.create(service=service, location=location)


def add_schedule(service: ServicePage, byday="MO,TU,WE,TH,FR", opens=(9, 0), closes=(17, 0), **kw):
    return Schedule.objects.create(
        service=service, byday=byday, opens_at=time(*opens), closes_at=time(*closes), **kw
    )


def category(code: str) -> TaxonomyTerm:
    site_structure_ensure()
    return TaxonomyTerm.objects.get(code=code)
