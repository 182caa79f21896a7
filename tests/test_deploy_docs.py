"""docs/deploy.md and deploy/: every command, script and unit they name exists and parses."""

from __future__ import annotations

import re
import runpy
import subprocess
from pathlib import Path

import pytest
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "deploy.md").read_text()
UNITS = sorted((ROOT / "deploy" / "systemd").iterdir())
TEXTS = [DOC, *(unit.read_text() for unit in UNITS)]


def named(pattern: str) -> set[str]:
    return {match for text in TEXTS for match in re.findall(pattern, text)}


@pytest.mark.parametrize("command", sorted(named(r"manage\.py (\w+)") - {"<command>"}))
def test_management_command_exists(command):
    assert command in get_commands()


def test_every_timer_starts_an_existing_command():
    jobs = [
        u.name.split("@")[1].removesuffix(".timer")
        for u in UNITS
        if u.name.endswith(".timer") and "@" in u.name
    ]
    assert jobs and set(jobs) <= set(get_commands())


@pytest.mark.parametrize("script", sorted(named(r"scripts/(\w+\.sh)")))
def test_script_exists_and_parses(script):
    path = ROOT / "scripts" / script
    assert path.exists()
    assert subprocess.run(["bash", "-n", str(path)], capture_output=True).returncode == 0


def test_make_serve_is_a_target():
    assert re.search(r"^serve:", (ROOT / "Makefile").read_text(), re.MULTILINE)


def test_gunicorn_workers_are_sized_to_the_cores(monkeypatch):
    monkeypatch.delenv("GUNICORN_WORKERS", raising=False)
    monkeypatch.setattr("multiprocessing.cpu_count", lambda: 4)
    config = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    assert config["workers"] == 9
    assert "%(U)s" in config["access_log_format"]  # the path without the query string


def test_gunicorn_loads_the_app_before_forking(monkeypatch):
    # A worker replaced after max_requests must not import the whole site again under load.
    monkeypatch.delenv("GUNICORN_PRELOAD", raising=False)
    config = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    assert config["preload_app"] is True
    assert config["max_requests"] > 0
