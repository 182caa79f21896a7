"""Build ``dashboard/data/population.csv`` from the 2020 census (令和2年国勢調査), 総務省統計局.

Usage::

    python scripts/build_population.py major_results_2020.xlsx [--prefecture 13]

Input: 「令和2年国勢調査 都道府県・市区町村別の主な結果」, the XLSX file of
https://www.e-stat.go.jp/stat-search/files?stat_infid=000032143614 (sheet 第１面事項_2020年;
column B is ``NNNNN_名称``, column E the total population on 1 October 2020, final figures).

Output: ``municipality_code,name,population,year`` for each 市区町村 of the prefecture (default
13, 東京都): the 6-digit 全国地方公共団体コード (with its check digit), the name, the census
population, 2020. Totals (都道府県, 特別区部) are left out. Record the download date and the
licence in ``dashboard/data/README.md``.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "dashboard" / "data" / "population.csv"
SHEET = "第１面事項_2020年"
YEAR = 2020


def rows(path: Path, *, prefecture: str) -> list[tuple[str, str, int, int]]:
    import openpyxl

    sys.path.insert(0, str(ROOT))
    from directory.geocoding import check_digit

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    out = []
    for row in workbook[SHEET].iter_rows(min_row=10, values_only=True):
        match = re.fullmatch(r"(\d{5})_(.+)", str(row[1] or "").strip())
        if not match or not match[1].startswith(prefecture) or not isinstance(row[4], int):
            continue
        jis, name = match[1], match[2]
        # 13000 is the prefecture, 13100 the 特別区部 total: not municipalities.
        if jis.endswith("000") or jis == "13100":
            continue
        out.append((jis + check_digit(jis), name, row[4], YEAR))
    workbook.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("xlsx", type=Path)
    parser.add_argument("--prefecture", default="13", help="2-digit prefecture code (13: 東京都)")
    args = parser.parse_args()
    found = rows(args.xlsx, prefecture=args.prefecture)
    with OUTPUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["municipality_code", "name", "population", "year"])
        writer.writerows(found)
    print(f"{len(found)} municipalities -> {OUTPUT}")


if __name__ == "__main__":
    main()
