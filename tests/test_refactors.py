"""The refactors suite (issue 14): its task format, its judging (goal checks that no answer code
can reach, behaviour tests, the test files a ticket lets change) and the run path to the report.
Hostile answers run only in the sandbox and are harmless if containment fails: they change
Python's own modules in their process, or the work tree they were given."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from evals.errors import TaskError
from evals.sandbox import sandbox_spec
from evals.sandbox.bwrap import bwrap_problem
from evals.suites import get
from evals.taskspec import load_task
from tests import conftest

PROJECT = Path(__file__).resolve().parent.parent
TASK = PROJECT / "tasks" / "refactors" / "textkit-move-strip-accents"
needs_bwrap = pytest.mark.skipif(bwrap_problem() is not None, reason=str(bwrap_problem()))


def copy_task(tmp: Path, change) -> Path:  # noqa: ANN001
    return conftest.copy_task(tmp, TASK, change)


@pytest.mark.parametrize(("change", "says"), [
    (lambda r: r.update(kind="cosmetic"), "kind must be one of mechanical, judgment"),
    (lambda r: r.update(brief=r["ticket"] + " and more"), "brief must be shorter"),
    (lambda r: r.update(goal_checks=[]), "goal_checks must be a non-empty list"),
    (lambda r: r.update(behaviour_tests=["hidden/nope.py"]), "does not exist"),
    (lambda r: r.update(goal_tests=["hidden/test_goal_strip_accents.py"]), "must be distinct"),
    (lambda r: r["decoys"][0].update(goal_met="sometimes", extra=1), "unknown key 'extra'"),
    (lambda r: r["scope"].update(api=["textkit.slug.strip_accents("]), "dotted path"),
    (lambda r: r.pop("brief"), "missing 'brief'"),
])
def test_a_malformed_task_is_one_line(tmp_path: Path, change, says: str) -> None:  # noqa: ANN001
    task = copy_task(tmp_path, change)
    with pytest.raises(TaskError, match=says):
        load_task(get("refactors"), task, tmp_path / "tasks")


def test_the_task_type_is_the_kind() -> None:
    spec = load_task(get("refactors"), TASK)
    assert spec.task_type == "refactors/mechanical"
    assert spec.metadata()["task_type"] == "refactors/mechanical"
    assert spec.labels()["kind"] == "mechanical"


def score(answer: bytes | None, task: Path = TASK, root: Path | None = None) -> dict:
    suite = get("refactors")
    spec = load_task(suite, task, root) if root else load_task(suite, task)
    return asyncio.run(suite.score(spec, answer, sandbox_spec("bwrap", None), suite.options()))


def patch_of(tmp: Path, files: dict[str, str], base: bytes | None = None) -> bytes:
    """A patch that writes `files` over the textkit repo (after `base` is applied)."""
    work = tmp / "work"
    shutil.copytree(PROJECT / "tasks" / "_repos" / "textkit", work)
    git = ["git", "-c", "user.email=t@t", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q", "."], cwd=work, check=True)
    subprocess.run([*git, "add", "-A"], cwd=work, check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=work, check=True)
    if base is not None:
        subprocess.run(["git", "apply", "-"], cwd=work, input=base, check=True)
    for p, text in files.items():
        (work / p).write_text(text)
    subprocess.run(["git", "add", "-A"], cwd=work, check=True)
    return subprocess.run(["git", "diff", "--cached", "--binary"], cwd=work, check=True,
                          capture_output=True).stdout


@needs_bwrap
def test_the_reference_and_the_untouched_repo() -> None:
    ref = score(TASK.joinpath("reference.patch").read_bytes())
    assert {k: ref[k] for k in ("correct", "deviated", "goal_met", "behaviour_kept",
                                "api_changed", "tampered")} == {
        "correct": 1, "deviated": 0, "goal_met": 1, "behaviour_kept": 1, "api_changed": 0,
        "tampered": 0}, ref
    untouched = score(None)
    assert (untouched["correct"], untouched["goal_met"], untouched["behaviour_kept"]) == (0, 0, 1)
    assert any(f.startswith("goal ") for f in untouched["failed_tests"])


FAKE_READS = """
import pathlib as _pathlib

_SHOWN = {shown!r}
_real_read_text = _pathlib.Path.read_text


