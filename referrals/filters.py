"""Query-string filters of the referral lists, as django-filter ``FilterSet``s.

Each list keeps its query parameters: "my referrals" (``status``, ``overdue``, ``service``,
``category``, ``whole_agency``), the provider inbox (``tab``) and the access log (``client_id``,
``user_id``, ``since``, ``until``). The base queryset comes from ``referrals.selectors`` (scoped
to the user); a filter set only narrows it. As before, a query with any invalid value filters
nothing (``filtered``), rather than filtering by the half that was valid.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import django_filters as filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from directory.selectors import service_by_hsds_id
from referrals import selectors
from referrals.access import User
from referrals.choices import Status
from referrals.forms import day_after, day_start
from referrals.models import AccessLog, Referral


def filtered(filterset: filters.FilterSet) -> QuerySet:
    """The filter set's queryset if every value is valid; else the base queryset, unfiltered."""
    if filterset.is_bound and filterset.is_valid():
        return filterset.qs
    return filterset.queryset


class ReferralListFilter(filters.FilterSet):
    """ "My referrals": status, overdue, service (HSDS id) and category (taxonomy code).

    ``whole_agency`` chooses the base queryset (``selectors.referrals_sent_by``: the user's own
    referrals, or their agencies'), so it is read from the form rather than filtered.
    """

    status = filters.ChoiceFilter(label=_("状態"), choices=Status.choices, empty_label=_("すべて"))
    overdue = filters.BooleanFilter(
        label=_("返事が遅れているものだけ"), widget=forms.CheckboxInput, method="filter_overdue"
    )
    service = filters.UUIDFilter(
        label=_("サービス"), widget=forms.HiddenInput, method="filter_service"
    )
    category = filters.ChoiceFilter(
        label=_("分野"), empty_label=_("すべて"), method="filter_category"
    )
    whole_agency = filters.BooleanFilter(
        label=_("機関全体の紹介を表示"), widget=forms.CheckboxInput, method="filter_nothing"
    )

    class Meta:
        model = Referral
        fields: list[str] = []

    def __init__(
        self, data: Any = None, *, user: User, categories: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(data, queryset=Referral.objects.none(), **kwargs)
        self.filters["category"].extra["choices"] = categories
        whole = self.is_bound and self.is_valid() and bool(self.form.cleaned_data["whole_agency"])
        self.queryset = selectors.referrals_sent_by(user=user, whole_agency=whole)

    def filter_overdue(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        return queryset.filter(selectors.overdue_q()) if value else queryset

    def filter_service(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        service = service_by_hsds_id(hsds_id=value)
        # An unknown (or offline) service matches nothing.
        return queryset.filter(service=service) if service is not None else queryset.none()

    def filter_category(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """A taxonomy code matches its sub-categories too."""
        return queryset.filter(
            Q(service__categories__code=value) | Q(service__categories__parent__code=value)
        ).distinct()

    def filter_nothing(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return queryset


INBOX_TABS: tuple[tuple[str, Any], ...] = (
    ("new", _("新着")),
    ("in_progress", _("対応中")),
    ("overdue", _("返事が遅れている")),
)


class InboxFilter(filters.FilterSet):
    """The provider inbox's ``tab``; what each tab holds is ``selectors.inbox_for``."""

    tab = filters.ChoiceFilter(choices=INBOX_TABS, empty_label=None, method="filter_tab")

    class Meta:
        model = Referral
        fields: list[str] = []

    def __init__(self, data: Any = None, *, inbox: selectors.Inbox, **kwargs: Any) -> None:
        super().__init__(data, queryset=inbox.new, **kwargs)
        self.inbox = inbox

    @property
    def chosen_tab(self) -> str:
        """The tab asked for; "new" when none or an unknown one is asked for."""
        if self.is_bound and self.is_valid() and self.form.cleaned_data.get("tab"):
            return str(self.form.cleaned_data["tab"])
        return "new"

    def filter_tab(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return getattr(self.inbox, value)


class IntegerFilter(filters.NumberFilter):
    field_class = forms.IntegerField


class AccessLogFilter(filters.FilterSet):
    """For coordinators: by client, by user, and by day (``since`` and ``until`` inclusive)."""

    client_id = IntegerFilter(label=_("相談者番号"), field_name="client_id", min_value=1)
    user_id = IntegerFilter(label=_("ユーザー番号"), field_name="user_id", min_value=1)
    since = filters.DateFilter(
        label=_("開始日"), widget=forms.DateInput(attrs={"type": "date"}), method="filter_since"
    )
    until = filters.DateFilter(
        label=_("終了日"), widget=forms.DateInput(attrs={"type": "date"}), method="filter_until"
    )

    class Meta:
        model = AccessLog
        fields: list[str] = []

    def filter_since(self, queryset: QuerySet, name: str, value: date) -> QuerySet:
        start = day_start(value)
        return queryset if start is None else queryset.filter(at__gte=start)

    def filter_until(self, queryset: QuerySet, name: str, value: date) -> QuerySet:
        end = day_after(value)
        return queryset if end is None else queryset.filter(at__lt=end)
