"""The columns of the 自治体標準オープンデータセット files we read and write, in their order.

Headers are the file format: never translated. Each dataset lists its own columns in full, in
the order of the Digital Agency's data item definitions (データ項目定義書A; docs/opendata.md
says which edition, what was checked against which source, and what could not be). Aliases map
the earlier 推奨データセット headers and the 介護サービス情報公表 / WAM NET spellings to ours,
so older files import unchanged.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# The heading and address block every one of our datasets shares (定義書A: 01, 05, 09 have the
# same location columns).
HEAD = ("全国地方公共団体コード", "ID", "地方公共団体名", "名称", "名称_カナ", "名称_英字")
LOCATION = (
    "所在地_全国地方公共団体コード",
    "町字ID",
    "所在地_連結表記",
    "所在地_都道府県",
    "所在地_市区町村",
    "所在地_町字",
    "所在地_番地以下",
    "建物名等(方書)",
    "緯度",
    "経度",
)
CONTACT_NOTE = "連絡先備考（その他、SNSなど）"
CONTACT = ("連絡先メールアドレス", "連絡先FormURL", CONTACT_NOTE, "郵便番号")
HOURS = ("利用可能曜日", "開始時間", "終了時間", "利用可能日時特記事項")


@dataclass(frozen=True)
class Dataset:
    key: str  # the --dataset option
    title: str  # the standard's name of the dataset
    columns: tuple[str, ...]  # every column, in order, spelt as the definition spells it
    # Services in one of these categories (codes, directory.categories) belong to the dataset;
    # empty means every public service. Imported rows get the first one.
    category_codes: tuple[str, ...] = ()
    # The column holding the operator's name.
    organization_column: str = "団体名"
    # Where the service's description goes (公共施設 has 説明; the others only 備考).
    description_column: str = "備考"
    # The free-text hours column (介護 calls it 利用可能曜日特記事項 and has no time columns).
    hours_note_column: str = "利用可能日時特記事項"

    @property
    def keys(self) -> tuple[str, ...]:
        """The columns as the importer names them (``canonical`` spelling)."""
        return tuple(fold(c) for c in self.columns)

    @property
    def has_times(self) -> bool:
        return "開始時間" in self.columns


DATASETS: dict[str, Dataset] = {
    d.key: d
    for d in (
        Dataset(
            "public-facilities",
            "公共施設一覧",
            (
                *HEAD,
                "名称_通称",
                "POIコード",
                *LOCATION,
                "電話番号",
                "内線番号",
                *CONTACT,
                "法人番号",
                "団体名",
                *HOURS,
                "説明",
                "バリアフリー情報",
                "URL",
                "備考",
            ),
            description_column="説明",
        ),
        Dataset(
            "care-facilities",
            "介護サービス事業所一覧",
            (
                *HEAD,
                "実施サービス",
                *LOCATION,
                "電話番号",
                "内線番号",
                "FAX番号",
                *CONTACT,
                "法人番号",
                "法人の名称",
                "事業所番号",
                "利用可能曜日",
                "利用可能曜日特記事項",
                "定員",
                "URL",
                "備考",
            ),
            category_codes=("care", "community-care"),
            organization_column="法人の名称",
            hours_note_column="利用可能曜日特記事項",
        ),
        Dataset(
            "childcare-facilities",
            "子育て施設一覧",
            (
                *HEAD,
                "種別",
                *LOCATION,
                "高度の種別",
                "高度の値",
                "アクセス方法",
                "駐車場情報",
                "電話番号",
                "内線番号",
                "FAX番号",
                *CONTACT,
                "法人番号",
                "団体名",
                "許可等年月日",
                "収容定員",
                "受入年齢",
                *HOURS,
                "一時預かりの有無",
                "子供預かり料金種別",
                "子供預かり料金",
                "子供預かり料金備考",
                "子供預かり開所時間",
                "子供預かり閉所時間",
                "病児保育の有無",
                "授乳室",
                "おむつ替えコーナー",
                "飲食可否",
                "ベビーカー貸出",
                "ベビーカー利用",
                "URL",
                "画像",
                "画像_ライセンス",
                "備考",
            ),
            category_codes=("parenting",),
        ),
    )
}

# Earlier and other spellings → ours (after ``fold``). The 推奨データセット (2017–2020), the
# 介護サービス情報公表 CSVs (都道府県コード又は市町村コード, 事業所名, 方書（ビル名等）, サービスの種類)
# and files published with small variations.
OLD_NAMES: dict[str, str] = {
    "都道府県コード又は市区町村コード": "全国地方公共団体コード",
    "都道府県コードまたは市区町村コード": "全国地方公共団体コード",
    "都道府県コード又は市町村コード": "全国地方公共団体コード",
    "NO": "ID",
    "No": "ID",
    "名称_英語": "名称_英字",
    "住所": "所在地_連結表記",
    "所在地": "所在地_連結表記",
    "所在地_連結標記": "所在地_連結表記",
    "方書": "建物名等(方書)",
    "方書(ビル名等)": "建物名等(方書)",
    "建物名等": "建物名等(方書)",
    "介護サービス事業所名称": "名称",
    "介護サービス事業所名称_カナ": "名称_カナ",
    "事業所名": "名称",
    "事業所名称": "名称",
    "事業所名カナ": "名称_カナ",
    "サービスの種類": "実施サービス",
    "ホームページ": "URL",
    "メールアドレス": "連絡先メールアドレス",
    "連絡先備考": "連絡先備考(その他、SNSなど)",
    "法人名": "法人の名称",
    "認可等年月日": "許可等年月日",
    "画像ライセンス": "画像_ライセンス",
    "緯度(世界測地系)": "緯度",
    "経度(世界測地系)": "経度",
}
# Names that mean the same column in different datasets: a header becomes the one the dataset has.
SAME_COLUMN: tuple[tuple[str, ...], ...] = (
    ("利用可能日時特記事項", "利用可能曜日特記事項", "利用可能時間特記事項"),
    ("団体名", "法人の名称"),
    ("説明", "備考"),
)
# Old files split 地方公共団体名 in two; they are joined on reading.
PREFECTURE_NAME, CITY_NAME = "都道府県名", "市区町村名"


def fold(header: str) -> str:
    """Width folded (（）→()), spaces and a BOM dropped: how two spellings of a header compare."""
    return "".join(unicodedata.normalize("NFKC", header or "").split()).lstrip("\ufeff")


def canonical(header: str, dataset: Dataset | None = None) -> str:
    """The header as we name it: folded, old names mapped, then the dataset's own name for it."""
    text = fold(header)
    text = OLD_NAMES.get(text, text)
    if dataset is not None and text not in dataset.keys:
        for names in SAME_COLUMN:
            if text in names:
                return next((n for n in names if n in dataset.keys), text)
    return text
