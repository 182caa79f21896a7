"""The provider world: a coordinator, two organizations with one staff member each, a clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from html.parser import HTMLParser
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache

from directory.providers import rights
from directory.providers.workflow import moderation_ensure
from tests.factories import OrganizationPageFactory, ServicePageFactory

TOKYO = ZoneInfo("Asia/Tokyo")


@pytest.fixture(autouse=True, scope="session")
def _wagtail_hooks_loaded():
    """Wagtail imports wagtail_hooks.py lazily (on the first admin URL or hook lookup); the
    provider signal handlers are connected there, so load them before any test runs."""
    from wagtail.hooks import search_for_hooks

    search_for_hooks()


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@dataclass
class World:
    coordinator: Any
    organization: Any
    service: Any
    staff: Any
    other_organization: Any
    other_service: Any
    other_staff: Any


@pytest.fixture
def world(directory_index, django_user_model) -> World:
    coordinators, _ = Group.objects.get_or_create(name="コーディネーター")
    moderation_ensure(coordinator_group=coordinators)
    coordinator = django_user_model.objects.create_user(
        "coordinator", "coordinator@example.jp", "x"
    )
    coordinator.groups.add(coordinators)
    organization = OrganizationPageFactory(
        title="NPO法人 フードバンクテスト", email="info@foodbank.example.jp"
    )
    other_organization = OrganizationPageFactory(title="NPO法人 ほかの団体")
    service = ServicePageFactory(parent=organization, title="食品の無料配布")
    other_service = ServicePageFactory(parent=other_organization, title="学習支援教室")
    staff = django_user_model.objects.create_user("staff", "staff@example.jp", "x")
    other_staff = django_user_model.objects.create_user("other", "other@example.jp", "x")
    rights.provider_membership_add(organization=organization, user=staff)
    rights.provider_membership_add(organization=other_organization, user=other_staff)
    return World(
        coordinator=coordinator,
        organization=organization,
        service=service,
        staff=staff,
        other_organization=other_organization,
        other_service=other_service,
        other_staff=other_staff,
    )


class FixedClock:
    """``timezone.now()`` (and so ``localdate()``) frozen at a moment the test can move."""

    def __init__(self, monkeypatch, at: datetime):
        self.at = at
        monkeypatch.setattr("django.utils.timezone.now", lambda: self.at)

    def set(self, *args: int) -> datetime:
        self.at = datetime(*args, 9, 0, tzinfo=TOKYO)
        return self.at


@pytest.fixture
def clock(monkeypatch) -> FixedClock:
    return FixedClock(monkeypatch, datetime(2026, 11, 2, 9, 0, tzinfo=TOKYO))


class _FormReader(HTMLParser):
    """Collects what a browser would submit from the form with ``form_id``."""

    def __init__(self, form_id: str):
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.data: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._text: list[str] = []
        self._select: str | None = None
        self._select_value: str | None = None
        self._first_option: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name and "disabled" not in a:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.data.append((name, a.get("value", "on")))
            elif kind not in ("submit", "button", "file", "image"):
                self.data.append((name, a.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []
        elif tag == "select" and name:
            self._select, self._select_value, self._first_option = name, None, None
        elif tag == "option" and self._select:
            if self._first_option is None:
                self._first_option = a.get("value", "")
            if "selected" in a:
                self._select_value = a.get("value", "")

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            self.data.append((self._textarea, "".join(self._text).lstrip("\n")))
            self._textarea = None
        elif tag == "select" and self._select:
            value = self._select_value if self._select_value is not None else self._first_option
            self.data.append((self._select, value or ""))
            self._select = None


def edit_form_data(client, page_id: int, **changes: str) -> dict[str, Any]:
    """The Wagtail edit form of ``page_id`` as the browser would post it, with ``changes``."""
    response = client.get(f"/admin/pages/{page_id}/edit/")
    assert response.status_code == 200, response.status_code
    reader = _FormReader("page-edit-form")
    reader.feed(response.content.decode())
    data: dict[str, Any] = {}
    for name, value in reader.data:
        data.setdefault(name, [])
        data[name].append(value)
    data = {k: v if len(v) > 1 else v[0] for k, v in data.items()}
    data.update(changes)
    return data


@pytest.fixture
def make_service():
    def make(**kwargs):
        return ServicePageFactory(**kwargs)

    return make
