from datetime import date, datetime

import pytest

from pipeline.schema import Field, Schema, ValidationError

def make_schema():
    return Schema([Field("day", "date"), Field("until", "date", required=False, nullable=True)])


def test_iso_strings_become_dates():
    out = make_schema().validate({"day": "2024-02-29", "until": " 2025-12-31 "})
    assert out == {"day": date(2024, 2, 29), "until": date(2025, 12, 31)}
    assert type(out["day"]) is date


def test_date_objects_pass_through_and_null_still_works():
    out = make_schema().validate({"day": date(2023, 1, 2), "until": None})
    assert out == {"day": date(2023, 1, 2), "until": None}
    assert make_schema().validate({"day": "2023-01-02"})["until"] is None


@pytest.mark.parametrize(
    "value",
    ["2024-02-30", "2023-13-01", "20240105", "2024-1-5", "2024-01-05T00:00", "05/01/2024", "", "2024-W01-1"],
)
def test_bad_strings_are_rejected(value):
    with pytest.raises(ValidationError) as info:
        make_schema().validate({"day": value})
    assert info.value.field == "day"
    assert info.value.message == f"expected date, got {value!r}"


@pytest.mark.parametrize("value", [20240105, datetime(2024, 1, 5, 12, 30), 1.5, True])
def test_other_types_are_rejected(value):
    with pytest.raises(ValidationError) as info:
        make_schema().validate({"day": value})
    assert info.value.message == f"expected date, got {value!r}"


def test_field_accepts_date_type():
    assert Field("when", "date").type == "date"


# Ticket: "must then be exactly of the form `YYYY-MM-DD` (four digits, dash, two digits,
# dash, two digits, ASCII digits only) ... Everything else is rejected" -- as a
# ValidationError whose message is `expected date, got {value!r}`. str.isdigit(), int() and
# the regex class \d all accept these non-ASCII digits.
@pytest.mark.parametrize(
    "value",
    [
        "\u0662\u0660\u0662\u0664-\u0660\u0661-\u0660\u0665",  # Arabic-Indic 2024-01-05
        "\uff12\uff10\uff12\uff14-\uff10\uff11-\uff10\uff15",  # fullwidth 2024-01-05
        "2024-01-\u0660\u0665",  # ASCII year and month, Arabic-Indic day
        "\u0968\u0966\u0968\u0967-06-15",  # Devanagari year
    ],
)
def test_non_ascii_digits_are_rejected(value):
    with pytest.raises(ValidationError) as info:
        make_schema().validate({"day": value})
    assert info.value.field == "day"
    assert info.value.message == f"expected date, got {value!r}"
