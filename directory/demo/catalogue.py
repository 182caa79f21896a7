"""What the demo organizations offer: kinds of organization, service templates, hours, words.

Data only, typed: the planner (``directory.demo.planner``) draws from it. The Japanese texts come
with their English and やさしい日本語 versions; everything here is invented.
"""

from __future__ import annotations

from dataclasses import dataclass

from directory.choices import (
    AccessibilityFeature,
    CertificationKind,
    CostCategory,
    DeliveryMode,
    ProviderType,
    TargetGroup,
)

# --- opening hours ---------------------------------------------------------------------------

_WEEKDAYS = "MO,TU,WE,TH,FR"
_EVERY_DAY = "MO,TU,WE,TH,FR,SA,SU"

# key → rows of (freq, byday, opens, closes); opens None = 24時間
HOURS: dict[str, tuple[tuple[str, str, str | None, str | None], ...]] = {
    "weekday": (("WEEKLY", _WEEKDAYS, "09:00", "17:00"),),
    "weekday_830": (("WEEKLY", _WEEKDAYS, "08:30", "17:15"),),
    "weekday_lunch": (
        ("WEEKLY", _WEEKDAYS, "09:00", "12:00"),
        ("WEEKLY", _WEEKDAYS, "13:00", "17:00"),
    ),
    "weekday_late": (("WEEKLY", _WEEKDAYS, "10:00", "19:00"),),
    "weekday_evening": (
        ("WEEKLY", _WEEKDAYS, "09:00", "17:00"),
        ("WEEKLY", "WE", "17:00", "21:00"),
    ),
    "evening": (("WEEKLY", "TU,TH", "17:00", "21:00"),),
    "weekday_saturday": (
        ("WEEKLY", _WEEKDAYS, "10:00", "18:00"),
        ("WEEKLY", "SA", "10:00", "15:00"),
    ),
    "saturday": (("WEEKLY", "SA", "10:00", "15:00"),),
    "weekend": (("WEEKLY", "SA,SU", "10:00", "16:00"),),
    "tue_fri": (("WEEKLY", "TU,WE,TH,FR", "13:00", "18:00"),),
    "monthly_2_4_we": (("MONTHLY", "2WE,4WE", "13:00", "16:00"),),
    "monthly_last_fr": (("MONTHLY", "-1FR", "18:00", "20:30"),),
    "monthly_1_3_sa": (("MONTHLY", "1SA,3SA", "11:00", "14:00"),),
    "kodomo_weekly": (("WEEKLY", "WE", "17:00", "19:30"),),
    "study_evening": (("WEEKLY", "TU,TH", "17:30", "20:30"), ("WEEKLY", "SA", "13:00", "16:00")),
    "overnight": (("WEEKLY", _EVERY_DAY, "22:00", "06:00"),),
    "night_line": (("WEEKLY", "FR,SA", "19:00", "02:00"),),
    "24h": (("WEEKLY", _EVERY_DAY, None, None),),
}
# Open on holidays too (shelters, hotlines, weekend-only services)
HOLIDAY_OPEN = {"overnight", "night_line", "24h", "weekend"}
NO_YEAR_END = {"overnight", "24h"}


# --- what organizations offer ----------------------------------------------------------------

_G = TargetGroup
_D = DeliveryMode


@dataclass(frozen=True, kw_only=True)
class ServiceTemplate:
    """A kind of service; the Japanese texts with their English and やさしい日本語 versions.

    ``names_en`` and ``names_easy`` run parallel to ``names`` (same length and order): the
    service gets the translations at the index its Japanese name was picked with. Placeholders
    ({city} {town} {word}) are filled with the same Japanese proper nouns in every language
    (docs/i18n.md: 豊島区 stays as written on the street).
    """

    names: tuple[str, ...]
    names_en: tuple[str, ...]
    names_easy: tuple[str, ...] = ()  # empty: the easy page falls back to the Japanese
    category: str  # top-level TaxonomyTerm code
    subcategory: str
    description: str  # {city} and {town} are filled in
    description_en: str
    description_easy: str = ""
    target_groups: tuple[str, ...] = (_G.ANYONE,)
    delivery: tuple[str, ...] = (_D.IN_PERSON, _D.PHONE)
    hours: tuple[str, ...] = ("weekday",)
    cost: str = CostCategory.FREE
    fees: str = ""
    eligibility: str = "{city}にお住まいの方"
    documents: tuple[str, ...] = ()
    application: str = "まずはお電話でご相談ください。"
    languages: tuple[tuple[str, ...], ...] = ()  # choices; empty = mostly Japanese only
    certification: str = ""
    public_interest: bool = False  # applied only when the provider is a 社会福祉法人
    shelter: bool = False  # given at the organization's undisclosed address
    min_age: int | None = None
    max_age: int | None = None
    hours_note: str = ""


@dataclass(frozen=True, kw_only=True)
class OrgKind:
    key: str
    provider_type: str
    names: tuple[str, ...]  # {word} {kana} {ward} {town} {dir} are filled in
    description: str
    services: tuple[ServiceTemplate, ...]
    unique: bool = False  # at most one per municipality (行政, 社協, 国際交流協会)
    weight: int = 0  # chance of being picked for the extra organizations
    service_weight: int = 1  # how many services it tends to have
    min_services: int = 1
    legal_status: str = ""


_ID_DOCS = ("本人確認書類（運転免許証、マイナンバーカード、在留カードなど）",)
_INCOME_DOCS = ("収入がわかるもの（給与明細、年金通知など）", "通帳")
_MULTI = (
    ("ja", "en", "zh", "ko", "vi", "ja-x-easy"),
    ("ja", "en", "zh", "vi", "ja-x-easy"),
    ("ja", "en", "ko", "ja-x-easy"),
    ("ja", "en", "zh", "ne", "tl", "ja-x-easy"),
)

FOOD_BANK = OrgKind(
    key="food_bank",
    provider_type=ProviderType.NPO,
    names=(
        "NPO法人 フードバンク{kana}{dir}",
        "NPO法人 {word}フードバンク",
        "NPO法人 フードシェア{word}",
    ),
    description=(
        "{ward}を中心に、企業や家庭から寄付された食品を生活に困っている方へ届けています。"
        "自立相談支援機関や社会福祉協議会と連携し、食品の受け渡しとあわせて相談先の紹介も行います。"
    ),
    services=(
        ServiceTemplate(
            names=("フードバンク 食品の無料配布", "食品の無料配布（フードパントリー）"),
            names_en=("Free food parcels (food bank)", "Free food distribution (food pantry)"),
            names_easy=(
                "フードバンク たべものを むりょうで わたします",
                "たべものを むりょうで わたします（フードパントリー）",
            ),
            category="food",
            subcategory="food-bank",
            description=(
                "お米、レトルト食品、缶詰など数日分の食品を無料でお渡しします。"
                "相談窓口からの紹介がなくても、{city}にお住まいの方ならどなたでも利用できます。"
                "持ち帰り用の袋をお持ちください。"
            ),
            description_en=(
                "Free food for a few days: rice, ready meals, tinned food and more. "
                "You do not need a referral: anyone living in {city} can come. "
                "Please bring a bag to carry the food home."
            ),
            description_easy=(
                "おこめ、レトルトの たべもの、かんづめなど、なんにちか ぶんの たべものを わたします。"
                "お金は いりません。"
                "{city}に すんで いる 人は だれでも つかえます。"
                "たべものを いれる ふくろを もって きて ください。"
            ),
            target_groups=(_G.ANYONE, _G.SINGLE_PARENT, _G.HOUSEHOLD_WITH_CHILDREN),
            delivery=(_D.IN_PERSON,),
            hours=("weekday_saturday", "saturday", "tue_fri"),
            eligibility="生活に困っている{city}在住・在勤の方",
            documents=("持ち帰り用の袋",),
            application="受付で名前と人数をお伝えください。予約は不要です。",
        ),
        ServiceTemplate(
            names=("食品の宅配（お届け便）", "ひとり親家庭への食品お届け"),
            names_en=("Food delivered to your home", "Food delivery for single-parent families"),
            names_easy=("たべものを いえに とどけます", "ひとり親の 家族に たべものを とどけます"),
            category="food",
            subcategory="food-pantry",
            description=(
                "来所が難しい方のご自宅へ、月に1回食品をお届けします。"
                "ボランティアが訪問し、困りごとがあれば相談窓口へおつなぎします。"
            ),
            description_en=(
                "If it is hard for you to come to us, we deliver food to your home once a month. "
                "A volunteer visits and, if you have any problems, puts you in touch with an advice service."
            ),
            description_easy=(
                "来る ことが むずかしい 人の いえに、1か月に 1回 たべものを とどけます。"
                "ボランティアが 行きます。"
                "こまった ことが あれば、そうだんの まどぐちに つなぎます。"
            ),
            target_groups=(_G.SINGLE_PARENT, _G.OLDER_PERSON, _G.DISABILITY),
            delivery=(_D.OUTREACH, _D.PHONE),
            hours=("weekday", "tue_fri"),
            eligibility="{city}在住で、来所が難しい方（相談機関からの紹介が必要です）",
            application="相談窓口の担当者からお申し込みください。",
        ),
        ServiceTemplate(
            names=("フードドライブ・食品の受付", "緊急食料支援"),
            names_en=("Food drive and same-day food help", "Emergency food support"),
            names_easy=("フードドライブ・たべものの うけつけ", "いそぎの たべものの しえん"),
            category="food",
            subcategory="food-bank",
            description=(
                "今日の食べ物に困っている方に、その日のうちに食品をお渡しします。"
                "相談員が話をうかがい、必要に応じて生活の相談窓口をご案内します。"
            ),
            description_en=(
                "If you have nothing to eat today, we give you food the same day. "
                "An adviser listens to you and, if needed, tells you where to get help with daily life."
            ),
            description_easy=(
                "きょう たべる ものが なくて こまって いる 人に、その日の うちに たべものを わたします。"
                "そうだんいんが はなしを きいて、ひつような ときは くらしの そうだんの まどぐちを おしえます。"
            ),
            hours=("weekday_lunch", "weekday"),
            documents=_ID_DOCS,
        ),
    ),
    weight=8,
    service_weight=2,
)

