"""Guard: only the characters of the fixed table are transliterated. Every other character
without a decomposition is handled exactly as today: strip_accents keeps it and slugify drops
it."""

from textkit.slug import slugify, strip_accents

# no decomposition and not in the ticket's table
OTHERS = "\u0131\u0127\u0167\u014b\u0180\u0138\u20ac\u65e5"  # ı ħ ŧ ŋ ƀ ĸ € 日


def test_characters_outside_the_table_are_left_alone():
    assert strip_accents(OTHERS) == OTHERS
    assert strip_accents("Ma\u0127\u0127a \u0130stanbul") == "Ma\u0127\u0127a Istanbul"
    assert slugify("Ma\u0127\u0127a \u0131\u015f\u0131k 5\u20ac") == "maa-sk-5"
