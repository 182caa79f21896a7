"""The Atom feed of changed and removed listings (/feeds/changes.atom)."""

from __future__ import annotations

import re
from datetime import datetime
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


def test_feed_meets_the_atom_rules_a_validator_checks(client):
    """RFC 4287: an author, absolute and unique ids, RFC 3339 dates, a link or content."""
    ServicePageFactory(title="フードバンク池袋")
    ServicePageFactory(title="こども食堂").delete()
    root = _feed(client)
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 2
    assert root.find(f"{ATOM}author/{ATOM}name") is not None or all(
        e.find(f"{ATOM}author/{ATOM}name") is not None for e in entries
    )
    ids = [root.findtext(f"{ATOM}id")] + [e.findtext(f"{ATOM}id") for e in entries]
    assert all(re.match(r"^[a-z][a-z0-9+.-]*:\S+$", i) for i in ids), ids
    assert len(set(ids)) == len(ids)
    for element in [root, *entries]:
        updated = element.findtext(f"{ATOM}updated")
        assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$", updated)
        assert datetime.fromisoformat(updated).tzinfo is not None
    for entry in entries:
        alternate = [
            link
            for link in entry.findall(f"{ATOM}link")
            if link.get("rel", "alternate") == "alternate" and link.get("href")
        ]
        assert alternate or entry.find(f"{ATOM}content") is not None
