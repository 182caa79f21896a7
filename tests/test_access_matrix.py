"""Every URL pattern × every role: who gets what (issue 13, "an access matrix test").

The URLs come from the resolver (``get_resolver().url_patterns``, walked recursively), so a new
URL fails ``test_every_url_has_an_expectation`` until its row is added to ``EXPECTED``. Path
converters are filled with real ids from one small dataset built once for the module. Wagtail's
and Django's own admin screens are many and alike: a sample of them is checked (``SAMPLED``),
while every admin URL of our own apps is in the table.

Outcomes: a status code, ``LOGIN`` (a redirect to a sign-in page) or ``REDIRECT`` (any other
redirect, e.g. to the role's own landing page).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from referrals.choices import PlatformRoleKind
from tests.otp import login_verified
from tests.referrals.factories import PlatformRoleFactory, UserFactory

LOGIN, REDIRECT = "login", "redirect"

ROLES = (
    "anonymous",
    "plain",  # an account with no role at all
    "worker_a",  # support worker of agency A (the referral's sender)
    "worker_b",  # support worker of agency B
    "provider_x",  # provider staff of organization X (the referral's receiver)
    "provider_y",  # provider staff of organization Y
    "coordinator_scoped",  # coordinator of agency B's municipality only
    "coordinator",  # coordinator of every municipality
    "admin",  # superuser and platform administrator
)

# The apps whose admin screens (``register_admin_urls``) are all checked.
OUR_APPS = ("directory", "referrals", "search", "platform_site", "accounts", "dashboard")
# Wagtail's and Django's own admin: these names stand for the rest.
SAMPLED = {
    "admin:index",
    "wagtailadmin_home",
    "wagtailadmin_explore_root",
    "wagtailadmin_choose_page",
    "wagtailsnippets_directory_taxonomyterm:list",
    "wagtailsnippets_directory_location:list",
}
ADMIN_PREFIXES = ("admin/", "django-admin/")


def sign_in(client, user) -> None:
    """The one way this module signs a user in: past two-factor, so each row tests the view's own
    rule (the second factor itself is tested in tests/accounts)."""
    login_verified(client, user)


# ---------------------------------------------------------------------------------------------
# The URLs


@dataclass(frozen=True)
class Route:
    name: str
    route: str
    module: str


def _walk(patterns, prefix: str = "", namespaces: tuple[str, ...] = ()) -> Iterator[Route]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            spaces = namespaces + ((pattern.namespace,) if pattern.namespace else ())
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), spaces)
        elif isinstance(pattern, URLPattern) and pattern.name:
            module = getattr(pattern.callback, "__module__", "") or ""
            name = ":".join((*namespaces, pattern.name))
            yield Route(name, prefix + str(pattern.pattern), module)


def checked_routes() -> dict[str, Route]:
    """Every named URL, but of Wagtail's and Django's own admin only the sample."""
    routes: dict[str, Route] = {}
    for route in _walk(get_resolver().url_patterns):
        ours = route.module.split(".")[0] in OUR_APPS
        if route.route.startswith(ADMIN_PREFIXES) and not ours and route.name not in SAMPLED:
            continue
        routes.setdefault(route.name, route)
    return routes


# ---------------------------------------------------------------------------------------------
# The dataset


@dataclass
class Data:
    users: dict[str, Any]
    kwargs: dict[str, dict[str, Any]]
    args: dict[str, tuple]
    query: dict[str, str]


def _build() -> Data:
    from directory.handouts import handout_create
    from directory.models import ErrorReport, ListingApplication
    from directory.providers import links as provider_links
    from directory.providers import services as provider_services
    from referrals.links import provider_link_token
    from referrals.models import FavouriteList, Notification
    from tests.factories import category
    from tests.referrals.conftest import build_world

    # Earlier modules may have flushed the tables the content-type cache points into.
    ContentType.objects.clear_cache()
    world = build_world()
    referral = world.sent(consent=world.consent())
    users = {
        "anonymous": None,
        "plain": UserFactory(username="plain"),
        "worker_a": world.worker,
        "worker_b": world.other_worker,
        "provider_x": world.provider_staff,
        "provider_y": world.other_staff,
        "coordinator_scoped": PlatformRoleFactory(
            user=UserFactory(username="coordinator_b"),
            municipality_code=world.other_agency.municipality_code,
        ).user,
        "coordinator": world.coordinator,
        "admin": PlatformRoleFactory(
            user=UserFactory(username="admin", is_staff=True, is_superuser=True),
            role=PlatformRoleKind.ADMINISTRATOR,
        ).user,
    }
    term = category("food")
    handout = handout_create(service_ids=[world.service.hsds_id], language="ja")
    application = ListingApplication.objects.create(
        organization=world.other_org,
        organization_name="審査中の団体",
        provider_type="general_association",
        contact_name="山田",
        email="yamada@example.jp",
        phone="03-0000-0000",
        description="",
        created_at=referral.created_at,
    )
    report = ErrorReport.objects.create(
        service=world.service,
        problem=ErrorReport.Problem.choices[0][0],
        message="電話番号が違います",
        created_at=referral.created_at,
    )
    invitation = provider_services.invitation_create(
        organization=world.provider_org, email="new@example.jp", by=users["admin"]
    )
    service = world.service
    notification = Notification.objects.filter(user=world.provider_staff).first()
    favourite_list = FavouriteList.objects.create(agency=world.agency, name="食料")
    kwargs = {
        "directory:category": {"code": term.code},
        "directory:service_by_id": {"hsds_id": service.hsds_id},
        "directory:handout": {"code": handout.code},
        "directory:handout_mail": {"code": handout.code},
        "referrals:favourite_list": {"list_id": favourite_list.pk},
        "referrals:favourite_list_delete": {"list_id": favourite_list.pk},
        "referrals:favourite_list_rename": {"list_id": favourite_list.pk},
        "referrals:notification_read": {"pk": notification.pk},
        "referrals:client": {"client_id": world.client.pk},
        "referrals:consent_withdraw": {
            "client_id": world.client.pk,
            "consent_id": referral.consent_id,
        },
        "referrals:provider_link": {"token": provider_link_token(referral=referral)},
        "referrals:detail": {"code": referral.code},
        "referrals:act": {"code": referral.code},
        "referrals:slip": {"code": referral.code},
        "providers:confirm_link": {
            "token": provider_links.confirm_token(
                service=service, email="foodbank@example.jp", since=referral.created_at.date()
            )
        },
        "providers:invitation_accept": {
            "token": provider_links.invitation_token(invitation=invitation)
        },
        "providers:report": {"hsds_id": service.hsds_id},
        "providers:report_done": {"hsds_id": service.hsds_id},
        "providers_admin:application": {"pk": application.pk},
        "providers_admin:error_report_handle": {"pk": report.pk},
        "spreadsheet_admin:template": {"fmt": "csv"},
        "api:hsds_service": {"id": service.hsds_id},
        "api:hsds_organization": {"id": world.provider_org.hsds_id},
        "api:hsds_taxonomy": {"id": term.taxonomy.hsds_id},
        "api:hsds_taxonomy_term": {"id": term.hsds_id},
        "api:referrals_get": {"code": referral.code},
        "api:referrals_act": {"code": referral.code, "action": "accept"},
        "wagtaildocs_authenticate_with_password": {"restriction_id": 999999},
        "wagtailcore_authenticate_with_password": {
            "page_view_restriction_id": 999999,
            "page_id": service.pk,
        },
    }
    for name in ("availability", "capacity_note", "alert", "closure", "confirm"):
        kwargs[f"providers:{name}"] = {"service_id": service.pk}
    kwargs["providers_admin:stale_remind"] = {"pk": service.pk}
    kwargs["search:saved_delete"] = {"saved_id": 999999}  # nobody's: each may delete only theirs
    kwargs["accounts:password_reset_confirm"] = {"uidb64": "MQ", "token": "invalid"}
    args = {"wagtaildocs_serve": (999999, "missing.pdf"), "wagtail_serve": ("",)}
    # The refer form needs the service it refers to (without one it is a 404 for everyone).
    query = {"referrals:new": f"?service={service.hsds_id}"}
    return Data(users=users, kwargs=kwargs, args=args, query=query)


@pytest.fixture(scope="module")
def data(django_db_setup, django_db_blocker):
    """Built once inside a transaction rolled back at the end (Wagtail pages are slow)."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield _build()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def _url(name: str, data: Data) -> str:
    if name in data.args:
        return reverse(name, args=data.args[name])
    return reverse(name, kwargs=data.kwargs.get(name, {})) + data.query.get(name, "")


