"""The resource categories of PRODUCT.md, created once; moderators may add and rename after."""

from django.utils.translation import gettext_noop

TAXONOMY_NAME = gettext_noop("つなぐ 社会資源分類")

# (code, name, name_en, name_easy, [(code, name, name_en, name_easy), ...])
CATEGORIES: list[tuple[str, str, str, str, list[tuple[str, str, str, str]]]] = [
    (
        "food",
        "食料支援",
        "Food",
        "たべもの",
        [
            ("food-bank", "フードバンク", "Food bank", "フードバンク"),
            ("food-pantry", "食料品の配布", "Food distribution", "たべものを くばる"),
            ("kodomo-shokudo", "子ども食堂", "Children's cafeteria", "こども しょくどう"),
        ],
    ),
    (
        "housing",
        "住まい・居住支援",
        "Housing",
        "すむ ところ",
        [
            ("housing-support", "居住支援", "Housing support", "すむ ところの そうだん"),
            (
                "housing-benefit",
                "住居確保給付金",
                "Housing security benefit",
                "やちんの おかね（じゅうきょ かくほ きゅうふきん）",
            ),
            ("temporary-shelter", "一時生活支援", "Temporary shelter", "しばらく とまる ところ"),
        ],
    ),
    (
        "work",
        "就労支援",
        "Work",
        "しごと",
        [
            ("job-support", "就労支援", "Job support", "しごと"),
            ("work-readiness", "就労準備支援", "Work readiness", "はたらく じゅんび"),
            ("certified-training", "認定就労訓練", "Certified job training", "はたらく れんしゅう"),
        ],
    ),
    (
        "money",
        "家計・債務・貸付",
        "Money and debt",
        "おかね・しゃっきん",
        [
            (
                "household-budget",
                "家計改善支援",
                "Household budget support",
                "いえの おかねの そうだん",
            ),
            ("debt", "債務整理・借金の相談", "Debt advice", "しゃっきんの そうだん"),
            ("loan", "生活福祉資金の貸付", "Emergency loans", "おかねを かりる"),
        ],
    ),
    (
        "legal",
        "法律相談",
        "Legal help",
        "ほうりつの そうだん",
        [
            ("legal-consultation", "法律相談", "Legal consultation", "ほうりつの そうだん"),
            ("houterasu", "法テラス", "Japan Legal Support Center", "ほうテラス"),
        ],
    ),
    (
        "health",
        "医療・こころの健康",
        "Health",
        "びょうき・こころの けんこう",
        [
            (
                "low-cost-medical",
                "無料低額診療",
                "Free or low-cost medical care",
                "やすい・むりょうの しんさつ",
            ),
            ("mental-health", "こころの健康", "Mental health", "こころの けんこう"),
            (
                "addiction",
                "依存症の相談",
                "Addiction",
                "いぞんしょう（やめられない こと）の そうだん",
            ),
        ],
    ),
    (
        "children",
        "子育て・学習支援",
        "Children and education",
        "こそだて・べんきょう",
        [
            ("parenting", "子育て支援", "Parenting support", "こそだての てつだい"),
            ("study-support", "学習支援", "Study support", "べんきょうの てつだい"),
        ],
    ),
    (
        "older-people",
        "高齢・介護",
        "Older people",
        "おとしより・かいご",
        [
            (
                "community-care",
                "地域包括支援センター",
                "Community care centre",
                "ちいき ほうかつ しえん センター",
            ),
            ("care", "介護", "Care", "かいご"),
        ],
    ),
    (
        "disability",
        "障害",
        "Disability",
        "しょうがい",
        [
            (
                "disability-consultation",
                "障害の相談",
                "Disability consultation",
                "しょうがいの そうだん",
            ),
            (
                "disability-work",
                "障害のある方の就労",
                "Work for people with disabilities",
                "しょうがいの ある 人の しごと",
            ),
        ],
    ),
    (
        "foreign-residents",
        "外国人支援・多言語",
        "Foreign residents",
        "がいこくの 人・いろいろな ことば",
        [
            (
                "multilingual-consultation",
                "多言語の相談",
                "Multilingual consultation",
                "いろいろな ことばで そうだん",
            ),
            ("japanese-class", "日本語教室", "Japanese classes", "にほんごの きょうしつ"),
        ],
    ),
    (
        "safety",
        "DV・虐待・シェルター",
        "Violence and safety",
        "ぼうりょく・ぎゃくたい・シェルター",
        [
            ("dv", "DVの相談", "Domestic violence", "DV（ぼうりょく）の そうだん"),
            ("abuse", "虐待の相談", "Abuse", "ぎゃくたいの そうだん"),
            ("shelter", "シェルター", "Shelter", "シェルター（にげる ところ）"),
        ],
    ),
    (
        "daily-living",
        "居場所・見守り・ひきこもり",
        "Daily living and isolation",
        "いばしょ・みまもり・ひきこもり",
        [
            ("ibasho", "居場所", "Drop-in place", "いばしょ"),
            ("watching-over", "見守り", "Watching over", "みまもり"),
            (
                "hikikomori",
                "ひきこもりの相談",
                "Social withdrawal (hikikomori)",
                "ひきこもりの そうだん",
            ),
        ],
    ),
    (
        "consultation",
        "総合相談窓口",
        "Consultation desks",
        "そうだんの まどぐち",
        [
            (
                "self-reliance",
                "自立相談支援機関",
                "Self-reliance support centre",
                "くらしの そうだん（じりつ そうだん しえん）",
            ),
            ("general-consultation", "総合相談", "General consultation", "なんでも そうだん"),
        ],
    ),
]