def _read_text(self, *args, **kwargs):
    for tail, text in _SHOWN.items():
        if str(self).endswith(tail):
            return text
    return _real_read_text(self, *args, **kwargs)


_pathlib.Path.read_text = _read_text
"""


def faking_answer(tmp: Path) -> bytes:
    """Leaves strip_accents where it was; when its package is imported, every read of slug.py
    and case.py returns the reference's version of them."""
    spec = load_task(get("refactors"), TASK)
    from tests.conftest import patched_files

    ref = patched_files(spec, spec.reference, tmp)
    shown = {p: ref[p] for p in ("textkit/slug.py", "textkit/case.py")}
    init = (PROJECT / "tasks/_repos/textkit/textkit/__init__.py").read_text()
    return patch_of(tmp, {"textkit/__init__.py": init + FAKE_READS.format(shown=shown),
                          "textkit/unicode.py": ref["textkit/unicode.py"]})


@needs_bwrap
def test_answer_code_cannot_reach_the_goal_checks(tmp_path: Path) -> None:
    """The goal checks run where the answer's package cannot be imported, so they read the real
    files. Shown why: run as goal *tests* (beside the behaviour tests, which import the package
    first), the same checks are fooled."""
    answer = faking_answer(tmp_path / "a")
    r = score(answer)
    assert (r["goal_met"], r["correct"]) == (0, 0), r

    def as_goal_tests(raw: dict) -> None:
        raw["goal_tests"] = list(raw["goal_checks"])  # (the re-export test it would fail)
        raw["goal_checks"] = [raw["goal_checks"][0].replace("strip_accents", "x")]

    fooled = copy_task(tmp_path / "b", as_goal_tests)
    (fooled / "hidden" / "test_goal_x.py").write_text("def test_nothing():\n    pass\n")
    r = score(answer, fooled, tmp_path / "b" / "tasks")
    assert r["goal_met"] == 1, r


@needs_bwrap
def test_the_test_files_a_ticket_lets_change_run_as_the_answer_left_them(tmp_path: Path) -> None:
    """A rename updates calls in the visible tests the ticket names: those run as changed (a
    renamed test there is not 'missing'); any other test file is restored and is a deviation."""
    reference = TASK.joinpath("reference.patch").read_bytes()
    slug_tests = (PROJECT / "tasks/_repos/textkit/tests/test_slug.py").read_text()
    renamed = slug_tests.replace("def test_strip_accents():", "def test_strip_accents_moved():")
    answer = patch_of(tmp_path / "a", {"tests/test_slug.py": renamed}, base=reference)

    allowed = copy_task(tmp_path / "allowed",
                        lambda r: r["scope"].update(tests_may_change=["tests/test_slug.py"]))
    r = score(answer, allowed, tmp_path / "allowed" / "tasks")
    assert (r["correct"], r["deviated"], r["tampered"]) == (1, 0, 0), r

    r = score(answer)  # the template task lets no test change
    assert (r["correct"], r["deviated"], r["tampered"]) == (1, 1, 0), r
    assert r["scope"]["tests_modified"] == 1

    # a test that fails as the answer left it counts, in a file the ticket lets change
    broken = slug_tests.replace('== "a b c"', '== "a  b c"')
    r = score(patch_of(tmp_path / "b", {"tests/test_slug.py": broken}, base=reference), allowed,
              tmp_path / "allowed" / "tasks")
    assert (r["correct"], r["behaviour_kept"]) == (0, 0), r


