"""Need words: what people type for a kind of help, and the categories that give it.

A 211 taxonomy keeps "use references" beside each term: the words of the person asking
(今夜泊まるところ, お腹がすいた, 夫の暴力) rather than the name of the service (一時生活支援,
フードバンク, DV相談). Here a query that holds such a word finds every service of the category, on
top of what its words find, and those services score ``contract.NEED_WEIGHTS`` more; a query
word that the need covers is answered by the category as well as by the text.

A need word matches as consecutive dictionary words, particles and endings aside
(``words.content_terms`` on both sides): お腹すいた meets お腹がすいた, ローン never meets サロン.
Built-in words are ``directory.categories.SEARCH_WORDS``; moderators add theirs on the taxonomy
term (``TaxonomyTerm.search_words``). Both backends get them through ``search.synonyms``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from search.text import QueryWord, normalize
from search.words import CATEGORY, content_terms


@dataclass(frozen=True)
class Need:
    """One need word found in a query: its categories and the words of the query it covers."""

    word: str
    codes: tuple[str, ...]
    positions: frozenset[tuple[int, int]]  # (chunk, morpheme) of the query, see content_terms

    @property
    def chunks(self) -> frozenset[int]:
        return frozenset(chunk for chunk, _ in self.positions)

    @property
    def alternatives(self) -> tuple[QueryWord, ...]:
        """The need as query alternatives: the services of each category (their ``CATEGORY`` term)."""
        return tuple(
            QueryWord(text=self.word, grams=(CATEGORY + code,), prefix=False, need=True)
            for code in self.codes
        )


class NeedSet:
    """Need words by their dictionary words; built once per change of the words (cached)."""

    __slots__ = ("_longest", "_phrases")

    def __init__(self, words: Iterable[tuple[str, str]]) -> None:
        """``words``: (category code, need word) pairs."""
        phrases: dict[tuple[str, ...], dict[str, None]] = {}
        spelled: dict[tuple[str, ...], str] = {}
        for code, word in words:
            terms = tuple(term for _, _, term in content_terms(word))
            if terms:
                phrases.setdefault(terms, {})[code] = None
                spelled.setdefault(terms, normalize(word))
        self._phrases = {terms: (spelled[terms], tuple(codes)) for terms, codes in phrases.items()}
        self._longest = max(map(len, phrases), default=0)

    def __len__(self) -> int:
        return len(self._phrases)

    def find(self, text: str) -> list[Need]:
        """The need words in ``text``, left to right, the longest where several start at one
        word: 病院に行くお金がない is a medical need, not also お金がない."""
        found: list[Need] = []
        sequence = content_terms(text) if self._phrases else []
        terms = [term for _, _, term in sequence]
        start = 0
        while start < len(sequence):
            for stop in range(min(len(sequence), start + self._longest), start, -1):
                entry = self._phrases.get(tuple(terms[start:stop]))
                if entry is not None:
                    word, codes = entry
                    positions = frozenset((c, i) for c, i, _ in sequence[start:stop])
                    found.append(Need(word=word, codes=codes, positions=positions))
                    start = stop
                    break
            else:
                start += 1
        return found
