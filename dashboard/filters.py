"""The dashboard's filters (django-filter): period, municipality, agency, category, provider,
urgency. The period is the referral's send date (by default the 12 months up to this month,
``dashboard.periods``); other figures read the same bounds."""

from __future__ import annotations

from collections import Counter
from datetime import date

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from dashboard.access import DashboardScope
from dashboard.periods import Period, period_for
from directory.geocoding import municipality_by_code
from directory.models import Location, OrganizationPage, ServiceArea, ServicePage, TaxonomyTerm
from referrals.choices import Urgency
from referrals.models import Agency, Referral


def municipality_choices(*, scope: DashboardScope) -> list[tuple[str, str]]:
    """The municipalities a user may filter by, as (code, name) in code order (the official
    order): theirs if scoped, else every one with an agency, a service area or a location."""
    agencies = Agency.objects.exclude(municipality_code="")
    if scope.municipality_code:
        codes = {scope.municipality_code}
    elif not scope.everything:
        codes = set(
            agencies.filter(pk__in=scope.agency_ids).values_list("municipality_code", flat=True)
        )
    else:
        codes = (
            set(agencies.values_list("municipality_code", flat=True).distinct())
            | set(ServiceArea.objects.values_list("municipality_code", flat=True).distinct())
            | set(Location.objects.values_list("municipality_code", flat=True).distinct())
        )
    found = {code: municipality_by_code(code) for code in codes if code}
    names = Counter(m.name for m in found.values() if m)

    def label(code: str) -> str:
        m = found[code]
        if not m:
            return code
        return f"{m.prefecture} {m.name}" if names[m.name] > 1 else m.name

    return [(code, label(code)) for code in sorted(found)]


class ReferralFigureFilter(django_filters.FilterSet):
    since = django_filters.DateFilter(
        label=_("開始日"),
        method="filter_period",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = django_filters.DateFilter(
        label=_("終了日"),
        method="filter_period",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    municipality = django_filters.ChoiceFilter(
        label=_("市区町村"), field_name="agency__municipality_code", empty_label=_("すべて")
    )
    agency = django_filters.ModelChoiceFilter(
        label=_("紹介元の機関"), queryset=Agency.objects.all()
    )
    category = django_filters.ModelChoiceFilter(
        label=_("分野"),
        queryset=TaxonomyTerm.objects.filter(parent__isnull=True),
        to_field_name="code",
        method="filter_category",
    )
    provider = django_filters.ModelChoiceFilter(
        label=_("紹介先の機関"),
        field_name="organization",
        queryset=OrganizationPage.objects.all(),
    )
    urgency = django_filters.ChoiceFilter(label=_("緊急度"), choices=Urgency.choices)

    class Meta:
        model = Referral
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, scope: DashboardScope | None = None, **kw):
        super().__init__(data, queryset=queryset, **kw)
        self.filters["municipality"].extra["choices"] = municipality_choices(
            scope=scope or DashboardScope(everything=True)
        )
        # Choices only from what the user's scope holds: no other agency's or provider's name,
        # and no list of every organization in the directory.
        # EXISTS per agency or organization (an index lookup each), not IN over every referral.
        scoped = self.queryset.order_by()
        self.filters["agency"].queryset = Agency.objects.filter(
            Exists(scoped.filter(agency_id=OuterRef("pk")))
        )
        self.filters["provider"].queryset = OrganizationPage.objects.filter(
            Exists(scoped.filter(organization_id=OuterRef("pk")))
        ).order_by("title")

    def filter_period(self, queryset: QuerySet, name: str, value: date) -> QuerySet:
        return queryset  # both dates, or the default period, are applied in filter_queryset

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        period = self.period()
        if period.since:
            queryset = queryset.filter(sent_at__gte=period.since)
        if period.until:
            queryset = queryset.filter(sent_at__lt=period.until)
        return super().filter_queryset(queryset)

    def cleaned(self) -> dict:
        """The valid filters' values (an invalid one is left out, as django-filter does)."""
        if not self.form.is_bound:
            return {}
        self.form.is_valid()
        return self.form.cleaned_data

    def filter_category(self, queryset: QuerySet, name: str, value: TaxonomyTerm) -> QuerySet:
        # The services in the category (a few hundred) as a subquery, not a join: a join would
        # repeat a referral once per matching category, and a subquery over referrals would
        # read every referral again.
        services = ServicePage.objects.filter(
            Q(categories=value) | Q(categories__parent=value)
        ).values("pk")
        return queryset.filter(service_id__in=services)

    def period(self) -> Period:
        """The period shown: the chosen dates, or the default (the 12 months to this month)."""
        data = self.cleaned()
        return period_for(since=data.get("since"), until=data.get("until"))