KODOMO_SHOKUDO = OrgKind(
    key="kodomo_shokudo",
    provider_type=ProviderType.VOLUNTARY_GROUP,
    names=("{word}子ども食堂", "子ども食堂 {word}", "{town}みんなの食堂"),
    description=(
        "地域のボランティアが集まり、子どもとその家族に温かいごはんを出しています。"
        "ひとりでも、親子でも、気軽に来られる{town}の居場所です。"
    ),
    services=(
        ServiceTemplate(
            names=("子ども食堂 みんなのごはん", "{town}こども食堂", "親子ランチの日"),
            names_en=(
                "Children's cafeteria: meals for everyone",
                "{town} children's cafeteria",
                "Parent and child lunch day",
            ),
            names_easy=(
                "子ども しょくどう みんなの ごはん",
                "{town} こども しょくどう",
                "親子 ランチの 日",
            ),
            category="food",
            subcategory="kodomo-shokudo",
            description=(
                "子どもは無料、大人は300円で夕ごはんを食べられます。"
                "宿題をしたり遊んだりできる時間もあります。"
                "食物アレルギーのある方は事前にお知らせください。"
            ),
            description_en=(
                "Dinner is free for children and 300 yen for adults. "
                "There is also time to do homework and play. "
                "If you have a food allergy, please tell us in advance."
            ),
            description_easy=(
                "子どもは むりょう、おとなは 300円で ばんごはんを たべられます。"
                "しゅくだいを したり、あそんだり できる 時間も あります。"
                "たべものの アレルギーが ある 人は、まえに おしえて ください。"
            ),
            target_groups=(_G.HOUSEHOLD_WITH_CHILDREN, _G.SINGLE_PARENT),
            delivery=(_D.IN_PERSON,),
            hours=("kodomo_weekly", "monthly_1_3_sa", "monthly_2_4_we"),
            cost=CostCategory.LOW_COST,
            fees="子ども無料、大人300円",
            eligibility="{city}の子どもとその家族（18歳まで）",
            max_age=18,
            application="予約は不要です。直接お越しください。",
        ),
        ServiceTemplate(
            names=("こども宅食", "食材のおすそわけ会"),
            names_en=("Food for families with children", "Food sharing day"),
            names_easy=("子どもの いる 家族に たべものを わたします", "たべものの おすそわけかい"),
            category="food",
            subcategory="food-pantry",
            description=(
                "子育て中の家庭に、お米や野菜などの食材をお渡しします。"
                "受け取りのときに、困りごとを気軽に話せます。"
            ),
            description_en=(
                "We give rice, vegetables and other food to families raising children. "
                "When you collect it, you can talk freely about any worries."
            ),
            description_easy=(
                "子どもを そだてて いる 家族に、おこめや やさいなどの たべものを わたします。"
                "うけとる ときに、こまって いる ことを きがるに はなせます。"
            ),
            target_groups=(_G.HOUSEHOLD_WITH_CHILDREN, _G.SINGLE_PARENT),
            delivery=(_D.IN_PERSON,),
            hours=("monthly_1_3_sa", "saturday"),
            eligibility="{city}在住の、18歳以下の子どもがいる世帯",
        ),
    ),
    weight=7,
)

SELF_RELIANCE_CENTRE = OrgKind(
    key="gov_self_reliance",
    provider_type=ProviderType.GOVERNMENT,
    names=("{ward} くらし・しごと相談支援センター",),
    legal_status="地方公共団体",
    description=(
        "生活困窮者自立支援法にもとづく{ward}の自立相談支援機関です。"
        "仕事、住まい、家計、借金など、生活の困りごとを一緒に整理し、支援プランをつくります。"
    ),
    services=(
        ServiceTemplate(
            names=("自立相談支援（くらしの総合相談）", "生活の困りごと相談"),
            names_en=(
                "Help with money, work and housing (self-reliance support)",
                "Advice on everyday problems",
            ),
            names_easy=(
                "くらしの こまりごと そうだん（じりつ そうだん しえん）",
                "くらしの こまりごとの そうだん",
            ),
            category="consultation",
            subcategory="self-reliance",
            description=(
                "仕事がない、家賃が払えない、借金があるなど、生活の困りごとをまとめて相談できます。"
                "相談支援員が一緒に状況を整理し、必要な支援につなぎます。"
                "秘密は守られます。"
            ),
            description_en=(
                "No job, cannot pay the rent, in debt? "
                "You can talk about all your problems in one place. "
                "A support worker helps you sort things out and connects you with the help you need. "
                "What you tell us is kept confidential."
            ),
            description_easy=(
                "しごとが ない、やちんが はらえない、かりた お金が あるなど、くらしの こまりごとを まとめて そうだん できます。"
                "そうだんいんが いっしょに かんがえて、ひつような たすけに つなぎます。"
                "はなした ことの ひみつは まもります。"
            ),
            delivery=(_D.IN_PERSON, _D.PHONE, _D.OUTREACH),
            hours=("weekday_830", "weekday_evening"),
            eligibility="{city}にお住まいで、生活に困っている方",
            documents=_ID_DOCS,
            application="電話で予約のうえ来所してください。来所が難しい場合は訪問もできます。",
            languages=(("ja", "ja-x-easy"), ("ja",), ("ja", "en", "ja-x-easy")),
        ),
        ServiceTemplate(
            names=("住居確保給付金の相談・申請",),
            names_en=("Help with rent (housing security benefit): advice and applications",),
            names_easy=("やちんの お金の たすけ（じゅうきょ かくほ きゅうふきん）",),
            category="housing",
            subcategory="housing-benefit",
            description=(
                "離職や収入の減少で家賃が払えなくなった方に、家賃相当額を原則3か月支給します。"
                "支給の条件（収入・資産）があるため、まずは相談してください。"
            ),
            description_en=(
                "If you lost your job or your income fell and you cannot pay the rent, this benefit pays an amount equal to your rent, usually for 3 months. "
                "There are conditions on income and savings, so please ask us first."
            ),
            description_easy=(
                "しごとを やめたり、お金が へったり して、やちんが はらえない 人に、やちんの お金を 3か月 わたします。"
                "もらえる きまり（お金や ちょきん）が あります。"
                "まず そうだん して ください。"
            ),
            target_groups=(_G.SINGLE, _G.SINGLE_PARENT, _G.YOUNG_PERSON),
            hours=("weekday_830",),
            eligibility="離職・廃業から2年以内、または収入が減った{city}在住の方（収入・資産の要件あり）",
            documents=_ID_DOCS + _INCOME_DOCS + ("賃貸借契約書",),
            application="相談窓口で申請書をお渡しします。",
        ),
        ServiceTemplate(
            names=("家計改善支援（家計相談）", "家計相談"),
            names_en=("Household budget support", "Budget advice"),
            names_easy=(
                "いえの お金の そうだん（かけい かいぜん しえん）",
                "いえの お金の そうだん",
            ),
            category="money",
            subcategory="household-budget",
            description=(
                "家計表をつくり、支出の見直しや滞納の整理を一緒に考えます。"
                "税金や公共料金の分納の相談にも同行します。"
            ),
            description_en=(
                "We draw up a household budget with you, look at your spending and sort out unpaid bills. "
                "We can also go with you when you ask to pay taxes and utility bills in instalments."
            ),
            description_easy=(
                "いえの 入る お金と 出る お金を いっしょに かきます。"
                "お金の つかいかたや、はらって いない お金の ことを いっしょに かんがえます。"
                "ぜいきんや でんき・ガス・水道の お金を すこしずつ はらう そうだんにも いっしょに 行きます。"
            ),
            hours=("weekday_830", "weekday_lunch"),
            documents=_INCOME_DOCS + ("家計簿やレシート（あれば）",),
            application="自立相談支援の窓口で申し込みます。",
        ),
        ServiceTemplate(
            names=("就労準備支援 プログラム", "就労準備支援事業"),
            names_en=("Getting ready for work programme", "Work readiness support"),
            names_easy=("はたらく じゅんびの プログラム", "はたらく じゅんびの しえん"),
            category="work",
            subcategory="work-readiness",
            description=(
                "すぐに働くことに不安がある方向けに、生活リズムを整える講座や職場体験を行います。"
                "半年から1年かけて、自分のペースで準備できます。"
            ),
            description_en=(
                "For people who feel unsure about starting work straight away: classes to build a daily routine, and work experience. "
                "Take six months to a year to get ready at your own pace."
            ),
            description_easy=(
                "すぐに はたらくのが しんぱいな 人の ための プログラムです。"
                "まいにちの 生活の リズムを ととのえたり、しごとを ためしたり します。"
                "はんとしから 1年 かけて、じぶんの ペースで じゅんび できます。"
            ),
            target_groups=(_G.YOUNG_PERSON, _G.SINGLE, _G.PUBLIC_ASSISTANCE),
            hours=("weekday", "tue_fri"),
            eligibility="{city}在住で、就労に向けた準備が必要な方（おおむね15歳〜64歳）",
            min_age=15,
            max_age=64,
        ),
        ServiceTemplate(
            names=("子ども家庭支援センター 子育て相談",),
            names_en=("Child and family support centre: parenting advice",),
            names_easy=("子どもと 家族の しえん センター 子そだての そうだん",),
            category="children",
            subcategory="parenting",
            description=(
                "子育ての悩み、子どもの発達、家族関係などの相談を受けています。"
                "必要に応じて家庭訪問も行います。"
            ),
            description_en=(
                "Advice on parenting worries, your child's development, family relationships and more. "
                "We can also visit you at home if needed."
            ),
            description_easy=(
                "子そだての なやみ、子どもの そだち、家族の ことなどを そうだん できます。"
                "ひつような ときは いえにも 行きます。"
            ),
            target_groups=(_G.HOUSEHOLD_WITH_CHILDREN, _G.SINGLE_PARENT),
            delivery=(_D.IN_PERSON, _D.PHONE, _D.OUTREACH),
            hours=("weekday_830",),
            eligibility="{city}在住の、18歳未満の子どもがいる家庭",
        ),
        ServiceTemplate(
            names=("女性相談（DV相談）",),
            names_en=("Advice for women (domestic violence)",),
            names_easy=("女性の そうだん（DVの そうだん）",),
            category="safety",
            subcategory="dv",
            description=(
                "配偶者やパートナーからの暴力、つきまといなどの相談を受けています。"
                "相談内容が外にもれることはありません。緊急の保護についても相談できます。"
            ),
            description_en=(
                "Advice on violence from a spouse or partner, stalking and similar problems. "
                "What you tell us stays private. "
                "You can also ask about emergency protection."
            ),
            description_easy=(
                "つまや おっと、パートナーからの ぼうりょく、つきまといなどを そうだん できます。"
                "そうだんした ことは ほかの 人に しられません。"
                "いそいで にげて まもって もらう ことも そうだん できます。"
            ),
            target_groups=(_G.ANYONE,),
            delivery=(_D.IN_PERSON, _D.PHONE),
            hours=("weekday_830",),
            eligibility="どなたでも",
        ),
    ),
    unique=True,
    service_weight=4,
    min_services=2,
)

