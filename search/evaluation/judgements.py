"""The judged query set: what a support worker or a resident types, and what should come back.

Queries are in the words people use at a counter or on a phone (借金, 家賃が払えない, DV), with
abbreviations, kana and width variants, English words, and a place with a need. Relevant services
are named by their name in the demo catalogue (``directory/demo/catalogue.py``), never by database id,
so the set survives a reload: a key matches every demo service with that name, with or without a
「（…会場）」 suffix, and ``{town}``/``{word}`` stand for the place or word the demo fills in.

Grades: 2 = the obvious answer, 1 = relevant. Any other service is unrelated to the query.
A judgement with ``municipality`` counts only services of that ward as relevant (place + need).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

TOSHIMA, BUNKYO, ITABASHI, KITA = "131164", "131059", "131199", "131172"


@dataclass(frozen=True, kw_only=True)
class Judgement:
    query: str
    grades: dict[str, int]  # catalogue name → grade
    municipality: str = ""  # only services in this ward are relevant
    note: str = field(default="", compare=False)

    @cached_property
    def _patterns(self) -> list[tuple[re.Pattern[str], int]]:
        return [(_pattern(key), grade) for key, grade in self.grades.items()]

    def grade(self, *, name: str, municipalities: tuple[str, ...] = ()) -> int:
        """The judged grade of a service called ``name`` in these wards (0: unrelated)."""
        if self.municipality and self.municipality not in municipalities:
            return 0
        base = _VENUE.sub("", name)
        return max(
            (grade for pattern, grade in self._patterns if pattern.fullmatch(base)), default=0
        )


_VENUE = re.compile(r"（[^（）]*会場）$")


def _pattern(key: str) -> re.Pattern[str]:
    parts = re.split(r"\{(?:town|word)\}", key)
    return re.compile(".+".join(re.escape(part) for part in parts))


# --- the catalogue's services, grouped as a worker thinks of them ----------------------------

FOOD_BANK = ("フードバンク 食品の無料配布", "食品の無料配布（フードパントリー）")
FOOD_DELIVERY = ("食品の宅配（お届け便）", "ひとり親家庭への食品お届け", "食の応援便")
FOOD_TODAY = ("緊急食料支援", "フードドライブ・食品の受付", "食の緊急支援")
FOOD_DRIVE = ("フードドライブ・食品の受付", "フードドライブ・食料支援")
KODOMO_SHOKUDO = ("子ども食堂 みんなのごはん", "{town}こども食堂", "親子ランチの日")
FAMILY_FOOD = ("こども宅食", "食材のおすそわけ会")
COMMUNITY_FOOD = ("地域の食堂（公益的な取組）", "食料品の提供（地域公益活動）")
SELF_RELIANCE = ("自立相談支援（くらしの総合相談）", "生活の困りごと相談")
GENERAL_ADVICE = ("福祉の総合相談（よろず相談）",)
HARDSHIP = ("生計困難者への相談支援（東京都社会福祉協議会 地域公益活動）",)
HOUSING_BENEFIT = ("住居確保給付金の相談・申請",)
BUDGET = ("家計改善支援（家計相談）", "家計相談", "生協の家計相談", "くらしと家計の相談室")
LOANS = ("生活福祉資金の貸付相談", "緊急小口資金の相談")
DEBT = ("借金・債務整理の相談", "多重債務相談")
LEGAL = ("無料法律相談会", "夜間の無料法律相談")
HOUTERASU = ("法テラス（民事法律扶助）の利用相談",)
HOME_SEARCH = ("居住支援 住まい探し相談", "お部屋探しの同行支援")
SUPPORTED_HOME = ("見守り付き住宅の紹介",)
SHELTER = ("一時生活支援 シェルター", "緊急一時宿泊（シェルター）")
DV_SHELTER = ("緊急一時保護シェルター", "母子緊急シェルター")
DV_ADVICE = ("DV相談ホットライン", "女性のための24時間電話相談", "女性相談（DV相談）")
ABUSE = ("子どもの虐待・家族の悩み相談",)
WORK_READINESS = ("就労準備支援 プログラム", "就労準備支援事業", "就労準備 生活リズム講座")
WORK_TRAINING = (
    "認定就労訓練（中間的就労）",
    "就労訓練事業 清掃・軽作業",
    "就労訓練（施設の清掃・調理補助）",
)
JOB_ADVICE = ("就労相談・職場見学", "しごと相談会")
DISABILITY_WORK = ("就労継続支援B型 {word}工房", "就労移行支援 {word}")
DISABILITY = ("障害者相談支援", "計画相談支援・障害福祉の相談")
LOW_COST_MEDICAL = ("無料低額診療", "無料低額診療事業（医療費の減免）")
MENTAL = ("こころの相談外来", "こころの健康相談", "こころの相談 電話", "夜間のこころの電話相談")
ADDICTION = ("依存症の家族相談", "ギャンブル・アルコール依存の相談会")
STUDY = ("学習支援教室", "中学生の無料学習会", "高校進学応援教室")
FOREIGN_STUDY = ("外国ルーツの子どもの学習支援",)
PARENTING = ("子育てひろば", "子ども家庭支援センター 子育て相談")
SINGLE_PARENT = ("ひとり親家庭の交流会", "ひとり親家庭への食品お届け")
OLDER = ("地域包括支援センター {town}", "高齢者総合相談センター {town}")
CARE = ("介護の相談窓口", "介護サービスの利用相談")
WATCHING = ("高齢者の見守り訪問", "ふれあいサロン・見守り活動", "地域の見守り（ふれあい訪問）")
MONEY_MANAGEMENT = ("日常生活自立支援事業", "権利擁護センター（成年後見の相談）")
FOREIGN_ADVICE = (
    "多言語生活相談",
    "外国人のための生活相談",
    "外国人の在留・生活相談",
    "母語による生活相談",
)
JAPANESE = ("日本語教室", "やさしい日本語 会話サロン")
HIKIKOMORI = ("ひきこもり相談", "ひきこもりの家族相談")
IBASHO = ("居場所「{word}」", "夜の居場所カフェ", "居場所カフェ", "地域の居場所 えんがわ")


def _j(
    query: str,
    two: tuple[str, ...] = (),
    one: tuple[str, ...] = (),
    *,
    municipality: str = "",
    note: str = "",
) -> Judgement:
    grades = dict.fromkeys(one, 1) | dict.fromkeys(two, 2)
    return Judgement(query=query, grades=grades, municipality=municipality, note=note)


_FOOD_ALL = FOOD_BANK + FOOD_DELIVERY + FOOD_TODAY + FOOD_DRIVE + COMMUNITY_FOOD + FAMILY_FOOD
_MONEY_ADVICE = SELF_RELIANCE + GENERAL_ADVICE + HARDSHIP

JUDGEMENTS: tuple[Judgement, ...] = (
    # --- money and debt ----------------------------------------------------------------------
    _j("借金", DEBT, HOUTERASU + LEGAL + BUDGET, note="issue 11: not a サロン"),
    _j("ローン", DEBT, BUDGET + HOUTERASU, note="synonym of 借金; never サロン"),
    _j("借金 相談", DEBT, HOUTERASU + LEGAL + BUDGET),
    _j("債務整理", DEBT, HOUTERASU + LEGAL),
    _j("多重債務", DEBT, HOUTERASU + LEGAL + BUDGET),
    _j("自己破産", DEBT, HOUTERASU + LEGAL),
    _j("サラ金", DEBT, HOUTERASU + LEGAL),
    _j("借金が返せない", DEBT, HOUTERASU + LEGAL + BUDGET),
    _j("お金がない", LOANS + SELF_RELIANCE, BUDGET + HARDSHIP + GENERAL_ADVICE + FOOD_TODAY),
    _j("お金を借りたい", LOANS, SELF_RELIANCE + GENERAL_ADVICE),
    _j("緊急小口資金", ("緊急小口資金の相談",), ("生活福祉資金の貸付相談",) + SELF_RELIANCE),
    _j("小口資金", ("緊急小口資金の相談",), ("生活福祉資金の貸付相談",)),
    _j("生活福祉資金", ("生活福祉資金の貸付相談",), ("緊急小口資金の相談",)),
    _j("貸付", LOANS, ()),
    _j("家計相談", BUDGET, SELF_RELIANCE + HARDSHIP + DEBT),
    _j("家計", BUDGET, SELF_RELIANCE + HARDSHIP + DEBT),
    _j("やりくり", BUDGET, SELF_RELIANCE + HARDSHIP),
    _j("生活費が足りない", BUDGET + LOANS + SELF_RELIANCE, HARDSHIP + GENERAL_ADVICE),
    _j("生活保護", SELF_RELIANCE, GENERAL_ADVICE + HARDSHIP + LOANS),
    _j("ナマポ", SELF_RELIANCE, GENERAL_ADVICE + HARDSHIP, note="slang for 生活保護"),
    _j("生活困窮", SELF_RELIANCE + HARDSHIP, GENERAL_ADVICE + LOANS + BUDGET),
    _j("生活困窮者自立支援", SELF_RELIANCE, HARDSHIP + HOUSING_BENEFIT + BUDGET + WORK_READINESS),
    _j("自立相談", SELF_RELIANCE, HARDSHIP + GENERAL_ADVICE),
    _j("くらしの相談", SELF_RELIANCE + GENERAL_ADVICE, HARDSHIP + BUDGET),
    _j("困りごと", SELF_RELIANCE + GENERAL_ADVICE, HARDSHIP),
    _j("よろず相談", GENERAL_ADVICE, SELF_RELIANCE),
    _j("総合相談", GENERAL_ADVICE + ("自立相談支援（くらしの総合相談）",), OLDER),
    _j("debt", DEBT, HOUTERASU + LEGAL + BUDGET),
    _j("loan", LOANS, DEBT),
    _j("money", BUDGET + LOANS, SELF_RELIANCE + HARDSHIP + DEBT),
    _j("budget", BUDGET, HARDSHIP),
    # --- housing -------------------------------------------------------------------------------
    _j("家賃が払えない", HOUSING_BENEFIT, SELF_RELIANCE + LOANS + HOME_SEARCH + BUDGET),
    _j("家賃", HOUSING_BENEFIT, SELF_RELIANCE + LOANS + HOME_SEARCH),
    _j("住居確保給付金", HOUSING_BENEFIT, SELF_RELIANCE),
    _j("家賃補助", HOUSING_BENEFIT, SELF_RELIANCE),
    _j("住まい", HOME_SEARCH + SUPPORTED_HOME, HOUSING_BENEFIT + SHELTER, note="not お住まいの方"),
    _j("住まい探し", HOME_SEARCH, SUPPORTED_HOME + HOUSING_BENEFIT),
    _j("部屋探し", HOME_SEARCH, SUPPORTED_HOME),
    _j("アパートを探したい", HOME_SEARCH, SUPPORTED_HOME + HOUSING_BENEFIT),
    _j("居住支援", HOME_SEARCH + SUPPORTED_HOME, HOUSING_BENEFIT),
    _j("住む所がない", SHELTER + HOME_SEARCH, HOUSING_BENEFIT + SELF_RELIANCE + DV_SHELTER),
    _j("家がない", SHELTER, HOME_SEARCH + SELF_RELIANCE + HOUSING_BENEFIT),
    _j("ホームレス", SHELTER, SELF_RELIANCE + HOME_SEARCH),
    _j("路上生活", SHELTER, SELF_RELIANCE + HOME_SEARCH),
    _j("ネットカフェ難民", SHELTER, SELF_RELIANCE + HOME_SEARCH + HOUSING_BENEFIT),
    _j("今夜泊まるところ", SHELTER, DV_SHELTER + SELF_RELIANCE),
    _j("シェルター", SHELTER + DV_SHELTER, ()),
    _j("一時宿泊", SHELTER, DV_SHELTER),
    _j("見守り付き住宅", SUPPORTED_HOME, HOME_SEARCH),
    _j("立ち退き", HOUSING_BENEFIT + HOME_SEARCH, LEGAL + HOUTERASU),
    _j("housing", HOME_SEARCH + HOUSING_BENEFIT, SUPPORTED_HOME + SHELTER),
    _j("rent", HOUSING_BENEFIT, HOME_SEARCH),
    _j("shelter", SHELTER + DV_SHELTER, ()),
    _j("homeless", SHELTER, SELF_RELIANCE + HOME_SEARCH),
    # --- food ------------------------------------------------------------------------------------
    _j(
        "食べ物がない",
        FOOD_BANK + FOOD_TODAY,
        FOOD_DELIVERY + COMMUNITY_FOOD + FOOD_DRIVE + FAMILY_FOOD,
        note="FAMILY_FOOD as for 食料 and 食品: food for a family with children",
    ),
    _j(
        "食べるものがない",
        FOOD_BANK + FOOD_TODAY,
        FOOD_DELIVERY + COMMUNITY_FOOD + FAMILY_FOOD,
        note="FAMILY_FOOD as for 食料 and 食品",
    ),
    _j(
        "ご飯が食べられない",
        FOOD_BANK + FOOD_TODAY,
        FOOD_DELIVERY + COMMUNITY_FOOD + KODOMO_SHOKUDO,
    ),
    _j("お腹がすいた", FOOD_TODAY + FOOD_BANK, COMMUNITY_FOOD + KODOMO_SHOKUDO),
    _j(
        "食料支援",
        FOOD_BANK + FOOD_TODAY + ("フードドライブ・食料支援",),
        FOOD_DELIVERY + COMMUNITY_FOOD + FAMILY_FOOD,
    ),
    _j("食料", FOOD_BANK + FOOD_TODAY, FOOD_DELIVERY + COMMUNITY_FOOD + FOOD_DRIVE + FAMILY_FOOD),
    _j("食品", FOOD_BANK + FOOD_TODAY, FOOD_DELIVERY + COMMUNITY_FOOD + FOOD_DRIVE + FAMILY_FOOD),
    _j("食品の無料配布", FOOD_BANK, FOOD_TODAY + COMMUNITY_FOOD + FOOD_DRIVE),
    _j("フードバンク", FOOD_BANK, FOOD_TODAY + FOOD_DRIVE + FOOD_DELIVERY + COMMUNITY_FOOD),
    _j("ふーどばんく", FOOD_BANK, FOOD_TODAY + FOOD_DRIVE + FOOD_DELIVERY, note="hiragana"),
    _j("ﾌｰﾄﾞﾊﾞﾝｸ", FOOD_BANK, FOOD_TODAY + FOOD_DRIVE + FOOD_DELIVERY, note="half-width kana"),
    _j(
        "フードバンク　",
        FOOD_BANK,
        FOOD_TODAY + FOOD_DRIVE + FOOD_DELIVERY,
        note="ideographic space",
    ),
    _j(
        "フードパントリー",
        ("食品の無料配布（フードパントリー）",),
        FOOD_BANK + FOOD_TODAY + FOOD_DELIVERY,
    ),
    _j("パントリー", ("食品の無料配布（フードパントリー）",), FOOD_BANK + FOOD_TODAY),
    _j("フードドライブ", FOOD_DRIVE, FOOD_BANK),
    _j("食品の宅配", ("食品の宅配（お届け便）",), FOOD_DELIVERY + FAMILY_FOOD),
    _j("食べ物を届けてほしい", FOOD_DELIVERY, ("こども宅食",)),
    _j("宅食", ("こども宅食",), FOOD_DELIVERY),
    _j("こども宅食", ("こども宅食",), FOOD_DELIVERY + ("食材のおすそわけ会",)),
    _j("おすそわけ", ("食材のおすそわけ会",), FOOD_BANK + FAMILY_FOOD),
    _j("子ども食堂", KODOMO_SHOKUDO, FAMILY_FOOD + ("地域の食堂（公益的な取組）",)),
    _j("こども食堂", KODOMO_SHOKUDO, FAMILY_FOOD + ("地域の食堂（公益的な取組）",)),
    _j("子供食堂", KODOMO_SHOKUDO, FAMILY_FOOD + ("地域の食堂（公益的な取組）",), note="表記ゆれ"),
    _j("みんなの食堂", KODOMO_SHOKUDO + ("地域の食堂（公益的な取組）",), FAMILY_FOOD),
    _j("地域食堂", ("地域の食堂（公益的な取組）",) + KODOMO_SHOKUDO, FAMILY_FOOD),
    _j("親子ランチ", ("親子ランチの日",), KODOMO_SHOKUDO),
    _j("緊急食料", FOOD_TODAY, FOOD_BANK),
    _j("food bank", FOOD_BANK, FOOD_TODAY + FOOD_DRIVE + FOOD_DELIVERY),
    _j("food", FOOD_BANK + FOOD_TODAY, _FOOD_ALL + KODOMO_SHOKUDO),
    _j("free food", FOOD_BANK, FOOD_TODAY + FOOD_DELIVERY + COMMUNITY_FOOD),
    _j("children's cafeteria", KODOMO_SHOKUDO, FAMILY_FOOD),
    _j("meals", KODOMO_SHOKUDO + ("地域の食堂（公益的な取組）",), FAMILY_FOOD + FOOD_BANK),
    # --- violence and safety -------------------------------------------------------------------
    _j("DV", DV_ADVICE, DV_SHELTER + ABUSE),
    _j("ＤＶ", DV_ADVICE, DV_SHELTER + ABUSE, note="full-width letters"),
    _j("dv", DV_ADVICE, DV_SHELTER + ABUSE, note="lower case"),
    _j("ドメスティックバイオレンス", DV_ADVICE, DV_SHELTER),
    _j("配偶者からの暴力", DV_ADVICE, DV_SHELTER),
    _j("夫の暴力", DV_ADVICE, DV_SHELTER),
    _j("暴力", DV_ADVICE, DV_SHELTER + ABUSE),
    _j("DV 避難", DV_SHELTER, DV_ADVICE),
    _j("DVシェルター", DV_SHELTER, DV_ADVICE),
    _j("母子 シェルター", ("母子緊急シェルター",), ("緊急一時保護シェルター",) + DV_ADVICE),
    _j(
        "女性相談",
        ("女性相談（DV相談）", "女性のための24時間電話相談"),
        ("DV相談ホットライン",) + DV_SHELTER,
    ),
    _j("女性 24時間", ("女性のための24時間電話相談",), DV_ADVICE + DV_SHELTER),
    _j("虐待", ABUSE, DV_ADVICE + ("子ども家庭支援センター 子育て相談",)),
    _j("児童虐待", ABUSE, ("子ども家庭支援センター 子育て相談",)),
    _j("domestic violence", DV_ADVICE, DV_SHELTER),
    _j("abuse", ABUSE, DV_ADVICE),
    # --- work ------------------------------------------------------------------------------------
    _j("就労訓練", WORK_TRAINING, WORK_READINESS + DISABILITY_WORK),
    _j("中間的就労", ("認定就労訓練（中間的就労）",), WORK_TRAINING + WORK_READINESS),
    _j("就労準備", WORK_READINESS, WORK_TRAINING + JOB_ADVICE),
    _j("生活リズム", ("就労準備 生活リズム講座",), WORK_READINESS + HIKIKOMORI),
    _j("仕事を探したい", JOB_ADVICE, WORK_READINESS + WORK_TRAINING),
    _j("仕事がない", JOB_ADVICE + WORK_READINESS, WORK_TRAINING + SELF_RELIANCE),
    _j("仕事", JOB_ADVICE, WORK_READINESS + WORK_TRAINING + DISABILITY_WORK),
    _j("しごと", JOB_ADVICE, WORK_READINESS + WORK_TRAINING + DISABILITY_WORK),
    _j("就職", JOB_ADVICE, WORK_READINESS + WORK_TRAINING + DISABILITY_WORK),
    _j("就労相談", JOB_ADVICE, WORK_READINESS + WORK_TRAINING),
    _j("職場見学", ("就労相談・職場見学",), WORK_TRAINING),
    _j("清掃の仕事", WORK_TRAINING, JOB_ADVICE),
    _j("ハローワーク", JOB_ADVICE, WORK_READINESS),
    _j("就労継続支援B型", ("就労継続支援B型 {word}工房",), ("就労移行支援 {word}",) + DISABILITY),
    _j("B型", ("就労継続支援B型 {word}工房",), ("就労移行支援 {word}",)),
    _j("作業所", ("就労継続支援B型 {word}工房",), ("就労移行支援 {word}",) + WORK_TRAINING),
    _j("就労移行", ("就労移行支援 {word}",), ("就労継続支援B型 {word}工房",) + DISABILITY),
    _j("job", JOB_ADVICE, WORK_READINESS + WORK_TRAINING + DISABILITY_WORK),
    _j("work training", WORK_TRAINING, WORK_READINESS),
    # --- foreign residents ---------------------------------------------------------------------
    _j("外国人", FOREIGN_ADVICE, JAPANESE + FOREIGN_STUDY),
    _j("外国人 相談", FOREIGN_ADVICE, JAPANESE),
    _j("多言語", ("多言語生活相談",), FOREIGN_ADVICE + JAPANESE),
    _j("母語", ("母語による生活相談",), FOREIGN_ADVICE),
    _j("在留資格", ("外国人の在留・生活相談",), FOREIGN_ADVICE + LEGAL),
    _j("ビザ", ("外国人の在留・生活相談",), FOREIGN_ADVICE),
    _j("日本語教室", JAPANESE, FOREIGN_ADVICE),
    _j("日本語を勉強したい", JAPANESE, FOREIGN_STUDY),
    _j("やさしい日本語", ("やさしい日本語 会話サロン",), ("日本語教室",)),
    _j("外国ルーツ", FOREIGN_STUDY, FOREIGN_ADVICE + STUDY),
    _j("foreigner", FOREIGN_ADVICE, JAPANESE + FOREIGN_STUDY),
    _j("foreign residents", FOREIGN_ADVICE, JAPANESE + FOREIGN_STUDY),
    _j("Japanese class", JAPANESE, ()),
    _j("visa", ("外国人の在留・生活相談",), FOREIGN_ADVICE),
    _j("multilingual", ("多言語生活相談",), FOREIGN_ADVICE),
    # --- withdrawal, drop-in, mental health ----------------------------------------------------
    _j("ひきこもり", HIKIKOMORI, IBASHO),
    _j("引きこもり", HIKIKOMORI, IBASHO, note="kanji spelling"),
    _j("ヒキコモリ", HIKIKOMORI, IBASHO, note="katakana"),
    _j("引きこもりの息子", ("ひきこもりの家族相談",), ("ひきこもり相談",) + IBASHO),
    _j("hikikomori", HIKIKOMORI, IBASHO),
    _j("居場所", IBASHO, HIKIKOMORI + WATCHING),
    _j("居場所カフェ", ("居場所カフェ", "夜の居場所カフェ"), IBASHO),
    _j("夜の居場所", ("夜の居場所カフェ",), IBASHO),
    _j("drop-in", IBASHO, PARENTING),
    _j("こころの相談", MENTAL, HIKIKOMORI),
    _j("心の相談", MENTAL, HIKIKOMORI, note="kanji spelling"),
    _j("メンタル", MENTAL, ()),
    _j("うつ", MENTAL, ()),
    _j("死にたい", MENTAL, DV_ADVICE),
    _j("眠れない", MENTAL, ()),
    _j("mental health", MENTAL, ()),
    _j("依存症", ADDICTION, MENTAL),
    _j(
        "ギャンブル",
        ADDICTION,
        DEBT + MENTAL,
        note="MENTAL as for アルコール and 依存症: mental-health services take addictions",
    ),
    _j("アルコール", ADDICTION, MENTAL),
    _j("addiction", ADDICTION, MENTAL),
    # --- health, disability, older people -------------------------------------------------------
    _j("無料低額診療", LOW_COST_MEDICAL, ()),
    _j("無低診", LOW_COST_MEDICAL, (), note="abbreviation"),
    _j("病院に行くお金がない", LOW_COST_MEDICAL, SELF_RELIANCE + LOANS),
    _j("医療費", LOW_COST_MEDICAL, ()),
    _j("保険証がない", LOW_COST_MEDICAL, SELF_RELIANCE),
    _j("障害", DISABILITY, DISABILITY_WORK),
    _j("障がい者", DISABILITY, DISABILITY_WORK, note="障がい spelling"),
    _j("計画相談", ("計画相談支援・障害福祉の相談",), ("障害者相談支援",)),
    _j("disability", DISABILITY, DISABILITY_WORK),
    _j("地域包括", ("地域包括支援センター {town}",), ("高齢者総合相談センター {town}",) + CARE),
    _j(
        "包括",
        ("地域包括支援センター {town}",),
        ("高齢者総合相談センター {town}",) + CARE,
        note="abbreviation",
    ),
    _j("高齢者", OLDER, CARE + ("高齢者の見守り訪問",)),
    _j("介護", CARE + OLDER, MONEY_MANAGEMENT),
    _j("介護保険", CARE, OLDER),
    _j("見守り", WATCHING, SUPPORTED_HOME + OLDER),
    _j("一人暮らしの高齢者", ("高齢者の見守り訪問",) + OLDER, WATCHING),
    _j("認知症", OLDER, CARE + MONEY_MANAGEMENT),
    _j("金銭管理", ("日常生活自立支援事業",), ("権利擁護センター（成年後見の相談）",) + BUDGET),
    _j("成年後見", ("権利擁護センター（成年後見の相談）",), ("日常生活自立支援事業",) + LEGAL),
    _j("older people", OLDER, CARE + ("高齢者の見守り訪問",)),
    # --- children and families ------------------------------------------------------------------
    _j("学習支援", STUDY, FOREIGN_STUDY),
    _j("無料塾", STUDY, FOREIGN_STUDY),
    _j("勉強を教えてほしい", STUDY, FOREIGN_STUDY),
    _j("高校受験", ("高校進学応援教室",), ("中学生の無料学習会", "学習支援教室")),
    _j("中学生", ("中学生の無料学習会",), STUDY),
    _j("子育て", PARENTING, SINGLE_PARENT + ABUSE),
    _j("子育て相談", ("子ども家庭支援センター 子育て相談",), ("子育てひろば",) + ABUSE),
    _j("ひとり親", SINGLE_PARENT, ("母子緊急シェルター",) + PARENTING),
    _j("シングルマザー", SINGLE_PARENT, ("母子緊急シェルター",) + PARENTING),
    _j("母子家庭", SINGLE_PARENT, ("母子緊急シェルター",) + PARENTING),
    _j("study support", STUDY, FOREIGN_STUDY),
    _j("single parent", SINGLE_PARENT, PARENTING),
    # --- legal ------------------------------------------------------------------------------------
    _j("法律相談", LEGAL, HOUTERASU + DEBT),
    _j("弁護士", LEGAL + HOUTERASU, DEBT),
    _j("無料 弁護士", LEGAL, HOUTERASU + DEBT),
    _j("法テラス", HOUTERASU, LEGAL + DEBT),
    _j("夜間 法律相談", ("夜間の無料法律相談",), LEGAL),
    _j("離婚", LEGAL + HOUTERASU, DV_ADVICE),
    _j("legal advice", LEGAL, HOUTERASU + DEBT),
    # --- place and need ---------------------------------------------------------------------------
    _j(
        "豊島区 フードバンク",
        FOOD_BANK,
        FOOD_TODAY + FOOD_DRIVE + FOOD_DELIVERY,
        municipality=TOSHIMA,
    ),
    _j("豊島区 子ども食堂", KODOMO_SHOKUDO, FAMILY_FOOD, municipality=TOSHIMA),
    _j("豊島区 家賃", HOUSING_BENEFIT, SELF_RELIANCE + HOME_SEARCH, municipality=TOSHIMA),
    _j("豊島区 借金", DEBT, HOUTERASU + LEGAL + BUDGET, municipality=TOSHIMA),
    _j("池袋 外国人", FOREIGN_ADVICE, JAPANESE, municipality=TOSHIMA),
    _j(
        "文京区 食料支援",
        FOOD_BANK + FOOD_TODAY,
        FOOD_DELIVERY + COMMUNITY_FOOD + FOOD_DRIVE,
        municipality=BUNKYO,
    ),
    _j("文京区 ひきこもり", HIKIKOMORI, IBASHO, municipality=BUNKYO),
    _j(
        "板橋区 就労",
        JOB_ADVICE + WORK_TRAINING,
        WORK_READINESS + DISABILITY_WORK,
        municipality=ITABASHI,
    ),
    _j("板橋区 シェルター", SHELTER + DV_SHELTER, (), municipality=ITABASHI),
    _j("北区 生活保護", SELF_RELIANCE, GENERAL_ADVICE + HARDSHIP + LOANS, municipality=KITA),
    _j("北区 子育て", PARENTING, SINGLE_PARENT, municipality=KITA),
    _j("王子 高齢者", OLDER, CARE + ("高齢者の見守り訪問",), municipality=KITA),
)
