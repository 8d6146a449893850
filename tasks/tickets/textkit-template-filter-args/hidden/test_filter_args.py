import pytest

from textkit import template
from textkit.cli import main
from textkit.template import TemplateError, render, variables


def test_default_filter():
    assert render("{{ a|default:none }}", {"a": ""}) == "none"
    assert render("{{ a|default:none }}", {"a": "set"}) == "set"
    assert render("{{ a | default: 10:30 }}", {"a": ""}) == "10:30"


def test_default_rescues_missing_variable():
    assert render("Hi {{ name|default:friend|upper }}!", {}) == "Hi FRIEND!"
    assert render("{{ name|upper|default:x }}", {}) == "x"
    with pytest.raises(TemplateError, match="undefined variable: who"):
        render("{{ who|upper }}", {})


def test_truncate_filter():
    assert render("{{ t|truncate:8 }}", {"t": "hello world"}) == "hello w\u2026"
    assert render("{{ t|truncate:5 }}", {"t": "hello"}) == "hello"
    assert render("{{ t|squash|truncate:4 }}", {"t": "  ab   cd "}) == "ab \u2026"
    # ARG is stripped before it is checked: " 3" is the ASCII digit string "3"
    assert render("{{ t|truncate: 3 }}", {"t": "hello"}) == "he\u2026"


def test_truncate_filter_is_exactly_slug_truncate_including_short_width_quirk():
    # slug.truncate today returns the whole ellipsis when width < len(ellipsis)
    assert render("{{ t|truncate:0 }}", {"t": "hello"}) == "\u2026"
    assert render("[{{ t|truncate:0 }}]", {"t": "ab"}) == "[\u2026]"
    assert render("{{ t|truncate:1 }}", {"t": "hello"}) == "\u2026"
    assert render("[{{ t|truncate:0 }}]", {"t": ""}) == "[]"


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{{ a|upper:x }}", "filter upper takes no argument"),
        ("{{ a|truncate }}", "filter truncate requires an argument"),
        ("{{ a|default }}", "filter default requires an argument"),
        ("{{ a|truncate:-1 }}", "truncate expects a non-negative integer, got '-1'"),
        ("{{ a|truncate:ten }}", "truncate expects a non-negative integer, got 'ten'"),
        ("{{ a|truncate:+3 }}", "truncate expects a non-negative integer, got '+3'"),
        ("{{ a|truncate:1_0 }}", "truncate expects a non-negative integer, got '1_0'"),
        ("{{ a|truncate:\u0663 }}", "truncate expects a non-negative integer, got '\u0663'"),
        ("{{ a|nope:1 }}", "unknown filter: nope"),
    ],
)
def test_filter_argument_errors(source, message):
    with pytest.raises(TemplateError) as info:
        render(source, {"a": "value"})
    assert str(info.value) == message


def test_registries_and_variables():
    assert set(template.ARG_FILTERS) == {"default", "truncate"}
    assert set(template.FILTERS) == {"upper", "lower", "title", "strip", "squash", "slug"}
    assert variables("{{ a|default:b }} {{ c|truncate:3 }} {{a}}") == ["a", "c"]


def test_cli_render_uses_default(tmp_path, capsys):
    path = tmp_path / "t.txt"
    path.write_text("Hello {{ name|default:there }}\n", encoding="utf-8")
    assert main(["render", str(path)]) == 0
    assert capsys.readouterr().out == "Hello there\n"
