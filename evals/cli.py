"""`python -m evals <command> [hydra overrides]`: run, score, validate.

Every error a user can cause ends in one line on stderr and a non-zero exit (2 for bad input,
1 when a check or a score fails), never a traceback.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
CONFIG_DIR = PROJECT / "configs"
USAGE = """usage: python -m evals <command> [key=value ...]

commands:
  run       +suite=<suite> [tiers=<edition>] [limit=N] [epochs=K] [models=[a,b]]
            [sandbox=auto|docker|bwrap|unsafe-local] [solver=oneshot|agent]
  score     task=<suite>/<task-id> [patch=<file>] [sandbox=...]   score a patch, no model
  report    [run=<run-id>|latest|all] [bar=0.8] [margin=0.05]         statistics, verdicts, charts
  publish   edition=<name> [run=<run-id>] [hub_repo=<user/name>]     report + dataset, for publishing
  tiers     list|check [tiers=<edition>]                             prices, ratio, age
  tiers     refresh [tiers=<edition>] [as_of=YYYY-MM-DD] [name=..] [force=true]
  validate  [+suite=<suite>] [only=<glob>] [repeats=N] [sandbox=...]
            prove every task (each reference scored N times, default 3)
"""


class UserError(Exception):
    """Bad input: printed as one line, exit code 2 (or `code`)."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def _options(group: str) -> list[str]:
    return sorted(p.stem for p in (CONFIG_DIR / group).glob("*.yaml"))


def compose(overrides: list[str]) -> Any:
    """The hydra config for these overrides, with errors turned into one line."""
    from hydra import compose as hydra_compose
    from hydra import initialize_config_dir
    from hydra.errors import HydraException, MissingConfigException
    from omegaconf.errors import OmegaConfBaseException

    # `suite=x` reads naturally; hydra wants `+suite=x` for a group not in the defaults
    overrides = ["+" + o if o.startswith("suite=") else o for o in overrides]
    # `tiers=<file.yaml>`: a tier list kept outside configs/tiers (e.g. a team's own edition)
    tier_file = None
    for o in list(overrides):
        m = re.match(r"^tiers=(.*\.ya?ml)$", o)
        if m:
            tier_file = Path(m.group(1)).expanduser()
            overrides.remove(o)
    for o in overrides:
        m = re.match(r"^\+?(suite|tiers)=(.*)$", o)
        if m and m.group(2) not in _options(m.group(1)):
            what = "suite" if m.group(1) == "suite" else "tier list"
            raise UserError(f"unknown {what} '{m.group(2)}' "
                            f"(available: {', '.join(_options(m.group(1)))})")
    try:
        with initialize_config_dir(config_dir=str(CONFIG_DIR), version_base=None):
            cfg = hydra_compose("config", overrides=overrides)
        if tier_file is not None:
            cfg.tiers = _tier_file(tier_file)
        return cfg
    except MissingConfigException as ex:
        raise UserError(str(ex).strip().splitlines()[0]) from None
    except (HydraException, OmegaConfBaseException, ValueError) as ex:
        msg = str(ex).strip().splitlines()[0] if str(ex).strip() else type(ex).__name__
        if ("No match in config" in msg or "Key '" in msg and "not in struct" in msg
                or msg.startswith("Could not override")):
            key = re.search(r"'([^']+)'", msg)
            msg = f"unknown override '{key.group(1) if key else msg}' (see configs/config.yaml)"
        raise UserError(msg) from None


def _tier_file(path: Path) -> Any:
    from omegaconf import DictConfig, OmegaConf

    if not path.is_file():
        raise UserError(f"tier list file not found: {path}")
    try:
        loaded = OmegaConf.load(path)
    except Exception as ex:  # YAML syntax: one line naming the file
        raise UserError(f"tier list {path} is not valid YAML: "
                        f"{str(ex).strip().splitlines()[0]}") from None
    if not isinstance(loaded, DictConfig):
        raise UserError(f"tier list {path} must be a mapping (edition, made_on, tiers)")
    return loaded


def _int(cfg: Any, key: str, minimum: int, allow_none: bool) -> int | None:
    v = cfg.get(key)
    if v is None and allow_none:
        return None
    if isinstance(v, bool) or not isinstance(v, int) or v < minimum:
        where = cfg._get_full_key(key) if hasattr(cfg, "_get_full_key") else key
        raise UserError(f"{where} must be a whole number >= {minimum} (got {v!r})")
    return v


def _str_list(cfg: Any, key: str) -> list[str] | None:
    from omegaconf import ListConfig

    v = cfg.get(key)
    if v is None:
        return None
    if isinstance(v, str):
        return [v]
    if not isinstance(v, ListConfig) or not all(isinstance(x, str) for x in v):
        raise UserError(f"{key} must be a list of names, e.g. {key}=[a,b] (got {v!r})")
    return list(v)