def _outcome(response) -> str | int:
    if response.status_code in (301, 302, 303, 307, 308):
        location = response["Location"]
        return LOGIN if re.search(r"/login/?(\?|$)", location) else REDIRECT
    return response.status_code


def outcomes(client, name: str, data: Data) -> dict[str, str | int]:
    url = _url(name, data)
    seen: dict[str, str | int] = {}
    for role in ROLES:
        client.logout()
        if data.users[role] is not None:
            sign_in(client, data.users[role])
        seen[role] = _outcome(client.get(url))
    client.logout()
    return seen


# ---------------------------------------------------------------------------------------------
# The expectations


def every(outcome: str | int, **exceptions: str | int) -> dict[str, str | int]:
    return {role: exceptions.get(role, outcome) for role in ROLES}


# Shorthands for the rows.
PUBLIC = every(200)
SIGNED_IN = every(200, anonymous=LOGIN)
POST_ONLY = every(405, anonymous=LOGIN)  # GET is refused once signed in; POSTs are tested per app
GONE = every(404)
# Wagtail's admin: administrators in; provider staff in (their own organizations' pages), but
# sent back to the admin home from the screens they may not use; everyone else to sign in.
WAGTAIL_ADMIN_ONLY = every(LOGIN, provider_x=REDIRECT, provider_y=REDIRECT, admin=200)
WAGTAIL_PROVIDERS = every(LOGIN, provider_x=200, provider_y=200, admin=200)
# Only the referral's two sides: agency A's worker and organization X's staff.
REFERRAL_SIDES = every(404, anonymous=LOGIN, worker_a=200, provider_x=200)
STATISTICS = every(404, anonymous=LOGIN, coordinator_scoped=200, coordinator=200, admin=200)

