"""`python -m evals run`: a suite across the models of a tier list, as one inspect eval set."""

from __future__ import annotations

import datetime as dt
import json
import math
import sys
from pathlib import Path
from typing import Any

from evals.cli import PROJECT, UserError, latest_run
from evals.tiers import (
    Edition,
    TierModel,
    edition_problems,
    genai_prices_version,
    load_edition,
    missing_keys,
    register_prices,
    select_models,
)


def resume_id(cfg: Any) -> str | None:
    """The run to resume (`resume=<run-id>|latest`), checked to exist; None for a new run."""
    which = cfg.get("resume")
    if not which:
        return None
    runs = (PROJECT / str(cfg.results_dir)).resolve()
    if str(which) == "latest":
        last = latest_run(runs)
        if last is None:
            raise UserError(f"resume=latest: no runs in {runs}")
        return last.name
    if not (runs / str(which) / "logs").is_dir():
        raise UserError(f"resume={which}: no such run in {runs}")
    return str(which)


def build_tasks(cfg: Any, suite: str, models: list[TierModel], edition_name: str, kind: str,
                solver: str | None, task_ids: list[str] | None,
                prices: dict[str, dict[str, Any]]) -> list[Any]:
    from inspect_ai.model import GenerateConfig, get_model

    from evals.suites.tickets import tickets

    suite_cfg = cfg.suite
    tasks = []
    for m in models:
        chosen = solver or m.solver or ("oneshot" if m.is_local else "agent")
        retries = cfg.get("retries") or {}
        # provider errors: inspect retries with exponential backoff; an edition may set its own
        gen = {"max_retries": retries.get("model"), "timeout": retries.get("model_timeout"),
               **dict(m.generate)}
        if (chosen == "oneshot" or m.is_local) and "max_tokens" not in gen:
            gen["max_tokens"] = int(suite_cfg.get("max_output_tokens", 1024))
        try:
            model = get_model(m.model, config=GenerateConfig(**gen), **m.model_args)
        except Exception as ex:  # provider SDK missing, bad settings, unknown local file
            raise UserError(f"cannot use model {m.model}: {str(ex).splitlines()[0]}") from None
        task = tickets(
            solver=chosen, sandbox=kind, task_ids=task_ids,
            context_tokens=m.context_tokens or 8192,
            max_output_tokens=int(gen.get("max_tokens") or suite_cfg.get("max_output_tokens", 1024)),
            excess_bar=float(suite_cfg.get("excess_bar", 1.0)),
            test_timeout=int(suite_cfg.get("test_timeout", 300)),
            message_limit=int(suite_cfg.get("message_limit", 60)),
            sandbox_limits=dict(cfg.get("sandbox_limits") or {}),
        )
        task.model = model
        task.metadata = {**(task.metadata or {}), "tier": m.tier, "model_name": m.name,
                         "model_display": m.display, "edition": edition_name,
                         "price": prices.get(m.model, {})}
        tasks.append(task)
    return tasks


