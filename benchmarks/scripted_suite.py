"""A whole suite through `python -m evals run` with zero-latency scripted models, then `report`.

Scripted models (tests/scripted_model.py) answer every task at once: `reference` (execution
tier) with each task's reference patch, `decoy-<i>` (reasoning tier) with each task's i-th
decoy (architecture: the key and the other labelled answers, as the model's reply). The run is the real one (tier list, sandbox, scorers, logs); only the model is
scripted. Prints the wall time, the per-sample scoring time (median and max), and every sample
whose labels differ from what its answer must get (the reference: correct and not deviated; a
decoy: its labels in task.yaml); exit 1 if any does. This proves the tasks through the `run`
path, not only through `validate`.

    python benchmarks/scripted_suite.py [--suite test_writing] [--only GLOB] [--no-decoys]
        [--out DIR] [setting=value ...]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from evals.cli import main
from evals.constants import SCOPE_COMPONENTS
from evals.paths import TASKS_ROOT
from evals.suites import get
from evals.taskspec import load_suite
from tests import scripted_model  # noqa: F401  (registers the scripted provider)
from tests.conftest import file_blocks, patched_files


def scripts(specs: list, tmp: Path) -> tuple[list[tuple[str, Path]], dict]:
    """One script per model: `reference`, and `decoy-<i>` answering each task's i-th decoy (by
    file name). Returns the models and what each (model, task) must get."""
    n = max((len(getattr(s, "decoys", ())) for s in specs), default=0)  # (answers: as they come)
    answers: dict[str, dict[str, str]] = {"reference": {}, **{f"decoy-{i + 1}": {}
                                                            for i in range(n)}}
    expect: dict[tuple[str, str], dict] = {}
    for s in specs:
        if hasattr(s, "answers"):  # a suite of questions: the answers are the model's text
            continue
        answers["reference"][s.id] = file_blocks(patched_files(s, s.reference, tmp))
        expect[("reference", s.id)] = {"correct": 1, "deviated": 0}
        for i, d in enumerate(sorted(getattr(s, "decoys", ()), key=lambda d: d.path.name)):
            answers[f"decoy-{i + 1}"][s.id] = file_blocks(patched_files(s, d.path, tmp))
            expect[(f"decoy-{i + 1}", s.id)] = {**d.labels, "answer": d.path.name}
    for s in specs:
        if not hasattr(s, "answers"):
            continue
        # `reference` gives the key (the first answer labelled correct and untouched), each
        # `decoy-<i>` the i-th other labelled answer, as the model's whole reply
        key = next(a for a in sorted(s.answers, key=lambda a: a.path.name)
                   if a.labels.get("correct") == 1 and a.labels.get("deviated") == 0)
        answers["reference"][s.id] = key.path.read_text()
        expect[("reference", s.id)] = {**key.labels, "answer": key.path.name}
        others = sorted((a for a in s.answers if a is not key), key=lambda a: a.path.name)
        for i, a in enumerate(others):
            answers.setdefault(f"decoy-{i + 1}", {})[s.id] = a.path.read_text()
            expect[(f"decoy-{i + 1}", s.id)] = {**a.labels, "answer": a.path.name}
    usage = {"input_tokens": 3000, "output_tokens": 800}
    out = []
    for model, table in answers.items():
        path = tmp / f"{model}.json"
        path.write_text(json.dumps({"usage": usage, "answers": table}))
        out.append((model, path))
    return out, expect


def derived(value: dict) -> dict:
    """Labels `validate` reads from a result that the logged score holds as a number."""
    found = value.get("recall_critical")
    return {} if found is None else {"all_critical_found": int(found >= 1.0)}


def tiers(path: Path, models: list[tuple[str, Path]]) -> Path:
    def entry(name: str, script: Path) -> str:
        return (f"    - {{name: {name}, model: scripted/{name}, solver: oneshot, "
                f"price: {{input: 1.0, output: 5.0}}, model_args: {{script: '{script}'}}}}\n")

    execution = "".join(entry(n, p) for n, p in models if n == "reference")
    reasoning = "".join(entry(n, p) for n, p in models if n != "reference") or "    []\n"
    path.write_text("edition: scripted\nmade_on: 2026-11-01\ntiers:\n"
                    f"  execution:\n{execution}  reasoning:\n{reasoning}")
    return path


def main_(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--suite", default="test_writing")
    ap.add_argument("--only", default=None)
    ap.add_argument("--out", default=None)
    ap.add_argument("--no-decoys", action="store_true", help="the reference model only")
    ap.add_argument("overrides", nargs="*", help="run settings, e.g. suite.library_mutants=0")
    args = ap.parse_args(argv)
    suite = get(args.suite)
    specs = load_suite(suite, TASKS_ROOT, only=args.only)
    with tempfile.TemporaryDirectory(prefix="tierfit-bench-") as t:
        tmp = Path(t)
        out = Path(args.out) if args.out else tmp / "runs"
        models, expect = scripts(specs, tmp)
        if args.no_decoys:
            models = models[:1]
        tl = tiers(tmp / "tiers.yaml", models)
        ids = "[" + ",".join(s.id for s in specs) + "]"
        start = time.perf_counter()
        rc = main(["run", f"+suite={args.suite}", f"tiers={tl}", "display=none",
                   f"results_dir={out}", "run_id=bench", f"task_ids={ids}", *args.overrides])
        wall = time.perf_counter() - start
        if rc != 0:
            print(f"run failed: exit {rc}")
            return rc
        from inspect_ai.log import list_eval_logs, read_eval_log

        seconds, wrong, samples = [], [], 0
        for info in list_eval_logs(str(out)):
            log = read_eval_log(info)
            model = log.eval.model.split("/")[-1]
            for sample in log.samples or []:
                samples += 1
                main_score = next(sc for name, sc in sample.scores.items() if name != "cost")
                meta, value = main_score.metadata or {}, main_score.value
                if "scoring_seconds" in meta:
                    seconds.append(meta["scoring_seconds"])
                want = expect.get((model, str(sample.id)))
                if want is None:
                    continue
                # a scope component is a count in the score; a decoy's label says only whether
                # labels a suite derives from its score (architecture: all critical found)
                value = {**value, **derived(value)}
                got = {k: int(bool(value.get(k))) if k in SCOPE_COMPONENTS else value.get(k)
                       for k in want if k != "answer"}
                if got != {k: v for k, v in want.items() if k != "answer"}:
                    wrong.append(f"{model} on {sample.id} ({want.get('answer', 'reference')}): "
                                 f"got {got}")
        print(f"{args.suite}: {len(specs)} tasks x {len(models)} scripted models, {samples} "
              f"samples in {wall:.1f} s wall")
        if seconds:
            print(f"scoring per sample: median {statistics.median(seconds):.2f} s, "
                  f"max {max(seconds):.2f} s over {len(seconds)} samples")
        print(f"labels: {samples - len(wrong)} of {samples} samples as expected")
        for w in wrong:
            print("  " + w)
        return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main_(sys.argv[1:]))
