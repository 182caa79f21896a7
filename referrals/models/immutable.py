"""Append-only rows: the referral timeline and the access log are records, never edited."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class ImmutableRecordError(Exception):
    pass


class ImmutableQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise ImmutableRecordError(_("この記録は変更できません"))

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ImmutableRecordError(_("この記録は削除できません"))

    def redact(self, **blank_values: Any) -> int:
        """Blank free-text columns for the retention rule (anonymisation), nothing else."""
        return super().update(**blank_values)


class ImmutableModel(models.Model):
    objects = ImmutableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableRecordError(_("この記録は変更できません"))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ImmutableRecordError(_("この記録は削除できません"))
