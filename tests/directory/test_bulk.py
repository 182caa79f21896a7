"""directory.bulk: new pages go into the tree as treebeard would put them, with or without history."""

from datetime import UTC, datetime

import pytest
from wagtail.models import Page, Revision

from directory import bulk
from directory.models import OrganizationPage, OrganizationPhone, ServicePage
from tests.factories import OrganizationPageFactory, ServicePageFactory


@pytest.mark.django_db
def test_new_pages_follow_the_existing_children_of_each_parent(directory_index):
    first = OrganizationPageFactory(parent=directory_index)
    other = OrganizationPageFactory(parent=directory_index)
    existing = ServicePageFactory(parent=first)
    pages = [
        (first, ServicePage(title="A", slug="a")),
        (other, ServicePage(title="B", slug="b")),
        (first, ServicePage(title="C", slug="c")),
    ]

    bulk.create_pages(pages=pages, live=True, history=False, index=False)

    assert Page.find_problems() == ([], [], [], [], [])  # paths, depths and numchild agree
    assert [p.slug for p in first.get_children()] == [existing.slug, "a", "c"]
    assert [p.slug for p in other.get_children()] == ["b"]
    assert Page.objects.get(slug="a").url_path == f"{first.url_path}a/"


@pytest.mark.django_db
def test_without_history_a_page_keeps_its_date_and_has_no_revision(directory_index):
    published = datetime(2025, 4, 1, tzinfo=UTC)
    page = OrganizationPage(title="X", slug="x", first_published_at=published)

    bulk.create_pages(pages=[(directory_index, page)], live=True, history=False, index=False)

    stored = OrganizationPage.objects.get(pk=page.pk)
    assert stored.live
    assert stored.first_published_at == stored.last_published_at == published
    assert stored.latest_revision_id is None
    assert not Revision.objects.filter(object_id=str(page.pk)).exists()


@pytest.mark.django_db
def test_with_history_a_page_is_published_with_a_revision_and_its_children(directory_index):
    page = OrganizationPage(title="X", slug="x")
    page.phones = [OrganizationPhone(number="03-0123-4567")]

    bulk.create_pages(pages=[(directory_index, page)], live=True, history=True, index=False)

    stored = OrganizationPage.objects.get(pk=page.pk)
    assert stored.latest_revision_id is not None
    assert stored.live_revision_id == stored.latest_revision_id
    assert stored.first_published_at is not None
    assert list(stored.phones.values_list("number", flat=True)) == ["03-0123-4567"]
