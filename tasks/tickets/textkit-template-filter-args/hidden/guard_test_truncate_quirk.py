"""Guard: the truncate filter is exactly textkit.slug.truncate, including its known quirk for
widths shorter than the ellipsis (a separate ticket). Before the ticket there is no truncate
filter, and so nothing to guard."""

from textkit import template


def test_truncate_filter_keeps_the_short_width_quirk():
    if "truncate" not in getattr(template, "ARG_FILTERS", {}):
        return
    assert template.render("{{ t|truncate:0 }}", {"t": "hello"}) == "\u2026"
    assert template.render("[{{ t|truncate:0 }}]", {"t": "ab"}) == "[\u2026]"
    assert template.render("{{ t|truncate:1 }}", {"t": "hello"}) == "\u2026"
    assert template.render("{{ t|truncate:2 }}", {"t": "hello"}) == "h\u2026"
    assert template.render("[{{ t|truncate:0 }}]", {"t": ""}) == "[]"
