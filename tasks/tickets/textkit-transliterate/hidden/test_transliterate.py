import pytest

from textkit import slug
from textkit.slug import slugify, strip_accents

EXPECTED = {
    "\u00df": "ss",
    "\u1e9e": "SS",
    "\u00e6": "ae",
    "\u00c6": "AE",
    "\u0153": "oe",
    "\u0152": "OE",
    "\u00f8": "o",
    "\u00d8": "O",
    "\u0111": "d",
    "\u0110": "D",
    "\u00f0": "d",
    "\u00d0": "D",
    "\u0142": "l",
    "\u0141": "L",
    "\u00fe": "th",
    "\u00de": "Th",
}


def test_table_has_exactly_the_ticket_entries():
    assert dict(slug.TRANSLITERATIONS) == EXPECTED


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Stra\u00dfe", "Strasse"),
        ("\u00c6r\u00f8sk\u00f8bing", "AEroskobing"),
        ("\u0141\u00f3d\u017a", "Lodz"),
        ("\u00de\u00f3r", "Thor"),
        ("\u0152uvre", "OEuvre"),
        ("\u0110or\u0111e", "Dorde"),
        ("\u1e9e", "SS"),
    ],
)
def test_strip_accents_transliterates(text, expected):
    assert strip_accents(text) == expected


def test_accents_and_transliteration_combined():
    assert strip_accents("Cr\u00e8me Br\u00fbl\u00e9e, Stra\u00dfe 5") == "Creme Brulee, Strasse 5"


def test_transliterate_false_keeps_old_behaviour():
    assert strip_accents("Stra\u00dfe Cr\u00e8me \u00c6", transliterate=False) == "Stra\u00dfe Creme \u00c6"


def test_slugify_uses_transliteration():
    assert slugify("Gro\u00dfe Stra\u00dfe") == "grosse-strasse"
    assert slugify("\u0141\u00f3d\u017a & \u00deingvellir", sep="_") == "lodz_thingvellir"


def test_characters_outside_the_table_are_handled_as_today():
    # no decomposition and not in the table: strip_accents keeps them, slugify drops them
    others = "\u0131\u0127\u0167\u014b\u0180\u0138\u20ac\u65e5"  # ı ħ ŧ ŋ ƀ ĸ € 日
    assert strip_accents(others + "\u00df") == others + "ss"
    assert strip_accents("Ma\u0127\u0127a \u0130stanbul \u00c6") == "Ma\u0127\u0127a Istanbul AE"
    assert slugify("Ma\u0127\u0127a \u0131\u015f\u0131k 5\u20ac \u00f8l") == "maa-sk-5-ol"
