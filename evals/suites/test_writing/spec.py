"""The test-writing suite's task.yaml fields (docs/design.md section 4.2).

A task gives a specification as numbered requirements (R1..Rn) of code that already exists, and
names the one test file to create. Its variants are behaviour-equivalent rewrites of the code
under test (valid tests pass on every one), its mutants plausible bugs that each break one named
requirement (correct tests kill every one). Variants, mutants and the reference are patches the
host applies to copies of the repo: task data, of which nothing runs on the host.
"""

from __future__ import annotations

import functools
import random
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evals.errors import TaskError
from evals.scorers.scope import is_test_file
from evals.taskspec import Decoy, TaskSpec, decoys, file_in, repo_files, strs, text

REQUIRED = ("ticket", "target", "test_file", "variants", "mutants", "reference")
OPTIONAL = ("decoys",)
# label -> required on every decoy (`killed`: how many listed mutants its tests kill)
DECOY_LABELS = {"valid": False, "correct": False, "deviated": False, "killed": False}
MIN_VARIANTS = 2
MIN_MUTANTS = 8
_REQUIREMENT = re.compile(r"^\s*(R\d+)[.:)]\s", re.MULTILINE)


@dataclass(frozen=True)
class MutantSpec:
    patch: Path
    breaks: str  # the requirement it breaks, e.g. "R3"

    @property
    def name(self) -> str:
        return self.patch.stem


@dataclass(frozen=True, kw_only=True)
class TestWritingSpec(TaskSpec):
    __test__ = False  # not a pytest class, whatever its name says

    ticket: str
    target: tuple[str, ...]
    test_file: str
    requirements: tuple[str, ...]
    variants: tuple[Path, ...]
    mutants: tuple[MutantSpec, ...]
    reference: Path
    decoys: tuple[Decoy, ...] = ()

    def reference_test(self) -> bytes:
        return changed_files(self.repo_dir, self.reference).get(self.test_file, b"")

    def metadata(self) -> dict[str, Any]:
        return {
            **super().metadata(),
            "test_file": self.test_file,
            "target": list(self.target),
            "variants": [str(p) for p in self.variants],
            "mutants": [{"patch": str(m.patch), "breaks": m.breaks} for m in self.mutants],
            "reference": str(self.reference),
            "focus_files": sorted({t.split("::", 1)[0] for t in self.target}),
        }


def library_mutants(repo_dir: Path, target: tuple[str, ...], limit: int,
                    seed: str) -> tuple[tuple[str, str, dict[str, bytes]], ...]:
    """Up to `limit` mutants of the target definitions made with mutmut's operators
    (evals/scorers/mutants.py): (name, what changed, the files that differ). A second score
    beside the task's planted mutants, never the verdict: some of them may be equivalent to
    the original. The sample is fixed per task (seeded by `seed`), so every model's tests meet
    the same ones."""
    if limit <= 0:
        return ()
    return _library(repo_dir, target, limit, seed)


@functools.cache
def _library(repo_dir: Path, target: tuple[str, ...], limit: int,
             seed: str) -> tuple[tuple[str, str, dict[str, bytes]], ...]:
    from evals.scorers.mutants import mutants
    from evals.scorers.scope import symbol_map

    wanted: dict[str, set[str]] = {}
    for t in target:
        path, _, name = t.partition("::")
        wanted.setdefault(path, set()).add(name)
    found = []
    for path, names in sorted(wanted.items()):
        source = (repo_dir / path).read_text(encoding="utf-8")
        smap = symbol_map(source) or {}
        lines = {n for n, sym in smap.items()
                 if any(sym == name or sym.startswith(name + ".") for name in names)}
        found += mutants(path, source, lines)
    found.sort(key=lambda m: m.id)
    chosen = sorted(random.Random(seed).sample(range(len(found)), min(limit, len(found))))
    return tuple((f"m{i:03d}", found[i].id, {found[i].path: found[i].source.encode()})
                 for i in chosen)


def changed_files(repo_dir: Path, patch: Path) -> dict[str, bytes]:
    """The files a task's own patch changes, as they are after it (a deleted file maps to b"")."""
    return dict(_changed(repo_dir, patch, patch.stat().st_mtime_ns))


