"""Synonyms moderators edit in the admin; both backends expand queries with them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from directory.models.taxonomy import split_words


class SynonymGroup(models.Model):
    """Words that mean the same to a person searching (フードバンク ⇔ 食料 ⇔ 食べ物 ⇔ 食品)."""

    terms = models.TextField(
        _("同じ意味のことば"),
        help_text=_(
            "読点（、）、カンマ、または改行で区切ります。例: フードバンク、食料、食べ物、食品"
        ),
    )
    note = models.CharField(_("メモ"), max_length=255, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [FieldPanel("terms"), FieldPanel("note")]

    class Meta:
        verbose_name = _("同義語")
        verbose_name_plural = _("同義語")
        ordering = ["pk"]

    def __str__(self) -> str:
        return "、".join(self.term_list())

    def term_list(self) -> list[str]:
        return split_words(self.terms)

    def clean(self) -> None:
        super().clean()
        if len(self.term_list()) < 2:
            raise ValidationError({"terms": _("2つ以上のことばを入力してください")})
