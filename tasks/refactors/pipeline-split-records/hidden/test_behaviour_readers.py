"""Behaviour of the record type and the readers that must not change when records.py is
split: the readers' results and errors, and every import path that works today (the
package root and pipeline.records). Only names public before and after."""

import io
import json
from typing import Any

import pytest

import pipeline
import pipeline.records as records
from pipeline.records import Record, RecordParseError, read_csv, read_jsonl, read_path


def test_the_package_root_exposes_the_same_objects():
    assert pipeline.read_csv is records.read_csv
    assert pipeline.read_jsonl is records.read_jsonl
    assert pipeline.RecordParseError is records.RecordParseError
    assert pipeline.Record is records.Record
    assert sorted(pipeline.__all__) == ["Field", "Record", "RecordParseError", "Schema",
                                        "ValidationError", "read_csv", "read_jsonl"]
    assert pipeline.__version__ == "0.4.0"


def test_record_is_a_plain_dict_alias():
    assert Record == dict[str, Any]


def test_record_parse_error():
    err = RecordParseError(4, "bad row")
    assert isinstance(err, ValueError)
    assert (str(err), err.line, err.message) == ("line 4: bad row", 4, "bad row")


def test_parse_errors_are_the_one_exception_class():
    with pytest.raises(records.RecordParseError):
        list(read_csv(io.StringIO("a,b\n1\n")))
    with pytest.raises(pipeline.RecordParseError) as info:
        list(pipeline.read_csv(io.StringIO("a,a\n")))
    assert (info.value.line, info.value.message) == (1, "duplicate column names in header")


@pytest.mark.parametrize(("text", "want"), [
    ("a,b\n1,2\n", [{"a": "1", "b": "2"}]),
    (" a , b \n\n1, 2 \n\n", [{"a": "1", "b": " 2 "}]),
    ("a\n", []),
    ("", []),
    ('a,b\n"x,y","say ""hi"""\n', [{"a": "x,y", "b": 'say "hi"'}]),
    ("a,b\r\n1,2\r\n", [{"a": "1", "b": "2"}]),
])
def test_read_csv(text, want):
    assert list(read_csv(io.StringIO(text))) == want


def test_read_csv_line_numbers_count_physical_lines():
    text = 'a,b\n\n"multi\nline",1\n2\n'
    rows = read_csv(io.StringIO(text))
    assert next(rows) == {"a": "multi\nline", "b": "1"}
    with pytest.raises(RecordParseError) as info:
        next(rows)
    assert str(info.value) == "line 5: expected 2 fields, got 1"


def test_read_csv_delimiter_is_keyword_only():
    assert list(read_csv(io.StringIO("a|b\n1|2\n"), delimiter="|")) == [{"a": "1", "b": "2"}]
    with pytest.raises(TypeError):
        read_csv(io.StringIO("a|b\n"), "|")


def test_readers_are_lazy():
    rows = read_csv(io.StringIO("a\n1\n1,2\n"))
    assert next(rows) == {"a": "1"}
    lines = read_jsonl(io.StringIO('{"a": 1}\nnot json\n'))
    assert next(lines) == {"a": 1}
    with pytest.raises(json.JSONDecodeError):
        next(lines)


def test_read_jsonl_keeps_json_values():
    text = '{"n": 1.5, "ok": true, "none": null, "list": [1, {"x": "é"}]}\n[1, 2]\n'
    assert list(read_jsonl(io.StringIO(text))) == [
        {"n": 1.5, "ok": True, "none": None, "list": [1, {"x": "é"}]}, [1, 2]]


def test_read_path(tmp_path):
    (tmp_path / "a.CSV").write_bytes(b'x,y\r\n"1\r\n2",3\r\n')
    (tmp_path / "b.jsonl").write_text('{"x": "caf\u00e9"}\n', encoding="utf-8")
    assert list(read_path(tmp_path / "a.CSV")) == [{"x": "1\r\n2", "y": "3"}]
    assert list(read_path(str(tmp_path / "b.jsonl"))) == [{"x": "café"}]
    lazy = read_path(tmp_path / "c.xml")
    with pytest.raises(ValueError, match=r"^unsupported file type: '\.xml'$"):
        next(lazy)
    with pytest.raises(ValueError, match=r"^unsupported file type: 'Makefile'$"):
        list(read_path(tmp_path / "Makefile"))
