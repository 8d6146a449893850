"""The architecture suite (issue 15): grading answers against keys (pure functions), the task
format, scoring in the sandbox (an answer that edits the code is deviated), the run path with
oneshot and agent models, the optional judge (beside the key, priced apart) and the report.
Answers here are text; the only code they run is the agent's shell commands, in the sandbox,
on the work tree they were given."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import pytest

from evals.cli import main
from evals.errors import TaskError
from evals.sandbox import sandbox_spec
from evals.sandbox.bwrap import bwrap_problem
from evals.suites import get
from evals.suites.architecture.grading import (
    DECISION,
    DIAGNOSIS,
    REVIEW,
    Defect,
    Key,
    Term,
    answer_block,
    finding_lines,
    grade,
    same_file,
    same_symbol,
)
from evals.suites.architecture.judge import parse_grade
from evals.taskspec import load_task
from tests import (
    conftest,
    scripted_model,  # noqa: F401  (registers the scripted provider)
)

PROJECT = Path(__file__).resolve().parent.parent
ROOT = PROJECT / "tasks" / "architecture"
DECIDE = ROOT / "pipeline-bounded-memory-decision"
REVIEWED = ROOT / "pipeline-export-endpoint-review"
DIAGNOSED = ROOT / "pipeline-dedupe-second-run"
needs_bwrap = pytest.mark.skipif(bwrap_problem() is not None, reason=str(bwrap_problem()))


def block(obj: object) -> str:
    return f"Some prose.\n\n```json\n{json.dumps(obj)}\n```\n"


# ---------------------------------------------------------------- the answer block


@pytest.mark.parametrize(("text", "why"), [
    ("I recommend B.", "no fenced JSON block"),
    ("```json\n{\"choice\": \"B\",}\n```", "does not parse"),
    ("```json\n[\"B\"]\n```", "not an object"),
    ("```python\nprint('B')\n```", "no fenced JSON block"),
])
def test_no_readable_block_is_incorrect_with_the_reason(text: str, why: str) -> None:
    g = grade(text, Key(DECISION, choice="B", must_weigh=(Term("x", ("x",)),)))
    assert (g.parsed, g.correct) == (False, False)
    assert why in g.reason


def test_the_last_json_block_is_the_answer() -> None:
    text = block({"choice": "A"}) + "\nOn reflection:\n" + block({"choice": "B"})
    data, prose = answer_block(text)
    assert data == {"choice": "B"}
    assert '"A"' in prose and '"B"' not in prose
    # an unmarked block holding an object counts when no block says json
    assert answer_block('```\n{"choice": "C"}\n```')[0] == {"choice": "C"}


def test_a_block_without_the_kinds_field_is_not_parsed() -> None:
    g = grade(block({"findings": []}), Key(DECISION, choice="B"))
    assert (g.parsed, g.correct) == (False, False) and "'choice'" in g.reason


# ---------------------------------------------------------------- decision

KEY = Key(DECISION, choice="B", options=("A", "B", "C"), must_weigh=(
    Term("materialised", ("materialise", "materialize", "list(records)")),
    Term("callers", ("existing callers", "backward compatible"))))


@pytest.mark.parametrize(("choice", "right"), [
    ("B", True), ("b", True), ("Option B", True), ("B) stream", True), ("**B**", True),
    ("C", False), ("BC", None), (["B"], None), (2, None), ("", None),
    # a hedge between options names none of them; another capital that is no option is text
    ("B or C", None), ("B/C", None), ("A, then B", None), ("B (I/O bound)", True),
])
def test_a_choice_is_one_letter(choice: object, right: bool | None) -> None:
    g = grade("Each stage is materialised; existing callers keep working.\n"
              + block({"choice": choice}), KEY)
    if right is None:
        assert not g.parsed and "one option" in g.reason
    else:
        assert g.parts["choice_right"] == int(right) and g.correct == right


def test_every_consideration_must_be_named_in_whole_words() -> None:
    both = "It calls list(records) first, and existing callers keep their lists."
    assert grade(both + block({"choice": "B"}), KEY).correct
    g = grade("Each stage is Materialized in memory." + block({"choice": "B"}), KEY)
    assert not g.correct and g.parts["weighed"] == 0.5 and "callers" in g.reason
    # only the prose and the block's own text count: quoted or pasted code names identifiers
    # without saying anything about them
    quoted = "```python\nlist(records)  # existing callers\n```\n" + block({"choice": "B"})
    assert grade(quoted, KEY).parts["weighed"] == 0
    said = block({"choice": "B", "why": "list(records) materialises; existing callers"})
    assert grade(said, KEY).correct
    # a phrasing inside another word is not named (a plain inflection is); spaces and
    # hyphens are interchangeable; punctuation at a phrasing's ends is matched as written
    assert not Term("t", ("dedupe",)).named_in("the dedupes_rows flag")
    assert not Term("t", ("seen",)).named_in("unseen keys")
    assert Term("t", ("dedupe",)).named_in("the deduped rows")
    assert Term("t", ("backward compatible",)).named_in("it is backward-compatible")
    assert Term("t", ("|slug",)).named_in("{{ title|slug }}")
    assert Term("t", ("-inf",)).named_in("parses -inf") and not Term("t", ("-inf",)).named_in("inf")


# ---------------------------------------------------------------- review

DEFECTS = (Defect("D1", "pkg/writers.py", ((77, 77),), "critical", "traversal"),
           Defect("D2", "pkg/writers.py", ((78, 84),), "critical", "data-loss"),
           Defect("D3", "pkg/writers.py", ((21, 28),), "major", "api"))
RKEY = Key(REVIEW, defects=DEFECTS, allowed_false_positives=1, line_slack=2)


def finding(line: object, file: str = "pkg/writers.py") -> dict:
    return {"file": file, "line": line, "severity": "critical", "summary": "x"}


def test_a_review_must_find_every_critical_defect() -> None:
    g = grade(block({"findings": [finding(77), finding([80, 82])]}), RKEY)
    assert g.correct and g.parts["recall_critical"] == 1.0
    assert g.parts["recall"] == pytest.approx(2 / 3, abs=1e-3)
    g = grade(block({"findings": [finding(77), finding(24)]}), RKEY)
    assert not g.correct and "D2" in g.reason and g.parts["recall_critical"] == 0.5


def test_one_finding_is_credited_to_one_defect() -> None:
    # line 77 is within the slack of D2 too, but it is D1's line: it does not find both
    g = grade(block({"findings": [finding(77)]}), RKEY)
    assert not g.correct and g.parts["recall_critical"] == 0.5
    # several findings on one defect are not false positives
    g = grade(block({"findings": [finding(77), finding(78), finding(79), finding(86)]}), RKEY)
    assert g.correct and g.parts["false_positives"] == 0


def test_false_positives_past_the_allowance_fail_a_review() -> None:
    hits = [finding(77), finding(80)]
    assert grade(block({"findings": [*hits, finding(8)]}), RKEY).correct
    g = grade(block({"findings": [*hits, finding(8), finding(50)]}), RKEY)
    assert not g.correct and g.parts["false_positives"] == 2 and g.parts["precision"] == 0.5
    # a finding in another file, or with no line a reader can use, matches nothing
    g = grade(block({"findings": [*hits, finding(77, "pkg/records.py"), finding("near the end")]}),
              RKEY)
    assert not g.correct and g.parts["false_positives"] == 2


@pytest.mark.parametrize(("raw", "lines"), [
    (12, (12, 12)), ("12", (12, 12)), ("L12", (12, 12)), ("10-14", (10, 14)), ("14..10", (10, 14)),
    ("Line 12", (12, 12)), ("lines 10-14", (10, 14)), ("L10-L14", (10, 14)),
    ([10, 14], (10, 14)), ([7], (7, 7)), (True, None), ("ten", None), ([1, 2, 3], None),
    (0, None), ("line", None),
])
def test_finding_lines(raw: object, lines: tuple[int, int] | None) -> None:
    assert finding_lines(raw) == lines


def test_a_defect_may_sit_in_several_places() -> None:
    shared = Defect("D1", "pkg/book.py", ((70, 70), (126, 126)), "critical", "shared state")
    key = Key(REVIEW, defects=(shared, DEFECTS[0]), line_slack=2)
    assert grade(block({"findings": [finding(125, "pkg/book.py"), finding(77)]}), key).correct
    assert not grade(block({"findings": [finding(98, "pkg/book.py"), finding(77)]}), key).correct


def test_findings_must_be_a_list_of_objects() -> None:
    g = grade(block({"findings": "D1 and D2"}), RKEY)
    assert not g.parsed and "list of objects" in g.reason


# ---------------------------------------------------------------- diagnosis

DKEY = Key(DIAGNOSIS, file="pipeline/transforms.py", symbol="Dedupe.step",
           mechanism=(Term("shared", ("shared between runs", "factory")),))


@pytest.mark.parametrize(("answered", "keyed", "same"), [
    ("pipeline/transforms.py", "pipeline/transforms.py", True),
    ("./transforms.py", "pipeline/transforms.py", True),
    ("Pipeline\\Transforms.py", "pipeline/transforms.py", True),
    ("other/transforms.py", "pipeline/transforms.py", False),
    ("pipeline/", "pipeline/transforms.py", False),
])
def test_same_file(answered: str, keyed: str, same: bool) -> None:
    assert same_file(answered, keyed) is same


@pytest.mark.parametrize(("answered", "same"), [
    ("Dedupe.step", True), ("step", True), ("step()", True), ("`Dedupe.step()`", True),
    ("pipeline.transforms.Dedupe.step", True), ("transforms.py::Dedupe.step", True),
    ("Other.step", False), ("Dedupe", False), ("dedupe_step", False), ("", False),
    # a hedge or prose names no one definition
    ("chain or step", False), ("step, chain", False), ("the step function", False),
])
def test_same_symbol(answered: str, same: bool) -> None:
    assert same_symbol(answered, "Dedupe.step") is same


def test_a_diagnosis_needs_file_symbol_and_mechanism() -> None:
    def rc(file: str, symbol: str, why: str = "the set is shared between runs") -> str:
        return block({"root_cause": {"file": file, "symbol": symbol, "explanation": why}})

    assert grade(rc("pipeline/transforms.py", "step"), DKEY).correct
    g = grade(rc("pipeline/transforms.py", "chain"), DKEY)
    assert not g.correct and (g.parts["file_right"], g.parts["symbol_right"]) == (1, 0)
    g = grade(rc("pipeline/runner.py", "Dedupe.step"), DKEY)
    assert not g.correct and g.parts["file_right"] == 0
    g = grade(rc("pipeline/transforms.py", "Dedupe.step", "it drops records"), DKEY)
    assert not g.correct and g.parts["mechanism_named"] == 0 and "mechanism" in g.reason
    assert not grade(block({"root_cause": "transforms.py"}), DKEY).parsed


# ---------------------------------------------------------------- the judge's grade


@pytest.mark.parametrize(("reply", "grade_"), [
    ("Good answer.\nGRADE: 7/10", 0.7), ("GRADE: 3/10 ... GRADE: 8 / 10", 0.8),
    ("no grade here", None), ("GRADE: 11/10", None), ("grade: 10/10", 1.0),
])
def test_the_judges_grade_is_read_from_its_own_reply(reply: str, grade_: float | None) -> None:
    assert parse_grade(reply) == grade_


# ---------------------------------------------------------------- the task format


def copy_task(tmp: Path, task: Path, change) -> Path:  # noqa: ANN001
    return conftest.copy_task(tmp, task, change)


@pytest.mark.parametrize(("task", "change", "says"), [
    (DECIDE, lambda r: r.update(kind="essay"), "kind must be one of"),
    (DECIDE, lambda r: r["key"].update(choice="E"), "key.choice must be one of the options"),
    (DECIDE, lambda r: r["options"].pop("C"), "3-4 capital letters"),
    (DECIDE, lambda r: r.update(defects=[]), "does not belong to a decision task"),
    (DECIDE, lambda r: r["key"].update(must_weigh=[]), "must_weigh: must be a non-empty list"),
    (DECIDE, lambda r: r.update(files=["pipeline/nope.py"]), "not a file of the work tree"),
    (REVIEWED, lambda r: r["defects"][0].update(severity="urgent"), "severity must be one of"),
    (REVIEWED, lambda r: r["defects"][0].update(lines=[80, 77]), "lines must be [first, last]"),
    (REVIEWED, lambda r: r.update(defects=r["defects"][:1]), "2-5 defects"),
    (REVIEWED, lambda r: r.update(harmless=[]), "harmless must list"),
    (REVIEWED, lambda r: r.pop("review_patch"), "needs 'review_patch'"),
    (REVIEWED, lambda r: r.update(allowed_false_positives=-1), "allowed_false_positives"),
    (DIAGNOSED, lambda r: r["root_cause"].pop("symbol"), "root_cause needs file, symbol"),
    (DIAGNOSED, lambda r: r.update(symptom_test="nope.py"), "does not exist"),
    (DIAGNOSED, lambda r: r["answers"][0].update(confident=True), "unknown key 'confident'"),
    (DIAGNOSED, lambda r: r["answers"][0].pop("deviated"), "needs 'answer' and 'correct' and"),
])
def test_a_malformed_task_is_one_line(tmp_path: Path, task: Path, change, says: str) -> None:  # noqa: ANN001
    copy = copy_task(tmp_path, task, change)
    with pytest.raises(TaskError, match=says.replace("[", r"\[").replace("]", r"\]")):
        load_task(get("architecture"), copy, tmp_path / "tasks")


def test_the_task_type_is_the_kind_and_the_prompt_holds_what_the_kind_needs() -> None:
    from evals.suites.architecture.task import question_text

    suite = get("architecture")
    for task, kind in ((DECIDE, "decision"), (REVIEWED, "review"), (DIAGNOSED, "diagnosis")):
        spec = load_task(suite, task)
        assert spec.task_type == f"architecture/{kind}" and spec.labels()["kind"] == kind
        text = question_text(spec)
        assert '```json\n{"' in text and "Do not change any file" in text
    assert "B. Add `Pipeline.stream(records)`" in question_text(load_task(suite, DECIDE))
    assert "+def export(" in question_text(load_task(suite, REVIEWED))
    # a diagnosis never shows its planted bug
    assert "seen: set" not in question_text(load_task(suite, DIAGNOSED))


def test_the_work_tree_holds_the_change_under_review_or_the_bug() -> None:
    suite = get("architecture")
    review = load_task(suite, REVIEWED).start_files()
    assert b"def export(" in review["pipeline/writers.py"]
    bugged = load_task(suite, DIAGNOSED).start_files()["pipeline/transforms.py"]
    assert b"    keys = list(keys)\n    seen: set" in bugged


# ---------------------------------------------------------------- scoring in the sandbox


def score(task: Path, answer: str | None) -> dict:
    suite = get("architecture")
    spec = load_task(suite, task)
    data = answer.encode() if answer is not None else None
    return asyncio.run(suite.score(spec, data, sandbox_spec("bwrap", None), suite.options()))


@needs_bwrap
def test_an_answer_that_edits_or_deletes_code_is_deviated() -> None:
    key = (DIAGNOSED / "answers" / "key.md").read_text()
    r = score(DIAGNOSED, key)
    assert (r["correct"], r["deviated"], r["accepted"]) == (1, 0, 1)
    r = score(DIAGNOSED, key + "\n```python path=pipeline/notes.py\nTODO = 1\n```\n")
    assert (r["correct"], r["deviated"], r["scope"]["new_files_out_of_scope"]) == (1, 1, 1)
    r = score(DIAGNOSED, key + "\n```python path=pipeline/writers.py\nDELETE\n```\n")
    assert (r["correct"], r["deviated"], r["scope"]["files_out_of_scope"]) == (1, 1, 1)
    # quoted code (a plain block, a block named only by a heading) is not an edit
    quoted = "#### pipeline/transforms.py\n```python\nseen = set()\n```\n" + key
    assert score(DIAGNOSED, quoted)["deviated"] == 0


@needs_bwrap
def test_validate_proves_architecture_tasks() -> None:
    r = subprocess.run([sys.executable, "-m", "evals", "validate", "+suite=architecture",
                        "only=pipeline-[bde]*", "repeats=2"], cwd=PROJECT,
                       capture_output=True, text=True, timeout=900, check=False)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-2000:]
    summary = r.stdout.strip().splitlines()[-1]
    # the templates and pipeline-boolean-price-diagnosis
    assert ", 0 failed" in summary and "1 decision, 1 review, 2 diagnosis" in summary, summary
    # the diagnosis's symptom test was run both ways
    assert "with the bug: fails; without the bug: passes" in r.stdout


@needs_bwrap
def test_validate_fails_a_key_the_question_gives_away(tmp_path: Path) -> None:
    def leak(raw: dict) -> None:
        raw["question"] += " Beware: every stage is materialised."

    copy = copy_task(tmp_path, DECIDE, leak)
    r = subprocess.run([sys.executable, "-m", "evals", "validate", "+suite=architecture",
                        f"tasks_root={tmp_path / 'tasks'}", f"only={copy.name}"], cwd=PROJECT,
                       capture_output=True, text=True, timeout=900, check=False)
    assert r.returncode != 0 and "given away: materialise" in r.stdout, r.stdout[-2000:]


# ---------------------------------------------------------------- the run path


def scripted(tmp: Path, answers: dict[str, str], calls: dict | None = None,
             judge: str | None = None) -> Path:
    """A tier list: `dev` (execution) plays `answers`; `judge` (reasoning) replies `judge`."""
    dev = tmp / "dev.json"
    dev.write_text(json.dumps({"usage": {"input_tokens": 2000, "output_tokens": 400},
                               "answers": answers, "calls": calls or {}}))
    tiers = tmp / "tiers.yaml"
    text = ("edition: scripted\nmade_on: 2026-11-01\ntiers:\n  execution:\n"
            f"    - {{name: dev, model: scripted/dev, solver: oneshot, "
            f"price: {{input: 1.0, output: 5.0}}, model_args: {{script: '{dev}'}}}}\n")
    if judge is not None:
        js = tmp / "judge.json"
        js.write_text(json.dumps({"usage": {"input_tokens": 500, "output_tokens": 100},
                                  "answers": {"*": judge}}))
        text += (f"  reasoning:\n    - {{name: judge, model: scripted/judge, solver: oneshot, "
                 f"price: {{input: 10.0, output: 50.0}}, model_args: {{script: '{js}'}}}}\n")
    else:
        text += "  reasoning: []\n"
    tiers.write_text(text)
    return tiers


def logged(out: Path) -> dict[str, dict]:
    from inspect_ai.log import list_eval_logs, read_eval_log

    samples = {}
    for info in list_eval_logs(str(out)):
        for s in read_eval_log(info).samples or []:
            samples[str(s.id)] = {**s.scores["architecture_scorer"].value,
                                  **s.scores["cost"].value, "metadata": s.metadata,
                                  "usage": s.scores["cost"].metadata["usage"],
                                  "explanation": s.scores["architecture_scorer"].explanation}
    return samples


@needs_bwrap
def test_the_run_path_grades_keys_and_labelled_answers_and_the_judge_stands_beside(
        tmp_path: Path) -> None:
    answers = {"pipeline-bounded-memory-decision":
               (DECIDE / "answers" / "right-choice-wrong-reasons.md").read_text(),
               "pipeline-export-endpoint-review": (REVIEWED / "answers" / "key.md").read_text(),
               "pipeline-dedupe-second-run": (DIAGNOSED / "answers" / "edits-code.md").read_text()}
    tiers = scripted(tmp_path, answers, judge="The answer covers the rubric.\nGRADE: 7/10")
    ids = "[" + ",".join(answers) + "]"
    rc = main(["run", "+suite=architecture", f"tiers={tiers}", "display=none", "models=[dev]",
               "judge=judge", f"results_dir={tmp_path / 'runs'}", "run_id=a1", f"task_ids={ids}"])
    assert rc == 0
    got = logged(tmp_path / "runs" / "a1" / "logs")
    dec, rev, diag = (got[k] for k in answers)
    assert (dec["correct"], dec["choice_right"], dec["deviated"]) == (0, 1, 0)
    assert (rev["correct"], rev["recall_critical"], rev["deviated"]) == (1, 1.0, 0)
    assert (diag["correct"], diag["deviated"], diag["files_out_of_scope"]) == (1, 1, 1)
    # the judge graded every answer, never deciding correct; its calls are priced apart
    assert {s["judge_grade"] for s in got.values()} == {0.7}
    assert dec["cost_usd"] == pytest.approx((2000 * 1.0 + 400 * 5.0) / 1e6)
    assert dec["judge_cost_usd"] == pytest.approx((500 * 10.0 + 100 * 50.0) / 1e6)
    assert (dec["usage"]["input_tokens"], dec["usage"]["output_tokens"]) == (2000, 400)
    assert dec["metadata"]["task_type"] == "architecture/decision"
    from inspect_ai.log import list_eval_logs, read_eval_log

    from evals.logs import sample_tokens

    [info] = list_eval_logs(str(tmp_path / "runs" / "a1" / "logs"))
    for s in read_eval_log(info).samples:  # the judge's tokens are not the answer's
        assert sample_tokens(s) == {"input_tokens": 2000, "output_tokens": 400,
                                    "reasoning_tokens": 0}

    out = tmp_path / "report"
    assert main(["report", f"results_dir={tmp_path / 'runs'}", "report.run=a1",
                 f"report.out={out}"]) == 0
    md = (out / "report.md").read_text()
    for kind in ("decision", "review", "diagnosis"):
        assert f"architecture/{kind}" in md
    assert "Architecture reviews: defects found and false positives" in md
    # the key finds all three planted defects with no false positive; the judge gave 7/10
    assert "| execution | 1 | 100% | 100% | 100% | 100% | 0.0 | 70% |" in md, md
    assert "Architecture decisions: the keyed choice and what was weighed" in md
    assert "| execution | 1 | 100% | 100% | 0% | 70% |" in md, md


def test_the_report_tables_hold_when_no_answer_was_read() -> None:
    """The bundled model's run: no answer had a block, so no part was ever recorded."""
    import pandas as pd

    from evals.suites.architecture.report import parts_table

    frame = pd.DataFrame([{"status": "ok", "kind": k, "tier": "execution", "parsed": 0,
                           "correct": 0} for k in ("decision", "review", "diagnosis")])
    tables = dict(parts_table(frame))
    review = tables["Architecture reviews: defects found and false positives"]
    assert review.iloc[0].to_dict() == {
        "tier": "execution", "samples": 1, "answer block read": "0%",
        "critical defects found": "n/a", "all defects found": "n/a",
        "findings that are defects": "n/a", "false positives per answer": "n/a",
        "judge grade": "n/a"}


