"""The moderation workflow 「コーディネーター承認」 on the directory, created idempotently.

Wagtail's own workflow does the work: a provider's edit is submitted to the coordinator group
(a ``GroupApprovalTask``), which approves or requests changes with comments, gets Wagtail's
emails, and sees its queue and the revision compare on the Wagtail dashboard. Trusted
organizations bypass it by holding ``publish_page`` on their subtree (``rights.py``).
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from directory.services import site_structure_ensure

WORKFLOW_NAME = "コーディネーター承認"
TASK_NAME = "コーディネーターの承認"
DEFAULT_COORDINATOR_GROUP = "コーディネーター"
COORDINATOR_PAGE_CODENAMES = ("add_page", "change_page", "publish_page")


@transaction.atomic
def moderation_ensure(*, coordinator_group: Group | None = None) -> Workflow:
    """The workflow on the DirectoryIndexPage subtree, and the coordinators' permissions
    (admin access, ``directory.moderate_listings``, add/change/publish on the directory).

    Safe to run again: finds everything by name and only adds what is missing.
    """
    if coordinator_group is None:
        coordinator_group, _ = Group.objects.get_or_create(name=DEFAULT_COORDINATOR_GROUP)
    coordinator_group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="directory", codename="moderate_listings"),
    )
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(coordinator_group)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(
            workflow=workflow, task=task, sort_order=workflow.workflow_tasks.count()
        )
    index = site_structure_ensure()
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    # Approving is editing and publishing: Wagtail's workflow views check both on the page.
    for codename in COORDINATOR_PAGE_CODENAMES:
        GroupPagePermission.objects.get_or_create(
            group=coordinator_group,
            page=index,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    return workflow
