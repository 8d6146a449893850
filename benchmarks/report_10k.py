"""How long does `report` take on 10,000 samples? Prints seconds per stage.

Makes one real log with a scripted mockllm model (2 tasks, scored in the real sandbox), then
clones its samples into 5 model logs x 40 tasks x 50 epochs = 10,000 samples with seeded random
outcomes (timing data only: nothing here is a benchmark result), and builds the full report.
Usage: python benchmarks/report_10k.py [out_dir]
"""

from __future__ import annotations

import copy
import random
import sys
import tempfile
import time
from pathlib import Path

from inspect_ai import eval as inspect_eval
from inspect_ai.log import read_eval_log, write_eval_log
from inspect_ai.model import ModelOutput, ModelUsage, get_model

import evals._registry  # noqa: F401
from evals.report.build import ReportOptions, build_report
from evals.report.frame import load_frame
from evals.suites import get
from evals.suites.tickets.task import tickets
from evals.taskspec import load_suite

MODELS = [("m-exec-1", "execution"), ("m-exec-2", "execution"), ("m-exec-3", "execution"),
          ("m-reas-1", "reasoning"), ("m-reas-2", "reasoning")]
EPOCHS = 50


def seed_log(tmp: Path) -> Path:
    def out(input, tools, tool_choice, config):  # noqa: ANN001, ANN202, A002
        o = ModelOutput.from_content("mockllm/model", "No change.")
        o.usage = ModelUsage(input_tokens=1000, output_tokens=100, total_tokens=1100)
        return o

    ids = [s.id for s in load_suite(get("tickets"))][:2]
    [log] = inspect_eval(tickets(task_ids=ids, sandbox="bwrap"),
                         model=get_model("mockllm/model", custom_outputs=out),
                         log_dir=str(tmp / "seed"), display="none")
    return Path(log.location)


def clone(seed: Path, out_dir: Path) -> None:
    base = read_eval_log(str(seed))
    template = base.samples[0]
    task_ids = [s.id for s in load_suite(get("tickets"))]
    rng = random.Random(0)
    out_dir.mkdir(parents=True, exist_ok=True)
    for i, (name, tier) in enumerate(MODELS):
        log = copy.deepcopy(base)
        log.eval.metadata = {**(log.eval.metadata or {}), "tier": tier, "model_name": name,
                             "edition": "bench", "run_id": "bench"}
        log.eval.model = f"mockllm/{name}"
        log.eval.dataset.sample_ids = task_ids
        log.eval.dataset.samples = len(task_ids)
        log.eval.config.epochs = EPOCHS
        p = 0.55 if tier == "execution" else 0.8
        samples = []
        for tid in task_ids:
            for epoch in range(1, EPOCHS + 1):
                s = template.model_copy(deep=False)
                s.id, s.epoch = tid, epoch
                correct = int(rng.random() < p)
                deviated = int(rng.random() < (0.1 if tier == "execution" else 0.3))
                score = s.scores["ticket_scorer"].model_copy(deep=True)
                score.value = {**score.value, "correct": correct, "deviated": deviated,
                               "accepted": int(correct and not deviated)}
                cost = s.scores["cost"].model_copy(deep=True)
                cost.value = {"cost_usd": 0.002 if tier == "execution" else 0.04}
                s.scores = {"ticket_scorer": score, "cost": cost}
                s.metadata = {**s.metadata, "task_id": tid}
                samples.append(s)
        log.samples = samples
        # named as inspect names a log ({timestamp}_{task}_{id}): listing a folder reads the
        # header of any other name, which costs this benchmark 2.6 s that no real run pays
        stamp = f"2026-11-30T00-00-{i:02d}-00-00"
        write_eval_log(log, str(out_dir / f"{stamp}_tickets_{name.replace('-', '')}.eval"))


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="report10k-"))
    t = time.perf_counter()
    clone(seed_log(out), out / "logs")
    print(f"made {len(MODELS) * 40 * EPOCHS} samples in {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    loaded = load_frame([out / "logs"])
    t_frame = time.perf_counter() - t
    t = time.perf_counter()
    result = build_report([out / "logs"], out / "report", ReportOptions(bar=0.8, margin=0.05, n_boot=2000, seed=0),
                          loaded=loaded)
    t_report = time.perf_counter() - t
    made = len(MODELS) * 40 * EPOCHS
    print(f"samples in frame: {len(loaded.frame)}")
    # every cloned log shares the seed's task id: a de-duplication keyed on the task id alone
    # would keep one model's log and measure a fifth of the work
    assert len(loaded.frame) == made, f"the frame read {len(loaded.frame)} of {made} samples"
    print(f"read logs into the frame: {t_frame:.1f} s")
    print(f"statistics + charts + md/html: {t_report:.1f} s")
    print(f"total report time: {t_frame + t_report:.1f} s ({len(result.files)} files in {out / 'report'})")


if __name__ == "__main__":
    main()
