"""The columns of the 自治体標準オープンデータセット files we read and write, in their order.

Headers are the file format: never translated. ``COMMON`` is the column list every dataset
shares (docs/opendata.md says where it comes from and what could not be checked); each dataset
appends its own columns. ``OLD_NAMES`` maps the earlier 推奨データセット headers (and the
介護サービス情報公表 / WAM NET spellings) to ours, so older files import unchanged.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

COMMON: tuple[str, ...] = (
    "全国地方公共団体コード",
    "ID",
    "地方公共団体名",
    "名称",
    "名称_カナ",
    "名称_英字",
    "所在地_連結表記",
    "所在地_都道府県",
    "所在地_市区町村",
    "所在地_町字",
    "所在地_番地以下",
    "建物名等(方書)",
    "緯度",
    "経度",
    "電話番号",
    "内線番号",
    "FAX番号",
    "連絡先メールアドレス",
    "法人番号",
    "利用可能曜日",
    "開始時間",
    "終了時間",
    "利用可能日時特記事項",
    "URL",
    "備考",
)


@dataclass(frozen=True)
class Dataset:
    key: str  # the --dataset option
    title: str  # the standard's name of the dataset
    own_columns: tuple[str, ...]
    # Services in one of these categories (codes, directory.categories) belong to the dataset;
    # empty means every public service. Imported rows get the first one.
    category_codes: tuple[str, ...] = ()
    # The column holding the operator's name, when the dataset has one.
    organization_column: str = ""

    @property
    def columns(self) -> tuple[str, ...]:
        return COMMON + self.own_columns


DATASETS: dict[str, Dataset] = {
    d.key: d
    for d in (
        Dataset("public-facilities", "公共施設一覧", ("名称_通称", "POIコード")),
        Dataset(
            "care-facilities",
            "介護サービス事業所一覧",
            ("事業所番号", "法人の名称", "実施サービス", "定員"),
            category_codes=("care", "community-care"),
            organization_column="法人の名称",
        ),
        Dataset(
            "childcare-facilities",
            "子育て施設一覧",
            ("種別", "団体名", "収容定員", "受入年齢", "一時預かりの有無"),
            category_codes=("parenting",),
            organization_column="団体名",
        ),
    )
}

OLD_NAMES: dict[str, str] = {
    "都道府県コード又は市区町村コード": "全国地方公共団体コード",
    "都道府県コードまたは市区町村コード": "全国地方公共団体コード",
    "NO": "ID",
    "No": "ID",
    "住所": "所在地_連結表記",
    "所在地": "所在地_連結表記",
    "所在地_連結標記": "所在地_連結表記",
    "方書": "建物名等(方書)",
    "建物名等": "建物名等(方書)",
    "介護サービス事業所名称": "名称",
    "介護サービス事業所名称_カナ": "名称_カナ",
    "事業所名": "名称",
    "事業所名称": "名称",
    "事業所名カナ": "名称_カナ",
    "利用可能曜日特記事項": "利用可能日時特記事項",
    "ホームページ": "URL",
    "メールアドレス": "連絡先メールアドレス",
    "法人名": "法人の名称",
    "緯度(世界測地系)": "緯度",
    "経度(世界測地系)": "経度",
}
# Old files split 地方公共団体名 in two; they are joined on reading.
PREFECTURE_NAME, CITY_NAME = "都道府県名", "市区町村名"


def canonical(header: str) -> str:
    """The header as we name it: width folded (（）→()), spaces dropped, old names mapped."""
    text = "".join(unicodedata.normalize("NFKC", header or "").split()).lstrip("\ufeff")
    return OLD_NAMES.get(text, text)
