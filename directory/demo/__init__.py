"""A fictional, deterministic demo directory for development, demos and benchmarks.

Everything here is invented: organization names, addresses, people and phone numbers. One module
a job: ``places`` (wards and towns) and ``catalogue`` (what organizations offer) are data;
``planner`` turns them into plain plans without a database; ``writer`` writes the plans in bulk
through ``directory.bulk`` (shared with the HSDS importer); ``flush`` deletes them again;
``accounts`` makes the demo logins; ``selectors`` tells which organizations are demo ones.
"""

from directory.demo.accounts import (
    COORDINATOR_GROUP,
    DEMO_PASSWORD,
    WORKER_GROUP,
    DemoAccount,
    demo_accounts_ensure,
)
from directory.demo.catalogue import (
    CORE_KINDS,
    EXTRA_KINDS,
    EXTRA_SENTENCES,
    EXTRA_SENTENCES_EASY,
    EXTRA_SENTENCES_EN,
    WORDS,
)
from directory.demo.flush import demo_data_flush
from directory.demo.places import EXTRA_WARDS, MAIN_WARDS, Town, Ward
from directory.demo.planner import BASE_DATE, DEFAULT_SEED, demo_sizes, organization_plans
from directory.demo.selectors import (
    demo_data_exists,
    demo_organizations,
    demo_provider_organization,
)
from directory.demo.writer import DemoSummary, demo_data_load

__all__ = [
    "BASE_DATE",
    "COORDINATOR_GROUP",
    "CORE_KINDS",
    "DEFAULT_SEED",
    "DEMO_PASSWORD",
    "EXTRA_KINDS",
    "EXTRA_SENTENCES",
    "EXTRA_SENTENCES_EASY",
    "EXTRA_SENTENCES_EN",
    "EXTRA_WARDS",
    "MAIN_WARDS",
    "WORDS",
    "WORKER_GROUP",
    "DemoAccount",
    "DemoSummary",
    "Town",
    "Ward",
    "demo_accounts_ensure",
    "demo_data_exists",
    "demo_data_flush",
    "demo_data_load",
    "demo_organizations",
    "demo_provider_organization",
    "demo_sizes",
    "organization_plans",
]
