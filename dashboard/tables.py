"""The dashboard's tables: figures put in rows, small numbers suppressed (dashboard.suppression).

Every screen, chart and export reads these tables, so suppression happens in one place.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dashboard import suppression
from dashboard.definitions import DEFINITIONS, LABELS
from dashboard.gaps import GapRow
from dashboard.population import PopulationTable
from dashboard.selectors import Durations, ListingFigures, ReferralFigures
from referrals.choices import CloseReason, DeclineReason, Outcome

S = suppression.SUPPRESSED
# The statuses a sent referral is in: together they add up to "sent" (an additive relation).
PARTITION = ("waiting", "in_progress", "declined", "completed", "closed", "cancelled")


@dataclass
class Table:
    name: str
    title: Any
    columns: list[Any]
    rows: list[list[Any]] = field(default_factory=list)
    summary: Any = ""  # a sentence for screen readers


@dataclass
class Dashboard:
    tables: dict[str, Table]
    figures: list[dict[str, Any]]  # the headline figures with their definitions
    population_approximate: bool
    population_source: str


def _days(value: timedelta | None) -> float | None:
    return None if value is None else round(value.total_seconds() / 86400, 1)


def _duration_cells(d: Durations) -> tuple[Any, Any]:
    if suppression.is_small(d.count):
        return S, S
    return _days(d.median), _days(d.p90)


def _status_cells(counts: dict[str, int]) -> dict[str, Any]:
    parts, total = suppression.group({k: counts[k] for k in PARTITION}, total=counts["sent"])
    return {**parts, "sent": total, "accepted": suppression.shown(counts["accepted"])}


def _reason_table(
    name, title, by_reason: dict[str, int], choices, total: int, total_shown
) -> Table:
    parts = {value: by_reason.get(value, 0) for value in choices.values}
    parts.update({k: v for k, v in by_reason.items() if k not in parts})
    cells, total_cell = suppression.group(
        parts, total=total, total_hidden=suppression.is_hidden(total_shown)
    )
    labels = dict(choices.choices)
    rows = [[labels.get(k, k or _("（理由なし）")), cells[k]] for k in parts]
    rows.append([_("合計"), total_cell])
    return Table(name, title, [_("理由"), _("件数")], rows)


def _per_100k(sent: int, population: int | None) -> Any:
    if suppression.is_small(sent):
        return S
    if not population:
        return None
    return round(sent * 100_000 / population, 1)


# The headline figures of the first paint: one aggregate and a few small queries. The rest
# (times, clients, every table and chart) comes with the panels (second request).
KEY_FIGURES = (
    "sent",
    "accepted",
    "declined",
    "completed",
    "closed",
    "cancelled",
    "in_progress",
    "waiting",
    "overdue",
    "new_clients",
    "per_100k",
    "listings_new",
    "listings_updated",
    "listings_confirmed",
    "listings_stale",
    "certifications_expiring",
)
DAYS = pgettext_lazy("日数の単位", "日")
UNITS = {
    "first_answer_median": DAYS,
    "first_answer_p90": DAYS,
    "completion_median": DAYS,
    "completion_p90": DAYS,
}


def people_for(
    population: PopulationTable, *, municipality_code: str, codes: Iterable[str | None]
) -> int | None:
    """Inhabitants for "per 100,000": the chosen municipality, or those that referred."""
    if municipality_code:
        return population.by_code.get(municipality_code)
    return sum(population.by_code.get(code, 0) for code in set(codes))


def _headline(
    referrals: ReferralFigures, new_clients: int, listings: ListingFigures, people
) -> dict[str, Any]:
    counts = referrals.counts
    status = _status_cells(counts)
    first_median, first_p90 = _duration_cells(referrals.first_answer)
    done_median, done_p90 = _duration_cells(referrals.completion)
    return {
        "sent": status["sent"],
        "accepted": status["accepted"],
        "declined": status["declined"],
        "completed": status["completed"],
        "closed": status["closed"],
        "cancelled": status["cancelled"],
        "in_progress": status["in_progress"],
        "waiting": status["waiting"],
        "overdue": suppression.shown(referrals.overdue),
        "first_answer_median": first_median,
        "first_answer_p90": first_p90,
        "completion_median": done_median,
        "completion_p90": done_p90,
        "clients_referred": suppression.shown(referrals.clients_referred),
        "multi_organization": suppression.shown(referrals.clients_two_or_more_organizations),
        "multi_category": suppression.shown(referrals.clients_two_or_more_categories),
        "new_clients": suppression.shown(new_clients),
        "per_100k": _per_100k(counts["sent"], people),
        # Listings are services, not people: their counts are not suppressed.
        "listings_new": listings.new,
        "listings_updated": listings.updated,
        "listings_confirmed": listings.confirmed,
        "listings_stale": listings.stale,
        "certifications_expiring": listings.certifications_expiring,
    }


def _figure_list(headline: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "key": key,
            "label": LABELS[key],
            "value": value,
            "unit": UNITS.get(key, ""),
            "definition": DEFINITIONS[key],
        }
        for key, value in headline.items()
    ]


def key_figures(
    *,
    counts: dict[str, int],
    overdue: int,
    new_clients: int,
    listings: ListingFigures,
    people: int | None,
) -> list[dict[str, Any]]:
    """The first paint's figures (KEY_FIGURES), suppressed exactly as in the full build."""
    referrals = ReferralFigures(counts=counts, overdue=overdue)
    headline = _headline(referrals, new_clients, listings, people)
    return _figure_list({key: headline[key] for key in KEY_FIGURES})


