"""Goal test (imports the code): a new file type is added with register_reader, without
touching read_path. Imports happen inside the tests, so the untouched repo collects. The
suffixes used here are made up so that no other test sees them."""

import importlib


def records_module():
    return importlib.import_module("pipeline.records")


def test_a_registered_reader_is_used_for_its_suffix(tmp_path):
    records = records_module()

    def read_tsv(stream):
        return records.read_csv(stream, delimiter="\t")

    records.register_reader(".goaltsv", read_tsv)
    path = tmp_path / "data.GoalTSV"
    path.write_text("a\tb\n1\t2\n", encoding="utf-8")
    assert list(records.read_path(path)) == [{"a": "1", "b": "2"}]


def test_suffixes_are_matched_case_insensitively_and_can_be_replaced(tmp_path):
    records = records_module()
    records.register_reader(".GOALUP", lambda stream: iter([{"n": 1}]))
    path = tmp_path / "x.goalup"
    path.write_text("", encoding="utf-8")
    assert list(records.read_path(path)) == [{"n": 1}]
    records.register_reader(".goalup", lambda stream: iter([{"n": 2}]))
    assert list(records.read_path(path)) == [{"n": 2}]


def test_a_reader_gets_the_open_stream_as_read_path_opens_it(tmp_path):
    records = records_module()
    seen = []

    def raw(stream):
        seen.append(stream)
        yield {"text": stream.read()}

    records.register_reader(".goalraw", raw)
    path = tmp_path / "x.goalraw"
    path.write_bytes("caf\u00e9\nend".encode("utf-8"))
    assert list(records.read_path(path)) == [{"text": "caf\u00e9\nend"}]
    assert seen[0].closed
