"""Dictionary words of Japanese text: SudachiPy with ``sudachidict-core``, nothing else.

Folding (width, script, spelling variants) stays in ``search.text``, the one normaliser: every
term here is a morpheme passed through ``normalize``. Both backends index ``index_terms`` and
search ``parse_query``, so they match the same services.

Mode C (the longest units: 生活保護, 給付金) is the word; its mode A parts (生活, 保護) are indexed
too, so a query for a part finds the compound. ``normalized_form`` folds 表記ゆれ (子ども/子供,
引きこもり/引き籠もり); ``reading_form`` lets a kana query meet kanji text (しゃっきん → 借金).

The tokenizer is not thread-safe, so each thread (and each rebuild worker process) makes its own
from the one loaded dictionary.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sudachipy import Dictionary, SplitMode

from search.text import QueryWord, SynonymSet, is_cjk_char, normalize

if TYPE_CHECKING:
    from search.needs import Need, NeedSet

__all__ = [
    "Morpheme",
    "index_terms",
    "morphemes",
    "category_terms",
    "content_terms",
    "name_start_query",
    "is_optional",
    "need_words",
    "name_start_terms",
    "parse_query",
    "query_terms",
]

# Parts of speech that never carry the meaning of a search: particles, auxiliaries, symbols,
# blanks and prefixes (お住まい, ご相談).
SKIPPED_POS = frozenset({"助詞", "助動詞", "補助記号", "記号", "空白", "接頭辞"})
# What a query keeps when it has any: the nouns (家賃が払えない → 家賃). Its other words only
# rank (``QueryWord.optional``), except these, which say nothing of a need (dictionary forms).
NOUN_POS = frozenset({"名詞", "代名詞", "形状詞"})
GENERAL_WORDS = frozenset(
    {
        "為る",
        "有る",
        "居る",
        "成る",
        "無い",
        "欲しい",
        "出来る",
        "呉れる",
        "貰う",
        "良い",
        "言う",
        "思う",
    }
)

_local = threading.local()


@functools.cache
def _dictionary() -> Dictionary:
    return Dictionary(dict="core")


@functools.cache
def _pos(pos_id: int) -> str:
    """The part of speech (its first level) of a dictionary POS id: a few hundred ids, each
    looked up once instead of building the six-level tuple for every morpheme."""
    return _dictionary().pos_of(pos_id)[0]


def _tokenizer():
    tokenizer = getattr(_local, "tokenizer", None)
    if tokenizer is None:
        tokenizer = _local.tokenizer = _dictionary().create(SplitMode.C)
    return tokenizer


@dataclass(frozen=True, slots=True)
class Morpheme:
    """One mode C word: as written, its dictionary form, reading, part of speech and parts."""

    surface: str
    normalized: str
    reading: str
    pos: str
    oov: bool
    parts: tuple[str, ...]  # normalised forms of the mode A parts, when there are several

    @property
    def skipped(self) -> bool:
        return self.pos in SKIPPED_POS

    @property
    def noun(self) -> bool:
        return self.pos in NOUN_POS


@functools.lru_cache(maxsize=16384)
def morphemes(text: str) -> tuple[Morpheme, ...]:
    """The mode C morphemes of ``text`` (cached: names and sentences recur across a rebuild)."""
    if not text.strip():
        return ()
    result = []
    for m in _tokenizer().tokenize(text):
        surface = m.surface()
        # One character has no parts: no split to ask for (a rebuild's most common morpheme).
        parts = m.split(SplitMode.A) if len(surface) > 1 else ()
        # Latin words keep their spelling: the dictionary turns "debt" into デット.
        normalized = surface if surface.isascii() else m.normalized_form()
        result.append(
            Morpheme(
                surface=surface,
                normalized=normalized,
                reading=m.reading_form(),
                pos=_pos(m.part_of_speech_id()),
                oov=m.is_oov(),
                parts=tuple(p.normalized_form() for p in parts) if len(parts) > 1 else (),
            )
        )
    return tuple(result)


# --- index terms and query words -------------------------------------------------------------
# Term kinds share one keyword field per document field; a mark that ``normalize`` never leaves
# in a word (it turns every symbol into a separator) keeps them apart.
READING = "~"  # a reading in hiragana (借金 → ~しやつきん); two adjacent words' readings joined too
GRAM = "%"  # a bigram of a word the dictionary does not know (the fallback)
# A name, or its leading part up to a space or bracket, folded and without spaces
# (^ふどばんく, ^ふどばんく食品の無料配布): a query equal to one gets ``contract.NAME_START_BOOST``.
# Cut to a length every backend stores whole.
NAME_START = "^"
MAX_NAME_START = 64
# A category code of the service, in the context field (#food-bank): what a need matches
# (``search.needs``). Codes are ASCII slugs; ``normalize`` never leaves "#" in a word.
CATEGORY = "#"

_KANA_ONLY = re.compile("[\u3041-\u309f]+")
_CJK_ONLY = re.compile("[\u3005\u3041-\u309f\u4e00-\u9fff]+")


@functools.lru_cache(maxsize=65536)
def _term(word: str) -> str:
    """A word as an index term (cached: a directory's vocabulary is small, its texts are not)."""
    return normalize(word).replace(" ", "")


def _grams(word: str) -> list[str]:
    if word.isascii():
        return []
    if len(word) == 1:
        return [GRAM + word]
    return [GRAM + word[i : i + 2] for i in range(len(word) - 1)]


@functools.lru_cache(maxsize=16384)
def _chunk_terms(chunk: str) -> tuple[str, ...]:
    terms: dict[str, None] = {}
    previous_reading = ""
    prefix = ""
    for m in morphemes(chunk):
        if m.skipped:
            previous_reading = ""
            prefix = m.surface if m.pos == "接頭辞" else ""
            continue
        word = _term(m.normalized)
        if not word:
            continue
        terms[word] = None
        if prefix:  # お金: see _with_prefix
            terms[_term(prefix + m.normalized)] = None
            prefix = ""
        for part in m.parts:
            terms[_term(part)] = None
        if m.surface.isascii():
            previous_reading = ""
            continue
        reading = _term(m.reading)
        terms[READING + reading] = None
        if previous_reading:
            terms[READING + previous_reading + reading] = None
        previous_reading = reading
        if m.oov:
            terms.update(dict.fromkeys(_grams(word)))
    terms.pop("", None)
    return tuple(terms)


def index_terms(text: str) -> list[str]:
    """Unique terms to store for ``text``: its words, their parts and readings.

    A word the dictionary does not know adds its bigrams (``GRAM``) as a fallback.
    """
    chunks = [c for c in _CHUNKS.split(text) if c]
    if len(chunks) == 1:
        return list(_chunk_terms(chunks[0]))
    terms: dict[str, None] = {}
    for chunk in chunks:
        terms.update(dict.fromkeys(_chunk_terms(chunk)))
    return list(terms)


def name_start_terms(*names: str) -> list[str]:
    """The ``NAME_START`` terms of each name (the title, its other names), for the name field.

    フードバンク 食品の無料配布 gives ^ふどばんく and ^ふどばんく食品の無料配布, not ^ふど: a name that
    merely starts with the query's characters (見守り付き住宅 for 見守り) is not named by it.
    """
    terms: dict[str, None] = {}
    for name in names:
        head = ""
        for segment in normalize(name).split():
            head += segment
            if len(head) > MAX_NAME_START:
                break
            terms[NAME_START + head] = None
    return list(terms)


def category_terms(codes: Iterable[str]) -> list[str]:
    """The ``CATEGORY`` terms of a service's category codes (its terms and their parents)."""
    return [CATEGORY + code for code in sorted(set(codes))]


def content_terms(text: str) -> list[tuple[int, int, str]]:
    """(chunk, morpheme, term) of every word of ``text`` but particles, auxiliaries, symbols and
    prefixes, in order: what a need word (``search.needs``) is compared with, on both sides."""
    result = []
    for c, chunk in enumerate(c for c in _CHUNKS.split(text) if c):
        for i, m in enumerate(morphemes(chunk)):
            if not m.skipped and (term := _term(m.normalized)):
                result.append((c, i, term))
    return result


def is_optional(alternatives: Sequence[QueryWord]) -> bool:
    """Whether a query item only ranks (a verb beside the query's nouns), never filters."""
    return all(a.optional for a in alternatives)


def need_words(alternatives: Sequence[QueryWord]) -> bool:
    """Whether a query item names a need (has a category among its alternatives)."""
    return any(a.need for a in alternatives)


def name_start_query(text: str) -> str | None:
    """The ``NAME_START`` term a service named by the whole query has (None: none can)."""
    whole = _term(text)
    if not whole or len(whole) > MAX_NAME_START:
        return None
    return NAME_START + whole


# Sentences are analysed one by one (cached: the same sentence recurs across services).
_CHUNKS = re.compile(r"[\s。！？!?]+")


def _with_prefix(prefix: Morpheme, m: Morpheme) -> Morpheme:
    """お金 as one word (金 alone is another word); お住まい also finds 住まい (its part)."""
    return Morpheme(
        surface=prefix.surface + m.surface,
        normalized=prefix.surface + m.normalized,
        reading=prefix.reading + m.reading,
        pos=m.pos,
        oov=False,
        parts=(m.normalized,) if len(_term(m.normalized)) > 1 else (),
    )


def _keys(chunk: str) -> list[tuple[int, Morpheme]]:
    """What a query chunk asks for, with each word's place in ``morphemes(chunk)``: its nouns
    when it has any, else its other content words."""
    content: list[tuple[int, Morpheme]] = []
    previous: Morpheme | None = None
    for i, m in enumerate(morphemes(chunk)):
        if not m.skipped and _term(m.normalized):
            content.append((i, _with_prefix(previous, m) if previous is not None else m))
        previous = m if m.pos == "接頭辞" else None
    nouns = [(i, m) for i, m in content if m.noun]
    return nouns or content


def _key_morphemes(chunk: str) -> list[Morpheme]:
    return [m for _, m in _keys(chunk)]


def _query_word(shown: str, terms: Sequence[str], *, synonym: bool = False) -> QueryWord:
    unique = tuple(dict.fromkeys(t for t in terms if t))
    prefix = any(is_cjk_char(t) for t in unique)
    return QueryWord(text=shown, grams=unique, prefix=prefix, synonym=synonym)


def _phrase(member: str, *, synonym: bool = False) -> QueryWord | None:
    """A synonym (or a whole chunk) as one alternative: all its words, anywhere in the field."""
    keys = _key_morphemes(member)
    if not keys:
        return None
    return _query_word(normalize(member), [_term(m.normalized) for m in keys], synonym=synonym)


def _word_alternatives(m: Morpheme, synonyms: SynonymSet) -> list[QueryWord]:
    shown = normalize(m.surface)
    word = _term(m.normalized)
    alternatives = [_query_word(shown, [word])]
    parts = [_term(part) for part in m.parts]
    # The parts anywhere in the field, when each is a word of its own: a one-character part
    # (お金 → 御 金, 給付金 → 給付 金) matches all over the text.
    if parts and all(len(part) > 1 for part in parts):
        alternatives.append(_query_word(shown, parts))
    if m.oov and not m.surface.isascii():
        alternatives.append(_query_word(shown, _grams(word)))
    for key in dict.fromkeys((shown.replace(" ", ""), word)):
        for member in synonyms.expand(key)[1:]:
            phrase = _phrase(synonyms.spelling(member), synonym=True)
            if phrase is not None:
                alternatives.append(phrase)
    return alternatives


def parse_query(
    text: str,
    *,
    synonyms: SynonymSet | Iterable[Sequence[str]] = (),
    needs: NeedSet | None = None,
) -> list[tuple[QueryWord, ...]]:
    """The whole query contract: AND over the list, OR over each tuple of alternatives.

    Each key word of the query (see ``_keys``) is one item; a chunk that is itself in a
    synonym group is one item, its members the alternatives. Synonyms match whole words only.
    A chunk written in kana alone may also be a reading (しゃっきん finds 借金). A need word in
    the query (``search.needs``) adds its categories to the items it covers, or to every item
    of its chunks when it covers none (食べられない in ご飯が食べられない).
    """
    synonym_set = synonyms if isinstance(synonyms, SynonymSet) else SynonymSet(synonyms)
    found_needs = needs.find(text) if needs is not None else []
    result: list[tuple[QueryWord, ...]] = []
    for c, chunk in enumerate(c for c in _CHUNKS.split(text) if c):
        items = _chunk_items(chunk, synonym_set)
        if found_needs:
            items = _with_needs(items, [n for n in found_needs if n.chunks & {c}], chunk=c)
        result.extend(alternatives for alternatives, _ in items)
    return result


# One query item and the place of its word in ``morphemes(chunk)`` (None: the whole chunk).
_Item = tuple[tuple[QueryWord, ...], int | None]


def _with_needs(items: list[_Item], needs: list[Need], *, chunk: int) -> list[_Item]:
    """The items of one chunk, a need's categories added to each item it covers."""
    if not needs:
        return items
    covered = [
        (alternatives, i)
        for alternatives, i in items
        if not is_optional(alternatives) and (i is None or _covers(needs, chunk, i))
    ]
    result = []
    for alternatives, i in items:
        if is_optional(alternatives):  # a word that only ranks answers no need
            result.append((alternatives, i))
            continue
        applying = (
            needs if not covered or i is None else [n for n in needs if (chunk, i) in n.positions]
        )
        extra = [a for need in applying for a in need.alternatives]
        result.append((tuple(dict.fromkeys([*alternatives, *extra])), i))
    return result


def _covers(needs: list[Need], chunk: int, index: int) -> bool:
    return any((chunk, index) in need.positions for need in needs)


def _chunk_items(chunk: str, synonym_set: SynonymSet) -> list[_Item]:
    normalized = normalize(chunk)
    if not normalized:
        return []
    whole = normalized.replace(" ", "")
    kana = [_query_word(whole, [whole]), _query_word(whole, [READING + whole])]
    if not _KANA_ONLY.fullmatch(whole):
        kana = []
    group = synonym_set.expand(normalized)
    if len(group) > 1:
        spelled = synonym_set.spelling(normalized)
        first = _phrase(spelled if spelled != normalized else chunk)
        others = (_phrase(synonym_set.spelling(m), synonym=True) for m in group[1:])
        phrases = [first, *others]
        found = [p for p in phrases if p is not None]
        if found:
            return [(tuple(dict.fromkeys([*found, *kana])), None)]
    keys = _keys(chunk)
    if kana:
        # Kana alone is cut unreliably (しゃっきん → しゃっ きん): the whole counts as a word or
        # as the reading of one or two adjacent words (ふーどばんく → フード バンク), or all
        # its pieces, particles aside, not only its nouns.
        content = [m for m in morphemes(chunk) if not m.skipped and _term(m.normalized)]
        if content:  # the same kana in the text is cut the same way (おすそわけ)
            kana.append(_query_word(whole, [_term(m.normalized) for m in content]))
        if len(content) == 1:  # one word in kana has the synonyms of that word (しごと: 就労)
            kana.extend(a for a in _word_alternatives(content[0], synonym_set) if a.synonym)
        return [(tuple(dict.fromkeys(kana)), None)]
    if not keys:
        return [((_query_word(whole, [whole]),), None)]
    # The dictionary may cut the chunk alone differently than inside a sentence (依存症 →
    # 依存 症): each item also accepts the chunk as one word.
    whole_word = [_query_word(whole, [_term(chunk)])] if len(keys) > 1 or keys[0][1].parts else []
    # Lone characters and nothing else (食, 無低診) may be the starts of words.
    abbreviation = all(len(_term(m.surface)) == 1 for m in morphemes(chunk))
    if len(whole) == 3 and len(morphemes(chunk)) > 1 and _CJK_ONLY.fullmatch(whole):
        # Three characters the dictionary cuts may be an abbreviation (無低診): every
        # character starts a word of the field.
        whole_word.append(QueryWord(text=whole, grams=tuple(dict.fromkeys(whole)), prefix=True))
    items: list[_Item] = []
    for i, m in keys:
        alternatives = [*_word_alternatives(m, synonym_set), *whole_word]
        if not abbreviation:  # 家 in 家がない is the word 家, not the start of 家族
            alternatives = [
                a if a in whole_word else replace(a, prefix=False) for a in alternatives
            ]
        items.append((tuple(dict.fromkeys(alternatives)), i))
    # The other content words (届ける in 食べ物を届けてほしい) rank but do not filter.
    key_places = {i for i, _ in keys}
    for i, m in enumerate(morphemes(chunk)):
        if i in key_places or m.skipped or m.normalized in GENERAL_WORDS:
            continue
        word = _term(m.normalized)
        if word and not (len(word) == 1 and not is_cjk_char(word)):
            items.append(
                (
                    (
                        QueryWord(
                            text=normalize(m.surface), grams=(word,), prefix=False, optional=True
                        ),
                    ),
                    i,
                )
            )
    return items


def query_terms(text: str) -> list[QueryWord]:
    """The first alternative of every query item that filters (the words as typed, without
    synonyms or the words that only rank)."""
    return [a[0] for a in parse_query(text) if not is_optional(a)]
