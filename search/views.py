"""The public search page ``/search/``: a plain GET form whose URL holds the whole state.

It works without JavaScript; ``static/js/search-map.js`` only adds the map and "use my location".
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from directory import places
from directory.choices import AVAILABILITY_LIMITED, Availability
from directory.handouts import parse_service_ids
from platform_site import public_cache
from search import saved
from search.contract import MAX_RADIUS_KM, MAX_RESULT_WINDOW, Hit, SearchQuery, SearchResult
from search.forms import DEFAULT_RADIUS_KM, SearchForm
from search.services import facet_groups, hits_in_language, search_run

TEMPLATE = "search/search.html"
RADIUS_CHOICES_KM = (1, 2, 5, 10, 20, 50)
# Parameters that narrow the results; "remove the filters" keeps only the words and the place.
_FILTER_PARAMETERS = ("bbox", "open_now", "at", "evenings", "weekends")


def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    if not form.is_valid():
        context = _context(request=request, form=form, query=None, result=None)
        return render(request, TEMPLATE, context, status=400)
    query = form.query
    result = search_run(query=query)
    if result.degraded:
        public_cache.skip(request)  # the full answer comes back with Elasticsearch
    saved.place_remember(
        session=request.session, user=request.user, place=form.data.get("near", "")
    )
    return render(
        request, TEMPLATE, _context(request=request, form=form, query=query, result=result)
    )


@login_required
@require_POST
def saved_search_create(request: HttpRequest) -> HttpResponse:
    """Save the search shown (its query string comes back in ``query``) for ``/my/``."""
    params = QueryDict(request.POST.get("query", "")[:2000])
    created = saved.saved_search_create(
        user=request.user, name=request.POST.get("name", ""), params=params
    )
    if created is None:
        messages.error(request, _("保存する検索条件がありません。"))
        return redirect("search:search")
    messages.success(request, _("検索条件を保存しました。「わたしの仕事」から呼び出せます。"))
    return redirect(saved.rerun_url(created))


@login_required
@require_POST
def saved_search_delete(request: HttpRequest, saved_id: int) -> HttpResponse:
    saved.saved_search_delete(user=request.user, saved_id=saved_id)
    messages.success(request, _("保存した検索を削除しました。"))
    return redirect("my")


def _context(
    *,
    request: HttpRequest,
    form: SearchForm,
    query: SearchQuery | None,
    result: SearchResult | None,
) -> dict[str, Any]:
    params = request.GET
    state = _state(form)
    context: dict[str, Any] = {
        "form": form,
        "state": state,
        "query": query,
        "result": result,
        "place": form.place,
        "place_note": places.approximation_note(form.place) if form.place else "",
        "place_choices": [
            (c.label, _url(params, changes={"near": c.text})) for c in form.place_candidates
        ],
        "radius_options": _radius_options(state["radius_km"]),
        "sort_choices": cast(forms.ChoiceField, form.fields["sort"]).choices,
        "has_point": bool(query and query.point),
        "clear_location_url": _url(params, drop=("near", "lat", "lng", "radius_km")),
        "clear_bbox_url": _url(params, drop=("bbox",)),
        "searched": bool(params),
        "saved_query": saved.saved_query(params),
        "linked_fields": ("q", "near", "radius_km", "sort"),
        # Services already picked for a hand-out (?service=…), kept while the worker searches on.
        "handout_selected": [str(i) for i in parse_service_ids(params.getlist("service"))],
    }
    if query is None or result is None:
        return context
    pages = max(1, math.ceil(min(result.total, MAX_RESULT_WINDOW) / query.page_size))
    hits, texts = hits_in_language(hits=result.hits)
    result = replace(result, hits=hits)
    shown = {str(hit.hsds_id) for hit in result.hits}
    context.update(
        result=result,
        hits=[(hit, texts.get(hit.hsds_id), _availability(hit)) for hit in result.hits],
        handout_hidden=[i for i in context["handout_selected"] if i not in shown],
        facet_groups=facet_groups(result=result),
        first_number=query.offset + 1,
        pagination=_pagination(params, page=query.page, pages=pages),
        map_data=_map_data(query=query, result=result),
        suggestions=_suggestions(params, query=query),
    )
    return context


def _availability(hit: Hit) -> dict[str, Any] | None:
    """受付状況 as a hit card and a map popup show it: label, and whether it stands out."""
    if hit.availability not in Availability.values:
        return None  # an index row written before availability was indexed
    return {
        "status": hit.availability,
        "label": str(Availability(hit.availability).label),
        "limited": hit.availability in AVAILABILITY_LIMITED,
        "note": hit.availability_note,
    }


def _state(form: SearchForm) -> dict[str, Any]:
    """What the form fields show: the visitor's own input, also when it had errors."""
    data = form.data

    def flag(name: str) -> bool:
        return str(data.get(name, "")).strip().lower() in {"1", "true", "on", "yes"}

    return {
        "q": data.get("q", ""),
        "near": data.get("near", ""),
        "lat": data.get("lat", ""),
        "lng": data.get("lng", ""),
        "radius_km": data.get("radius_km", ""),
        "bbox": data.get("bbox", ""),
        "at": data.get("at", ""),
        "sort": data.get("sort", "") or "relevance",
        "page_size": data.get("page_size", ""),
        "open_now": flag("open_now"),
        "evenings": flag("evenings"),
        "weekends": flag("weekends"),
    }


