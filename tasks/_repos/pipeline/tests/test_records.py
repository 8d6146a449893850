import io

import pytest

from pipeline.records import RecordParseError, read_csv, read_jsonl, read_path


def test_read_csv_uses_header_and_keeps_strings():
    text = "id,name,qty\n1,apple,3\n2,pear,5\n"
    records = list(read_csv(io.StringIO(text)))
    assert records == [
        {"id": "1", "name": "apple", "qty": "3"},
        {"id": "2", "name": "pear", "qty": "5"},
    ]


def test_read_csv_skips_empty_rows_and_strips_header():
    text = " id , name\n\n1,a\n\n2,b\n"
    assert list(read_csv(io.StringIO(text))) == [{"id": "1", "name": "a"}, {"id": "2", "name": "b"}]


def test_read_csv_custom_delimiter_and_quoting():
    text = 'a;b\n"x;y";2\n'
    assert list(read_csv(io.StringIO(text), delimiter=";")) == [{"a": "x;y", "b": "2"}]


def test_read_csv_ragged_row_reports_line():
    text = "a,b\n1,2\n3\n"
    with pytest.raises(RecordParseError) as info:
        list(read_csv(io.StringIO(text)))
    assert info.value.line == 3
    assert str(info.value) == "line 3: expected 2 fields, got 1"


def test_read_csv_duplicate_header():
    with pytest.raises(RecordParseError, match="duplicate column names"):
        list(read_csv(io.StringIO("a,a\n1,2\n")))


def test_read_csv_is_lazy():
    records = read_csv(io.StringIO("a\n1\n2\n"))
    assert next(records) == {"a": "1"}


def test_read_jsonl_parses_objects():
    text = '{"id": 1, "tags": ["x"]}\n{"id": 2, "tags": []}\n'
    assert list(read_jsonl(io.StringIO(text))) == [{"id": 1, "tags": ["x"]}, {"id": 2, "tags": []}]


def test_read_path_dispatches_on_suffix(tmp_path):
    csv_path = tmp_path / "data.csv"
    csv_path.write_text("a,b\n1,2\n", encoding="utf-8")
    jsonl_path = tmp_path / "data.JSONL"
    jsonl_path.write_text('{"a": 1}\n', encoding="utf-8")
    assert list(read_path(csv_path)) == [{"a": "1", "b": "2"}]
    assert list(read_path(jsonl_path)) == [{"a": 1}]


def test_read_path_rejects_unknown_suffix(tmp_path):
    with pytest.raises(ValueError, match="unsupported file type"):
        list(read_path(tmp_path / "data.xml"))
