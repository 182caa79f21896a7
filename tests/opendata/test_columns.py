"""The column lists are the definitions' (定義書A, docs/opendata.md); old spellings still read."""

import pytest

from directory.opendata.columns import DATASETS, canonical


@pytest.mark.parametrize("dataset", sorted(DATASETS))
def test_every_dataset_has_the_shared_heading_and_location_columns_in_order(dataset):
    columns = DATASETS[dataset].columns
    assert columns[:4] == ("全国地方公共団体コード", "ID", "地方公共団体名", "名称")
    location = columns.index("所在地_全国地方公共団体コード")
    assert columns[location : location + 10] == (
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
    assert "郵便番号" in columns
    assert len(set(columns)) == len(columns)


def test_care_has_no_time_columns_and_calls_its_hours_note_by_the_old_name():
    care = DATASETS["care-facilities"]
    assert not care.has_times
    assert care.hours_note_column == "利用可能曜日特記事項"
    assert canonical("利用可能日時特記事項", care) == "利用可能曜日特記事項"
    assert (
        canonical("利用可能曜日特記事項", DATASETS["public-facilities"]) == "利用可能日時特記事項"
    )


@pytest.mark.parametrize(
    ("header", "ours"),
    [
        ("都道府県コード又は市区町村コード", "全国地方公共団体コード"),
        ("都道府県コード又は市町村コード", "全国地方公共団体コード"),
        ("NO", "ID"),
        ("住所", "所在地_連結表記"),
        ("方書", "建物名等(方書)"),
        ("方書（ビル名等）", "建物名等(方書)"),
        ("建物名等（方書）", "建物名等(方書)"),
        ("名称_英語", "名称_英字"),
        ("連絡先備考", "連絡先備考(その他、SNSなど)"),
        ("認可等年月日", "許可等年月日"),
    ],
)
def test_earlier_and_other_spellings_read_as_ours(header, ours):
    assert canonical(header, DATASETS["childcare-facilities"]) == ours
