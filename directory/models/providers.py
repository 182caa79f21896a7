"""Keeping listings true: provider rights, invitations, applications, quick updates, checks.

The rules live in ``directory.providers`` (docs/providers.md); these are the rows they keep.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from directory.validators import validate_long_text

__all__ = [
    "ErrorReport",
    "ListingApplication",
    "ListingReminder",
    "ProviderGroup",
    "ProviderInvitation",
    "QuickUpdate",
    "ServiceMerge",
    "StaleListingFlag",
]


class ProviderGroup(models.Model):
    """The Wagtail group that holds one organization's page permissions (「提供者: 団体名」).

    The link is kept as a row so the group survives a rename of the organization.
    """

    organization = models.OneToOneField(
        "directory.OrganizationPage",
        verbose_name=_("団体"),
        on_delete=models.CASCADE,
        related_name="provider_group",
    )
    group = models.OneToOneField(
        "auth.Group", verbose_name=_("グループ"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("提供者グループ")
        verbose_name_plural = _("提供者グループ")

    def __str__(self) -> str:
        return self.group.name


class ProviderInvitation(models.Model):
    """An email invitation to join an organization as provider staff (the link is signed)."""

    hsds_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        "directory.OrganizationPage",
        verbose_name=_("団体"),
        on_delete=models.CASCADE,
        related_name="provider_invitations",
    )
    email = models.EmailField(_("メールアドレス"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("招待した人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("招待した日時"))
    accepted_at = models.DateTimeField(_("参加した日時"), null=True, blank=True)
    accepted_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("参加したユーザー"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("提供者の招待")
        verbose_name_plural = _("提供者の招待")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.organization_id}"


class ListingApplication(models.Model):
    """「掲載を申し込む」: a request from the public site, with the draft organization it made."""

    class Status(models.TextChoices):
        NEW = "new", _("未対応")
        IN_REVIEW = "in_review", _("確認中")
        ACCEPTED = "accepted", _("掲載した")
        DECLINED = "declined", _("見送り")

    organization = models.ForeignKey(
        "directory.OrganizationPage",
        verbose_name=_("下書きの団体ページ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="listing_applications",
    )
    organization_name = models.CharField(_("団体名"), max_length=255)
    provider_type = models.CharField(_("法人の種類"), max_length=40)
    contact_name = models.CharField(_("担当者のお名前"), max_length=100)
    email = models.EmailField(_("メールアドレス"))
    phone = models.CharField(_("電話番号"), max_length=30)
    description = models.TextField(_("活動の内容"), validators=[validate_long_text])
    status = models.CharField(_("状態"), max_length=20, choices=Status.choices, default=Status.NEW)
    note = models.TextField(_("コーディネーターのメモ"), blank=True)
    created_at = models.DateTimeField(_("申し込み日時"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("対応した人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("対応した日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("掲載の申し込み")
        verbose_name_plural = _("掲載の申し込み")
        ordering = ["-created_at"]
        # Coordinators (コーディネーター) hold this; it opens every screen of docs/providers.md.
        permissions = [("moderate_listings", _("掲載の審査と提供者の招待ができる"))]

    def __str__(self) -> str:
        return self.organization_name


class QuickUpdate(models.Model):
    """One quick update or confirmation, applied to the live page at once: who, when, what."""

    class Kind(models.TextChoices):
        AVAILABILITY = "availability", _("受付状況")
        CAPACITY_NOTE = "capacity_note", _("受付状況のメモ")
        CLOSURE = "closure", _("臨時休業")
        ALERT = "alert", _("お知らせ")
        CONFIRM = "confirm", _("変更なし・確認")
        APPROVED_EDIT = "approved_edit", _("承認された編集")

    service = models.ForeignKey(
        "directory.ServicePage",
        verbose_name=_("支援サービス"),
        on_delete=models.CASCADE,
        related_name="quick_updates",
    )
    kind = models.CharField(_("種類"), max_length=20, choices=Kind.choices)
    old_value = models.TextField(_("変更前"), blank=True)
    new_value = models.TextField(_("変更後"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("変更した人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    email = models.EmailField(_("メールアドレス"), blank=True)
    at = models.DateTimeField(_("日時"))

    class Meta:
        verbose_name = _("すぐに反映した更新")
        verbose_name_plural = _("すぐに反映した更新")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.new_value}"


class ListingReminder(models.Model):
    """A reminder (to the provider) or a flag (to the coordinator), once per unconfirmed period.

    ``since`` is the day the period started (the last confirmation, or first publication; for
    an expired certification, the day it expired): the unique constraint makes
    ``send_listing_reminders`` idempotent.
    """

    class Kind(models.TextChoices):
        REMINDER = "reminder", _("確認のお願い")
        FLAG = "flag", _("古い可能性の通知")
        CERTIFICATION = "certification", _("認定の期限切れの通知")

    service = models.ForeignKey(
        "directory.ServicePage",
        verbose_name=_("支援サービス"),
        on_delete=models.CASCADE,
        related_name="listing_reminders",
    )
    kind = models.CharField(_("種類"), max_length=20, choices=Kind.choices)
    since = models.DateField(_("確認されていない期間の始まり"))
    sent_at = models.DateTimeField(_("送った日時"))
    recipients = models.TextField(_("宛先"), blank=True)

    class Meta:
        verbose_name = _("掲載確認の通知")
        verbose_name_plural = _("掲載確認の通知")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "kind", "since"], name="directory_listing_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.service_id} {self.since}"


class StaleListingFlag(models.Model):
    """Present while a listing is shown to the public as 「情報が古い可能性があります」."""

    service = models.OneToOneField(
        "directory.ServicePage",
        verbose_name=_("支援サービス"),
        on_delete=models.CASCADE,
        related_name="stale_flag",
    )
    since = models.DateField(_("確認されていない期間の始まり"))
    flagged_at = models.DateTimeField(_("通知した日時"))

    class Meta:
        verbose_name = _("古い可能性のある掲載")
        verbose_name_plural = _("古い可能性のある掲載")

    def __str__(self) -> str:
        return f"{self.service_id} ({self.since})"


class ErrorReport(models.Model):
    """「情報の誤りを報告」 from anyone, no account; no IP address or other identifier is kept."""

    class Problem(models.TextChoices):
        HOURS = "hours", _("開いている時間が違う")
        CONTACT = "contact", _("電話番号・連絡先が違う")
        ADDRESS = "address", _("場所・住所が違う")
        CLOSED = "closed", _("もう実施していない")
        ELIGIBILITY = "eligibility", _("利用できる人・費用が違う")
        OTHER = "other", _("その他")

    class Status(models.TextChoices):
        NEW = "new", _("未対応")
        DONE = "done", _("対応済み")
        DISMISSED = "dismissed", _("対応しない")

    service = models.ForeignKey(
        "directory.ServicePage",
        verbose_name=_("支援サービス"),
        on_delete=models.CASCADE,
        related_name="error_reports",
    )
    problem = models.CharField(_("どこが違いますか"), max_length=20, choices=Problem.choices)
    message = models.TextField(_("くわしく"), blank=True)
    contact = models.CharField(_("連絡先"), max_length=255, blank=True)
    status = models.CharField(_("状態"), max_length=20, choices=Status.choices, default=Status.NEW)
    created_at = models.DateTimeField(_("報告日時"))
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("対応した人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("対応した日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("誤りの報告")
        verbose_name_plural = _("誤りの報告")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_problem_display()} ({self.service_id})"


class ServiceMerge(models.Model):
    """A coordinator merged ``duplicate`` into ``keep``: referrals moved, old address redirected."""

    keep = models.ForeignKey(
        "directory.ServicePage",
        verbose_name=_("残すサービス"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="merges_kept",
    )
    duplicate = models.ForeignKey(
        "directory.ServicePage",
        verbose_name=_("重複していたサービス"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="merges_removed",
    )
    duplicate_title = models.CharField(_("重複していたサービス名"), max_length=255)
    referrals_moved = models.PositiveIntegerField(_("移した紹介の数"), default=0)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("統合した人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("統合した日時"))

    class Meta:
        verbose_name = _("サービスの統合")
        verbose_name_plural = _("サービスの統合")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.duplicate_title} → {self.keep_id}"
