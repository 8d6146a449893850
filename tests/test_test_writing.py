"""The test-writing suite (issue 13): its task format, and its judge against honest and hostile
test files. Hostile tests run only in the sandbox and are harmless if containment fails: they
read files, or touch the copy of the code they are judged against."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
from pathlib import Path

import pytest

from evals.errors import TaskError
from evals.sandbox import sandbox_spec
from evals.sandbox.bwrap import bwrap_problem
from evals.suites import get
from evals.suites.test_writing.judge import introspection
from evals.suites.test_writing.scorer import Judging
from evals.taskspec import load_task
from tests import conftest

PROJECT = Path(__file__).resolve().parent.parent
TASK = PROJECT / "tasks" / "test_writing" / "schedule-add-months-tests"
needs_bwrap = pytest.mark.skipif(bwrap_problem() is not None, reason=str(bwrap_problem()))


def copy_task(tmp: Path, change) -> Path:  # noqa: ANN001
    return conftest.copy_task(tmp, TASK, change)


@pytest.mark.parametrize(("change", "says"), [
    (lambda r: r["mutants"][0].update(breaks="R9"), "does not state"),
    (lambda r: r.update(mutants=[m for m in r["mutants"] if m["breaks"] != "R1"] * 2),
     "no mutant breaks R1"),
    (lambda r: r.update(mutants=r["mutants"][:7]), "at least 8"),
    (lambda r: r.update(variants=r["variants"][:1]), "at least 2"),
    (lambda r: r.update(test_file="tests/test_dates.py"), "already exists"),
    (lambda r: r.update(test_file="schedule/check.py"), "test module path"),
    (lambda r: r.update(ticket=r["ticket"].replace("R", "Q")), "states no requirements"),
    (lambda r: r["decoys"][1].update(killed=-1), "killed must be a count"),
])
def test_a_malformed_task_is_one_line(tmp_path: Path, change, says: str) -> None:  # noqa: ANN001
    task = copy_task(tmp_path, change)
    with pytest.raises(TaskError, match=says):
        load_task(get("test_writing"), task, tmp_path / "tasks")


def test_introspection_in_a_test_file_is_seen() -> None:
    assert introspection(b"assert add_months.__code__.co_consts")
    assert introspection(b"import inspect\nsrc = inspect.getsource(add_months)\n")
    assert introspection(b"from dis import get_instructions\n")
    assert not introspection(b"from schedule.dates import add_months\nassert add_months\n")


def reference_test() -> str:
    spec = load_task(get("test_writing"), TASK)
    return spec.reference_test().decode()


def answer(tmp: Path, test_source: str, name: str) -> bytes:
    """A patch creating the task's test file (authored here; it runs only in the sandbox)."""
    work = tmp / name
    shutil.copytree(PROJECT / "tasks" / "_repos" / "schedule", work)
    subprocess.run(["git", "init", "-q"], cwd=work, check=True)
    subprocess.run(["git", "add", "-A"], cwd=work, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base"],
                   cwd=work, check=True)
    (work / "tests" / "test_add_months_spec.py").write_text(test_source)
    subprocess.run(["git", "add", "-A"], cwd=work, check=True)
    return subprocess.run(["git", "diff", "--cached"], cwd=work, check=True,
                          capture_output=True).stdout


def score(patch: bytes) -> dict:
    suite = get("test_writing")
    spec = load_task(suite, TASK)
    return asyncio.run(suite.score(spec, patch, sandbox_spec("bwrap", None), suite.options()))


