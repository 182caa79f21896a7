"""The Digital Agency's 自治体標準オープンデータセット, out and in (docs/opendata.md).

Modules: ``columns`` (the datasets and their headers, old names included), ``hours_text``
(the hours columns and the free text of 利用可能日時特記事項), ``export`` (public services →
CSV), ``reading`` (a CSV of any age and encoding → rows) and ``importer`` (rows → the HSDS
importer, all or nothing).
"""
