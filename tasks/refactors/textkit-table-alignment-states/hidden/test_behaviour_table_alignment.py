"""Behaviour that must be the same however a column's alignment is represented: which
columns are right-aligned (numbers only; bools, strings and mixes are left-aligned; empty
cells are ignored), headers aligned like their column, widths, separators, errors."""

import pytest

from textkit.cli import main
from textkit.table import cell_text, format_table


def lines(rows, headers=None, **kw):
    return format_table(rows, headers=headers, **kw).split("\n")


def test_numeric_column_and_its_header_are_right_aligned():
    assert lines([["apple", 3], ["kiwi", 12]], ["fruit", "qty"]) == [
        "fruit  qty", "-----  ---", "apple    3", "kiwi    12"]
    assert lines([[7, "x"], [1000, "y"]], ["n", "s"]) == [
        "   n  s", "----  -", "   7  x", "1000  y"]


def test_floats_are_numbers_too():
    assert lines([[1.5, "a"], [10.25, "b"], [3, "c"]]) == [" 1.50  a", "10.25  b", "    3  c"]


def test_bools_are_not_numbers():
    assert lines([[True, "x"], [False, "y"]]) == ["True   x", "False  y"]
    assert lines([[1, "x"], [True, "y"], [22, "z"]]) == ["1     x", "True  y", "22    z"]


def test_strings_and_mixed_columns_are_left_aligned():
    assert lines([["a", 1], ["bbb", 2]]) == ["a    1", "bbb  2"]
    assert lines([[1, "a"], ["xx", "b"], [333, "c"]]) == ["1    a", "xx   b", "333  c"]
    assert lines([["12", "a"], ["3", "b"]]) == ["12  a", "3   b"]  # digits in a str are text


def test_empty_cells_do_not_decide_the_alignment():
    assert lines([[None, "a"], [3, "b"], [None, "c"], [45, "d"]]) == [
        "    a", " 3  b", "    c", "45  d"]
    assert lines([[None, "a"], ["x", "b"]]) == ["   a", "x  b"]
    assert lines([[None, "a"], [None, "b"]], ["head", "x"]) == ["head  x", "----  -", "      a",
                                                               "      b"]


def test_headers_only_and_empty_tables():
    assert format_table([], headers=["a", "bb"]) == "a  bb\n-  --"
    assert format_table([]) == ""
    assert format_table([[]]) == ""


def test_separator_and_trailing_spaces():
    assert format_table([["a", "bb"], ["ccc", None]], sep=" | ") == "a   | bb\nccc |"
    assert format_table([[1, 2], [30, 4]], sep="|") == " 1|2\n30|4"
    assert format_table([["x", 1]], headers=["long header", "n"], sep="") == (
        "long headern\n" + "-" * 12 + "\nx          1")


def test_ragged_rows_are_rejected():
    with pytest.raises(ValueError, match=r"^row 2 has 1 cells, expected 2$"):
        format_table([["a", "b"], ["c"]])
    with pytest.raises(ValueError, match=r"^row 1 has 2 cells, expected 3$"):
        format_table([[1, 2]], headers=["a", "b", "c"])


def test_cell_text():
    assert [cell_text(v) for v in (None, 2.5, 7, True, "s", -0.005)] == [
        "", "2.50", "7", "True", "s", "-0.01"]


def test_cli_table_aligns_numbers(tmp_path, capsys):
    path = tmp_path / "t.csv"
    path.write_text("name,score,note\nAda,9.5,ok\nAlan,10,\n", encoding="utf-8")
    assert main(["table", str(path)]) == 0
    assert capsys.readouterr().out == (
        "name  score  note\n----  -----  ----\nAda    9.50  ok\nAlan     10\n")
