import pytest

from textkit.table import format_table

ROWS = [["apple", 3], ["kiwi", 12]]


def test_explicit_alignment_overrides_automatic_one():
    out = format_table(ROWS, headers=["fruit", "qty"], align=["right", "left"])
    assert out.splitlines() == [
        "fruit  qty",
        "-----  ---",
        "apple  3",
        " kiwi  12",
    ]


def test_numeric_column_can_be_left_aligned():
    assert format_table([[1], [100]], align=("left",)) == "1\n100"


def test_center_alignment_with_headers():
    rows = [["abcdef", 1], ["abcd", 22]]
    out = format_table(rows, headers=["name", "n"], align=["center", "center"])
    assert out.splitlines() == [
        " name   n",
        "------  --",
        "abcdef  1",
        " abcd   22",
    ]


def test_center_puts_odd_extra_space_on_the_right():
    assert format_table([["ab", "x"], ["abcde", "y"]], align=["center", "left"]) == " ab    x\nabcde  y"


def test_align_none_keeps_automatic_alignment():
    assert format_table(ROWS, align=None) == format_table(ROWS) == "apple   3\nkiwi   12"


@pytest.mark.parametrize("align", [["left"], ["left", "right", "left"]])
def test_wrong_number_of_alignments_rejected(align):
    with pytest.raises(ValueError, match=f"align has {len(align)} entries, expected 2"):
        format_table(ROWS, align=align)


def test_unknown_alignment_rejected():
    with pytest.raises(ValueError, match="unknown alignment: 'middle'"):
        format_table(ROWS, align=["left", "middle"])
