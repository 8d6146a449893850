import io
import json

from pipeline.writers import format_table, write_csv, write_jsonl

ROWS = [{"id": 1, "name": "apple", "price": 0.5}, {"id": 22, "name": "kiwi", "price": 1.25}]


def test_write_csv_header_and_rows():
    out = io.StringIO()
    assert write_csv(ROWS, out) == 2
    assert out.getvalue() == "id,name,price\n1,apple,0.5\n22,kiwi,1.25\n"


def test_write_csv_explicit_columns_and_missing_fields():
    out = io.StringIO()
    write_csv([{"a": "x,y"}], out, columns=["a", "b"])
    assert out.getvalue() == 'a,b\n"x,y",\n'


def test_write_csv_empty():
    out = io.StringIO()
    assert write_csv([], out) == 0
    assert out.getvalue() == "\n"


def test_write_jsonl_roundtrip():
    out = io.StringIO()
    assert write_jsonl(ROWS, out) == 2
    assert [json.loads(line) for line in out.getvalue().splitlines()] == ROWS


def test_format_table_aligns_columns():
    assert format_table(ROWS, ["name", "id"]) == (
        "name   id\n"
        "-----  --\n"
        "apple  1\n"
        "kiwi   22\n"
    )
