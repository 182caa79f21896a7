"""The dashboard's filters (django-filter): period, municipality, agency, category, provider,
urgency. The period is the referral's send date; other figures read the same bounds."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import OrganizationPage, ServicePage, TaxonomyTerm
from referrals.choices import Urgency
from referrals.models import Agency, Referral


def _start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


class ReferralFigureFilter(django_filters.FilterSet):
    since = django_filters.DateFilter(
        label=_("開始日"),
        method="filter_since",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = django_filters.DateFilter(
        label=_("終了日"),
        method="filter_until",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    municipality = django_filters.CharFilter(
        label=_("市区町村コード"), field_name="agency__municipality_code"
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

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset=queryset, **kwargs)
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

    def filter_since(self, queryset: QuerySet, name: str, value: date) -> QuerySet:
        return queryset.filter(sent_at__gte=_start(value)) if value.year > 1 else queryset

    def filter_until(self, queryset: QuerySet, name: str, value: date) -> QuerySet:
        if value == date.max:
            return queryset
        return queryset.filter(sent_at__lt=_start(value + timedelta(days=1)))

    def filter_category(self, queryset: QuerySet, name: str, value: TaxonomyTerm) -> QuerySet:
        # The services in the category (a few hundred) as a subquery, not a join: a join would
        # repeat a referral once per matching category, and a subquery over referrals would
        # read every referral again.
        services = ServicePage.objects.filter(
            Q(categories=value) | Q(categories__parent=value)
        ).values("pk")
        return queryset.filter(service_id__in=services)

    def period(self) -> tuple[datetime | None, datetime | None]:
        """The chosen bounds as datetimes (until is exclusive), for figures not on referrals."""
        data = self.form.cleaned_data if self.form.is_bound and self.form.is_valid() else {}
        since, until = data.get("since"), data.get("until")
        return (
            _start(since) if since and since.year > 1 else None,
            _start(until + timedelta(days=1)) if until and until != date.max else None,
        )
