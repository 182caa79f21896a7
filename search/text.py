"""The one Japanese text normaliser, shared by indexing and querying in both search backends.

Both backends must turn text into terms the same way, or a query stops finding what was indexed,
so everything that folds, splits or expands text lives here and nowhere else.

Choices, each tested in ``tests/search/test_text.py``:

* NFKC (full/half width), lower case, katakana folded to hiragana, small kana folded to normal kana
  (``ぁ→あ``, ``っ→つ``, ``ヵ→か``, ``ヶ→け``), so spelling variants written in a different script or
  width meet.
* Every long-vowel mark 長音符 (``ー``, and a dash, minus or wave dash written right after kana) is
  dropped, not only a trailing one. Dropping all of them makes ``コンピューター``/``コンピュータ``
  and ``フードバンク``/``ふどばんく`` meet, and unlike Lucene's word-final rule it keeps the recall
  property: any substring of indexed text still finds it. The price is rare collisions such as
  ``ビール``/``ビル``.
* Punctuation and symbols (``・「」（）、。``) become spaces; runs of space collapse to one.
* A few kanji/okurigana spelling variants 表記ゆれ (``VARIANTS``) fold to one kana spelling.
* Terms: Latin/digit runs are kept whole (``npo``, ``dv``); CJK/kana runs become overlapping
  bigrams. The index also holds the last character of every CJK run on its own, so every character
  of the text starts some indexed term, and a one-character query can be matched as a *prefix* of
  an indexed term (``QueryWord.prefix_grams``) without indexing every unigram.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = [
    "DEFAULT_SYNONYMS",
    "VARIANTS",
    "QueryWord",
    "SynonymSet",
    "bigrams",
    "expand",
    "highlight",
    "is_cjk_char",
    "normalize",
]

# --- tables -----------------------------------------------------------------------------------

# Spelling variants 表記ゆれ: variant -> canonical spelling. Keys and values pass through the same
# folding as the text before use, so katakana or full-width forms of a key hit too. Keep this
# small: anything that is a different word (児童 vs 子ども) belongs in the synonyms instead.
VARIANTS: dict[str, str] = {
    # children 子ども — the Children and Families Agency writes 子ども; older documents 子供.
    "子ども": "こども",
    "子供": "こども",
    # disability 障害 — 障がい and 障碍 are used by many municipalities for the same word.
    "障害": "しょうがい",
    "障がい": "しょうがい",
    "障碍": "しょうがい",
    # single parent ひとり親 (the term used by the 母子及び父子並びに寡婦福祉法 guidance)
    "一人親": "ひとりおや",
    "ひとり親": "ひとりおや",
    "独り親": "ひとりおや",
    # social withdrawal ひきこもり
    "引きこもり": "ひきこもり",
    "引き籠もり": "ひきこもり",
    "引き籠り": "ひきこもり",
    "引籠り": "ひきこもり",
    # okurigana variants common in service descriptions
    "申し込み": "もうしこみ",
    "申込み": "もうしこみ",
    "申込": "もうしこみ",
    "問い合わせ": "といあわせ",
    "問い合せ": "といあわせ",
    "問合わせ": "といあわせ",
    "問合せ": "といあわせ",
    "受け付け": "うけつけ",
    "受付け": "うけつけ",
    "受付": "うけつけ",
    "手続き": "てつづき",
    "手続": "てつづき",
    "貸し付け": "かしつけ",
    "貸付け": "かしつけ",
    "貸付": "かしつけ",
    "引っ越し": "ひっこし",
    "引越し": "ひっこし",
    "引越": "ひっこし",
    "寄附": "きふ",
    "寄付": "きふ",
}

# Equivalence groups for query expansion; the moderators' list (a model elsewhere) adds to these.
DEFAULT_SYNONYMS: list[list[str]] = [
    ["フードバンク", "食料", "食べ物", "食品", "食糧"],
    ["子ども食堂", "こども食堂", "地域食堂"],
    ["仕事", "就労", "就職", "求人", "ハローワーク"],
    # Not "loan": in English it is also 貸付 (緊急小口資金), not only 借金.
    ["借金", "債務", "多重債務", "ローン", "サラ金", "消費者金融"],
    # Not 家賃: rent is a matter of money (住居確保給付金), not another word for a home.
    ["住まい", "住居", "住宅", "アパート", "部屋探し"],
    ["子ども", "児童", "子育て"],
    ["高齢者", "お年寄り", "シニア", "老人"],
    ["外国人", "在留外国人", "外国籍", "多言語", "通訳", "外国ルーツ", "foreigner"],
    ["相談", "窓口", "相談窓口"],
    # Not シェルター: most shelters are for the homeless; a DV shelter says 暴力 or DV itself.
    ["DV", "暴力", "配偶者暴力", "ドメスティックバイオレンス"],
    ["こころ", "メンタル", "精神", "メンタルヘルス", "うつ", "うつ病", "死にたい"],
    ["ひきこもり", "不登校"],
    ["生活保護", "生保", "ナマポ"],
    ["法律", "弁護士", "法テラス", "司法書士"],
    ["お金", "生活費", "資金", "money"],
    ["病院", "医療", "診療所", "クリニック"],
    ["介護", "ケアマネ", "地域包括支援センター"],
    ["ひとり親", "母子家庭", "父子家庭", "シングルマザー"],
    ["障害", "障害者", "福祉サービス"],
    ["学習支援", "勉強", "学習", "無料塾", "高校受験"],
    ["自殺", "自死", "いのち", "死にたい"],
    ["ホームレス", "路上生活", "野宿", "ネットカフェ難民", "一時生活支援", "homeless"],
    # need words → the names of the services that answer them
    ["生活困窮", "困りごと", "自立相談", "生計困難", "生活困窮者自立支援"],
    ["依存症", "依存", "ギャンブル", "アルコール", "addiction"],
    ["作業所", "就労継続支援"],
    ["やりくり", "家計", "家計管理"],
    ["在留資格", "ビザ", "visa"],
    ["金銭管理", "お金の管理", "日常生活自立支援事業"],
    ["家賃補助", "住居確保給付金"],
]

_KANA = "\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff"  # not ゛゜・
# After NFKC: ー, hyphens U+2010-2015, minus, wave dash 〜, "~" (from ～) and "-" (from ｰ‐ etc.).
_LONG_VOWEL_AFTER_KANA = re.compile(f"(?<=[{_KANA}])[\u30fc\u2010-\u2015\u2212\u301c~\\-]+")
_KANA_CHAR = re.compile(f"[{_KANA}]")
_DASHES = frozenset("\u30fc\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u301c~-")
# Python's \w is str.isalnum() plus "_": everything else (punctuation, symbols, space) separates.
_SEPARATORS = re.compile(r"[\W_]+")
_SEPARATOR = re.compile(r"[\W_]")
# Characters split into bigrams; everything else word-like is kept whole.
_CJK = (
    "\u3005-\u3007"  # 々〆〇
    "\u3040-\u30ff"  # kana
    "\u31f0-\u31ff"  # small katakana extension
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # ideographs
    "\uac00-\ud7af"  # hangul syllables
    "\U00020000-\U0003134f"
)
_RUNS = re.compile(f"([{_CJK}]+)|([^{_CJK}\\s]+)")
_CJK_CHAR = re.compile(f"[{_CJK}]")
# Characters that join the preceding character under NFKC (half-width and combining (han)dakuten).
_JOINERS = frozenset("\uff9e\uff9f\u3099\u309a")


def _fold_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for code in range(0x30A1, 0x30F7):  # ァ..ヶ -> ぁ..ゖ
        table[code] = chr(code - 0x60)
    table[0x30FD] = "\u309d"  # ヽ -> ゝ
    table[0x30FE] = "\u309e"  # ヾ -> ゞ
    small = "ぁあぃいぅうぇえぉおっつゃやゅゆょよゎわゕかゖけ"
    for i in range(0, len(small), 2):
        table[ord(small[i])] = small[i + 1]
        table[ord(small[i]) + 0x60] = small[i + 1]  # the katakana form directly
    for small_kata, normal in zip(
        "ㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ", "くしすとぬはひふへほむらりるれろ", strict=True
    ):
        table[ord(small_kata)] = normal
    table[0x30FC] = None  # ー: dropped everywhere (see the module docstring)
    return table


_FOLD = _fold_table()
# str.translate looks a sequence up faster than a dict; code points past its end stay unchanged
# (the IndexError is a LookupError, which translate treats as "no mapping").
_FOLD_SEQUENCE: list[str | None] = [chr(code) for code in range(max(_FOLD) + 1)]
for _code, _folded in _FOLD.items():
    _FOLD_SEQUENCE[_code] = _folded


def _nfkc_unstable() -> re.Pattern[str]:
    """Runs of characters NFKC may change, with the character before them (they may compose).

    NFKC of a whole string is slow when anything in it changes (~0.1 ms for 500 characters of
    Japanese); normalising only these runs gives the same result at a fraction of the cost.
    Covers marks, conjoining jamo, every BMP character NFKC changes, and all astral characters.
    """
    ranges: list[list[int]] = []
    for code in range(0x10000):
        if 0xD800 <= code < 0xE000:
            continue
        char = chr(code)
        if (
            unicodedata.category(char)[0] == "M"
            or 0x1100 <= code < 0x1200
            or unicodedata.normalize("NFKC", char) != char
        ):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    ranges.append([0x10000, 0x10FFFF])
    members = "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )
    return re.compile(f".?[{members}]+", re.DOTALL)


_NFKC_UNSTABLE = _nfkc_unstable()


def _nfkc_run(match: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", match.group())


def _fold(text: str) -> str:
    """Everything except the spelling variants and separators, for building the variant table."""
    text = _NFKC_UNSTABLE.sub(_nfkc_run, text).lower()
    return _LONG_VOWEL_AFTER_KANA.sub("", text).translate(_FOLD_SEQUENCE)


def _compile_variants(variants: dict[str, str]) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    folded: dict[str, str] = {}
    for variant, canonical in variants.items():
        key, value = _fold(variant), _fold(canonical)
        if key != value:
            folded[key] = value
    if not folded:
        return None, folded
    alternatives = sorted(folded, key=len, reverse=True)  # longest first: 申込み before 申込
    return re.compile("|".join(map(re.escape, alternatives))), folded


_VARIANT_RE, _VARIANT_MAP = _compile_variants(VARIANTS)


def _replace_variant(match: re.Match[str]) -> str:
    return _VARIANT_MAP[match.group()]


# --- normalising ------------------------------------------------------------------------------


def _normalize_text(text: str) -> str:
    """``normalize`` without the per-word cache."""
    if text.isascii():  # English words, digits: only lower case and separators apply
        return _SEPARATORS.sub(" ", text.lower()).strip()
    text = _fold(text)
    if _VARIANT_RE is not None:
        text = _VARIANT_RE.sub(_replace_variant, text)
    return _SEPARATORS.sub(" ", text).strip()


# Normalising is per word: an ASCII space is a boundary no step looks across (NFKC never
# composes a space with a neighbour, it ends the context of a final sigma, it is not kana before
# a long-vowel mark, no spelling variant contains one, and it is a separator itself). So
# ``normalize("a b") == " ".join(filter(None, (normalize("a"), normalize("b"))))``, and the words
# are cached: names, category labels, English words and repeated sentences recur across a
# rebuild. Only words up to ``_CACHED_WORD_LEN`` characters are cached, so the caches stay small
# (a few tens of MB at worst) however unusual the text.
_WORD_CACHE_SIZE = 8192
_CACHED_WORD_LEN = 128
_normalize_word = functools.lru_cache(maxsize=_WORD_CACHE_SIZE)(_normalize_text)


def _normalize_any_word(word: str) -> str:
    return _normalize_word(word) if len(word) <= _CACHED_WORD_LEN else _normalize_text(word)


def normalize(text: str) -> str:
    """Fold ``text`` so that width, script and spelling variants of a word become one string."""
    words = text.split(" ")
    if len(words) == 1:
        return _normalize_any_word(text)
    normalize_word = (
        _normalize_word if max(map(len, words)) <= _CACHED_WORD_LEN else _normalize_any_word
    )
    return " ".join(filter(None, map(normalize_word, words)))


_CHAR_CACHE_SIZE = 20_000
_ATTACHES: dict[str, bool] = {}  # character → composes onto the one before it
_FOLDED: dict[str, str] = {}  # cluster → NFKC, lower case
_IS_KANA: dict[str, bool] = {}


def _attaches(ch: str) -> bool:
    return ch in _JOINERS or unicodedata.combining(ch) != 0


def _normalize_mapped(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``normalize`` that also returns, per output character, its span in ``text``.

    Slower than ``normalize`` (a Python loop per character), so only highlighting uses it.
    """
    folded: list[str] = []
    folded_spans: list[tuple[int, int]] = []
    # 1. NFKC + lower case per cluster (a character with the marks that compose onto it), then
    # 2. long-vowel marks after kana dropped and kana folded (both per character). Per-character
    # facts come from small caches: texts reuse a few thousand characters at most.
    attaches, folds, is_kana = _ATTACHES, _FOLDED, _IS_KANA
    start = 0
    n = len(text)
    after_kana = False
    while start < n:
        end = start + 1
        while end < n:
            mark = attaches.get(text[end])
            if mark is None:
                mark = attaches[text[end]] = _attaches(text[end])
            if not mark:
                break
            end += 1
        cluster = text[start:end]
        span = (start, end)
        start = end
        normalized = folds.get(cluster)
        if normalized is None:
            normalized = unicodedata.normalize("NFKC", cluster).lower()
            if len(folds) < _CHAR_CACHE_SIZE:
                folds[cluster] = normalized
        for ch in normalized:
            if after_kana and ch in _DASHES:
                continue
            kana = is_kana.get(ch)
            if kana is None:
                kana = is_kana[ch] = _KANA_CHAR.match(ch) is not None
            after_kana = kana
            for out in ch.translate(_FOLD):
                folded.append(out)
                folded_spans.append(span)
    # 3. Spelling variants: each replacement character maps to the whole replaced span.
    joined = "".join(folded)
    if _VARIANT_RE is not None:
        replaced: list[str] = []
        replaced_spans: list[tuple[int, int]] = []
        last = 0
        for match in _VARIANT_RE.finditer(joined):
            replaced.extend(joined[last : match.start()])
            replaced_spans.extend(folded_spans[last : match.start()])
            span = (folded_spans[match.start()][0], folded_spans[match.end() - 1][1])
            canonical = _VARIANT_MAP[match.group()]
            replaced.extend(canonical)
            replaced_spans.extend([span] * len(canonical))
            last = match.end()
        replaced.extend(joined[last:])
        replaced_spans.extend(folded_spans[last:])
        folded, folded_spans = replaced, replaced_spans
    # 4. Separators to one space, none at either end.
    out_chars: list[str] = []
    out_spans: list[tuple[int, int]] = []
    for ch, span in zip(folded, folded_spans, strict=True):
        if _SEPARATOR.match(ch):
            if out_chars and out_chars[-1] != " ":
                out_chars.append(" ")
                out_spans.append(span)
        else:
            out_chars.append(ch)
            out_spans.append(span)
    if out_chars and out_chars[-1] == " ":
        out_chars.pop()
        out_spans.pop()
    return "".join(out_chars), out_spans


