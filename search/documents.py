"""Flatten published services into ``SearchDocument``s, in batches, without N+1 queries.

A batch is read with one ``values_list`` query per table (services, organizations, categories,
schedules, closures, certifications, locations) and no model instances: building Wagtail page
instances and their prefetched children cost ~1 ms a service, most of a rebuild's time.
Opening hours are computed once per distinct timetable (``_hours_facts``): most services share
one (平日 9:00–17:00), and the 36 days of open periods were the other big cost.
"""

from __future__ import annotations

import functools
import json
import multiprocessing
import multiprocessing.util
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any, TypeVar

from django.db import connections
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteWrapper
from django.db.models import QuerySet, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from directory import geocoding
from directory import hours as opening_hours
from directory.models import OrganizationPage, ServicePage
from directory.models.identifiers import ServiceIdentifier
from directory.models.pages import Closure, Schedule, ServiceAtLocation
from directory.models.service_rows import Certification
from search import text, words
from search.contract import IndexedPoint, SearchDocument

# Open periods are indexed for this many days ahead; `reconcile_search_index` (run daily)
# rolls the window forward. "Open at" queries further ahead than this are refused with a reason.
HORIZON_DAYS = 35
# Services per batch of queries; one batch's rows and documents stay well under 50 MB.
BATCH_SIZE = 1000

_SERVICE_FIELDS = (
    "pk",
    "path",
    "hsds_id",
    "title",
    "alternate_name",
    "description",
    "eligibility_description",
    # Translations (docs/i18n.md): an English or やさしい日本語 query finds the service too.
    "name_en",
    "description_en",
    "name_easy",
    "description_easy",
    "cost_category",
    "availability",
    "closed_on_public_holidays",
    "name_kana",
    "capacity_note",
)
# JSON lists (ChoiceListField), read as their text and decoded by _choice_list: a service
# has one of a few dozen combinations, so decoding each distinct text once saves ~10%.
_CHOICE_LIST_FIELDS = ("target_groups", "languages", "delivery_modes")
_SCHEDULE_FIELDS = ("freq", "byday", "opens_at", "closes_at", "all_day", "valid_from", "valid_to")


def indexable_services() -> QuerySet[ServicePage]:
    """Published, public services: the only ones search may return."""
    return ServicePage.objects.live().public().order_by("pk")


def horizon_start(today: date | None = None) -> date:
    return (today or timezone.localdate()) - timedelta(days=1)


def build_documents(
    services: Iterable[ServicePage] | QuerySet[ServicePage], *, today: date | None = None
) -> list[SearchDocument]:
    """Documents for one batch of services, in primary key order.

    Given pages rather than a queryset, their stored (not in-memory) state is indexed.
    """
    queryset = (
        services
        if isinstance(services, QuerySet)
        else ServicePage.objects.filter(pk__in=[s.pk for s in services])
    )
    start = horizon_start(today)
    rows = list(
        queryset.order_by("pk")
        .annotate(**{f"{name}_json": Cast(name, TextField()) for name in _CHOICE_LIST_FIELDS})
        .values_list(*_SERVICE_FIELDS, *(f"{name}_json" for name in _CHOICE_LIST_FIELDS))
    )
    if not rows:
        return []
    ids = [row[0] for row in rows]
    related = _Related.load(ids, parent_paths={row[1][: -ServicePage.steplen] for row in rows})
    return [_document(row, related=related, start=start) for row in rows]


def iter_documents(
    queryset: QuerySet[ServicePage] | None = None, *, batch_size: int = BATCH_SIZE
) -> Iterator[list[SearchDocument]]:
    """All indexable services as batches of documents, by primary key."""
    return iter(DocumentBatches(queryset, batch_size=batch_size))


def id_ranges(queryset: QuerySet[ServicePage], *, batch_size: int) -> list[tuple[int, int]]:
    """(first pk, last pk) of each run of ``batch_size`` services of ``queryset``."""
    ids = sorted(queryset.values_list("pk", flat=True))
    return [
        (ids[i], ids[min(i + batch_size, len(ids)) - 1]) for i in range(0, len(ids), batch_size)
    ]


