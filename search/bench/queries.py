"""The query mix: the same queries for a given seed, per kind (``config.KINDS``)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from datetime import time as clock
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils import timezone

from directory.choices import CostCategory, Language, TargetGroup
from directory.demo import EXTRA_WARDS, MAIN_WARDS, WORDS
from search.bench.config import API_PATH, KINDS
from search.contract import SearchQuery
from search.forms import TOKYO, SearchForm

# Words a worker types: categories, synonyms (食べ物 → 食料), 1- and 2-character words.
TOPIC_TERMS = (
    "食料",
    "食べ物",
    "相談",
    "住まい",
    "仕事",
    "子ども",
    "学習",
    "借金",
    "医療",
    "介護",
    "障害",
    "外国人",
    "弁護士",
    "居場所",
    "フードバンク",
    "シェルター",
    "食",
    "日本語",
    "ひきこもり",
    "こころ",
    "無料",
    "家賃",
)
CATEGORY_CODES = (
    "food",
    "housing",
    "work",
    "money",
    "legal",
    "health",
    "children",
    "older-people",
    "disability",
    "foreign-residents",
    "safety",
    "daily-living",
    "consultation",
)
FACET_CHOICES: dict[str, tuple[str, ...]] = {
    "category": CATEGORY_CODES,
    "language": (Language.ENGLISH, Language.CHINESE, Language.EASY_JAPANESE, Language.VIETNAMESE),
    "target_group": tuple(TargetGroup.values),
    "cost": (CostCategory.FREE, CostCategory.LOW_COST),
}


# --- the queries ------------------------------------------------------------------------------


@dataclass(frozen=True)
class BenchQuery:
    kind: str
    params: tuple[tuple[str, str], ...]  # the query string, in order

    @property
    def path(self) -> str:
        return f"{API_PATH}?{urlencode(self.params)}"

    def search_query(self) -> SearchQuery:
        """The ``SearchQuery`` the API builds from the same parameters (the same parser)."""
        data = QueryDict(mutable=True)
        for name, value in self.params:
            data.appendlist(name, value)
        form = SearchForm(data)
        if not form.is_valid():
            raise ValueError(f"benchmark query {self.params} is invalid: {form.errors.as_json()}")
        return form.query


def daytime_instant(*, now: datetime) -> datetime:
    """Next Wednesday (Tokyo), 11:00: a busy daytime hour, inside every index's horizon."""
    today = timezone.localtime(now, TOKYO).date()
    days = (2 - today.weekday()) % 7 or 7
    return datetime.combine(today + timedelta(days=days), clock(11, 0), tzinfo=TOKYO)


def query_mix(*, per_kind: int, seed: int, now: datetime) -> dict[str, list[BenchQuery]]:
    """``per_kind`` queries of every kind, the same for the same seed (and week)."""
    rng = random.Random(seed)
    wards = MAIN_WARDS + EXTRA_WARDS
    towns = [town.postal_code for ward in wards for town in ward.towns]
    at = daytime_instant(now=now).isoformat(timespec="minutes")

    def term() -> str:
        return rng.choice(TOPIC_TERMS) if rng.random() < 0.7 else rng.choice(WORDS)

    def facets(count: int) -> list[tuple[str, str]]:
        return [
            (name, rng.choice(FACET_CHOICES[name]))
            for name in rng.sample(list(FACET_CHOICES), count)
        ]

    def make(kind: str) -> BenchQuery:
        params: list[tuple[str, str]]
        if kind == "text":
            params = [("q", term() if rng.random() < 0.75 else f"{term()} {term()}")]
        elif kind == "near":
            params = [("near", rng.choice(towns)), ("radius_km", rng.choice(("1", "2", "5")))]
        elif kind == "near_facets_text":
            params = [
                ("q", rng.choice(TOPIC_TERMS)),
                ("near", rng.choice(towns)),
                ("radius_km", rng.choice(("2", "5", "10"))),
                *facets(rng.choice((1, 2))),
            ]
        elif kind == "open_now":
            params = [("at", at), *facets(rng.choice((0, 1)))]
        else:  # bbox: a phone-to-desktop map view (2-5 km across) around a ward
            ward = rng.choice(wards)
            lat = ward.latitude + rng.uniform(-0.01, 0.01)
            lng = ward.longitude + rng.uniform(-0.01, 0.01)
            half_lat = rng.uniform(0.01, 0.022)
            half_lng = half_lat * 1.25
            box = (lng - half_lng, lat - half_lat, lng + half_lng, lat + half_lat)
            params = [("bbox", ",".join(f"{v:.5f}" for v in box))]
        return BenchQuery(kind=kind, params=tuple(params))

    return {kind: [make(kind) for _ in range(per_kind)] for kind in KINDS}
