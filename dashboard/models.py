"""Population per municipality for "referrals per 100,000 inhabitants" (a coordinator's upload).

Without rows here the bundled table (dashboard/data/population.csv) is used.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Population(models.Model):
    municipality_code = models.CharField(_("市区町村コード"), max_length=6, unique=True)
    population = models.PositiveIntegerField(_("人口"))
    year = models.PositiveSmallIntegerField(_("年"))
    source = models.CharField(_("出典"), max_length=200)
    uploaded_at = models.DateTimeField(_("登録日時"), auto_now=True)

    class Meta:
        verbose_name = _("人口")
        verbose_name_plural = _("人口")
        ordering = ["municipality_code"]

    def __str__(self) -> str:
        return f"{self.municipality_code}: {self.population}"
