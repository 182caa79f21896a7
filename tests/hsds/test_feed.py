"""The Atom feed of changed and removed listings (/feeds/changes.atom)."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest

from tests.factories import ServicePageFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def _feed(client) -> ElementTree.Element:
    response = client.get("/feeds/changes.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ElementTree.fromstring(response.content)


def test_feed_is_atom_with_the_required_elements(client):
    ServicePageFactory(title="フードバンク池袋")
    root = _feed(client)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{name}") is not None, name
    entries = root.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        for name in ("id", "title", "updated", "link"):
            assert entry.find(f"{ATOM}{name}") is not None, name


def test_changed_listing_is_an_entry_linking_to_its_page(client):
    service = ServicePageFactory(title="フードバンク池袋")
    entry = _feed(client).find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "フードバンク池袋"
    assert f"/services/{service.hsds_id}/" in entry.find(f"{ATOM}link").get("href")


def test_removed_listing_is_an_entry(client):
    service = ServicePageFactory(title="閉じた食堂")
    service.unpublish()
    titles = [e.find(f"{ATOM}title").text for e in _feed(client).findall(f"{ATOM}entry")]
    assert titles == ["掲載終了: 閉じた食堂"]