SHAKYO = OrgKind(
    key="shakyo",
    provider_type=ProviderType.COUNCIL_OF_SOCIAL_WELFARE,
    names=("社会福祉法人 {ward}社会福祉協議会",),
    legal_status="社会福祉法人",
    description=(
        "{ward}の地域福祉をすすめる社会福祉協議会です。"
        "生活福祉資金の貸付、ボランティアセンター、地域の見守り活動の支援などを行っています。"
    ),
    services=(
        ServiceTemplate(
            names=("生活福祉資金の貸付相談", "緊急小口資金の相談"),
            names_en=("Welfare fund loans: advice", "Emergency small loans: advice"),
            names_easy=(
                "くらしの お金を かりる そうだん",
                "いそぎで すこし お金を かりる そうだん",
            ),
            category="money",
            subcategory="loan",
            description=(
                "一時的に生活費が足りないときなどに、無利子または低い利子でお金を借りられる制度です。"
                "返済の計画も一緒に考えます。自立相談支援機関と連携して支援します。"
            ),
            description_en=(
                "If you are short of money for living costs for a while, you can borrow with no interest or low interest. "
                "We work out a repayment plan with you, together with the self-reliance support centre."
            ),
            description_easy=(
                "くらしの お金が しばらく たりない ときに、りしが ない、または すくない お金を かりられます。"
                "かえす けいかくも いっしょに かんがえます。"
                "じりつ そうだんの まどぐちと いっしょに たすけます。"
            ),
            target_groups=(_G.ANYONE, _G.OLDER_PERSON, _G.DISABILITY),
            hours=("weekday_830",),
            documents=_ID_DOCS + _INCOME_DOCS + ("住民票",),
            eligibility="{city}在住の低所得世帯、高齢者世帯、障害者世帯",
            application="電話で予約してください。審査があります。",
        ),
        ServiceTemplate(
            names=("ふれあいサロン・見守り活動", "地域の見守り（ふれあい訪問）"),
            names_en=("Community salon and check-in visits", "Neighbourhood check-in visits"),
            names_easy=("ふれあい サロン・みまもり", "ちいきの みまもり（ふれあい ほうもん）"),
            category="daily-living",
            subcategory="watching-over",
            description=(
                "ひとり暮らしの高齢者などを、地域のボランティアが定期的に訪問します。"
                "近所のサロンでお茶を飲みながら話せる場もあります。"
            ),
            description_en=(
                "Local volunteers regularly visit older people who live alone, and others. "
                "There is also a salon nearby where you can chat over a cup of tea."
            ),
            description_easy=(
                "ひとりで くらす おとしよりなどの いえに、ちいきの ボランティアが ときどき 行きます。"
                "ちかくの サロンで おちゃを のみながら はなせる ところも あります。"
            ),
            target_groups=(_G.OLDER_PERSON, _G.SINGLE),
            delivery=(_D.OUTREACH, _D.IN_PERSON),
            hours=("monthly_2_4_we", "weekday"),
        ),
        ServiceTemplate(
            names=("フードドライブ・食料支援", "食の緊急支援"),
            names_en=("Food support (food drive)", "Emergency food support"),
            names_easy=("たべものの しえん（フードドライブ）", "いそぎの たべものの しえん"),
            category="food",
            subcategory="food-pantry",
            description=(
                "区民から寄せられた食品を、相談窓口を通じて困っている方にお渡しします。"
                "相談の中で必要と判断された方が対象です。"
            ),
            description_en=(
                "Food donated by local residents is given to people in need through advice services. "
                "It is for people whose adviser has found that they need it."
            ),
            description_easy=(
                "まちの 人から あつめた たべものを、そうだんの まどぐちから こまって いる 人に わたします。"
                "そうだんの なかで ひつようと きまった 人が つかえます。"
            ),
            hours=("weekday_830",),
            eligibility="相談機関から紹介された{city}在住の方",
            application="自立相談支援機関などの担当者から連絡してください。",
        ),
        ServiceTemplate(
            names=("福祉の総合相談（よろず相談）",),
            names_en=("General welfare advice (ask us anything)",),
            names_easy=("ふくしの なんでも そうだん",),
            category="consultation",
            subcategory="general-consultation",
            description=(
                "どこに相談すればよいかわからないことを、まず受け止める窓口です。"
                "地域福祉コーディネーターが適切な窓口や地域の活動につなぎます。"
            ),
            description_en=(
                "Not sure where to go for help? "
                "Start here. "
                "A community welfare coordinator connects you with the right service or local activity."
            ),
            description_easy=(
                "どこに そうだん すれば よいか わからない ときに、まず はなしを きく まどぐちです。"
                "コーディネーターが あう まどぐちや ちいきの かつどうに つなぎます。"
            ),
            delivery=(_D.IN_PERSON, _D.PHONE, _D.OUTREACH),
            hours=("weekday_830", "weekday_lunch"),
        ),
        ServiceTemplate(
            names=("権利擁護センター（成年後見の相談）", "日常生活自立支援事業"),
            names_en=(
                "Rights advocacy centre (adult guardianship advice)",
                "Help with managing money and welfare services",
            ),
            names_easy=(
                "けんり ようご センター（せいねん こうけんの そうだん）",
                "くらしの てつづきと お金の かんりの てつだい",
            ),
            category="older-people",
            subcategory="care",
            description=(
                "判断能力に不安がある方の福祉サービスの利用手続きやお金の管理を手伝います。"
                "成年後見制度の相談もできます。"
            ),
            description_en=(
                "For people who find it hard to make decisions: we help with applying for welfare services and with managing money. "
                "You can also ask about adult guardianship."
            ),
            description_easy=(
                "じぶんで きめる ことが むずかしい 人の、ふくしの サービスの てつづきや お金の かんりを てつだいます。"
                "せいねん こうけん せいど（かわりに きめる 人を きめる しくみ）の そうだんも できます。"
            ),
            target_groups=(_G.OLDER_PERSON, _G.DISABILITY),
            hours=("weekday_830",),
            cost=CostCategory.LOW_COST,
            fees="1回1,200円（生活保護の方は無料）",
        ),
    ),
    unique=True,
    service_weight=4,
    min_services=2,
)

