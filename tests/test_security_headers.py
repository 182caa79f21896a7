"""Security headers: CSP without inline script, Permissions-Policy, and no-store on personal data."""

from __future__ import annotations

import uuid
from html.parser import HTMLParser

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.exceptions import NoReverseMatch

from directory.handouts import handout_create
from referrals.links import provider_link_token
from tests.factories import ServicePageFactory
from tests.referrals.conftest import build_world

pytestmark = pytest.mark.django_db


class InlineCode(HTMLParser):
    """Collects what a CSP without 'unsafe-inline' would block: inline scripts, handlers, styles."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_inline_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, _value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if name == "style":
                self.found.append(f"<{tag} style=…>")
        if tag == "style":
            self.found.append("<style>")
        if tag == "script" and "src" not in attributes:
            if attributes.get("type") != "application/json":
                self.found.append("<script> without src")
        if tag == "a" and (attributes.get("href") or "").lower().startswith("javascript:"):
            self.found.append("javascript: link")


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    return parser.found


@pytest.fixture
def public_urls(directory_index):
    service = ServicePageFactory(title="みんなのごはん")
    handout = handout_create(service_ids=[service.hsds_id], language="ja")
    return [
        "/",
        "/search/",
        "/search/?q=ごはん",
        "/categories/food/",
        service.url,
        service.get_parent().url,
        f"/h/{handout.code}",
        "/providers/apply/",
    ]


@pytest.fixture
def referral_world(directory_index):
    return build_world()


def test_public_pages_have_no_inline_script_or_style(client, public_urls):
    for url in public_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert inline_code(response.content.decode()) == [], url


def test_signed_in_pages_have_no_inline_script_or_style(client, referral_world):
    referral = referral_world.sent()
    client.force_login(referral_world.worker)
    for url in (
        "/referrals/",
        f"/referrals/{referral.code}/",
        f"/referrals/{referral.code}/slip/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert inline_code(response.content.decode()) == [], url
    client.force_login(referral_world.provider_staff)
    for url in ("/referrals/inbox/", "/providers/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert inline_code(response.content.decode()) == [], url


def test_public_page_sends_a_strict_content_security_policy(client, directory_index):
    policy = client.get("/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_admin_relaxations_stay_under_admin(client, directory_index):
    admin_policy = client.get("/admin/login/")["Content-Security-Policy"]
    assert "'unsafe-inline'" in admin_policy
    assert "'unsafe-inline'" not in client.get("/search/")["Content-Security-Policy"]


@pytest.mark.parametrize("url", ["/", "/admin/login/"])
def test_permissions_policy_allows_geolocation_to_the_site_only(client, directory_index, url):
    policy = client.get(url)["Permissions-Policy"]
    assert "camera=()" in policy
    assert "microphone=()" in policy
    assert "geolocation=(self)" in policy


def _walk(patterns, namespace="", route=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            joined = f"{namespace}:{inner}".strip(":") if inner else namespace
            yield from _walk(pattern.url_patterns, joined, route + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace, route, pattern


DUMMY = {"int": "1", "str": "x", "slug": "x", "uuid": str(uuid.UUID(int=1)), "path": "x"}


def _sample_path(namespace: str, pattern: URLPattern) -> str | None:
    converters = getattr(pattern.pattern, "converters", {})
    kwargs = {
        name: DUMMY.get(type(conv).__name__.replace("Converter", "").lower(), "1")
        for name, conv in converters.items()
    }
    name = f"{namespace}:{pattern.name}" if namespace else pattern.name
    for attempt in (kwargs, {k: "x" for k in pattern.pattern.regex.groupindex}):
        try:
            return reverse(name, kwargs=attempt)
        except NoReverseMatch:
            continue
    return None


def personal_data_urls() -> list[str]:
    """Every URL of the referral, provider, both admins' namespaces, and the referral API."""
    urls = []
    for namespace, route, pattern in _walk(get_resolver().url_patterns):
        top = namespace.split(":")[0]
        wanted = (
            top in {"referrals", "providers", "admin"}
            or route.startswith("admin/")
            or (top == "api" and pattern.name.startswith("referrals_"))
        )
        if wanted and (path := _sample_path(namespace, pattern)):
            urls.append(path)
    return sorted(set(urls))


def test_the_personal_data_url_list_covers_every_namespace():
    urls = personal_data_urls()
    assert "/referrals/" in urls and "/providers/" in urls and "/api/v1/referrals" in urls
    assert any(u.startswith("/admin/pages/") for u in urls)
    assert any(u.startswith("/django-admin/") for u in urls)


def test_every_personal_data_url_answers_no_store(client, referral_world):
    client.force_login(referral_world.worker)
    for url in personal_data_urls():
        response = client.get(url)
        cache_control = response.get("Cache-Control", "")
        assert "no-store" in cache_control and "private" in cache_control, url


def test_signed_provider_link_and_referral_api_answer_no_store(client, referral_world):
    referral = referral_world.sent()
    response = client.get(f"/referrals/link/{provider_link_token(referral=referral)}/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    client.force_login(referral_world.worker)
    response = client.get(f"/api/v1/referrals/{referral.code}")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_public_pages_stay_cacheable(client, public_urls):
    for url in public_urls:
        if url.startswith("/providers/"):
            continue
        assert "no-store" not in client.get(url).get("Cache-Control", ""), url
