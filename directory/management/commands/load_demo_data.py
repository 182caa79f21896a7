"""Load the fictional demo directory and demo accounts (see directory/demo/)."""

import time
from datetime import date

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings
from django.utils.translation import gettext as _
from tqdm import tqdm

from directory.demo import (
    BASE_DATE,
    COORDINATOR_GROUP,
    DEFAULT_SEED,
    demo_accounts_ensure,
    demo_data_exists,
    demo_data_flush,
    demo_data_load,
    demo_sizes,
)
from directory.providers.rights import provider_permissions_sync_all
from directory.providers.workflow import moderation_ensure
from directory.services import readings_backfill
from referrals.demo import demo_referrals_ensure


class Command(BaseCommand):
    help = (
        "Load a fictional, deterministic demo directory (4 Tokyo wards, 320 services) and demo "
        "accounts. --size N writes N services for benchmarks. Demo accounts are for demos only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--size", type=int, default=None, help="number of services")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
        parser.add_argument("--flush", action="store_true", help="delete demo data first")
        parser.add_argument(
            "--referrals",
            type=int,
            default=None,
            help="also write N demo referrals for the dashboard (dashboard/demo.py)",
        )
        parser.add_argument(
            "--base-date",
            type=date.fromisoformat,
            default=BASE_DATE,
            help="the day the data is 'as of' (YYYY-MM-DD); dates are relative to it",
        )

    def handle(self, *args, size, seed, flush, base_date, referrals=None, **options):
        if size is not None and size < 1:
            raise CommandError(_("--size は1以上にしてください"))
        started = time.monotonic()
        if demo_data_exists():
            if not flush:
                self.stdout.write(
                    _("デモデータはすでにあります。入れ直すには --flush を付けてください。")
                )
                self._referrals(referrals, seed, options["verbosity"])
                return
            deleted = demo_data_flush()
            self.stdout.write(
                _("デモの団体 %(count)d 件と、そのサービス・拠点を削除しました。")
                % {"count": deleted}
            )
        services, _organizations, _wards = demo_sizes(size=size)
        # DEBUG would keep and format the SQL of every bulk insert: a third of the run time.
        with (
            override_settings(DEBUG=False),
            tqdm(total=services, unit="svc", disable=options["verbosity"] < 1) as bar,
        ):
            summary = demo_data_load(
                size=size, seed=seed, base_date=base_date, on_progress=bar.update
            )
        # Readings (よみがな, 名称_カナ) as backfill_readings makes them: the bulk load skips the
        # editor's suggestion. Not indexed here: the whole demo is indexed after the load.
        readings_backfill(reindex=False)
        accounts = demo_accounts_ensure()
        # Referral side of the demo: agency, memberships, a few referrals in each state.
        demo_referrals_ensure()
        # Moderation workflow for provider edits and per-organization editing rights.
        moderation_ensure(coordinator_group=Group.objects.get(name=COORDINATOR_GROUP))
        provider_permissions_sync_all()
        self.stdout.write(
            _(
                "団体 %(orgs)d 件、サービス %(services)d 件、拠点 %(locations)d 件を作りました（%(seconds).1f 秒）。"
            )
            % {
                "orgs": summary.organizations,
                "services": summary.services,
                "locations": summary.locations,
                "seconds": time.monotonic() - started,
            }
        )
        self._referrals(referrals, seed, options["verbosity"])
        self.stdout.write(_("デモ用アカウント（デモ専用。公開サーバーでは使わないこと）:"))
        for account in accounts:
            self.stdout.write(f"  {account.username} / {account.password} / {account.role}")
        self.stdout.write(
            _(
                "ページは一括で作成したため、まだ検索に出ません。make run と make demo は続けて "
                "検索インデックスを更新します。このコマンドだけを使ったときは "
                "python manage.py reconcile_search_index を実行してください"
                "（管理画面のページ検索は python manage.py update_index）。"
            )
        )

    def _referrals(self, count: int | None, seed: int, verbosity: int) -> None:
        """The dashboard's demo referrals (dashboard/demo.py), when --referrals N is given."""
        if not count:
            return
        from dashboard.demo import demo_referrals_bulk

        started = time.monotonic()
        with (
            override_settings(DEBUG=False),
            tqdm(total=count, unit="ref", disable=verbosity < 1) as bar,
        ):
            made = demo_referrals_bulk(count=count, seed=seed, on_progress=bar.update)
        self.stdout.write(
            _("デモの紹介 %(count)d 件を作りました（%(seconds).1f 秒）。")
            % {"count": made, "seconds": time.monotonic() - started}
        )
