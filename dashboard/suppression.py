"""Small-number suppression (秘匿処理) for every figure the dashboard shows or exports.

Counts from 1 to 4 are shown as 「5未満」 (primary suppression): a small count can point at a
person. Where cells add up (a total and its parts), one hidden cell alone is the total minus the
others, so a second cell is hidden too: the smallest non-zero part, or the total (secondary
suppression, as in official statistics' 秘匿処理), shown as 「秘匿」 because it may be 5 or more.
Zero is shown: it identifies nobody.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any

from django.utils.translation import gettext_lazy as _

THRESHOLD = 5
SUPPRESSED = _("5未満")
# A cell hidden only so that a 「5未満」 cannot be worked out: it may be 5 or more.
SECONDARY = _("秘匿")
TOTAL = "__total__"

Relation = tuple[Hashable, Sequence[Hashable]]  # (total cell, part cells): total = sum(parts)


def is_small(count: int | None) -> bool:
    return count is not None and 0 < count < THRESHOLD


def is_hidden(value: Any) -> bool:
    return value is SUPPRESSED or value is SECONDARY


def display(cell: Hashable, values: Mapping[Hashable, int], hidden: set[Hashable]) -> Any:
    if cell not in hidden:
        return values[cell]
    return SUPPRESSED if is_small(values[cell]) or values[cell] == 0 else SECONDARY


def shown(count: int | None) -> Any:
    """The count, or 「5未満」 when it is from 1 to 4."""
    return SUPPRESSED if is_small(count) else count


def hidden_cells(
    values: Mapping[Hashable, int],
    relations: Sequence[Relation],
    *,
    also_hidden: set[Hashable] = frozenset(),  # type: ignore[assignment]
) -> set[Hashable]:
    """Cells to hide: small ones, and enough others that no relation gives one back."""
    hidden = {cell for cell, value in values.items() if is_small(value)} | set(also_hidden)
    changed = True
    while changed:
        changed = False
        for total, parts in relations:
            cells = [total, *parts]
            if sum(1 for cell in cells if cell in hidden) != 1:
                continue
            candidates = sorted(
                (values[cell], str(cell), cell)
                for cell in parts
                if cell not in hidden and values[cell] > 0
            )
            extra = candidates[0][2] if candidates else total
            if extra in hidden:  # the hidden one is zero-sum: nothing can be derived
                continue
            hidden.add(extra)
            changed = True
    return hidden


def group(
    parts: Mapping[str, int], *, total: int | None = None, total_hidden: bool = False
) -> tuple[dict[str, Any], Any]:
    """Parts and their total (or None), suppressed so that no hidden cell can be derived.

    ``total_hidden``: the total is hidden elsewhere (e.g. in the summary), so it must not be
    recoverable here as the sum of shown parts.
    """
    values: dict[Hashable, int] = dict(parts)
    relations: list[Relation] = []
    if total is not None:
        values[TOTAL] = total
        relations.append((TOTAL, list(parts)))
    hidden = hidden_cells(values, relations, also_hidden={TOTAL} if total_hidden else set())
    out = {key: display(key, values, hidden) for key in parts}
    out_total = None if total is None else display(TOTAL, values, hidden)
    return out, out_total


def rate(numerator: int, denominator: int) -> Any:
    """A percentage, or 「5未満」 when either count is small (a rate gives a count back)."""
    if is_small(numerator) or is_small(denominator):
        return SUPPRESSED
    if not denominator:
        return None
    return round(100 * numerator / denominator, 1)