def _suite(cfg: Any, required: bool) -> str | None:
    s = cfg.get("suite")
    if s is None:
        if required:
            raise UserError(f"give a suite: +suite=<{'|'.join(_options('suite'))}>")
        return None
    return str(s.get("name"))


def cmd_run(overrides: list[str]) -> int:
    from evals.run import run

    cfg = compose(overrides)
    suite = _suite(cfg, required=True)
    assert suite is not None
    opts = {
        "limit": _int(cfg, "limit", 1, True),
        "epochs": _int(cfg, "epochs", 1, False),
        "models": _str_list(cfg, "models"),
        "task_ids": _str_list(cfg, "task_ids"),
        "max_samples": _int(cfg, "max_samples", 1, True),
        "max_tasks": _int(cfg, "max_tasks", 1, True),
    }
    solver = cfg.get("solver")
    if solver not in (None, "oneshot", "agent"):
        raise UserError(f"solver must be oneshot or agent (got {solver!r})")
    fail = cfg.get("fail_on_error")
    if not isinstance(fail, (int, float)) or isinstance(fail, bool) or not 0 <= fail <= 1:
        raise UserError(f"fail_on_error must be a fraction between 0 and 1 (got {fail!r})")
    from evals.sandbox.bwrap import SandboxLimits

    limits = cfg.get("sandbox_limits") or {}
    for key in limits:
        if key not in SandboxLimits.model_fields:
            raise UserError(f"unknown sandbox_limits.{key} (known: "
                            f"{', '.join(SandboxLimits.model_fields)})")
        _int(limits, key, 1, False)
    cost = cfg.get("cost_limit")
    if cost is not None and (isinstance(cost, bool) or not isinstance(cost, (int, float))
                             or not cost > 0):
        raise UserError(f"cost_limit must be a positive number of US dollars (got {cost!r})")
    retries = cfg.get("retries")
    for key, allow_none in (("model", True), ("model_timeout", True), ("sample", False),
                            ("task", False)):
        _int(retries, key, 0, allow_none)
    wait = retries.get("wait")
    if isinstance(wait, bool) or not isinstance(wait, (int, float)) or wait < 0:
        raise UserError(f"retries.wait must be a number of seconds >= 0 (got {wait!r})")
    return run(cfg, suite, solver=solver, **opts)


def _kv(overrides: list[str], allowed: set[str]) -> dict[str, str]:
    out = {}
    for o in overrides:
        if "=" not in o:
            raise UserError(f"expected key=value, got '{o}'")
        k, v = o.split("=", 1)
        k = k.lstrip("+")
        if k not in allowed:
            raise UserError(f"unknown option '{k}' (expected one of: {', '.join(sorted(allowed))})")
        out[k] = v
    return out


def cmd_score(overrides: list[str]) -> int:
    from evals.checks import score_patch
    from evals.sandbox import resolve_sandbox
    from evals.taskspec import find_task

    args = _kv(overrides, {"task", "patch", "sandbox", "excess_bar"})
    if "task" not in args:
        raise UserError("give the task: task=<suite>/<task-id>")
    spec = find_task(args["task"])
    patch: bytes | None = None
    if args.get("patch"):
        p = Path(args["patch"])
        if not p.is_file():
            raise UserError(f"patch file not found: {p}")
        patch = p.read_bytes()
        if len(patch) > 10 * 1024 * 1024:
            raise UserError(f"patch is too large ({len(patch)} bytes; limit 10 MiB)")
    try:
        bar = float(args.get("excess_bar", "1.0"))
    except ValueError:
        raise UserError("excess_bar must be a number") from None
    kind = resolve_sandbox(args.get("sandbox", "auto"))
    result = asyncio.run(score_patch(spec, patch, kind, excess_bar=bar))
    print(json.dumps(result, indent=2))
    return 1 if result.get("error") and result.get("scope") is None else 0