HOUSING = OrgKind(
    key="housing",
    provider_type=ProviderType.COMPANY,
    names=(
        "株式会社 {word}住まいサポート",
        "一般社団法人 {kana}居住支援センター",
        "NPO法人 住まいの{word}",
    ),
    description=(
        "住宅確保要配慮者の住まい探しを支える居住支援法人です。"
        "不動産会社や大家さんと連携し、入居前の相談から入居後の見守りまで支援します。"
    ),
    services=(
        ServiceTemplate(
            names=("居住支援 住まい探し相談", "お部屋探しの同行支援"),
            names_en=(
                "Housing support: help finding a home",
                "Flat-hunting support (we go with you)",
            ),
            names_easy=("すまい さがしの そうだん", "へや さがしに いっしょに 行きます"),
            category="housing",
            subcategory="housing-support",
            description=(
                "保証人がいない、高齢で断られたなど、部屋探しに困っている方の相談を受けます。"
                "物件探しや内見、契約に同行し、入居後の見守りも行います。"
            ),
            description_en=(
                "For people who have trouble finding a place to rent, for example because they have no guarantor or were turned down for their age. "
                "We go with you to search, view and sign, and keep in touch after you move in."
            ),
            description_easy=(
                "ほしょうにんが いない、としを とって いるので ことわられたなど、へや さがしに こまって いる 人の そうだんを ききます。"
                "へやを さがす とき、見に 行く とき、けいやくの ときに いっしょに 行きます。"
                "すんだ あとも ようすを 見に 行きます。"
            ),
            target_groups=(_G.OLDER_PERSON, _G.SINGLE, _G.DISABILITY, _G.FOREIGN_NATIONAL),
            hours=("weekday_late", "weekday_saturday"),
            certification=CertificationKind.HOUSING_SUPPORT_CORPORATION,
            documents=_ID_DOCS + _INCOME_DOCS,
            languages=(("ja",), ("ja", "en"), ("ja", "zh", "en")),
        ),
        ServiceTemplate(
            names=("一時生活支援 シェルター", "緊急一時宿泊（シェルター）"),
            names_en=("Temporary shelter", "Emergency overnight stay (shelter)"),
            names_easy=(
                "しばらく とまれる ところ（シェルター）",
                "いそぎで とまれる ところ（シェルター）",
            ),
            category="housing",
            subcategory="temporary-shelter",
            description=(
                "住む場所を失った方に、一時的な宿泊場所と食事を提供します。"
                "滞在中に相談員と次の住まいを探します。"
            ),
            description_en=(
                "A temporary place to stay, with meals, for people who have lost their home. "
                "While you stay, a support worker helps you find your next home."
            ),
            description_easy=(
                "すむ ところが なくなった 人に、しばらく とまる ところと ごはんを わたします。"
                "とまって いる あいだに、そうだんいんと つぎの すまいを さがします。"
            ),
            target_groups=(_G.SINGLE, _G.YOUNG_PERSON),
            delivery=(_D.IN_PERSON,),
            hours=("overnight",),
            eligibility="住まいのない方（自立相談支援機関からの紹介が必要です）",
            application="自立相談支援機関の担当者から連絡してください。",
            hours_note="夜22時から翌朝6時まで入れます。日中の相談は事務所で受けます。",
        ),
        ServiceTemplate(
            names=("見守り付き住宅の紹介",),
            names_en=("Homes with regular check-ins",),
            names_easy=("みまもりの ある いえの しょうかい",),
            category="housing",
            subcategory="housing-support",
            description=(
                "スタッフが定期的に訪問する、見守り付きの賃貸住宅を紹介しています。"
                "家賃は住宅扶助の範囲内の物件もあります。"
            ),
            description_en=(
                "We introduce rented homes where staff visit regularly. "
                "Some have rents within the public assistance housing allowance."
            ),
            description_easy=(
                "スタッフが ときどき 見に 来る、かりる いえを しょうかい します。"
                "せいかつ ほごの やちんの お金で すめる いえも あります。"
            ),
            target_groups=(_G.OLDER_PERSON, _G.PUBLIC_ASSISTANCE, _G.SINGLE),
            hours=("weekday",),
            cost=CostCategory.FEE,
            fees="家賃は物件により異なります",
        ),
    ),
    weight=5,
    service_weight=2,
)

WORK = OrgKind(
    key="work",
    provider_type=ProviderType.SOCIAL_WELFARE_CORPORATION,
    names=("社会福祉法人 {word}会", "NPO法人 {word}ワークス", "株式会社 {word}ファーム"),
    description=(
        "働きづらさを抱える方の就労を、作業の場と相談の両面から支えています。"
        "清掃、農作業、軽作業などの仕事を通じて、一人ひとりのペースに合わせた支援を行います。"
    ),
    services=(
        ServiceTemplate(
            names=("認定就労訓練（中間的就労）", "就労訓練事業 清掃・軽作業"),
            names_en=(
                "Certified work training (supported work)",
                "Work training: cleaning and light work",
            ),
            names_easy=(
                "しごとの れんしゅう（にんてい）",
                "しごとの れんしゅう そうじ・かるい しごと",
            ),
            category="work",
            subcategory="certified-training",
            description=(
                "支援を受けながら、清掃や軽作業などの仕事を体験できます。"
                "雇用型と非雇用型があり、働く時間は相談して決めます。"
                "自立相談支援機関のあっせんが必要です。"
            ),
            description_en=(
                "Try work such as cleaning and light tasks, with support. "
                "There are paid and unpaid placements, and your working hours are agreed with you. "
                "You need a referral from the self-reliance support centre."
            ),
            description_easy=(
                "たすけを うけながら、そうじや かるい しごとを ためせます。"
                "きゅうりょうが ある ものと ない ものが あります。"
                "はたらく 時間は そうだんして きめます。"
                "じりつ そうだんの まどぐちからの しょうかいが ひつようです。"
            ),
            target_groups=(_G.YOUNG_PERSON, _G.SINGLE, _G.PUBLIC_ASSISTANCE),
            delivery=(_D.IN_PERSON,),
            hours=("weekday", "weekday_lunch"),
            certification=CertificationKind.WORK_TRAINING,
            public_interest=True,
            eligibility="自立相談支援機関からあっせんを受けた方",
            application="自立相談支援機関の担当者から連絡してください。見学できます。",
        ),
        ServiceTemplate(
            names=("就労相談・職場見学", "しごと相談会"),
            names_en=("Job advice and workplace visits", "Job advice sessions"),
            names_easy=("しごとの そうだん・しょくば けんがく", "しごとの そうだんかい"),
            category="work",
            subcategory="job-support",
            description=(
                "仕事探しの相談、履歴書の書き方、面接の練習を行います。"
                "協力企業での職場見学もできます。"
            ),
            description_en=(
                "Help with looking for work, writing a CV and practising for interviews. "
                "You can also visit workplaces at partner companies."
            ),
            description_easy=(
                "しごと さがしの そうだん、りれきしょの かきかた、めんせつの れんしゅうを します。"
                "きょうりょく して いる かいしゃに しごとを 見に 行く ことも できます。"
            ),
            target_groups=(_G.YOUNG_PERSON, _G.SINGLE, _G.SINGLE_PARENT),
            hours=("weekday_late", "tue_fri", "weekday_evening"),
            languages=(("ja",), ("ja", "ja-x-easy")),
        ),
        ServiceTemplate(
            names=("就労準備 生活リズム講座",),
            names_en=("Getting ready for work: daily routine course",),
            names_easy=("はたらく じゅんび 生活の リズムの こうざ",),
            category="work",
            subcategory="work-readiness",
            description=(
                "朝決まった時間に通うことから始め、軽い作業やグループワークで働く準備をします。"
                "ひきこもりの経験がある方も参加しています。"
            ),
            description_en=(
                "Start by coming in at a set time each morning, then prepare for work with light tasks and group work. "
                "Some participants have spent a long time withdrawn at home (hikikomori)."
            ),
            description_easy=(
                "まず あさ きまった 時間に かよう ことから はじめます。"
                "かるい しごとや グループワークで、はたらく じゅんびを します。"
                "ひきこもりだった 人も さんか して います。"
            ),
            target_groups=(_G.YOUNG_PERSON,),
            hours=("tue_fri",),
            min_age=15,
            max_age=49,
        ),
    ),
    weight=5,
    service_weight=2,
)

SOCIAL_WELFARE_CORP = OrgKind(
    key="swc",
    provider_type=ProviderType.SOCIAL_WELFARE_CORPORATION,
    names=("社会福祉法人 {word}", "社会福祉法人 {word}福祉会", "社会福祉法人 みどりの杜"),
    legal_status="社会福祉法人",
    description=(
        "{ward}で特別養護老人ホームや保育園を運営する社会福祉法人です。"
        "「地域における公益的な取組」として、施設の場と人材を生かした地域の支援に取り組んでいます。"
    ),
    services=(
        ServiceTemplate(
            names=("地域の食堂（公益的な取組）", "食料品の提供（地域公益活動）"),
            names_en=(
                "Community kitchen (community service)",
                "Food for people in need (community service)",
            ),
            names_easy=("ちいきの しょくどう", "たべものを わたします（ちいきの かつどう）"),
            category="food",
            subcategory="food-pantry",
            description=(
                "施設の厨房を使って、生活に困っている方にお弁当や食料品を提供しています。"
                "社会福祉法人の「地域における公益的な取組」です。"
            ),
            description_en=(
                "We use our care home's kitchen to provide packed meals and food to people who are struggling. "
                "This is a community service run by a social welfare corporation."
            ),
            description_easy=(
                "しせつの だいどころで つくった おべんとうや たべものを、こまって いる 人に わたします。"
                "しゃかい ふくし ほうじんが ちいきの ために して いる かつどうです。"
            ),
            delivery=(_D.IN_PERSON,),
            hours=("monthly_2_4_we", "monthly_last_fr"),
            public_interest=True,
        ),
        ServiceTemplate(
            names=("居場所カフェ", "地域の居場所 えんがわ"),
            names_en=("Drop-in café", "Community drop-in space えんがわ"),
            names_easy=("いばしょ カフェ", "ちいきの いばしょ えんがわ"),
            category="daily-living",
            subcategory="ibasho",
            description=(
                "施設の一角を開放した、誰でも立ち寄れるカフェです。"
                "お茶は無料で、職員が困りごとの相談にものります。"
            ),
            description_en=(
                "A café in a corner of our facility that anyone can drop into. "
                "Tea is free, and staff are happy to listen if you have a problem."
            ),
            description_easy=(
                "しせつの 中に ある、だれでも 来られる カフェです。"
                "おちゃは むりょうです。"
                "こまった ことが あれば、しょくいんに そうだん できます。"
            ),
            target_groups=(_G.ANYONE, _G.OLDER_PERSON),
            delivery=(_D.IN_PERSON,),
            hours=("tue_fri", "weekend"),
            public_interest=True,
        ),
        ServiceTemplate(
            names=("介護の相談窓口", "介護サービスの利用相談"),
            names_en=("Care advice desk", "Advice on using care services"),
            names_easy=("かいごの そうだん まどぐち", "かいごの サービスの そうだん"),
            category="older-people",
            subcategory="care",
            description=(
                "介護保険サービスの使い方、施設の入所などの相談を受けます。"
                "ケアマネジャーが在籍しています。"
            ),
            description_en=(
                "Advice on how to use long-term care insurance services, moving into a care home and more. "
                "A care manager is on the staff."
            ),
            description_easy=(
                "かいご ほけんの サービスの つかいかたや、しせつに はいる ことなどを そうだん できます。"
                "ケアマネジャーが います。"
            ),
            target_groups=(_G.OLDER_PERSON,),
            hours=("weekday",),
        ),
        ServiceTemplate(
            names=("生計困難者への相談支援（東京都社会福祉協議会 地域公益活動）",),
            names_en=(
                "Advice for people struggling to make ends meet (community service with 東京都社会福祉協議会)",
            ),
            names_easy=("お金に こまって いる 人の そうだん",),
            category="money",
            subcategory="household-budget",
            description=(
                "経済的に困っている方の相談を受け、必要な場合は食料や日用品などの現物給付を行います。"
                "社会福祉法人が協力して行う地域公益活動です。"
            ),
            description_en=(
                "We listen to people in financial difficulty and, where needed, give food, daily necessities and other goods. "
                "Social welfare corporations run this together as a community service."
            ),
            description_easy=(
                "お金に こまって いる 人の そうだんを ききます。"
                "ひつような ときは、たべものや 生活に つかう ものを わたします。"
                "しゃかい ふくし ほうじんが いっしょに して いる かつどうです。"
            ),
            hours=("weekday",),
            public_interest=True,
        ),
        ServiceTemplate(
            names=("就労訓練（施設の清掃・調理補助）",),
            names_en=("Work training (cleaning and kitchen help at a care home)",),
            names_easy=("しごとの れんしゅう（しせつの そうじ・りょうりの てつだい）",),
            category="work",
            subcategory="certified-training",
            description=(
                "特別養護老人ホームの清掃や調理補助の仕事で、働く経験を積むことができます。"
                "職員がそばで支え、慣れてきたら雇用契約に切り替えることもできます。"
            ),
            description_en=(
                "Gain work experience cleaning or helping in the kitchen at a care home for older people. "
                "Staff support you, and once you are used to the work you can move to an employment contract."
            ),
            description_easy=(
                "おとしよりの しせつで、そうじや りょうりの てつだいを して、はたらく れんしゅうを します。"
                "しょくいんが そばで たすけます。"
                "なれたら、やとわれて はたらく ことも できます。"
            ),
            target_groups=(_G.YOUNG_PERSON, _G.SINGLE),
            delivery=(_D.IN_PERSON,),
            hours=("weekday_lunch",),
            certification=CertificationKind.WORK_TRAINING,
            public_interest=True,
            eligibility="自立相談支援機関からあっせんを受けた方",
        ),
    ),
    weight=6,
    service_weight=2,
)

