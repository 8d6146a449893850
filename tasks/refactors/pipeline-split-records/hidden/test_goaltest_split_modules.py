"""Goal test (imports the code): pipeline.records re-exports the readers and the error from
the module that now defines them; they are the same objects everywhere. Imports happen
inside the test, so the untouched repo collects."""

import importlib


def test_records_re_exports_the_moved_objects():
    records = importlib.import_module("pipeline.records")
    package = importlib.import_module("pipeline")
    for name in ("read_csv", "read_jsonl", "read_path"):
        obj = getattr(records, name)
        home = importlib.import_module(obj.__module__)
        assert obj.__module__ != "pipeline.records", f"{name} is still defined in records.py"
        assert getattr(home, name) is obj
        if hasattr(package, name):
            assert getattr(package, name) is obj
    error = records.RecordParseError
    assert getattr(importlib.import_module(error.__module__), "RecordParseError") is error
