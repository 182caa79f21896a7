"""``manage.py evaluate_search``: score search on the judged set (``search.evaluation``)."""

from django.core.management.base import BaseCommand, CommandError

from search.backends import BACKENDS, BackendUnavailable, get_backend
from search.documents import build_documents, indexable_services
from search.evaluation.runner import DEPTH, TOP, Report, catalogue_from, evaluate


class Command(BaseCommand):
    help = (
        f"Run the judged queries of search.evaluation against the index of the loaded demo "
        f"directory (load_demo_data, then rebuild_search_index) and print nDCG@{DEPTH}, "
        f"precision@{TOP} and the unrelated services in each top {TOP}."
    )

    def add_arguments(self, parser):
        parser.add_argument("--backend", choices=[*BACKENDS, "both"], default="database")
        parser.add_argument("--verbose", action="store_true", help="one line per query")

    def handle(self, *args, backend, verbose, **options):
        catalogue = catalogue_from(build_documents(indexable_services()))
        if not catalogue:
            raise CommandError("No published services: run load_demo_data and rebuild_search_index")
        for name in BACKENDS if backend == "both" else (backend,):
            try:
                report = evaluate(backend=get_backend(name), catalogue=catalogue)
            except BackendUnavailable as error:
                raise CommandError(f"{name}: unavailable ({type(error).__name__})") from error
            if verbose:
                self._table(report)
            self._summary(report)

    def _table(self, report: Report) -> None:
        self.stdout.write(f"nDCG  P@{TOP}  bad  rel  query → first hits ({report.backend})")
        for s in report.scores:
            hits = " | ".join(
                f"{'✓✓' if g == 2 else '✓' if g else '✗'}{n}"
                for n, g in zip(s.names[:TOP], s.grades, strict=False)
            )
            self.stdout.write(
                f"{s.ndcg:4.2f}  {s.precision:4.2f}  {s.unrelated:3d}  {s.relevant:3d}  "
                f"{s.judgement.query} → {hits or '(no hits)'}"
            )

    def _summary(self, report: Report) -> None:
        self.stdout.write(
            f"{report.backend}: {len(report.scores)} queries, nDCG@{DEPTH} {report.ndcg:.3f}, "
            f"precision@{TOP} {report.precision:.3f}, unrelated in top {TOP}: {report.unrelated} "
            f"(in {report.queries_with_unrelated} queries)"
        )