LEGAL = OrgKind(
    key="legal",
    provider_type=ProviderType.GENERAL_INCORPORATED_ASSOCIATION,
    names=(
        "一般社団法人 {word}法律支援ネット",
        "弁護士法人 {word}法律事務所",
        "一般社団法人 くらしと法律{kana}",
    ),
    description=(
        "弁護士・司法書士が中心となり、お金がなくても法律の専門家に相談できる機会をつくっています。"
        "借金、離婚、相続、労働問題など、暮らしの法律問題に対応します。"
    ),
    services=(
        ServiceTemplate(
            names=("無料法律相談会", "夜間の無料法律相談"),
            names_en=("Free legal advice sessions", "Free evening legal advice"),
            names_easy=("むりょうの ほうりつ そうだん", "よるの むりょう ほうりつ そうだん"),
            category="legal",
            subcategory="legal-consultation",
            description=(
                "弁護士が1人30分まで無料で相談にのります。"
                "借金、離婚、相続、労働、近所のトラブルなど、どんな内容でもかまいません。"
                "予約制です。"
            ),
            description_en=(
                "A lawyer gives free advice for up to 30 minutes per person. "
                "Debt, divorce, inheritance, work, trouble with neighbours: any subject is fine. "
                "Appointments needed."
            ),
            description_easy=(
                "べんごしが 1人 30分まで むりょうで そうだんを ききます。"
                "かりた お金、りこん、そうぞく、しごと、きんじょの トラブルなど、なんでも だいじょうぶです。"
                "よやくが ひつようです。"
            ),
            hours=("monthly_2_4_we", "monthly_last_fr", "monthly_1_3_sa"),
            documents=("相談内容に関係する書類（契約書、督促状など）",),
            application="前日までに電話で予約してください。",
        ),
        ServiceTemplate(
            names=("借金・債務整理の相談", "多重債務相談"),
            names_en=("Debt advice", "Advice on multiple debts"),
            names_easy=("しゃっきん（かりた お金）の そうだん", "たくさんの しゃっきんの そうだん"),
            category="money",
            subcategory="debt",
            description=(
                "借金の返済に困っている方の相談を受けます。"
                "任意整理、自己破産などの手続きについて説明し、費用は法テラスの立替制度も使えます。"
            ),
            description_en=(
                "Advice for people struggling to pay back debts. "
                "We explain procedures such as debt settlement and bankruptcy, and 法テラス can pay the costs for you up front."
            ),
            description_easy=(
                "かりた お金を かえせなくて こまって いる 人の そうだんを ききます。"
                "しゃっきんを せいりする てつづきや、じこはさんの てつづきを せつめい します。"
                "ひようは 法テラスが さきに はらう しくみも つかえます。"
            ),
            target_groups=(_G.ANYONE,),
            hours=("weekday_late", "evening"),
            documents=("借入先と金額がわかるもの（契約書、督促状など）",),
        ),
        ServiceTemplate(
            names=("法テラス（民事法律扶助）の利用相談",),
            names_en=("Help using 法テラス (legal aid)",),
            names_easy=("法テラス（ほうてらす）を つかう そうだん",),
            category="legal",
            subcategory="houterasu",
            description=(
                "収入が一定以下の方は、法テラスの民事法律扶助で無料相談や費用の立替を受けられます。"
                "利用の条件や申し込み方法をご案内します。"
            ),
            description_en=(
                "If your income and savings are below a certain level, 法テラス civil legal aid gives free legal advice and can pay legal costs for you up front. "
                "We explain the conditions and how to apply."
            ),
            description_easy=(
                "お金が すくない 人は、法テラスで むりょうの そうだんが できます。"
                "べんごしの お金を さきに はらって もらう ことも できます。"
                "つかえる きまりと もうしこみかたを おしえます。"
            ),
            hours=("weekday",),
            documents=_INCOME_DOCS,
            eligibility="収入・資産が一定の基準以下の方",
        ),
    ),
    weight=3,
    service_weight=2,
)

MEDICAL = OrgKind(
    key="medical",
    provider_type=ProviderType.MEDICAL_CORPORATION,
    names=("医療法人社団 {word}会 {town}クリニック", "医療法人社団 {word}会"),
    legal_status="医療法人社団",
    description=(
        "{town}の診療所です。経済的な理由で受診をためらう方のため、無料低額診療事業を行っています。"
        "医療ソーシャルワーカーが生活の相談にも対応します。"
    ),
    services=(
        ServiceTemplate(
            names=("無料低額診療", "無料低額診療事業（医療費の減免）"),
            names_en=(
                "Free or low-cost medical care",
                "Free or low-cost medical care (reduced medical bills)",
            ),
            names_easy=(
                "むりょうか やすい お金で みて もらえる びょういん",
                "びょういんの お金が むりょうか やすく なります",
            ),
            category="health",
            subcategory="low-cost-medical",
            description=(
                "経済的な理由で医療費の支払いが難しい方の自己負担を、無料または減額します。"
                "保険証がない方も相談できます。まず医療相談室におたずねください。"
            ),
            description_en=(
                "If you cannot afford medical bills, your share of the cost is waived or reduced. "
                "You can ask even if you have no health insurance card. "
                "Please ask at the medical social work office first."
            ),
            description_easy=(
                "お金が なくて びょういんの お金を はらえない 人は、はらう お金が むりょう または やすく なります。"
                "ほけんしょうが ない 人も そうだん できます。"
                "まず いりょう そうだんしつで きいて ください。"
            ),
            target_groups=(_G.ANYONE, _G.FOREIGN_NATIONAL),
            delivery=(_D.IN_PERSON,),
            hours=("weekday_lunch", "weekday_saturday"),
            cost=CostCategory.LOW_COST,
            fees="収入に応じて医療費の自己負担を全額または一部減免",
            documents=_ID_DOCS + _INCOME_DOCS,
            languages=(("ja",), ("ja", "en")),
        ),
        ServiceTemplate(
            names=("こころの相談外来", "こころの健康相談"),
            names_en=("Mental health outpatient clinic", "Mental health advice"),
            names_easy=("こころの そうだん（びょういん）", "こころの けんこうの そうだん"),
            category="health",
            subcategory="mental-health",
            description=(
                "眠れない、気分が落ち込むなど、こころの不調の相談を受けます。"
                "精神保健福祉士が福祉制度の利用も一緒に考えます。"
            ),
            description_en=(
                "Help if you cannot sleep, feel low or are struggling mentally. "
                "A psychiatric social worker can also help you use welfare services."
            ),
            description_easy=(
                "ねむれない、きもちが おちこむなど、こころの ちょうしが わるい ときの そうだんを ききます。"
                "ふくしの せいどの つかいかたも いっしょに かんがえます。"
            ),
            hours=("weekday_late",),
            cost=CostCategory.FEE,
            fees="保険診療（自立支援医療が使えます）",
            documents=("健康保険証",),
        ),
    ),
    weight=3,
    service_weight=1,
)

