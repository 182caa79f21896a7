"""The home page: the root of the public site."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from directory.selectors import directory_home_context


class HomePage(Page):
    intro = models.TextField(_("はじめに"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["directory.DirectoryIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("トップページ")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(directory_home_context())
        return context
