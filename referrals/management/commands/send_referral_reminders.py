"""Remind providers of unanswered referrals; escalate to the sender after twice as long.

Run daily (cron or a scheduled task); running it twice the same day sends nothing new.
"""

from django.core.management.base import BaseCommand
from django.utils.dateparse import parse_datetime

from referrals.services import referral_reminders_send


class Command(BaseCommand):
    help = "未対応の紹介を提供機関に督促し、さらに遅れたものを紹介元に知らせます。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            help="ISO 8601 date-time to run as (for tests and catching up), e.g. 2026-11-26T09:00+09:00",
        )

    def handle(self, *args, **options):
        now = None
        if options["now"]:
            now = parse_datetime(options["now"])
            if now is None or now.tzinfo is None:
                self.stderr.write("--now must be an ISO 8601 date-time with a UTC offset")
                raise SystemExit(2)
        run = referral_reminders_send(now=now)
        # Codes only: nothing personal goes to logs or the console.
        self.stdout.write(f"reminded: {len(run.reminded)} escalated: {len(run.escalated)}")
        for code in run.reminded:
            self.stdout.write(f"  reminder {code}")
        for code in run.escalated:
            self.stdout.write(f"  escalation {code}")
