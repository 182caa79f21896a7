"""The contract's ranking rules (search.contract): rarity and the name-start terms."""

from __future__ import annotations

from search.contract import FIELD_WEIGHTS, word_weight
from search.words import name_start_query, name_start_terms


def test_a_rare_word_weighs_more_than_a_common_one():
    rare = word_weight(field_weight=FIELD_WEIGHTS["name"], matching=3, total=300)
    common = word_weight(field_weight=FIELD_WEIGHTS["name"], matching=250, total=300)
    assert rare > common


def test_a_word_in_every_service_still_counts():
    assert word_weight(field_weight=FIELD_WEIGHTS["description"], matching=300, total=300) >= 1


def test_a_better_field_weighs_more_at_equal_rarity():
    assert word_weight(field_weight=10, matching=5, total=300) > word_weight(
        field_weight=4, matching=5, total=300
    )


def test_name_start_terms_end_at_a_space_or_bracket():
    terms = name_start_terms("フードバンク 食品の無料配布", "居場所「こぶし」")
    assert name_start_query("ﾌｰﾄﾞﾊﾞﾝｸ") in terms
    assert name_start_query("フードバンク 食品の無料配布") in terms
    assert name_start_query("居場所") in terms
    assert name_start_query("フード") not in terms


def test_a_name_that_only_starts_with_the_query_is_not_named_by_it():
    assert name_start_query("見守り") not in name_start_terms("見守り付き住宅の紹介")
