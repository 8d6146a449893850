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
