"""Quick updates reach the public page and the search index at once, logged, and survive the
next publication of a draft."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from directory.models import Closure, QuickUpdate, ServicePage
from directory.providers.forms import ClosureForm
from directory.providers.services import service_closure_add
from search.backends import get_backend
from search.contract import SearchQuery
from search.indexing import services_index_now
from tests.providers.conftest import edit_form_data

pytestmark = pytest.mark.django_db


def paused_ids() -> set[int]:
    result = get_backend("database").search(SearchQuery(filters={"availability": ("paused",)}))
    return {hit.service_id for hit in result.hits}


def test_pausing_intake_shows_at_once_on_the_page_and_in_search(
    world, client, django_capture_on_commit_callbacks
):
    services_index_now(service_ids=[world.service.pk])
    assert world.service.pk not in paused_ids()
    client.force_login(world.staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/providers/services/{world.service.pk}/availability/", {"availability": "paused"}
        )
    assert response.status_code == 302
    assert "受付停止中" in client.get(world.service.url).content.decode()
    assert world.service.pk in paused_ids()
    search_page = client.get("/search/", {"availability": "paused"}).content.decode()
    assert "食品の無料配布" in search_page
    update = QuickUpdate.objects.get(service=world.service, kind="availability")
    assert (update.old_value, update.new_value, update.user) == ("accepting", "paused", world.staff)


def test_a_quick_update_survives_publishing_an_older_draft(world, client):
    # A draft made before the quick update (e.g. waiting for approval) must not undo it.
    service = ServicePage.objects.get(pk=world.service.pk)
    service.description = "下書きの説明"
    draft = service.save_revision(user=world.staff)
    client.force_login(world.staff)
    client.post(f"/providers/services/{service.pk}/availability/", {"availability": "waitlist"})
    client.post(
        f"/providers/services/{service.pk}/closure/",
        {"start_date": "2026-12-29", "end_date": "2027-01-03", "description": "年末年始"},
    )
    draft.refresh_from_db()
    draft.publish()
    service = ServicePage.objects.get(pk=world.service.pk)
    assert service.description == "下書きの説明"
    assert service.availability == "waitlist"
    closure = Closure.objects.get(service=service)
    assert (closure.start_date, closure.end_date) == (date(2026, 12, 29), date(2027, 1, 3))
    # And the editor opens with the quick values.
    data = edit_form_data(client, service.pk)
    assert data["availability"] == "waitlist"
    assert "年末年始" in data.values()


def test_capacity_note_and_alert(world, client):
    client.force_login(world.staff)
    client.post(
        f"/providers/services/{world.service.pk}/capacity/", {"capacity_note": "今月はあと3件"}
    )
    client.post(f"/providers/services/{world.service.pk}/alert/", {"alert": "12日は臨時休業です"})
    body = client.get(world.service.url).content.decode()
    assert "今月はあと3件" in body and "12日は臨時休業です" in body
    client.post(f"/providers/services/{world.service.pk}/alert/", {"alert": ""})
    assert "12日は臨時休業です" not in client.get(world.service.url).content.decode()


def test_a_closure_ending_before_it_starts_is_refused(world, client):
    client.force_login(world.staff)
    response = client.post(
        f"/providers/services/{world.service.pk}/closure/",
        {"start_date": "2026-12-10", "end_date": "2026-12-01"},
        follow=True,
    )
    assert "休業終了日は休業開始日以降" in response.content.decode()
    assert not Closure.objects.filter(service=world.service).exists()


def test_closure_form_puts_the_date_rule_message_on_the_end_date():
    form = ClosureForm(data={"start_date": "2026-12-10", "end_date": "2026-12-01"})
    assert not form.is_valid()
    assert form.errors == {"end_date": ["休業終了日は休業開始日以降にしてください"]}


def test_closure_service_refuses_a_closure_ending_before_it_starts(world):
    with pytest.raises(ValidationError) as caught:
        service_closure_add(
            service=world.service,
            by=world.staff,
            start_date=date(2026, 12, 10),
            end_date=date(2026, 12, 1),
        )
    assert caught.value.messages == ["休業終了日は休業開始日以降にしてください"]
    assert not Closure.objects.filter(service=world.service).exists()


def test_staff_cannot_quick_update_another_organizations_service(world, client):
    client.force_login(world.staff)
    response = client.post(
        f"/providers/services/{world.other_service.pk}/availability/", {"availability": "paused"}
    )
    assert response.status_code == 404
    assert ServicePage.objects.get(pk=world.other_service.pk).availability == "accepting"


def test_quick_updates_need_post_and_login(world, client):
    url = f"/providers/services/{world.service.pk}/availability/"
    assert client.post(url, {"availability": "paused"}).status_code == 302  # to the login
    client.force_login(world.staff)
    assert client.get(url).status_code == 405


def test_dashboard_lists_own_services_only(world, client, django_assert_max_num_queries):
    client.force_login(world.staff)
    with django_assert_max_num_queries(30):
        body = client.get("/providers/").content.decode()
    assert "食品の無料配布" in body
    assert "学習支援教室" not in body
    assert "変更なし・確認しました" in body
