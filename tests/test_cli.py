"""The command line: bad input gets one clear line and exit 2; `score` prints one JSON object."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from evals.sandbox.bwrap import bwrap_problem

PROJECT = Path(__file__).resolve().parent.parent
KEYS = ("ANTHROPIC_API_KEY", "OPENAI_API_KEY", "GOOGLE_API_KEY", "GEMINI_API_KEY", "VERTEX_API_KEY")


def cli(*args: str, env: dict[str, str] | None = None, cwd: Path = PROJECT) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in KEYS}
    return subprocess.run([sys.executable, "-m", "evals", *args], cwd=cwd, capture_output=True,
                          text=True, env={**base, **(env or {})}, timeout=300)


@pytest.mark.parametrize("args,needle", [
    (["frobnicate"], "unknown command 'frobnicate'"),
    (["run"], "give a suite: +suite="),
    (["run", "+suite=nosuch"], "unknown suite 'nosuch'"),
    (["run", "+suite=tickets", "tiers=nosuch"], "unknown tier list 'nosuch'"),
    (["run", "+suite=tickets", "models=[gpt-9]"], "unknown model 'gpt-9'"),
    (["run", "+suite=tickets", "limit=abc"], "limit must be a whole number"),
    (["run", "+suite=tickets", "limit=0"], "limit must be a whole number >= 1"),
    (["run", "+suite=tickets", "epochs=[1]"], "epochs must be a whole number"),
    (["run", "+suite=tickets", "sandbox=vm"], "sandbox must be one of"),
    (["run", "+suite=tickets", "solver=magic"], "solver must be oneshot or agent"),
    (["run", "+suite=tickets", "colour=red"], "colour"),
    (["run", "+suite=tickets", "tiers=2026-H1"], "ANTHROPIC_API_KEY is not set"),
    (["run", "+suite=tickets", "tiers=2026-H1", "models=[gpt-5.3-instant]"], "OPENAI_API_KEY is not set"),
    (["score"], "give the task: task=<suite>/<task-id>"),
    (["score", "task=tickets/nosuch"], "unknown task 'tickets/nosuch'"),
    (["score", "task=tickets/textkit-top-words-ties", "patch=/nonexistent.patch"], "patch file not found"),
    (["score", "task=tickets/textkit-top-words-ties", "colour=red"], "unknown override 'colour'"),
    (["score", "task=tickets/textkit-top-words-ties", "suite.excess_bar=lots"],
     "suite.excess_bar: input should be a valid number"),
    (["score", "task=nosuite/some-task"], "unknown suite 'nosuite'"),
    (["validate", "+suite=tickets", "repeats=0"], "repeats must be a whole number >= 1"),
    (["validate", "+suite=tickets", "mutation=maybe"], "mutation must be true or false"),
    (["score", "task=tickets/textkit-top-words-ties", "message=/nonexistent.txt"],
     "message file not found"),
    (["run", "+suite=tickets", "sandbox_limits.memory_mb=-1"],
     "sandbox_limits.memory_mb must be a whole number >= 0"),
    (["validate", "tasks_root=/proc"], "no suite has tasks in /proc"),
    (["validate", "+suite=tickets", "suite.test_timeout=0"], "suite.test_timeout"),
    (["run", "+suite=tickets", "suite.nosuch=1"], "unknown override 'suite.nosuch'"),
    (["run", "+suite=tickets", "plugins=[no.such.module]"], "cannot import plugin 'no.such.module'"),
    (["validate", "+suite=nosuch"], "unknown suite 'nosuch'"),
    (["run", "+suite=tickets", "resume=nosuch"], "resume=nosuch: no such run"),
    (["run", "+suite=tickets", "models=5"], "models must be a list of names"),
    (["run", "+suite=tickets", "fail_on_error=2"], "fail_on_error must be a fraction"),
    (["run", "+suite=tickets", "results_dir=/proc/tierfit-not-writable"], "cannot write results"),
    (["tiers", "refresh", "as_of=yesterday"], "as_of must be a date"),
    (["run", "+suite=tickets", "cost_limit=-1"], "cost_limit must be a positive number"),
    (["run", "+suite=tickets", "cost_limit=lots"], "cost_limit must be a positive number"),
    (["run", "+suite=tickets", "retries.sample=-1"], "retries.sample must be a whole number >= 0"),
    (["run", "+suite=tickets", "clarity=vague"], "clarity must be scoped, brief or both"),
    (["run", "+suite=architecture", "clarity=both"], "suite 'architecture' has no briefs"),
    (["run", "+suite=tickets", "workflow=[solo,pair]"], "workflow must be one of solo"),
    (["run", "+suite=test_writing", "workflow=escalate"], "suite 'test_writing' has no workflows"),
    (["run", "+suite=tickets", "pairs=[opus]"], "pairs must be same_provider, all, or a list"),
    (["run", "+suite=tickets", "epochs=auto", "clarity=both"],
     "run clarity= and workflow= experiments with a fixed number of epochs"),
    (["run", "+suite=tickets", "workflow=plan_execute"],
     "workflow=plan_execute needs a reasoning and an execution model"),
    (["run", "+suite=tickets", "retries.model=often"], "retries.model must be a whole number"),
    (["run", "+suite=tickets", "retries.wait=soon"], "retries.wait must be a number of seconds"),
    (["run", "+suite=tickets", "tiers=/nonexistent/tiers.yaml"], "tier list file not found"),
    (["run", "+suite=tickets", "sandbox_limits.cpus=3"], "unknown override 'sandbox_limits.cpus'"),
    (["run", "+suite=tickets", "sandbox_limits.cpu_seconds=0"],
     "sandbox_limits.cpu_seconds must be a whole number >= 1"),
    (["tiers", "frobnicate"], "usage: python -m evals tiers"),
])
def test_bad_input_is_one_line_and_exit_2(args: list[str], needle: str) -> None:
    r = cli(*args)
    assert r.returncode == 2, r.stderr
    assert needle in r.stderr
    assert "Traceback" not in r.stderr + r.stdout
    lines = [ln for ln in r.stderr.splitlines() if ln.startswith("error:")]
    assert len(lines) == 1


def test_missing_key_is_reported_before_any_results_are_written(tmp_path: Path) -> None:
    r = cli("run", "+suite=tickets", "tiers=2026-H1", f"results_dir={tmp_path}/runs")
    assert r.returncode == 2
    assert not (tmp_path / "runs").exists()


@pytest.fixture(scope="module")
def project_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's code, configs and tasks in a temp dir, to break tasks in without harm."""
    import shutil

    dst = tmp_path_factory.mktemp("project")
    for d in ("evals", "configs", "tasks"):
        shutil.copytree(PROJECT / d, dst / d, ignore=shutil.ignore_patterns("__pycache__"))
    return dst