class DocumentBatches:
    """Every indexable service, as batches of documents by primary-key range.

    Iterating builds the batches here, in order. ``map_in_processes`` instead turns each batch
    into something small to send back (a rebuild's bulk body) in worker processes, so building
    documents (pure Python, one core per process) is not held to one core by the GIL.
    ``on_batch(count)`` is called in this process as each batch is done (a progress bar).
    """

    def __init__(
        self,
        queryset: QuerySet[ServicePage] | None = None,
        *,
        batch_size: int = BATCH_SIZE,
        workers: int = 1,
        on_batch: Callable[[int], Any] | None = None,
    ) -> None:
        self.queryset = queryset if queryset is not None else indexable_services()
        self.batch_size = batch_size
        self.workers = workers
        self.on_batch = on_batch
        self._ranges: list[tuple[int, int]] | None = None

    @property
    def ranges(self) -> list[tuple[int, int]]:
        if self._ranges is None:
            self._ranges = id_ranges(self.queryset, batch_size=self.batch_size)
        return self._ranges

    def _batch(self, first: int, last: int) -> list[SearchDocument]:
        # A range, not IN (a thousand ids): the same rows, and far cheaper to build and plan.
        return build_documents(self.queryset.filter(pk__gte=first, pk__lte=last))

    def __iter__(self) -> Iterator[list[SearchDocument]]:
        for first, last in self.ranges:
            documents = self._batch(first, last)
            yield documents
            if self.on_batch is not None:
                self.on_batch(len(documents))

    def parallel(self) -> bool:
        """Whether ``map_in_processes`` uses worker processes: more than one worker and batch, on
        a database a forked process can open by itself (not in-memory SQLite, not inside a
        transaction whose writes the workers would not see)."""
        connection = connections[self.queryset.db]
        in_memory = isinstance(connection, SQLiteWrapper) and connection.is_in_memory_db()
        return (
            self.workers > 1
            and len(self.ranges) > 1
            and not in_memory
            and not connection.in_atomic_block
            and "fork" in multiprocessing.get_all_start_methods()
        )

    def map_in_processes(
        self, function: Callable[[list[SearchDocument]], _T]
    ) -> Iterator[tuple[_T, int]]:
        """``(function(batch), len(batch))`` for every batch, in order.

        ``function`` must be a module-level function (it is sent to the workers by name) and its
        result picklable. Without ``parallel()``, it runs here.
        """
        if not self.parallel():
            for documents in self:
                yield function(documents), len(documents)
            return
        # Forked workers inherit the queryset and settings; each opens its own connection, so
        # this process's is closed first (it reopens on its next query).
        connections.close_all()
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=context,
            initializer=_worker_start,
            initargs=(self.queryset,),
        ) as pool:
            pending: deque[Future[tuple[_T, int]]] = deque()
            ranges = iter(self.ranges)
            try:
                # A few batches ahead per worker: enough to keep them busy, little memory.
                for first, last in ranges:
                    pending.append(pool.submit(_worker_batch, function, first, last))
                    if len(pending) >= 2 * self.workers:
                        break
                while pending:
                    result, count = pending.popleft().result()
                    for first, last in ranges:
                        pending.append(pool.submit(_worker_batch, function, first, last))
                        break
                    if self.on_batch is not None:
                        self.on_batch(count)
                    yield result, count
            finally:
                for future in pending:
                    future.cancel()


_T = TypeVar("_T")
_worker_queryset: QuerySet[ServicePage] | None = None


def _worker_start(queryset: QuerySet[ServicePage]) -> None:
    global _worker_queryset
    _worker_queryset = queryset
    # Connections the parent opened are not this process's to use.
    for connection in connections.all(initialized_only=True):
        connection.connection = None
    # Close this worker's own connection when the pool shuts it down.
    multiprocessing.util.Finalize(None, connections.close_all, exitpriority=10)


def _worker_batch(function: Callable[[list[SearchDocument]], _T], first: int, last: int):
    assert _worker_queryset is not None
    documents = build_documents(_worker_queryset.filter(pk__gte=first, pk__lte=last))
    return function(documents), len(documents)


