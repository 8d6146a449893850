"""`python -m evals run`: a suite across the models of a tier list, as one inspect eval set."""

from __future__ import annotations

import math
import sys
from pathlib import Path
from typing import Any

from evals import runs
from evals.adaptive import StopRule, adaptive_sampling
from evals.config import Settings
from evals.constants import (
    ACCEPTED,
    AGENT,
    CORRECT,
    DEVIATED,
    EXECUTION,
    ONESHOT,
    PLAN_EXECUTE,
    PLANNER,
    REASONER,
    REASONING,
    SCOPED,
    SOLO,
    TAMPERED,
    TIERS,
)
from evals.errors import UserError
from evals.fmt import pct
from evals.logs import (
    cancelled,
    error_text,
    logged_spend,
    newest_logs,
    sample_cost,
    sample_scores,
    sample_tokens,
)
from evals.sandbox import containment, resolve_sandbox, sandbox_spec
from evals.suites import Suite, SuiteOptions
from evals.taskspec import load_suite, select, split_sample_id
from evals.tiers import (
    Edition,
    TierModel,
    edition_problems,
    genai_prices_version,
    missing_keys,
    register_prices,
    select_models,
)


def _model(m: TierModel, gen: dict[str, Any]) -> Any:
    from inspect_ai.model import GenerateConfig, get_model

    try:
        return get_model(m.model, config=GenerateConfig(**gen), **m.model_args)
    except Exception as ex:  # provider SDK missing, bad settings, unknown local file
        raise UserError(f"cannot use model {m.model}: {str(ex).splitlines()[0]}") from None


def workflow_pairs(models: list[TierModel], pairs: str | tuple[str, ...]
                   ) -> list[tuple[TierModel, TierModel]]:
    """The (reasoning, execution) pairs a workflow runs: from the same provider, all of them,
    or the `reasoning+execution` names given. A name that is not such a pair is one line."""
    reasoning = [m for m in models if m.tier == REASONING]
    execution = [m for m in models if m.tier == EXECUTION]
    if isinstance(pairs, tuple):
        by_name = {m.name: m for m in models}
        chosen = []
        for pair in pairs:
            r, e = pair.split("+")
            if by_name.get(r) not in reasoning or by_name.get(e) not in execution:
                raise UserError(
                    f"pairs: {pair} is not reasoning+execution names of the chosen models "
                    f"(reasoning: {', '.join(m.name for m in reasoning) or 'none'}; "
                    f"execution: {', '.join(m.name for m in execution) or 'none'})")
            chosen.append((by_name[r], by_name[e]))
        return chosen
    return [(r, e) for r in reasoning for e in execution
            if pairs == "all" or r.provider == e.provider]


def build_tasks(settings: Settings, suite: Suite, options: SuiteOptions,
                models: list[TierModel], kind: str, edition: str,
                prices: dict[str, dict[str, Any]], judge: TierModel | None = None) -> list[Any]:
    """One inspect Task per model (`workflow=solo`) and per (reasoning, execution) pair of each
    other workflow: the suite's @task with the model's solver and budgets (and the `judge`
    model role, when a judge grades the answers)."""
    judge_model = None
    if judge is not None:
        judge_model = _model(judge, {"max_retries": settings.retries.model,
                                     "timeout": settings.retries.model_timeout,
                                     **dict(judge.generate)})
    hooks = {}
    if settings.adaptive:  # epochs=auto: one rule over all models, as the report pools them
        rep = settings.report
        hooks = adaptive_sampling(
            StopRule(bar=rep.bar, margin=rep.margin, n_boot=rep.bootstrap, seed=rep.seed,
                     max_epochs=settings.epochs), {m.name: m.tier for m in models}, suite.name)
    tasks = []
    if SOLO in settings.workflows:
        tasks += [_task(settings, suite, options, m, kind, edition, prices, SOLO, None,
                        judge_model, judge, hooks) for m in models]
    for workflow in settings.workflows:
        if workflow != SOLO:
            tasks += [_task(settings, suite, options, execution, kind, edition, prices, workflow,
                            reasoning, judge_model, judge, hooks)
                      for reasoning, execution in workflow_pairs(models, settings.pairs)]
    return tasks


