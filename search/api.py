"""``GET /api/v1/search``: the search page's query, as JSON.

Parameters are read by ``search.forms.SearchForm`` (the same parser as the page), not by ninja,
so the page and the API can never disagree on what a parameter means; the OpenAPI description of
the parameters is generated from that form. Bad parameters are a 400 with a reason per field.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any, cast
from uuid import UUID

from django import forms
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema, Status

from search.contract import SearchResult
from search.forms import FacetValuesField, FlagField, SearchForm
from search.services import facet_groups, hits_in_language, search_run

router = Router(tags=["search"])


class LocationOut(Schema):
    name: str
    latitude: float
    longitude: float


class AvailabilityOut(Schema):
    status: str  # accepting, paused (受付停止中) or waitlist (順番待ち)
    note: str  # the provider's capacity note, "" when none


class SearchHitOut(Schema):
    id: UUID  # the service's HSDS id, the same id the HSDS API uses
    name: str
    organization: str
    distance_km: float | None = None
    open_now: bool | None = None
    url: str
    location: LocationOut | None = None
    snippet: str = ""
    availability: AvailabilityOut


class FacetValueOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class SearchOut(Schema):
    count: int
    page: int
    page_size: int
    degraded: bool
    # Query words no listed service has, left out of the search (docs/search.md).
    ignored_words: list[str]
    results: list[SearchHitOut]
    facets: dict[str, list[FacetValueOut]]


class PlaceCandidateOut(Schema):
    label: str
    latitude: float
    longitude: float


class FieldErrorOut(Schema):
    field: str | None
    message: str
    candidates: list[PlaceCandidateOut] | None = None  # ``near`` named several places


class SearchErrorOut(Schema):
    """Named apart from ``referrals.api.ErrorOut``: OpenAPI component names are global."""

    detail: list[FieldErrorOut]


def openapi_parameters() -> list[dict[str, Any]]:
    """OpenAPI query parameters, described from ``SearchForm``'s own fields."""
    parameters = []
    for name, field in SearchForm.base_fields.items():
        parameter: dict[str, Any] = {
            "name": name,
            "in": "query",
            "required": False,
            "description": field.help_text,
            "schema": _schema(field),
        }
        if isinstance(field, FacetValuesField):
            parameter["style"] = "form"
            parameter["explode"] = True
        parameters.append(parameter)
    return parameters


def _schema(field: forms.Field) -> dict[str, Any]:
    if isinstance(field, FacetValuesField):
        return {"type": "array", "items": {"type": "string"}}
    if isinstance(field, FlagField):
        return {"type": "string", "enum": ["1", "0", "true", "false"]}
    if isinstance(field, forms.ChoiceField):
        choices = cast("Iterable[tuple[Any, Any]]", field.choices)  # stubs: any choices input
        return {"type": "string", "enum": [value for value, _label in choices]}
    schema: dict[str, Any] = {"type": "string"}
    if isinstance(field, forms.IntegerField):
        schema = {"type": "integer"}
    elif isinstance(field, forms.FloatField):
        schema = {"type": "number"}
    for attribute, keyword in (
        ("min_value", "minimum"),
        ("max_value", "maximum"),
        ("max_length", "maxLength"),
    ):
        if (limit := getattr(field, attribute, None)) is not None:
            schema[keyword] = limit
    return schema


@router.get(
    "/search",
    response={200: SearchOut, 400: SearchErrorOut},
    url_name="search",
    # Lazy, so the OpenAPI description follows the request's language; ninja types it str.
    summary=cast(str, _("支援をさがす")),
    description=cast(
        str,
        _(
            "キーワード、場所、分野などの条件で支援（サービス）を探します。"
            "検索ページ /search/ と同じ条件を使えます。"
            "条件が正しくないときは 400 を返し、detail にフィールドごとの理由を入れます。"
            "degraded が true のときは、検索エンジンの代わりに予備の検索で答えたため、"
            "結果が不完全な可能性があります。"
        ),
    ),
    openapi_extra={"parameters": openapi_parameters()},
)
def search(request: HttpRequest) -> Status[dict[str, Any]] | HttpResponse:
    form = SearchForm(request.GET)
    if not form.is_valid():
        return Status(400, {"detail": form.error_list()})
    query = form.query
    result = search_run(query=query)
    hits, _texts = hits_in_language(hits=result.hits)  # names and notes in the visitor's language
    result = replace(result, hits=hits)
    # Rendered here, not validated by ninja against SearchOut (still the documented schema, and
    # tests/search/test_api.py checks answers against it): validating a page with a few
    # hundred facet values cost more than the database backend's whole search.
    return HttpResponse(
        _dumps(_search_out(result=result, page=query.page, page_size=query.page_size)),
        content_type="application/json; charset=utf-8",
    )


_dumps = DjangoJSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _search_out(*, result: SearchResult, page: int, page_size: int) -> dict[str, Any]:
    return {
        "count": result.total,
        "page": page,
        "page_size": page_size,
        "degraded": result.degraded,
        "ignored_words": list(result.ignored_words),
        "results": [
            {
                "id": str(hit.hsds_id),
                "name": hit.name,
                "organization": hit.organization,
                "distance_km": None if hit.distance_km is None else round(hit.distance_km, 2),
                "open_now": hit.open_now,
                "url": hit.url,
                "location": None
                if hit.latitude is None or hit.longitude is None
                else {
                    "name": hit.location_name,
                    "latitude": hit.latitude,
                    "longitude": hit.longitude,
                },
                "snippet": hit.snippet,
                "availability": {"status": hit.availability, "note": hit.availability_note},
            }
            for hit in result.hits
        ],
        "facets": {
            group.name: [
                {
                    "value": o.value,
                    "label": o.label,
                    "count": o.count,
                    "selected": o.selected,
                }
                for o in group.options
            ]
            for group in facet_groups(result=result)
        },
    }
