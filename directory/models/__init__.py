from directory.models.handouts import Handout
from directory.models.locations import (
    Address,
    Location,
    LocationAccessibility,
    LocationPhone,
)
from directory.models.pages import (
    Certification,
    Closure,
    Contact,
    CostOption,
    DirectoryIndexPage,
    OrganizationPage,
    OrganizationPhone,
    RequiredDocument,
    Schedule,
    ServiceArea,
    ServiceAtLocation,
    ServicePage,
    ServicePhone,
)
from directory.models.providers import *  # noqa: F403 (docs/providers.md)
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
    "LocationPhone",
    "OrganizationPage",
    "OrganizationPhone",
    "RequiredDocument",
    "Schedule",
    "ServiceArea",
    "ServiceAtLocation",
    "ServicePage",
    "ServicePhone",
    "Taxonomy",
    "TaxonomyTerm",
]
