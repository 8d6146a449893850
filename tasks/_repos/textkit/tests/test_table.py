import pytest

from textkit.table import cell_text, format_table


def test_cell_text():
    assert cell_text(None) == ""
    assert cell_text(2.5) == "2.50"
    assert cell_text(7) == "7"


def test_format_table_with_headers():
    rows = [["apple", 3], ["kiwi", 12]]
    assert format_table(rows, headers=["fruit", "qty"]).splitlines() == [
        "fruit  qty",
        "-----  ---",
        "apple    3",
        "kiwi    12",
    ]


def test_format_table_without_headers_and_custom_sep():
    rows = [["a", "bb"], ["ccc", None]]
    assert format_table(rows, sep=" | ") == "a   | bb\nccc |"


def test_format_table_mixed_column_is_left_aligned():
    rows = [[1], ["x"], [22]]
    assert format_table(rows) == "1\nx\n22"


def test_format_table_ragged_rows_rejected():
    with pytest.raises(ValueError, match="row 2 has 1 cells, expected 2"):
        format_table([["a", "b"], ["c"]])


def test_format_table_empty():
    assert format_table([]) == ""
