"""The one rule for reading a translated field: ``<field>_en`` / ``<field>_easy``, else Japanese.

docs/i18n.md says why content is translated field by field and not as pages per locale.
"""

from django.utils.translation import get_language

# Site language → suffix of the translated fields; Japanese is the field itself.
TRANSLATION_SUFFIXES = {"en": "en", "ja-easy": "easy"}


def translation_suffix(language: str | None = None) -> str | None:
    """The field suffix of ``language`` (default: the active one); None for Japanese."""
    return TRANSLATION_SUFFIXES.get(language or get_language() or "ja")


def field_in_language(obj, field: str, *, language: str | None = None) -> str:
    """``obj.<field>`` in ``language``, falling back to the Japanese when blank or missing."""
    suffix = translation_suffix(language)
    translated = (getattr(obj, f"{field}_{suffix}", "") or "").strip() if suffix else ""
    return translated or getattr(obj, field)
