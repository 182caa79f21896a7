"""Small-number suppression: known answers, including the no-derivation rule."""

from dashboard import suppression
from dashboard.suppression import SECONDARY, SUPPRESSED, group, hidden_cells, rate, shown


def test_counts_from_one_to_four_are_shown_as_under_five():
    assert [shown(n) for n in (0, 1, 4, 5, 120)] == [0, SUPPRESSED, SUPPRESSED, 5, 120]


def test_one_small_part_hides_the_next_smallest_part_so_the_total_cannot_give_it_back():
    parts, total = group({"a": 3, "b": 10, "c": 20}, total=33)
    assert parts == {"a": SUPPRESSED, "b": SECONDARY, "c": 20}
    assert total == 33


def test_two_small_parts_need_no_secondary_suppression():
    parts, total = group({"a": 3, "b": 2, "c": 20}, total=25)
    assert parts == {"a": SUPPRESSED, "b": SUPPRESSED, "c": 20}
    assert total == 25


def test_a_small_total_with_one_part_hides_both():
    parts, total = group({"a": 3, "b": 0}, total=3)
    assert parts == {"a": SUPPRESSED, "b": 0}
    assert total == SUPPRESSED


def test_a_total_hidden_elsewhere_is_not_given_back_by_its_parts():
    parts, total = group({"a": 0, "b": 7}, total=7, total_hidden=True)
    assert parts["b"] == SECONDARY and total == SECONDARY


def test_a_single_hidden_part_and_no_other_non_zero_part_hides_the_total():
    parts, total = group({"a": 2, "b": 0, "c": 0}, total=2)
    assert total == SUPPRESSED


def test_relations_chain_across_rows_and_columns():
    # Two months by two statuses with row and column totals: hiding one cell must spread.
    values = {"m1": 12, "m1a": 9, "m1b": 3, "m2": 10, "m2a": 5, "m2b": 5, "all": 22}
    relations = [("m1", ["m1a", "m1b"]), ("m2", ["m2a", "m2b"]), ("all", ["m1", "m2"])]
    hidden = hidden_cells(values, relations)
    assert {"m1b", "m1a"} <= hidden
    for total, parts in relations:
        assert sum(1 for c in [total, *parts] if c in hidden) != 1


def test_rates_of_small_counts_are_suppressed():
    assert rate(3, 20) == SUPPRESSED
    assert rate(10, 3) == SUPPRESSED
    assert rate(5, 20) == 25.0
    assert rate(0, 0) is None


def test_threshold_is_five():
    assert suppression.THRESHOLD == 5
