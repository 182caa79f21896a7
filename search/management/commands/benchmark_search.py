"""``manage.py benchmark_search``: search speed on synthetic data (see ``search.bench``)."""

import argparse
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from search import bench


class Command(BaseCommand):
    help = (
        "Load N synthetic services into a benchmark database (var/bench-N.sqlite3, reused), "
        "rebuild the search index and print p50/p95 per kind of query for the backend call, the "
        "full /api/v1/search request, the bare Elasticsearch query and a bare-floor view."
    )

    def add_arguments(self, parser):
        parser.add_argument("--size", type=int, default=10_000, help="number of services")
        parser.add_argument("--backend", choices=[*bench.BACKENDS, "both"], default="database")
        parser.add_argument("--queries", type=int, default=50, help="measured queries per kind")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--database",
            help="SQLite file or database URL (default var/bench-<size>.sqlite3; on PostgreSQL "
            "<name>_bench_<size> on the same server)",
        )
        parser.add_argument(
            "--no-rebuild",
            action="store_true",
            help="skip the rebuild when the index holds as many services as the database "
            "(for iterating on search speed; no rebuild figures)",
        )
        parser.add_argument(
            "--index-prefix",
            default=bench.BENCH_INDEX_PREFIX,
            help=f"Elasticsearch index prefix (default {bench.BENCH_INDEX_PREFIX}: "
            f"alias {bench.BENCH_INDEX_PREFIX}_services)",
        )
        parser.add_argument(
            "--analysis-sample",
            type=int,
            default=bench.ANALYSIS_SAMPLE,
            help="services whose words analysis is timed (ms/doc); 0 skips it "
            f"(default {bench.ANALYSIS_SAMPLE})",
        )
        # The benchmark's own web server, started by the benchmark as a child process.
        parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)

    def handle(
        self,
        *args,
        size,
        backend,
        queries,
        seed,
        database,
        serve,
        no_rebuild=False,
        index_prefix=bench.BENCH_INDEX_PREFIX,
        analysis_sample=bench.ANALYSIS_SAMPLE,
        **options,
    ):
        if serve:
            bench.serve(out=self.stdout)
            return
        if size < 1 or queries < 1 or analysis_sample < 0:
            raise CommandError("--size and --queries must be at least 1, --analysis-sample 0")
        url = bench.bench_database_url(database=database, size=size)
        if not bench.is_current_database(url):
            self._rerun_on(
                url,
                [
                    f"--size={size}",
                    f"--backend={backend}",
                    f"--queries={queries}",
                    f"--seed={seed}",
                    f"--index-prefix={index_prefix}",
                    f"--analysis-sample={analysis_sample}",
                    *(["--no-rebuild"] if no_rebuild else []),
                ],
            )
            return
        bench.run(
            size=size,
            backends=bench.BACKENDS if backend == "both" else (backend,),
            queries=queries,
            seed=seed,
            out=self.stdout,
            database_url=url,
            reuse_index=no_rebuild,
            index_prefix=index_prefix,
            analysis_sample=analysis_sample,
        )

    def _rerun_on(self, url, arguments):
        """Run again with ``DATABASE_URL=url``.

        The database is chosen once, when settings load; a new process gets the benchmark
        database (and its web server child the same) without swapping connections at run time.
        """
        if os.environ.get(bench.CHILD_MARK):
            raise CommandError(
                f"DATABASE_URL={url} was set but the settings did not use it "
                f"({settings.SETTINGS_MODULE} must read DATABASE_URL)"
            )
        command = [
            sys.executable,
            str(Path(settings.BASE_DIR) / "manage.py"),
            "benchmark_search",
            *arguments,
            f"--database={url}",
        ]
        self.stdout.flush()
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE,  # also when given as --settings
            bench.CHILD_MARK: "1",
        }
        returncode = subprocess.run(command, env=env, check=False).returncode
        if returncode:
            raise CommandError(f"benchmark exited with status {returncode}")
