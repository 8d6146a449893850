"""A command's configuration: hydra composes configs/ (a suite, a tier list, the overrides) and
this module checks it once, into the typed `Settings` every command passes on.

Every default lives in configs/ (config.yaml, suite/<name>.yaml); a bad or unknown value is one
line naming the key.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evals import suites
from evals.constants import SCOPED, SOLO, SOLVERS, SolverName
from evals.errors import ConfigError
from evals.paths import CONFIG_DIR, TASKS_ROOT, in_project
from evals.sandbox import CHOICES
from evals.sandbox.bwrap import SandboxLimits
from evals.suites import Suite, SuiteOptions
from evals.suites.base import asked, workflows_of
from evals.tiers import Edition, load_edition


@dataclass(frozen=True)
class Retries:
    model: int | None  # retries per model call (None: until model_timeout)
    model_timeout: int | None
    sample: int
    task: int
    wait: float


@dataclass(frozen=True)
class ReportSettings:
    run: str  # a run id, latest or all
    bar: float
    margin: float
    bootstrap: int
    seed: int
    edition: str | None
    hub_repo: str | None
    out: Path | None


@dataclass(frozen=True)
class Settings:
    """Everything a command reads from the configuration, checked."""

    raw: dict[str, Any]  # the composed config, as a run records it in run.json
    suite: Suite | None
    options: SuiteOptions | None
    edition: Edition
    tasks_root: Path
    results_dir: Path
    sandbox: str
    sandbox_limits: SandboxLimits
    limit: int | None
    epochs: int  # with adaptive: the most epochs any (model, task type) gets
    adaptive: bool  # epochs=auto: stop a (model, task type) once its standing is decided
    models: list[str] | None
    task_ids: list[str] | None
    solver: SolverName | None
    judge: str | None  # a tier-list model that grades prose beside the key (suites that judge)
    clarities: tuple[str, ...]  # which request each task is asked: scoped, brief, or both
    workflows: tuple[str, ...]  # solo and/or the workflows of design section 9
    pairs: str | tuple[str, ...]  # same_provider, all, or reasoning+execution names
    run_id: str | None
    resume: str | None
    max_samples: int | None
    max_tasks: int | None
    display: str | None
    fail_on_error: float
    cost_limit: float | None
    retries: Retries
    report: ReportSettings
    plugins: tuple[str, ...]

    def options_for(self, suite: Suite) -> SuiteOptions:
        """The settings of `suite`: as configured (with overrides) when it is the configured
        suite, else its own defaults."""
        if suite is self.suite and self.options is not None:
            return self.options
        return suite.options()

    def need_suite(self) -> tuple[Suite, SuiteOptions]:
        if self.suite is None or self.options is None:
            raise ConfigError(f"give a suite: +suite=<{'|'.join(suites.names())}>")
        return self.suite, self.options


# ---------------------------------------------------------------- composing


def _group_options(group: str) -> list[str]:
    return sorted(p.stem for p in (CONFIG_DIR / group).glob("*.yaml"))


def _list_value(value: str) -> list[str]:
    inner = value.strip()
    if inner.startswith("[") and inner.endswith("]"):
        inner = inner[1:-1]
    return [v.strip().strip("'\"") for v in inner.split(",") if v.strip()]


def compose(overrides: list[str]) -> Any:
    """The hydra config for these overrides (plugins imported first, so their suites compose)."""
    from hydra import compose as hydra_compose
    from hydra import initialize_config_dir
    from hydra.errors import HydraException, MissingConfigException
    from omegaconf.errors import OmegaConfBaseException

    overrides = list(overrides)
    for o in overrides:
        if o.startswith("plugins="):
            suites.load_plugins(_list_value(o.split("=", 1)[1]))
    # `suite=x` reads naturally; hydra wants `+suite=x` for a group not in the defaults
    overrides = ["+" + o if o.startswith("suite=") else o for o in overrides]
    # `tiers=<file.yaml>`: a tier list kept outside configs/tiers (e.g. a team's own edition)
    tier_file = None
    for o in list(overrides):
        m = re.match(r"^tiers=(.*\.ya?ml)$", o)
        if m:
            tier_file = Path(m.group(1)).expanduser()
            overrides.remove(o)
    search = []
    for o in overrides:
        m = re.match(r"^\+suite=(.*)$", o)
        if m:
            suite = suites.get(m.group(1))  # unknown suite: one line naming the known ones
            if not suite.config_file().is_file():
                raise ConfigError(f"suite '{suite.name}' has no config file {suite.config_file()}")
            if suite.config_dir is not None:
                search.append(f"file://{suite.config_dir}")
        m = re.match(r"^tiers=(.*)$", o)
        if m and m.group(1) not in _group_options("tiers"):
            raise ConfigError(f"unknown tier list '{m.group(1)}' "
                              f"(available: {', '.join(_group_options('tiers'))})")
    if search:
        overrides.append(f"hydra.searchpath=[{','.join(search)}]")
    logging.getLogger("hydra").setLevel(logging.ERROR)
    try:
        with initialize_config_dir(config_dir=str(CONFIG_DIR), version_base=None):
            cfg = hydra_compose("config", overrides=overrides)
        if tier_file is not None:
            cfg.tiers = _tier_file(tier_file)
        return cfg
    except MissingConfigException as ex:
        raise ConfigError(str(ex).strip().splitlines()[0]) from None
    except (HydraException, OmegaConfBaseException, ValueError) as ex:
        msg = str(ex).strip().splitlines()[0] if str(ex).strip() else type(ex).__name__
        if ("No match in config" in msg or "Key '" in msg and "not in struct" in msg
                or msg.startswith("Could not override")):
            key = re.search(r"'([^']+)'", msg)
            msg = f"unknown override '{key.group(1) if key else msg}' (see configs/config.yaml)"
        raise ConfigError(msg) from None


def _tier_file(path: Path) -> Any:
    from omegaconf import DictConfig, OmegaConf

    if not path.is_file():
        raise ConfigError(f"tier list file not found: {path}")
    try:
        loaded = OmegaConf.load(path)
    except Exception as ex:  # YAML syntax: one line naming the file
        raise ConfigError(f"tier list {path} is not valid YAML: "
                          f"{str(ex).strip().splitlines()[0]}") from None
    if not isinstance(loaded, DictConfig):
        raise ConfigError(f"tier list {path} must be a mapping (edition, made_on, tiers)")
    return loaded


# ---------------------------------------------------------------- checking


def _int(section: dict[str, Any], key: str, minimum: int, allow_none: bool,
         where: str = "") -> int | None:
    v = section.get(key)
    if v is None and allow_none:
        return None
    if isinstance(v, bool) or not isinstance(v, int) or v < minimum:
        raise ConfigError(f"{where}{key} must be a whole number >= {minimum} (got {v!r})")
    return v


def _number(section: dict[str, Any], key: str, lo: float, hi: float | None, what: str,
            where: str = "") -> float:
    v = section.get(key)
    if isinstance(v, bool) or not isinstance(v, (int, float)) or v < lo or (hi is not None
                                                                            and v > hi):
        raise ConfigError(f"{where}{key} must be {what} (got {v!r})")
    return float(v)


def _names(section: dict[str, Any], key: str) -> list[str] | None:
    v = section.get(key)
    if v is None:
        return None
    if isinstance(v, str):
        return [v]
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise ConfigError(f"{key} must be a list of names, e.g. {key}=[a,b] (got {v!r})")
    return list(v)


def _epochs(raw: dict[str, Any]) -> int:
    """epochs=K, or epochs=auto: up to epochs_max, stopped early per (model, task type)."""
    if raw.get("epochs") == "auto":
        return _int(raw, "epochs_max", 2, False, "with epochs=auto, ") or 2
    if isinstance(raw.get("epochs"), str):
        raise ConfigError(f"epochs must be a whole number >= 1 or auto (got {raw['epochs']!r})")
    return _int(raw, "epochs", 1, False) or 1


def _judge(raw: dict[str, Any], suite: Suite | None) -> str | None:
    v = raw.get("judge")
    if v is None:
        return None
    if not isinstance(v, str) or not v.strip():
        raise ConfigError(f"judge must name a model of the tier list (got {v!r})")
    if suite is not None and not suite.judged:
        raise ConfigError(f"suite '{suite.name}' has no judge: judge= is for suites that grade "
                          f"prose (architecture)")
    return v.strip()


def _pairs(raw: dict[str, Any]) -> str | tuple[str, ...]:
    v = raw.get("pairs", "same_provider")
    if v in ("same_provider", "all"):
        return str(v)
    names = [v] if isinstance(v, str) else v
    if (not isinstance(names, list) or not names or not all(
            isinstance(n, str) and n.count("+") == 1 and all(n.split("+")) for n in names)):
        raise ConfigError(f"pairs must be same_provider, all, or a list of "
                          f"reasoning+execution model names (got {v!r})")
    return tuple(names)


def settings(cfg: Any) -> Settings:
    """Check a composed config once; a bad value is one line."""
    from omegaconf import OmegaConf

    raw: dict[str, Any] = OmegaConf.to_container(cfg, resolve=True)  # type: ignore[assignment]
    suite = options = None
    if raw.get("suite") is not None:
        suite = suites.get(str(raw["suite"].get("name")))
        options = suite.options(base=raw["suite"])
    solver = raw.get("solver")
    if solver is not None and solver not in SOLVERS:
        raise ConfigError(f"solver must be {' or '.join(SOLVERS)} (got {solver!r})")
    if raw.get("sandbox") not in CHOICES:
        raise ConfigError(f"sandbox must be one of {', '.join(CHOICES)} "
                          f"(got '{raw.get('sandbox')}')")
    limits = {}
    for key, value in (raw.get("sandbox_limits") or {}).items():
        if key not in SandboxLimits.model_fields:
            raise ConfigError(f"unknown sandbox_limits.{key} (known: "
                              f"{', '.join(SandboxLimits.model_fields)})")
        if value is not None:
            # memory_mb=0 turns the per-sample cgroup off; every other cap is at least 1
            limits[key] = _int(raw["sandbox_limits"], key, 0 if key == "memory_mb" else 1, False,
                               "sandbox_limits.")
    cost = raw.get("cost_limit")
    if cost is not None and (isinstance(cost, bool) or not isinstance(cost, (int, float))
                             or not cost > 0):
        raise ConfigError(f"cost_limit must be a positive number of US dollars (got {cost!r})")
    r = raw.get("retries") or {}
    retries = Retries(model=_int(r, "model", 0, True, "retries."),
                      model_timeout=_int(r, "model_timeout", 0, True, "retries."),
                      sample=_int(r, "sample", 0, False, "retries.") or 0,
                      task=_int(r, "task", 0, False, "retries.") or 0,
                      wait=_number(r, "wait", 0, None, "a number of seconds >= 0", "retries."))
    rep = raw.get("report") or {}
    report = ReportSettings(
        run=str(rep.get("run")),
        bar=_number(rep, "bar", 0, 1, "a number between 0 and 1"),
        margin=_number(rep, "margin", 0, 1, "a number between 0 and 1"),
        bootstrap=_int(rep, "bootstrap", 100, False) or 0,
        seed=_int(rep, "seed", 0, False) or 0,
        edition=str(rep["edition"]) if rep.get("edition") else None,
        hub_repo=str(rep["hub_repo"]) if rep.get("hub_repo") else None,
        out=Path(str(rep["out"])).expanduser() if rep.get("out") else None)
    if raw.get("epochs") == "auto" and (raw.get("clarity", SCOPED) != SCOPED
                                         or raw.get("workflow", SOLO) not in (SOLO, [SOLO])):
        raise ConfigError("epochs=auto decides the tiers' verdicts; run clarity= and workflow= "
                          "experiments with a fixed number of epochs")
    return Settings(
        raw=raw, suite=suite, options=options,
        edition=load_edition(raw["tiers"]),
        tasks_root=in_project(raw["tasks_root"]) if raw.get("tasks_root") else TASKS_ROOT,
        results_dir=in_project(str(raw["results_dir"])),
        sandbox=str(raw["sandbox"]), sandbox_limits=SandboxLimits(**limits),
        limit=_int(raw, "limit", 1, True), epochs=_epochs(raw),
        adaptive=raw.get("epochs") == "auto",
        models=_names(raw, "models"), task_ids=_names(raw, "task_ids"), solver=solver,
        judge=_judge(raw, suite), clarities=asked(raw.get("clarity", SCOPED), suite),
        workflows=workflows_of(raw.get("workflow", SOLO), suite), pairs=_pairs(raw),
        run_id=str(raw["run_id"]) if raw.get("run_id") else None,
        resume=str(raw["resume"]) if raw.get("resume") else None,
        max_samples=_int(raw, "max_samples", 1, True), max_tasks=_int(raw, "max_tasks", 1, True),
        display=raw.get("display"),
        fail_on_error=_number(raw, "fail_on_error", 0, 1, "a fraction between 0 and 1"),
        cost_limit=float(cost) if cost is not None else None,
        retries=retries, report=report, plugins=tuple(_names(raw, "plugins") or ()))


def load(overrides: list[str]) -> Settings:
    return settings(compose(overrides))
