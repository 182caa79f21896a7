"""directory.csv_safety: cells that a spreadsheet would run as formulas are written as text."""

import pytest

from directory.csv_safety import csv_cell, csv_value, formula_start


@pytest.mark.parametrize(
    "value",
    ['=HYPERLINK("http://x")', "+81 3", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)", "\tx", "\rx"],
)
def test_formula_like_cells_get_a_leading_apostrophe(value):
    assert csv_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["-12.5", "-3", "フードパントリー", "", "a=b"])
def test_plain_numbers_and_ordinary_text_are_unchanged(value):
    assert csv_cell(value) == value


def test_values_that_are_not_text_are_unchanged():
    assert csv_cell(-1) == -1
    assert csv_cell(None) is None


def test_reading_a_cell_back_removes_only_the_apostrophe_csv_cell_added():
    assert csv_value(csv_cell("=1+1")) == "=1+1"
    assert csv_value("'ひだまり") == "'ひだまり"


@pytest.mark.parametrize("name", ["=1+1", "+ひだまり", "@home", "-cmd", "\tタブ"])
def test_names_that_start_like_a_formula_are_flagged(name):
    assert formula_start(name)


@pytest.mark.parametrize("name", ["-1番館", "ひだまり", "NPO法人 -あい-", ""])
def test_ordinary_names_and_a_dash_before_a_digit_pass(name):
    assert not formula_start(name)
