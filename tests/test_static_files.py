"""The production static-file storage can collect every file (``make serve`` runs collectstatic).

The manifest storage follows references inside CSS and JavaScript (``url(…)``,
``sourceMappingURL``); a vendored file naming a file we did not ship stops the deploy.
"""

from __future__ import annotations

from django.core.management import call_command
from django.test import override_settings


def test_collectstatic_with_the_manifest_storage_resolves_every_reference(tmp_path):
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
    assert (tmp_path / "staticfiles.json").exists()
