import pytest

from textkit.template import TemplateError, render, variables


def test_render_with_filters():
    out = render("Hi {{ name|title }}, see {{title | slug}}.", {"name": "ada", "title": "My Post!"})
    assert out == "Hi Ada, see my-post."


def test_render_converts_values_to_str():
    assert render("{{n}} items", {"n": 3}) == "3 items"


def test_render_missing_variable():
    with pytest.raises(TemplateError, match="undefined variable: who"):
        render("Hello {{ who }}", {})


def test_render_unknown_filter():
    with pytest.raises(TemplateError, match="unknown filter: shout"):
        render("{{ x|shout }}", {"x": "a"})


def test_variables_in_order_once():
    assert variables("{{b}} {{ a|upper }} {{b}}") == ["b", "a"]
