"""Tests for the word analyser (search.words): dictionary words, readings, whole-word synonyms."""

from search.text import DEFAULT_SYNONYMS, SynonymSet
from search.words import GRAM, READING, index_terms, is_optional, parse_query, query_terms

SYNONYMS = SynonymSet(DEFAULT_SYNONYMS)


def _matches(query: str, text: str) -> bool:
    """What both backends compute: every query item has an alternative with all its terms."""
    terms = index_terms(text)
    return all(
        any(
            all(g in terms for g in alternative.exact_grams)
            and all(any(t.startswith(g) for t in terms) for g in alternative.prefix_grams)
            for alternative in alternatives
        )
        for alternatives in parse_query(query, synonyms=SYNONYMS)
        if not is_optional(alternatives)  # ranks only
    )


def test_index_terms_are_dictionary_words_not_bigrams():
    assert "債務" in index_terms("債務整理の相談") and "務整" not in index_terms("債務整理の相談")


def test_particles_are_not_indexed():
    assert "の" not in index_terms("債務整理の相談")


def test_child_spellings_meet_as_one_word():
    assert _matches("子供", "子ども食堂") and _matches("子ども", "子供の居場所")


def test_a_part_of_a_compound_finds_the_compound():
    assert _matches("保護", "生活保護の申請")


def test_a_kana_query_meets_kanji_text_by_reading():
    assert _matches("しゃっきん", "借金の相談")


def test_a_kana_compound_meets_two_adjacent_katakana_words():
    assert _matches("ふーどばんく", "フードバンク豊島")


def test_half_width_katakana_meets_full_width():
    assert _matches("ﾌｰﾄﾞﾊﾞﾝｸ", "フードバンク")


def test_loan_never_finds_a_salon():
    assert not _matches("ローン", "やさしい日本語 会話サロン")


def test_debt_never_finds_a_salon_through_its_synonym_loan():
    assert not _matches("借金", "ふれあいサロン・見守り活動")


def test_debt_finds_loan_as_a_whole_word():
    assert _matches("借金", "住宅ローンの返済相談")


def test_a_sentence_query_keeps_its_nouns():
    assert [w.text for w in query_terms("家賃が払えない")] == ["家賃"]


def test_the_other_words_of_a_sentence_query_only_rank():
    items = parse_query("食べ物を届けてほしい", synonyms=SYNONYMS)
    ranking = [a[0].grams for a in items if is_optional(a)]
    assert ranking == [("届ける",)]  # 欲しい says nothing of a need


def test_a_query_without_nouns_keeps_its_verbs():
    assert query_terms("払えない")[0].grams == ("払う",)


def test_separate_halves_of_a_word_do_not_match():
    """The old bigram search matched 住まい in any text holding す…まい anywhere."""
    assert not _matches("住まい", "すぐに、まいにち")


def test_an_unknown_word_falls_back_to_its_bigrams():
    terms = index_terms("ﾂﾅｸﾞﾊﾟﾙ東池袋")
    assert any(t.startswith(GRAM) for t in terms) or "つなぐぱる" in terms


def test_readings_are_marked_apart_from_words():
    assert READING + "しやつきん" in index_terms("借金")


def test_latin_words_keep_their_spelling():
    assert "debt" in index_terms("debt counselling")


def test_a_one_character_query_is_a_prefix_query():
    assert query_terms("食")[0].prefix is True


def test_a_chunk_in_a_synonym_group_is_one_item_with_the_group_as_alternatives():
    clauses = parse_query("借金 相談", synonyms=[["借金", "債務"]])
    assert [[alt.text for alt in clause] for clause in clauses] == [["借金", "債務"], ["相談"]]


def test_a_word_inside_a_sentence_query_is_not_a_prefix():
    """家がない asks for 家, not for every word starting with 家 (家族)."""
    assert not _matches("家がない", "家族の悩み相談")


def test_a_lone_character_query_is_a_prefix_of_words():
    assert _matches("食", "食堂のごはん")


def test_o_kane_is_one_word_not_kane():
    assert not _matches("お金がない", "住居確保給付金")


def test_a_kana_word_has_the_synonyms_of_the_word_it_reads_as():
    assert _matches("しごと", "就労準備支援事業")


def test_a_one_character_part_is_no_alternative_of_its_own():
    # お金 is 御 + 金: both anywhere in the text (御礼, 給付金) must not count as お金.
    assert not _matches("お金", "御礼と給付金")