def run(cfg: Any, suite: str, *, solver: str | None, limit: int | None, epochs: int | None,
        models: list[str] | None, task_ids: list[str] | None, max_samples: int | None,
        max_tasks: int | None) -> int:
    from omegaconf import OmegaConf

    from evals.sandbox import resolve_sandbox

    edition = load_edition(OmegaConf.to_container(cfg.tiers, resolve=True))  # type: ignore[arg-type]
    chosen = select_models(edition, models)
    if not chosen:
        raise UserError(f"tier list '{edition.name}' has no models")
    for problem in edition_problems(Edition(edition.name, edition.made_on, tuple(chosen))):
        print(f"warning: {problem}", file=sys.stderr)
    missing = missing_keys(chosen)
    if missing:
        m, var = missing[0]
        raise UserError(f"{var} is not set: needed for {m.model} ({m.display}); "
                        f"set it or leave the model out with models=[...]")
    for tier in ("execution", "reasoning"):
        if not [m for m in chosen if m.tier == tier]:
            print(f"note: the {tier} tier has no models in '{edition.name}': not measured",
                  file=sys.stderr)
    kind = resolve_sandbox(str(cfg.sandbox))
    if kind == "unsafe-local":
        print("warning: sandbox=unsafe-local runs model-written code on this host unprotected",
              file=sys.stderr)
    prices = register_prices(chosen)
    cost_limit = float(cfg.cost_limit) if cfg.get("cost_limit") is not None else None
    if cost_limit is not None:
        from evals.budget import require_drain

        require_drain()
        unpriced = [m.name for m in chosen if prices[m.model].get("source") == "unknown"]
        if unpriced:
            raise UserError(f"cost_limit needs a price for every model; none known for "
                            f"{', '.join(unpriced)} (set price: in the tier list)")
    resuming = resume_id(cfg)
    run_id = resuming or cfg.get("run_id") or dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    run_dir = (PROJECT / str(cfg.results_dir) / str(run_id)).resolve()
    log_dir = run_dir / "logs"
    spent_before = 0.0
    if cost_limit is not None and resuming:
        from evals.budget import recorded_spend, spent_in

        # the logs count what finished; the record also counts calls of samples lost to a kill
        spent_before = max(spent_in(log_dir), recorded_spend(run_dir))
    if cost_limit is not None and spent_before >= cost_limit:
        raise UserError(f"run {run_id} has already spent ${spent_before:.4f} of cost_limit "
                        f"${cost_limit:g}: give a higher cost_limit to run what is left", code=3)
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
    except OSError as ex:
        raise UserError(f"cannot write results to {run_dir}: {ex.strerror}") from None
    spend = None
    if cost_limit is not None:  # imported only here: its inspect hook is registered on import
        from evals import budget

        spend = budget.start(cost_limit, spent_before, run_dir)
    try:
        return _run_set(cfg, suite, chosen, edition, kind, solver, task_ids, prices,
                        run_id=run_id, run_dir=run_dir, log_dir=log_dir, limit=limit,
                        epochs=epochs, max_samples=max_samples, max_tasks=max_tasks,
                        spend=spend, cost_limit=cost_limit)
    finally:
        if spend is not None:
            budget.finish()


def _run_set(cfg: Any, suite: str, chosen: list[TierModel], edition: Edition, kind: str,
             solver: str | None, task_ids: list[str] | None, prices: dict[str, dict[str, Any]],
             run_id: str, run_dir: Path, log_dir: Path,
             limit: int | None, epochs: int | None, max_samples: int | None,
             max_tasks: int | None, spend: Any, cost_limit: float | None) -> int:
    """The run's eval set, once its inputs are checked: run.json, the run table, the exit code."""
    from omegaconf import OmegaConf

    tasks = build_tasks(cfg, suite, chosen, edition.name, kind, solver, task_ids, prices)
    meta = {
        "run_id": run_id, "suite": suite, "edition": edition.name,
        "edition_made_on": str(edition.made_on), "genai_prices": genai_prices_version(),
        "prices": prices, "sandbox": kind,
        "models": [{"name": m.name, "tier": m.tier, "model": m.model} for m in chosen],
    }
    record = run_dir / "run.json"
    now = dt.datetime.now().isoformat(timespec="seconds")
    if record.is_file():  # a resumed run keeps its first record and notes each resume
        _record(record, {}, append={"resumed": now})
    else:
        record.write_text(json.dumps({**meta, "started": now,
                                      "config": OmegaConf.to_container(cfg, resolve=True)},
                                     indent=2, default=str))
    print(f"run {run_id}: suite {suite}, tier list {edition.name}, "
          f"{len(chosen)} model(s), sandbox {kind}; logs in {log_dir}", file=sys.stderr)

    from inspect_ai import eval_set

    retries = cfg.retries
    ok, _ = eval_set(
        tasks=tasks,
        log_dir=str(log_dir),
        limit=limit,
        epochs=epochs,
        max_samples=max_samples,
        max_tasks=max_tasks or len(tasks),
        fail_on_error=_fail_on_error(float(cfg.fail_on_error)),
        retry_on_error=int(retries.sample) or None,
        retry_attempts=int(retries.task),
        retry_wait=float(retries.wait),
        metadata=meta,
        display=cfg.get("display"),
        log_buffer=1,  # flush every finished sample: a killed run loses none and resumes from it
        log_dir_allow_dirty=True,
    )
    rows = summarize(log_dir)
    print_table(rows, edition.name, run_id)
    print(f"\nlogs: {log_dir}  (open with: inspect view --log-dir {log_dir})")
    if spend is not None:
        _record(record, {"cost_limit": cost_limit, "spent_usd": round(spend.spent, 6)},
                append={"stops": {"reason": "cost_limit", "at": spend.stopped_at,
                                  "cost_limit": cost_limit, "spent_usd": round(spend.spent, 6)}}
                if spend.stopped_at else {})
        if spend.stopped_at:
            done = sum(r["samples"] for r in rows)
            print(f"stopped by cost_limit ${cost_limit:g}: ${spend.spent:.4f} spent, {done} "
                  f"samples ran; finish with resume={run_id} and a higher cost_limit",
                  file=sys.stderr)
            return 3
    if not ok:
        failed = [r["model"] for r in rows if r["status"] != "success"]
        print(f"error: run {run_id} did not finish "
              f"({', '.join(failed) or 'a task failed'}): samples past the error share "
              f"fail_on_error={cfg.fail_on_error} or a task error; finished samples are kept, "
              f"resume with resume={run_id}", file=sys.stderr)
    return 0 if ok else 1