def build(
    *,
    referrals: ReferralFigures,
    months: list[str],
    new_clients: int,
    new_clients_monthly: list[dict],
    listings: ListingFigures,
    population: PopulationTable,
    municipality_code: str,
    category_names: dict[str, str],
    municipality_names: dict[str, str],
) -> Dashboard:
    counts = referrals.counts
    status = _status_cells(counts)
    people = people_for(
        population,
        municipality_code=municipality_code,
        codes=[row["agency__municipality_code"] for row in referrals.by_municipality],
    )
    figures = _figure_list(_headline(referrals, new_clients, listings, people))
    tables: dict[str, Table] = {}
    tables["figures"] = Table(
        "figures",
        _("主な数字"),
        [_("項目"), _("値"), _("単位"), _("定義")],
        [[f["label"], f["value"], f["unit"], f["definition"]] for f in figures],
    )
    tables["declined"] = _reason_table(
        "declined",
        _("お断りの理由"),
        referrals.declined_by_reason,
        DeclineReason,
        counts["declined"],
        status["declined"],
    )
    tables["completed"] = _reason_table(
        "completed",
        _("完了の結果"),
        referrals.completed_by_outcome,
        Outcome,
        counts["completed"],
        status["completed"],
    )
    tables["closed"] = _reason_table(
        "closed",
        _("つながらずに終了した理由"),
        referrals.closed_by_reason,
        CloseReason,
        counts["closed"],
        status["closed"],
    )
    tables["categories"] = Table(
        "categories",
        _("分野ごとの受け入れ率と完了率"),
        [
            _("分野"),
            _("送った紹介"),
            _("受け入れ"),
            _("完了"),
            _("受け入れ率（%）"),
            _("完了率（%）"),
        ],
        [
            [
                category_names.get(row["category"], row["category"]),
                suppression.shown(row["sent"]),
                suppression.shown(row["accepted"]),
                suppression.shown(row["completed"]),
                suppression.rate(row["accepted"], row["sent"]),
                suppression.rate(row["completed"], row["sent"]),
            ]
            for row in referrals.by_category
        ],
    )
    tables["providers"] = _partition_table(
        "providers",
        _("提供機関ごとの受け入れ率と完了率"),
        [
            _("提供機関"),
            _("送った紹介"),
            _("受け入れ"),
            _("完了"),
            _("受け入れ率（%）"),
            _("完了率（%）"),
        ],
        [
            (row["organization__title"] or _("（削除された機関）"), row)
            for row in referrals.by_provider
        ],
        counts["sent"],
        status["sent"],
        rates=True,
    )
    tables["municipalities"] = _municipality_table(
        referrals, population, municipality_names, counts["sent"], status["sent"]
    )
    tables["monthly"] = _monthly_table(
        referrals, months, new_clients_monthly, listings, status["sent"]
    )
    tables["survey"] = _survey_table(tables["monthly"], people)
    for table in tables.values():
        if not table.summary:
            table.summary = _("%(title)s：%(rows)d行の表です。") % {
                "title": table.title,
                "rows": len(table.rows),
            }
    return Dashboard(tables, figures, population.approximate, population.source)


def _partition_table(name, title, columns, keyed_rows, total, total_shown, *, rates=False) -> Table:
    sent = {str(i): row["sent"] for i, (_label, row) in enumerate(keyed_rows)}
    cells, _t = suppression.group(
        sent, total=total, total_hidden=suppression.is_hidden(total_shown)
    )
    rows = []
    for i, (label, row) in enumerate(keyed_rows):
        line = [
            label,
            cells[str(i)],
            suppression.shown(row["accepted"]),
            suppression.shown(row["completed"]),
        ]
        if suppression.is_hidden(cells[str(i)]):  # a hidden count must not come back via a rate
            line += [S, S]
        elif rates:
            line += [
                suppression.rate(row["accepted"], row["sent"]),
                suppression.rate(row["completed"], row["sent"]),
            ]
        rows.append(line)
    return Table(name, title, columns, rows)


