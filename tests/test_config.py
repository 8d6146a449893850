"""One configuration, checked once and passed on: every command honours `suite.*` and
`sandbox_limits.*`, a run records what it used, and the report judges with what the run used."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from evals import checks, config
from evals.cli import main
from evals.sandbox.bwrap import bwrap_problem
from evals.suites import get
from tests import scripted_model  # noqa: F401  (registers the scripted provider)
from tests.conftest import file_blocks

PROJECT = Path(__file__).resolve().parent.parent
TASK = "textkit-top-words-ties"
needs_bwrap = pytest.mark.skipif(bwrap_problem() is not None, reason=str(bwrap_problem()))


def test_score_and_validate_pass_suite_options_and_sandbox_limits_on(
        monkeypatch: pytest.MonkeyPatch) -> None:
    suite = get("tickets")
    seen = []

    async def capture(spec, answer, sandbox, options, message=None):  # noqa: ANN001, ANN202
        seen.append((sandbox.config, options))
        return {"scored": True, "correct": 1, "deviated": 0}  # as the sandbox's proof needs

    monkeypatch.setattr(suite, "score", capture)
    overrides = ["+suite=tickets", "suite.excess_bar=2.5", "suite.test_timeout=17",
                 "sandbox_limits.cpu_seconds=7", "sandbox=bwrap"]
    checks.score(f"tickets/{TASK}", None, config.load(overrides))
    checks.validate(config.load(overrides), only=TASK, repeats=1, concurrency=1)
    assert len(seen) > 1
    for limits, options in seen:
        assert limits.cpu_seconds == 7 and limits.nproc == 64  # the rest: the sandbox's own
        assert options.excess_bar == 2.5 and options.test_timeout == 17


# edit size speaks where the ticket names no definition: here, the new module it asks for
BLOAT_TASK = "inventory-delivery-import"


def _bloated(tmp: Path) -> tuple[Path, dict[str, str]]:
    """The reference with a hundred needless lines of code in the new module the ticket asks
    for: 141 code lines against the reference's 41 and an allowance of 82, excess_edit 1.44."""
    import subprocess

    repo = PROJECT / "tasks" / "_repos" / "inventory"
    work = tmp / "bloat"
    subprocess.run(["cp", "-r", str(repo), str(work)], check=True)
    for cmd in (["git", "init", "-q"], ["git", "add", "-A"],
                ["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base"],
                ["git", "apply", str(PROJECT / "tasks" / "tickets" / BLOAT_TASK /
                                     "reference.patch")]):
        subprocess.run(cmd, cwd=work, check=True)
    module = work / "inventory" / "receiving.py"
    extra = "".join(f"    _step_{i} = {i}\n" for i in range(100))
    anchor = "    by_number = {order.number: order for order in orders}\n"
    text = module.read_text()
    assert anchor in text
    text = text.replace(anchor, anchor + extra, 1)
    module.write_text(text)
    subprocess.run(["git", "add", "-A"], cwd=work, check=True)
    patch = tmp / "bloated.patch"
    patch.write_bytes(subprocess.run(["git", "diff", "--cached"], cwd=work, check=True,
                                     capture_output=True).stdout)
    return patch, {"inventory/receiving.py": text}


