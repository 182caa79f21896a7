from directory.models.handouts import Handout
from directory.models.identifiers import LocationIdentifier, ServiceIdentifier
from directory.models.locations import (
    Address,
    Location,
    LocationAccessibility,
    LocationPhone,
)
from directory.models.page_inlines import (
    Closure,
    OrganizationPhone,
    Schedule,
    ServiceArea,
    ServiceAtLocation,
    ServicePhone,
)
from directory.models.pages import DirectoryIndexPage, OrganizationPage, ServicePage
from directory.models.providers import *  # noqa: F403 (docs/providers.md)
from directory.models.service_rows import Certification, Contact, CostOption, RequiredDocument
from directory.models.taxonomy import Taxonomy, TaxonomyTerm

__all__ = [
    "Address",
    "Certification",
    "Closure",
    "Contact",
    "CostOption",
    "DirectoryIndexPage",
    "Handout",
    "Location",
    "LocationAccessibility",
    "LocationIdentifier",
    "LocationPhone",
    "OrganizationPage",
    "OrganizationPhone",
    "RequiredDocument",
    "Schedule",
    "ServiceArea",
    "ServiceAtLocation",
    "ServiceIdentifier",
    "ServicePage",
    "ServicePhone",
    "Taxonomy",
    "TaxonomyTerm",
]