def _task(settings: Settings, suite: Suite, options: SuiteOptions, m: TierModel, kind: str,
          edition: str, prices: dict[str, dict[str, Any]], workflow: str,
          partner: TierModel | None, judge_model: Any, judge: TierModel | None,
          hooks: dict[str, Any]) -> Any:
    """One inspect Task: `m` alone (solo), or `m` executing with `partner`, a reasoning model,
    in the workflow's planner or reasoner role (both with `m`'s solver and budgets)."""
    from inspect_ai import task_with

    solver = settings.solver or m.solver or (ONESHOT if m.is_local else AGENT)
    context = m.context_tokens or options.context_tokens
    gen = _generate(settings, m, solver, context, options)
    model = _model(m, gen)
    opts = {**options.model_dump(),
            "context_tokens": context,
            "max_output_tokens": int(gen.get("max_tokens") or options.max_output_tokens)}
    task = suite.task_function(
        solver=solver, sandbox=kind, task_ids=settings.task_ids,
        tasks_root=str(settings.tasks_root), sandbox_limits=settings.sandbox_limits.model_dump(),
        clarity="both" if len(settings.clarities) > 1 else settings.clarities[0],
        workflow=workflow, **opts)
    task.model = model
    roles = {}
    if judge_model is not None:
        roles["judge"] = judge_model
    if partner is not None:
        roles[PLANNER if workflow == PLAN_EXECUTE else REASONER] = _model(
            partner, _generate(settings, partner, solver, context, options))
    if roles:
        task = task_with(task, model_roles=roles)
    if hooks:
        task.early_stopping = hooks[m.name]
    name, tier = m.name, m.tier
    if partner is not None:  # who goes first: the planner, or the executor escalating
        first, second = (partner, m) if workflow == PLAN_EXECUTE else (m, partner)
        name, tier = f"{first.name}→{second.name}", workflow
    task.metadata = {**(task.metadata or {}), "tier": tier, "model_name": name,
                     "model_display": m.display, "edition": edition, "workflow": workflow,
                     "price": prices.get(m.model, {}),
                     **({"executor": m.name, "partner": partner.name,
                         "partner_tier": partner.tier, "partner_price": prices.get(
                             partner.model, {})} if partner is not None else {}),
                     **({"judge": judge.name} if judge is not None else {})}
    return task


