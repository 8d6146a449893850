"""Guard: dedupe's output does not change, only how it is produced. In particular a plain
string is still taken as a sequence of one-character field names (the TODO in dedupe is a
separate ticket)."""

from pipeline.transforms import dedupe


def test_plain_string_keys_are_still_split_into_characters():
    rows = [
        {"id": 1, "i": "x", "d": 1},
        {"id": 2, "i": "x", "d": 1},
        {"id": 1, "i": "y", "d": 1},
    ]
    assert list(dedupe("id")(rows)) == [rows[0], rows[2]]
    assert list(dedupe("id")(rows)) == list(dedupe(["i", "d"])(rows))


def test_first_record_per_key_wins_in_input_order():
    rows = [{"k": 2, "n": 0}, {"k": 1, "n": 1}, {"k": 2, "n": 2}, {"n": 3}, {"k": None, "n": 4}]
    out = list(dedupe(["k"])(rows))
    assert out == [rows[0], rows[1], rows[3]]
    assert all(a is b for a, b in zip(out, [rows[0], rows[1], rows[3]]))
    assert rows[2] == {"k": 2, "n": 2}
