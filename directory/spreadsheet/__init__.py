"""Importing the directory from a spreadsheet (表計算ソフトからの取り込み).

Municipal staff keep resource lists in Excel. A template with Japanese column headers
(``template.py``, columns in ``columns.py``) is filled in, one row per service at one location;
``reader.py`` reads XLSX or CSV (UTF-8 or Shift_JIS), ``convert.py`` checks every cell and turns
the rows into HSDS 3.0 ``service_full`` objects, and ``services.py`` hands them to the HSDS
importer, which writes all or nothing. Problems name the sheet row and the Japanese column.
docs/hsds.md 「表計算ソフトからの取り込み」 describes the columns.
"""
