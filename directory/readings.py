"""Readings (よみがな, the standard open data's 名称_カナ) of names, suggested by SudachiPy.

Lists are sorted in 50音順 by reading, which no code-point order of kanji gives. The
morphological analyser only suggests: a reading stays editable, and a filled one is never
replaced. The dictionary loads once per process, on first use (about a quarter second).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

# Tokens that are punctuation or spaces: SudachiPy reads them as 「キゴウ」.
_SILENT_POS = {"補助記号", "空白"}
_HIRAGANA = re.compile(r"[\u3041-\u3096]")


@functools.cache
def _tokenizer() -> Any:
    # SudachiPy and its dictionary are large: imported only where a reading is made.
    from sudachipy import Dictionary, SplitMode

    return Dictionary(dict="core").create(mode=SplitMode.C)


def to_katakana(text: str) -> str:
    """Hiragana → katakana, half width → full width; other characters unchanged."""
    text = unicodedata.normalize("NFKC", text)
    return _HIRAGANA.sub(lambda m: chr(ord(m.group()) + 0x60), text)


def suggest_reading(name: str) -> str:
    """The katakana reading of ``name`` (numbers and Latin letters as the analyser reads them)."""
    name = unicodedata.normalize("NFKC", name or "").strip()
    if not name:
        return ""
    parts = []
    for morpheme in _tokenizer().tokenize(name):
        part_of_speech = morpheme.part_of_speech()
        if part_of_speech[0] in _SILENT_POS:
            continue
        if part_of_speech[1] == "数詞" and morpheme.surface().isdigit():
            parts.append(morpheme.surface())
        else:
            parts.append(morpheme.reading_form())
    return to_katakana("".join(parts))


def reading_or_suggestion(*, reading: str, name: str) -> str:
    """The reading as entered (in katakana), or the suggestion when it is empty."""
    reading = to_katakana(reading or "").strip()
    return reading or suggest_reading(name)
