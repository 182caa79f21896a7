"""Production settings: clean `check --deploy`, and no start without the two secrets."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        k: v
        for k, v in os.environ.items()
        # DJANGO_ALLOW_ASYNC_UNSAFE: set by the browser tests for Playwright in this process;
        # a deployment never has it, and check --deploy rightly warns about it.
        if k
        not in {"SECRET_KEY", "FIELD_ENCRYPTION_KEYS", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(DJANGO_SETTINGS_MODULE="platform_site.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


SECRETS = {
    "SECRET_KEY": "p" * 20 + "production-secret-key-with-enough-entropy-0123456789",
    "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
    "ALLOWED_HOSTS": "tsunagu.example.jp",
}


def test_check_deploy_is_clean():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **SECRETS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "FIELD_ENCRYPTION_KEYS"])
def test_production_refuses_to_start_without(missing):
    env = {k: v for k, v in SECRETS.items() if k != missing}
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert f"ImproperlyConfigured: {missing} must be set" in result.stderr


def test_postgres_connections_are_kept_and_checked_before_reuse():
    """A restarted PostgreSQL must not need an app restart (scripts/drill_pg_restart.sh)."""
    result = run_manage(
        "shell",
        "-v",
        "0",
        "-c",
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])",
        DATABASE_URL="postgres://tsunagu:secret@127.0.0.1:1/tsunagu",
        **SECRETS,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["60", "True"]


def test_default_cache_holds_the_public_pages_of_a_busy_site():
    # Culling starts at MAX_ENTRIES: with Django's 300, every stored search page would drop a
    # third of the cache (and the page generation with it).
    script = "from django.conf import settings; print(settings.CACHES['default']['OPTIONS'])"
    result = run_manage("shell", "-v", "0", "-c", script, **SECRETS)
    assert result.returncode == 0, result.stderr
    assert "'MAX_ENTRIES': 5000" in result.stdout
