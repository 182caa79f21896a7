"""Retention: remove the personal data of clients whose referrals all ended long enough ago."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from referrals.services import clients_anonymise


class Command(BaseCommand):
    help = "紹介がすべて終結して保存期間を過ぎた相談者の個人情報を削除します（統計は残します）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            required=True,
            metavar="DAYS",
            help="retention period in days after the last referral ended",
        )

    def handle(self, *args, **options):
        days = options["older_than"]
        if days < 0:
            raise CommandError("--older-than must be zero or more days")
        anonymised = clients_anonymise(older_than=timedelta(days=days))
        self.stdout.write(f"anonymised clients: {len(anonymised)}")
