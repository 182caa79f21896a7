"""Searches a staff member keeps (place + filters) to run again from their home page."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SavedSearch(models.Model):
    """The query string of ``/search/``, trimmed to the parameters that describe a search
    (``search.saved.saved_query``): rerunning it is a link, nothing is stored twice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(_("名前"), max_length=100)
    query = models.CharField(max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("保存した検索")
        verbose_name_plural = _("保存した検索")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name