MENTAL_HEALTH_NPO = OrgKind(
    key="mental",
    provider_type=ProviderType.NPO,
    names=("NPO法人 こころの{word}", "NPO法人 {word}リカバリーネット"),
    description=(
        "精神的な不調や依存症からの回復を支えるNPOです。"
        "当事者や家族のピアサポート、電話相談を行っています。"
    ),
    services=(
        ServiceTemplate(
            names=("こころの相談 電話", "夜間のこころの電話相談"),
            names_en=(
                "Someone to talk to: phone line",
                "Evening phone line when you are struggling",
            ),
            names_easy=("こころの そうだん でんわ", "よるの こころの でんわ そうだん"),
            category="health",
            subcategory="mental-health",
            description=(
                "つらい気持ちを誰かに聞いてほしいときに電話できます。"
                "研修を受けた相談員が、匿名で話を聞きます。"
            ),
            description_en=(
                "Call when you need someone to listen to how you feel. "
                "A trained listener hears you out; you do not have to give your name."
            ),
            description_easy=(
                "つらい きもちを だれかに きいて ほしい ときに でんわ できます。"
                "べんきょうした そうだんいんが はなしを ききます。"
                "なまえを いわなくても だいじょうぶです。"
            ),
            delivery=(_D.PHONE,),
            hours=("night_line", "evening"),
            eligibility="どなたでも",
        ),
        ServiceTemplate(
            names=("依存症の家族相談", "ギャンブル・アルコール依存の相談会"),
            names_en=(
                "Addiction advice for families",
                "Gambling and alcohol addiction advice sessions",
            ),
            names_easy=(
                "いぞんしょうの 家族の そうだん",
                "ギャンブルや おさけが やめられない 人の そうだんかい",
            ),
            category="health",
            subcategory="addiction",
            description=(
                "アルコール、ギャンブル、薬物などの依存症で困っている本人や家族の相談を受けます。"
                "月に2回、家族のための勉強会もあります。"
            ),
            description_en=(
                "Advice for people affected by addiction to alcohol, gambling, drugs and more, and for their families. "
                "There are also study sessions for families twice a month."
            ),
            description_easy=(
                "おさけ、ギャンブル、くすりなどが やめられなくて こまって いる 人や 家族の そうだんを ききます。"
                "1か月に 2回、家族の ための べんきょうかいも あります。"
            ),
            hours=("monthly_2_4_we", "monthly_last_fr"),
            eligibility="どなたでも",
        ),
    ),
    weight=2,
)

STUDY = OrgKind(
    key="study",
    provider_type=ProviderType.NPO,
    names=(
        "NPO法人 {word}まなびネット",
        "NPO法人 {kana}こども応援団",
        "一般社団法人 {word}スタディ",
    ),
    description=(
        "経済的に苦しい家庭の子どもたちに、無料の学習支援と居場所を届けています。"
        "大学生や地域のボランティアが、勉強と進路の相談に寄り添います。"
    ),
    services=(
        ServiceTemplate(
            names=("学習支援教室", "中学生の無料学習会", "高校進学応援教室"),
            names_en=(
                "Free study support classes",
                "Free study sessions for junior high school students",
                "Study support for getting into high school",
            ),
            names_easy=(
                "べんきょうの てつだい きょうしつ",
                "中学生の むりょう べんきょうかい",
                "高校に 行く ための べんきょう きょうしつ",
            ),
            category="children",
            subcategory="study-support",
            description=(
                "小学生から高校生までを対象に、ボランティアが勉強を教えます。"
                "軽食も出ます。進学や将来のことも気軽に相談できます。"
            ),
            description_en=(
                "Volunteers help children from primary school to high school with their studies. "
                "Snacks are provided. "
                "Children can also talk about further education and their future."
            ),
            description_easy=(
                "小学生から 高校生までの 子どもに、ボランティアが べんきょうを おしえます。"
                "かるい たべものも あります。"
                "しんがくや しょうらいの ことも そうだん できます。"
            ),
            target_groups=(_G.HOUSEHOLD_WITH_CHILDREN, _G.SINGLE_PARENT, _G.PUBLIC_ASSISTANCE),
            delivery=(_D.IN_PERSON, _D.ONLINE),
            hours=("study_evening", "evening"),
            eligibility="{city}在住の小学4年生〜高校3年生（生活保護・就学援助世帯など）",
            min_age=9,
            max_age=18,
            application="保護者の方が電話で申し込んでください。見学もできます。",
        ),
        ServiceTemplate(
            names=("子育てひろば", "ひとり親家庭の交流会"),
            names_en=("Parents' drop-in space", "Single-parent family meetups"),
            names_easy=("子そだて ひろば", "ひとり親の 家族の あつまり"),
            category="children",
            subcategory="parenting",
            description=(
                "子育て中の親が集まって話せる場です。"
                "子どもを遊ばせながら、スタッフに子育てや生活の相談ができます。"
            ),
            description_en=(
                "A place for parents to meet and talk. "
                "While the children play, you can talk to staff about parenting or daily life."
            ),
            description_easy=(
                "子どもを そだてて いる 親が あつまって はなせる ところです。"
                "子どもを あそばせながら、スタッフに 子そだてや 生活の そうだんが できます。"
            ),
            target_groups=(_G.SINGLE_PARENT, _G.HOUSEHOLD_WITH_CHILDREN),
            delivery=(_D.IN_PERSON,),
            hours=("saturday", "monthly_1_3_sa"),
        ),
    ),
    weight=5,
)

COMMUNITY_CARE = OrgKind(
    key="older",
    provider_type=ProviderType.SOCIAL_WELFARE_CORPORATION,
    names=("社会福祉法人 {word}福祉会", "社会福祉法人 {word}の郷"),
    legal_status="社会福祉法人",
    description=(
        "{ward}から委託を受けて地域包括支援センターを運営しています。"
        "高齢者の介護、健康、権利擁護の相談に、保健師・社会福祉士・主任ケアマネジャーが対応します。"
    ),
    services=(
        ServiceTemplate(
            names=("地域包括支援センター {town}", "高齢者総合相談センター {town}"),
            names_en=(
                "Community support centre for older people ({town})",
                "Advice centre for older people ({town})",
            ),
            names_easy=(
                "ちいき ほうかつ しえん センター {town}",
                "おとしよりの そうだん センター {town}",
            ),
            category="older-people",
            subcategory="community-care",
            description=(
                "高齢者の暮らし、介護、健康についての総合相談窓口です。"
                "介護保険の申請の手伝い、虐待の相談、認知症の相談も受けます。"
            ),
            description_en=(
                "One place to ask about older people's daily life, care and health. "
                "We help with long-term care insurance applications and take questions about abuse and dementia."
            ),
            description_easy=(
                "おとしよりの くらし、かいご、けんこうの ことを なんでも そうだん できる まどぐちです。"
                "かいご ほけんの もうしこみの てつだいや、ぎゃくたい、にんちしょうの そうだんも ききます。"
            ),
            target_groups=(_G.OLDER_PERSON,),
            delivery=(_D.IN_PERSON, _D.PHONE, _D.OUTREACH),
            hours=("weekday_830", "weekday_saturday"),
            eligibility="{city}{town}周辺にお住まいの65歳以上の方とその家族",
            min_age=65,
        ),
        ServiceTemplate(
            names=("高齢者の見守り訪問",),
            names_en=("Check-in visits for older people",),
            names_easy=("おとしよりの みまもり ほうもん",),
            category="daily-living",
            subcategory="watching-over",
            description=(
                "ひとり暮らしの高齢者のお宅を定期的に訪問し、体調や暮らしの様子を確認します。"
                "必要な支援があれば関係機関につなぎます。"
            ),
            description_en=(
                "We regularly visit older people who live alone to see how their health is and how they are managing. "
                "If they need help, we put them in touch with the right services."
            ),
            description_easy=(
                "ひとりで くらす おとしよりの いえに ときどき 行って、からだの ちょうしや くらしの ようすを 見ます。"
                "たすけが ひつような ときは、そうだんの まどぐちに つなぎます。"
            ),
            target_groups=(_G.OLDER_PERSON, _G.SINGLE),
            delivery=(_D.OUTREACH,),
            hours=("weekday",),
            public_interest=True,
        ),
    ),
    weight=4,
)

DISABILITY = OrgKind(
    key="disability",
    provider_type=ProviderType.SOCIAL_WELFARE_CORPORATION,
    names=("社会福祉法人 {word}", "NPO法人 {word}の会", "社会福祉法人 {word}福祉会"),
    description=("障害のある方が地域で自分らしく暮らせるよう、相談支援と働く場を提供しています。"),
    services=(
        ServiceTemplate(
            names=("障害者相談支援", "計画相談支援・障害福祉の相談"),
            names_en=(
                "Disability advice and support",
                "Care planning and disability welfare advice",
            ),
            names_easy=(
                "しょうがいの ある 人の そうだん",
                "しょうがい ふくしの サービスの けいかくと そうだん",
            ),
            category="disability",
            subcategory="disability-consultation",
            description=(
                "障害福祉サービスの利用計画をつくり、暮らしの困りごとの相談にのります。"
                "障害者手帳がなくても相談できます。"
            ),
            description_en=(
                "We draw up plans for using disability welfare services and help with problems in daily life. "
                "You can ask even if you do not have a disability certificate."
            ),
            description_easy=(
                "しょうがい ふくしの サービスを つかう けいかくを つくり、くらしの こまりごとの そうだんを ききます。"
                "しょうがいしゃ てちょうが なくても そうだん できます。"
            ),
            target_groups=(_G.DISABILITY,),
            delivery=(_D.IN_PERSON, _D.PHONE, _D.OUTREACH),
            hours=("weekday", "weekday_lunch"),
            languages=(("ja",), ("ja", "jsl")),
        ),
        ServiceTemplate(
            names=("就労継続支援B型 {word}工房", "就労移行支援 {word}"),
            names_en=(
                "{word} workshop (sheltered work, type B)",
                "{word} (support for moving into work)",
            ),
            names_easy=(
                "{word} こうぼう（しょうがいの ある 人が はたらく ところ）",
                "{word}（はたらく ための くんれん）",
            ),
            category="disability",
            subcategory="disability-work",
            description=(
                "パンづくりや手芸品の製作などの作業を通じて、働く力を身につけます。"
                "体調に合わせて通う日数を決められます。工賃をお支払いします。"
            ),
            description_en=(
                "Build your work skills by baking bread, making crafts and more. "
                "You decide how many days a week to come, depending on your health. "
                "You are paid for your work."
            ),
            description_easy=(
                "パンや 手づくりの ものを つくる しごとで、はたらく 力を つけます。"
                "からだの ちょうしに あわせて、かよう 日の かずを きめられます。"
                "しごとの お金（こうちん）を はらいます。"
            ),
            target_groups=(_G.DISABILITY,),
            delivery=(_D.IN_PERSON,),
            hours=("weekday", "tue_fri"),
            cost=CostCategory.LOW_COST,
            fees="障害福祉サービスの利用者負担（多くの方は無料）",
            documents=("障害福祉サービス受給者証（お持ちの方）",),
        ),
    ),
    weight=4,
)

