"""``{{ phone|in_language:"description" }}``: a translated field in the visitor's language.

The rule lives in ``directory.models.translated.field_in_language`` (blank → the Japanese);
this filter only lets templates ask it for rows they loop over (phones, places, certifications).
"""

from django import template

from directory.models.translated import field_in_language

register = template.Library()


@register.filter
def in_language(obj, field: str) -> str:
    """``obj.<field>`` in the active language, or the Japanese when not translated."""
    return field_in_language(obj, field) or ""
