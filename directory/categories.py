"""The resource categories of PRODUCT.md, created once; moderators may add and rename after."""

from django.utils.translation import gettext_noop

TAXONOMY_NAME = gettext_noop("つなぐ 社会資源分類")

# (code, name, name_en, [(code, name, name_en), ...])
CATEGORIES: list[tuple[str, str, str, list[tuple[str, str, str]]]] = [
    (
        "food",
        "食料支援",
        "Food",
        [
            ("food-bank", "フードバンク", "Food bank"),
            ("food-pantry", "食料品の配布", "Food distribution"),
            ("kodomo-shokudo", "子ども食堂", "Children's cafeteria"),
        ],
    ),
    (
        "housing",
        "住まい・居住支援",
        "Housing",
        [
            ("housing-support", "居住支援", "Housing support"),
            ("housing-benefit", "住居確保給付金", "Housing security benefit"),
            ("temporary-shelter", "一時生活支援", "Temporary shelter"),
        ],
    ),
    (
        "work",
        "就労支援",
        "Work",
        [
            ("job-support", "就労支援", "Job support"),
            ("work-readiness", "就労準備支援", "Work readiness"),
            ("certified-training", "認定就労訓練", "Certified job training"),
        ],
    ),
    (
        "money",
        "家計・債務・貸付",
        "Money and debt",
        [
            ("household-budget", "家計改善支援", "Household budget support"),
            ("debt", "債務整理・借金の相談", "Debt advice"),
            ("loan", "生活福祉資金の貸付", "Emergency loans"),
        ],
    ),
    (
        "legal",
        "法律相談",
        "Legal help",
        [
            ("legal-consultation", "法律相談", "Legal consultation"),
            ("houterasu", "法テラス", "Japan Legal Support Center"),
        ],
    ),
    (
        "health",
        "医療・こころの健康",
        "Health",
        [
            ("low-cost-medical", "無料低額診療", "Free or low-cost medical care"),
            ("mental-health", "こころの健康", "Mental health"),
            ("addiction", "依存症の相談", "Addiction"),
        ],
    ),
    (
        "children",
        "子育て・学習支援",
        "Children and education",
        [
            ("parenting", "子育て支援", "Parenting support"),
            ("study-support", "学習支援", "Study support"),
        ],
    ),
    (
        "older-people",
        "高齢・介護",
        "Older people",
        [
            ("community-care", "地域包括支援センター", "Community care centre"),
            ("care", "介護", "Care"),
        ],
    ),
    (
        "disability",
        "障害",
        "Disability",
        [
            ("disability-consultation", "障害の相談", "Disability consultation"),
            ("disability-work", "障害のある方の就労", "Work for people with disabilities"),
        ],
    ),
    (
        "foreign-residents",
        "外国人支援・多言語",
        "Foreign residents",
        [
            ("multilingual-consultation", "多言語の相談", "Multilingual consultation"),
            ("japanese-class", "日本語教室", "Japanese classes"),
        ],
    ),
    (
        "safety",
        "DV・虐待・シェルター",
        "Violence and safety",
        [
            ("dv", "DVの相談", "Domestic violence"),
            ("abuse", "虐待の相談", "Abuse"),
            ("shelter", "シェルター", "Shelter"),
        ],
    ),
    (
        "daily-living",
        "居場所・見守り・ひきこもり",
        "Daily living and isolation",
        [
            ("ibasho", "居場所", "Drop-in place"),
            ("watching-over", "見守り", "Watching over"),
            ("hikikomori", "ひきこもりの相談", "Social withdrawal (hikikomori)"),
        ],
    ),
    (
        "consultation",
        "総合相談窓口",
        "Consultation desks",
        [
            ("self-reliance", "自立相談支援機関", "Self-reliance support centre"),
            ("general-consultation", "総合相談", "General consultation"),
        ],
    ),
]