@needs_bwrap
def test_the_agent_explores_read_only_and_its_test_caches_are_not_edits(tmp_path: Path) -> None:
    key = (DIAGNOSED / "answers" / "key.md").read_text()
    explore = [["bash", {"command": "grep -n 'seen' pipeline/transforms.py"}],
               ["view_file", {"path": "pipeline/runner.py"}],
               ["bash", {"command": "python -m pytest -q -p no:cacheprovider tests || true; "
                                    "python -m pytest -q tests/test_records.py || true"}],
               ["submit", {"answer": key}]]
    edit = [["bash", {"command": "sed -i 's/seen: set/SEEN: set/' pipeline/transforms.py"}],
            ["submit", {"answer": key}]]
    tiers = scripted(tmp_path, {}, calls={"pipeline-dedupe-second-run": explore,
                                          "pipeline-export-endpoint-review": edit})
    rc = main(["run", "+suite=architecture", f"tiers={tiers}", "display=none", "solver=agent",
               f"results_dir={tmp_path / 'runs'}", "run_id=a2",
               "task_ids=[pipeline-dedupe-second-run,pipeline-export-endpoint-review]"])
    assert rc == 0
    got = logged(tmp_path / "runs" / "a2" / "logs")
    ok, edited = got["pipeline-dedupe-second-run"], got["pipeline-export-endpoint-review"]
    assert (ok["correct"], ok["deviated"]) == (1, 0), ok["explanation"]
    assert edited["deviated"] == 1 and "pipeline/writers.py" not in edited["explanation"]
    assert "M pipeline/transforms.py" in edited["explanation"]


def test_a_judge_is_only_for_suites_that_grade_prose(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture) -> None:
    tiers = scripted(tmp_path, {}, judge="GRADE: 5/10")
    assert main(["run", "+suite=tickets", f"tiers={tiers}", "judge=judge"]) != 0
    assert "suite 'tickets' has no judge" in capsys.readouterr().err
    assert main(["run", "+suite=architecture", f"tiers={tiers}", "judge=nobody",
                 f"results_dir={tmp_path / 'runs'}"]) != 0
    err = capsys.readouterr().err
    assert "unknown model 'nobody'" in err and "Traceback" not in err
