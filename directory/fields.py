"""A multiple-choice field stored as a JSON list.

Wagtail revisions serialise it as plain JSON and the editor shows checkboxes; the search
indexers read the list as it is. ``choices_enum`` is a ``TextChoices`` class.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class ChoiceListField(models.JSONField):
    def __init__(self, *args, choices_enum=None, **kwargs):
        self.choices_enum = choices_enum
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["choices_enum"] = self.choices_enum
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=self.choices_enum.choices,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=kwargs.get("label", self.verbose_name),
            help_text=self.help_text,
        )

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        allowed = set(self.choices_enum.values)
        unknown = [v for v in value or [] if v not in allowed]
        if unknown:
            raise ValidationError(
                gettext("選べない値が含まれています: %(values)s") % {"values": ", ".join(unknown)}
            )


def choice_labels(choices_enum, values) -> list[str]:
    """Display labels of stored values, in the active language, unknown values as they are."""
    mapping = dict(choices_enum.choices)
    return [str(mapping.get(v, v)) for v in values or []]


def reading_field() -> models.CharField:
    """よみがな (名称_カナ) of a name: sorts lists in 50音順; suggested when left empty."""
    return models.CharField(
        _("よみがな"),
        max_length=255,
        blank=True,
        help_text=_("カタカナで入力します。空のまま保存すると名前から自動で入ります（直せます）"),
    )