class _Related:
    """What a batch of services links to, grouped by service id (one query per table)."""

    def __init__(self) -> None:
        # path → (title, provider_type, 法人番号)
        self.organizations: dict[str, tuple[str, str, str]] = {}
        self.identifiers: defaultdict[int, list[str]] = defaultdict(list)
        self.categories: defaultdict[int, list[tuple]] = defaultdict(list)
        self.schedules: defaultdict[int, list[opening_hours.ScheduleRule]] = defaultdict(list)
        self.closures: defaultdict[int, list[opening_hours.Closure]] = defaultdict(list)
        self.certifications: defaultdict[int, list[tuple]] = defaultdict(list)
        self.locations: defaultdict[int, list[tuple]] = defaultdict(list)

    @classmethod
    def load(cls, ids: list[int], *, parent_paths: set[str]) -> _Related:
        """``ids`` in ascending order."""
        related = cls()
        wanted = set(ids)
        dense = len(ids) > 50 and ids[-1] - ids[0] < 4 * len(ids)

        def of_services(field: str) -> dict[str, Any]:
            # Dense batches (a rebuild) by range, filtered below; others by their ids.
            if dense:
                return {f"{field}__gte": ids[0], f"{field}__lte": ids[-1]}
            return {f"{field}__in": ids}

        related.organizations = {
            path: (title, provider_type, corporate_number)
            for path, title, provider_type, corporate_number in OrganizationPage.objects.filter(
                path__in=parent_paths
            ).values_list("path", "title", "provider_type", "corporate_number")
        }
        for sid, value in ServiceIdentifier.objects.filter(**of_services("service_id")).values_list(
            "service_id", "value"
        ):
            if sid in wanted:
                related.identifiers[sid].append(value)
        through = ServicePage.categories.through
        for sid, *term in (
            through.objects.filter(**of_services("servicepage_id"))
            .order_by("servicepage_id", "taxonomyterm__sort_order", "taxonomyterm__name", "pk")
            .values_list(
                "servicepage_id",
                "taxonomyterm__code",
                "taxonomyterm__name",
                "taxonomyterm__name_en",
                "taxonomyterm__parent__code",
                "taxonomyterm__parent__name",
                "taxonomyterm__parent__name_en",
            )
        ):
            if sid in wanted:
                related.categories[sid].append(tuple(term))
        for sid, *values in (
            Schedule.objects.filter(**of_services("service_id"))
            .order_by("service_id", "sort_order", "pk")
            .values_list("service_id", *_SCHEDULE_FIELDS)
        ):
            # The same conversion as for a model row; descriptions are left out on purpose, so
            # services with the same timetable share one cached computation.
            if sid in wanted:
                row = SimpleNamespace(**dict(zip(_SCHEDULE_FIELDS, values, strict=True)))
                related.schedules[sid].append(opening_hours.rule_from_row(row))
        for sid, start_date, end_date in (
            Closure.objects.filter(**of_services("service_id"))
            .order_by("service_id", "sort_order", "pk")
            .values_list("service_id", "start_date", "end_date")
        ):
            if sid in wanted:
                related.closures[sid].append(
                    opening_hours.Closure(start_date=start_date, end_date=end_date)
                )
        for sid, *certification in Certification.objects.filter(
            **of_services("service_id")
        ).values_list("service_id", "kind", "valid_from", "valid_until"):
            if sid in wanted:
                related.certifications[sid].append(tuple(certification))
        for sid, *location in (
            ServiceAtLocation.objects.filter(**of_services("service_id"))
            .order_by("service_id", "sort_order", "pk")
            .values_list(
                "service_id",
                "location_id",
                "location__name",
                "location__latitude",
                "location__longitude",
                "location__municipality_code",
                "location__hide_address",
                "location__accessibility_features",
            )
        ):
            if sid in wanted:
                related.locations[sid].append(tuple(location))
        return related


@functools.lru_cache(maxsize=4096)
def _hours_facts(
    hours: opening_hours.WeeklyHours, start: date
) -> tuple[tuple[opening_hours.Period, ...], bool, bool]:
    """(open periods over the horizon, opens in the evening, opens on weekends or holidays)."""
    periods: list[opening_hours.Period] = []
    for offset in range(HORIZON_DAYS + 1):
        periods.extend(opening_hours.open_periods_on(hours, start + timedelta(days=offset)))
    today = start + timedelta(days=1)
    return (
        tuple(periods),
        opening_hours.opens_in_evening(hours, as_of=today),
        opening_hours.opens_on_weekends_or_holidays(hours, as_of=today),
    )


@functools.lru_cache(maxsize=4096)
def _choice_list(stored: str | None) -> tuple[str, ...]:
    """The sorted distinct values of a ChoiceListField's stored JSON text."""
    return tuple(sorted(set(json.loads(stored) or ()))) if stored else ()


@functools.lru_cache(maxsize=8192)
def _context_terms(context: str) -> tuple[str, ...]:
    """Terms of an organisation's name and a service's categories: services of one organisation
    mostly share them, so each distinct text is analysed once."""
    return tuple(words.index_terms(context))


@functools.lru_cache(maxsize=2048)
def _municipality_name(code: str) -> str:
    municipality = geocoding.municipality_by_code(code)
    return municipality.name if municipality is not None else ""