def cmd_validate(overrides: list[str]) -> int:
    from evals.checks import validate_all
    from evals.sandbox import resolve_sandbox
    from evals.suites import SUITES
    from evals.taskspec import load_suite

    extra = {o.split("=", 1)[0]: o.split("=", 1)[1] for o in overrides
             if o.split("=", 1)[0] in ("repeats", "concurrency", "only") and "=" in o}
    cfg = compose([o for o in overrides if o.split("=", 1)[0] not in extra])
    suite = _suite(cfg, required=False)
    try:
        repeats = int(extra.get("repeats", "3"))
        concurrency = int(extra.get("concurrency", str(os.cpu_count() or 2)))
    except ValueError:
        raise UserError("repeats and concurrency must be whole numbers") from None
    kind = resolve_sandbox(str(cfg.get("sandbox")))
    only = extra.get("only")
    specs = [s for name in ([suite] if suite else SUITES)
             for s in load_suite(name, only=only)]
    checks = asyncio.run(validate_all(specs, kind, repeats=repeats, concurrency=concurrency))
    width = max(len(c.task) for c in checks)
    print(f"{'task':<{width}}  {'case':<40} {'expected':<24} {'got':<24} ok")
    for c in checks:
        print(f"{c.task:<{width}}  {c.case:<40.40} {c.want:<24} {c.got:<24.60} "
              f"{'ok' if c.ok else 'FAIL'}")
    bad = [c for c in checks if not c.ok]
    repos = {s.repo for s in specs}
    mix = {d: sum(1 for s in specs if s.difficulty == d) for d in ("easy", "medium", "hard")}
    tempted = sum(1 for s in specs if s.temptation != "none")
    print(f"\n{len(specs)} tasks on {len(repos)} repos ({', '.join(f'{v} {k}' for k, v in mix.items())}; "
          f"{tempted} with a temptation); {len(checks)} checks, {len(bad)} failed; sandbox {kind}")
    return 1 if bad else 0


def _report_cfg(overrides: list[str]) -> Any:
    short = {"run", "bar", "margin", "bootstrap", "seed", "edition", "hub_repo", "out"}
    mapped = [f"report.{o}" if o.split("=", 1)[0] in short else o for o in overrides]
    cfg = compose(mapped)
    r = cfg.report
    for key in ("bar", "margin"):
        v = r.get(key)
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= 1:
            raise UserError(f"{key} must be a number between 0 and 1 (got {v!r})")
    _int(r, "bootstrap", 100, False)
    _int(r, "seed", 0, False)
    return cfg


def latest_run(runs: Path) -> Path | None:
    """The most recently written run folder (one with logs) under `runs`, if any."""
    found = sorted((d for d in runs.glob("*") if (d / "logs").is_dir()),
                   key=lambda d: d.stat().st_mtime) if runs.is_dir() else []
    return found[-1] if found else None


def _run_paths(cfg: Any) -> tuple[list[Path], str]:
    """The log folders a report reads, and a name for the report's folder."""
    runs = (PROJECT / str(cfg.results_dir)).resolve()
    which = str(cfg.report.run)
    if which == "all":
        if not runs.is_dir():
            raise UserError(f"no runs yet in {runs}: run `python -m evals run +suite=...` first")
        return [runs], "all"
    if which == "latest":
        last = latest_run(runs)
        if last is None:
            raise UserError(f"no runs yet in {runs}: run `python -m evals run +suite=...` first")
        return [last / "logs"], last.name
    if not (runs / which / "logs").is_dir():
        raise UserError(f"unknown run '{which}' (no folder {runs / which / 'logs'})")
    return [runs / which / "logs"], which


def _report_options(cfg: Any) -> Any:
    from evals.report.build import ReportOptions

    r = cfg.report
    return ReportOptions(bar=float(r.bar), margin=float(r.margin), n_boot=int(r.bootstrap),
                         seed=int(r.seed))


def cmd_report(overrides: list[str]) -> int:
    from evals.report.build import build_report

    cfg = _report_cfg(overrides)
    paths, name = _run_paths(cfg)
    out = (Path(str(cfg.report.out)) if cfg.report.get("out") else
           paths[0].parent / "report" if name != "all" else PROJECT / "results" / "reports" / "all")
    result = build_report(paths, out, _report_options(cfg), title=f"tierfit report: {name}")
    for line in result.skipped:
        print(f"warning: skipped {line}", file=sys.stderr)
    print(f"report of {result.samples} samples: {out / 'report.md'} and {out / 'report.html'}")
    return 0


def cmd_publish(overrides: list[str]) -> int:
    from evals.report.publish import publish

    cfg = _report_cfg(overrides)
    edition = cfg.report.get("edition")
    if not edition:
        raise UserError("give the edition to publish: edition=<name> (e.g. edition=2026-H1)")
    hub = cfg.report.get("hub_repo")
    if hub and not (os.environ.get("HF_TOKEN") or os.environ.get("HUGGING_FACE_HUB_TOKEN")):
        raise UserError(f"hub_repo={hub} needs HF_TOKEN set to push; nothing was written")
    # every run of the edition, unless one run is named
    if str(cfg.report.run) in ("latest", "all"):
        runs = (PROJECT / str(cfg.results_dir)).resolve()
    else:
        runs = _run_paths(cfg)[0][0]
    out = (Path(str(cfg.report.out)) if cfg.report.get("out")
           else PROJECT / "results" / "published" / str(edition))
    result = publish(runs, str(edition), out, _report_options(cfg), hub_repo=hub)
    print(f"published edition {edition}: {result.samples} samples in {out}")
    return 0


