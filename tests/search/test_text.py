"""Tests for the shared Japanese normaliser (no Django settings, no database)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from search.text import (
    DEFAULT_SYNONYMS,
    VARIANTS,
    SynonymSet,
    _normalize_mapped,
    _normalize_text,
    bigrams,
    expand,
    highlight,
    normalize,
)

# --- normalize --------------------------------------------------------------------------------


def test_full_width_latin_becomes_lower_case_ascii():
    assert normalize("ＡＢＣ") == "abc"


def test_full_width_digits_become_ascii_digits():
    assert normalize("０１２３") == "0123"


def test_half_width_katakana_becomes_hiragana():
    assert normalize("ｶﾀｶﾅ") == "かたかな"


def test_half_width_voiced_mark_joins_its_kana():
    assert normalize("ﾊﾞﾝｸ") == normalize("バンク") == "ばんく"


def test_katakana_and_hiragana_spellings_meet():
    assert normalize("フードバンク") == normalize("ふーどばんく")


def test_long_vowel_marks_are_dropped():
    assert normalize("コンピューター") == normalize("コンピュータ")


def test_long_vowel_mark_variants_after_kana_are_dropped_like_the_mark():
    spellings = ["ケーキ", "ｹｰｷ", "ケ‐キ", "ケ−キ", "ケ～キ", "ケ〜キ"]
    assert {normalize(t) for t in spellings} == {"けき"}


def test_dash_between_digits_is_a_separator_not_a_long_vowel():
    assert normalize("10〜12") == "10 12"


def test_small_kana_fold_to_normal_kana():
    assert normalize("ぁっゃゎヵヶ") == "あつやわかけ"


def test_small_katakana_fold_to_normal_hiragana():
    assert normalize("ァッョ") == "あつよ"


def test_whitespace_runs_collapse_to_one_space():
    assert normalize("  食料\t\n　支援  ") == "食料 支援"


def test_japanese_punctuation_becomes_space():
    assert normalize("食料・日用品「無料」（要予約）、相談。") == "食料 日用品 無料 要予約 相談"


def test_underscore_is_a_separator():
    assert normalize("a_b") == "a b"


def test_children_spellings_fold_to_kana():
    assert {normalize(t) for t in ["子ども", "子供", "こども", "コドモ"]} == {"こども"}


def test_disability_spellings_fold_to_one_form():
    assert len({normalize(t) for t in ["障害", "障がい", "障碍", "ショウガイ"]}) == 1


def test_single_parent_spellings_fold_to_hiragana():
    assert {normalize(t) for t in ["一人親", "ひとり親", "ひとりおや"]} == {"ひとりおや"}


def test_variants_apply_inside_longer_words():
    assert normalize("子供食堂") == normalize("子ども食堂") == "こども食堂"


def test_every_variant_folds_to_its_canonical_form():
    assert all(normalize(v) == normalize(c) for v, c in VARIANTS.items())


def test_empty_text_normalises_to_empty():
    assert normalize(" 、。 ") == ""


@given(st.text())
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


# --- terms ------------------------------------------------------------------------------------


def test_cjk_run_becomes_overlapping_bigrams():
    assert bigrams("食料支援") == ["食料", "料支", "支援"]


def test_two_character_word_is_one_bigram():
    assert bigrams("相談") == ["相談"]


def test_one_character_run_yields_that_character():
    assert bigrams("食") == ["食"]


def test_latin_words_are_kept_whole_and_lower_case():
    assert bigrams("NPO DV English") == ["npo", "dv", "english"]


def test_latin_and_cjk_in_one_word_split_at_the_script_boundary():
    assert bigrams("NPO法人") == ["npo", "法人"]


def test_bigrams_do_not_cross_punctuation():
    assert "料支" not in bigrams("食料・支援")


# --- synonyms ---------------------------------------------------------------------------------

GROUPS = [["フードバンク", "食料", "食べ物", "食品"], ["仕事", "就労", "求人"], ["借金", "債務"]]


def test_expand_puts_the_word_itself_first():
    assert expand("食料", GROUPS)[0] == "食料"


def test_expand_from_katakana_reaches_the_group():
    assert expand("フードバンク", GROUPS) == ["ふどばんく", "食料", "食べ物", "食品"]


def test_expand_from_a_group_member_reaches_the_katakana_word():
    assert "ふどばんく" in expand("食品", GROUPS)


def test_expand_from_hiragana_spelling_reaches_the_group():
    assert "食料" in expand("ふーどばんく", GROUPS)


def test_expand_of_an_unknown_word_is_only_the_word():
    assert expand("ｺﾋｰ", GROUPS) == ["こひ"]


def test_expand_does_not_match_part_of_a_word():
    assert expand("食料支援", GROUPS) == ["食料支援"]


def test_expand_unions_every_group_containing_the_word():
    groups = [["相談", "窓口"], ["相談", "カウンセリング"]]
    assert expand("相談", groups) == ["相談", "窓口", "かうんせりんぐ"]


def test_expand_accepts_a_prebuilt_synonym_set():
    assert expand("借金", SynonymSet(GROUPS)) == ["借金", "債務"]


def test_default_synonyms_link_hikikomori_spellings():
    assert expand("引きこもり", DEFAULT_SYNONYMS) == expand("ひきこもり", DEFAULT_SYNONYMS)


def test_default_synonyms_link_latin_dv_to_violence():
    assert "暴力" in expand("ＤＶ", DEFAULT_SYNONYMS)


# --- highlight --------------------------------------------------------------------------------


def test_highlight_marks_half_width_katakana_for_a_hiragana_query():
    assert highlight("ﾌｰﾄﾞﾊﾞﾝｸです", ["ふーどばんく"]) == "<mark>ﾌｰﾄﾞﾊﾞﾝｸ</mark>です"


def test_highlight_marks_full_width_latin_for_an_ascii_query():
    assert highlight("ＮＰＯ法人", ["npo"]) == "<mark>ＮＰＯ</mark>法人"


def test_highlight_marks_the_original_spelling_of_a_variant():
    assert highlight("子供の食堂", ["こども"]) == "<mark>子供</mark>の食堂"


def test_highlight_marks_every_match():
    assert highlight("食料と食料", ["食料"]) == "<mark>食料</mark>と<mark>食料</mark>"


def test_highlight_escapes_the_text_but_not_the_marks():
    assert highlight("<b>相談</b>", ["相談"]) == "&lt;b&gt;<mark>相談</mark>&lt;/b&gt;"


def test_highlight_uses_the_given_marks():
    assert highlight("相談", ["相談"], before="[", after="]") == "[相談]"


def test_highlight_snippet_surrounds_a_match_far_into_the_text():
    snippet = highlight("あ" * 200 + "相談" + "い" * 200, ["相談"], max_len=30)
    assert snippet.startswith("…") and snippet.endswith("…") and "<mark>相談</mark>" in snippet


def test_highlight_snippet_is_at_most_max_len_characters_of_text():
    snippet = highlight("あ" * 200 + "相談" + "い" * 200, ["相談"], max_len=30)
    assert len(snippet.replace("<mark>", "").replace("</mark>", "").strip("…")) == 30


def test_highlight_without_a_match_returns_the_start_of_the_text():
    assert highlight("あ" * 50, ["相談"], max_len=10) == "あ" * 10 + "…"


# --- properties -------------------------------------------------------------------------------

_VARIANT_CHARS = set("".join(VARIANTS) + "".join(VARIANTS.values()))
_JAPANESE = [
    c
    for c in "あいうえおかがきぎくさしすたちつてとなにはばぱまやゆよらりるろわをん"
    "ぁぃぅぇぉっゃゅょゎアイウエオカガキクサシスタチツテトナハバパマヤユヨラリルロワヲンヴ"
    "ァィゥェォッャュョヵヶーｱｲｳｶｷｸｰ食料支援相談窓口生活保護住居仕事法律々"
    if c not in _VARIANT_CHARS
]
_SEPARATORS = [" ", "　", "・", "、", "。", "「", "」", "-", "〜"]
japanese_text = st.text(alphabet=st.sampled_from(_JAPANESE + _SEPARATORS), max_size=40)


@given(st.text(alphabet=st.sampled_from(_JAPANESE + _SEPARATORS + list("ﾞﾟＡａ子供ども障碍害"))))
def test_mapped_normalisation_matches_normalize(text):
    """``highlight`` relies on its character-mapped normalisation agreeing with ``normalize``."""
    assert _normalize_mapped(text)[0] == normalize(text)


# --- recorded outputs -------------------------------------------------------------------------

# Outputs recorded from the normaliser before its per-word caching, for a sample covering every
# kind of text it folds: both backends and stored indexes depend on them staying byte-identical.
_RECORDED = [
    ("", "", []),
    ("   ", "", []),
    (
        "ﾌｰﾄﾞﾊﾞﾝｸ\u3000フードバンク・ふーどばんく",
        "ふどばんく ふどばんく ふどばんく",
        ["ふど", "どば", "ばん", "んく", "く"],
    ),
    (
        "コンピューター コンピュータ",
        "こんぴゆた こんぴゆた",
        ["こん", "んぴ", "ぴゆ", "ゆた", "た"],
    ),
    (
        "ｶﾞｷﾞｸﾞｹﾞｺﾞ ﾊﾟﾋﾟﾌﾟ ヴァイオリン ヷヸヹヺ",
        "がぎぐげご ぱぴぷ ゔあいおりん ヷヸヹヺ",
        [
            "がぎ",
            "ぎぐ",
            "ぐげ",
            "げご",
            "ご",
            "ぱぴ",
            "ぴぷ",
            "ぷ",
            "ゔあ",
            "あい",
            "いお",
            "おり",
            "りん",
            "ん",
            "ヷヸ",
            "ヸヹ",
            "ヹヺ",
            "ヺ",
        ],
    ),
    (
        "ぁぃぅぇぉっゃゅょゎゕゖ ァィゥェォッャュョヮヵヶ ㇰㇱㇲㇳㇴㇵ",
        "あいうえおつやゆよわかけ あいうえおつやゆよわかけ くしすとぬは",
        [
            "あい",
            "いう",
            "うえ",
            "えお",
            "おつ",
            "つや",
            "やゆ",
            "ゆよ",
            "よわ",
            "わか",
            "かけ",
            "け",
            "くし",
            "しす",
            "すと",
            "とぬ",
            "ぬは",
            "は",
        ],
    ),
    (
        "ｶｰ-ﾄﾞ カ〜ド カ−ド ㇰ-ㇱ 3-4 a-b",
        "かど かど かど く し 3 4 a b",
        ["かど", "ど", "く", "し", "3", "4", "a", "b"],
    ),
    (
        "ＮＰＯ法人 ＤＶ相談 １２３円 Ｆｏｏｄ\u3000Ｂａｎｋ",
        "npo法人 dv相談 123円 food bank",
        ["npo", "法人", "人", "dv", "相談", "談", "123", "円", "food", "bank"],
    ),
    (
        "㍿つなぐ ㈱テスト ① ½ ﬁle ™ ℡ №5",
        "株式会社つなぐ 株 てすと 1 1 2 file tm tel no5",
        [
            "株式",
            "式会",
            "会社",
            "社つ",
            "つな",
            "なぐ",
            "ぐ",
            "株",
            "てす",
            "すと",
            "と",
            "1",
            "2",
            "file",
            "tm",
            "tel",
            "no5",
        ],
    ),
    ("école café が ぱ ﾊﾟ", "école café が ぱ ぱ", ["école", "café", "が", "ぱ"]),
    (
        "子供の障碍と引き籠もり、申し込み・問い合わせ（受付け）手続き",
        "こどものしようがいとひきこもり もうしこみ といあわせ うけつけ てつづき",
        [
            "こど",
            "ども",
            "もの",
            "のし",
            "しよ",
            "よう",
            "うが",
            "がい",
            "いと",
            "とひ",
            "ひき",
            "きこ",
            "こも",
            "もり",
            "り",
            "もう",
            "うし",
            "しこ",
            "こみ",
            "み",
            "とい",
            "いあ",
            "あわ",
            "わせ",
            "せ",
            "うけ",
            "けつ",
            "つけ",
            "け",
            "てつ",
            "つづ",
            "づき",
            "き",
        ],
    ),
    (
        "子ども食堂 障がい者 ひとり親家庭 一人親 独り親 寄附 引越し",
        "こども食堂 しようがい者 ひとりおや家庭 ひとりおや ひとりおや きふ ひつこし",
        [
            "こど",
            "ども",
            "も食",
            "食堂",
            "堂",
            "しよ",
            "よう",
            "うが",
            "がい",
            "い者",
            "者",
            "ひと",
            "とり",
            "りお",
            "おや",
            "や家",
            "家庭",
            "庭",
            "や",
            "きふ",
            "ふ",
            "ひつ",
            "つこ",
            "こし",
            "し",
        ],
    ),
    (
        "相談は無料です。秘密は守られます！ 😀👍🏽 👨\u200d👩\u200d👧 🇯🇵 𠮷野家",
        "相談は無料です 秘密は守られます 𠮷野家",
        [
            "相談",
            "談は",
            "は無",
            "無料",
            "料で",
            "です",
            "す",
            "秘密",
            "密は",
            "は守",
            "守ら",
            "られ",
            "れま",
            "ます",
            "𠮷野",
            "野家",
            "家",
        ],
    ),
    (
        "Dinner is FREE for children and 300 yen for adults.",
        "dinner is free for children and 300 yen for adults",
        ["dinner", "is", "free", "for", "children", "and", "300", "yen", "adults"],
    ),
    (
        "ΣΑΣ ΌΣΟΣ straße İstanbul",
        "σας όσος straße i stanbul",
        ["σας", "όσος", "straße", "i", "stanbul"],
    ),
    (
        "々〆〇 ヽヾゝゞ 한국어 지원",
        "々〆〇 ゝゞゝゞ 한국어 지원",
        ["々〆", "〆〇", "〇", "ゝゞ", "ゞゝ", "ゞ", "한국", "국어", "어", "지원", "원"],
    ),
    (
        "under_score tab\there\nnewline\u3000ideographic\xa0nbsp",
        "under score tab here newline ideographic nbsp",
        ["under", "score", "tab", "here", "newline", "ideographic", "nbsp"],
    ),
    (
        "食食食 " + "あ" * 130 + " end",
        "食食食 " + "あ" * 130 + " end",
        ["食食", "食", "ああ", "あ", "end"],
    ),
]


# The third column is what the bigram index stored before search.words; kept for the record.
@pytest.mark.parametrize(("text", "normalized", "_bigram_terms"), _RECORDED)
def test_normalize_matches_recorded_output(text, normalized, _bigram_terms):
    for _ in range(2):  # the second call is answered from the per-word caches
        assert normalize(text) == normalized


@given(st.lists(st.text(max_size=12) | st.sampled_from(["", "a" * 200, "子ども" * 50])))
def test_normalising_word_by_word_equals_normalising_the_whole_text(words):
    """``normalize`` works word by word (cached); that must not change it."""
    text = " ".join(words)
    assert normalize(text) == _normalize_text(text)