def _radius_options(raw: str) -> list[dict[str, Any]]:
    try:
        current = float(raw) if raw else DEFAULT_RADIUS_KM
    except ValueError:
        current = DEFAULT_RADIUS_KM
    values: list[float] = list(RADIUS_CHOICES_KM)
    if math.isfinite(current) and 0 < current <= MAX_RADIUS_KM and current not in values:
        values = sorted([*values, current])  # a value from a shared API-style URL stays selected
    return [{"value": f"{v:g}", "selected": v == current} for v in values]


def _url(
    params: QueryDict, *, changes: dict[str, str] | None = None, drop: tuple[str, ...] = ()
) -> str:
    """``?…`` for the current parameters with some changed; any change returns to page 1."""
    changed = params.copy()
    for name in (*drop, "page"):
        changed.pop(name, None)
    for name, value in (changes or {}).items():
        changed[name] = value
    encoded = changed.urlencode()
    return f"?{encoded}" if encoded else "?"


def _pagination(params: QueryDict, *, page: int, pages: int) -> dict[str, Any]:
    def link(number: int) -> str:
        changed = params.copy()
        changed["page"] = str(number)
        return f"?{changed.urlencode()}"

    shown = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    numbers: list[dict[str, Any] | None] = []
    for number in shown:
        if numbers and numbers[-1] is not None and number - numbers[-1]["number"] > 1:
            numbers.append(None)  # a gap, shown as …
        numbers.append({"number": number, "url": link(number), "current": number == page})
    return {
        "page": page,
        "pages": pages,
        "previous_url": link(page - 1) if page > 1 else "",
        "next_url": link(page + 1) if page < pages else "",
        "numbers": numbers,
    }


def _map_data(*, query: SearchQuery, result: SearchResult) -> dict[str, Any]:
    return {
        "hits": [
            {
                "name": hit.name,
                "organization": hit.organization,
                "url": hit.url,
                "location": hit.location_name,
                "lat": hit.latitude,
                "lng": hit.longitude,
                "availability": _availability(hit),
            }
            for hit in result.hits
            if hit.latitude is not None and hit.longitude is not None
        ],
        "availability": {
            "labels": {value: str(label) for value, label in Availability.choices},
            "limited": sorted(AVAILABILITY_LIMITED),
        },
        "center": [query.point.latitude, query.point.longitude] if query.point else None,
        "radius_km": query.point.radius_km if query.point else None,
        "bbox": [
            query.bbox.min_longitude,
            query.bbox.min_latitude,
            query.bbox.max_longitude,
            query.bbox.max_latitude,
        ]
        if query.bbox
        else None,
    }


def _suggestions(params: QueryDict, *, query: SearchQuery) -> dict[str, str]:
    """Links for the empty state: each loosens one thing the visitor asked for."""
    links: dict[str, str] = {}
    radius = query.point.radius_km if query.point else None
    if radius is not None and radius < MAX_RADIUS_KM:
        wider = next((r for r in RADIUS_CHOICES_KM if r > radius), MAX_RADIUS_KM)
        links["wider_url"] = _url(params, changes={"radius_km": f"{wider:g}"})
        links["wider_km"] = f"{wider:g}"
    filters = [*_FILTER_PARAMETERS, *(name for name in query.filters)]
    if any(name in params for name in filters):
        links["unfiltered_url"] = _url(params, drop=tuple(filters))
    if query.text:
        links["no_text_url"] = _url(params, drop=("q",))
    return links
