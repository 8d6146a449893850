"""`python -m evals <command> [key=value ...]`: parse the command line, call one function, print.

Every error a user can cause ends in one `error:` line on stderr and a non-zero exit (2 for bad
input, 1 when a check or a score fails, 3 for a cost_limit stop), never a traceback.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable

from evals.errors import UserError

USAGE = """usage: python -m evals <command> [key=value ...]

commands:
  run       +suite=<suite> [tiers=<edition>] [limit=N] [epochs=K] [models=[a,b]]
            [sandbox=auto|docker|bwrap|unsafe-local] [solver=oneshot|agent] [suite.<key>=...]
  score     task=<suite>/<task-id> [patch=<file>|answer=<file>] [message=<file>] [suite.<key>=...]
            score one answer in the sandbox, no model
  report    [run=<run-id>|latest|all] [bar=0.8] [margin=0.05]         statistics, verdicts, charts
  publish   edition=<name> [run=<run-id>] [hub_repo=<user/name>]     report + dataset, for publishing
  tiers     list|check [tiers=<edition>]                             prices, ratio, age
  tiers     refresh [tiers=<edition>] [as_of=YYYY-MM-DD] [name=..] [force=true]
  validate  [+suite=<suite>] [only=<glob>] [repeats=N] [concurrency=N] [mutation=true]
            prove every task (each reference scored N times, default 3)

Every command also takes plugins=[module,...] (modules that register suites of their own) and
tasks_root=<folder>; everything else is in configs/.
"""


def _take(overrides: list[str], keys: set[str]) -> tuple[dict[str, str], list[str]]:
    """Split a command's own `key=value` options from the config overrides."""
    own, rest = {}, []
    for o in overrides:
        k, eq, v = o.partition("=")
        if eq and k.lstrip("+") in keys:
            own[k.lstrip("+")] = v
        else:
            rest.append(o)
    return own, rest


def _whole(own: dict[str, str], key: str, default: int) -> int:
    try:
        value = int(own.get(key, str(default)))
    except ValueError:
        raise UserError(f"{key} must be a whole number (got {own[key]!r})") from None
    if value < 1:
        raise UserError(f"{key} must be a whole number >= 1 (got {value})")
    return value


def cmd_run(overrides: list[str]) -> int:
    from evals import config
    from evals.run import run

    return run(config.load(overrides))


def cmd_score(overrides: list[str]) -> int:
    from evals import checks, config

    own, rest = _take(overrides, {"task", "patch", "answer", "message", "excess_bar"})
    if "task" not in own:
        raise UserError("give the task: task=<suite>/<task-id>")
    if "excess_bar" in own:  # the short form of suite.excess_bar
        rest.append(f"suite.excess_bar={own['excess_bar']}")
    if "/" in own["task"]:
        rest.insert(0, f"+suite={own['task'].split('/', 1)[0]}")
    result = checks.score(own["task"], own.get("patch") or own.get("answer"), config.load(rest),
                          own.get("message"))
    print(json.dumps(result, indent=2))
    return 0 if result.get("scored", True) else 1


def cmd_validate(overrides: list[str]) -> int:
    from evals import checks, config

    own, rest = _take(overrides, {"only", "repeats", "concurrency", "mutation"})
    mutation = own.get("mutation", "false").lower()
    if mutation not in ("true", "false"):
        raise UserError(f"mutation must be true or false (got '{own['mutation']}')")
    width = 4
    long: list[checks.Check] = []

    def header(specs: list) -> None:
        nonlocal width
        width = max(width, *(len(s.name) for s in specs))
        print(f"{'task':<{width}}  {'case':<40} {'expected':<24} {'got':<24} ok", flush=True)

    def lines(done: list[checks.Check]) -> None:  # each task's checks as soon as it is proven
        for c in done:
            print(f"{c.task:<{width}}  {c.case:<40.40} {c.want:<24} {c.got:<24.60} "
                  f"{'ok' if c.ok else 'FAIL'}", flush=True)
        long.extend(c for c in done if len(c.got) > 60 and not c.ok)

    done = checks.validate(config.load(rest), own.get("only"), _whole(own, "repeats", 3),
                           _whole(own, "concurrency", os.cpu_count() or 2), mutation == "true",
                           started=header, finished=lines)
    for c in long:  # what the table cut short, in full
        print(f"\n{c.task} {c.case}: {c.got}")
    print(f"\n{done.summary()}")
    return 1 if done.failed else 0


REPORT_KEYS = {"run", "bar", "margin", "bootstrap", "seed", "edition", "hub_repo", "out"}


def _report_settings(overrides: list[str]):
    from evals import config

    return config.load([f"report.{o}" if o.split("=", 1)[0] in REPORT_KEYS else o
                        for o in overrides])


