"""English and やさしい日本語 of the demo catalogue's texts a resident reads on a service page.

Eligibility, application, fees, 持ち物, 受付状況のメモ, 開所時間の補足, closure reasons, phone
notes and authorities: data beside ``directory.demo.catalogue``, Japanese text as written there
(placeholders unfilled) → (English, やさしい日本語). Texts made from parts (place names,
access notes, the closure notice) have their three forms made together by the functions at
the end. The planner fills {city} and {town} in all three with the
same Japanese proper nouns (docs/i18n.md). A test checks that every such text of the catalogue
has its entry here, so a new template cannot leave a standard-Japanese leftover on /en/.
"""

from __future__ import annotations

# Japanese → (English, やさしい日本語)
TEXTS: dict[str, tuple[str, str]] = {
    # --- who can use it (eligibility) ---
    "DV被害を受けている女性と同伴の子ども": (
        "Women facing domestic violence, and the children with them",
        "DV（ぼうりょく）を うけて いる 女の 人と、いっしょに いる こども",
    ),
    "{city}{town}周辺にお住まいの65歳以上の方とその家族": (
        "People aged 65 or over living in or near {town}, {city}, and their families",
        "{city}{town}の ちかくに すんで いる 65さい いじょうの 人と その 家族",
    ),
    "{city}にお住まいで、生活に困っている方": (
        "People living in {city} who are struggling to get by",
        "{city}に すんで いて、くらしに こまって いる 人",
    ),
    "{city}にお住まいの方": (
        "People living in {city}",
        "{city}に すんで いる 人",
    ),
    "{city}に住む・働く・学ぶ外国籍の方": (
        "Foreign nationals who live, work or study in {city}",
        "{city}に すんで いる・はたらいて いる・まなんで いる がいこくの 人",
    ),
    "{city}の子どもとその家族（18歳まで）": (
        "Children in {city} (up to 18) and their families",
        "{city}の こども（18さいまで）と その 家族",
    ),
    "{city}在住で、就労に向けた準備が必要な方（おおむね15歳〜64歳）": (
        "People living in {city} who need to get ready for work (roughly 15 to 64)",
        "{city}に すんで いて、はたらく じゅんびが ひつような 人（だいたい 15さい〜64さい）",
    ),
    "{city}在住で、来所が難しい方（相談機関からの紹介が必要です）": (
        "People living in {city} who find it hard to come to us (a referral from an advice "
        "service is needed)",
        "{city}に すんで いて、ここに 来る ことが むずかしい 人"
        "（そうだんの まどぐちからの しょうかいが ひつようです）",
    ),
    "{city}在住の、18歳以下の子どもがいる世帯": (
        "Households in {city} with children aged 18 or under",
        "{city}に すんで いて、18さい いかの こどもが いる 家族",
    ),
    "{city}在住の、18歳未満の子どもがいる家庭": (
        "Families in {city} with children under 18",
        "{city}に すんで いて、18さいより 下の こどもが いる 家族",
    ),
    "{city}在住の低所得世帯、高齢者世帯、障害者世帯": (
        "Households in {city} on a low income, of older people, or of people with disabilities",
        "{city}に すんで いる、おかねが すくない 家族、おとしよりの 家族、"
        "しょうがいの ある 人の 家族",
    ),
    "{city}在住の小学4年生〜高校3年生（生活保護・就学援助世帯など）": (
        "Pupils in {city} from year 4 of primary school to the last year of high school "
        "(for example, families on public assistance or school aid)",
        "{city}に すんで いる しょうがっこう 4年生〜こうこう 3年生"
        "（せいかつほごや しゅうがく えんじょを うけて いる 家族など）",
    ),
    "どなたでも": ("Anyone", "だれでも"),
    "住まいのない方（自立相談支援機関からの紹介が必要です）": (
        "People with nowhere to live (a referral from a self-reliance support centre is needed)",
        "すむ ところが ない 人（くらしの そうだんの まどぐちからの しょうかいが ひつようです）",
    ),
    "収入・資産が一定の基準以下の方": (
        "People whose income and savings are below a set level",
        "もらって いる おかねと もって いる おかねが きまった りょうより すくない 人",
    ),
    "生活に困っている{city}在住・在勤の方": (
        "People who live or work in {city} and are struggling to get by",
        "{city}に すんで いるか はたらいて いて、くらしに こまって いる 人",
    ),
    "相談機関から紹介された{city}在住の方": (
        "People living in {city} referred by an advice service",
        "そうだんの まどぐちから しょうかいされた、{city}に すんで いる 人",
    ),
    "相談機関から紹介された世帯": (
        "Households referred by an advice service",
        "そうだんの まどぐちから しょうかいされた 家族",
    ),
    "自立相談支援機関からあっせんを受けた方": (
        "People placed here by a self-reliance support centre",
        "くらしの そうだんの まどぐちから しょうかいされた 人",
    ),
    "離職・廃業から2年以内、または収入が減った{city}在住の方（収入・資産の要件あり）": (
        "People living in {city} who lost their job or closed their business in the last two "
        "years, or whose income has fallen (income and savings limits apply)",
        "{city}に すんで いて、2年いないに しごとを やめた 人・みせを しめた 人、"
        "または もらう おかねが へった 人（おかねの じょうけんが あります）",
    ),
    # --- how to apply (intake notes) ---
    "まずはお電話でご相談ください。": (
        "Please call us first to talk it over.",
        "まず 電話で そうだんして ください。",
    ),
    "ホットラインまたは区の女性相談窓口から連絡してください。": (
        "Please contact us through the hotline or the ward's women's advice desk.",
        "ホットラインか、くの 女の 人の そうだん まどぐちから れんらくして ください。",
    ),
    "予約は不要です。直接お越しください。": (
        "No appointment needed. Just come along.",
        "よやくは いりません。そのまま 来て ください。",
    ),
    "保護者の方が電話で申し込んでください。見学もできます。": (
        "A parent or guardian should apply by phone. You can also come and look around.",
        "おうちの 人が 電話で もうしこんで ください。見に 来る ことも できます。",
    ),
    "前日までに電話で予約してください。": (
        "Please book by phone by the day before.",
        "前の 日までに 電話で よやくして ください。",
    ),
    "受付で名前と人数をお伝えください。予約は不要です。": (
        "Tell us your name and how many people at the desk. No appointment needed.",
        "うけつけで なまえと 何人かを いって ください。よやくは いりません。",
    ),
    "相談窓口で申請書をお渡しします。": (
        "The advice desk will give you the application form.",
        "そうだんの まどぐちで もうしこみの かみを わたします。",
    ),
    "相談窓口の担当者からお申し込みください。": (
        "Please apply through your caseworker at an advice service.",
        "そうだんの まどぐちの たんとうの 人から もうしこんで ください。",
    ),
    "自立相談支援の窓口で申し込みます。": (
        "You apply at the self-reliance support desk.",
        "くらしの そうだんの まどぐちで もうしこみます。",
    ),
    "自立相談支援機関などの担当者から連絡してください。": (
        "Please have your caseworker (for example at a self-reliance support centre) contact us.",
        "くらしの そうだんの まどぐちなどの たんとうの 人から れんらくして ください。",
    ),
    "自立相談支援機関の担当者から連絡してください。": (
        "Please have your caseworker at the self-reliance support centre contact us.",
        "くらしの そうだんの まどぐちの たんとうの 人から れんらくして ください。",
    ),
    "自立相談支援機関の担当者から連絡してください。見学できます。": (
        "Please have your caseworker at the self-reliance support centre contact us. "
        "You can come and look around.",
        "くらしの そうだんの まどぐちの たんとうの 人から れんらくして ください。"
        "見に 来る ことが できます。",
    ),
    "電話で予約してください。審査があります。": (
        "Please book by phone. There is an eligibility check.",
        "電話で よやくして ください。つかえるか どうか しらべます。",
    ),
    "電話で予約のうえ来所してください。来所が難しい場合は訪問もできます。": (
        "Please book by phone, then come in. If that is hard for you, we can visit you.",
        "電話で よやくしてから 来て ください。来る ことが むずかしい ときは、"
        "わたしたちが 行く ことも できます。",
    ),
    # --- what to bring (持ち物) ---
    "住民票": ("Certificate of residence (juminhyo)", "じゅうみんひょう"),
    "借入先と金額がわかるもの（契約書、督促状など）": (
        "Papers showing who you owe and how much (contracts, payment reminders, etc.)",
        "どこから いくら かりたか わかる もの（けいやくしょ、とくそくじょうなど）",
    ),
    "健康保険証": ("Health insurance card", "けんこう ほけんしょう"),
    "収入がわかるもの（給与明細、年金通知など）": (
        "Proof of income (payslips, pension notices, etc.)",
        "もらって いる おかねが わかる もの（きゅうよ めいさい、ねんきんの おしらせなど）",
    ),
    "家計簿やレシート（あれば）": (
        "Household accounts or receipts (if you have them)",
        "かけいぼや レシート（あれば）",
    ),
    "持ち帰り用の袋": ("A bag to take things home", "もって かえる ための ふくろ"),
    "本人確認書類（運転免許証、マイナンバーカード、在留カードなど）": (
        "Photo ID (driving licence, My Number card, residence card, etc.)",
        "じぶんが だれか わかる もの（うんてん めんきょしょう、マイナンバーカード、"
        "ざいりゅう カードなど）",
    ),
    "相談内容に関係する書類（契約書、督促状など）": (
        "Papers about your problem (contracts, payment reminders, etc.)",
        "そうだんする ことに かんけいする かみ（けいやくしょ、とくそくじょうなど）",
    ),
    "賃貸借契約書": ("Your tenancy agreement", "へやを かりた ときの けいやくしょ"),
    "通帳": ("Bank book", "ぎんこうの つうちょう"),
    "障害福祉サービス受給者証（お持ちの方）": (
        "Disability welfare service certificate (if you have one)",
        "しょうがい ふくし サービスの じゅきゅうしゃしょう（もって いる 人）",
    ),
    # --- fees ---
    "1回1,200円（生活保護の方は無料）": (
        "¥1,200 a time (free for people on public assistance)",
        "1回 1,200円（せいかつほごを うけて いる 人は むりょう）",
    ),
    "1回100円（教材費）": (
        "¥100 a time (for learning materials)",
        "1回 100円（べんきょうに つかう ものの おかね）",
    ),
    "保険診療（自立支援医療が使えます）": (
        "Covered by health insurance (Jiritsu Shien Iryo medical support can be used)",
        "けんこう ほけんが つかえます（じりつ しえん いりょうも つかえます）",
    ),
    "収入に応じて医療費の自己負担を全額または一部減免": (
        "Depending on your income, your share of medical costs is waived in full or in part",
        "もらって いる おかねに よって、びょういんに はらう おかねが なくなるか、すくなく なります",
    ),
    "子ども無料、大人300円": (
        "Free for children, ¥300 for adults",
        "こどもは むりょう、おとなは 300円",
    ),
    "家賃は物件により異なります": (
        "Rent depends on the home",
        "やちんは へやに よって ちがいます",
    ),
    "障害福祉サービスの利用者負担（多くの方は無料）": (
        "The usual user charge for disability welfare services (free for most people)",
        "しょうがい ふくし サービスで はらう おかね（ほとんどの 人は むりょう）",
    ),
    # --- availability notes (受付状況のメモ) ---
    "現在、利用開始まで約2週間お待ちいただいています": (
        "At the moment there is a wait of about two weeks before you can start",
        "いまは、つかいはじめるまで 2しゅうかんぐらい まって もらって います",
    ),
    "今月の受付はあと3件です": (
        "We can take 3 more people this month",
        "今月は あと 3人 うけつけ できます",
    ),
    "定員に達したため順番待ちです（約1か月）": (
        "We are full, so there is a waiting list (about a month)",
        "いっぱいなので、じゅんばんを まって もらいます（1か月ぐらい）",
    ),
    "食品の在庫が少ないため、受付を一時停止しています": (
        "We are low on food, so we have stopped taking new people for now",
        "たべものが すくないので、いまは うけつけを やすんで います",
    ),
    "スタッフ不足のため、新規の受付を休止しています": (
        "We are short of staff, so we are not taking new people for now",
        "はたらく 人が たりないので、あたらしい 人の うけつけを やすんで います",
    ),
    "会場の改修工事のため、再開まで休止しています": (
        "Paused while the venue is being refurbished, until we reopen",
        "かいじょうの こうじの ため、また はじめるまで やすんで います",
    ),
    # --- notes on the opening hours (開所時間の補足) ---
    "夜22時から翌朝6時まで入れます。日中の相談は事務所で受けます。": (
        "You can come in from 22:00 until 6:00 the next morning. "
        "During the day, we give advice at the office.",
        "よる 22時から つぎの 日の あさ 6時まで はいれます。"
        "ひるまの そうだんは じむしょで うけます。",
    ),
    # --- closure reasons ---
    "年末年始": ("New Year holidays", "ねんまつ・ねんし（おしょうがつの 休み）"),
    "施設点検のため臨時休業": (
        "Closed for a building inspection",
        "たてものの てんけんの ため お休み",
    ),
    # --- phone notes ---
    "代表": ("Main number", "だいひょうの 電話"),
    "相談専用": ("Advice line", "そうだん だけの 電話"),
    # --- authorities (認定・指定) ---
    "東京都": ("Tokyo Metropolitan Government", "とうきょうと"),
}

MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# A place's kind as its name ends: Japanese → (English, やさしい日本語); {town} filled in.
PLACE_KINDS: dict[str, tuple[str, str]] = {
    "事務所": ("office", "じむしょ"),
    "一時保護施設": ("temporary shelter", "いちじ ほごの しせつ"),
    "{town}分室": ("{town} branch", "{town} ぶんしつ"),
}


def translations_of(japanese: str) -> tuple[str, str]:
    """(English, やさしい日本語) of a catalogue text; blank ones (the page shows the Japanese)."""
    return TEXTS.get(japanese, ("", ""))


def place_name(*, organization: str, kind: str, town: str = "") -> tuple[str, str, str]:
    """(Japanese, English, やさしい日本語) of a place named after its organisation and kind."""
    english, easy = PLACE_KINDS[kind]
    return tuple(  # type: ignore[return-value]
        f"{organization} {part.format(town=town)}" for part in (kind, english, easy)
    )


def access_note(*, station: str, minutes: int) -> tuple[str, str, str]:
    """「〜駅から徒歩N分」 in three languages; the station keeps its name as signposted."""
    return (
        f"{station}から徒歩{minutes}分",
        f"{minutes} min walk from {station}",
        f"{station}から あるいて {minutes}分",
    )


def closure_notice(*, month: int, day: int) -> tuple[str, str, str]:
    """The お知らせ of a closure for a building inspection, from ``month``/``day``."""
    return (
        f"{month}月{day}日から施設点検のため臨時休業します。",
        f"Closed from {day} {MONTHS_EN[month - 1]} for a building inspection.",
        f"{month}月{day}日から、たてものの てんけんの ため お休みします。",
    )
