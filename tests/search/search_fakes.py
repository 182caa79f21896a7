"""A stand-in search backend for the page and API tests: canned results, recorded queries.

Also ``api_error``: an Elasticsearch error with a given HTTP status, as the client raises it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from elastic_transport import ApiResponseMeta, HttpHeaders
from elasticsearch import ApiError

from search.backends import BackendUnavailable
from search.contract import FacetValueCount, Hit, SearchQuery, SearchResult


@dataclass
class FakeBackend:
    name: str = "fake"
    total: int = 45
    unavailable: bool = False
    ignored_words: tuple[str, ...] = ()
    queries: list[SearchQuery] = field(default_factory=list)

    def search(self, query: SearchQuery) -> SearchResult:
        self.queries.append(query)
        if self.unavailable:
            raise BackendUnavailable(f"{self.name} is down")
        start = query.offset
        count = max(0, min(query.page_size, self.total - start))
        hits = [make_hit(start + i, with_point=query.point is not None) for i in range(count)]
        selected = query.filters.get("category", ())
        facets = {
            "category": [
                FacetValueCount("food", 30, "food" in selected),
                FacetValueCount("housing", 15, "housing" in selected),
            ],
            "target_group": [FacetValueCount("single", 12), FacetValueCount("no-such-group", 1)],
            "language": [FacetValueCount("en", 3)],
            "municipality": [FacetValueCount("131164", 40)],
        }
        for value in selected:
            if value not in {"food", "housing"}:
                facets["category"].append(FacetValueCount(value, 0, True))
        return SearchResult(
            total=self.total,
            hits=hits,
            facets=facets,
            backend=self.name,
            ignored_words=self.ignored_words,
        )


def make_hit(number: int, *, with_point: bool) -> Hit:
    hsds_id = uuid.UUID(int=number + 1)
    return Hit(
        service_id=number + 1,
        hsds_id=hsds_id,
        name=f"フードバンク{number}",
        organization="NPO法人 豊島フードネット",
        url=f"/services/{hsds_id}/",
        location_name="東池袋拠点",
        latitude=35.7295 if number % 2 == 0 else None,
        longitude=139.7190 if number % 2 == 0 else None,
        distance_km=0.123456 * number if with_point else None,
        open_now=number % 3 == 0,
        snippet="<mark>食料</mark>品を無料でお渡しします。&lt;b&gt;",
        score=1.0,
        availability="waitlist" if number % 4 == 1 else "accepting",
        availability_note="1か月ほど待ちます" if number % 4 == 1 else "",
    )


def install(monkeypatch, *backends: FakeBackend) -> dict[str, FakeBackend]:
    """Route ``get_backend(name)`` in ``search.services`` to the fakes, by backend name."""
    by_name = {backend.name: backend for backend in backends}

    def get_backend(name: str | None = None) -> FakeBackend:
        from django.conf import settings

        return by_name[name or settings.SEARCH_BACKEND]

    monkeypatch.setattr("search.services.get_backend", get_backend)
    return by_name


def api_error(status: int) -> ApiError:
    meta = ApiResponseMeta(
        status=status, http_version="1.1", headers=HttpHeaders(), duration=0.0, node=None
    )
    return ApiError(f"{status}", meta=meta, body={})
