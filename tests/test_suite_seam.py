"""The suite seam: a second suite that lives only in tests/ (tests/fixtures/minisuite) runs end
to end through `run` (scripted models), `score`, `validate`, `report` and `publish`, with no
edit outside its own files. It is named on the command line with plugins=[...]."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from inspect_ai.log import list_eval_logs, read_eval_log

from evals.cli import main
from tests import scripted_model  # noqa: F401  (registers the scripted provider)

PROJECT = Path(__file__).resolve().parent.parent
FIXTURE = PROJECT / "tests" / "fixtures" / "minisuite"
PLUGIN = "plugins=[tests.fixtures.minisuite]"
ROOT = f"tasks_root={FIXTURE / 'tasks'}"
TASKS = ("tiny-default-port", "tiny-retry-limit")


def _tiers(tmp: Path) -> Path:
    """An execution model that answers right and briefly, a reasoning model that answers right
    at length (deviated), as scripted models through the real run path."""
    brief = {t: (FIXTURE / "tasks" / "answers" / t / "reference.txt").read_text() for t in TASKS}
    long = {"tiny-default-port": (FIXTURE / "tasks/answers/tiny-default-port/decoys/essay.txt")
            .read_text(),
            "tiny-retry-limit": (FIXTURE / "tasks/answers/tiny-retry-limit/decoys/rambling.txt")
            .read_text()}
    usage = {"input_tokens": 200, "output_tokens": 20}
    (tmp / "brief.json").write_text(json.dumps({"usage": usage, "answers": brief}))
    (tmp / "long.json").write_text(json.dumps({"usage": usage, "answers": long}))
    path = tmp / "tiers.yaml"
    path.write_text(
        "edition: seam-test\nmade_on: 2026-11-01\ntiers:\n  execution:\n"
        f"    - {{name: brief, model: scripted/brief, price: {{input: 1, output: 5}}, "
        f"model_args: {{script: '{tmp / 'brief.json'}'}}}}\n  reasoning:\n"
        f"    - {{name: long, model: scripted/long, price: {{input: 10, output: 50}}, "
        f"model_args: {{script: '{tmp / 'long.json'}'}}}}\n")
    return path


@pytest.fixture(scope="module")
def ran(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("seam")
    rc = main(["run", PLUGIN, "+suite=answers", ROOT, f"tiers={_tiers(tmp)}", "display=none",
               "epochs=2", f"results_dir={tmp / 'runs'}", "run_id=s1"])
    assert rc == 0
    return tmp


def test_run_runs_the_plugin_suite_not_tickets(ran: Path) -> None:
    logs = list_eval_logs(str(ran / "runs" / "s1" / "logs"))
    assert len(logs) == 2
    for info in logs:
        log = read_eval_log(info)
        assert log.eval.task == "answers" and log.eval.metadata["suite"] == "answers"
        assert sorted({str(s.id) for s in log.samples}) == list(TASKS)
        for s in log.samples:
            assert set(s.scores) == {"answer_scorer", "cost"}
            brief = log.eval.metadata["model_name"] == "brief"
            v = s.scores["answer_scorer"].value
            assert (v["correct"], v["deviated"]) == (1, 0 if brief else 1)
            # 200 in, 20 out: $1/$5 per M for brief, $10/$50 for long
            assert s.scores["cost"].value["cost_usd"] == pytest.approx(
                0.0003 if brief else 0.003)
    record = json.loads((ran / "runs" / "s1" / "run.json").read_text())
    assert record["suite"] == "answers" and record["config"]["suite"]["max_words"] == 40


def test_report_gives_the_suite_its_own_verdict_row_and_table(ran: Path) -> None:
    out = ran / "report"
    assert main(["report", PLUGIN, ROOT, f"results_dir={ran / 'runs'}", "run=s1", f"out={out}",
                 "bootstrap=200"]) == 0
    summary = json.loads((out / "summary.json").read_text())
    [v] = summary["verdicts"]
    assert v["task_type"] == "answers"
    # execution accepts 2 of 2, reasoning 0 of 2: too few tasks to decide, but measured
    assert v["exec_accept"] == 1.0 and v["reas_accept"] == 0.0
    md = (out / "report.md").read_text()
    assert "| answers | " in md and "Answer length (answers suite)" in md
    assert "Deviation by planted temptation" not in md  # the tickets suite's table: not here


def test_publish_writes_the_suite_dataset(ran: Path) -> None:
    out = ran / "published"
    assert main(["publish", PLUGIN, ROOT, "edition=seam-test", f"results_dir={ran / 'runs'}",
                 f"out={out}", "bootstrap=200"]) == 0
    from datasets import load_from_disk

    ds = load_from_disk(str(out / "dataset"))
    assert ds.num_rows == 2 * len(TASKS) * 2 and set(ds["task_type"]) == {"answers"}
    assert "words" in ds.column_names


def test_score_and_validate_take_the_suite_through_the_same_interface(
        capsys: pytest.CaptureFixture[str]) -> None:
    ref = FIXTURE / "tasks" / "answers" / "tiny-default-port" / "reference.txt"
    assert main(["score", PLUGIN, ROOT, "task=answers/tiny-default-port", f"answer={ref}"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["correct"], out["deviated"], out["accepted"]) == (1, 0, 1)
    # the suite's own setting, overridden as any suite.<key>: 1 word is the most now
    assert main(["score", PLUGIN, ROOT, "task=answers/tiny-retry-limit", "suite.max_words=1",
                 f"answer={ref.parent.parent / 'tiny-retry-limit' / 'reference.txt'}"]) == 0
    assert json.loads(capsys.readouterr().out)["deviated"] == 1
    assert main(["validate", PLUGIN, ROOT, "+suite=answers"]) == 0
    printed = capsys.readouterr().out
    assert "2 tasks on 1 repos" in printed and ", 0 failed" in printed
    assert printed.count("answers/tiny-") >= 2 * 6  # has decoys, no answer, 3 x reference, 2 decoys
    # no suite named: every suite with tasks under the root, here only this one
    assert main(["validate", PLUGIN, ROOT, "repeats=1"]) == 0
    printed = capsys.readouterr().out
    assert "2 tasks on 1 repos" in printed and "tickets/" not in printed


def test_a_bad_fixture_label_fails_validate(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    root = tmp_path / "tasks"
    shutil.copytree(FIXTURE / "tasks", root)
    yaml = root / "answers" / "tiny-default-port" / "task.yaml"
    yaml.write_text(yaml.read_text().replace("essay.txt, correct: true, deviated: true",
                                             "essay.txt, correct: true, deviated: false"))
    assert main(["validate", PLUGIN, f"tasks_root={root}", "+suite=answers"]) == 1
    assert "decoy essay.txt" in capsys.readouterr().out


def test_the_command_line_runs_the_fixture_suite(tmp_path: Path) -> None:
    """`python -m evals run +suite=answers` pointed at the fixture's task root runs that suite."""
    tiers = _tiers(tmp_path)
    r = subprocess.run([sys.executable, "-m", "evals", "run",
                        "plugins=[tests.scripted_model,tests.fixtures.minisuite]", "+suite=answers",
                        ROOT, f"tiers={tiers}", "display=none", f"results_dir={tmp_path / 'runs'}",
                        "run_id=c1", "models=[brief]"],
                       cwd=PROJECT, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "suite answers" in r.stderr
    [info] = list_eval_logs(str(tmp_path / "runs" / "c1" / "logs"))
    log = read_eval_log(info)
    assert log.eval.task == "answers" and len(log.samples) == len(TASKS)


def test_an_unknown_suite_is_one_line_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", PLUGIN, "+suite=answerz"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == "error: unknown suite 'answerz' (available: answers, architecture, refactors, test_writing, tickets)"