# Each probe is appended to the reference's tests. The two that try to learn which version they
# run against assert they learned nothing: contained, the answer stays valid and correct.
PROBES = {
    "writes-the-code": ("def test_probe_writes():\n"
                        "    import schedule.dates as d\n"
                        "    try:\n"
                        "        open(d.__file__, 'a').write('\\n')\n"
                        "    except PermissionError:\n"
                        "        pass\n"),
    "shell-edits-the-code": ("def test_probe_shell():\n"
                             "    import subprocess, schedule.dates as d\n"
                             "    subprocess.run(['bash', '-c', 'echo \"# probe\" >> \"$0\"',"
                             " d.__file__])\n"),
    "reads-the-original": ("def test_probe_reads_original():\n"
                           "    import os\n"
                           "    for root in ('/work', os.getcwd() + '/..'):\n"
                           "        try:\n"
                           "            open(root + '/schedule/dates.py').read()\n"
                           "        except OSError:\n"
                           "            pass\n"),
    "code-object": ("def test_probe_code():\n"
                    "    assert add_months.__code__ is not None\n"),
    "reads-the-judge": ("def test_probe_cannot_learn_the_versions():\n"
                        "    import os\n"
                        "    learned = []\n"
                        "    for pid in [p for p in os.listdir('/proc') if p.isdigit()]:\n"
                        "        for what in ('environ', 'cmdline', 'mem', 'fd/0', 'fd/3'):\n"
                        "            try:\n"
                        "                fd = os.open(f'/proc/{pid}/{what}', os.O_RDONLY | os.O_NONBLOCK)\n"
                        "            except OSError:\n"
                        "                continue\n"
                        "            try:\n"
                        "                data = os.read(fd, 1 << 20)\n"
                        "            except OSError:\n"
                        "                continue\n"
                        "            finally:\n"
                        "                os.close(fd)\n"
                        "            if b'mutant:' in data or b'variant:' in data:\n"
                        "                learned.append((pid, what))\n"
                        "    assert learned == []\n"),
}
EXPECT = {
    "writes-the-code": {"tampered": 1, "correct": 0},
    "shell-edits-the-code": {"tampered": 1, "correct": 0},
    "reads-the-original": {"valid": 0, "correct": 0, "tampered": 0},
    "code-object": {"valid": 0, "correct": 0, "tampered": 0},
    "reads-the-judge": {"valid": 1, "correct": 1, "tampered": 0},
}


@needs_bwrap
@pytest.mark.parametrize("probe", list(PROBES))
def test_hostile_test_files(probe: str, tmp_path: Path) -> None:
    r = score(answer(tmp_path, reference_test() + "\n\n" + PROBES[probe], probe))
    got = {k: r[k] for k in EXPECT[probe]}
    assert got == EXPECT[probe], (r.get("invalid_because"), r.get("tamper_reasons"))
    if probe.startswith("reads-the-original") or probe == "code-object":
        assert "source of the code under test" in r["invalid_because"]


@needs_bwrap
def test_the_reference_is_judged_and_timed(tmp_path: Path) -> None:
    spec = load_task(get("test_writing"), TASK)
    r = score(TASK.joinpath("reference.patch").read_bytes())
    assert (r["valid"], r["correct"], r["deviated"], r["killed"]) == (1, 1, 0, r["mutants_total"])
    assert set(r["runs"]) == {"original", *(f"variant:{p.stem}" for p in
                                            (TASK / "variants").glob("*.patch")),
                              *(f"mutant:{p.stem}" for p in (TASK / "mutants").glob("*.patch")),
                              *(f"library:{n}" for n, _, _ in Judging.of(spec, 10).library())}
    assert r["library_total"] == 10 and 0 < r["library_mutation_score"] <= 1
    assert r["test_lines"] > 20 and r["scoring_seconds"] > 0


@needs_bwrap
def test_the_run_path_scores_a_scripted_model(tmp_path: Path) -> None:
    """Through inspect with a mockllm model: one answers with the reference's test file, another
    with the half-the-requirements decoy; the scores and the cost land in the log."""
    from inspect_ai import eval as inspect_eval
    from inspect_ai.log import read_eval_log
    from inspect_ai.model import ModelOutput, ModelUsage, get_model

    from evals.suites.test_writing.task import test_writing
    from evals.tiers import TierModel, register_prices
    from tests.conftest import file_blocks, patched_files

    spec = load_task(get("test_writing"), TASK)
    half = TASK / "decoys" / "half-the-requirements.patch"
    register_prices([TierModel("mock", "execution", "mockllm/model", "mock",
                               price={"input": 1.0, "output": 5.0})])
    results = []
    for patch in (spec.reference, half):
        text = file_blocks(patched_files(spec, patch, tmp_path))

        def out(input, tools, tool_choice, config, text=text):  # noqa: ANN001, ANN202, A002
            o = ModelOutput.from_content("mockllm/model", text)
            o.usage = ModelUsage(input_tokens=1000, output_tokens=200, total_tokens=1200)
            return o

        model = get_model("mockllm/model", custom_outputs=out, memoize=False)
        [log] = inspect_eval(test_writing(task_ids=[spec.id], sandbox="bwrap"), model=model,
                             log_dir=str(tmp_path / "logs"), display="none")
        [sample] = read_eval_log(log.location).samples
        results.append(sample.scores["test_writing_scorer"].value)
        assert sample.scores["cost"].value["cost_usd"] == pytest.approx(0.002)
    ref, dec = results
    assert (ref["valid"], ref["correct"], ref["deviated"], ref["mutation_score"]) == (1, 1, 0, 1.0)
    assert (dec["valid"], dec["correct"]) == (1, 0) and 0 < dec["mutation_score"] < 1
    # the second score: library-generated mutants of the target, never the verdict
    assert 0 < ref["library_mutation_score"] <= 1
    assert dec["library_mutation_score"] <= ref["library_mutation_score"]

    # the report: the suite's own table and the mutation-score chart, from these logs
    from evals import suites
    from evals.report.build import ReportOptions, build_report

    opts = ReportOptions(bar=0.9, margin=0.05, n_boot=50, seed=0,
                         suite_tables={n: suites.get(n).report_tables for n in suites.names()})
    out = tmp_path / "report"
    build_report([tmp_path / "logs"], out, opts)
    md = (out / "report.md").read_text()
    planted = sorted([ref["mutation_score"], dec["mutation_score"]])
    iqr = (planted[0] + (planted[1] - planted[0]) * 0.25, sum(planted) / 2,
           planted[0] + (planted[1] - planted[0]) * 0.75)
    assert "Test writing: mutants killed" in md
    assert f"| 2 | 100% | {iqr[1]:.2f} ({iqr[0]:.2f}-{iqr[2]:.2f}) |" in md, md
    assert (out / "charts" / "mutation_scores.png").stat().st_size > 0


