"""Goal test (imports the code): pipeline.transforms re-exports the objects of the new
module, not copies. Imports happen inside the test, so the untouched repo collects."""

import importlib


def test_transforms_re_exports_the_step_protocol():
    steps = importlib.import_module("pipeline.steps")
    transforms = importlib.import_module("pipeline.transforms")
    assert transforms.chain is steps.chain
    assert transforms.Step is steps.Step
    assert steps.chain.__module__ == "pipeline.steps"
    for name in ("runner", "aggregate"):
        module = importlib.import_module(f"pipeline.{name}")
        assert module.Step is steps.Step
