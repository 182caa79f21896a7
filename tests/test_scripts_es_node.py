"""scripts/lib/es.sh ``tsunagu_es_node``: the scripts' curl calls go to the first node of a
comma-separated ELASTICSEARCH_URL that answers (the backup drill's clean-up uses it)."""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTHING_LISTENS = "http://127.0.0.1:9"


class _Answer(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def live_node() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), _Answer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def es_node(urls: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", "-c", 'source scripts/lib/es.sh && tsunagu_es_node "$1"', "es_node", urls],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "ES_NODE_TIMEOUT": "2"},
    )


def test_a_dead_first_node_is_passed_over_for_the_live_one(live_node):
    assert es_node(f"{NOTHING_LISTENS},{live_node}").stdout == f"{live_node}\n"


def test_spaces_and_a_trailing_slash_are_left_out(live_node):
    assert es_node(f" {NOTHING_LISTENS} , {live_node}/ ,").stdout == f"{live_node}\n"


def test_the_first_live_node_wins(live_node):
    assert es_node(f"{live_node},{NOTHING_LISTENS}").stdout == f"{live_node}\n"


def test_no_live_node_fails():
    result = es_node(f"{NOTHING_LISTENS},http://127.0.0.1:1")

    assert (result.returncode, result.stdout) == (1, "")