def _report_options(settings):
    from evals import suites
    from evals.report.build import ReportOptions

    r = settings.report
    return ReportOptions(
        bar=r.bar, margin=r.margin, n_boot=r.bootstrap, seed=r.seed,
        suite_tables={n: suites.get(n).report_tables for n in suites.names()},
        task_labels=lambda suite, task: suites.task_labels(suite, task, settings.tasks_root))


def cmd_report(overrides: list[str]) -> int:
    from evals import runs
    from evals.report.build import build_report

    settings = _report_settings(overrides)
    paths, name, default_out = runs.report_sources(settings.results_dir, settings.report.run)
    out = settings.report.out or default_out
    result = build_report(paths, out, _report_options(settings), title=f"tierfit report: {name}")
    for line in result.skipped:
        print(f"warning: skipped {line}", file=sys.stderr)
    print(f"report of {result.samples} samples: {out / 'report.md'} and {out / 'report.html'}")
    return 0


def cmd_publish(overrides: list[str]) -> int:
    from evals import runs
    from evals.paths import PUBLISHED_DIR
    from evals.report.publish import publish

    settings = _report_settings(overrides)
    r = settings.report
    if not r.edition:
        raise UserError("give the edition to publish: edition=<name> (e.g. edition=2026-H1)")
    if r.hub_repo and not (os.environ.get("HF_TOKEN") or os.environ.get("HUGGING_FACE_HUB_TOKEN")):
        raise UserError(f"hub_repo={r.hub_repo} needs HF_TOKEN set to push; nothing was written")
    # every run of the edition, unless one run is named
    source = (settings.results_dir if r.run in ("latest", "all")
              else runs.report_sources(settings.results_dir, r.run)[0][0])
    out = r.out or PUBLISHED_DIR / r.edition
    result = publish(source, r.edition, out, _report_options(settings), hub_repo=r.hub_repo)
    print(f"published edition {r.edition}: {result.samples} samples in {out}")
    return 0


def cmd_tiers(overrides: list[str]) -> int:
    import datetime as dt

    from evals import config, refresh
    from evals.tiers import base_price, edition_problems, price_ratio

    subs = ("list", "check", "refresh")
    if not overrides or overrides[0] not in subs:
        raise UserError(f"usage: python -m evals tiers {'|'.join(subs)} [tiers=<edition>] ...")
    sub = overrides[0]
    own, rest = _take(overrides[1:], {"as_of", "name", "force", "model_db", "out"})
    edition = config.load(rest).edition
    today = dt.date.today()
    age = edition.age_days(today)
    if sub == "list":
        stale = " (stale: older than six months)" if edition.stale(today) else ""
        print(f"tier list {edition.name}: made {edition.made_on}, {age} days old{stale}")
        print(f"{'tier':<10} {'name':<24} {'model':<42} {'in $/M':>8} {'out $/M':>8}  price source")
        for m in edition.models:
            p = base_price(m)
            cells = (f"{p.input:>8.2f} {p.output:>8.2f}  {p.source}" if p else
                     f"{'?':>8} {'?':>8}  no price known (set price: in the edition)")
            print(f"{m.tier:<10} {m.name:<24} {m.model:<42} {cells}")
        ratio = price_ratio(edition)
        print(f"reasoning/execution price ratio: input {ratio[0]:.1f}x, output {ratio[1]:.1f}x "
              "(means over each tier's priced models)" if ratio else
              "reasoning/execution price ratio: not defined (a tier is empty, free or unpriced)")
        return 0
    if sub == "check":
        problems = edition_problems(edition, today)
        if problems:
            print(f"error: {'; '.join(problems)}", file=sys.stderr)
            return 1
        print(f"tier list '{edition.name}' is {age} days old and every model has a price")
        return 0
    plan = refresh.plan(edition, today, own)
    print(f"refresh of {edition.name} as of {plan.as_of} -> {plan.name} (model data of the "
          f"installed inspect-ai and genai-prices; upgrade both, and their pins in "
          f"pyproject.toml, to see newer models)")
    for line in plan.lines():
        print(f"  {line}")
    plan.write()
    print(f"wrote {plan.out}: review it by hand before using tiers={plan.name}")
    return 0


COMMANDS: dict[str, Callable[[list[str]], int]] = {
    "run": cmd_run, "score": cmd_score, "validate": cmd_validate, "report": cmd_report,
    "publish": cmd_publish, "tiers": cmd_tiers,
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(USAGE)
        return 0 if argv else 2
    cmd, rest = argv[0], argv[1:]
    if cmd not in COMMANDS:
        print(f"error: unknown command '{cmd}' (commands: {', '.join(COMMANDS)})", file=sys.stderr)
        return 2
    try:
        return COMMANDS[cmd](rest)
    except UserError as ex:
        print(f"error: {ex}", file=sys.stderr)
        return ex.code
    except KeyboardInterrupt:
        print("interrupted: finished samples are kept in the run's logs", file=sys.stderr)
        return 130
