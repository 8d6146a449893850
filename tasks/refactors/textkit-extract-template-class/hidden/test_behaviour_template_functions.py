"""Behaviour that must be the same before and after the class is extracted: the module-level
render() and variables(), including which error comes first in a template with several."""

import types

import pytest

from textkit.cli import main
from textkit.template import FILTERS, TemplateError, render, variables


def test_render_replaces_every_placeholder_and_keeps_the_rest():
    out = render("Hi {{ name|title }}, see {{title | slug}}.", {"name": "ada", "title": "My Post!"})
    assert out == "Hi Ada, see my-post."
    assert render("no placeholders { here }", {}) == "no placeholders { here }"
    assert render("", {}) == ""
    assert render("{{a}}{{a}}{{ a }}", {"a": "x"}) == "xxx"


def test_filters_run_left_to_right_on_the_str_of_the_value():
    assert render("{{ t|slug|upper }}", {"t": "Hello World"}) == "HELLO-WORLD"
    assert render("{{ t|upper|lower }}", {"t": "MiXeD"}) == "mixed"
    assert render("{{ n|upper }} {{ v }}", {"n": None, "v": 2.50}) == "NONE 2.5"
    assert render("{{ s|squash|strip }}", {"s": "  a \n b  "}) == "a b"


def test_values_are_not_rendered_again():
    assert render("{{ a }}", {"a": "{{ b }}", "b": "no"}) == "{{ b }}"


def test_context_may_be_any_mapping_and_extra_keys_are_ignored():
    context = types.MappingProxyType({"who": "you", "unused": 1})
    assert render("Hello {{ who }}", context) == "Hello you"


def test_a_placeholder_does_not_span_lines():
    assert render("{{ a\n}} {{ a }}", {"a": "x"}) == "{{ a\n}} x"


def test_filters_added_at_run_time_are_used(monkeypatch):
    monkeypatch.setitem(FILTERS, "shout", lambda s: s.upper() + "!")
    assert render("{{ x|shout }}", {"x": "hey"}) == "HEY!"


@pytest.mark.parametrize(("template", "context", "message"), [
    ("Hello {{ who }}", {}, "undefined variable: who"),
    ("{{ x|shout }}", {"x": "a"}, "unknown filter: shout"),
    ("{{ x| }}", {"x": "a"}, "unknown filter: "),
    ("{{ }}", {}, "empty placeholder"),
    ("{{ |upper }}", {}, "empty placeholder"),
    # the first placeholder that fails decides, in template order
    ("{{ missing }} {{ }}", {}, "undefined variable: missing"),
    ("{{ }} {{ missing }}", {}, "empty placeholder"),
    ("{{ x|bogus }} {{ missing }}", {"x": "a"}, "unknown filter: bogus"),
    ("{{ missing|bogus }}", {}, "undefined variable: missing"),
])
def test_render_errors(template, context, message):
    with pytest.raises(TemplateError) as info:
        render(template, context)
    assert str(info.value) == message
    assert info.value.__cause__ is None


def test_render_by_keyword():
    assert render(template="{{ a }}", context={"a": 1}) == "1"


def test_variables_in_order_of_first_use_once_each():
    assert variables("{{b}} {{ a|upper }} {{b}} {{ c | slug }}") == ["b", "a", "c"]
    assert variables("nothing here") == []
    assert variables(template="{{ x }}") == ["x"]


def test_variables_reports_an_empty_placeholder_but_not_unknown_filters():
    assert variables("{{ a|bogus }}") == ["a"]
    with pytest.raises(TemplateError, match="empty placeholder"):
        variables("{{ a }} {{ }}")


def test_each_call_returns_a_new_list():
    first = variables("{{ a }}")
    first.append("zzz")
    assert variables("{{ a }}") == ["a"]


def test_cli_render_still_works(tmp_path, capsys):
    path = tmp_path / "t.txt"
    path.write_text("{{ a|upper }} and {{ b }}\n", encoding="utf-8")
    assert main(["render", str(path), "--var", "a=x", "--var", "b=y=z"]) == 0
    assert capsys.readouterr().out == "X and y=z\n"
    assert main(["render", str(path), "--var", "a=x"]) == 1
    assert capsys.readouterr().err == "textkit: undefined variable: b\n"
