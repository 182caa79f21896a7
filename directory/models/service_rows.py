"""A service's repeated rows that are not about time or place: costs, documents, contacts and
certifications (inline panels of ``ServicePage``)."""

import uuid
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from directory.choices import CertificationKind
from directory.models.translated import field_in_language
from directory.validators import normalize_phone_number


class CostOption(Orderable):
    hsds_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = ParentalKey(
        "directory.ServicePage", on_delete=models.CASCADE, related_name="cost_options"
    )
    option = models.CharField(_("項目"), max_length=255)
    amount = models.DecimalField(
        _("金額（円）"), max_digits=10, decimal_places=0, null=True, blank=True
    )
    currency = models.CharField(max_length=3, default="JPY", editable=False)
    amount_description = models.CharField(_("金額の説明"), max_length=255, blank=True)
    valid_from = models.DateField(_("有効期間（開始）"), null=True, blank=True)
    valid_to = models.DateField(_("有効期間（終了）"), null=True, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("費用")
        verbose_name_plural = _("費用")


class RequiredDocument(Orderable):
    hsds_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = ParentalKey(
        "directory.ServicePage", on_delete=models.CASCADE, related_name="required_documents"
    )
    document = models.CharField(_("持ち物・書類"), max_length=255, help_text=_("例: 本人確認書類"))
    document_en = models.CharField(_("持ち物・書類（英語）"), max_length=255, blank=True)
    document_easy = models.CharField(
        _("持ち物・書類（やさしい日本語）"), max_length=255, blank=True
    )
    uri = models.URLField(_("URL"), blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("持ち物・必要書類")
        verbose_name_plural = _("持ち物・必要書類")

    def in_language(self, language: str | None = None) -> str:
        """What to bring, in ``language`` (default: the active one), or the Japanese."""
        return field_in_language(self, "document", language=language)


class Contact(Orderable):
    hsds_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = ParentalKey(
        "directory.ServicePage", on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("名前"), max_length=100, blank=True)
    title = models.CharField(_("役職"), max_length=100, blank=True)
    department = models.CharField(_("部署"), max_length=100, blank=True)
    email = models.EmailField(_("メールアドレス"), blank=True)
    phone = models.CharField(_("電話"), max_length=30, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("担当者")
        verbose_name_plural = _("担当者")

    def clean(self) -> None:
        super().clean()
        if self.phone:
            try:
                self.phone = normalize_phone_number(self.phone)
            except ValidationError as error:
                raise ValidationError({"phone": error.messages}) from error


class Certification(Orderable):
    """認定就労訓練事業所, 居住支援法人 … with authority, number and validity."""

    service = ParentalKey(
        "directory.ServicePage", on_delete=models.CASCADE, related_name="certifications"
    )
    kind = models.CharField(_("種類"), max_length=40, choices=CertificationKind.choices)
    authority = models.CharField(_("認定・指定した機関"), max_length=100, help_text=_("例: 東京都"))
    authority_en = models.CharField(_("認定・指定した機関（英語）"), max_length=100, blank=True)
    authority_easy = models.CharField(
        _("認定・指定した機関（やさしい日本語）"), max_length=100, blank=True
    )
    number = models.CharField(_("番号"), max_length=50, blank=True)
    valid_from = models.DateField(_("有効期間（開始）"), null=True, blank=True)
    valid_until = models.DateField(_("有効期間（終了）"), null=True, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("authority"), FieldPanel("number")]),
        FieldRowPanel([FieldPanel("authority_en"), FieldPanel("authority_easy")]),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("認定・指定")
        verbose_name_plural = _("認定・指定")

    def clean(self) -> None:
        super().clean()
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError(
                {"valid_until": _("有効期間の終了は開始より後の日付にしてください")}
            )

    def is_expired(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.valid_until is not None and self.valid_until < today

    def is_valid_on(self, day: date) -> bool:
        starts_ok = self.valid_from is None or self.valid_from <= day
        return starts_ok and not self.is_expired(day)
