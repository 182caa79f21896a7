"""Population per municipality: a coordinator's upload, else the bundled 2020 census table."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from dashboard.models import Population

BUNDLED = Path(__file__).resolve().parent / "data" / "population.csv"
# Official final figures (scripts/build_population.py; source and licence in data/README.md).
BUNDLED_SOURCE = "令和2年国勢調査（総務省統計局）、2020年10月1日現在"


@dataclass(frozen=True)
class PopulationTable:
    by_code: dict[str, int]
    approximate: bool
    source: str


def population_table() -> PopulationTable:
    rows = dict(Population.objects.values_list("municipality_code", "population"))
    if rows:
        sources = sorted(set(Population.objects.values_list("source", flat=True)))
        return PopulationTable(rows, approximate=False, source="; ".join(sources))
    with BUNDLED.open(encoding="utf-8") as handle:
        bundled = {
            row["municipality_code"]: int(row["population"]) for row in csv.DictReader(handle)
        }
    return PopulationTable(bundled, approximate=False, source=BUNDLED_SOURCE)


@transaction.atomic
def population_replace(*, data: bytes) -> int:
    """Replace the table with a CSV (municipality_code,population,year,source); rows written."""
    text = data.decode("utf-8-sig")
    rows = []
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        try:
            code = row["municipality_code"].strip()
            population = int(row["population"].replace(",", "").strip())
            year = int(row["year"].strip())
            source = (row.get("source") or "").strip()
        except (KeyError, AttributeError, ValueError) as error:
            raise ValueError(f"line {line}: {error}") from error
        if len(code) != 6 or not code.isdigit() or population <= 0 or not source:
            raise ValueError(f"line {line}")
        rows.append(
            Population(municipality_code=code, population=population, year=year, source=source)
        )
    if not rows:
        raise ValueError("no rows")
    Population.objects.all().delete()
    Population.objects.bulk_create(rows)
    return len(rows)
