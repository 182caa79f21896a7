"""A durable queue of index updates, so an Elasticsearch outage loses nothing."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexQueueEntry(models.Model):
    """One pending change for one service in one backend; removed once the backend has it."""

    class Action(models.TextChoices):
        INDEX = "index", _("登録・更新")
        DELETE = "delete", _("削除")

    backend = models.CharField(max_length=30)
    service_id = models.BigIntegerField(db_index=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("検索インデックスの更新待ち")
        verbose_name_plural = _("検索インデックスの更新待ち")
        ordering = ["pk"]
        indexes = [models.Index(fields=["backend", "id"])]

    def __str__(self) -> str:
        return f"{self.backend} {self.action} {self.service_id}"
