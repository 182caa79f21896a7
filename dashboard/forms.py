from django import forms
from django.utils.translation import gettext_lazy as _


class PopulationUploadForm(forms.Form):
    file = forms.FileField(
        label=_("人口のCSV"),
        help_text=_(
            "列: municipality_code, population, year, source（出典）。今の表を置き換えます。"
        ),
    )
