"""Moderation: a provider's edit waits for the coordinator; a trusted organization's publishes."""

from datetime import date

import pytest
from wagtail.models import WorkflowState

from directory.models import QuickUpdate, ServicePage
from directory.providers.workflow import WORKFLOW_NAME, moderation_ensure
from tests.otp import login_verified
from tests.providers.conftest import edit_form_data

pytestmark = pytest.mark.django_db


def live(service) -> ServicePage:
    return ServicePage.objects.get(pk=service.pk)


def test_the_workflow_is_set_up_once(world):
    first = moderation_ensure()
    second = moderation_ensure()
    assert first.pk == second.pk
    assert first.name == WORKFLOW_NAME
    assert world.service.get_workflow().pk == first.pk
    assert [t.name for t in first.tasks] == ["コーディネーターの承認"]


def test_a_providers_edit_waits_for_approval_and_publishes_after(world, client, clock):
    clock.set(2026, 11, 2)
    login_verified(client, world.staff)
    data = edit_form_data(client, world.service.pk, description="新しい説明です。")
    data["action-submit"] = "1"
    response = client.post(f"/admin/pages/{world.service.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]

    assert live(world.service).description == "食料品を無料でお渡しします。"
    state = WorkflowState.objects.get(object_id=str(world.service.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert live(world.service).assured_date is None

    # The coordinator sees it in their queue and approves it.
    login_verified(client, world.coordinator)
    dashboard = client.get("/admin/")
    assert "食品の無料配布" in dashboard.content.decode()
    task_state = state.current_task_state
    response = client.post(
        f"/admin/pages/workflow/action/{world.service.pk}/approve/{task_state.pk}/",
        {"comment": "確認しました"},
    )
    assert response.status_code in (200, 302)
    service = live(world.service)
    assert service.description == "新しい説明です。"
    # The approved edit by the provider's own staff counts as a confirmation.
    assert service.assured_date == date(2026, 11, 2)
    assert service.assurer_email == "info@foodbank.example.jp"  # public, not the login
    assert QuickUpdate.objects.filter(service=service, kind="approved_edit").exists()


def test_a_coordinators_own_edit_is_not_a_confirmation(world):
    service = live(world.service)
    service.description = "コーディネーターが直しました。"
    revision = service.save_revision(user=world.coordinator)
    revision.publish(user=world.coordinator)
    assert live(world.service).assured_date is None


def test_a_trusted_organizations_edit_publishes_directly(world, client, django_user_model):
    world.organization.is_trusted = True
    world.organization.save_revision().publish()
    login_verified(client, django_user_model.objects.get(pk=world.staff.pk))
    data = edit_form_data(client, world.service.pk, description="すぐに公開される説明です。")
    data["action-publish"] = "1"
    response = client.post(f"/admin/pages/{world.service.pk}/edit/", data)
    assert response.status_code == 302
    assert live(world.service).description == "すぐに公開される説明です。"
    assert not WorkflowState.objects.filter(
        object_id=str(world.service.pk), status=WorkflowState.STATUS_IN_PROGRESS
    ).exists()


def test_an_untrusted_provider_cannot_publish_directly(world, client):
    login_verified(client, world.staff)
    data = edit_form_data(client, world.service.pk, description="勝手に公開")
    data["action-publish"] = "1"
    client.post(f"/admin/pages/{world.service.pk}/edit/", data)
    assert live(world.service).description != "勝手に公開"
