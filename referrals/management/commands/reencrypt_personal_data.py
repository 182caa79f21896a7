from django.core.management.base import BaseCommand

from referrals.rekeying import personal_data_reencrypt


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted personal field with the newest key in "
        "FIELD_ENCRYPTION_KEYS (run after putting a new key in front; then the old key can go)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would change; write nothing."
        )
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, dry_run, batch_size, **options):
        counts = personal_data_reencrypt(dry_run=dry_run, batch_size=batch_size)
        verb = "to re-encrypt" if dry_run else "re-encrypted"
        for count in counts:
            self.stdout.write(
                f"{count.label}: {count.rows} rows, {count.values} values, {count.rotated} {verb}"
            )
        total = sum(c.rotated for c in counts)
        self.stdout.write(f"total: {total} values {verb}" + (" (dry run)" if dry_run else ""))
