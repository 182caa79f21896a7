"""Reads of the demo directory: which organizations are demo ones."""

from __future__ import annotations

import re

from directory.models import DirectoryIndexPage, OrganizationPage

DEMO_LOCATION_MARK = "tsunagu-demo"  # Location.external_identifier_type of demo locations
ORG_SLUG_RE = re.compile(r"^org-\d{4,}$")


def demo_organizations(*, index: DirectoryIndexPage | None = None):
    """Demo organizations: children of the directory whose slug is ``org-NNNN``."""
    index = index or DirectoryIndexPage.objects.first()
    if index is None:
        return OrganizationPage.objects.none()
    return OrganizationPage.objects.child_of(index).filter(slug__regex=ORG_SLUG_RE.pattern)


def demo_data_exists() -> bool:
    return demo_organizations().exists()


def demo_provider_organization() -> OrganizationPage | None:
    """The food bank in 豊島区 that the demo provider account edits (always ``org-0001``)."""
    return demo_organizations().filter(slug="org-0001").first()