@needs_bwrap
def test_validate_proves_a_test_writing_task() -> None:
    """`validate +suite=test_writing` through the command line (every task: `validate` itself)."""
    import sys

    r = subprocess.run([sys.executable, "-m", "evals", "validate", "+suite=test_writing",
                        "only=schedule-nth-weekday-tests", "repeats=1"], cwd=PROJECT,
                       capture_output=True, text=True, timeout=900, check=False)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-2000:]
    summary = r.stdout.strip().splitlines()[-1]
    assert summary.startswith("1 tasks") and ", 0 failed" in summary and "mutants" in summary


@needs_bwrap
def test_code_that_fails_to_import_kills_and_is_not_tampering() -> None:
    """A mutant that raises when its module is imported (a library mutant such as
    `Decimal("0") -> Decimal(None)` at module level) stops collection of the model's tests: that
    kills it. The canary tests must still run, or the answer would be called tampered."""
    from evals.sandbox import contained
    from evals.scorers.worktree import materialize
    from evals.suites.test_writing.judge import judge_test_file
    from evals.taskspec import repo_files

    spec = load_task(get("test_writing"), TASK)
    broken = b"raise ImportError('this version cannot be imported')\n"

    async def judge():  # noqa: ANN202
        async with contained(sandbox_spec("bwrap", None)) as sbx:
            await materialize(sbx, spec.repo_dir, git=False)
            return await judge_test_file(sbx, repo_files(spec.repo_dir), spec.test_file,
                                         spec.reference_test(),
                                         {"original": {}, "mutant:no-import":
                                          {"schedule/dates.py": broken}}, 60)

    found = asyncio.run(judge())
    assert found.error is None and found.tampered == [], found.tampered
    assert found.invalid_because is None and found.killed == ["no-import"]


@needs_bwrap
def test_a_variant_that_breaks_the_repo_tests_is_caught(tmp_path: Path) -> None:
    """validate's proof that variants are equivalent runs the repo's own tests on each: a
    'variant' that is really a bug the repo's tests see fails it."""
    from evals.suites.test_writing.checks import variants_keep_the_repo_tests

    suite = get("test_writing")
    good = load_task(suite, TASK)
    ok = asyncio.run(variants_keep_the_repo_tests(good, sandbox_spec("bwrap", None),
                                                  suite.options()))
    assert ok.ok, ok.got
    # a mutant the repo's own tests kill, posing as a variant
    task = copy_task(tmp_path, lambda r: r.update(
        variants=[r["variants"][0], "variants/posing-as-a-variant.patch"]))
    (task / "variants" / "posing-as-a-variant.patch").write_text(  # no clamping at all
        "--- a/schedule/dates.py\n+++ b/schedule/dates.py\n@@ -35,5 +35,5 @@\n"
        "     \"\"\"\n     index = d.year * 12 + (d.month - 1) + months\n"
        "     year, month0 = divmod(index, 12)\n"
        "-    day = min(d.day, days_in_month(year, month0 + 1))\n"
        "+    day = min(d.day, 28)\n"
        "     return date(year, month0 + 1, day)\n")
    bad = asyncio.run(variants_keep_the_repo_tests(load_task(suite, task, tmp_path / "tasks"),
                                                   sandbox_spec("bwrap", None), suite.options()))
    assert not bad.ok and "variant posing-as-a-variant" in bad.got, bad.got
