"""Public pages are cached for anonymous visitors, dropped on publish, never personal."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from platform_site.public_cache import public_pages_generation
from tests.factories import ServicePageFactory, category
from tests.search.search_fakes import FakeBackend, install

SEARCH = "/search/?q=食料"


@pytest.fixture(autouse=True)
def cache_on(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    settings.FACET_LABEL_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def fake(db, monkeypatch, settings):
    settings.SEARCH_BACKEND = "fake"
    return install(monkeypatch, FakeBackend("fake"), FakeBackend("database", total=0))["fake"]


def csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]*)"', html).group(1)


def test_second_anonymous_search_is_answered_from_the_cache(client, fake):
    first = client.get(SEARCH)
    second = client.get(SEARCH)
    assert first["X-Public-Cache"] == "miss" and second["X-Public-Cache"] == "hit"
    assert len(fake.queries) == 1
    assert "フードバンク0" in second.content.decode()


def test_cache_key_holds_the_query(client, fake):
    client.get(SEARCH)
    client.get("/search/?q=住まい")
    assert len(fake.queries) == 2


def test_cache_key_holds_the_language(client, fake):
    client.get(SEARCH)
    client.get(SEARCH, headers={"accept-language": "en"})
    assert len(fake.queries) == 2


def test_signed_in_visitor_is_never_served_or_stored(client, fake):
    user = get_user_model().objects.create_user(username="worker", password="x")
    client.force_login(user)
    client.get(SEARCH)
    response = client.get(SEARCH)
    assert "X-Public-Cache" not in response
    assert len(fake.queries) == 2


def test_publishing_a_page_drops_the_cached_pages(client, fake, directory_index):
    client.get(SEARCH)
    ServicePageFactory()
    response = client.get(SEARCH)
    assert response["X-Public-Cache"] == "miss"
    assert len(fake.queries) == 2


def test_unpublishing_a_page_drops_the_cached_pages(client, fake, directory_index):
    service = ServicePageFactory()
    client.get(SEARCH)
    before = public_pages_generation()
    service.unpublish()
    assert public_pages_generation() > before
    assert client.get(SEARCH)["X-Public-Cache"] == "miss"


def test_degraded_search_is_not_stored(client, fake):
    fake.unavailable = True
    client.get(SEARCH)
    fake.unavailable = False
    assert client.get(SEARCH)["X-Public-Cache"] == "miss"


def test_each_visitor_gets_their_own_csrf_token(fake):
    from django.test import Client

    first, second = Client(), Client()
    stored = first.get(SEARCH)
    served = second.get(SEARCH)
    assert served["X-Public-Cache"] == "hit"
    assert csrf_token(served.content.decode()) != csrf_token(stored.content.decode())
    assert "__TSUNAGU_CSRF_TOKEN__" not in served.content.decode()
    # the token is good for the visitor it was given to
    second.enforce_csrf_checks = True
    token = csrf_token(served.content.decode())
    answer = second.post("/i18n/setlang/", {"language": "en", "csrfmiddlewaretoken": token})
    assert answer.status_code == 302


def test_service_page_is_cached_and_dropped_on_republish(client, directory_index):
    service = ServicePageFactory(title="最初の名前")
    assert client.get(service.url)["X-Public-Cache"] == "miss"
    assert client.get(service.url)["X-Public-Cache"] == "hit"
    service.title = "新しい名前"
    service.save_revision().publish()
    response = client.get(service.url)
    assert response["X-Public-Cache"] == "miss"
    assert "新しい名前" in response.content.decode()


def test_personal_data_paths_are_never_cached(client, db):
    client.get("/referrals/")
    assert "X-Public-Cache" not in client.get("/referrals/")


def test_category_labels_are_read_once_until_a_term_changes(fake, django_assert_num_queries):
    from search.services import _category_labels

    term = category("food")
    assert _category_labels({"food"}, language="ja") == {"food": term.name}
    with django_assert_num_queries(0):
        _category_labels({"food"}, language="ja")
    term.name = "食べもの"
    term.save()
    assert _category_labels({"food"}, language="ja") == {"food": "食べもの"}


def test_service_link_redirect_is_cached_and_follows_a_move(client, directory_index):
    service = ServicePageFactory(slug="first")
    link = f"/services/{service.hsds_id}/"
    client.get(link)
    cached = client.get(link)
    assert cached["X-Public-Cache"] == "hit"
    assert cached.status_code == 302 and cached["Location"] == service.url

    service.slug = "second"
    service.save_revision().publish()
    moved = client.get(link)
    assert moved["X-Public-Cache"] == "miss"
    assert moved["Location"].endswith("/second/")


def test_service_link_that_sets_the_language_is_not_stored(client, directory_index):
    service = ServicePageFactory()
    link = f"/services/{service.hsds_id}/?lang=en"
    client.get(link)
    response = client.get(link)
    assert "X-Public-Cache" not in response or response["X-Public-Cache"] != "hit"
    assert "django_language" in response.cookies
