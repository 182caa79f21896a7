"""The benchmark (``search.bench``) is never imported by the running site.

It builds synthetic databases and starts servers; only ``manage.py benchmark_search`` uses it.
Checked in a fresh interpreter, because this test process may already hold it from
``test_benchmark.py``.
"""

import json
import subprocess
import sys
from pathlib import Path

from django.conf import settings

# What the site loads: the URLconf (views, APIs, hooks) and every module of the project's apps
# except commands, migrations, settings modules of other environments and the benchmark itself.
SITE_IMPORTS = """
import importlib, json, pkgutil, sys
import django
django.setup()
from django.conf import settings
importlib.import_module(settings.ROOT_URLCONF)
importlib.import_module(settings.WSGI_APPLICATION.rpartition(".")[0])
skipped = (".management", ".migrations", ".tests", "platform_site.settings.", "search.bench")
project_apps = [a for a in settings.INSTALLED_APPS if a.split(".")[0] in {APPS}]
def load(name):
    # Not pkgutil.walk_packages: it imports every package it walks, skipped ones included.
    module = importlib.import_module(name)
    for found in pkgutil.iter_modules(getattr(module, "__path__", []), prefix=name + "."):
        if not any(part in found.name + "." for part in skipped):
            load(found.name)
for app in project_apps:
    load(app)
print(json.dumps([name for name in sys.modules if name.split(".")[:2] == ["search", "bench"]]))
"""


def test_the_site_imports_no_benchmark_module():
    apps = sorted(
        app
        for app in settings.INSTALLED_APPS
        if (Path(settings.BASE_DIR) / app.split(".")[0]).is_dir()
    )
    assert "search" in apps
    code = SITE_IMPORTS.replace("{APPS}", repr(set(apps)))

    finished = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={"DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE, "PATH": ""},
        capture_output=True,
        text=True,
        check=True,
    )

    assert json.loads(finished.stdout.splitlines()[-1]) == []
