# Rows per model of the project's apps, users and pages, as JSON (run with `manage.py shell -c`).
# backup.sh stores it beside the dump; drill_backup.sh compares the restored database with it.
import json

from django.apps import apps

LABELS = {"directory", "referrals", "search", "platform_site", "auth", "wagtailcore"}
SKIPPED = {"search.indexqueueentry"}  # the queue is emptied by the worker, not restored state
counts = {
    model._meta.label_lower: model._base_manager.count()
    for model in apps.get_models()
    if model._meta.app_label in LABELS and model._meta.label_lower not in SKIPPED
}
print(json.dumps(counts, sort_keys=True, indent=1))
