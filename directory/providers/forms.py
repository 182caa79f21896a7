"""Forms of the provider screens: parse and validate input, nothing else."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from directory.choices import Availability, ProviderType
from directory.hours import validate_closure
from directory.models import ErrorReport, ListingApplication, OrganizationPage, ServicePage
from directory.validators import normalize_phone_number


class HoneypotMixin(forms.Form):
    """A field people never see (hidden by CSS, skipped by keyboard); bots fill it in."""

    homepage = forms.CharField(
        label=_("この欄は空のままにしてください"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_spam(self) -> bool:
        return bool(self.data.get("homepage"))


# --- coordinators ----------------------------------------------------------------------------


class InvitationForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("団体"),
        queryset=OrganizationPage.objects.order_by("title"),
        help_text=_("招待する人が掲載を管理する団体"),
    )
    email = forms.EmailField(label=_("招待する人のメールアドレス"))


class ApplicationDecisionForm(forms.ModelForm):
    class Meta:
        model = ListingApplication
        fields = ["status", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class ErrorReportStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("状態"), choices=ErrorReport.Status.choices)


class MergeForm(forms.Form):
    keep = forms.ModelChoiceField(label=_("残すサービス"), queryset=ServicePage.objects.live())
    duplicate = forms.ModelChoiceField(
        label=_("統合して非公開にするサービス"), queryset=ServicePage.objects.all()
    )

    def clean(self):
        data = super().clean()
        if data.get("keep") and data.get("keep") == data.get("duplicate"):
            raise ValidationError(_("別々のサービスを選んでください"))
        return data


# --- invited staff ----------------------------------------------------------------------------


class SetPasswordForm(forms.Form):
    password1 = forms.CharField(
        label=_("パスワード"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("8文字以上。数字だけや、よくある言葉は使えません。"),
    )
    password2 = forms.CharField(
        label=_("パスワード（確認のため、もう一度）"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("2つのパスワードが一致しません"))
        elif first:
            User = get_user_model()
            probe = User(username=self.email, email=self.email)
            try:
                password_validation.validate_password(first, user=probe)
            except ValidationError as error:
                self.add_error("password1", error)
        return data


# --- the public ------------------------------------------------------------------------------


class ApplicationForm(HoneypotMixin):
    organization_name = forms.CharField(label=_("団体名"), max_length=255)
    provider_type = forms.ChoiceField(label=_("法人の種類"), choices=ProviderType.choices)
    contact_name = forms.CharField(label=_("担当者のお名前"), max_length=100)
    email = forms.EmailField(label=_("メールアドレス"))
    phone = forms.CharField(label=_("電話番号"), max_length=30, help_text=_("例: 03-1234-5678"))
    description = forms.CharField(
        label=_("どんな活動をしていますか"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("だれに、どんな支援をしているか、短く書いてください（1000文字まで）"),
    )

    def clean_phone(self) -> str:
        return normalize_phone_number(self.cleaned_data["phone"])


class ErrorReportForm(HoneypotMixin):
    problem = forms.ChoiceField(
        label=_("どこが違いますか"), choices=ErrorReport.Problem.choices, widget=forms.RadioSelect
    )
    message = forms.CharField(
        label=_("くわしく（任意）"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("正しい情報がわかれば書いてください。相談の内容やお名前は書かないでください。"),
    )
    contact = forms.CharField(
        label=_("連絡先（任意）"),
        required=False,
        max_length=255,
        help_text=_("確認のために連絡してよい場合だけ、メールアドレスか電話番号を書いてください。"),
    )


# --- quick updates ---------------------------------------------------------------------------


class AvailabilityForm(forms.Form):
    availability = forms.ChoiceField(label=_("受付状況"), choices=Availability.choices)


class CapacityNoteForm(forms.Form):
    capacity_note = forms.CharField(
        label=_("受付状況のメモ"),
        required=False,
        max_length=255,
        help_text=_("例: 今月の受付はあと5件"),
    )


class AlertForm(forms.Form):
    alert = forms.CharField(
        label=_("お知らせ"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("空にして保存すると、お知らせを消します"),
    )


class ClosureForm(forms.Form):
    start_date = forms.DateField(
        label=_("休業開始日"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(
        label=_("休業終了日"), widget=forms.DateInput(attrs={"type": "date"})
    )
    description = forms.CharField(label=_("理由（任意）"), required=False, max_length=255)

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end:
            try:
                validate_closure(start_date=start, end_date=end)
            except ValidationError as error:
                self.add_error("end_date", error)
        return data
