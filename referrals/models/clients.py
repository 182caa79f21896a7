"""The person in need (生活困窮者, ``Client``) and the legal basis for sharing their data."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from referrals.choices import ClientField, ConsentBasis, ConsentMethod, HouseholdType
from referrals.fields import (
    EncryptedCharField,
    EncryptedDateField,
    EncryptedEmailField,
    EncryptedJSONListField,
    EncryptedTextField,
)

# ClientField (the consent vocabulary) → the Client attribute that holds it.
CLIENT_FIELD_ATTRIBUTES: dict[str, str] = {
    ClientField.NAME: "name",
    ClientField.NAME_READING: "name_reading",
    ClientField.PHONE: "phone",
    ClientField.EMAIL: "email",
    ClientField.DATE_OF_BIRTH: "date_of_birth",
    ClientField.HOUSEHOLD: "household_type",
    ClientField.LANGUAGES: "languages",
    ClientField.NEEDS_SUMMARY: "needs_summary",
}


class Client(models.Model):
    """Minimal personal data, every personal field encrypted at rest (referrals.fields).

    ``municipality_code`` stays in clear: it is coarse and the coverage statistics need it.
    Read personal fields only through ``referrals.access.client_view_for`` (it writes the log).
    """

    agency = models.ForeignKey(
        "referrals.Agency",
        verbose_name=_("担当機関"),
        on_delete=models.PROTECT,
        related_name="clients",
    )
    name = EncryptedCharField(_("氏名"), max_length=100, blank=True)
    name_reading = EncryptedCharField(_("ふりがな"), max_length=100, blank=True)
    phone = EncryptedCharField(_("電話番号"), max_length=30, blank=True)
    email = EncryptedEmailField(_("メールアドレス"), blank=True)
    date_of_birth = EncryptedDateField(_("生年月日"), null=True, blank=True)
    household_type = EncryptedCharField(
        _("世帯の状況"), max_length=30, choices=HouseholdType.choices, blank=True
    )
    languages = EncryptedJSONListField(_("話せる言語"), default=list, blank=True)
    needs_summary = EncryptedTextField(_("困りごとの概要"), blank=True)
    municipality_code = models.CharField(_("市区町村コード"), max_length=6, blank=True)
    # JIS X 0410 third-order mesh (about 1 km) where the client lives: never finer (dashboard).
    mesh_code = models.CharField(_("地域メッシュコード"), max_length=8, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登録した人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)
    anonymised_at = models.DateTimeField(_("匿名化した日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("相談者")
        verbose_name_plural = _("相談者")

    def __str__(self) -> str:
        # Never the name: __str__ ends up in logs, admin history and error reports.
        return f"Client #{self.pk}"


class SupportConference(models.Model):
    """支援会議 (生活困窮者自立支援法 第9条): members share a person's information without consent,
    bound by a legal duty of confidentiality. Only organizations recorded here receive data."""

    agency = models.ForeignKey(
        "referrals.Agency",
        verbose_name=_("設置した機関"),
        on_delete=models.PROTECT,
        related_name="support_conferences",
    )
    name = models.CharField(_("名称"), max_length=200)
    municipality_code = models.CharField(_("市区町村コード"), max_length=6, blank=True)
    members = models.ManyToManyField(
        "directory.OrganizationPage",
        verbose_name=_("構成員"),
        blank=True,
        related_name="support_conferences",
    )
    established_on = models.DateField(_("設置日"))
    ended_on = models.DateField(_("終了日"), null=True, blank=True)

    class Meta:
        verbose_name = _("支援会議")
        verbose_name_plural = _("支援会議")

    def __str__(self) -> str:
        return self.name


class Consent(models.Model):
    """The basis on which a client's data may reach providers: 本人同意 or 支援会議."""

    client = models.ForeignKey(
        Client, verbose_name=_("相談者"), on_delete=models.PROTECT, related_name="consents"
    )
    basis = models.CharField(_("根拠"), max_length=30, choices=ConsentBasis.choices)
    method = models.CharField(
        _("同意の方法"), max_length=20, choices=ConsentMethod.choices, blank=True
    )
    given_at = models.DateTimeField(_("同意・決定の日時"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("記録した人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    scope = models.JSONField(
        _("共有する項目"), default=list, help_text=_("ClientField の値のリスト")
    )
    organizations = models.ManyToManyField(
        "directory.OrganizationPage",
        verbose_name=_("共有先"),
        blank=True,
        related_name="+",
        help_text=_("本人同意のとき、情報を受け取れる機関"),
    )
    conference = models.ForeignKey(
        SupportConference,
        verbose_name=_("支援会議"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consents",
    )
    expires_at = models.DateTimeField(_("有効期限"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("撤回日時"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("撤回を記録した人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("記録日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("情報共有の根拠")
        verbose_name_plural = _("情報共有の根拠")
        constraints = [
            models.CheckConstraint(
                condition=Q(basis=ConsentBasis.SUPPORT_CONFERENCE, conference__isnull=False)
                | Q(basis=ConsentBasis.CONSENT, conference__isnull=True),
                name="referrals_consent_basis_matches_conference",
            ),
            models.CheckConstraint(
                condition=Q(basis=ConsentBasis.SUPPORT_CONFERENCE) | ~Q(method=""),
                name="referrals_consent_method_given",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_basis_display()} #{self.pk}"
