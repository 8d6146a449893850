"""Behaviour of read_path (and the readers it picks) that must not change when the choice of
reader becomes pluggable: only names public before and after."""

import json

import pytest

from pipeline.records import RecordParseError, read_csv, read_jsonl, read_path


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


@pytest.mark.parametrize("name", ["data.csv", "DATA.CSV", "data.Csv", "archive.tar.csv"])
def test_csv_by_suffix_in_any_case(tmp_path, name):
    path = write(tmp_path, name, "a,b\n1,2\n")
    assert list(read_path(path)) == [{"a": "1", "b": "2"}]


@pytest.mark.parametrize("name", ["data.jsonl", "data.JSONL", "data.JsonL"])
def test_jsonl_by_suffix_in_any_case(tmp_path, name):
    path = write(tmp_path, name, '{"a": 1}\n{"a": [2]}\n')
    assert list(read_path(path)) == [{"a": 1}, {"a": [2]}]


def test_a_str_path_works_too(tmp_path):
    path = write(tmp_path, "data.csv", "a\n1\n")
    assert list(read_path(str(path))) == [{"a": "1"}]


@pytest.mark.parametrize(("name", "shown"), [
    ("data.xml", "'.xml'"),
    ("data.json", "'.json'"),
    ("data.csv.gz", "'.gz'"),
    ("data.TSV", "'.tsv'"),
    ("README", "'README'"),
])
def test_unsupported_files(tmp_path, name, shown):
    path = write(tmp_path, name, "a,b\n1,2\n")
    with pytest.raises(ValueError) as info:
        list(read_path(path))
    assert str(info.value) == f"unsupported file type: {shown}"
    assert not isinstance(info.value, RecordParseError)


def test_nothing_happens_until_the_first_record_is_asked_for(tmp_path):
    unsupported = read_path(tmp_path / "nothing.xml")
    missing = read_path(tmp_path / "missing.csv")
    with pytest.raises(ValueError, match="unsupported file type"):
        next(unsupported)
    with pytest.raises(FileNotFoundError):
        next(missing)


def test_records_come_one_at_a_time(tmp_path):
    path = write(tmp_path, "data.jsonl", '{"a": 1}\n{"a": 2}\nnot json\n')
    records = read_path(path)
    assert next(records) == {"a": 1}
    assert next(records) == {"a": 2}
    with pytest.raises(json.JSONDecodeError):
        next(records)


def test_files_are_read_as_utf8_without_newline_translation(tmp_path):
    path = write(tmp_path, "data.csv", b'name,note\r\n"Cr\xc3\xa8me","one\r\ntwo"\r\nx,"a\rb"\r\n')
    assert list(read_path(path)) == [
        {"name": "Crème", "note": "one\r\ntwo"},
        {"name": "x", "note": "a\rb"},
    ]
    jsonl = write(tmp_path, "data.jsonl", '{"s": "caf\u00e9"}\r\n{"s": "\\r"}\n')
    assert list(read_path(jsonl)) == [{"s": "café"}, {"s": "\r"}]


def test_reader_errors_come_through(tmp_path):
    path = write(tmp_path, "bad.csv", "a,b\n1,2\n3\n")
    with pytest.raises(RecordParseError) as info:
        list(read_path(path))
    assert (info.value.line, str(info.value)) == (3, "line 3: expected 2 fields, got 1")
    blank = write(tmp_path, "blank.jsonl", '{"a": 1}\n\n')
    with pytest.raises(json.JSONDecodeError):
        list(read_path(blank))


def test_the_readers_themselves_are_unchanged(tmp_path):
    import io

    assert list(read_csv(io.StringIO("a;b\n1;2\n"), delimiter=";")) == [{"a": "1", "b": "2"}]
    assert list(read_jsonl(io.StringIO('{"a": 1}\n'))) == [{"a": 1}]
