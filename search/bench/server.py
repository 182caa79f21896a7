"""The benchmark's own web server: a wsgiref process serving one request at a time."""

from __future__ import annotations

import http.client
import os
import subprocess
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from django.conf import settings
from django.test.utils import override_settings

from search.bench.config import BENCH_URLCONF, Out

# --- the web server ---------------------------------------------------------------------------


_cpu_samples: dict[str, list[float]] = defaultdict(list)


def cpu_metered(app: Callable[..., Any]) -> Callable[..., Any]:
    """``app``, noting the CPU time of each request by path (the server has one thread)."""

    def metered(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        started = time.thread_time()
        try:
            return app(environ, start_response)  # Django renders the whole body here
        finally:
            _cpu_samples[environ.get("PATH_INFO", "")].append(time.thread_time() - started)

    return metered


def cpu_samples_take() -> dict[str, list[float]]:
    """CPU seconds per request by path since the last call (for ``/bench/stats``)."""
    taken = {path: list(samples) for path, samples in _cpu_samples.items()}
    _cpu_samples.clear()
    return taken


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        pass


def make_bench_server() -> WSGIServer:
    """The project's WSGI app on 127.0.0.1, a free port; call inside the benchmark URLconf."""
    from django.core.wsgi import get_wsgi_application

    app = cpu_metered(get_wsgi_application())
    return make_server("127.0.0.1", 0, app, handler_class=_QuietHandler)


def serve(*, out: Out) -> None:
    """The ``--serve`` child: announce the port on ``out``, then serve until terminated."""
    with override_settings(ROOT_URLCONF=BENCH_URLCONF):
        server = make_bench_server()
        out.write(f"PORT {server.server_port}\n")
        out.flush()
        server.serve_forever()


class ProcessServer:
    """``manage.py benchmark_search --serve`` in a child process, with ``env`` on top."""

    def __init__(self, *, env: dict[str, str]) -> None:
        command = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "benchmark_search"]
        self.process = subprocess.Popen(
            [*command, "--serve"],
            env={**os.environ, **env},
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line.startswith("PORT "):
            self.process.kill()
            raise RuntimeError(f"benchmark server did not start (said {line!r})")
        self.port = int(line.split()[1])
        self.label = "own process"

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


class ThreadServer:
    """The same server on a thread of this process (tests: the test database is in-process)."""

    def __init__(self, *, env: dict[str, str]) -> None:
        self.server = make_bench_server()
        self.port = self.server.server_port
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.label = "this process (thread)"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


def http_get(port: int, path: str) -> tuple[float, int, bytes]:
    """(seconds, status, body) of one GET, from connect to the last byte."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Accept": "application/json"})
        response = conn.getresponse()
        body = response.read()
    finally:
        conn.close()
    return time.perf_counter() - started, response.status, body