@needs_bwrap
def test_score_command_honours_suite_excess_bar(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    patch, _ = _bloated(tmp_path)
    assert main(["score", f"task=tickets/{BLOAT_TASK}", f"patch={patch}"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["deviated"] == 1 and 1 < out["scope"]["excess_edit"] < 5, out["scope"]
    assert main(["score", f"task=tickets/{BLOAT_TASK}", f"patch={patch}", "suite.excess_bar=5"]) == 0
    assert json.loads(capsys.readouterr().out)["deviated"] == 0


@needs_bwrap
def test_the_report_judges_excess_edit_with_the_bar_the_run_used(
        ticket_specs, tmp_path: Path) -> None:  # noqa: ANN001
    from evals.report.frame import load_frame
    from evals.report.stats import scope_rates

    answer = file_blocks(_bloated(tmp_path)[1])
    (tmp_path / "s.json").write_text(json.dumps({"answers": {BLOAT_TASK: answer}}))
    tiers = scripted_model.write_tiers(tmp_path / "t.yaml", tmp_path / "s.json")
    for run_id, bar in (("lenient", 5), ("strict", 1)):
        assert main(["run", "+suite=tickets", f"tiers={tiers}", f"task_ids=[{BLOAT_TASK}]",
                     f"suite.excess_bar={bar}", "display=none", f"results_dir={tmp_path / 'r'}",
                     f"run_id={run_id}"]) == 0
        record = json.loads((tmp_path / "r" / run_id / "run.json").read_text())
        assert record["config"]["suite"]["excess_bar"] == bar
    frame = load_frame([tmp_path / "r"]).frame.set_index("run_id")
    assert frame.loc["lenient", "deviated"] == 0 and frame.loc["strict", "deviated"] == 1
    assert frame.loc["lenient", "excess_bar"] == 5 and frame.loc["strict", "excess_bar"] == 1
    rates = scope_rates(frame.reset_index(), ["run_id"]).set_index(["run_id", "component"])
    assert rates.loc[("lenient", "excess_edit"), "rate"] == 0
    assert rates.loc[("strict", "excess_edit"), "rate"] == 1


def test_a_run_asks_docker_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`docker info` is slow: a run asks it once, not again for every model's task. A fake
    `docker` that answers (and counts) stands in for an engine; no task is run."""
    from evals.run import build_tasks
    from evals.sandbox import docker_engine_answers, resolve_sandbox
    from evals.tiers import select_models

    fake = tmp_path / "bin"
    fake.mkdir()
    calls = tmp_path / "docker-calls"
    (fake / "docker").write_text(f"#!/bin/sh\necho \"$@\" >> {calls}\necho 28.2.2\n")
    (fake / "docker").chmod(0o755)
    (tmp_path / "s.json").write_text(json.dumps({"answers": {"*": "No change."}}))
    tiers = scripted_model.write_tiers(tmp_path / "t.yaml", tmp_path / "s.json",
                                       names=("a", "b", "c"))
    monkeypatch.setenv("PATH", f"{fake}{os.pathsep}{os.environ['PATH']}")
    docker_engine_answers.cache_clear()
    try:
        settings = config.load(["+suite=tickets", f"tiers={tiers}"])
        kind = resolve_sandbox(settings.sandbox)
        suite, options = settings.need_suite()
        tasks = build_tasks(settings, suite, options, select_models(settings.edition, None), kind,
                            "scripted", {})
    finally:
        docker_engine_answers.cache_clear()
    assert kind == "docker" and [t.sandbox.type for t in tasks] == ["docker"] * 3
    assert calls.read_text().splitlines() == ["info --format {{.ServerVersion}}"]


def test_score_judges_the_final_message_given_with_message(tmp_path, capsys) -> None:  # noqa: ANN001
    task = "textkit-top-words-ties"
    ref = Path(__file__).resolve().parent.parent / "tasks" / "tickets" / task / "reference.patch"
    (tmp_path / "m.txt").write_text("Done. Should I also update the CLI help text?")
    assert main(["score", f"task=tickets/{task}", f"patch={ref}",
                 f"message={tmp_path / 'm.txt'}"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["scope"]["proposes_alternatives"] == 1 and out["deviated"] == 1
    assert main(["score", f"task=tickets/{task}", f"patch={ref}"]) == 0
    assert json.loads(capsys.readouterr().out)["deviated"] == 0


def test_a_oneshot_answer_takes_at_most_half_the_context(tmp_path: Path) -> None:
    """The bundled model's context is 3072 tokens: a suite whose answer budget is larger (a
    refactor returns several whole files) still leaves half of it for the prompt's code."""
    import shutil

    from evals.run import build_tasks
    from evals.tiers import select_models

    tasks = Path(__file__).resolve().parent.parent / "tasks"
    shutil.copytree(tasks / "_repos", tmp_path / "_repos")
    for task in ("tickets/textkit-top-words-ties", "refactors/textkit-move-strip-accents"):
        shutil.copytree(tasks / task, tmp_path / task)
    for suite_name, want in (("tickets", 1024), ("refactors", 1536)):
        settings = config.load([f"+suite={suite_name}", "tiers=local", f"tasks_root={tmp_path}"])
        suite, options = settings.need_suite()
        [task] = build_tasks(settings, suite, options, select_models(settings.edition, None),
                             "bwrap", "local", {})
        assert task.model.config.max_tokens == want, suite_name
