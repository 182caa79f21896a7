"""The columns of the spreadsheet template, in their order.

Headers are the file format, like HSDS field names: they stay Japanese in every language of the
admin, so a file filled in by one municipality imports the same everywhere. Help texts are
translated. One row is one service at one location, with its organization
(団体 → サービス → 拠点); rows with the same 団体名 share one organization.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Level(StrEnum):
    ORGANIZATION = "organization"
    SERVICE = "service"
    LOCATION = "location"


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # 列名 — the file format, never translated
    level: Level
    help: Promise
    example: str
    required: bool = False
    # Cells that take several values separated by 「、」.
    multiple: bool = False
    # Excel should keep the cell as text (leading zeros of phone numbers, postal codes).
    text: bool = False


COLUMNS: tuple[Column, ...] = (
    Column(
        "organization_name",
        "団体名",
        Level.ORGANIZATION,
        _("サービスを提供する団体の正式な名前。同じ団体名の行は一つの団体になります。"),
        "NPO法人 フードバンクとしま東",
        required=True,
    ),
    Column(
        "provider_type",
        "法人種別",
        Level.ORGANIZATION,
        _("一覧から選びます。空欄なら新しい団体は「その他」、登録済みの団体は今のままです。"),
        "NPO法人",
    ),
    Column(
        "organization_phone",
        "団体の電話番号",
        Level.ORGANIZATION,
        _("団体の代表番号。空欄なら登録済みの番号のままです。"),
        "03-1234-5678",
        text=True,
    ),
    Column(
        "service_name",
        "サービス名",
        Level.SERVICE,
        _("支援の名前。利用する人にわかる名前にしてください。"),
        "フードパントリー（食料品の無料配布）",
        required=True,
    ),
    Column(
        "description",
        "サービスの説明",
        Level.SERVICE,
        _("どんな支援か。誰が、何を、どのように受けられるかを書きます。"),
        "お米や缶詰などの食料品を無料でお渡しします。予約は不要です。",
        required=True,
    ),
    Column(
        "categories",
        "分類",
        Level.SERVICE,
        _("一覧の分類から選びます。複数なら「、」で区切ります。"),
        "食料支援、食料品の配布",
        multiple=True,
    ),
    Column(
        "target_groups",
        "対象",
        Level.SERVICE,
        _("利用できる人。複数なら「、」で区切ります。"),
        "ひとり親家庭、子どものいる世帯",
        multiple=True,
    ),
    Column(
        "delivery_modes",
        "提供方法",
        Level.SERVICE,
        _("来所、訪問・アウトリーチ、電話、オンライン。複数なら「、」で区切ります。"),
        "来所、電話",
        multiple=True,
    ),
    Column(
        "cost_category",
        "費用",
        Level.SERVICE,
        _("無料、低額、有料のどれか。"),
        "無料",
    ),
    Column(
        "fees_description",
        "費用の説明",
        Level.SERVICE,
        _("金額や条件など。"),
        "登録料・利用料はかかりません。",
    ),
    Column(
        "application_process",
        "利用の手順",
        Level.SERVICE,
        _("申し込み方や予約の要否。"),
        "開所時間に直接お越しください。",
    ),
    Column(
        "location_name",
        "拠点名",
        Level.LOCATION,
        _("サービスを受けられる場所の名前。空欄なら建物名か住所を使います。"),
        "フードバンクとしま東 池袋拠点",
    ),
    Column(
        "postal_code",
        "郵便番号",
        Level.LOCATION,
        _("7桁の数字。ハイフンはあってもなくても構いません。"),
        "170-0013",
        text=True,
    ),
    Column(
        "prefecture",
        "都道府県",
        Level.LOCATION,
        _("空欄なら郵便番号から補います。"),
        "東京都",
    ),
    Column(
        "city",
        "市区町村",
        Level.LOCATION,
        _("空欄なら郵便番号から補います。"),
        "豊島区",
    ),
    Column(
        "street",
        "町域・番地",
        Level.LOCATION,
        _(
            "住所を書く行では必須です。住所のない電話・オンラインの支援は住所の列をすべて空欄にします。"
        ),
        "東池袋1-2-3",
    ),
    Column(
        "building",
        "建物名",
        Level.LOCATION,
        _("建物名・部屋番号。"),
        "つなぐビル2階",
    ),
    Column(
        "phone",
        "電話番号",
        Level.SERVICE,
        _("このサービスの問い合わせ先。0から始まる10桁か11桁。"),
        "03-1234-5679",
        text=True,
    ),
    Column(
        "email",
        "メール",
        Level.SERVICE,
        _("このサービスの問い合わせ先のメールアドレス。"),
        "info@example.jp",
    ),
    Column(
        "website",
        "ウェブサイト",
        Level.SERVICE,
        _("https:// で始まるアドレス。"),
        "https://example.jp/pantry",
    ),
    Column(
        "hours",
        "受付時間",
        Level.SERVICE,
        _(
            "曜日と時間。曜日は「月〜金」「月・水・金」「平日」「土日」「毎日」「第2・第4土曜」"
            "「最終金曜」、時間は「9:00-17:00」「10時〜12時」「24時間」。"
            "曜日ごとに違う時は「／」か改行で区切ります。「祝日休み」「祝日も開所」も書けます。"
        ),
        "月〜金 10:00-12:00、13:00-16:00／第2・第4土曜 10:00-14:00／祝日休み",
    ),
    Column(
        "hours_notes",
        "受付時間の補足",
        Level.SERVICE,
        _("受付時間の列に書けないこと。"),
        "年末年始はお休みです。",
    ),
    Column(
        "closures",
        "休業期間",
        Level.SERVICE,
        _(
            "臨時休業や年末年始など、決まった日付のお休み。「開始日〜終了日 理由」を1行に1つ。"
            "1日だけなら日付だけ。空欄にすると登録済みの休業期間を消します。"
        ),
        "2025-12-29〜2026-01-03 年末年始",
    ),
    Column(
        "languages",
        "対応言語",
        Level.SERVICE,
        _(
            "日本語、やさしい日本語、英語、中国語、韓国語、ベトナム語など。複数なら「、」で区切ります。"
        ),
        "日本語、やさしい日本語、英語",
        multiple=True,
    ),
    Column(
        "documents",
        "持ち物",
        Level.SERVICE,
        _("利用するときに必要なもの。複数なら「、」で区切ります。"),
        "本人確認書類、エコバッグ",
        multiple=True,
    ),
    Column(
        "id",
        "ID",
        Level.SERVICE,
        _(
            "新しく登録するときは空欄。サービスのページのアドレス（/services/ の後ろ）や"
            " HSDS の書き出しにある ID（UUID）を書くと、そのサービスを更新します。"
            "同じ ID の行は、同じサービスの別の拠点です。"
        ),
        "",
    ),
)

BY_KEY = {column.key: column for column in COLUMNS}
BY_HEADER = {column.header: column for column in COLUMNS}
REQUIRED = tuple(column for column in COLUMNS if column.required)
