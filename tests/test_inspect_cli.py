"""Every suite also runs with plain inspect, from any folder: `inspect eval tierfit/<suite>`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from inspect_ai.log import list_eval_logs, read_eval_log

from evals.sandbox.bwrap import bwrap_problem
from evals.suites import BUILTIN

# the `inspect` command of this interpreter: the console script when it sits beside it, else the
# same entry point through `python -m` (a venv that sees the system's packages may have no script
# of its own, and `inspect` on PATH would then be another interpreter's, with another tierfit)
_SCRIPT = shutil.which("inspect", path=str(Path(sys.executable).parent))
INSPECT = [_SCRIPT] if _SCRIPT else [sys.executable, "-m", "inspect_ai"]


def _inspect(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("INSPECT_")}
    return subprocess.run([*INSPECT, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600, env=env)


def test_inspect_lists_every_builtin_suite_by_its_registry_name(tmp_path: Path) -> None:
    from inspect_ai._util.registry import registry_lookup

    import evals._registry  # noqa: F401  (what the `tierfit` entry point loads)

    for name in BUILTIN:
        assert registry_lookup("task", f"tierfit/{name}") is not None, name


@pytest.mark.slow
@pytest.mark.skipif(bwrap_problem() is not None, reason=str(bwrap_problem()))
def test_inspect_eval_tierfit_tickets_from_another_folder(tmp_path: Path) -> None:
    """The bundled model on one ticket, from a folder that is not the project, through the
    entry point alone: the task, our sandbox and our model provider are all found by name."""
    r = _inspect("eval", "tierfit/tickets", "--model", "local/smollm2", "--limit", "1",
                 "-T", "max_output_tokens=24", "--log-dir", str(tmp_path / "logs"),
                 "--display", "none", cwd=tmp_path)
    assert r.returncode == 0, (r.stdout + r.stderr)[-3000:]
    [info] = list_eval_logs(str(tmp_path / "logs"))
    log = read_eval_log(info)
    assert log.status == "success" and log.eval.task_args.get("max_output_tokens") == 24
    [s] = log.samples
    assert s.error is None and {"ticket_scorer", "cost"} <= set(s.scores)
    assert 0 < s.model_usage["local/smollm2"].output_tokens <= 24