def _certification_valid(valid_from: date | None, valid_until: date | None, day: date) -> bool:
    """``Certification.is_valid_on`` for a values row."""
    return (valid_from is None or valid_from <= day) and (valid_until is None or valid_until >= day)


def _document(row: tuple[Any, ...], *, related: _Related, start: date) -> SearchDocument:
    (
        sid,
        path,
        hsds_id,
        title,
        alternate_name,
        description,
        eligibility_description,
        name_en,
        description_en,
        name_easy,
        description_easy,
        cost_category,
        availability,
        closed_on_public_holidays,
        name_kana,
        capacity_note,
        target_groups,
        languages,
        delivery_modes,
    ) = row
    organization = related.organizations.get(path[: -ServicePage.steplen])
    organization_name, provider_type, corporate_number = organization or ("", "", "")
    # Official numbers are whole terms, so a search for one finds exactly its listings.
    identifiers = tuple(
        dict.fromkeys(text.normalize(v) for v in [corporate_number, *related.identifiers[sid]] if v)
    )
    hours = opening_hours.WeeklyHours(
        schedules=tuple(related.schedules.get(sid, ())),
        closures=tuple(related.closures.get(sid, ())),
        closed_on_public_holidays=bool(closed_on_public_holidays),
    )
    periods, evenings, weekends = _hours_facts(hours, start)
    categories = related.categories.get(sid, ())
    category_codes = {c[0] for c in categories} | {c[3] for c in categories if c[3]}
    # name and English name; the parent's two names (None for a top-level term) are a broad
    # heading (「DV・虐待・シェルター」 does not make a DV phone line a shelter): description words.
    category_names = " ".join(" ".join(filter(None, c[1:3])) for c in categories)
    parent_names = " ".join(dict.fromkeys(" ".join(filter(None, c[4:6])) for c in categories))
    today = start + timedelta(days=1)
    certifications = sorted(
        {
            kind
            for kind, since, until in related.certifications.get(sid, ())
            if _certification_valid(since, until, today)
        }
    )
    locations = related.locations.get(sid, ())
    points = tuple(
        IndexedPoint(
            latitude=latitude,
            longitude=longitude,
            location_id=location_id,
            location_name=name,
            municipality_code=municipality_code,
        )
        for location_id, name, latitude, longitude, municipality_code, hide_address, _ in locations
        # A hidden address (DV shelter) must not be findable by distance either.
        if latitude is not None and longitude is not None and not hide_address
    )
    accessibility = sorted({f for loc in locations for f in loc[6] or ()})
    municipalities = sorted({loc[4] for loc in locations if loc[4]})
    # The ward a visible place is in is a word of the service (豊島区 子ども食堂); a hidden
    # address (DV shelter) gives none.
    place_names = " ".join(_municipality_name(loc[4]) for loc in locations if loc[4] and not loc[5])
    return SearchDocument(
        service_id=sid,
        hsds_id=hsds_id,
        name=title,
        organization=organization_name,
        url=f"/services/{hsds_id}/",  # stable HSDS-id link, no query per page
        description=description,
        name_terms=tuple(
            words.index_terms(f"{title} {alternate_name} {name_en}")
            + words.name_start_terms(title, alternate_name, name_en)
        ),
        # The やさしい日本語 name explains rather than names (くらしの そうだん, お金を かりる):
        # its common words weigh as context, not as the name.
        context_terms=tuple(
            dict.fromkeys(
                _context_terms(f"{organization_name} {category_names} {place_names}")
                + tuple(words.index_terms(name_easy))
                + identifiers
                # What a need word of a query matches (search.needs).
                + tuple(words.category_terms(category_codes))
            )
        ),
        description_terms=tuple(
            words.index_terms(
                f"{description} {eligibility_description} {description_en} {description_easy}"
            )
            + list(_context_terms(parent_names))
        ),
        facets={
            "category": tuple(sorted(category_codes)),
            "target_group": _choice_list(target_groups),
            "language": _choice_list(languages),
            "cost": (cost_category,),
            "delivery_mode": _choice_list(delivery_modes),
            "accessibility": tuple(accessibility),
            "municipality": tuple(municipalities),
            "provider_type": (provider_type,) if organization else (),
            "availability": (availability,),
            "certification": tuple(certifications),
        },
        points=points,
        open_periods=periods,
        evenings=evenings,
        weekends=weekends,
        # 50音順: the reading (よみがな) where there is one; kana sort before kanji.
        sort_name=text.normalize(name_kana or title),
        availability_note=capacity_note or "",
    )
