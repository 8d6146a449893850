import io
import tomllib

import pytest

from textkit.cli import main


def _files(tmp_path, template, toml):
    tpl = tmp_path / "t.txt"
    tpl.write_text(template, encoding="utf-8")
    data = tmp_path / "vars.toml"
    data.write_text(toml, encoding="utf-8")
    return str(tpl), str(data)


def test_variables_from_toml_file(tmp_path, capsys):
    tpl, data = _files(
        tmp_path,
        "{{ name|upper }} has {{ count }} items at {{ratio}}\n",
        'name = "Ada"\ncount = 3\nratio = 1.5\n',
    )
    assert main(["render", tpl, "--vars", data]) == 0
    assert capsys.readouterr().out == "ADA has 3 items at 1.5\n"


def test_booleans_render_lowercase(tmp_path, capsys):
    tpl, data = _files(tmp_path, "{{ a }}/{{ b }}", "a = true\nb = false\n")
    assert main(["render", tpl, "--vars", data]) == 0
    assert capsys.readouterr().out == "true/false"


def test_var_option_wins_over_file_in_any_order(tmp_path, capsys):
    tpl, data = _files(tmp_path, "{{ name }} {{ town }}", 'name = "Ada"\ntown = "London"\n')
    assert main(["render", tpl, "--var", "name=Bob", "--vars", data]) == 0
    assert capsys.readouterr().out == "Bob London"
    assert main(["render", tpl, "--vars", data, "--var", "town=Leeds"]) == 0
    assert capsys.readouterr().out == "Ada Leeds"


def test_nested_values_rejected(tmp_path, capsys):
    tpl, data = _files(tmp_path, "{{ name }}", 'name = "x"\n[owner]\nname = "y"\n')
    assert main(["render", tpl, "--vars", data]) == 1
    captured = capsys.readouterr()
    assert captured.err == "textkit: --vars: owner must be a string, number or boolean\n"
    assert captured.out == ""
    tpl, data = _files(tmp_path, "{{ tags }}", "tags = [1, 2]\n")
    assert main(["render", tpl, "--vars", data]) == 1
    assert capsys.readouterr().err == "textkit: --vars: tags must be a string, number or boolean\n"


def test_invalid_toml(tmp_path, capsys):
    tpl, data = _files(tmp_path, "{{ x }}", "x = = 1\n")
    assert main(["render", tpl, "--vars", data]) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith(f"textkit: --vars: invalid TOML in {data}: ")
    assert captured.out == ""


def test_unreadable_vars_file(tmp_path, capsys):
    tpl, _ = _files(tmp_path, "{{ x }}", "")
    missing = str(tmp_path / "nope.toml")
    assert main(["render", tpl, "--vars", missing]) == 1
    assert capsys.readouterr().err.startswith(f"textkit: cannot read {missing}: ")


# Ticket: "any other value (table, array, date/time) is an error:
# `textkit: --vars: <key> must be a string, number or boolean` on stderr, exit status 1,
# nothing on stdout." -- TOML has four date/time types, and inline tables and arrays of
# tables are tables and arrays too.
@pytest.mark.parametrize(
    "toml",
    [
        "when = 1979-05-27T07:32:00Z\n",  # offset date-time
        "when = 1979-05-27T07:32:00-08:00\n",  # offset date-time
        "when = 1979-05-27T07:32:00\n",  # local date-time
        "when = 1979-05-27\n",  # local date
        "when = 07:32:00\n",  # local time
        'when = { name = "y" }\n',  # inline table
        'when = []\n',  # empty array
        '[[when]]\nname = "y"\n',  # array of tables
    ],
)
def test_date_time_and_other_values_rejected(tmp_path, capsys, toml):
    tpl, data = _files(tmp_path, "{{ when }}", 'first = "ok"\n' + toml)
    assert main(["render", tpl, "--vars", data]) == 1
    captured = capsys.readouterr()
    assert captured.err == "textkit: --vars: when must be a string, number or boolean\n"
    assert captured.out == ""


def test_vars_from_standard_input(tmp_path, capsys, monkeypatch):
    # Ticket: "FILE is read like the other inputs of the CLI (UTF-8, `-` means standard input"
    tpl, _ = _files(tmp_path, "{{ name }} has {{ count }}", "")
    monkeypatch.setattr("sys.stdin", io.StringIO('name = "Ada"\ncount = 3\n'))
    assert main(["render", tpl, "--vars", "-"]) == 0
    assert capsys.readouterr().out == "Ada has 3"


def test_vars_file_is_utf8(tmp_path, capsys):
    # Ticket: "FILE is read like the other inputs of the CLI (UTF-8, ..."
    tpl, data = _files(tmp_path, "{{ name }}", 'name = "Zoë – 東京"\n')
    assert main(["render", tpl, "--vars", data]) == 0
    assert capsys.readouterr().out == "Zoë – 東京"


@pytest.mark.parametrize("kind", ["missing", "directory"])
def test_unreadable_vars_file_gives_the_usual_error(tmp_path, capsys, kind):
    # Ticket: "a file that cannot be read gives the usual `textkit: cannot read <path>: <reason>`
    # and exit status 1" -- the same message as any other input of the CLI that cannot be read.
    tpl, _ = _files(tmp_path, "{{ x }}", "")
    path = tmp_path / "nope.toml"
    if kind == "directory":
        path.mkdir()
    assert main(["stats", str(path)]) == 1
    usual = capsys.readouterr().err
    assert usual.startswith(f"textkit: cannot read {path}: ")
    assert main(["render", tpl, "--vars", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.err == usual
    assert captured.out == ""


def test_invalid_toml_message_in_full(tmp_path, capsys, monkeypatch):
    # Ticket: "stderr gets `textkit: --vars: invalid TOML in <FILE>: <tomllib's message>` (FILE as
    # given on the command line), exit status 1, nothing on stdout."
    bad = 'x = "a"\ny = = 1\n'
    with pytest.raises(tomllib.TOMLDecodeError) as info:
        tomllib.loads(bad)
    _files(tmp_path, "{{ x }}", bad)
    monkeypatch.chdir(tmp_path)
    assert main(["render", "t.txt", "--vars", "vars.toml"]) == 1
    captured = capsys.readouterr()
    assert captured.err == f"textkit: --vars: invalid TOML in vars.toml: {info.value}\n"
    assert captured.out == ""
    monkeypatch.setattr("sys.stdin", io.StringIO(bad))
    assert main(["render", "t.txt", "--vars", "-"]) == 1
    captured = capsys.readouterr()
    assert captured.err == f"textkit: --vars: invalid TOML in -: {info.value}\n"
    assert captured.out == ""
