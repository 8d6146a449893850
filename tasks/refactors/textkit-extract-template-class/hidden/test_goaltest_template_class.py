"""Goal test (imports the code): a Template object keeps its source and renders it, and the
module-level functions give the same results. Imports happen inside the tests, so the
untouched repo collects."""

import importlib


def test_a_template_object_renders_and_lists_its_variables():
    template = importlib.import_module("textkit.template")
    page = template.Template("Hi {{ name|title }}, {{ name }}! {{ n }}")
    assert page.source == "Hi {{ name|title }}, {{ name }}! {{ n }}"
    assert page.variables() == ["name", "n"]
    assert page.render({"name": "ada", "n": 3}) == "Hi Ada, ada! 3"
    assert page.render({"name": "bob", "n": 4}) == "Hi Bob, bob! 4"  # reusable
    assert template.render(page.source, {"name": "ada", "n": 3}) == "Hi Ada, ada! 3"


def test_a_template_object_raises_the_same_errors():
    template = importlib.import_module("textkit.template")
    page = template.Template("{{ who|shout }}")
    try:
        page.render({"who": "x"})
    except template.TemplateError as exc:
        assert str(exc) == "unknown filter: shout"
    else:
        raise AssertionError("no TemplateError")
