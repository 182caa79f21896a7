"""Run a search backend over the judged set and score it (``manage.py evaluate_search``).

The backend searches its own index; the catalogue (service id → name and wards) comes from the
same documents that were indexed, so a score never depends on database ids or on the order
services were loaded in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import fmean

from search.backends import SearchBackend
from search.contract import SearchDocument, SearchQuery
from search.evaluation import metrics
from search.evaluation.judgements import JUDGEMENTS, Judgement

DEPTH = 10  # nDCG@10
TOP = 5  # precision@5 and unrelated services in the top 5


@dataclass(frozen=True)
class CatalogueEntry:
    name: str
    municipalities: tuple[str, ...]


Catalogue = dict[int, CatalogueEntry]


@dataclass(frozen=True)
class QueryScore:
    judgement: Judgement
    names: tuple[str, ...]  # the first DEPTH hits, in rank order
    grades: tuple[int, ...]
    relevant: int  # services of the catalogue judged relevant
    ndcg: float
    precision: float
    unrelated: int


@dataclass(frozen=True)
class Report:
    backend: str
    scores: tuple[QueryScore, ...]

    @property
    def ndcg(self) -> float:
        return fmean(s.ndcg for s in self.scores)

    @property
    def precision(self) -> float:
        return fmean(s.precision for s in self.scores)

    @property
    def unrelated(self) -> int:
        """Unrelated services over every query's top 5."""
        return sum(s.unrelated for s in self.scores)

    @property
    def queries_with_unrelated(self) -> int:
        return sum(1 for s in self.scores if s.unrelated)


def catalogue_from(documents: Iterable[SearchDocument]) -> Catalogue:
    """What the judgements need to know of each indexed service: its name and wards."""
    return {
        d.service_id: CatalogueEntry(
            name=d.name, municipalities=tuple(d.facets.get("municipality", ()))
        )
        for d in documents
    }


def evaluate(
    *,
    backend: SearchBackend,
    catalogue: Catalogue,
    judgements: Sequence[Judgement] = JUDGEMENTS,
) -> Report:
    """Score ``backend`` on every judgement that has a relevant service in ``catalogue``."""
    scores = []
    for judgement in judgements:
        ideal = [
            grade
            for entry in catalogue.values()
            if (grade := judgement.grade(name=entry.name, municipalities=entry.municipalities))
        ]
        if not ideal:
            continue  # nothing to find in this directory: the query says nothing about ranking
        result = backend.search(SearchQuery(text=judgement.query, page_size=DEPTH))
        names, grades = [], []
        for hit in result.hits[:DEPTH]:
            entry = catalogue.get(hit.service_id, CatalogueEntry(name=hit.name, municipalities=()))
            names.append(entry.name)
            grades.append(judgement.grade(name=entry.name, municipalities=entry.municipalities))
        scores.append(
            QueryScore(
                judgement=judgement,
                names=tuple(names),
                grades=tuple(grades),
                relevant=len(ideal),
                ndcg=metrics.ndcg_at(k=DEPTH, ranked=grades, ideal=ideal),
                precision=metrics.precision_at(k=TOP, ranked=grades),
                unrelated=metrics.unrelated_at(k=TOP, ranked=grades),
            )
        )
    return Report(backend=backend.name, scores=tuple(scores))
