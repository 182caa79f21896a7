"""An agency's shared lists of favourite services (よく使う支援のリスト).

A list belongs to an agency, not to a worker: every worker of the agency sees and edits it,
and no other agency sees it. It names services only, never a client.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FavouriteList(models.Model):
    agency = models.ForeignKey(
        "referrals.Agency",
        verbose_name=_("機関"),
        on_delete=models.CASCADE,
        related_name="favourite_lists",
    )
    name = models.CharField(_("リストの名前"), max_length=100)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("作った人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("よく使う支援のリスト")
        verbose_name_plural = _("よく使う支援のリスト")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class FavouriteItem(models.Model):
    favourite_list = models.ForeignKey(
        FavouriteList, verbose_name=_("リスト"), on_delete=models.CASCADE, related_name="items"
    )
    service = models.ForeignKey(
        "directory.ServicePage",
        verbose_name=_("支援サービス"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    added_at = models.DateTimeField(_("追加日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("リストの支援")
        verbose_name_plural = _("リストの支援")
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["favourite_list", "service"], name="referrals_favourite_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.favourite_list} / {self.service_id}"
