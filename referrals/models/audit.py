"""The access log: every read of a client's personal data (who, when, which record, why)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from referrals.models.immutable import ImmutableModel


class AccessLog(ImmutableModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("閲覧した人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept when the account is deleted later: the log must still say who it was.
    username = models.CharField(_("ユーザー名"), max_length=150)
    at = models.DateTimeField(_("日時"), auto_now_add=True, db_index=True)
    # Empty for exports of aggregate figures (the dashboard) and for a denied probe (someone
    # asked for a referral they may not see): no client read.
    client = models.ForeignKey(
        "referrals.Client",
        verbose_name=_("相談者"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="access_logs",
    )
    referral = models.ForeignKey(
        "referrals.Referral",
        verbose_name=_("紹介"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="access_logs",
    )
    # The screen or API that showed the data, e.g. "provider.inbox.detail", "api.referral.get".
    purpose = models.CharField(_("画面・API"), max_length=100)
    fields = models.JSONField(_("表示した項目"), default=list)
    basis = models.CharField(_("根拠"), max_length=30, blank=True)
    denied = models.BooleanField(_("拒否した要求"), default=False)

    class Meta:
        verbose_name = _("個人情報の閲覧記録")
        verbose_name_plural = _("個人情報の閲覧記録")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.username} {self.purpose} client #{self.client_id or '-'}"
