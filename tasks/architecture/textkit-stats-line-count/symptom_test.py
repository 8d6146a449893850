"""The reported failure: `textkit stats` counts one line too many."""

from textkit.cli import main


def test_stats_counts_the_lines_of_a_file(tmp_path, capsys):
    path = tmp_path / "notes.txt"
    path.write_text("First line.\nSecond line.\nThird line.\n", encoding="utf-8")
    assert main(["stats", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["lines: 3", "words: 6", "chars: 37", "sentences: 3"]


def test_stats_of_an_empty_file(tmp_path, capsys):
    path = tmp_path / "empty.txt"
    path.write_text("", encoding="utf-8")
    assert main(["stats", str(path)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "lines: 0"
