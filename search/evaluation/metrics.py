"""Ranking metrics for the judged set: nDCG@10, precision@5 and unrelated services in a top 5.

Gains are the judged grades (2 = the obvious answer, 1 = relevant, 0 = unrelated). nDCG uses the
exponential gain ``2**grade - 1`` so that putting an obvious answer first counts for more than
putting a merely relevant one there; the ideal ranking is every relevant service of the
directory in grade order, so a backend that misses relevant services is marked down too.
"""

from __future__ import annotations

import math
from collections.abc import Sequence


def dcg(grades: Sequence[int]) -> float:
    """Discounted cumulative gain of grades in rank order (rank 1 first)."""
    return sum((2**grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(grades))


def ndcg_at(*, k: int, ranked: Sequence[int], ideal: Sequence[int]) -> float:
    """nDCG@k of ``ranked`` grades against all judged grades ``ideal`` (any order)."""
    best = dcg(sorted(ideal, reverse=True)[:k])
    if best == 0:
        return 1.0 if not any(ranked[:k]) else 0.0
    return dcg(ranked[:k]) / best


def precision_at(*, k: int, ranked: Sequence[int]) -> float:
    """Share of the first ``k`` positions holding a relevant service (an empty slot counts 0)."""
    return sum(1 for grade in ranked[:k] if grade > 0) / k


def unrelated_at(*, k: int, ranked: Sequence[int]) -> int:
    """How many of the first ``k`` results are not judged relevant for the query."""
    return sum(1 for grade in ranked[:k] if grade == 0)
