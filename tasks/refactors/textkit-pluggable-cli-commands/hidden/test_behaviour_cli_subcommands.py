"""Behaviour of the command line that must be the same however the subcommands are declared: what
every subcommand prints, its error messages (on stderr, prefixed "textkit: ") and exit
statuses, stdin as the default input, and the parser's usage and help texts. Only
`textkit.cli.main` and `build_parser` are used, which exist before and after."""

import io

import pytest

from textkit.cli import build_parser, main


def run(capsys, argv, stdin=None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    status = main(argv)
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def write(tmp_path):
    def write(name, text):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return str(path)
    return write


def test_stats_from_a_file_and_from_stdin(capsys, monkeypatch, write):
    path = write("in.txt", "Hello there. General Kenobi!\nYes.\n")
    assert run(capsys, ["stats", path]) == (
        0, "lines: 2\nwords: 5\nchars: 34\nsentences: 3\n", "")
    for argv in (["stats"], ["stats", "-"]):
        assert run(capsys, argv, "a b\nc", monkeypatch) == (
            0, "lines: 2\nwords: 3\nchars: 5\nsentences: 1\n", "")


def test_reading_is_utf8(capsys, write):
    path = write("in.txt", "Crème brûlée\n")
    assert run(capsys, ["stats", path])[1].splitlines()[2] == "chars: 13"


def test_unreadable_input_is_a_user_error(capsys, tmp_path):
    missing = tmp_path / "nope.txt"
    for command in ("stats", "top", "table"):
        assert run(capsys, [command, str(missing)]) == (
            1, "", f"textkit: cannot read {missing}: No such file or directory\n")
    assert run(capsys, ["render", str(tmp_path)]) == (
        1, "", f"textkit: cannot read {tmp_path}: Is a directory\n")


def test_top(capsys, monkeypatch, write):
    path = write("in.txt", "to be or not TO be, to")
    assert run(capsys, ["top", path, "-n", "2"]) == (
        0, "word  count\n----  -----\nto        3\nbe        2\n", "")
    assert run(capsys, ["top", path, "--min-length", "3"]) == (
        0, "word  count\n----  -----\nnot       1\n", "")
    text = " ".join(f"w{i}" for i in range(12))
    assert len(run(capsys, ["top"], text, monkeypatch)[1].splitlines()) == 12  # -n is 10
    assert run(capsys, ["top", "-n", "1"], "", monkeypatch) == (0, "word  count\n----  -----\n", "")


@pytest.mark.parametrize("n", ["0", "-3"])
def test_top_rejects_n_below_one(capsys, monkeypatch, n):
    assert run(capsys, ["top", "-n", n], "a", monkeypatch) == (
        1, "", "textkit: -n must be at least 1\n")


def test_slug(capsys):
    assert run(capsys, ["slug", "Hello", "Wörld!"]) == (0, "hello-world\n", "")
    assert run(capsys, ["slug", "Hello", "Wörld!", "--sep", "_"]) == (0, "hello_world\n", "")
    assert run(capsys, ["slug", "!!!"]) == (0, "\n", "")


def test_slug_with_an_empty_separator_is_not_a_user_error(capsys):
    with pytest.raises(ValueError, match="sep must not be empty"):
        main(["slug", "x", "--sep", ""])


def test_table(capsys, monkeypatch, write):
    path = write("t.csv", "name,age,score\nAda,36,9.5\n\nAlan,41,x\n")
    assert run(capsys, ["table", path]) == (
        0, "name  age  score\n----  ---  -----\nAda    36  9.50\nAlan   41  x\n", "")
    assert run(capsys, ["table", path, "--no-header"]) == (
        0, "name  age  score\nAda   36   9.50\nAlan  41   x\n", "")
    semi = write("s.csv", "a;b\n1;2.25\n")
    assert run(capsys, ["table", semi, "--delimiter", ";"]) == (0, "a     b\n-  ----\n1  2.25\n", "")
    assert run(capsys, ["table"], "", monkeypatch) == (0, "\n", "")
    assert run(capsys, ["table"], "x,y\n", monkeypatch) == (0, "x  y\n-  -\n", "")


def test_table_with_ragged_rows_is_a_user_error(capsys, write):
    path = write("t.csv", "a,b\n1\n")
    assert run(capsys, ["table", path]) == (1, "", "textkit: row 1 has 1 cells, expected 2\n")


def test_render(capsys, write):
    path = write("t.txt", "Dear {{ name|upper }}, {{ n }}\n")
    assert run(capsys, ["render", path, "--var", "name=ada", "--var", "n=a=b"]) == (
        0, "Dear ADA, a=b\n", "")
    bare = write("bare.txt", "{{ x }}")
    assert run(capsys, ["render", bare, "--var", "x=1", "--var", "x=2"]) == (0, "2", "")
    assert run(capsys, ["render", bare, "--var", "x="]) == (0, "", "")


@pytest.mark.parametrize(("var", "err"), [
    ("oops", "textkit: --var expects NAME=VALUE, got 'oops'\n"),
    ("=value", "textkit: --var expects NAME=VALUE, got '=value'\n"),
])
def test_render_rejects_bad_assignments(capsys, write, var, err):
    assert run(capsys, ["render", write("t.txt", "x"), "--var", var]) == (1, "", err)


def test_render_template_errors_are_user_errors(capsys, write):
    assert run(capsys, ["render", write("t.txt", "Hi {{ who }}")]) == (
        1, "", "textkit: undefined variable: who\n")
    assert run(capsys, ["render", write("u.txt", "{{ x|shout }}"), "--var", "x=1"]) == (
        1, "", "textkit: unknown filter: shout\n")


def test_usage_and_help(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    parser = build_parser()
    assert parser.prog == "textkit"
    assert "{stats,top,slug,table,render}" in parser.format_usage()
    helptext = parser.format_help()
    for line in ("count lines, words, characters and sentences", "show the most frequent words",
                 "print a slug made from WORDS", "format CSV as an aligned table",
                 "render a {{ name }} template", "Small text utilities."):
        assert line in helptext
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    assert "usage: textkit" in capsys.readouterr().out


def test_subcommand_help(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    for argv, words in ((["top", "-h"], ["how many words to show", "ignore shorter words",
                                         "--min-length MIN_LENGTH"]),
                        (["table", "-h"], ["first row is data", "--delimiter DELIMITER"]),
                        (["render", "-h"], ["--var NAME=VALUE"])):
        with pytest.raises(SystemExit) as info:
            main(argv)
        assert info.value.code == 0
        out = capsys.readouterr().out
        for word in words:
            assert word in out


@pytest.mark.parametrize("argv", [[], ["nope"], ["top", "-n", "x"], ["slug"], ["render"]])
def test_bad_command_lines_exit_with_status_2(capsys, argv):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    assert capsys.readouterr().err.startswith("usage: textkit")