def _edition(cfg: Any) -> Any:
    from omegaconf import OmegaConf

    from evals.tiers import load_edition

    return load_edition(OmegaConf.to_container(cfg.tiers, resolve=True))  # type: ignore[arg-type]


def cmd_tiers(overrides: list[str]) -> int:
    import datetime as dt

    from evals import refresh
    from evals.tiers import base_price, edition_problems

    subs = ("list", "check", "refresh")
    if not overrides or overrides[0] not in subs:
        raise UserError(f"usage: python -m evals tiers {'|'.join(subs)} [tiers=<edition>] ...")
    sub, rest = overrides[0], overrides[1:]
    own = {"as_of", "name", "force", "model_db", "out"}
    extra = _kv([o for o in rest if o.split("=", 1)[0] in own], own)
    edition = _edition(compose([o for o in rest if o.split("=", 1)[0] not in own]))
    today = dt.date.today()
    age = edition.age_days(today)
    if sub == "list":
        stale = " (stale: older than six months)" if edition.stale(today) else ""
        print(f"tier list {edition.name}: made {edition.made_on}, {age} days old{stale}")
        print(f"{'tier':<10} {'name':<24} {'model':<42} {'in $/M':>8} {'out $/M':>8}  price source")
        means: dict[str, list[tuple[float, float]]] = {"reasoning": [], "execution": []}
        for m in edition.models:
            p = base_price(m)
            if p is not None:
                means[m.tier].append((p.input, p.output))
            cells = (f"{p.input:>8.2f} {p.output:>8.2f}  {p.source}" if p else
                     f"{'?':>8} {'?':>8}  no price known (set price: in the edition)")
            print(f"{m.tier:<10} {m.name:<24} {m.model:<42} {cells}")
        r, e = means["reasoning"], means["execution"]
        if r and e and all(x for pair in e for x in pair):
            ri = sum(x[0] for x in r) / len(r) / (sum(x[0] for x in e) / len(e))
            ro = sum(x[1] for x in r) / len(r) / (sum(x[1] for x in e) / len(e))
            print(f"reasoning/execution price ratio: input {ri:.1f}x, output {ro:.1f}x "
                  "(means over each tier's priced models)")
        else:
            print("reasoning/execution price ratio: not defined (a tier is empty, free or unpriced)")
        return 0
    if sub == "check":
        problems = edition_problems(edition, today)
        if problems:
            print(f"error: {'; '.join(problems)}", file=sys.stderr)
            return 1
        print(f"tier list '{edition.name}' is {age} days old and every model has a price")
        return 0
    try:
        as_of = dt.date.fromisoformat(extra.get("as_of", today.isoformat()))
    except ValueError:
        raise UserError("as_of must be a date, YYYY-MM-DD") from None
    name = extra.get("name") or f"{as_of.year}-H{1 if as_of.month <= 6 else 2}"
    if not re.match(r"^[\w.-]+$", name):
        raise UserError(f"name must be a plain edition name (got '{name}')")
    out = Path(extra["out"]) if extra.get("out") else CONFIG_DIR / "tiers" / f"{name}.yaml"
    if out.exists() and extra.get("force", "false").lower() != "true":
        raise UserError(f"{out} exists: pass force=true to overwrite it")
    db_dir = Path(extra["model_db"]) if extra.get("model_db") else None
    if db_dir is not None and not db_dir.is_dir():
        raise UserError(f"model_db must be a folder of model .yml files (got {db_dir})")
    proposals = refresh.propose(edition, as_of, refresh.load_model_db(db_dir), refresh.load_rules())
    print(f"refresh of {edition.name} as of {as_of} -> {name} (model data of the installed "
          f"inspect-ai and genai-prices; upgrade both, and their pins in pyproject.toml, to see "
          f"newer models)")
    for p in proposals:
        def price(x: Any) -> str:
            return f"${x.input:g}/${x.output:g} per M" if x else "no price"
        arrow = "kept" if p.new.model == p.old.model else f"-> {p.new.model}"
        print(f"  {p.old.tier:<10} {p.old.model:<40} {arrow:<44} {price(p.old_price)} -> "
              f"{price(p.new_price)}{'' if p.line else '  (no line rule matches: kept)'}")
    out.write_text(refresh.edition_yaml(name, as_of, proposals, edition), encoding="utf-8")
    print(f"wrote {out}: review it by hand before using tiers={name}")
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
    from evals.errors import user_error_types

    logging.getLogger("hydra").setLevel(logging.ERROR)
    try:
        return COMMANDS[cmd](rest)
    except UserError as ex:
        print(f"error: {ex}", file=sys.stderr)
        return ex.code
    except user_error_types() as ex:
        print(f"error: {ex}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: finished samples are kept in the run's logs", file=sys.stderr)
        return 130
