"""Reading text files whatever encoding a municipality's PC saved them in.

UTF-8 (with or without BOM) is read as is; otherwise Shift_JIS (as CP932, Windows' superset
with ①, ㈱ and NEC/IBM extensions) and the other common encodings are tried, with
charset-normalizer breaking ties. A conversion is reported as a warning, so the person knows;
a file nothing can read is an error that says what to do.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes
from django.utils.translation import gettext as _

from directory.hsds.problems import Report

_JAPANESE = ("cp932", "shift_jis", "euc_jp", "iso2022_jp", "shift_jis_2004", "euc_jis_2004")


def decode(data: bytes, *, file: str, report: Report) -> str | None:
    """The text of ``data``, or None after reporting why it cannot be read."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _converted(data.decode("utf-16"), "UTF-16", file=file, report=report)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    guessed = (best.encoding if best else "").lower()
    candidates = ["cp932"] if not guessed or guessed in _JAPANESE else [guessed, "cp932"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        label = "Shift_JIS (CP932)" if encoding == "cp932" else encoding
        return _converted(text, label, file=file, report=report)
    report.error(
        file=file,
        where="",
        message=_(
            "文字コードを判別できませんでした。UTF-8 で保存し直してください"
            "（Excel なら「CSV UTF-8（コンマ区切り）」）"
        ),
    )
    return None


def _converted(text: str, label: str, *, file: str, report: Report) -> str:
    report.warn(
        file=file,
        where="",
        message=_("文字コード %(encoding)s のファイルとして読み、UTF-8 に変換しました")
        % {"encoding": label},
    )
    return text.lstrip("\ufeff")
