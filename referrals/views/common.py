"""Helpers shared by the referral screens: roles for landing pages, display rows, redirects."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import TextChoices
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from directory.choices import Language
from directory.models import TaxonomyTerm
from referrals import access
from referrals.choices import (
    Action,
    CancelReason,
    ClientField,
    CloseReason,
    DeclineReason,
    HouseholdType,
    Outcome,
)
from referrals.models import Referral

LIST_PAGE_SIZE = 30


# ---------------------------------------------------------------------------------------------
# Roles (which landing page; the data itself is always scoped by ``referrals.access``)


def is_worker(user: Any) -> bool:
    return access.agency_ids_for(user).exists()


def is_provider(user: Any) -> bool:
    return access.organization_ids_for(user).exists()


# ---------------------------------------------------------------------------------------------
# Small helpers for the templates


def client_rows(fields: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(label, display value) of the client fields shown, in ``ClientField`` order."""
    labels = dict(ClientField.choices)
    households = dict(HouseholdType.choices)
    languages = dict(Language.choices)
    rows = []
    for name in ClientField.values:
        if name not in fields:
            continue
        value = fields[name]
        if name == ClientField.HOUSEHOLD:
            value = households.get(value, value)
        elif name == ClientField.LANGUAGES:
            separator = pgettext("列挙の区切り", "、")
            value = separator.join(str(languages.get(code, code)) for code in value or [])
        elif name == ClientField.DATE_OF_BIRTH and value:
            value = date_format(value, pgettext("日付の書式", "Y年n月j日"))
        rows.append((str(labels[name]), value or "—"))
    return rows


def reason_label(action: str, code: str) -> str:
    """The label of an event's reason code (decline, close, cancel reason or outcome)."""
    if not code:
        return ""
    vocabularies: dict[str, type[TextChoices]] = {
        Action.DECLINE: DeclineReason,
        Action.CLOSE: CloseReason,
        Action.CANCEL: CancelReason,
        Action.COMPLETE: Outcome,
    }
    vocabulary = vocabularies.get(action)
    if vocabulary is None or code not in vocabulary.values:
        return code
    return str(vocabulary(code).label)


def consent_summary(referral: Referral) -> dict[str, Any] | None:
    consent = referral.consent
    if consent is None:
        return None
    labels = dict(ClientField.choices)
    return {
        "consent": consent,
        "scope": [labels.get(f, f) for f in consent.scope or []],
        "organizations": list(consent.organizations.all()),
        "basis": access.sharing_basis(referral=referral),
    }


def top_categories() -> list[tuple[str, str]]:
    terms = TaxonomyTerm.objects.filter(parent__isnull=True).order_by("sort_order", "name")
    return [(t.code, t.name) for t in terms]


def query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def int_or_none(value: str | None) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if 0 < number < 2**63 else None


def back(request: HttpRequest, *, default: str) -> HttpResponseRedirect:
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(default)


def form_message(form: Any) -> str:
    messages_ = [str(e) for errors in form.errors.values() for e in errors]
    return " ".join(messages_) or _("入力が正しくありません。")


def validation_messages(error: ValidationError) -> list[str]:
    return [str(m) for m in error.messages]
