"""The premise as experiments (design section 9), with scripted models through the real `run`:
clarity pairs (a task asked as its ticket and as its brief), plan_execute (the planner's plan
reaches the executor, who never sees the request) and escalate (the reasoning model is called
exactly when the visible tests fail, and never sees the hidden tests); costs per role; the
report's tables and charts."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from evals.cli import main
from evals.constants import BRIEF, BRIEF_SUFFIX, SCOPED
from evals.report.build import ReportOptions, build_report
from evals.report.frame import load_frame
from evals.sandbox.bwrap import bwrap_problem
from tests import scripted_model  # noqa: F401  (registers the scripted provider)
from tests.conftest import decoy, file_blocks, patched_files
from tests.scripted_model import SEEN, write_tiers

pytestmark = pytest.mark.skipif(bwrap_problem() is not None, reason=str(bwrap_problem()))

SORT, SLOT = "pipeline-sort-step", "schedule-slot-touching-no-overlap"
PLAN = "PLAN-7f3: in pipeline/transforms.py add sort_by(keys, *, reverse=False) ..."
PRICE = {"input": 1.0, "output": 5.0}  # USD per million tokens
BIG_PRICE = {"input": 10.0, "output": 50.0}
CALL = 1000 * 1.0 / 1e6 + 100 * 5.0 / 1e6  # one scripted call of the execution model
BIG_CALL = 10 * CALL


def _reference(spec, tmp: Path) -> str:  # noqa: ANN001
    return file_blocks(patched_files(spec, spec.reference, tmp))


def _run(tmp: Path, script: dict, big_script: dict, *args: str, solver: str = "oneshot") -> int:
    (tmp / "s.json").write_text(json.dumps(script))
    (tmp / "big.json").write_text(json.dumps(big_script))
    tiers = write_tiers(tmp / "tiers.yaml", tmp / "s.json", names=("small",), reasoning=("big",),
                        reasoning_script=tmp / "big.json", price=PRICE,
                        reasoning_price=BIG_PRICE, solver=solver)
    return main(["run", "+suite=tickets", f"tiers={tiers}", "display=none",
                 f"results_dir={tmp / 'runs'}", "retries.wait=0", f"task_ids=[{SORT},{SLOT}]",
                 *args])


def _report(tmp: Path, run: str) -> tuple[Path, str]:
    out = tmp / "report"
    build_report([tmp / "runs" / run / "logs"], out,
                 ReportOptions(bar=0.8, margin=0.05, n_boot=200, seed=0))
    return out, (out / "report.md").read_text()


def test_clarity_both_asks_each_task_twice_and_pairs_them(tmp_path: Path, ticket_specs: dict,
                                                          capsys: pytest.CaptureFixture) -> None:
    """Each (model, task) runs as ticket and as brief; the brief's prompt holds the brief and
    not the ticket; the two samples pair up in the frame; the report crosses tier and clarity."""
    sort, slot = ticket_specs[SORT], ticket_specs[SLOT]
    out_of_scope = file_blocks(patched_files(sort, decoy(sort, correct=1, deviated=1), tmp_path))
    slot_ref = _reference(slot, tmp_path)
    answers = {SORT: _reference(sort, tmp_path), SLOT: slot_ref,
               # asked the brief, the task widened its scope; the other stays right
               f"{SORT}{BRIEF_SUFFIX}": out_of_scope, f"{SLOT}{BRIEF_SUFFIX}": slot_ref}
    SEEN.clear()
    assert _run(tmp_path, {"answers": answers}, {"answers": answers}, "clarity=both",
                "run_id=c1") == 0
    table = capsys.readouterr().out  # the run table: a row per model and request asked
    assert "scripted/small (scoped)" in table and "scripted/small (brief)" in table
    asked = {(c["model"], c["task"]): c["text"] for c in SEEN}
    assert len(asked) == 8  # 2 models x 2 tasks x 2 clarities, one call each
    ticket_line = sort.ticket.splitlines()[0]
    assert ticket_line in asked[("small", SORT)]
    assert sort.brief in asked[("small", f"{SORT}{BRIEF_SUFFIX}")]
    assert ticket_line not in asked[("small", f"{SORT}{BRIEF_SUFFIX}")]

    frame = load_frame([tmp_path / "runs" / "c1" / "logs"]).frame
    assert len(frame) == 8 and set(frame["status"]) == {"ok"}
    assert set(frame["task"]) == {SORT, SLOT}  # the brief's sample counts for its task
    pairs = frame.groupby(["model_name", "task"])["clarity"].apply(sorted)
    assert all(p == [BRIEF, SCOPED] for p in pairs)
    row = frame.set_index(["model_name", "task", "clarity"])
    assert row.loc[("small", SORT, SCOPED), "accepted"] == 1
    assert row.loc[("small", SORT, BRIEF), "deviated"] == 1
    assert row.loc[("small", SORT, BRIEF), "accepted"] == 0

    # limit counts tasks: each asked both ways
    assert _run(tmp_path, {"answers": answers}, {"answers": answers}, "clarity=both", "limit=1",
                "run_id=c2") == 0
    one = load_frame([tmp_path / "runs" / "c2" / "logs"]).frame
    assert len(one) == 4 and one["task"].nunique() == 1 and set(one["status"]) == {"ok"}

    out, md = _report(tmp_path, "c1")
    assert "## Clarity: scoped ticket against brief" in md
    assert "scoped − brief" in md
    assert (out / "charts" / "clarity.png").is_file()
    # the verdicts are about the scoped tickets only: each tier accepted both tasks
    summary = json.loads((out / "summary.json").read_text())
    assert {v["exec_accept"] for v in summary["verdicts"]} == {1.0}
    deviated = {(d["tier"], d["value"]): d["diff"]
                for d in summary["experiments"]["clarity_differences"]}
    assert deviated[("execution", "deviated")] == -0.5  # scoped 0 of 2, brief 1 of 2
    assert {d["value"] for d in summary["experiments"]["clarity_interaction"]} == {
        "correct", "accepted", "deviated"}


def test_plan_execute_hands_the_plan_to_the_executor_and_prices_each_role(
        tmp_path: Path, ticket_specs: dict) -> None:
    sort, slot = ticket_specs[SORT], ticket_specs[SLOT]
    answers = {SORT: _reference(sort, tmp_path), SLOT: _reference(slot, tmp_path)}
    SEEN.clear()
    assert _run(tmp_path, {"answers": answers}, {"answers": {"*": PLAN}},
                "workflow=plan_execute", "run_id=p1") == 0
    big = [c for c in SEEN if c["model"] == "big"]
    small = [c for c in SEEN if c["model"] == "small"]
    assert len(big) == 2 and len(small) == 2  # one plan and one execution per task
    for call in big:  # the planner reads the request and the repo
        spec = ticket_specs[call["task"]]
        assert spec.ticket.splitlines()[0] in call["text"]
    for call in small:  # the executor gets the plan, not the request
        spec = ticket_specs[call["task"]]
        assert PLAN in call["text"]
        assert spec.ticket.splitlines()[0] not in call["text"]

    frame = load_frame([tmp_path / "runs" / "p1" / "logs"]).frame
    assert set(frame["workflow"]) == {"plan_execute"}
    assert set(frame["model_name"]) == {"big→small"} and set(frame["tier"]) == {"plan_execute"}
    assert list(frame["accepted"]) == [1, 1]  # the executor's change is what is scored
    for r in frame.to_dict("records"):
        assert r["planner_calls"] == 1 and r["executor_calls"] == 1
        assert math.isclose(r["planner_cost_usd"], BIG_CALL)
        assert math.isclose(r["executor_cost_usd"], CALL)
        assert math.isclose(r["cost_usd"], BIG_CALL + CALL)
    out, md = _report(tmp_path, "p1")
    assert "## Workflows" in md and "big→small" in md
    assert (out / "charts" / "workflows_cost_vs_accept.png").is_file()
    # the log says which model made which call, and in which step
    from inspect_ai.event import ModelEvent, SpanBeginEvent
    from inspect_ai.log import read_eval_log

    [log] = list((tmp_path / "runs" / "p1" / "logs").glob("*.eval"))
    sample = read_eval_log(str(log)).samples[0]
    spans = {e.id: e.name for e in sample.events if isinstance(e, SpanBeginEvent)}
    calls = [(e.model, e.role, spans.get(e.span_id)) for e in sample.events
             if isinstance(e, ModelEvent)]
    assert calls == [("scripted/big", "planner", "plan"), ("scripted/small", None, "execute")]


def test_workflow_pairs_follow_the_config(tmp_path: Path) -> None:
    from evals.run import workflow_pairs
    from evals.tiers import TierModel

    def m(name: str, tier: str, provider: str) -> TierModel:
        return TierModel(name, tier, f"{provider}/{name}", name)

    models = [m("haiku", "execution", "anthropic"), m("mini", "execution", "openai"),
              m("opus", "reasoning", "anthropic"), m("o9", "reasoning", "openai")]
    names = lambda ps: [(r.name, e.name) for r, e in ps]  # noqa: E731
    assert names(workflow_pairs(models, "same_provider")) == [("opus", "haiku"), ("o9", "mini")]
    assert len(workflow_pairs(models, "all")) == 4
    assert names(workflow_pairs(models, ("opus+mini",))) == [("opus", "mini")]
    from evals.errors import UserError
    with pytest.raises(UserError, match="pairs: haiku\\+opus is not reasoning\\+execution"):
        workflow_pairs(models, ("haiku+opus",))


def test_workflows_with_agents(tmp_path: Path, ticket_specs: dict) -> None:
    """The agent solver in both workflows: the executor agent starts from the plan; the
    reasoning agent takes over the tree the executor agent left, once its visible tests fail."""
    sort = ticket_specs[SORT]
    ref = patched_files(sort, sort.reference, tmp_path)
    edits = [["edit_file", {"command": "create", "path": p, "content": t}]
             for p, t in ref.items()]
    done = [["submit", {"answer": "Done."}]]
    SEEN.clear()
    assert _run(tmp_path, {"calls": {SORT: edits + done}}, {"answers": {"*": PLAN}},
                f"task_ids=[{SORT}]", "workflow=plan_execute", "run_id=a1",
                solver="agent") == 0
    first = [c for c in SEEN if c["model"] == "small"][0]["text"]
    assert PLAN in first and sort.ticket.splitlines()[0] not in first
    frame = load_frame([tmp_path / "runs" / "a1" / "logs"]).frame
    assert list(frame["accepted"]) == [1]

    broken = [["edit_file", {"command": "create", "path": "pipeline/transforms.py",
                             "content": "def broken(:\n"}]]
    SEEN.clear()
    second = tmp_path / "second"  # its own script files: inspect keeps a model per arguments
    second.mkdir()
    assert _run(second, {"calls": {SORT: broken + done}}, {"calls": {SORT: edits + done}},
                f"task_ids=[{SORT}]", "workflow=escalate", "run_id=a2", solver="agent") == 0
    took_over = [c for c in SEEN if c["model"] == "big"]
    assert took_over and "first attempt" in took_over[0]["text"]
    frame = load_frame([second / "runs" / "a2" / "logs"]).frame
    assert list(frame["escalated"]) == [1] and list(frame["accepted"]) == [1]


def test_escalate_calls_the_reasoning_model_exactly_when_the_visible_tests_fail(
        tmp_path: Path, ticket_specs: dict) -> None:
    sort, slot = ticket_specs[SORT], ticket_specs[SLOT]
    broken = file_blocks({"pipeline/transforms.py": "def broken(:\n"})  # visible tests fail
    answers = {SORT: broken, SLOT: _reference(slot, tmp_path)}
    SEEN.clear()
    assert _run(tmp_path, {"answers": answers},
                {"answers": {SORT: _reference(sort, tmp_path), "*": "No change."}},
                "workflow=[solo,escalate]", "run_id=e1") == 0
    big_escalate = [c for c in SEEN if c["model"] == "big" and "first attempt" in c["text"]]
    # the reasoning model took over only where the visible tests failed (SORT), once
    assert [c["task"] for c in big_escalate] == [SORT]
    handover = big_escalate[0]["text"]
    assert "def broken(:" in handover  # it sees the work tree as the executor left it
    assert "SyntaxError" in handover or "error" in handover.lower()  # and the failure
    for hidden in sort.hidden_tests:  # never the hidden tests
        assert hidden.name not in handover and hidden.stem not in handover
        body = [ln for ln in hidden.read_text().splitlines() if ln.strip().startswith("assert")]
        assert body and not any(ln in handover for ln in body)

    frame = load_frame([tmp_path / "runs" / "e1" / "logs"]).frame
    esc = frame[frame["workflow"] == "escalate"].set_index("task")
    assert esc.loc[SORT, "escalated"] == 1 and esc.loc[SLOT, "escalated"] == 0
    assert esc.loc[SORT, "accepted"] == 1  # the reasoning model's change is scored
    assert esc.loc[SORT, "reasoner_calls"] == 1 and esc.loc[SORT, "executor_calls"] == 1
    assert math.isclose(esc.loc[SORT, "cost_usd"], CALL + BIG_CALL)
    assert math.isclose(esc.loc[SLOT, "cost_usd"], CALL)  # no escalation, no reasoner call
    solo = frame[frame["workflow"] == "solo"].set_index(["model_name", "task"])
    assert solo.loc[("small", SORT), "correct"] == 0  # alone, the broken answer stays broken
    out, md = _report(tmp_path, "e1")
    assert "## Workflows" in md and "small→big" in md
    assert "escalated" in md
