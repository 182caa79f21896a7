"""The public, read-only HSDS 3.0 API under ``/api/hsds/`` (the Open Referral API reference).

Parameters are parsed here, by hand, so that a bad value is a 400 with a reason (ninja's own
parsing would answer 422); filters are cumulative. Only published, public records are served,
through ``directory.hsds.selectors``; objects are built by ``directory.hsds.serialize``, which
withholds hidden addresses. Every body validates against the HSDS schemas (tests/hsds).
"""

from __future__ import annotations

import functools
import json
import math
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from ninja import Router, Status

from directory.geocoding import geocode, municipality_by_code, normalize_postal_code
from directory.hsds import extensions as ext
from directory.hsds import selectors, serialize
from directory.hsds.validation import SCHEMA_DIR
from directory.models import ServiceAtLocation, Taxonomy, TaxonomyTerm
from directory.ratelimits import over_limit

router = Router(tags=["hsds"])

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 500
PROFILE_URI = "https://docs.openreferral.org/en/v3.0/"
# 100 km in metres: how far ``proximity`` may reach, so that a query stays cheap.
MAX_PROXIMITY = 100_000


class TooManyRequests(Exception):
    pass


class BadRequest(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def _error(status: int, field: str | None, message: str) -> Status:
    return Status(status, {"detail": [{"field": field, "message": message}]})


# --- parameters ----------------------------------------------------------------------------


def _int(request: HttpRequest, name: str, *, default: int, low: int, high: int) -> int:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadRequest(name, _("整数で指定してください")) from None
    if not low <= value <= high:
        raise BadRequest(
            name,
            _("%(low)s から %(high)s までの整数で指定してください") % {"low": low, "high": high},
        )
    return value


def _bool(request: HttpRequest, name: str) -> bool:
    raw = request.GET.get(name, "").strip().lower()
    if raw in ("", "false", "0", "no"):
        return False
    if raw in ("true", "1", "yes"):
        return True
    raise BadRequest(name, _("true か false で指定してください"))


def _uuid(request: HttpRequest, name: str) -> uuid.UUID | None:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise BadRequest(name, _("UUID で指定してください")) from None


def _text(request: HttpRequest, name: str) -> str:
    return request.GET.get(name, "").strip()[:200]


def _datetime(request: HttpRequest, name: str) -> datetime | None:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        value = parse_datetime(raw.replace(" ", "+"))
        if value is None:
            day = parse_date(raw)
            value = datetime.combine(day, time(0)) if day else None
    except ValueError:
        value = None
    if value is None:
        raise BadRequest(
            name, _("日時は ISO 8601 で指定してください（例: 2025-04-01T00:00:00+09:00）")
        )
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def _format(request: HttpRequest) -> str:
    value = request.GET.get("format", "").strip().lower() or "json"
    if value not in ("json", "ndjson"):
        raise BadRequest("format", _("json か ndjson を指定してください"))
    return value


@dataclass(frozen=True)
class Paging:
    page: int
    per_page: int
    format: str

    @classmethod
    def parse(cls, request: HttpRequest) -> Paging:
        paging = cls(
            page=_int(request, "page", default=1, low=1, high=1_000_000),
            per_page=_int(request, "per_page", default=DEFAULT_PER_PAGE, low=1, high=MAX_PER_PAGE),
            format=_format(request),
        )
        # The NDJSON dump reads every row: limited per IP address; pages are not.
        if paging.format == "ndjson" and over_limit(
            request, group="hsds.ndjson", setting="HSDS_DUMP_RATE"
        ):
            raise TooManyRequests
        return paging


def _page(
    *,
    paging: Paging,
    total: int,
    rows: Callable[[int, int], Sequence[Any]],
    render: Callable[[Sequence[Any]], list[dict[str, Any]]],
) -> Any:
    """The HSDS ``Page`` (total_items … empty, contents), or all rows as NDJSON."""
    if paging.format == "ndjson":
        return _ndjson(total=total, rows=rows, render=render)
    start = (paging.page - 1) * paging.per_page
    contents = render(rows(start, start + paging.per_page)) if start < total else []
    total_pages = math.ceil(total / paging.per_page)
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": paging.page,
        "size": len(contents),
        "first_page": paging.page == 1,
        "last_page": paging.page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def _ndjson(
    *,
    total: int,
    rows: Callable[[int, int], Sequence[Any]],
    render: Callable[[Sequence[Any]], list[dict[str, Any]]],
) -> StreamingHttpResponse:
    """Every result, one JSON object a line, fetched a batch at a time (the reference's ndjson)."""

    def lines() -> Iterable[str]:
        for start in range(0, total, MAX_PER_PAGE):
            for item in render(rows(start, start + MAX_PER_PAGE)):
                yield json.dumps(item, ensure_ascii=False) + "\n"

    return StreamingHttpResponse(lines(), content_type="application/x-ndjson")


def _sliced(queryset: QuerySet) -> Callable[[int, int], Sequence[Any]]:
    return lambda start, stop: list(queryset[start:stop])


def _respond(build: Callable[[], Any]) -> Any:
    """Run a view body; a ``BadRequest`` becomes a 400 with the field and the reason."""
    try:
        result = build()
    except BadRequest as error:
        return _error(400, error.field, error.message)
    except TooManyRequests:
        return _error(
            429,
            "format",
            _(
                "一括取得（ndjson）の回数が上限に達しました。しばらく待ってからお試しください。"
                "1ページずつの取得はそのまま使えます。"
            ),
        )
    if isinstance(result, (Status, StreamingHttpResponse)):
        return result
    return Status(200, result)


# --- renderers -----------------------------------------------------------------------------


def _render_services(services: Sequence[Any], *, full: bool, minimal: bool) -> list[dict]:
    if full:
        ids = [s.pk for s in services]
        services = list(
            selectors.public_services()
            .filter(pk__in=ids)
            .prefetch_related(*selectors.service_prefetches())
        )
        order = {pk: i for i, pk in enumerate(ids)}
        services.sort(key=lambda s: order[s.pk])
        return [
            serialize.service_full(service=s, organization=o)
            for s, o in selectors.services_with_organizations(services=services)
        ]
    selectors.attach_organizations(services=services)
    if minimal:
        # The reference asks for id and modified date; name and status keep items schema-valid.
        return [
            serialize.compact(
                {
                    "id": str(s.hsds_id),
                    "name": s.title,
                    "status": s.status,
                    "last_modified": s.last_published_at.isoformat()
                    if s.last_published_at
                    else None,
                }
            )
            for s in services
        ]
    return [
        serialize.service_list_item(service=s, organization=s.organization_page) for s in services
    ]


def _render_organizations(
    organizations: Sequence[Any], *, full: bool, full_service: bool
) -> list[dict]:
    if full:
        ids = [o.pk for o in organizations]
        organizations = list(
            selectors.public_organizations()
            .filter(pk__in=ids)
            .prefetch_related(*selectors.organization_prefetches())
            .order_by("title", "pk")
        )
    services = selectors.organization_services(organizations=organizations) if full_service else {}
    items = []
    for organization in organizations:
        if full:
            item = serialize.organization_full(organization=organization)
        else:
            item = serialize.organization_basic(organization=organization)
        if full_service:
            item["services"] = [
                serialize.service_full(
                    service=s, organization=organization, with_organization=False
                )
                for s in services[organization.path]
            ]
        items.append(item)
    return items


def _render_links(links: Sequence[ServiceAtLocation]) -> list[dict]:
    selectors.attach_organizations(services=[link.service for link in links])
    return [serialize.service_at_location_list_item(link=link) for link in links]


def _virtual_terms(
    *, taxonomy_id: uuid.UUID | None, parent_id: uuid.UUID | None, search: str
) -> list[dict[str, Any]]:
    """The tsunagu extension terms, which live in code, not in the database."""
    if parent_id is not None or (taxonomy_id is not None and taxonomy_id != ext.TAXONOMY_ID):
        return []
    terms = [ext.term_object(e) for e in ext.EXTENSIONS]
    if search:
        terms = [t for t in terms if search.lower() in (t["code"] + t["name"]).lower()]
    return terms


def _chained(
    queryset: QuerySet, extra: list[dict[str, Any]], render_row: Callable[[Any], dict]
) -> tuple[int, Callable[[int, int], Sequence[Any]]]:
    """Database rows followed by in-code objects, paginated as one list."""
    count = queryset.count()

    def rows(start: int, stop: int) -> list[dict[str, Any]]:
        from_db = [render_row(r) for r in queryset[start:stop]] if start < count else []
        tail_start = max(0, start - count)
        tail_stop = max(0, stop - count)
        return from_db + extra[tail_start:tail_stop]

    return count + len(extra), rows


# --- endpoints -----------------------------------------------------------------------------

_RESPONSES = {200: dict, 400: dict, 404: dict, 429: dict}


def _reference(path: str) -> dict[str, Any]:
    """Summary, description and query parameters of ``path`` from the HSDS API reference."""
    reference = _reference_document()
    operation = reference["paths"].get(path, {}).get("get", {})
    parameters = []
    for parameter in operation.get("parameters", []):
        if "$ref" in parameter:
            name = parameter["$ref"].rsplit("/", 1)[-1]
            parameter = {**reference["components"]["parameters"][name]}
        if parameter.get("in") == "query":
            parameters.append(parameter)
    extra: dict[str, Any] = {
        "summary": operation.get("summary", ""),
        "description": operation.get("description", ""),
        "operationId": operation.get("operationId"),
    }
    if parameters:
        extra["parameters"] = parameters
    return {k: v for k, v in extra.items() if v}


@functools.cache
def _reference_document() -> dict[str, Any]:
    with (SCHEMA_DIR / "openapi.json").open(encoding="utf-8") as handle:
        return json.load(handle)


@router.get("/", response=_RESPONSES, url_name="hsds_base", openapi_extra=_reference("/"))
def base(request: HttpRequest) -> Any:
    return Status(
        200,
        {
            "version": serialize.HSDS_VERSION,
            "profile": PROFILE_URI,
            "openapi_url": request.build_absolute_uri(reverse("api:openapi-json")),
        },
    )


@router.get(
    "/services",
    response=_RESPONSES,
    url_name="hsds_services",
    openapi_extra=_reference("/services"),
)
def services(request: HttpRequest) -> Any:
    def build() -> Any:
        paging = Paging.parse(request)
        full, minimal = _bool(request, "full"), _bool(request, "minimal")
        queryset = selectors.services_filtered(
            search=_text(request, "search"),
            taxonomy_term_id=_uuid(request, "taxonomy_term_id"),
            taxonomy_id=_uuid(request, "taxonomy_id"),
            organization_id=_uuid(request, "organization_id"),
            modified_after=_datetime(request, "modified_after"),
        )
        return _page(
            paging=paging,
            total=queryset.count(),
            rows=_sliced(queryset),
            render=lambda rows: _render_services(rows, full=full, minimal=minimal),
        )

    return _respond(build)


@router.get(
    "/services/{id}",
    response=_RESPONSES,
    url_name="hsds_service",
    openapi_extra=_reference("/services/{id}"),
)
def service(request: HttpRequest, id: str) -> Any:
    found = _by_id(selectors.public_services_full(), id)
    if found is None:
        return _error(404, "id", _("この ID の支援は公開されていません"))
    ((svc, organization),) = selectors.services_with_organizations(services=[found])
    return Status(200, serialize.service_full(service=svc, organization=organization))


@router.get(
    "/organizations",
    response=_RESPONSES,
    url_name="hsds_organizations",
    openapi_extra=_reference("/organizations"),
)
def organizations(request: HttpRequest) -> Any:
    def build() -> Any:
        paging = Paging.parse(request)
        full, full_service = _bool(request, "full"), _bool(request, "full_service")
        queryset = selectors.organizations_filtered(search=_text(request, "search"))
        return _page(
            paging=paging,
            total=queryset.count(),
            rows=_sliced(queryset),
            render=lambda rows: _render_organizations(rows, full=full, full_service=full_service),
        )

    return _respond(build)


@router.get(
    "/organizations/{id}",
    response=_RESPONSES,
    url_name="hsds_organization",
    openapi_extra=_reference("/organizations/{id}"),
)
def organization(request: HttpRequest, id: str) -> Any:
    def build() -> Any:
        full_service = _bool(request, "full_service")
        queryset = selectors.public_organizations().prefetch_related(
            *selectors.organization_prefetches()
        )
        found = _by_id(queryset, id)
        if found is None:
            return _error(404, "id", _("この ID の団体は公開されていません"))
        services = selectors.organization_services(organizations=[found])[found.path]
        if full_service:
            items = [
                serialize.service_full(service=s, organization=found, with_organization=False)
                for s in services
            ]
        else:
            items = [serialize.service_basic(service=s, organization=found) for s in services]
        return serialize.organization_full(organization=found, services=items, of_services=services)

    return _respond(build)


@router.get(
    "/service_at_locations",
    response=_RESPONSES,
    url_name="hsds_service_at_locations",
    openapi_extra=_reference("/service_at_locations"),
)
def service_at_locations(request: HttpRequest) -> Any:
    def build() -> Any:
        paging = Paging.parse(request)
        # Checked so a bad value is a 400 as elsewhere, then unused: list items are always the
        # one-to-one form; full objects are per service.
        _bool(request, "full")
        services_qs = selectors.services_filtered(
            search=_text(request, "search"),
            taxonomy_term_id=_uuid(request, "taxonomy_term_id"),
            taxonomy_id=_uuid(request, "taxonomy_id"),
            organization_id=_uuid(request, "organization_id"),
            modified_after=_datetime(request, "modified_after"),
        )
        postcode, proximity = _text(request, "postcode"), _text(request, "proximity")
        if proximity and not postcode:
            raise BadRequest("proximity", _("proximity には postcode も指定してください"))
        point = None
        if postcode:
            if normalize_postal_code(postcode) is None:
                raise BadRequest("postcode", _("郵便番号は7桁の数字で指定してください"))
            point = geocode(postcode, mode="offline")
            if point is None:
                raise BadRequest("postcode", _("この郵便番号は見つかりません"))
        links = selectors.service_at_locations_filtered(services=services_qs)
        if point is not None and proximity:
            try:
                meters = float(proximity)
            except ValueError:
                raise BadRequest("proximity", _("距離はメートルの数値で指定してください")) from None
            if not 0 < meters <= MAX_PROXIMITY:
                raise BadRequest(
                    "proximity",
                    _("距離は 0 より大きく %(max)s メートル以下にしてください")
                    % {"max": MAX_PROXIMITY},
                )
            ids = selectors.links_within(
                links=links, latitude=point.latitude, longitude=point.longitude, meters=meters
            )
            by_pk = selectors.service_at_locations_page(links=links)

            def rows(start: int, stop: int) -> list[ServiceAtLocation]:
                page_ids = ids[start:stop]
                found = {link.pk: link for link in by_pk.filter(pk__in=page_ids)}
                return [found[pk] for pk in page_ids if pk in found]

            return _page(paging=paging, total=len(ids), rows=rows, render=_render_links)
        if point is not None:
            codes = {point.municipality_code}
            municipality = municipality_by_code(point.municipality_code)
            if municipality is not None and municipality.parent_code:
                codes.add(municipality.parent_code)  # a ward is served by its city's services
            links = selectors.service_at_locations_filtered(
                services=services_qs, municipality_codes=codes
            )
        page_links = selectors.service_at_locations_page(links=links)
        return _page(
            paging=paging, total=links.count(), rows=_sliced(page_links), render=_render_links
        )

    return _respond(build)


@router.get(
    "/taxonomies",
    response=_RESPONSES,
    url_name="hsds_taxonomies",
    openapi_extra=_reference("/taxonomies"),
)
def taxonomies(request: HttpRequest) -> Any:
    def build() -> Any:
        paging = Paging.parse(request)
        search = _text(request, "search")
        queryset = selectors.taxonomies_filtered(search=search)
        extra = [ext.taxonomy_object()]
        if search and search.lower() not in ext.TAXONOMY_NAME:
            extra = []
        total, rows = _chained(queryset, extra, lambda t: serialize.taxonomy(taxonomy=t))
        return _page(paging=paging, total=total, rows=rows, render=list)

    return _respond(build)


@router.get(
    "/taxonomies/{id}",
    response=_RESPONSES,
    url_name="hsds_taxonomy",
    openapi_extra=_reference("/taxonomies/{id}"),
)
def taxonomy(request: HttpRequest, id: str) -> Any:
    if _same_id(id, ext.TAXONOMY_ID):
        return Status(200, ext.taxonomy_object())
    found = _by_id(Taxonomy.objects.all(), id)
    if found is None:
        return _error(404, "id", _("この ID の分類体系はありません"))
    return Status(200, serialize.taxonomy(taxonomy=found))


@router.get(
    "/taxonomy_terms",
    response=_RESPONSES,
    url_name="hsds_taxonomy_terms",
    openapi_extra=_reference("/taxonomy_terms"),
)
def taxonomy_terms(request: HttpRequest) -> Any:
    def build() -> Any:
        paging = Paging.parse(request)
        search = _text(request, "search")
        taxonomy_id, parent_id = _uuid(request, "taxonomy_id"), _uuid(request, "parent_id")
        top_only = _bool(request, "top_only")
        queryset = selectors.taxonomy_terms_filtered(
            search=search, taxonomy_id=taxonomy_id, parent_id=parent_id, top_only=top_only
        )
        extra = _virtual_terms(taxonomy_id=taxonomy_id, parent_id=parent_id, search=search)
        total, rows = _chained(queryset, extra, lambda t: serialize.taxonomy_term(term=t))
        return _page(paging=paging, total=total, rows=rows, render=list)

    return _respond(build)


@router.get(
    "/taxonomy_terms/{id}",
    response=_RESPONSES,
    url_name="hsds_taxonomy_term",
    openapi_extra=_reference("/taxonomy_terms/{id}"),
)
def taxonomy_term(request: HttpRequest, id: str) -> Any:
    extension = ext.BY_TERM_ID.get(id.lower())
    if extension is not None:
        return Status(200, {**ext.term_object(extension), "taxonomy_detail": ext.taxonomy_object()})
    found = _by_id(TaxonomyTerm.objects.select_related("taxonomy", "parent"), id)
    if found is None:
        return _error(404, "id", _("この ID の分類はありません"))
    return Status(200, serialize.taxonomy_term(term=found, with_taxonomy=True))


def _same_id(raw: str, value: uuid.UUID) -> bool:
    try:
        return uuid.UUID(raw) == value
    except ValueError:
        return False


def _by_id(queryset: QuerySet, raw: str) -> Any:
    try:
        hsds_id = uuid.UUID(raw)
    except ValueError:
        return None
    return queryset.filter(hsds_id=hsds_id).first()