# --- terms ------------------------------------------------------------------------------------


def _word_grams(word: str) -> list[str]:
    grams: list[str] = []
    for cjk, other in _RUNS.findall(word):
        if other:
            grams.append(other)
        elif len(cjk) == 1:
            grams.append(cjk)
        else:
            grams.extend([cjk[i : i + 2] for i in range(len(cjk) - 1)])
    return grams


def bigrams(text: str) -> list[str]:
    """Terms of ``text`` in order, repeats kept: Latin words whole, CJK runs as bigrams.

    A one-character CJK run yields that character.
    """
    grams: list[str] = []
    for word in normalize(text).split():
        grams.extend(_word_grams(word))
    return grams


@dataclass(frozen=True, slots=True)
class QueryWord:
    """One query word: an indexed text matches when it has every gram.

    When ``prefix`` is true (a query of one CJK character), a gram that is a lone CJK character
    matches any indexed term that starts with it (``prefix_grams``); the others, and every gram
    of a word found inside a longer query (家 in 家がない), must be equal (``exact_grams``).
    """

    text: str
    grams: tuple[str, ...]
    prefix: bool
    synonym: bool = False  # a synonym of the word typed: it scores SYNONYM_WEIGHTS
    need: bool = False  # a category the query's need word names (search.needs): NEED_WEIGHTS
    optional: bool = False  # a word that ranks but does not filter (words.is_optional)

    @property
    def exact_grams(self) -> tuple[str, ...]:
        return tuple(g for g in self.grams if not (self.prefix and is_cjk_char(g)))

    @property
    def prefix_grams(self) -> tuple[str, ...]:
        return tuple(g for g in self.grams if self.prefix and is_cjk_char(g))