@pytest.mark.parametrize("case,files,needle", [
    ("yaml", {"task.yaml": "id: bad-task\nrepo: [unclosed\n"}, "not valid YAML"),
    ("field", {"task.yaml": "id: bad-task\nrepo: textkit\n"}, "missing 'difficulty'"),
    ("hidden", {"task.yaml": "id: bad-task\nrepo: textkit\ndifficulty: easy\nticket: Make top_words break ties by first appearance in the text."
                             "\nbrief: Fix top_words ties.\nscope: {files: [textkit/stats.py]}\nhidden_tests: [hidden/test_x.py]"
                             "\nreference: reference.patch\n", "reference.patch": ""},
     "hidden/test_x.py does not exist"),
    ("empty", {}, "bad-task"),
])
def test_malformed_task_folder_through_the_cli_is_one_line(
        project_copy: Path, case: str, files: dict[str, str], needle: str) -> None:
    import shutil

    task = project_copy / "tasks" / "tickets" / "bad-task"
    shutil.rmtree(task, ignore_errors=True)
    task.mkdir()
    for name, text in files.items():
        (task / name).write_text(text)
    try:
        for args in (["validate", "+suite=tickets", "only=bad-*"],
                     ["score", "task=tickets/bad-task"]):
            r = cli(*args, cwd=project_copy)
            assert r.returncode == 2, (case, args, r.stderr[-500:])
            errors = [ln for ln in r.stderr.splitlines() if ln.startswith("error:")]
            assert len(errors) == 1 and needle in errors[0], (case, r.stderr[-500:])
            assert "Traceback" not in r.stderr + r.stdout
    finally:
        shutil.rmtree(task)


