import io

import pytest

from textkit.cli import main
from textkit.stats import TextStats
from textkit.table import format_table


def test_textstats_addition():
    a = TextStats(lines=1, words=2, chars=3, sentences=4)
    b = TextStats(lines=10, words=20, chars=30, sentences=40)
    assert a + b == TextStats(lines=11, words=22, chars=33, sentences=44)
    assert sum([a, b, a], TextStats(lines=0, words=0, chars=0, sentences=0)) == TextStats(
        lines=12, words=24, chars=36, sentences=48
    )


def test_textstats_addition_with_other_type_is_type_error():
    with pytest.raises(TypeError):
        TextStats(lines=1, words=2, chars=3, sentences=4) + 1


def test_footer_rule_widths_and_alignment():
    out = format_table([["a", 1], ["b", 22]], headers=["k", "n"], footer=[["sum", 1000]])
    assert out.splitlines() == [
        "k       n",
        "---  ----",
        "a       1",
        "b      22",
        "---  ----",
        "sum  1000",
    ]


def test_footer_without_headers_and_text_cell_in_footer():
    assert format_table([[1], [22]], footer=[["n/a"]]) == "1\n22\n---\nn/a"


@pytest.mark.parametrize("footer", [None, []])
def test_no_footer_is_unchanged(footer):
    rows = [["apple", 3], ["kiwi", 12]]
    assert format_table(rows, headers=["fruit", "qty"], footer=footer) == (
        "fruit  qty\n-----  ---\napple    3\nkiwi    12"
    )


def test_footer_row_with_wrong_length_rejected():
    with pytest.raises(ValueError, match="footer row 1 has 1 cells, expected 2"):
        format_table([["a", 1]], footer=[["total"]])


def test_column_count_from_headers_else_first_body_row_else_first_footer_row():
    # headers set the count even when there are no body rows
    with pytest.raises(ValueError, match="^footer row 1 has 3 cells, expected 2$"):
        format_table([], headers=["k", "n"], footer=[["sum", 1, 2]])
    # no headers and no body rows: the first footer row sets it (the rule is still printed)
    assert format_table([], footer=[["total", 5]]) == "-----  -\ntotal  5"
    with pytest.raises(ValueError, match="^footer row 2 has 1 cells, expected 2$"):
        format_table([], footer=[["total", 5], ["x"]])


@pytest.fixture
def files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("One two. Three!\n", encoding="utf-8")
    (tmp_path / "long.txt").write_text("word " * 250 + "\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    return tmp_path


def test_cli_stats_several_files(files, capsys):
    assert main(["stats", "a.txt", "long.txt", "empty.txt"]) == 0
    assert capsys.readouterr().out == (
        "file       lines  words  chars  sentences\n"
        "---------  -----  -----  -----  ---------\n"
        "a.txt          1      3     16          2\n"
        "long.txt       1    250   1251          1\n"
        "empty.txt      0      0      0          0\n"
        "---------  -----  -----  -----  ---------\n"
        "total          2    253   1267          3\n"
    )


def test_cli_stats_stdin_among_files(files, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("Hi there.\nBye.\n"))
    assert main(["stats", "-", "a.txt"]) == 0
    assert capsys.readouterr().out.splitlines()[2:] == [
        "-          2      3     15          2",
        "a.txt      1      3     16          2",
        "-----  -----  -----  -----  ---------",
        "total      3      6     31          4",
    ]


def test_cli_stats_single_file_keeps_old_format(files, capsys):
    assert main(["stats", "a.txt"]) == 0
    assert capsys.readouterr().out == "lines: 1\nwords: 3\nchars: 16\nsentences: 2\n"


def test_cli_stats_unreadable_file_among_several(files, capsys):
    assert main(["stats", "a.txt", "missing.txt"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "textkit: cannot read missing.txt" in captured.err