FOREIGN_ASSOCIATION = OrgKind(
    key="foreign_association",
    provider_type=ProviderType.PUBLIC_INTEREST_CORPORATION,
    names=("公益財団法人 {ward}国際交流協会",),
    legal_status="公益財団法人",
    description=(
        "{ward}に住む外国人の暮らしを支え、多文化共生の地域づくりをすすめています。"
        "多言語の生活相談、日本語教室、通訳ボランティアの派遣を行っています。"
    ),
    services=(
        ServiceTemplate(
            names=("多言語生活相談", "外国人のための生活相談"),
            names_en=(
                "Multilingual advice on daily life",
                "Daily life advice for foreign residents",
            ),
            names_easy=(
                "いろいろな ことばで くらしの そうだん",
                "がいこくじんの ための くらしの そうだん",
            ),
            category="foreign-residents",
            subcategory="multilingual-consultation",
            description=(
                "在留手続き、仕事、住まい、子どもの学校など、暮らしの相談を母語で受けます。"
                "必要に応じて区役所の窓口に通訳が同行します。"
            ),
            description_en=(
                "Advice in your own language on residence procedures, work, housing, your children's school and daily life. "
                "If needed, an interpreter can go with you to the ward office."
            ),
            description_easy=(
                "ビザの てつづき、しごと、すまい、子どもの がっこうなど、くらしの そうだんを あなたの ことばで ききます。"
                "ひつような ときは、つうやくが くやくしょに いっしょに 行きます。"
            ),
            target_groups=(_G.FOREIGN_NATIONAL,),
            delivery=(_D.IN_PERSON, _D.PHONE, _D.ONLINE),
            hours=("weekday_saturday", "tue_fri"),
            languages=_MULTI,
            eligibility="{city}に住む・働く・学ぶ外国籍の方",
        ),
        ServiceTemplate(
            names=("日本語教室", "やさしい日本語 会話サロン"),
            names_en=("Japanese classes", "Easy Japanese conversation salon"),
            names_easy=("日本語 きょうしつ", "やさしい 日本語 かいわ サロン"),
            category="foreign-residents",
            subcategory="japanese-class",
            description=(
                "ボランティアと一緒に、生活に必要な日本語を学びます。初めての方も参加できます。"
            ),
            description_en=(
                "Learn the Japanese you need for daily life with volunteers. Beginners are welcome."
            ),
            description_easy=(
                "ボランティアと いっしょに、生活に ひつような 日本語を べんきょうします。"
                "はじめての 人も さんか できます。"
            ),
            target_groups=(_G.FOREIGN_NATIONAL,),
            delivery=(_D.IN_PERSON, _D.ONLINE),
            hours=("saturday", "weekend", "evening"),
            cost=CostCategory.LOW_COST,
            fees="1回100円（教材費）",
            languages=(("ja-x-easy", "en", "zh", "vi"),),
        ),
    ),
    unique=True,
    service_weight=2,
    min_services=2,
)

FOREIGN_NPO = OrgKind(
    key="foreign_npo",
    provider_type=ProviderType.NPO,
    names=("NPO法人 {word}多文化共生センター", "NPO法人 {kana}インターナショナル"),
    description=(
        "外国にルーツをもつ人たちの相談と交流の場をつくっています。"
        "スタッフの多くが外国出身で、母語で話せる安心感を大切にしています。"
    ),
    services=(
        ServiceTemplate(
            names=("外国人の在留・生活相談", "母語による生活相談"),
            names_en=(
                "Visa and daily life advice for foreign residents",
                "Daily life advice in your own language",
            ),
            names_easy=(
                "がいこくじんの ビザと くらしの そうだん",
                "じぶんの ことばで できる くらしの そうだん",
            ),
            category="foreign-residents",
            subcategory="multilingual-consultation",
            description=(
                "ビザ、仕事、病院、子どもの学校などの相談を、母語で受けます。"
                "行政書士による在留資格の相談日もあります。"
            ),
            description_en=(
                "Advice in your own language on visas, work, hospitals, your children's school and more. "
                "On some days an immigration specialist (gyoseishoshi) gives advice on residence status."
            ),
            description_easy=(
                "ビザ、しごと、びょういん、子どもの がっこうなどの そうだんを、あなたの ことばで ききます。"
                "ビザの せんもんかに そうだん できる 日も あります。"
            ),
            target_groups=(_G.FOREIGN_NATIONAL,),
            delivery=(_D.IN_PERSON, _D.PHONE, _D.ONLINE),
            hours=("weekend", "tue_fri"),
            languages=_MULTI,
            eligibility="どなたでも",
        ),
        ServiceTemplate(
            names=("外国ルーツの子どもの学習支援",),
            names_en=("Study support for children with roots abroad",),
            names_easy=("がいこくに ルーツが ある 子どもの べんきょうの てつだい",),
            category="children",
            subcategory="study-support",
            description=(
                "日本語の勉強や学校の宿題を手伝います。保護者向けに学校の手紙の読み方も教えます。"
            ),
            description_en=(
                "We help children with Japanese and their school homework. "
                "We also show parents how to read letters from school."
            ),
            description_easy=(
                "日本語の べんきょうや がっこうの しゅくだいを てつだいます。"
                "親には、がっこうからの てがみの よみかたも おしえます。"
            ),
            target_groups=(_G.FOREIGN_NATIONAL, _G.HOUSEHOLD_WITH_CHILDREN),
            delivery=(_D.IN_PERSON,),
            hours=("study_evening",),
            languages=(("ja", "ja-x-easy", "en", "zh", "tl"), ("ja", "ja-x-easy", "ne", "vi")),
        ),
    ),
    weight=2,
)

DV_SUPPORT = OrgKind(
    key="dv",
    provider_type=ProviderType.NPO,
    names=("NPO法人 {word}女性支援ネット", "一般社団法人 {word}", "NPO法人 シェルター{word}"),
    description=(
        "DVや性暴力の被害にあった女性と子どもを支援しています。"
        "電話相談、緊急の一時保護、自立に向けた生活の支援を行っています。"
    ),
    services=(
        ServiceTemplate(
            names=("DV相談ホットライン", "女性のための24時間電話相談"),
            names_en=("Domestic violence hotline", "24-hour phone line for women"),
            names_easy=("DVの そうだん でんわ", "女性の ための 24時間 でんわ そうだん"),
            category="safety",
            subcategory="dv",
            description=(
                "配偶者やパートナーからの暴力に悩む方の電話相談です。24時間つながります。"
                "匿名で相談できます。緊急の場合は110番に通報してください。"
            ),
            description_en=(
                "A phone line for anyone suffering violence from a spouse or partner, open 24 hours. "
                "You do not have to give your name. "
                "In an emergency, call the police on 110."
            ),
            description_easy=(
                "つまや おっと、パートナーからの ぼうりょくで こまって いる 人の でんわ そうだんです。"
                "24時間 つながります。"
                "なまえを いわなくても だいじょうぶです。"
                "あぶない ときは 110ばんに でんわ して ください。"
            ),
            delivery=(_D.PHONE, _D.ONLINE),
            hours=("24h",),
            eligibility="どなたでも",
            languages=(("ja", "en"), ("ja", "en", "zh", "ko")),
        ),
        ServiceTemplate(
            names=("緊急一時保護シェルター", "母子緊急シェルター"),
            names_en=("Emergency shelter", "Emergency shelter for mothers and children"),
            names_easy=("いそいで にげる ための シェルター", "おかあさんと 子どもの シェルター"),
            category="safety",
            subcategory="shelter",
            description=(
                "暴力から逃れる必要がある女性と子どもを、安全な場所で一時的に保護します。"
                "所在地は安全のため公開していません。相談窓口を通じて利用します。"
            ),
            description_en=(
                "Women and children who need to escape violence are kept safe in a secure place for a while. "
                "For safety, the address is not made public. "
                "You get a place through an advice service."
            ),
            description_easy=(
                "ぼうりょくから にげる ひつようが ある 女性と 子どもを、あんぜんな ところで しばらく まもります。"
                "あんぜんの ため、ばしょは おしえて いません。"
                "そうだんの まどぐちを とおして つかいます。"
            ),
            target_groups=(_G.SINGLE_PARENT, _G.HOUSEHOLD_WITH_CHILDREN, _G.ANYONE),
            delivery=(_D.IN_PERSON,),
            hours=("24h",),
            shelter=True,
            eligibility="DV被害を受けている女性と同伴の子ども",
            application="ホットラインまたは区の女性相談窓口から連絡してください。",
        ),
        ServiceTemplate(
            names=("子どもの虐待・家族の悩み相談",),
            names_en=("Advice on child abuse and family worries",),
            names_easy=("子どもへの ぎゃくたい・家族の なやみの そうだん",),
            category="safety",
            subcategory="abuse",
            description=(
                "子どもへの虐待が心配なとき、子育てで手をあげてしまいそうなときの相談です。"
                "通告ではなく、まず話を聞くことから始めます。"
            ),
            description_en=(
                "Call if you are worried about child abuse, or feel you might hit your child. "
                "We do not start by reporting anyone: we start by listening."
            ),
            description_easy=(
                "子どもが ぎゃくたい されて いるかも しれない とき、子どもを たたいて しまいそうな ときの そうだんです。"
                "まず はなしを ききます。"
            ),
            target_groups=(_G.HOUSEHOLD_WITH_CHILDREN, _G.SINGLE_PARENT),
            delivery=(_D.PHONE, _D.IN_PERSON),
            hours=("weekday_late", "evening"),
        ),
    ),
    weight=2,
    service_weight=2,
    min_services=2,
)