def test_malformed_task_folder_is_one_line(tmp_path: Path) -> None:
    from evals.errors import TaskError
    from evals.suites import get
    from evals.taskspec import load_task

    bad = tmp_path / "tickets" / "broken-task"
    bad.mkdir(parents=True)
    (bad / "task.yaml").write_text("id: broken-task\nrepo: [unclosed\n")
    with pytest.raises(TaskError, match="not valid YAML"):
        load_task(get("tickets"), bad, tmp_path)
    (bad / "task.yaml").write_text("id: broken-task\nrepo: nosuch\n")
    with pytest.raises(TaskError, match="missing 'difficulty'"):
        load_task(get("tickets"), bad, tmp_path)


def test_huge_and_binary_patches(tmp_path: Path) -> None:
    huge = tmp_path / "huge.patch"
    huge.write_bytes(b"+" * (11 * 1024 * 1024))
    r = cli("score", "task=tickets/textkit-top-words-ties", f"patch={huge}")
    assert r.returncode == 2 and "patch is too large" in r.stderr
    if bwrap_problem() is None:
        binary = tmp_path / "binary.patch"
        binary.write_bytes(bytes(range(256)) * 64)
        r = cli("score", "task=tickets/textkit-top-words-ties", f"patch={binary}")
        assert r.returncode == 1 and json.loads(r.stdout)["error"].startswith("patch does not apply")


def test_task_with_missing_hidden_test_is_one_line(tmp_path: Path) -> None:
    from evals.errors import TaskError
    from evals.suites import get
    from evals.taskspec import load_task

    (tmp_path / "_repos" / "r").mkdir(parents=True)
    t = tmp_path / "tickets" / "r-task"
    t.mkdir(parents=True)
    (t / "reference.patch").write_text("")
    (t / "task.yaml").write_text(
        "id: r-task\nrepo: r\ndifficulty: easy\nticket: Make the thing do the other thing.\n"
        "brief: Do the other thing.\nscope: {files: []}\nhidden_tests: [hidden/test_gone.py]\nreference: reference.patch\n")
    with pytest.raises(TaskError, match="hidden test: hidden/test_gone.py does not exist"):
        load_task(get("tickets"), t, tmp_path)


def test_help_lists_commands() -> None:
    r = cli("--help")
    assert r.returncode == 0 and "validate" in r.stdout


needs_bwrap = pytest.mark.skipif(bwrap_problem() is not None, reason=str(bwrap_problem()))
TASK = PROJECT / "tasks" / "tickets" / "textkit-top-words-ties"


@needs_bwrap
def test_score_reference_prints_correct_and_not_deviated() -> None:
    r = cli("score", "task=tickets/textkit-top-words-ties", f"patch={TASK / 'reference.patch'}")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["correct"] == 1 and out["deviated"] == 0 and out["accepted"] == 1
    assert out["error"] is None and out["tests_passed"] == out["tests_total"] > 0
    assert set(out["scope"]) >= {"files_out_of_scope", "symbols_out_of_scope", "new_files_out_of_scope",
                                 "deps_changed", "tests_modified", "excess_edit", "proposes_alternatives"}


@needs_bwrap
def test_score_decoy_gets_its_labels() -> None:
    r = cli("score", "task=tickets/textkit-top-words-ties",
            f"patch={TASK / 'decoys' / 'extracts-shared-helper.patch'}")
    out = json.loads(r.stdout)
    assert out["correct"] == 1 and out["deviated"] == 1 and out["accepted"] == 0


@needs_bwrap
def test_score_patch_that_does_not_apply_exits_1_with_json(tmp_path: Path) -> None:
    bad = tmp_path / "bad.patch"
    bad.write_text("--- a/textkit/stats.py\n+++ b/textkit/stats.py\n@@ -1,1 +1,1 @@\n-nothing like this\n+x\n")
    r = cli("score", "task=tickets/textkit-top-words-ties", f"patch={bad}")
    assert r.returncode == 1
    out = json.loads(r.stdout)
    assert out["correct"] == 0 and out["error"].startswith("patch does not apply")


def test_tier_list_file_that_is_not_yaml_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "ours.yaml"
    bad.write_text("edition: ours\ntiers: [unclosed\n")
    r = cli("run", "+suite=tickets", f"tiers={bad}", f"results_dir={tmp_path}/runs")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert [ln for ln in r.stderr.splitlines() if ln.startswith("error:")] == [
        f"error: tier list {bad} is not valid YAML: while parsing a flow sequence"]
    assert not (tmp_path / "runs").exists()
