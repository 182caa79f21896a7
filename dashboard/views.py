"""The coordinator's dashboard (issue 14): thin views over access, filters and report."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from dashboard import exports
from dashboard.access import dashboard_scope_for
from dashboard.filters import ReferralFigureFilter
from dashboard.forms import PopulationUploadForm
from dashboard.gaps import DEFAULT_DISTANCE_KM
from dashboard.mesh import mesh3_bounds
from dashboard.population import population_replace
from dashboard.report import dashboard_build, dashboard_key, gaps_build
from dashboard.selectors import sent_referrals
from dashboard.tables import KEY_FIGURES
from referrals import access

FORMATS = {"csv": exports.as_csv, "xlsx": exports.as_xlsx}
PAGE_TABLES = {
    "index": (
        "figures",
        "monthly",
        "declined",
        "completed",
        "closed",
        "categories",
        "providers",
        "municipalities",
        "survey",
    ),
    "gaps": ("gaps_municipality", "gaps_mesh"),
    "panels": (
        "figures",
        "monthly",
        "declined",
        "completed",
        "closed",
        "categories",
        "providers",
        "municipalities",
        "survey",
    ),
    "report": ("figures", "monthly", "declined", "completed", "categories", "survey"),
}


def _distance(request: HttpRequest) -> float:
    try:
        value = float(request.GET.get("distance", DEFAULT_DISTANCE_KM))
    except ValueError:
        return DEFAULT_DISTANCE_KM
    return min(max(value, 0.2), 10.0)


def _params(request: HttpRequest, month: str = ""):
    data = request.GET.copy()
    if month:
        start = date.fromisoformat(month + "-01")
        end = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        data["since"] = start.isoformat()
        data["until"] = date.fromordinal(end.toordinal() - 1).isoformat()
    return data


def _page(request: HttpRequest, page: str, template: str, *, month: str = "") -> HttpResponse:
    scope = dashboard_scope_for(request.user)
    filterset = ReferralFigureFilter(
        _params(request, month), queryset=scope.referrals(sent_referrals()), scope=scope
    )
    export = request.GET.get("format")
    if page == "index" and export not in FORMATS:
        return _first_paint(request, scope, filterset)
    names = PAGE_TABLES[page]
    if page == "gaps":
        board = None
        built = gaps_build(filterset=filterset, distance_km=_distance(request))
    else:
        board = dashboard_build(scope=scope, filterset=filterset)
        built = board.tables
    if export in FORMATS:
        wanted = request.GET.get("table")
        chosen = [built[n] for n in names if not wanted or n == wanted]
        if not chosen:
            raise Http404
        access.export_log(
            user=request.user,
            purpose=f"dashboard.{page}.{export}",
            fields=[t.name for t in chosen],
        )
        return FORMATS[export](chosen, name=wanted or page, period=filterset.period().label)
    context = {
        "filter": filterset,
        "scope": scope,
        "board": board,
        "tables": [built[n] for n in names],
        "period": filterset.period(),
        "query": request.GET.urlencode(),
        "month": month,
        "distance": _distance(request),
    }
    if page == "panels":
        context["chart_data"] = _chart_data(board)
        context["figures"] = [f for f in board.figures if f["key"] not in KEY_FIGURES]
    if page == "gaps":
        context["mesh_features"] = _mesh_features(built["gaps_mesh"].rows)
    return render(request, template, context)


def _first_paint(request: HttpRequest, scope, filterset) -> HttpResponse:
    """The headline counts at once; the rest (panels) is a second request made by
    static/js/dashboard.js, or a link to it without JavaScript."""
    key = dashboard_key(scope=scope, filterset=filterset)
    context = {
        "filter": filterset,
        "scope": scope,
        "key": key,
        "period": filterset.period(),
        "query": request.GET.urlencode(),
    }
    return render(request, "dashboard/index.html", context)


def _number(value) -> float | None:
    # A suppressed cell is drawn as nothing (null); the table beside it says 「5未満」.
    return value if isinstance(value, (int, float)) else None


def _chart_data(board) -> dict:
    monthly, categories = board.tables["monthly"], board.tables["categories"]
    return {
        "monthly": {
            "labels": [row[0] for row in monthly.rows],
            "series": [
                {"label": str(monthly.columns[i]), "data": [_number(r[i]) for r in monthly.rows]}
                for i in (1, 2, 5)
            ],
        },
        "categories": {
            "labels": [str(row[0]) for row in categories.rows],
            "series": [
                {
                    "label": str(categories.columns[i]),
                    "data": [_number(r[i]) for r in categories.rows],
                }
                for i in (4, 5)
            ],
        },
    }


def _mesh_features(rows) -> list[dict]:
    features = []
    for mesh, category, demand, active, paused, gap in rows:
        south, west, north, east = mesh3_bounds(mesh)
        features.append(
            {
                "bounds": [[south, west], [north, east]],
                "label": f"{mesh} {category}: {demand} / {active} / {paused}",
                "gap": bool(gap),
            }
        )
    return features


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return _page(request, "index", "dashboard/index.html")


@login_required
@require_GET
def panels(request: HttpRequest) -> HttpResponse:
    return _page(request, "panels", "dashboard/panels.html")


@login_required
@require_GET
def gaps(request: HttpRequest) -> HttpResponse:
    return _page(request, "gaps", "dashboard/gaps.html")


@login_required
@require_GET
def monthly_report(request: HttpRequest) -> HttpResponse:
    month = request.GET.get("month", "")
    try:
        date.fromisoformat(month + "-01")
    except ValueError:
        month = date.today().strftime("%Y-%m")
    return _page(request, "report", "dashboard/report.html", month=month)


@login_required
@require_http_methods(["GET", "POST"])
def population_upload(request: HttpRequest) -> HttpResponse:
    scope = dashboard_scope_for(request.user)
    if not (scope.everything or scope.municipality_code):
        raise Http404  # agency leads read figures; coordinators keep the population table
    form = PopulationUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            count = population_replace(data=form.cleaned_data["file"].read())
        except ValueError as error:
            form.add_error("file", _("CSVを読めませんでした: %(error)s") % {"error": error})
        else:
            messages.success(
                request, _("人口の表を %(count)d 行で置き換えました。") % {"count": count}
            )
            return redirect("dashboard:index")
    return render(request, "dashboard/population.html", {"form": form})