DAILY_LIVING = OrgKind(
    key="daily",
    provider_type=ProviderType.NPO,
    names=("NPO法人 {word}", "一般社団法人 {word}ラボ", "NPO法人 ひきこもり支援{word}"),
    description=(
        "ひきこもりや孤立の状態にある人と家族を支えるNPOです。"
        "訪問、居場所づくり、家族会を通じて、社会とのつながりを取り戻すお手伝いをしています。"
    ),
    services=(
        ServiceTemplate(
            names=("ひきこもり相談", "ひきこもりの家族相談"),
            names_en=(
                "Advice on social withdrawal (hikikomori)",
                "Advice for families on social withdrawal (hikikomori)",
            ),
            names_easy=("ひきこもりの そうだん", "ひきこもりの 人の 家族の そうだん"),
            category="daily-living",
            subcategory="hikikomori",
            description=(
                "長く家から出られない本人や、その家族の相談を受けます。"
                "希望があれば自宅への訪問もします。年齢の制限はありません。"
            ),
            description_en=(
                "Advice for people who have not been able to leave home for a long time, and for their families. "
                "We can visit you at home if you wish. "
                "There is no age limit."
            ),
            description_easy=(
                "ながい あいだ いえから 出られない 人や、その 家族の そうだんを ききます。"
                "のぞむ ときは いえにも 行きます。"
                "なんさいでも そうだん できます。"
            ),
            target_groups=(_G.YOUNG_PERSON, _G.ANYONE),
            delivery=(_D.IN_PERSON, _D.PHONE, _D.OUTREACH, _D.ONLINE),
            hours=("tue_fri", "weekday_late"),
        ),
        ServiceTemplate(
            names=("居場所「{word}」", "夜の居場所カフェ"),
            names_en=("Drop-in space “{word}”", "Evening drop-in café"),
            names_easy=("いばしょ「{word}」", "よるの いばしょ カフェ"),
            category="daily-living",
            subcategory="ibasho",
            description=(
                "予約なしで立ち寄れる居場所です。話をしても、ひとりで過ごしてもかまいません。"
                "ゲームや料理の日もあります。"
            ),
            description_en=(
                "A place you can drop into without booking. "
                "Talk to people or spend time on your own, as you like. "
                "On some days there are games or cooking."
            ),
            description_easy=(
                "よやく しないで 来られる ところです。"
                "はなしを しても、ひとりで すごしても だいじょうぶです。"
                "ゲームや りょうりの 日も あります。"
            ),
            target_groups=(_G.YOUNG_PERSON, _G.SINGLE),
            delivery=(_D.IN_PERSON,),
            hours=("evening", "weekend", "weekday_evening"),
        ),
    ),
    weight=3,
)

COOP = OrgKind(
    key="coop",
    provider_type=ProviderType.COOPERATIVE,
    names=("{word}生活協同組合", "生活協同組合 {kana}くらしネット"),
    description="組合員の助け合いで、食と暮らしを支える生活協同組合です。",
    services=(
        ServiceTemplate(
            names=("生協の家計相談", "くらしと家計の相談室"),
            names_en=("Co-op household budget advice", "Advice on money and daily life"),
            names_easy=("せいきょうの いえの お金の そうだん", "くらしと いえの お金の そうだん"),
            category="money",
            subcategory="household-budget",
            description=(
                "ファイナンシャルプランナーなどの相談員が、家計の立て直しを一緒に考えます。"
                "組合員でなくても相談できます。"
            ),
            description_en=(
                "Advisers such as financial planners help you get your household finances back on track. "
                "You do not need to be a co-op member."
            ),
            description_easy=(
                "ファイナンシャルプランナーなどの そうだんいんが、いえの お金を たてなおす ことを いっしょに かんがえます。"
                "くみあいいん でなくても そうだん できます。"
            ),
            hours=("weekday", "weekday_saturday"),
            delivery=(_D.IN_PERSON, _D.PHONE, _D.ONLINE),
        ),
        ServiceTemplate(
            names=("食の応援便",),
            names_en=("Food delivery for families in need",),
            names_easy=("たべものを とどける しえん",),
            category="food",
            subcategory="food-pantry",
            description=(
                "宅配のしくみを使い、困っている家庭に食品を届けます。"
                "相談機関からの紹介で利用できます。"
            ),
            description_en=(
                "Using our home delivery service, we bring food to families who are struggling. "
                "Available with a referral from an advice service."
            ),
            description_easy=(
                "たくはいの しくみを つかって、こまって いる 家族に たべものを とどけます。"
                "そうだんの まどぐちから しょうかいが あれば つかえます。"
            ),
            target_groups=(_G.SINGLE_PARENT, _G.HOUSEHOLD_WITH_CHILDREN),
            delivery=(_D.OUTREACH,),
            hours=("weekday",),
            eligibility="相談機関から紹介された世帯",
        ),
    ),
    weight=1,
)

# One of each of these opens every municipality, so every top-level category is everywhere.
CORE_KINDS: tuple[OrgKind, ...] = (
    FOOD_BANK,
    SELF_RELIANCE_CENTRE,
    SHAKYO,
    HOUSING,
    WORK,
    LEGAL,
    MEDICAL,
    STUDY,
    COMMUNITY_CARE,
    DISABILITY,
    FOREIGN_ASSOCIATION,
    DV_SUPPORT,
    DAILY_LIVING,
)
EXTRA_KINDS: tuple[OrgKind, ...] = (
    FOOD_BANK,
    KODOMO_SHOKUDO,
    HOUSING,
    WORK,
    SOCIAL_WELFARE_CORP,
    LEGAL,
    MEDICAL,
    MENTAL_HEALTH_NPO,
    STUDY,
    COMMUNITY_CARE,
    DISABILITY,
    FOREIGN_NPO,
    DV_SUPPORT,
    DAILY_LIVING,
    COOP,
)
# Provider type of a kind varies with the name pattern (株式会社 … / NPO法人 …).
PREFIX_TYPES = (
    ("社会福祉法人", ProviderType.SOCIAL_WELFARE_CORPORATION),
    ("NPO法人", ProviderType.NPO),
    ("株式会社", ProviderType.COMPANY),
    ("一般社団法人", ProviderType.GENERAL_INCORPORATED_ASSOCIATION),
    ("公益財団法人", ProviderType.PUBLIC_INTEREST_CORPORATION),
    ("医療法人", ProviderType.MEDICAL_CORPORATION),
    ("弁護士法人", ProviderType.OTHER),
)
LEGAL_STATUS = {
    ProviderType.NPO: "特定非営利活動法人",
    ProviderType.VOLUNTARY_GROUP: "任意団体",
    ProviderType.OTHER: "弁護士法人",
}

WORDS = (
    "みどりの杜",
    "ひだまり",
    "あおぞら",
    "わかば",
    "こもれび",
    "ゆうあい",
    "ともしび",
    "はなみずき",
    "けやき",
    "ひまわり",
    "つばさ",
    "ふれあい",
    "むすび",
    "かけはし",
    "そよかぜ",
    "あかり",
    "はるかぜ",
    "ぬくもり",
    "やまぶき",
    "すずらん",
    "つむぎ",
    "いろどり",
    "たんぽぽ",
    "せせらぎ",
    "こだま",
    "みちしるべ",
    "よつば",
    "あすなろ",
    "きずな",
    "なごみ",
    "ほほえみ",
    "まごころ",
    "えがお",
    "しおさい",
    "ゆいまーる",
    "あさひ",
    "こぶし",
    "なでしこ",
    "たけのこ",
    "ぽけっと",
)
DIRECTIONS = ("東", "西", "南", "北", "中央", "")
EXTRA_SENTENCES = (
    "はじめての方もお気軽にご相談ください。",
    "相談は無料で、秘密は守られます。",
    "お子さま連れでも来所いただけます。",
    "予約なしでも対応しますが、事前にお電話いただくとスムーズです。",
    "ご家族や支援者の方からの相談も受け付けています。",
    "",
    "",
)
# Parallel to EXTRA_SENTENCES (same length and order).
EXTRA_SENTENCES_EN = (
    "First time? You are welcome to ask us anything.",
    "Advice is free and confidential.",
    "You are welcome to bring your children.",
    "You can come without an appointment, but calling first makes things quicker.",
    "Family members and support workers can also ask on someone's behalf.",
    "",
    "",
)
EXTRA_SENTENCES_EASY = (
    "はじめての 人も きがるに そうだん して ください。",
    "そうだんは むりょうです。ひみつは まもります。",
    "子どもと いっしょに 来ても だいじょうぶです。",
    "よやく しなくても だいじょうぶですが、まえに でんわを すると はやいです。",
    "家族や しえんを して いる 人からの そうだんも ききます。",
    "",
    "",
)
WAITLIST_NOTES = (
    "現在、利用開始まで約2週間お待ちいただいています",
    "今月の受付はあと3件です",
    "定員に達したため順番待ちです（約1か月）",
)
PAUSED_NOTES = (
    "食品の在庫が少ないため、受付を一時停止しています",
    "スタッフ不足のため、新規の受付を休止しています",
    "会場の改修工事のため、再開まで休止しています",
)
BUILDINGS = (
    "{word}ビル",
    "第2{word}ハイツ",
    "{town}センタービル",
    "{word}会館",
    "{town}区民ひろば内",
)
ACCESSIBILITY = tuple(AccessibilityFeature.values)
KANJI_DIGITS = "一二三四五"
