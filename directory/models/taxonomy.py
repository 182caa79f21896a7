"""HSDS taxonomy and taxonomy_term, as snippets moderators edit in the admin."""

import re
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from directory.models.translated import field_in_language


def split_words(text: str) -> list[str]:
    """Words a moderator typed in one box, separated by 、 , ， or new lines."""
    return [w.strip() for w in re.split(r"[、,，\n]", text) if w.strip()]


class Taxonomy(index.Indexed, models.Model):
    """A vocabulary, e.g. つなぐ's resource categories (HSDS taxonomy)."""

    hsds_id = models.UUIDField(_("HSDS ID"), default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("名前"), max_length=200)
    description = models.TextField(_("説明"), blank=True)
    uri = models.URLField(_("URI"), blank=True)
    version = models.CharField(_("版"), max_length=50, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("uri"),
        FieldPanel("version"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("分類体系")
        verbose_name_plural = _("分類体系")

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(index.Indexed, models.Model):
    """A term such as 食料支援; the public category pages are its top-level terms."""

    hsds_id = models.UUIDField(_("HSDS ID"), default=uuid.uuid4, unique=True, editable=False)
    taxonomy = models.ForeignKey(
        Taxonomy, verbose_name=_("分類体系"), on_delete=models.PROTECT, related_name="terms"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("親の分類"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    code = models.SlugField(
        _("コード"), max_length=80, unique=True, help_text=_("URLに使う英数字（例: food）")
    )
    name = models.CharField(_("名前"), max_length=200)
    name_en = models.CharField(_("名前（英語）"), max_length=200, blank=True)
    name_easy = models.CharField(_("名前（やさしい日本語）"), max_length=200, blank=True)
    description = models.TextField(_("説明"), blank=True)
    sort_order = models.PositiveIntegerField(_("並び順"), default=0)
    # The words residents and workers type for this kind of help (211 taxonomies call them use
    # references): a query holding one finds every service of the term. Built-in ones are in
    # directory.categories.SEARCH_WORDS; search.needs reads both.
    search_words = models.TextField(
        _("探すときのことば"),
        blank=True,
        help_text=_(
            "この分類のサービスを、相談に来る人や支援員はこんなことばで探します。"
            "ここに入れたことばで検索すると、この分類のサービスがすべて見つかります。"
            "読点（、）、カンマ、または改行で区切ります。例: 食べ物がない、お腹がすいた"
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("taxonomy"),
        FieldPanel("parent"),
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("name_easy"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
        FieldPanel("search_words"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("description"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        verbose_name = _("分類")
        verbose_name_plural = _("分類")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        """The name in the visitor's language, falling back to Japanese."""
        return field_in_language(self, "name")

    def search_word_list(self) -> list[str]:
        """The moderators' search words, one per item."""
        return split_words(self.search_words)

    def display_name_in(self, language: str | None) -> str:
        """The name in ``language``, falling back to Japanese."""
        return field_in_language(self, "name", language=language)
