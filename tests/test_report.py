"""Reports from real logs made by scripted mockllm models of known behaviour.

A "reasoning" model answers every ticket with its reference (accepted); an "execution" model
answers with a correct-but-deviated decoy (correct, never accepted). The frame, statistics and
verdicts must come out as those behaviours imply.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from inspect_ai import eval as inspect_eval
from inspect_ai.log import read_eval_log, write_eval_log
from inspect_ai.model import ModelOutput, ModelUsage, get_model

from evals.report.build import ReportOptions, build_report
from evals.report.frame import load_frame
from evals.sandbox.bwrap import bwrap_problem
from evals.suites.tickets.task import tickets
from evals.tiers import TierModel, register_prices
from tests.conftest import decoy, file_blocks, patched_files

pytestmark = pytest.mark.skipif(bwrap_problem() is not None, reason=str(bwrap_problem()))
TASKS = ["textkit-top-words-ties", "inventory-sku-input-normalization", "textkit-slugify-max-length"]
EPOCHS = 2
OPTS = ReportOptions(bar=0.8, margin=0.05, n_boot=500, seed=0)


@pytest.fixture(scope="module")
def run_logs(ticket_specs, tmp_path_factory) -> Path:  # noqa: ANN001
    tmp = tmp_path_factory.mktemp("report")
    ref = {t: file_blocks(patched_files(ticket_specs[t], ticket_specs[t].reference, tmp)) for t in TASKS}
    dev = {t: file_blocks(patched_files(ticket_specs[t], decoy(ticket_specs[t], correct=1,
                                                               deviated=1), tmp)) for t in TASKS}
    usage = {"mock/ref": ModelUsage(input_tokens=2000, output_tokens=500, total_tokens=2500),
             "mock/dev": ModelUsage(input_tokens=1000, output_tokens=100, total_tokens=1100)}
    register_prices([TierModel("ref", "reasoning", "mockllm/ref", "ref", price={"input": 10, "output": 50}),
                     TierModel("dev", "execution", "mockllm/dev", "dev", price={"input": 1, "output": 5})])
    log_dir = tmp / "runs" / "r1" / "logs"
    for name, tier, answers in (("ref", "reasoning", ref), ("dev", "execution", dev)):
        def out(input, tools, tool_choice, config, answers=answers, name=name):  # noqa: ANN001, A002
            text = "\n".join(m.text for m in input)
            tid = next(t for t in TASKS if ticket_specs[t].ticket[:200] in text)
            o = ModelOutput.from_content(f"mockllm/{name}", answers[tid])
            o.usage = usage[f"mock/{name}"]
            return o
        task = tickets(task_ids=TASKS, sandbox="bwrap")
        task.metadata = {**task.metadata, "tier": tier, "model_name": f"mock-{name}",
                         "edition": "test-edition", "run_id": "r1"}
        model = get_model(f"mockllm/{name}", custom_outputs=out, memoize=False)
        [log] = inspect_eval(task, model=model, epochs=EPOCHS, log_dir=str(log_dir), display="none")
        assert log.status == "success"
    return log_dir


def test_frame_has_one_row_per_sample_with_known_outcomes(run_logs: Path) -> None:
    frame = load_frame([run_logs]).frame
    assert len(frame) == 2 * len(TASKS) * EPOCHS
    assert set(frame["status"]) == {"ok"}
    ref = frame[frame["model_name"] == "mock-ref"]
    dev = frame[frame["model_name"] == "mock-dev"]
    assert (ref["accepted"] == 1).all() and (ref["deviated"] == 0).all()
    assert (dev["correct"] == 1).all() and (dev["deviated"] == 1).all() and (dev["accepted"] == 0).all()
    assert set(frame["tier"]) == {"execution", "reasoning"} and set(frame["edition"]) == {"test-edition"}
    # per-call prices: 2000 in at $10/M + 500 out at $50/M = $0.045; 1000 at $1 + 100 at $5 = $0.0015
    assert ref["cost_usd"].round(6).eq(0.045).all() and dev["cost_usd"].round(6).eq(0.0015).all()
    assert set(frame["difficulty"]) <= {"easy", "medium", "hard"} and frame["temptation"].notna().all()


def test_statistics_and_verdict_follow_the_behaviours(run_logs: Path) -> None:
    from evals.report import stats

    frame = load_frame([run_logs]).frame
    tiers = stats.summarize(frame, ["suite", "tier"], n_boot=500, seed=0).set_index("tier")
    assert tiers.loc["reasoning", "accept"] == 1 and tiers.loc["execution", "accept"] == 0
    assert tiers.loc["execution", "pass1"] == 1 and tiers.loc["execution", "deviation"] == 1
    assert tiers.loc["reasoning", "cost_per_accepted"] == pytest.approx(0.045)
    assert tiers.loc["execution", "cost_per_accepted"] == float("inf")
    [v] = stats.verdicts(frame, bar=0.8, margin=0.05, n_boot=500, seed=0).to_dict("records")
    assert v["verdict"] == "reasoning needed"
    assert v["diff"] == -1 and v["diff_hi"] == -1
    curve = stats.pass_k_curve(frame, ["tier"])
    assert set(curve["k"]) == {1, 2} and (curve["pass_k"] == 1).all()


def test_report_files_and_partial_and_corrupt_logs(run_logs: Path, tmp_path: Path) -> None:
    runs = tmp_path / "runs" / "r1" / "logs"
    runs.mkdir(parents=True)
    logs = sorted(run_logs.glob("*.eval"))
    shutil.copy(logs[0], runs / logs[0].name)
    # a run interrupted after one sample: the others must show as missing, not vanish
    partial = read_eval_log(str(logs[1]))
    partial.samples = partial.samples[:1]
    partial.status = "cancelled"
    write_eval_log(partial, str(runs / ("partial-" + logs[1].name)))
    (runs / "broken.eval").write_bytes(b"not a zip file")
    out = tmp_path / "report"
    result = build_report([runs], out, OPTS)
    assert any("broken.eval" in s for s in result.skipped)
    frame = load_frame([runs]).frame
    assert (frame["status"] == "missing").sum() == len(TASKS) * EPOCHS - 1
    for name in ("report.md", "report.html", "samples.parquet", "summary.json"):
        assert (out / name).is_file()
    for chart in ("verdict_matrix", "accept_by_type", "cost_vs_accept", "scope_breakdown", "pass_k"):
        assert (out / "charts" / f"{chart}.png").is_file() and (out / "charts" / f"{chart}.svg").is_file()
    md = (out / "report.md").read_text()
    assert "never ran" in md and "mock-ref" in md and "broken.eval" in md


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_html_loads_offline_in_headless_chromium_with_every_chart(run_logs: Path, tmp_path: Path) -> None:
    out = tmp_path / "report"
    build_report([run_logs], out, OPTS)
    page = (out / "report.html").read_text()
    n_charts = page.count("class='chart'")
    assert n_charts >= 5 and "http://" not in page and "https://" not in page
    probe = tmp_path / "probe.html"
    probe.write_text(page.replace("</body>", "<script>window.addEventListener('load',()=>{"
                     "const i=[...document.images];document.body.setAttribute('data-charts',"
                     "i.filter(x=>x.complete&&x.naturalWidth>0).length+'/'+i.length);});</script></body>"))
    r = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", f"--user-data-dir={tmp_path / 'chrome'}",
                        "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000",
                        "--dump-dom", probe.as_uri()], capture_output=True, text=True, timeout=120)
    assert f'data-charts="{n_charts}/{n_charts}"' in r.stdout, r.stderr[-2000:]
    console = [ln for ln in r.stderr.splitlines() if "CONSOLE" in ln]
    assert not [ln for ln in console if "rror" in ln or "Uncaught" in ln], console


def test_report_and_publish_commands(run_logs: Path, tmp_path: Path) -> None:
    from tests.test_cli import cli

    runs = tmp_path / "runs"
    shutil.copytree(run_logs.parent.parent, runs)
    r = cli("report", "run=r1", f"results_dir={runs}", f"out={tmp_path / 'rep'}", "bootstrap=200")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "rep" / "report.html").is_file()
    r = cli("publish", "edition=test-edition", f"results_dir={runs}", f"out={tmp_path / 'pub'}",
            "bootstrap=200")
    assert r.returncode == 0, r.stderr
    from datasets import load_from_disk

    ds = load_from_disk(str(tmp_path / "pub" / "dataset"))
    assert ds.num_rows == 2 * len(TASKS) * EPOCHS and "accepted" in ds.column_names
    assert (tmp_path / "pub" / "samples.parquet").is_file() and (tmp_path / "pub" / "report.md").is_file()


@pytest.mark.parametrize("args,needle", [
    (["report", "run=nosuch"], "unknown run 'nosuch'"),
    (["report", "bar=2"], "bar must be a number between 0 and 1"),
    (["report", "margin=abc"], "margin must be a number between 0 and 1"),
    (["publish"], "give the edition to publish"),
    (["publish", "edition=x", "hub_repo=me/tierfit"], "needs HF_TOKEN"),
])
def test_report_bad_input(args: list[str], needle: str, tmp_path: Path) -> None:
    from tests.test_cli import cli

    r = cli(*args, f"results_dir={tmp_path}", env={"HF_TOKEN": ""})
    assert r.returncode == 2 and needle in r.stderr and "Traceback" not in r.stderr


def test_report_of_only_corrupt_logs_is_one_line(tmp_path: Path) -> None:
    from tests.test_cli import cli

    logs = tmp_path / "r9" / "logs"
    logs.mkdir(parents=True)
    (logs / "bad.eval").write_bytes(b"garbage")
    r = cli("report", "run=r9", f"results_dir={tmp_path}")
    assert r.returncode == 2 and "no samples found" in r.stderr and "Traceback" not in r.stderr


def test_a_sample_costs_its_scored_price_else_inspects_total() -> None:
    """One cost per logged sample, for the report and for a resumed run's cost_limit: the
    scorer's per-call price when scored (never the summed usage priced as one call, which
    long-context rates would overprice), else inspect's own total, else unknown."""
    from inspect_ai.log import EvalSampleSummary
    from inspect_ai.scorer import Score

    from evals.logs import sample_cost

    priced = {"m/a": ModelUsage(input_tokens=10, output_tokens=5, total_tokens=15, total_cost=9.0)}

    def summary(scores: dict | None, usage: dict) -> EvalSampleSummary:
        return EvalSampleSummary(id="t", epoch=1, input="x", target="", scores=scores,
                                 model_usage=usage)

    scored = {"ticket_scorer": Score(value={"accepted": 1}), "cost": Score(value={"cost_usd": 0.5})}
    assert sample_cost(summary(scored, priced)) == 0.5
    assert sample_cost(summary(None, priced)) == 9.0
    unpriced = {**priced, "m/b": ModelUsage(input_tokens=3, output_tokens=1, total_tokens=4)}
    assert sample_cost(summary(None, unpriced)) is None
    assert sample_cost(summary(None, {})) is None
