"""Saved searches and the remembered place: a signed-in worker's searches, kept for /my/."""

import pytest
from django.http import QueryDict

from search.models import SavedSearch
from search.saved import (
    LAST_PLACE_SESSION_KEY,
    MAX_SAVED_SEARCHES,
    saved_query,
    saved_search_create,
)
from tests.otp import login_verified
from tests.referrals.factories import UserFactory
from tests.search.search_fakes import FakeBackend, install


@pytest.fixture
def fake(db, monkeypatch, settings):
    settings.SEARCH_BACKEND = "fake"
    return install(monkeypatch, FakeBackend("fake"), FakeBackend("database", total=0))["fake"]


def test_saved_query_keeps_the_place_and_filters_but_not_the_page():
    query = saved_query(QueryDict("q=食料&near=池袋駅&category=food&page=3&bbox=1,2,3,4"))

    assert QueryDict(query) == QueryDict("q=食料&near=池袋駅&category=food")


def test_saved_query_drops_empty_parameters():
    assert saved_query(QueryDict("q=&near=")) == ""


def test_saving_nothing_creates_nothing(db):
    assert saved_search_create(user=UserFactory(), name="x", params=QueryDict("page=2")) is None


def test_saved_searches_keep_only_the_newest(db):
    user = UserFactory()
    for n in range(MAX_SAVED_SEARCHES + 2):
        saved_search_create(user=user, name=str(n), params=QueryDict(f"q={n}"))

    assert SavedSearch.objects.filter(user=user).count() == MAX_SAVED_SEARCHES


def test_a_signed_in_search_remembers_the_place(client, fake):
    login_verified(client, UserFactory())

    client.get("/search/", {"near": "池袋駅"})

    assert client.session[LAST_PLACE_SESSION_KEY] == "池袋駅"


def test_an_anonymous_search_remembers_nothing(client, fake):
    client.get("/search/", {"near": "池袋駅"})

    assert LAST_PLACE_SESSION_KEY not in client.session


def test_the_search_page_offers_saving_to_signed_in_staff(client, fake):
    login_verified(client, UserFactory())

    html = client.get("/search/", {"q": "食料"}).content.decode()

    assert 'action="/search/saved/"' in html


def test_saving_from_the_page_stores_the_query_and_reruns_it(client, fake):
    user = UserFactory()
    login_verified(client, user)

    response = client.post("/search/saved/", {"name": "池袋の食料", "query": "q=食料&near=池袋駅"})

    saved = SavedSearch.objects.get(user=user)
    assert (saved.name, response["Location"]) == ("池袋の食料", f"/search/?{saved.query}")


def test_a_worker_cannot_delete_someone_elses_saved_search(client, db):
    other = SavedSearch.objects.create(user=UserFactory(), name="x", query="q=x")
    login_verified(client, UserFactory())

    client.post(f"/search/saved/{other.pk}/delete/")

    assert SavedSearch.objects.filter(pk=other.pk).exists()
