"""The four demo accounts and their groups (demo only: never on a public server)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission, Page

from directory.demo.selectors import demo_provider_organization
from directory.services import site_structure_ensure

DEMO_PASSWORD = "tsunagu-demo"  # demo only; never use these accounts on a public server

COORDINATOR_GROUP = "コーディネーター"
LEGACY_PROVIDER_GROUP = "提供者（デモ団体）"  # removed; see demo_accounts_ensure
WORKER_GROUP = "支援員"


@dataclass(frozen=True, kw_only=True)
class DemoAccount:
    username: str
    password: str
    role: str


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _page_permissions(*, group: Group, page: Page, codenames: Sequence[str]) -> None:
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_permission("wagtailcore", codename)
        )


@transaction.atomic
def demo_accounts_ensure(*, password: str = DEMO_PASSWORD) -> list[DemoAccount]:
    """Create or reset the four demo accounts and their groups (idempotent)."""
    index = site_structure_ensure()
    access_admin = _permission("wagtailadmin", "access_admin")

    coordinators, _ = Group.objects.get_or_create(name=COORDINATOR_GROUP)
    coordinators.permissions.add(
        access_admin,
        *(
            _permission("directory", f"{action}_{model}")
            for action in ("add", "change", "delete")
            for model in ("location", "taxonomy", "taxonomyterm")
        ),
    )
    _page_permissions(
        group=coordinators, page=index, codenames=("add_page", "change_page", "publish_page")
    )

    # Providers edit through their organization's own group (directory.providers.rights),
    # set from their ProviderMembership; a shared demo group from older demo data goes.
    Group.objects.filter(name=LEGACY_PROVIDER_GROUP).delete()
    organization = demo_provider_organization()

    workers, _ = Group.objects.get_or_create(name=WORKER_GROUP)

    provider_role = "提供者"
    if organization is not None:
        provider_role = f"提供者（{organization.title} のページだけ編集、公開は承認制）"
    accounts = (
        ("admin", "管理者（スーパーユーザー）", None, True),
        ("moderator", "コーディネーター（ディレクトリ全体の編集・公開）", coordinators, False),
        ("provider", provider_role, None, False),
        ("worker", "支援員（管理画面なし）", workers, False),
    )
    User = get_user_model()
    result = []
    for username, role, group, superuser in accounts:
        user, _ = User.objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.jp"}
        )
        user.is_superuser = superuser
        user.is_staff = superuser
        user.is_active = True
        user.set_password(password)
        user.save()
        if username != "provider":  # the provider's groups come from its membership
            user.groups.set([group] if group else [])
        result.append(DemoAccount(username=username, password=password, role=role))
    return result
