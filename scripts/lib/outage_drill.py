"""Driver of scripts/drill_es_outage.sh: 1,000 edits and searches while Elasticsearch goes away.

Run as ``python scripts/lib/outage_drill.py`` with DJANGO_SETTINGS_MODULE and the drill's
database and node in the environment. Phases (by operation number): normal, then the node
frozen with SIGSTOP (FREEZE_AT..STOP_AT), then stopped (STOP_AT..end). Every even operation
publishes an edit of a service (must take < 1 s), every odd one searches (must answer,
degraded while the node is away). Prints one JSON line of figures; exit 1 on a broken rule.
"""

from __future__ import annotations

import json
import os
import signal
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from directory.models import ServicePage  # noqa: E402
from search.forms import SearchForm  # noqa: E402
from search.services import search_run  # noqa: E402

OPERATIONS = int(os.environ.get("OPERATIONS", 1000))
# By default the node is frozen from a fifth of the run and killed from three tenths (200 and 300
# of 1,000): every frozen search waits for the 2 s search timeout, so that window stays short.
FREEZE_AT = int(os.environ.get("FREEZE_AT", OPERATIONS // 5))
STOP_AT = int(os.environ.get("STOP_AT", OPERATIONS * 3 // 10))
EDIT_LIMIT_S = 1.0
ES_PID = int(os.environ["ES_PID"])
WORDS = ["食料", "住まい", "相談", "就労", "子ども"]


def _query(word: str):
    form = SearchForm({"q": word})
    form.is_valid()
    return form.query


def main() -> int:
    services = list(ServicePage.objects.live().order_by("pk"))
    # One edit and one search first, not counted: the process's first publish and search load
    # modules and open connections (1.6 s for the first edit on the shared 2-core machine).
    services[-1].save_revision().publish()
    search_run(query=_query(WORDS[0]))
    edits: list[float] = []
    edit_cpu: list[float] = []
    searches: dict[str, list[float]] = {"normal": [], "frozen": [], "stopped": []}
    degraded = {"normal": 0, "frozen": 0, "stopped": 0}
    failures: list[str] = []
    for number in range(OPERATIONS):
        phase = "normal" if number < FREEZE_AT else "frozen" if number < STOP_AT else "stopped"
        if number == FREEZE_AT:
            os.kill(ES_PID, signal.SIGSTOP)
        if number == STOP_AT:
            os.kill(ES_PID, signal.SIGCONT)
            os.kill(ES_PID, signal.SIGKILL)  # the node dies: nothing is flushed politely
        if number % 2 == 0:
            service = services[(number // 2) % len(services)]
            service.title = f"{service.title.split(' #')[0]} #{number}"
            started, cpu_started = time.monotonic(), time.process_time()
            try:
                service.save_revision().publish()
            except Exception as error:  # any error is a failed edit
                failures.append(f"edit {number}: {type(error).__name__}")
            took = time.monotonic() - started
            # Wall time far above CPU time: the edit waited (a lock, the disk, or other processes
            # holding both cores), rather than worked.
            cpu = time.process_time() - cpu_started
            edits.append(took)
            edit_cpu.append(cpu)
            if took > EDIT_LIMIT_S:
                failures.append(f"edit {number} ({phase}) took {took:.2f}s ({cpu:.2f}s CPU)")
        else:
            form = SearchForm({"q": WORDS[number % len(WORDS)]})
            if not form.is_valid():
                failures.append(f"search {number}: form invalid")
                continue
            started = time.monotonic()
            try:
                result = search_run(query=form.query)
            except Exception as error:
                failures.append(f"search {number}: {type(error).__name__}")
                continue
            searches[phase].append(time.monotonic() - started)
            degraded[phase] += int(result.degraded)
            if result.backend == "none":
                failures.append(f"search {number}: no backend answered")
    report = {
        "operations": OPERATIONS,
        "edits": len(edits),
        "edit_p50_s": round(statistics.median(edits), 3),
        "edit_max_s": round(max(edits), 3),
        "edit_cpu_p50_s": round(statistics.median(edit_cpu), 3),
        "edits_over_limit": sum(1 for took in edits if took > EDIT_LIMIT_S),
        "searches": {k: len(v) for k, v in searches.items()},
        "search_max_s": {k: round(max(v), 3) if v else None for k, v in searches.items()},
        "degraded": degraded,
        "failures": failures[:20],
        "failure_count": len(failures),
    }
    print(json.dumps(report, ensure_ascii=False))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