@functools.cache
def _changed(repo_dir: Path, patch: Path, _mtime: int) -> tuple[tuple[str, bytes], ...]:
    original = repo_files(repo_dir)
    with tempfile.TemporaryDirectory(prefix="tierfit-tw-") as tmp:
        shutil.copytree(repo_dir, tmp, dirs_exist_ok=True)
        r = subprocess.run(["git", "apply", "--whitespace=nowarn", str(patch)], cwd=tmp,
                           capture_output=True, text=True, check=False)
        if r.returncode != 0:
            raise TaskError(f"{patch}: does not apply to the repo: {r.stderr.strip()[:300]}")
        after = repo_files(Path(tmp))
    changed = {p: d for p, d in after.items() if original.get(p) != d}
    changed.update({p: b"" for p in original if p not in after})
    return tuple(sorted(changed.items()))


def load_test_writing(common: dict[str, Any], raw: dict[str, Any], where: str) -> TestWritingSpec:
    task_dir: Path = common["dir"]
    repo_dir: Path = common["repo_dir"]
    ticket = text(raw, "ticket", where)
    requirements = tuple(dict.fromkeys(_REQUIREMENT.findall(ticket)))
    if not requirements:
        raise TaskError(f"{where}: the ticket states no requirements (lines starting R1., R2., ...)")
    target = strs(raw.get("target"), f"{where}: target")
    if not target:
        raise TaskError(f"{where}: target must name at least one path::Name")
    for t in target:
        path = t.split("::", 1)[0]
        if "::" not in t or not (repo_dir / path).is_file():
            raise TaskError(f"{where}: target {t} must be path::Name of a file in repo "
                            f"{common['repo']}")
    test_file = raw.get("test_file")
    if not isinstance(test_file, str) or not is_test_file(test_file) or \
            not test_file.endswith(".py") or ".." in test_file.split("/"):
        raise TaskError(f"{where}: test_file must be a test module path such as "
                        f"tests/test_x_spec.py")
    if (repo_dir / test_file).exists():
        raise TaskError(f"{where}: test_file {test_file} already exists in the repo")
    variants = raw.get("variants")
    if not isinstance(variants, list) or len(variants) < MIN_VARIANTS:
        raise TaskError(f"{where}: variants must list at least {MIN_VARIANTS} patches")
    variant_paths = tuple(file_in(task_dir, v, f"{where}: variant") for v in variants)
    mutants = raw.get("mutants")
    if not isinstance(mutants, list) or len(mutants) < MIN_MUTANTS:
        raise TaskError(f"{where}: mutants must list at least {MIN_MUTANTS} entries")
    found = []
    for i, m in enumerate(mutants):
        if not isinstance(m, dict) or set(m) != {"patch", "breaks"}:
            raise TaskError(f"{where}: mutant {i + 1} must be {{patch, breaks}}")
        if m["breaks"] not in requirements:
            raise TaskError(f"{where}: mutant {i + 1} breaks {m['breaks']!r}, which the ticket "
                            f"does not state")
        found.append(MutantSpec(file_in(task_dir, m["patch"], f"{where}: mutant"), m["breaks"]))
    unbroken = [r for r in requirements if r not in {m.breaks for m in found}]
    if unbroken:
        raise TaskError(f"{where}: no mutant breaks {unbroken[0]}")
    names = [p.stem for p in variant_paths] + [m.name for m in found]
    if len(set(names)) != len(names):
        raise TaskError(f"{where}: variant and mutant file names must be distinct")
    labelled = decoys(task_dir, raw.get("decoys"), where, "patch", DECOY_LABELS)
    # `killed` is a count, not a yes/no label
    for d, entry in zip(labelled, raw.get("decoys") or [], strict=True):
        if entry.get("killed") is not None:
            if not isinstance(entry["killed"], int) or entry["killed"] < 0:
                raise TaskError(f"{where}: decoy {d.path.name}: killed must be a count")
            d.labels["killed"] = entry["killed"]
    return TestWritingSpec(
        **common, ticket=ticket, target=target, test_file=test_file,
        requirements=requirements, variants=variant_paths, mutants=tuple(found),
        reference=file_in(task_dir, raw["reference"], f"{where}: reference"),
        decoys=labelled,
    )
