"""Need words (search.needs): the words people type for a kind of help find its category."""

from __future__ import annotations

import pytest

from search.needs import NeedSet
from search.text import DEFAULT_SYNONYMS, SynonymSet
from search.words import CATEGORY, is_optional, parse_query

SYNONYMS = SynonymSet(DEFAULT_SYNONYMS)
NEEDS = NeedSet(
    [
        ("food-bank", "お腹がすいた"),
        ("food-bank", "食べられない"),
        ("temporary-shelter", "泊まるところ"),
        ("debt", "ローン"),
        ("loan", "お金がない"),
        ("low-cost-medical", "病院に行くお金がない"),
        ("shelter", "DV 避難"),
    ]
)


def _codes(text: str) -> list[tuple[str, ...]]:
    return [need.codes for need in NEEDS.find(text)]


def _item_categories(text: str) -> list[set[str]]:
    """The categories each query item accepts, in order."""
    return [
        {g.removeprefix(CATEGORY) for a in alternatives if a.need for g in a.grams}
        for alternatives in parse_query(text, synonyms=SYNONYMS, needs=NEEDS)
        if not is_optional(alternatives)
    ]


def test_a_need_word_meets_the_query_without_its_particles():
    assert _codes("お腹すいた") == [("food-bank",)]


def test_a_need_word_meets_another_ending_of_its_verb():
    assert _codes("今夜泊まるところがない") == [("temporary-shelter",)]


def test_a_need_word_matches_whole_words_only():
    assert _codes("サロン") == []


def test_a_need_word_may_span_the_query_s_spaces():
    assert _codes("DV　避難") == [("shelter",)]


def test_the_longest_need_word_wins_where_several_start():
    assert _codes("病院に行くお金がない") == [("low-cost-medical",)]


def test_the_need_answers_the_query_words_it_covers_only():
    assert _item_categories("板橋区 お腹すいた") == [set(), {"food-bank"}]


def test_a_need_word_covering_no_noun_answers_the_nouns_of_its_chunk():
    assert _item_categories("ご飯が食べられない") == [{"food-bank"}]


def test_a_query_without_need_words_has_no_categories():
    assert _item_categories("フードバンク") == [set()]


@pytest.mark.django_db
def test_a_moderator_s_search_word_takes_effect_on_the_next_search():
    from search.synonyms import need_set
    from tests.factories import category

    term = category("food-bank")
    assert need_set().find("腹ぺこ") == []
    term.search_words = "腹ぺこ、ひもじい"
    term.save()
    assert [n.codes for n in need_set().find("腹ぺこ")] == [("food-bank",)]


@pytest.mark.django_db
def test_the_built_in_words_cover_every_category_of_the_product():
    from directory.categories import CATEGORIES, SEARCH_WORDS

    subcategories = {code for *_, children in CATEGORIES for code, *_ in children}
    assert subcategories <= set(SEARCH_WORDS)