EXPECTED: dict[str, dict[str, str | int]] = {
    # The public site and its APIs: the same for everyone.
    "wagtail_serve": PUBLIC,
    "search:search": PUBLIC,
    "directory:category": PUBLIC,
    "directory:service_by_id": every(REDIRECT),  # to the service's page
    "directory:handout_new": PUBLIC,
    "directory:handout": PUBLIC,
    "directory:handout_mail": POST_ONLY,
    "set_language": every(REDIRECT),
    "api:search": PUBLIC,
    "api:openapi-json": PUBLIC,
    "api:openapi-view": PUBLIC,
    "api:api-root": GONE,
    "api:hsds_base": PUBLIC,
    "api:hsds_services": PUBLIC,
    "api:hsds_service": PUBLIC,
    "api:hsds_organizations": PUBLIC,
    "api:hsds_organization": PUBLIC,
    "api:hsds_service_at_locations": PUBLIC,
    "api:hsds_taxonomies": PUBLIC,
    "api:hsds_taxonomy": PUBLIC,
    "api:hsds_taxonomy_terms": PUBLIC,
    "api:hsds_taxonomy_term": PUBLIC,
    "providers:apply": PUBLIC,
    "providers:apply_done": PUBLIC,
    "providers:report": PUBLIC,
    "providers:report_done": PUBLIC,
    # Signed links: the token is the right (it shows nothing personal).
    "referrals:provider_link": PUBLIC,
    "providers:confirm_link": PUBLIC,
    "providers:invitation_accept": PUBLIC,
    # Wagtail's own pages with nothing behind them in the dataset.
    "wagtailcore_login": PUBLIC,
    "wagtailcore_authenticate_with_password": GONE,
    "wagtaildocs_authenticate_with_password": GONE,
    "wagtaildocs_serve": GONE,
    # Referrals: each role its own screens; a referral or client only to those on its sides.
    "referrals:list": every(
        REDIRECT, anonymous=LOGIN, plain=404, worker_a=200, worker_b=200
    ),  # others are sent to their own landing page
    "referrals:new": every(404, anonymous=LOGIN, worker_a=200, worker_b=200),
    "referrals:inbox": every(404, anonymous=LOGIN, provider_x=200, provider_y=200),
    "referrals:notifications": SIGNED_IN,
    "referrals:notifications_read_all": POST_ONLY,
    "referrals:notification_read": POST_ONLY,
    # An agency's lists: its workers only (worker_b works for another agency).
    "referrals:favourite_list": every(404, anonymous=LOGIN, worker_a=200),
    "referrals:favourite_list_create": POST_ONLY,
    "referrals:favourite_list_delete": every(404, anonymous=LOGIN, worker_a=200),  # confirm
    "referrals:favourite_list_rename": POST_ONLY,
    "referrals:favourite_service": POST_ONLY,
    # Sign-in, password reset and the second factor (tests/accounts test what they do).
    "accounts:login": every(REDIRECT, anonymous=200),  # the signed-in go to their own page
    "accounts:logout": every(405),  # POST only
    "accounts:password_reset": PUBLIC,
    "accounts:password_reset_done": PUBLIC,
    "accounts:password_reset_confirm": PUBLIC,
    "accounts:password_reset_complete": PUBLIC,
    "accounts:two_factor_setup": SIGNED_IN,
    "accounts:two_factor_verify": SIGNED_IN,
    # わたしの仕事: every signed-in account has one (empty without a role).
    "my": SIGNED_IN,
    "search:saved_create": POST_ONLY,
    "search:saved_delete": POST_ONLY,
    "directory:feed_changes": PUBLIC,
    # The coordinator's dashboard (the old statistics address redirects there).
    "dashboard:index": STATISTICS,
    "dashboard:panels": STATISTICS,
    "dashboard:gaps": STATISTICS,
    "dashboard:report": STATISTICS,
    "dashboard:population": STATISTICS,
    "referrals:stats": every(REDIRECT),
    "referrals:access_log": STATISTICS,
    "referrals:client": every(404, anonymous=LOGIN, worker_a=200),
    "referrals:consent_withdraw": POST_ONLY,
    "referrals:detail": REFERRAL_SIDES,
    "referrals:slip": REFERRAL_SIDES,
    "referrals:act": POST_ONLY,
    "api:referrals_list": every(200, anonymous=401),  # a list of what each may see
    "api:referrals_create": every(200, anonymous=401),  # the same path as the list
    "api:referrals_get": every(404, anonymous=401, worker_a=200, provider_x=200),
    "api:referrals_act": every(405),
    # Provider self-service: the dashboard lists the user's own organizations (none: empty).
    "providers:dashboard": SIGNED_IN,
    "providers:availability": POST_ONLY,
    "providers:capacity_note": POST_ONLY,
    "providers:alert": POST_ONLY,
    "providers:closure": POST_ONLY,
    "providers:confirm": POST_ONLY,
    "providers:invite": every(403, anonymous=LOGIN, admin=200),
    # Our own admin screens (moderation of listings, spreadsheet import).
    "providers_admin:applications": WAGTAIL_ADMIN_ONLY,
    "providers_admin:application": WAGTAIL_ADMIN_ONLY,
    "providers_admin:error_reports": WAGTAIL_ADMIN_ONLY,
    "providers_admin:error_report_handle": every(LOGIN, provider_x=405, provider_y=405, admin=405),
    "providers_admin:stale": WAGTAIL_ADMIN_ONLY,
    "providers_admin:stale_remind": every(LOGIN, provider_x=405, provider_y=405, admin=405),
    "providers_admin:duplicates": WAGTAIL_ADMIN_ONLY,
    "providers_admin:merge": WAGTAIL_ADMIN_ONLY,
    "spreadsheet_admin:upload": WAGTAIL_ADMIN_ONLY,
    "spreadsheet_admin:template": WAGTAIL_ADMIN_ONLY,
    # The sample of Wagtail's and Django's own admin.
    "wagtailadmin_home": WAGTAIL_PROVIDERS,
    "wagtailadmin_explore_root": WAGTAIL_ADMIN_ONLY,  # providers go to their organization
    "wagtailadmin_choose_page": WAGTAIL_PROVIDERS,
    "wagtailsnippets_directory_taxonomyterm:list": WAGTAIL_ADMIN_ONLY,
    "wagtailsnippets_directory_location:list": WAGTAIL_ADMIN_ONLY,
    "admin:index": every(LOGIN, admin=200),
}


# ---------------------------------------------------------------------------------------------
# The tests


def test_every_url_has_an_expectation():
    routes = checked_routes()
    missing = sorted(set(routes) - set(EXPECTED))
    stale = sorted(set(EXPECTED) - set(routes))
    assert missing == [], f"add a row to EXPECTED for each new URL: {missing}"
    assert stale == [], f"these URLs are gone: remove their rows from EXPECTED: {stale}"


@pytest.mark.django_db
def test_every_role_has_a_user(data):
    assert set(data.users) == set(ROLES)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_who_gets_what(client, data, name):
    assert outcomes(client, name, data) == EXPECTED[name]
