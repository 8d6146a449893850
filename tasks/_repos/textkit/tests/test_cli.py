import io

from textkit.cli import main


def test_stats_from_file(tmp_path, capsys):
    path = tmp_path / "in.txt"
    path.write_text("Hello there. General Kenobi!\n", encoding="utf-8")
    assert main(["stats", str(path)]) == 0
    assert capsys.readouterr().out == "lines: 1\nwords: 4\nchars: 29\nsentences: 2\n"


def test_stats_from_stdin(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("a b\nc\n"))
    assert main(["stats"]) == 0
    assert capsys.readouterr().out.splitlines()[:2] == ["lines: 2", "words: 3"]


def test_stats_missing_file(tmp_path, capsys):
    assert main(["stats", str(tmp_path / "nope.txt")]) == 1
    assert "textkit: cannot read" in capsys.readouterr().err


def test_top(tmp_path, capsys):
    path = tmp_path / "in.txt"
    path.write_text("to be or not TO be, to", encoding="utf-8")
    assert main(["top", str(path), "-n", "2"]) == 0
    assert capsys.readouterr().out == "word  count\n----  -----\nto        3\nbe        2\n"


def test_slug(capsys):
    assert main(["slug", "Hello", "Wörld!", "--sep", "_"]) == 0
    assert capsys.readouterr().out == "hello_world\n"


def test_table_from_csv(tmp_path, capsys):
    path = tmp_path / "t.csv"
    path.write_text("name,age\nAda,36\nAlan,41\n", encoding="utf-8")
    assert main(["table", str(path)]) == 0
    assert capsys.readouterr().out == "name  age\n----  ---\nAda    36\nAlan   41\n"


def test_render(tmp_path, capsys):
    path = tmp_path / "t.txt"
    path.write_text("Dear {{ name|upper }}\n", encoding="utf-8")
    assert main(["render", str(path), "--var", "name=ada"]) == 0
    assert capsys.readouterr().out == "Dear ADA\n"


def test_render_bad_var(tmp_path, capsys):
    path = tmp_path / "t.txt"
    path.write_text("x", encoding="utf-8")
    assert main(["render", str(path), "--var", "oops"]) == 1
    assert "NAME=VALUE" in capsys.readouterr().err
