"""Create the 「コーディネーター承認」 workflow and sync every provider group (idempotent)."""

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from directory.providers.rights import provider_permissions_sync_all
from directory.providers.workflow import DEFAULT_COORDINATOR_GROUP, moderation_ensure


class Command(BaseCommand):
    help = (
        "Assign the coordinator approval workflow to the directory, give the coordinator group "
        "the listing moderation permission, and sync each organization's provider group."
    )

    def add_arguments(self, parser):
        parser.add_argument("--group", default=DEFAULT_COORDINATOR_GROUP, help="coordinator group")

    def handle(self, *args, group, **options):
        coordinators, _created = Group.objects.get_or_create(name=group)
        workflow = moderation_ensure(coordinator_group=coordinators)
        synced = provider_permissions_sync_all()
        self.stdout.write(
            _("ワークフロー「%(workflow)s」を設定し、提供者グループ %(count)d 件を同期しました。")
            % {"workflow": workflow.name, "count": synced}
        )