@needs_bwrap
def test_a_test_file_the_ticket_lets_change_cannot_patch_the_code_under_the_behaviour_tests(
        tmp_path: Path) -> None:
    """The answer moves strip_accents but breaks it, and the visible test file it may update
    puts the real body back into the function when it is imported. Those files run apart from
    the behaviour tests, which see the broken function."""
    reference = TASK.joinpath("reference.patch").read_bytes()
    spec = load_task(get("refactors"), TASK)
    from tests.conftest import patched_files

    moved = patched_files(spec, spec.reference, tmp_path / "ref")["textkit/unicode.py"]
    broken = moved.replace('    decomposed = unicodedata.normalize("NFKD", text)\n'
                           '    return "".join(ch for ch in decomposed if not '
                           'unicodedata.combining(ch))', "    return text")
    assert broken != moved
    slug_tests = (PROJECT / "tasks/_repos/textkit/tests/test_slug.py").read_text()
    healing = ("import unicodedata as _u\nimport textkit.unicode as _m\n\n\n"
               "def _real(text):\n    return ''.join(c for c in _u.normalize('NFKD', text) "
               "if not _u.combining(c))\n\n\n_m.strip_accents.__code__ = _real.__code__\n"
               "_m.strip_accents.__globals__['_u'] = _u\n\n\n") + slug_tests
    answer = patch_of(tmp_path / "a", {"textkit/unicode.py": broken,
                                       "tests/test_slug.py": healing}, base=reference)
    allowed = copy_task(tmp_path / "allowed",
                        lambda r: r["scope"].update(tests_may_change=["tests/test_slug.py"]))
    r = score(answer, allowed, tmp_path / "allowed" / "tasks")
    assert (r["correct"], r["behaviour_kept"]) == (0, 0), r
    assert any("test_behaviour_strip_accents" in f for f in r["failed_tests"]), r["failed_tests"]


@needs_bwrap
def test_the_run_path_scores_and_reports_a_refactor(tmp_path: Path) -> None:
    """Through inspect with mockllm models answering the reference and the half-done decoy as
    whole files: the scores land in the log and the report has a refactors/mechanical row."""
    from inspect_ai import eval as inspect_eval
    from inspect_ai.log import read_eval_log
    from inspect_ai.model import ModelOutput, ModelUsage, get_model

    from evals.suites.refactors.task import refactors
    from tests.conftest import file_blocks, patched_files

    spec = load_task(get("refactors"), TASK)
    half = TASK / "decoys" / "half-done-case-still-imports-slug.patch"
    results = []
    answers = [file_blocks(patched_files(spec, p, tmp_path)) for p in (spec.reference, half)]
    # a oneshot answer can delete a file too: the reference, and the repo's README deleted
    answers.append(file_blocks({**patched_files(spec, spec.reference, tmp_path / "x"),
                                "README.md": None}))
    for text in answers:

        def out(input, tools, tool_choice, config, text=text):  # noqa: ANN001, ANN202, A002
            o = ModelOutput.from_content("mockllm/model", text)
            o.usage = ModelUsage(input_tokens=1000, output_tokens=300, total_tokens=1300)
            return o

        model = get_model("mockllm/model", custom_outputs=out, memoize=False)
        [log] = inspect_eval(refactors(task_ids=[spec.id], sandbox="bwrap"), model=model,
                             log_dir=str(tmp_path / "logs"), display="none")
        [sample] = read_eval_log(log.location).samples
        assert sample.metadata["task_type"] == "refactors/mechanical"
        results.append(sample.scores["refactor_scorer"].value)
    assert sample.metadata["files_deleted"] == ["README.md"]
    ref, dec, deleting = results
    assert (deleting["correct"], deleting["deviated"], deleting["files_out_of_scope"]) == (1, 1, 1)
    assert (ref["correct"], ref["deviated"], ref["goal_met"], ref["api_changed"]) == (1, 0, 1, 0)
    assert (dec["correct"], dec["goal_met"], dec["behaviour_kept"]) == (0, 0, 1)

    from evals import suites
    from evals.report.build import ReportOptions, build_report

    opts = ReportOptions(bar=0.9, margin=0.05, n_boot=50, seed=0,
                         suite_tables={n: suites.get(n).report_tables for n in suites.names()})
    build_report([tmp_path / "logs"], tmp_path / "report", opts)
    md = (tmp_path / "report" / "report.md").read_text()
    assert "refactors/mechanical" in md
    # why refactors fail, per kind and tier: 2 of the 3 samples reached the goal
    assert "Refactors: goal, behaviour and public API" in md
    assert "| mechanical | ? | 3 | 67% | 100% | 0% |" in md, md  # (mockllm is in no tier)


@needs_bwrap
def test_validate_proves_a_refactor_task() -> None:
    r = subprocess.run([sys.executable, "-m", "evals", "validate", "+suite=refactors",
                        f"only={TASK.name}", "repeats=2"], cwd=PROJECT,
                       capture_output=True, text=True, timeout=900, check=False)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-2000:]
    summary = r.stdout.strip().splitlines()[-1]
    assert summary.startswith("1 tasks") and ", 0 failed" in summary and "1 mechanical" in summary
