"""Every indexed service's flags, facets and points, kept in memory per process.

Fetching these columns per query costs more than the rest of a search together (about a
microsecond a value), so each process keeps them and reloads when a write has changed the
token in ``IndexedState`` (``writing.touch``).
"""

from __future__ import annotations

import dataclasses
import threading
from collections import OrderedDict, defaultdict
from dataclasses import dataclass
from itertools import compress
from typing import Any

from django.db import connection

from search.backends.database import bitsets
from search.backends.database.grid import Points, load_points
from search.backends.database.tables import (
    FACET_COLUMNS,
    FACET_SEPARATOR,
    FACET_SET,
    FIELD_CODES,
    SERVICE,
    current_token,
)
from search.contract import FACET_NAMES

# The per-process posting cache keeps bitsets of this many bytes at most (each term's entry
# is a bitset of all services per field: 37 KB at 100,000 services).
POSTING_CACHE_BYTES = 48 * 1024 * 1024

PostingsKey = tuple[str, bool]  # (gram, prefix)


@dataclass(frozen=True)
class Snapshot:
    """The in-memory columns, in (sort_name, service_id) order: a position is a name rank."""

    token: str | None
    ids: list[int]
    position: dict[int, int]  # service id → index in ids, which is also its name rank
    everyone: int  # bitset of all positions
    evenings: int  # bitsets
    weekends: int
    values: dict[str, dict[str, int]]  # facet → value → bitset of services having it
    points: Points
    # (gram, prefix) → field → bitset: common words (相談) are asked for again and again, and
    # their postings cannot change while the token stays the same. Bounded in bytes.
    postings: OrderedDict[PostingsKey, dict[int, int]] = dataclasses.field(
        default_factory=OrderedDict
    )

    def cached_postings(self, key: PostingsKey) -> dict[int, int] | None:
        with _POSTINGS_LOCK:
            found = self.postings.get(key)
            if found is not None:
                self.postings.move_to_end(key)
            return found

    def remember_postings(self, key: PostingsKey, found: dict[int, int]) -> None:
        # Each entry is at most len(FIELD_CODES) bitsets of len(ids) bits.
        limit = max(16, POSTING_CACHE_BYTES // max(1, len(self.ids) * len(FIELD_CODES) // 8))
        with _POSTINGS_LOCK:
            self.postings[key] = found
            while len(self.postings) > limit:
                self.postings.popitem(last=False)


_POSTINGS_LOCK = threading.Lock()
_snapshots: dict[tuple[str, str], Snapshot] = {}


def current_snapshot(cursor: Any) -> Snapshot:
    """This process's snapshot of the connection's database, reloaded if a write made it stale."""
    key = (connection.alias, str(connection.settings_dict["NAME"]))
    token = current_token(cursor)  # read before the data, so the data is at least this new
    snapshot = _snapshots.get(key)
    if snapshot is not None and snapshot.token == token:
        return snapshot
    cursor.execute(
        f"SELECT service_id, evenings, weekends, {', '.join(FACET_COLUMNS)} FROM {SERVICE} "
        "ORDER BY sort_name, service_id"
    )
    rows = cursor.fetchall()
    size = len(rows)
    width = 3 + len(FACET_NAMES)
    columns: list[tuple[Any, ...]] = list(zip(*rows, strict=True)) if rows else [()] * width
    ids = list(columns[0])
    position = {sid: i for i, sid in enumerate(ids)}
    cursor.execute(f"SELECT id, key FROM {FACET_SET}")
    sets = {pk: tuple(k.split(FACET_SEPARATOR)) if k else () for pk, k in cursor.fetchall()}
    values: dict[str, dict[str, int]] = {}
    for facet, column in zip(FACET_NAMES, columns[3:], strict=True):
        by_set: defaultdict[int, list[int]] = defaultdict(list)
        for i, pk in enumerate(column):
            by_set[pk].append(i)
        by_value: defaultdict[str, int] = defaultdict(int)
        for pk, members in by_set.items():
            found = bitsets.bits(members, size)
            for value in sets.get(pk, ()):
                by_value[value] |= found
        values[facet] = dict(by_value)
    snapshot = Snapshot(
        token=token,
        ids=ids,
        position=position,
        everyone=(1 << size) - 1,
        evenings=bitsets.bits(compress(range(size), map(bool, columns[1])), size),
        weekends=bitsets.bits(compress(range(size), map(bool, columns[2])), size),
        values=values,
        points=load_points(cursor, position),
    )
    _snapshots[key] = snapshot
    return snapshot
