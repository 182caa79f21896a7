"""The referral (紹介・つなぎ), its immutable timeline, reminders and in-app notifications.

State changes go through ``referrals.services`` only; the allowed moves are ``referrals.state``.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from referrals.choices import (
    Action,
    ActorKind,
    CancelReason,
    CloseReason,
    DeclineReason,
    ExternalChannel,
    NotificationKind,
    Outcome,
    Status,
    Urgency,
)
from referrals.fields import EncryptedTextField
from referrals.models.immutable import ImmutableModel


class Referral(models.Model):
    # Short, human-readable, printed on the slip and spoken on the phone; never personal data.
    code = models.CharField(_("紹介番号"), max_length=16, unique=True, editable=False)
    client = models.ForeignKey(
        "referrals.Client",
        verbose_name=_("相談者"),
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    agency = models.ForeignKey(
        "referrals.Agency",
        verbose_name=_("紹介元の機関"),
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("担当の支援員"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="referrals_created",
    )
    # Services may be deleted in Wagtail; the referral (a statistic) outlives them.
    service = models.ForeignKey(
        "directory.ServicePage",
        verbose_name=_("紹介先のサービス"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
    )
    # The service's organization when the referral was made: who receives it and its data.
    organization = models.ForeignKey(
        "directory.OrganizationPage",
        verbose_name=_("紹介先の機関"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="referrals_received",
    )
    service_title = models.CharField(_("サービス名"), max_length=255)
    need = EncryptedTextField(
        _("依頼内容"), help_text=_("提供機関に伝える支援の内容（個人が特定できる情報は書かない）")
    )
    urgency = models.CharField(
        _("緊急度"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    # 自立支援計画（プラン）の番号など; a reference, not the plan itself.
    support_plan_reference = models.CharField(_("支援計画の参照"), max_length=100, blank=True)
    consent = models.ForeignKey(
        "referrals.Consent",
        verbose_name=_("情報共有の根拠"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    logged = models.BooleanField(
        _("外部でのつなぎの記録"),
        default=False,
        help_text=_("電話・FAX・紙の紹介票でつないだものを記録した紹介"),
    )
    external_channel = models.CharField(
        _("つないだ方法"), max_length=10, choices=ExternalChannel.choices, blank=True
    )
    idempotency_key = models.UUIDField(
        _("二重送信防止キー"), null=True, unique=True, editable=False
    )

    status = models.CharField(
        _("状態"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    decline_reason = models.CharField(
        _("お断りの理由"), max_length=30, choices=DeclineReason.choices, blank=True
    )
    close_reason = models.CharField(
        _("終了の理由"), max_length=30, choices=CloseReason.choices, blank=True
    )
    cancel_reason = models.CharField(
        _("取り消しの理由"), max_length=30, choices=CancelReason.choices, blank=True
    )
    outcome = models.CharField(_("結果"), max_length=30, choices=Outcome.choices, blank=True)
    appointment_at = models.DateTimeField(_("初回の予定日時"), null=True, blank=True)

    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)
    sent_at = models.DateTimeField(_("送信日時"), null=True, blank=True)
    first_response_at = models.DateTimeField(_("最初の返事の日時"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("受け入れ日時"), null=True, blank=True)
    declined_at = models.DateTimeField(_("お断り日時"), null=True, blank=True)
    started_at = models.DateTimeField(_("支援開始日時"), null=True, blank=True)
    completed_at = models.DateTimeField(_("完了日時"), null=True, blank=True)
    closed_at = models.DateTimeField(_("終了日時"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("取り消し日時"), null=True, blank=True)
    # When it reached a terminal status: the start of the retention period.
    finished_at = models.DateTimeField(_("終結日時"), null=True, blank=True)
    # Set by the sending side (``provider_link_revoke``): every provider link stops working.
    link_revoked_at = models.DateTimeField(_("リンクの無効化日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("紹介")
        verbose_name_plural = _("紹介")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["organization", "status"], name="referrals_org_status"),
            models.Index(fields=["agency", "status"], name="referrals_agency_status"),
            # The dashboard's period filter (dashboard/filters.py) is on the send date.
            models.Index(fields=["sent_at"], name="referrals_sent_at"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def response_time(self) -> timedelta | None:
        """Sent → the provider's first answer (accepted or declined)."""
        if self.sent_at is None or self.first_response_at is None:
            return None
        return self.first_response_at - self.sent_at


class ReferralEvent(ImmutableModel):
    """One step of the timeline: who moved the referral from which status to which, and why."""

    referral = models.ForeignKey(
        Referral, verbose_name=_("紹介"), on_delete=models.PROTECT, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作した人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_kind = models.CharField(
        _("操作の種類"), max_length=20, choices=ActorKind.choices, default=ActorKind.USER
    )
    at = models.DateTimeField(_("日時"), db_index=True)
    from_status = models.CharField(_("変更前"), max_length=20, choices=Status.choices)
    to_status = models.CharField(_("変更後"), max_length=20, choices=Status.choices)
    action = models.CharField(_("操作"), max_length=20, choices=Action.choices)
    note = EncryptedTextField(_("メモ"), blank=True)
    reason_code = models.CharField(_("理由コード"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("紹介の記録")
        verbose_name_plural = _("紹介の記録")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.referral_id}: {self.from_status} → {self.to_status}"


class ReferralReminder(models.Model):
    """A reminder or escalation already sent; one of each kind per referral (idempotency)."""

    class Kind(models.TextChoices):
        REMINDER = "reminder", _("督促")
        ESCALATION = "escalation", _("紹介元への連絡")

    referral = models.ForeignKey(
        Referral, verbose_name=_("紹介"), on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(_("種類"), max_length=20, choices=Kind.choices)
    sent_on = models.DateField(_("送った日"))
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("督促")
        verbose_name_plural = _("督促")
        constraints = [
            models.UniqueConstraint(fields=["referral", "kind"], name="referrals_remind_once")
        ]

    def __str__(self) -> str:
        return f"{self.referral_id} {self.kind} {self.sent_on}"


class Notification(models.Model):
    """In-app notice; its text is built from the kind and the referral code (no personal data)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("宛先"),
        on_delete=models.CASCADE,
        related_name="referral_notifications",
    )
    referral = models.ForeignKey(
        Referral, verbose_name=_("紹介"), on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("種類"), max_length=20, choices=NotificationKind.choices)
    created_at = models.DateTimeField(_("日時"), auto_now_add=True)
    read_at = models.DateTimeField(_("既読日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("お知らせ")
        verbose_name_plural = _("お知らせ")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="referrals_notif_unread")]

    def __str__(self) -> str:
        return f"{self.kind} {self.referral_id} → {self.user_id}"
