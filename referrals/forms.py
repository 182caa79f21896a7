"""Forms of the referral screens: they parse and check input; the rules live in the services.

Every choice list is a closed vocabulary from ``referrals.choices``; which clients, organizations
and conferences a worker may pick is decided by the view (through ``referrals.access``) and
passed in, so a tampered POST can only ever choose among what the user was shown.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import TextChoices
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.choices import AVAILABILITY_LIMITED, Availability, Language
from referrals.choices import (
    Action,
    CancelReason,
    ClientField,
    CloseReason,
    ConsentMethod,
    DeclineReason,
    ExternalChannel,
    HouseholdType,
    Outcome,
    Status,
    Urgency,
)

# The form's three legal bases; "none" = the provider sees only the need and the code.
BASIS_CONSENT = "consent"
BASIS_CONFERENCE = "support_conference"
BASIS_NONE = "none"
CLIENT_EXISTING = "existing"
CLIENT_NEW = "new"
SUBMIT_SEND = "send"
SUBMIT_DRAFT = "draft"
SUBMIT_EDIT = "edit"  # the preview's "back to the form"
# A consent lasts a year unless the worker sets otherwise (a support plan is reviewed yearly).
DEFAULT_CONSENT_DAYS = 365


def _end_of_day(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))


class ReferralForm(forms.Form):
    """The worker's "refer" page: client → basis for sharing → need → send or save a draft."""

    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)
    service = forms.UUIDField(widget=forms.HiddenInput)

    client_mode = forms.ChoiceField(
        label=_("どの相談者を紹介しますか"),
        choices=[(CLIENT_EXISTING, _("登録済みの相談者")), (CLIENT_NEW, _("新しく登録する"))],
        widget=forms.RadioSelect,
        initial=CLIENT_EXISTING,
    )
    client = forms.TypedChoiceField(
        label=_("登録済みの相談者"), coerce=int, required=False, empty_value=None
    )
    name = forms.CharField(label=_("氏名"), max_length=100, required=False)
    name_reading = forms.CharField(label=_("ふりがな"), max_length=100, required=False)
    phone = forms.CharField(
        label=_("電話番号"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    email = forms.EmailField(label=_("メールアドレス"), required=False)
    date_of_birth = forms.DateField(
        label=_("生年月日"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    household_type = forms.ChoiceField(
        label=_("世帯の状況"),
        choices=[("", _("選ばない")), *HouseholdType.choices],
        required=False,
    )
    languages = forms.MultipleChoiceField(
        label=_("話せる言語"),
        choices=Language.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    needs_summary = forms.CharField(
        label=_("困りごとの概要"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    basis = forms.ChoiceField(
        label=_("根拠を選ぶ"),
        choices=[
            (BASIS_CONSENT, _("本人同意")),
            (BASIS_CONFERENCE, _("支援会議（法第9条）")),
            (BASIS_NONE, _("根拠なし（依頼内容だけを伝える）")),
        ],
        widget=forms.RadioSelect,
        initial=BASIS_CONSENT,
    )
    method = forms.ChoiceField(
        label=_("同意の方法"),
        choices=ConsentMethod.choices,
        widget=forms.RadioSelect,
        required=False,
        initial=ConsentMethod.WRITTEN,
    )
    consent_given_on = forms.DateField(
        label=_("同意を得た日"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    scope = forms.MultipleChoiceField(
        label=_("共有する項目"),
        choices=ClientField.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        initial=[ClientField.NAME, ClientField.PHONE],
    )
    organizations = forms.TypedMultipleChoiceField(
        label=_("共有先の機関"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    expires_on = forms.DateField(
        label=_("同意の有効期限"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("この日を過ぎると、提供機関には相談者の情報が表示されなくなります。"),
    )
    conference = forms.TypedChoiceField(
        label=_("支援会議"), coerce=int, required=False, empty_value=None
    )

    need = forms.CharField(
        label=_("依頼内容"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "提供機関にお願いしたい支援を書いてください。名前など個人が特定できることは書かないでください。"
        ),
    )
    urgency = forms.ChoiceField(
        label=_("緊急度"), choices=Urgency.choices, widget=forms.RadioSelect, initial=Urgency.NORMAL
    )
    support_plan_reference = forms.CharField(
        label=_("自立支援計画の番号（任意）"), max_length=100, required=False
    )
    note = forms.CharField(
        label=_("提供機関へのメモ（任意）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    availability_confirmed = forms.BooleanField(
        label=_("受付状況とメモを確認しました。そのうえで紹介します。"), required=False
    )

    def __init__(
        self,
        *args: Any,
        clients: list[tuple[int, str]],
        organizations: list[tuple[int, str]],
        conferences: list[tuple[int, str]],
        availability: str = Availability.ACCEPTING,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # A paused or wait-listed service: sending asks the worker to confirm (see clean).
        self.availability_limited = availability in AVAILABILITY_LIMITED
        choice_fields = cast(dict[str, forms.ChoiceField], self.fields)
        choice_fields["client"].choices = [("", _("選んでください")), *clients]
        choice_fields["organizations"].choices = organizations
        choice_fields["conference"].choices = [("", _("選んでください")), *conferences]
        self.has_conferences = bool(conferences)
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4())
            self.initial.setdefault("organizations", [pk for pk, _label in organizations])
            today = timezone.localdate()
            self.initial.setdefault("consent_given_on", today)
            self.initial.setdefault("expires_on", today + timedelta(days=DEFAULT_CONSENT_DAYS))
            if not clients:
                self.initial["client_mode"] = CLIENT_NEW

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("client_mode") == CLIENT_EXISTING and not data.get("client"):
            self.add_error("client", _("相談者を選んでください。"))
        if data.get("client_mode") == CLIENT_NEW and not (data.get("name") or "").strip():
            self.add_error("name", _("氏名を入力してください。"))
        basis = data.get("basis")
        if basis == BASIS_CONSENT:
            if not data.get("method"):
                self.add_error("method", _("同意の方法を選んでください。"))
            if not data.get("organizations"):
                self.add_error("organizations", _("共有先の機関を選んでください。"))
        if basis == BASIS_CONFERENCE and not data.get("conference"):
            self.add_error("conference", _("支援会議を選んでください。"))
        if basis in (BASIS_CONSENT, BASIS_CONFERENCE) and not data.get("scope"):
            self.add_error("scope", _("共有する項目を一つ以上選んでください。"))
        given = data.get("consent_given_on")
        if given and given > timezone.localdate():
            self.add_error("consent_given_on", _("同意を得た日に未来の日付は入れられません。"))
        self._availability_check(data)
        return data

    def _availability_check(self, data: dict[str, Any]) -> None:
        """Sending to a paused or wait-listed service needs the "I understand" box; a draft not."""
        sending = self.data.get("submit") != SUBMIT_DRAFT
        if not (self.availability_limited and sending) or data.get("availability_confirmed"):
            return
        if data.get("urgency") == Urgency.URGENT:
            message = _(
                "至急の紹介ですが、このサービスはいま受け付けていないか順番待ちです。"
                "すぐには対応してもらえないかもしれません。受付状況のメモを読み、"
                "ほかのサービスも検討したうえで確認のチェックを入れてください。"
            )
        else:
            message = _(
                "このサービスはいま受け付けていないか順番待ちです。"
                "受付状況のメモを読んでから確認のチェックを入れてください。"
            )
        self.add_error("availability_confirmed", message)

    def client_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": data["name"].strip(),
            "name_reading": data["name_reading"].strip(),
            "phone": data["phone"].strip(),
            "email": data["email"],
            "date_of_birth": data["date_of_birth"],
            "household_type": data["household_type"],
            "languages": data["languages"],
            "needs_summary": data["needs_summary"].strip(),
        }

    def consent_fields(self) -> dict[str, Any]:
        """Keyword arguments for ``services.consent_record`` (without client, by, the objects)."""
        data = self.cleaned_data
        given_on = data.get("consent_given_on")
        now = timezone.now()
        given_at = now if given_on in (None, timezone.localdate()) else _end_of_day(given_on)
        if given_at > now:
            given_at = now
        expires_on = data.get("expires_on")
        return {
            "scope": data["scope"],
            "method": data["method"] if data["basis"] == BASIS_CONSENT else "",
            "given_at": given_at,
            "expires_at": _end_of_day(expires_on) if expires_on else None,
        }

    def field_for_error(self, key: str) -> str | None:
        """The form field a service's ``ValidationError`` key belongs to (else the whole form)."""
        mapping = {"expires_at": "expires_on", "given_at": "consent_given_on"}
        name = mapping.get(key, key)
        return name if name in self.fields else None


class ActionForm(forms.Form):
    """One move of a referral, as data (the same shape as the API's action body).

    ``seen_status`` is the status the user saw when the page was drawn: if someone else moved the
    referral since, the service reports a conflict instead of acting on a stale page.
    """

    action = forms.ChoiceField(choices=Action.choices)
    seen_status = forms.ChoiceField(choices=Status.choices)
    reason = forms.CharField(max_length=30, required=False)
    outcome = forms.ChoiceField(choices=[("", "—"), *Outcome.choices], required=False)
    channel = forms.ChoiceField(choices=[("", "—"), *ExternalChannel.choices], required=False)
    appointment_at = forms.DateTimeField(
        required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    note = forms.CharField(required=False, max_length=2000, widget=forms.Textarea)

    REASONS: dict[str, type[TextChoices]] = {
        Action.DECLINE: DeclineReason,
        Action.CLOSE: CloseReason,
        Action.CANCEL: CancelReason,
    }

    def clean_reason(self) -> str:
        reason = self.cleaned_data.get("reason", "")
        choices = self.REASONS.get(str(self.data.get("action")))
        if choices is not None and reason and reason not in choices.values:
            raise ValidationError(_("理由を選択肢から選んでください。"))
        return reason


def action_choices(action: str) -> dict[str, Any]:
    """What the template needs to draw the form of ``action`` (reason lists and so on)."""
    reasons = ActionForm.REASONS.get(action)
    return {
        "action": action,
        "label": Action(action).label,
        "reasons": reasons.choices if reasons is not None else None,
        "reason_required": action in (Action.DECLINE, Action.CLOSE),
        "outcomes": Outcome.choices if action == Action.COMPLETE else None,
        "channels": ExternalChannel.choices if action == Action.LOG_EXTERNAL else None,
        "appointment": action == Action.START,
        "danger": action in (Action.DECLINE, Action.CANCEL, Action.CLOSE),
    }


def day_start(day: date | None) -> datetime | None:
    # Year 1 in Tokyo is before year 1 in UTC: no bound instead of an overflow.
    if day is None or day.year < 2:
        return None
    return _start_of_day(day)


def day_after(day: date | None) -> datetime | None:
    """The exclusive upper bound for "until ``day``" (none for 9999-12-31: nothing is later)."""
    if day is None or day == date.max:
        return None
    return _start_of_day(day + timedelta(days=1))


def _start_of_day(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))