def _fail_on_error(share: float) -> bool | float:
    """Our share (0..1) in inspect's terms: True fails on any error, a float < 1 is a share,
    and a float >= 1 would be a count, so a share of 1 (never stop) is False."""
    return True if share <= 0 else False if share >= 1 else share


def _record(path: Path, fields: dict[str, Any], append: dict[str, Any]) -> None:
    """Update run.json: set `fields`, and add each of `append` to its list (a run may be
    resumed and stopped many times: `resumed`, `stops`)."""
    data = json.loads(path.read_text())
    data.update(fields)
    for key, item in append.items():
        data.setdefault(key, []).append(item)
    path.write_text(json.dumps(data, indent=2, default=str))


def summarize(log_dir: Path) -> list[dict[str, Any]]:
    """One row per model from the run's logs: rates, cost and tokens."""
    from inspect_ai.log import read_eval_log

    from evals.report.frame import cancelled, error_text, newest_logs

    def unreadable(name: str, ex: Exception) -> None:
        print(f"warning: cannot read {name}: {type(ex).__name__}", file=sys.stderr)

    rows = []
    for name in newest_logs(log_dir, unreadable):
        log = read_eval_log(name)
        # samples cancelled before they ran (a cost_limit stop) did not run: not counted
        samples = [s for s in log.samples or [] if not cancelled(error_text(s.error))]
        scored = [s for s in samples if s.scores and "ticket_scorer" in s.scores]
        vals = [s.scores["ticket_scorer"].value for s in scored]  # type: ignore[index]

        costs = [math.nan if v.get("cost_usd") is None else float(v["cost_usd"]) for v in vals]
        tokens = sum(
            sum((u.input_tokens or 0) + (u.output_tokens or 0) for u in (s.model_usage or {}).values())
            for s in samples)
        rows.append({
            "model": str(log.eval.model),
            "tier": (log.eval.metadata or {}).get("tier") or _task_meta(log, "tier"),
            "status": log.status,
            "samples": len(samples),
            "scored": len(vals),
            "errors": sum(1 for s in samples if s.error),
            "pass@1": _rate(vals, "correct"),
            "accept": _rate(vals, "accepted"),
            "deviation": _rate(vals, "deviated"),
            "cost_usd": math.nan if any(math.isnan(c) for c in costs) else sum(costs),
            "tokens": tokens,
        })
    return rows


def _rate(vals: list[dict[str, Any]], key: str) -> float:
    return sum(float(v[key]) for v in vals) / len(vals) if vals else math.nan


def _task_meta(log: Any, key: str) -> Any:
    return (getattr(log.eval, "task_metadata", None) or {}).get(key, "?")


def print_table(rows: list[dict[str, Any]], edition: str, run_id: str) -> None:
    head = f"{'model':<34} {'tier':<10} {'samples':>7} {'errors':>6} {'pass@1':>7} {'accept':>7} " \
           f"{'deviate':>7} {'cost $':>10} {'tokens':>9}"
    print(f"\nrun {run_id} — tier list {edition}\n{head}\n{'-' * len(head)}")

    def pct(x: float) -> str:
        return "   n/a" if math.isnan(x) else f"{x * 100:6.1f}%"

    for r in sorted(rows, key=lambda r: (str(r["tier"]), r["model"])):
        cost = "unknown" if math.isnan(r["cost_usd"]) else f"{r['cost_usd']:.4f}"
        print(f"{r['model']:<34.34} {r['tier']!s:<10} {r['samples']:>7} {r['errors']:>6} "
              f"{pct(r['pass@1']):>7} {pct(r['accept']):>7} {pct(r['deviation']):>7} "
              f"{cost:>10} {r['tokens']:>9}")
