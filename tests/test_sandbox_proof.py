"""A setup that cannot judge stops before anything is scored: `run` proves the sandbox on one
task's reference before any model is called, and `score` and `validate` do the same."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.cli import main
from evals.sandbox import bwrap
from evals.sandbox.bwrap import bwrap_problem
from evals.scorers import correctness
from tests import scripted_model
from tests.scripted_model import CALLS

pytestmark = pytest.mark.skipif(bwrap_problem() is not None, reason=str(bwrap_problem()))
PROJECT = Path(__file__).resolve().parent.parent
TASK = "textkit-top-words-ties"


def _one_error(err: str) -> str:
    lines = [ln for ln in err.splitlines() if ln.startswith("error:")]
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def test_a_broken_interpreter_path_stops_every_command_before_it_judges(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # the interpreter's folders are not mounted: inside, `python` is not found (as it was for a
    # venv under /tmp before the fix), so every test run would crash and every answer read wrong
    monkeypatch.setattr(bwrap, "_interpreter_dirs", lambda: ([], {}))
    # reference test ids taken earlier in this process (other tests) would stand for the proof
    monkeypatch.setattr(correctness, "_ONCE", {})
    (tmp_path / "s.json").write_text(json.dumps({"answers": {"*": "No change."}}))
    tiers = scripted_model.write_tiers(tmp_path / "t.yaml", tmp_path / "s.json")
    CALLS.clear()
    assert main(["run", "+suite=tickets", f"tiers={tiers}", "limit=2", "display=none",
                 f"results_dir={tmp_path / 'runs'}"]) == 2
    line = _one_error(capsys.readouterr().err)
    assert "bwrap sandbox cannot judge answers here" in line and "no model was called" in line
    assert "python: not found" in line or "python: command not found" in line
    assert not CALLS and not (tmp_path / "runs").exists()

    ref = PROJECT / "tasks" / "tickets" / TASK / "reference.patch"
    assert main(["score", f"task=tickets/{TASK}", f"patch={ref}"]) == 2
    assert "nothing was scored" in _one_error(capsys.readouterr().err)
    assert main(["validate", "+suite=tickets", f"only={TASK}"]) == 2
    out = capsys.readouterr()
    assert "cannot judge answers here" in _one_error(out.err) and "FAIL" not in out.out


def test_a_working_sandbox_passes_the_proof_and_runs(tmp_path: Path) -> None:
    (tmp_path / "s.json").write_text(json.dumps({"answers": {"*": "No change."}}))
    tiers = scripted_model.write_tiers(tmp_path / "t.yaml", tmp_path / "s.json")
    CALLS.clear()
    assert main(["run", "+suite=tickets", f"tiers={tiers}", f"task_ids=[{TASK}]",
                 "display=none", f"results_dir={tmp_path / 'runs'}"]) == 0
    assert CALLS[TASK] == 1