def _municipality_table(referrals, population, names, total, total_shown) -> Table:
    sent = {
        row["agency__municipality_code"] or "": row["sent"] for row in referrals.by_municipality
    }
    cells, _t = suppression.group(
        sent, total=total, total_hidden=suppression.is_hidden(total_shown)
    )
    rows = []
    for code, n in sent.items():
        people = population.by_code.get(code)
        rows.append(
            [
                names.get(code, code or _("（不明）")),
                cells[code],
                people,
                cells[code] if suppression.is_hidden(cells[code]) else _per_100k(n, people),
            ]
        )
    return Table(
        "municipalities",
        _("市区町村ごとの紹介（人口10万人あたり）"),
        [_("市区町村"), _("送った紹介"), _("人口"), _("人口10万人あたり")],
        rows,
    )


def _monthly_table(
    referrals: ReferralFigures, all_months: list[str], new_clients_monthly, listings, total_shown
) -> Table:
    """One row per month of the period (``all_months``, continuous: a month without referrals
    is a row of zeros), the months' sent adding up to the period's."""
    clients = {row["month"]: row["n"] for row in new_clients_monthly}
    listed = {row["month"]: row["n"] for row in listings.monthly}
    by_month = {row["month"]: row for row in referrals.monthly}
    values: dict[Hashable, int] = {}
    relations = []
    for m in all_months:
        row = by_month.get(m) or dict.fromkeys(("sent", "accepted", *PARTITION), 0)
        for key in ("sent", "accepted", *PARTITION):
            values[(m, key)] = row[key]
        relations.append(((m, "sent"), [(m, k) for k in PARTITION]))
    values["total"] = sum(values[(m, "sent")] for m in all_months)
    relations.append(("total", [(m, "sent") for m in all_months]))
    hidden = suppression.hidden_cells(
        values, relations, also_hidden={"total"} if suppression.is_hidden(total_shown) else set()
    )
    columns_keys = ("sent", "accepted", *PARTITION)
    rows = []
    for m in all_months:
        rows.append(
            [m]
            + [suppression.display((m, k), values, hidden) for k in columns_keys]
            + [suppression.shown(clients.get(m, 0)), listed.get(m, 0)]
        )
    return Table(
        "monthly",
        _("月ごとの推移（送った月で数える）"),
        [_("月")]
        + [LABELS[k] for k in columns_keys]
        + [LABELS["new_clients"], LABELS["listings_new"]],
        rows,
    )


GAP_TITLES = {
    "gaps_municipality": _("市区町村ごとの不足（対象地域で数えたサービス）"),
    "gaps_mesh": _("地域メッシュ（約1km）ごとの不足（距離で数えたサービス）"),
}
GAP_AREAS = {"gaps_municipality": _("市区町村"), "gaps_mesh": _("メッシュコード")}


def gap_table(name, title, gaps: list[GapRow], categories, areas) -> Table:
    area_label = GAP_AREAS[name]
    table = Table(
        name,
        title,
        [
            area_label,
            _("分野"),
            _("紹介（需要）"),
            _("実施中のサービス"),
            _("休止中のサービス"),
            _("不足"),
        ],
        [
            [
                areas.get(g.area, g.area),
                categories.get(g.category, g.category),
                suppression.shown(g.demand),
                g.active,
                g.paused,
                _("不足") if g.gap else "",
            ]
            for g in gaps
        ],
    )
    table.summary = _("%(title)s：%(rows)d行、そのうち不足 %(gaps)d か所。") % {
        "title": title,
        "rows": len(table.rows),
        "gaps": sum(1 for g in gaps if g.gap),
    }
    return table


def _survey_table(monthly: Table, people: int | None) -> Table:
    """支援状況調査: the monthly figures the platform can know, in the survey's terms."""
    rows = []
    for row in monthly.rows:
        month, sent, new = row[0], row[1], row[-2]
        per = (
            sent
            if suppression.is_hidden(sent)
            else (round(sent * 100_000 / people, 2) if people else None)
        )
        rows.append([month, new, sent, per])
    return Table(
        "survey",
        _("支援状況調査の形の月次表（このシステムで分かる数字）"),
        [
            _("月"),
            _("新規相談受付件数（新しく登録した相談者）"),
            _("他機関へのつなぎ件数（送った紹介）"),
            _("人口10万人あたりのつなぎ件数"),
        ],
        rows,
    )