def is_cjk_char(gram: str) -> bool:
    return len(gram) == 1 and _CJK_CHAR.match(gram) is not None


# --- synonyms ---------------------------------------------------------------------------------


class SynonymSet:
    """Equivalence groups of words, compared after ``normalize``.

    Build it once per request (or cache it) when the moderators' list is long; ``expand`` accepts
    raw groups too.
    """

    __slots__ = ("_alternatives", "_spellings")

    def __init__(self, groups: Iterable[Sequence[str]]) -> None:
        alternatives: dict[str, dict[str, None]] = {}
        self._spellings: dict[str, str] = {}
        for group in groups:
            members = []
            for word in group:
                member = normalize(word)
                if member:
                    members.append(member)
                    self._spellings.setdefault(member, word)
            for member in members:
                bucket = alternatives.setdefault(member, {})
                for other in members:
                    bucket[other] = None
        self._alternatives = {word: tuple(alts) for word, alts in alternatives.items()}

    def spelling(self, member: str) -> str:
        """A member as first written (the word analyser needs katakana and long vowels)."""
        return self._spellings.get(member, member)

    def expand(self, query_word: str) -> list[str]:
        """Normalised alternatives of ``query_word``, the word itself first."""
        word = normalize(query_word)
        if not word:
            return []
        result = {word: None}
        for alternative in self._alternatives.get(word, ()):
            result[alternative] = None
        return list(result)