def _generate(settings: Settings, m: TierModel, solver: str, context: int,
              options: SuiteOptions) -> dict[str, Any]:
    """A model's generate config: retries with exponential backoff on provider errors (an
    edition may set its own), and the answer budget of a one-message answer."""
    gen = {"max_retries": settings.retries.model, "timeout": settings.retries.model_timeout,
           **dict(m.generate)}
    if (solver == ONESHOT or m.is_local) and "max_tokens" not in gen:
        # the answer takes at most half the context window: the prompt must hold the files
        # (a refactor's answer budget would otherwise leave a small model no code to read)
        gen["max_tokens"] = min(options.max_output_tokens, context // 2)
    return gen


def run(settings: Settings) -> int:
    """Run the configured suite over the tier list; the exit code (0 done, 1 a task failed,
    3 stopped at cost_limit)."""
    suite, options = settings.need_suite()
    edition = settings.edition
    chosen = select_models(edition, settings.models)
    if not chosen:
        raise UserError(f"tier list '{edition.name}' has no models")
    for problem in edition_problems(Edition(edition.name, edition.made_on, tuple(chosen))):
        print(f"warning: {problem}", file=sys.stderr)
    judge = select_models(edition, [settings.judge])[0] if settings.judge else None
    # every model the run calls: a judge needs its key and price like the models it grades
    called = chosen + ([judge] if judge is not None and judge not in chosen else [])
    missing = missing_keys(called)
    if missing:
        m, var = missing[0]
        raise UserError(f"{var} is not set: needed for {m.model} ({m.display}); "
                        f"set it or leave the model out with models=[...]")
    for tier in TIERS:
        if not [m for m in chosen if m.tier == tier]:
            print(f"note: the {tier} tier has no models in '{edition.name}': not measured",
                  file=sys.stderr)
    for workflow in settings.workflows:
        if workflow != SOLO and not workflow_pairs(chosen, settings.pairs):
            pairs = settings.pairs if isinstance(settings.pairs, str) else list(settings.pairs)
            raise UserError(f"workflow={workflow} needs a reasoning and an execution model "
                            f"(pairs={pairs}); tier list '{edition.name}' gives none")
    kind = resolve_sandbox(settings.sandbox)
    if kind == "unsafe-local":
        print("warning: sandbox=unsafe-local runs model-written code on this host unprotected",
              file=sys.stderr)
    # before any model is called: the sandbox must judge a reference as correct, or every
    # answer would score as wrong and the run would say nothing
    first = select(load_suite(suite, settings.tasks_root), settings.task_ids)[0]
    suite.require_sandbox(first, sandbox_spec(kind, settings.sandbox_limits), options,
                          "no model was called")
    prices = register_prices(called)
    cost_limit = settings.cost_limit
    if cost_limit is not None:
        from evals.budget import require_drain

        require_drain()
        unpriced = [m.name for m in called if prices[m.model].get("source") == "unknown"]
        if unpriced:
            raise UserError(f"cost_limit needs a price for every model; none known for "
                            f"{', '.join(unpriced)} (set price: in the tier list)")
    resuming = runs.resume_id(settings.results_dir, settings.resume)
    run_id = resuming or settings.run_id or runs.new_run_id()
    run_dir = settings.results_dir / run_id
    log_dir = run_dir / runs.LOGS
    spent_before = 0.0
    if cost_limit is not None and resuming:
        # the logs count what finished; the record also counts calls of samples lost to a kill
        spent_before = max(logged_spend(log_dir), runs.recorded_spend(run_dir))
    if cost_limit is not None and spent_before >= cost_limit:
        raise UserError(f"run {run_id} has already spent ${spent_before:.4f} of cost_limit "
                        f"${cost_limit:g}: give a higher cost_limit to run what is left", code=3)
    # every input is checked: build the tasks (a model that cannot load is one line) and write
    tasks = build_tasks(settings, suite, options, chosen, kind, edition.name, prices, judge)
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
    except OSError as ex:
        raise UserError(f"cannot write results to {run_dir}: {ex.strerror}") from None
    spend = None
    if cost_limit is not None:  # imported only here: its inspect hook is registered on import
        from evals import budget

        spend = budget.start(cost_limit, spent_before, run_dir)
    try:
        return _run_set(settings, suite, tasks, chosen, edition, kind, prices, run_id, run_dir,
                        spend)
    finally:
        if spend is not None:
            budget.finish()


def _run_set(settings: Settings, suite: Suite, tasks: list[Any], chosen: list[TierModel],
             edition: Edition, kind: str, prices: dict[str, dict[str, Any]], run_id: str,
             run_dir: Path, spend: Any) -> int:
    """The run's eval set, once its inputs are checked: run.json, the run table, the exit code."""
    from inspect_ai import eval_set

    log_dir = run_dir / runs.LOGS
    meta = {
        "run_id": run_id, "suite": suite.name, "edition": edition.name,
        "edition_made_on": str(edition.made_on), "genai_prices": genai_prices_version(),
        "prices": prices, "sandbox": kind, "containment": containment(kind, settings.sandbox_limits),
        "models": [{"name": m.name, "tier": m.tier, "model": m.model} for m in chosen],
        "judge": settings.judge,
    }
    runs.write_record(run_dir, {**meta, "config": settings.raw,
                                "sandbox_limits": settings.sandbox_limits.model_dump()})
    print(f"run {run_id}: suite {suite.name}, tier list {edition.name}, "
          f"{len(chosen)} model(s), sandbox {containment(kind, settings.sandbox_limits)}; logs in {log_dir}",
          file=sys.stderr)
    r = settings.retries
    ok, _ = eval_set(
        tasks=tasks,
        log_dir=str(log_dir),
        # `limit` counts tasks; a task asked both ways is two samples, next to each other
        limit=settings.limit * len(settings.clarities) if settings.limit else None,
        epochs=settings.epochs,
        max_samples=settings.max_samples,
        max_tasks=settings.max_tasks or len(tasks),
        fail_on_error=_fail_on_error(settings.fail_on_error),
        retry_on_error=r.sample or None,
        retry_attempts=r.task,
        retry_wait=r.wait,
        metadata=meta,
        display=settings.display,
        log_buffer=1,  # flush every finished sample: a killed run loses none and resumes from it
        log_dir_allow_dirty=True,
    )
    rows = model_rows(log_dir)
    print_table(rows, edition.name, run_id)
    print(f"\nlogs: {log_dir}  (open with: inspect view --log-dir {log_dir})")
    cost_limit = settings.cost_limit
    if spend is not None:
        runs.update_record(
            run_dir, {"cost_limit": cost_limit, "spent_usd": round(spend.spent, 6)},
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
              f"fail_on_error={settings.fail_on_error:g} or a task error; finished samples are "
              f"kept, resume with resume={run_id}", file=sys.stderr)
    return 0 if ok else 1


def _fail_on_error(share: float) -> bool | float:
    """Our share (0..1) in inspect's terms: True fails on any error, a float < 1 is a share,
    and a float >= 1 would be a count, so a share of 1 (never stop) is False."""
    return True if share <= 0 else False if share >= 1 else share


def model_rows(log_dir: Path) -> list[dict[str, Any]]:
    """The run table: one row per model from the run's logs (rates, cost, tokens)."""
    def unreadable(name: str, ex: Exception) -> None:
        print(f"warning: cannot read {name}: {type(ex).__name__}", file=sys.stderr)

    from inspect_ai.log import read_eval_log

    rows = []
    for name, header in newest_logs(log_dir, unreadable).items():
        log = read_eval_log(name)
        # samples cancelled before they ran (a cost_limit stop) did not run: not counted
        ran = [s for s in log.samples or [] if not cancelled(error_text(s.error))]
        meta = header.eval.metadata or {}
        tier = meta.get("tier") or (getattr(header.eval, "task_metadata", None)
                                    or {}).get("tier", "?")
        # with clarity=both a model's samples answered two requests: a row for each
        asked: dict[str, list[Any]] = {}
        for s in ran:
            asked.setdefault(split_sample_id(str(s.id))[1], []).append(s)
        for clarity, samples in sorted(asked.items(), key=lambda kv: kv[0] != SCOPED) or [
                (SCOPED, [])]:
            label = str(header.eval.model) + (f" ({clarity})" if len(asked) > 1 else "")
            rows.append({"model": label, "tier": tier, "status": log.status,
                         **_sample_stats(samples)})
    return rows


def _sample_stats(samples: list[Any]) -> dict[str, Any]:
    scored_samples = [(s, v) for s in samples if CORRECT in (v := sample_scores(s))]
    scored = [v for _, v in scored_samples]
    costs = [sample_cost(s) for s, _ in scored_samples]
    tokens = sum(t["input_tokens"] + t["output_tokens"] for t in map(sample_tokens, samples))
    return {
        "samples": len(samples),
        "scored": len(scored),
        "errors": sum(1 for s in samples if s.error),
        "pass@1": _rate(scored, CORRECT),
        "accept": _rate(scored, ACCEPTED),
        "deviation": _rate(scored, DEVIATED),
        "tamper": _rate([v for v in scored if TAMPERED in v], TAMPERED),
        "cost_usd": math.nan if any(c is None for c in costs) else sum(costs),
        "tokens": int(tokens),
    }


def _rate(vals: list[dict[str, Any]], key: str) -> float:
    return sum(float(v[key]) for v in vals) / len(vals) if vals else math.nan


def print_table(rows: list[dict[str, Any]], edition: str, run_id: str) -> None:
    head = f"{'model':<34} {'tier':<10} {'samples':>7} {'errors':>6} {'pass@1':>7} {'accept':>7} " \
           f"{'deviate':>7} {'tamper':>7} {'cost $':>10} {'tokens':>9}"
    print(f"\nrun {run_id} — tier list {edition}\n{head}\n{'-' * len(head)}")
    for r in sorted(rows, key=lambda r: (str(r["tier"]), r["model"])):
        cost = "unknown" if math.isnan(r["cost_usd"]) else f"{r['cost_usd']:.4f}"
        print(f"{r['model']:<34.34} {r['tier']!s:<10} {r['samples']:>7} {r['errors']:>6} "
              f"{_cell(r['pass@1']):>7} {_cell(r['accept']):>7} {_cell(r['deviation']):>7} "
              f"{_cell(r['tamper']):>7} {cost:>10} {r['tokens']:>9}")


def _cell(x: float) -> str:
    return "n/a" if math.isnan(x) else pct(x, digits=1)
