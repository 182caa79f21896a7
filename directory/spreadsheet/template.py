"""The template to fill in: XLSX with an explanation sheet and drop-down lists, or a CSV header.

The XLSX has three sheets: 「取り込み」 (the header row, to fill in below it), 「記入例・説明」
(each column: required or not, what to write, an example) and a hidden 「選択肢」 holding the
lists that the drop-downs of 分類, 法人種別, 費用 point to (a list written into the validation
itself may not exceed 255 characters, which the categories do).
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from directory.choices import CostCategory, ProviderType
from directory.csv_safety import csv_cell
from directory.spreadsheet.columns import COLUMNS, Column
from directory.spreadsheet.values import Categories, choice_labels

DATA_SHEET = "取り込み"
HELP_SHEET = "記入例・説明"
LISTS_SHEET = "選択肢"
ROWS_WITH_LISTS = 1000


def template_csv() -> bytes:
    """The header row, UTF-8 with a BOM so that Excel in Japan opens it without mojibake."""
    return ("\ufeff" + ",".join(csv_cell(c.header) for c in COLUMNS) + "\r\n").encode("utf-8")


def template_xlsx() -> bytes:
    # openpyxl takes 0.1 s to import; only the template download needs it.
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = DATA_SHEET
    required_fill = PatternFill("solid", fgColor="FCE4D6")
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font = Font(bold=True)
        cell.fill = required_fill if column.required else header_fill
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = _width(column)
        if column.text:
            # Text cells keep the leading 0 of 03-… and 060-0001.
            for row in range(2, ROWS_WITH_LISTS + 2):
                sheet.cell(row=row, column=index).number_format = "@"
    sheet.freeze_panes = "A2"

    lists = workbook.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    choices = {
        "categories": Categories().names(),
        "provider_type": choice_labels(ProviderType.choices),
        "cost_category": choice_labels(CostCategory.choices),
    }
    for list_index, (key, labels) in enumerate(choices.items(), start=1):
        list_letter = get_column_letter(list_index)
        for row, label in enumerate(labels, start=1):
            lists.cell(row=row, column=list_index, value=csv_cell(label))
        column_index = next(i for i, c in enumerate(COLUMNS, start=1) if c.key == key)
        column = COLUMNS[column_index - 1]
        validation = DataValidation(
            type="list",
            formula1=f"'{LISTS_SHEET}'!${list_letter}$1:${list_letter}${max(len(labels), 1)}",
            allow_blank=True,
            showErrorMessage=True,
            # Several categories are typed as 「食料支援、子ども食堂」: warn, do not refuse.
            errorStyle="warning" if column.multiple else "stop",
            errorTitle=column.header,
            error=str(column.help),
            promptTitle=column.header,
            prompt=str(column.help)[:255],
            showInputMessage=True,
        )
        letter = get_column_letter(column_index)
        validation.add(f"{letter}2:{letter}{ROWS_WITH_LISTS + 1}")
        sheet.add_data_validation(validation)

    help_sheet = workbook.create_sheet(HELP_SHEET)
    titles = [_("列名"), _("必須"), _("書き方"), _("記入例")]
    for index, title in enumerate(titles, start=1):
        cell = help_sheet.cell(row=1, column=index, value=title)
        cell.font = Font(bold=True)
        cell.fill = header_fill
    wrap = Alignment(wrap_text=True, vertical="top")
    for row, column in enumerate(COLUMNS, start=2):
        values = [
            column.header,
            _("必須") if column.required else "",
            str(column.help),
            column.example,
        ]
        for index, value in enumerate(values, start=1):
            cell = help_sheet.cell(row=row, column=index, value=csv_cell(value))
            cell.alignment = wrap
    notes_row = len(COLUMNS) + 3
    notes = [
        _(
            "1行に、1つの拠点で行う1つのサービスを書きます。同じ団体名の行は一つの団体にまとめます。"
        ),
        _(
            "同じサービスを複数の拠点で行うときは、サービスの列を同じにして拠点ごとに1行ずつ書きます。"
        ),
        _("一つでも誤りがあると何も取り込みません。誤りは行番号と列名で一覧にします。"),
        _("分類に使える名前: %(names)s") % {"names": "、".join(choices["categories"])},
    ]
    for offset, note in enumerate(notes):
        cell = help_sheet.cell(row=notes_row + offset, column=1, value=note)
        help_sheet.merge_cells(
            start_row=notes_row + offset, start_column=1, end_row=notes_row + offset, end_column=4
        )
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        help_sheet.row_dimensions[notes_row + offset].height = 45 if offset == 3 else 18
    for letter, width in zip("ABCD", (18, 8, 70, 40), strict=True):
        help_sheet.column_dimensions[letter].width = width
    help_sheet.freeze_panes = "A2"

    workbook.active = 0
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _width(column: Column) -> float:
    if column.key in ("description", "hours", "application_process", "fees_description"):
        return 40
    return max(12, len(column.header) * 2.5, min(30, len(column.example) * 1.6))