def expand(query_word: str, synonyms: SynonymSet | Iterable[Sequence[str]]) -> list[str]:
    """Normalised alternatives of ``query_word`` (itself first), from groups of synonyms.

    A word matches a group only as a whole word (after normalisation), not as part of one.
    """
    synonym_set = synonyms if isinstance(synonyms, SynonymSet) else SynonymSet(synonyms)
    return synonym_set.expand(query_word)


# --- highlighting -----------------------------------------------------------------------------


def highlight(
    text: str,
    query_words: Sequence[str],
    *,
    max_len: int = 120,
    before: str = "<mark>",
    after: str = "</mark>",
) -> str:
    """An HTML snippet of the original ``text`` around the first match, matches wrapped.

    Matching is on normalised text, so ``ﾌｰﾄﾞ`` in the text is marked for a query ``ふーど``.
    Everything except ``before``/``after`` is escaped; pass synonym alternatives in
    ``query_words`` to mark them too.
    """
    needles = {part for word in query_words for part in normalize(word).split()}
    if needles:
        plain = normalize(text)
        if not any(needle in plain for needle in needles):
            needles = set()  # skip the slow mapping when nothing will be marked
    normalized, spans = _normalize_mapped(text) if needles else ("", [])
    intervals: list[tuple[int, int]] = []
    for needle in needles:
        position = normalized.find(needle)
        while position != -1:
            end = position + len(needle)
            intervals.append((spans[position][0], spans[end - 1][1]))
            position = normalized.find(needle, end)
    merged: list[list[int]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])

    window_start, window_end = 0, min(len(text), max_len)
    if merged and len(text) > max_len:
        first_start, first_end = merged[0]
        lead = max(0, (max_len - (first_end - first_start)) // 3)
        window_start = max(0, first_start - lead)
        window_end = min(len(text), window_start + max_len)
        window_start = max(0, window_end - max_len)

    pieces = ["…"] if window_start > 0 else []
    cursor = window_start
    for start, end in merged:
        start, end = max(start, window_start), min(end, window_end)
        if start >= end:
            continue
        pieces.append(html.escape(text[cursor:start]))
        pieces.append(before + html.escape(text[start:end]) + after)
        cursor = end
    pieces.append(html.escape(text[cursor:window_end]))
    if window_end < len(text):
        pieces.append("…")
    return "".join(pieces)
