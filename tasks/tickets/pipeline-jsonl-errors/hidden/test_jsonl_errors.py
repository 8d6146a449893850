import io
import json

import pytest

from pipeline.records import RecordParseError, read_jsonl


def decode_message(text):
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return exc.msg
    raise AssertionError("expected invalid JSON")


def test_blank_lines_are_skipped():
    text = '\n{"id": 1}\n\n   \n\t\n{"id": 2}\n\n'
    assert list(read_jsonl(io.StringIO(text))) == [{"id": 1}, {"id": 2}]


def test_invalid_json_reports_physical_line_number():
    text = '{"id": 1}\n\n{"id": 2}\n{oops}\n{"id": 3}\n'
    with pytest.raises(RecordParseError) as info:
        list(read_jsonl(io.StringIO(text)))
    assert info.value.line == 4
    assert info.value.message == f"invalid JSON: {decode_message('{oops}')}"
    assert str(info.value) == f"line 4: invalid JSON: {decode_message('{oops}')}"
    assert isinstance(info.value, ValueError)


def test_truncated_line():
    with pytest.raises(RecordParseError) as info:
        list(read_jsonl(io.StringIO('{"id": 1\n')))
    expected = decode_message('{"id": 1')
    assert str(info.value) == f"line 1: invalid JSON: {expected}"


@pytest.mark.parametrize("payload", ["[1, 2]", "null", "3", '"text"', "true"])
def test_non_object_lines_are_rejected(payload):
    text = '{"ok": true}\n\n' + payload + "\n"
    with pytest.raises(RecordParseError) as info:
        list(read_jsonl(io.StringIO(text)))
    assert info.value.line == 3
    assert str(info.value) == "line 3: expected a JSON object"


def test_records_before_the_error_are_still_yielded():
    records = read_jsonl(io.StringIO('{"id": 1}\nnot json\n'))
    assert next(records) == {"id": 1}
    with pytest.raises(RecordParseError):
        next(records)


# Ticket: only "a line that is empty or contains only whitespace is skipped"; "a line that is
# not valid JSON raises `RecordParseError(number, f"invalid JSON: {exc.msg}")`", with the
# physical lines numbered from 1 (blank lines count). Comment lines are not valid JSON.
@pytest.mark.parametrize(
    "bad",
    ["# a comment", "// a comment", "   # indented comment", "#", '{"id": 2} # trailing note', "/* block */"],
)
def test_comment_lines_are_invalid_json_not_skipped(bad):
    text = '{"id": 1}\n\n' + bad + '\n{"id": 3}\n'
    records = read_jsonl(io.StringIO(text))
    assert next(records) == {"id": 1}
    with pytest.raises(RecordParseError) as info:
        next(records)
    assert info.value.line == 3
    assert str(info.value) == f"line 3: invalid JSON: {decode_message(bad)}"
