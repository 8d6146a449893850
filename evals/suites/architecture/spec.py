"""The architecture suite's task.yaml fields (docs/design.md section 4.4): a question of one
kind (decision, review, diagnosis), its key, and labelled answers that `validate` grades."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evals.errors import TaskError
from evals.suites.architecture.grading import (
    DECISION,
    DIAGNOSIS,
    KINDS,
    REVIEW,
    SEVERITIES,
    Defect,
    Key,
    Term,
)
from evals.taskspec import Decoy, TaskSpec, decoys, file_in, strs, text, work_tree_files

REQUIRED = ("kind", "question", "files", "answers")
OPTIONAL = ("options", "key", "review_patch", "defects", "harmless", "allowed_false_positives",
            "bug_patch", "symptom_test", "root_cause", "rubric", "notes")
KIND_KEYS = {DECISION: ("options", "key"),
             REVIEW: ("review_patch", "defects", "harmless"),
             DIAGNOSIS: ("bug_patch", "symptom_test", "root_cause")}
# label -> required on every labelled answer; the partial labels say *why* an answer gets its
# verdict (the right choice for the wrong reasons, the right file but another definition)
ANSWER_LABELS = {"correct": True, "deviated": True, "parsed": False, "choice_right": False,
                 "file_right": False, "symbol_right": False, "all_critical_found": False}


@dataclass(frozen=True)
class Change:
    """A harmless change of a review's diff (a finding on it is a false positive)."""

    file: str
    lines: tuple[int, int]
    summary: str


@dataclass(frozen=True, kw_only=True)
class ArchitectureSpec(TaskSpec):
    kind: str
    question: str
    files: tuple[str, ...]  # the files the question is about: shown first in a oneshot prompt
    key: Key
    answers: tuple[Decoy, ...]
    options: tuple[tuple[str, str], ...] = ()
    review_patch: Path | None = None  # review: the change under review, applied in the work tree
    harmless: tuple[Change, ...] = ()
    bug_patch: Path | None = None  # diagnosis: makes the failure; applied, never shown
    symptom_test: Path | None = None  # diagnosis: fails with the bug, passes without it
    rubric: str = ""  # what an optional judge model grades the prose against
    # review: findings matching no defect this task allows (None: the suite's setting)
    allowed_false_positives: int | None = None

    @property
    def start_patch(self) -> Path | None:
        """The patch that turns the fixture repo into the work tree the question is about."""
        return self.review_patch or self.bug_patch

    def start_files(self) -> dict[str, bytes]:
        """The files of the work tree the question is about."""
        return work_tree_files(self.repo_dir, self.start_patch)

    def labels(self) -> dict[str, str]:
        return {**super().labels(), "kind": self.kind}

    def graded_key(self, options: Any) -> Key:
        """The key with the suite's settings (`line_slack`, and `allowed_false_positives` where
        the task gives none)."""
        afp = self.allowed_false_positives
        return dataclasses.replace(
            self.key, line_slack=options.line_slack,
            allowed_false_positives=options.allowed_false_positives if afp is None else afp)

    def metadata(self) -> dict[str, Any]:
        return {
            **super().metadata(),
            "start_patch": str(self.start_patch) if self.start_patch else None,
            "focus_files": list(self.files),
            "rubric": self.rubric,
        }

    def sample_metadata(self, options: Any) -> dict[str, Any]:
        """What the scorer reads: the metadata and the key graded with `options`."""
        return {**self.metadata(), "key": key_dict(self.graded_key(options))}


def key_dict(key: Key) -> dict[str, Any]:
    """The key as plain values (a sample's metadata); `key_of` reads it back."""
    def terms(ts: tuple[Term, ...]) -> list[dict[str, Any]]:
        return [{"name": t.name, "phrasings": list(t.phrasings)} for t in ts]

    return {"kind": key.kind, "choice": key.choice, "options": list(key.options),
            "must_weigh": terms(key.must_weigh),
            "defects": [{"id": d.id, "file": d.file, "lines": [list(r) for r in d.lines],
                         "severity": d.severity, "kind": d.kind, "summary": d.summary}
                        for d in key.defects],
            "allowed_false_positives": key.allowed_false_positives,
            "line_slack": key.line_slack, "file": key.file, "symbol": key.symbol,
            "mechanism": terms(key.mechanism)}


def key_of(d: dict[str, Any]) -> Key:
    def terms(ts: list[dict[str, Any]]) -> tuple[Term, ...]:
        return tuple(Term(t["name"], tuple(t["phrasings"])) for t in ts)

    return Key(kind=d["kind"], choice=d["choice"], options=tuple(d.get("options", ())),
               must_weigh=terms(d["must_weigh"]),
               defects=tuple(Defect(x["id"], x["file"], tuple((a, b) for a, b in x["lines"]),
                                    x["severity"], x["kind"], x.get("summary", ""))
                             for x in d["defects"]),
               allowed_false_positives=int(d["allowed_false_positives"]),
               line_slack=int(d["line_slack"]), file=d["file"], symbol=d["symbol"],
               mechanism=terms(d["mechanism"]))


# ---------------------------------------------------------------- reading task.yaml


def _terms(raw: Any, where: str) -> tuple[Term, ...]:
    """`[name, ...]` or `[{name:, terms: [...]}, ...]`: a bare string is its own only phrasing."""
    if not isinstance(raw, list) or not raw:
        raise TaskError(f"{where}: must be a non-empty list")
    out = []
    for t in raw:
        if isinstance(t, str) and t.strip():
            out.append(Term(t.strip(), (t.strip(),)))
        elif isinstance(t, dict) and isinstance(t.get("name"), str):
            phr = strs(t.get("terms"), f"{where}: {t['name']}.terms")
            if not phr or not all(p.strip() for p in phr):
                raise TaskError(f"{where}: {t['name']} needs non-empty terms")
            out.append(Term(t["name"], tuple(p.strip() for p in phr)))
        else:
            raise TaskError(f"{where}: each entry is a phrase or {{name, terms}}")
    return tuple(out)


def _lines(raw: Any, where: str) -> tuple[int, int]:
    if (not isinstance(raw, list) or len(raw) != 2
            or not all(isinstance(x, int) and not isinstance(x, bool) and x >= 1 for x in raw)
            or raw[0] > raw[1]):
        raise TaskError(f"{where}: lines must be [first, last], 1-based")
    return raw[0], raw[1]


def _ranges(raw: Any, where: str) -> tuple[tuple[int, int], ...]:
    """A defect's `lines`: `[first, last]`, or a list of them (a cause and where it bites)."""
    if isinstance(raw, list) and raw and all(isinstance(r, list) for r in raw):
        return tuple(_lines(r, where) for r in raw)
    return (_lines(raw, where),)


def _repo_file(repo_files: set[str], f: Any, where: str) -> str:
    if not isinstance(f, str) or f not in repo_files:
        raise TaskError(f"{where}: {f!r} is not a file of the work tree")
    return f


def load_architecture(common: dict[str, Any], raw: dict[str, Any], where: str,
                      start_files: Any) -> ArchitectureSpec:
    """`start_files(patch)`: the work tree's paths once a task's patch is applied (the keyed
    files must exist there)."""
    task_dir: Path = common["dir"]
    kind = raw["kind"]
    if kind not in KINDS:
        raise TaskError(f"{where}: kind must be one of {', '.join(KINDS)}")
    for k in KIND_KEYS[kind]:
        if k not in raw:
            raise TaskError(f"{where}: a {kind} task needs '{k}'")
    others = {k for kk, keys in KIND_KEYS.items() if kk != kind for k in keys} & set(raw)
    if others:
        raise TaskError(f"{where}: '{min(others)}' does not belong to a {kind} task")
    question = text(raw, "question", where)
    files = strs(raw["files"], f"{where}: files")
    if not files:
        raise TaskError(f"{where}: files must name the files the question is about")
    review_patch = bug_patch = symptom = None
    options: tuple[tuple[str, str], ...] = ()
    harmless: tuple[Change, ...] = ()
    if kind == REVIEW:
        review_patch = file_in(task_dir, raw["review_patch"], f"{where}: review_patch")
    if kind == DIAGNOSIS:
        bug_patch = file_in(task_dir, raw["bug_patch"], f"{where}: bug_patch")
        symptom = file_in(task_dir, raw["symptom_test"], f"{where}: symptom_test")
    present = set(start_files(review_patch or bug_patch))
    for f in files:
        _repo_file(present, f, f"{where}: files")
    afp = raw.get("allowed_false_positives")
    if afp is not None and (isinstance(afp, bool) or not isinstance(afp, int) or afp < 0):
        raise TaskError(f"{where}: allowed_false_positives must be a whole number >= 0")
    if kind == DECISION:
        opts = raw["options"]
        if (not isinstance(opts, dict) or not 3 <= len(opts) <= 4
                or not all(isinstance(k, str) and len(k) == 1 and k.isupper() for k in opts)
                or not all(isinstance(v, str) and len(v.strip()) >= 20 for v in opts.values())):
            raise TaskError(f"{where}: options must map 3-4 capital letters to real options")
        options = tuple((k, v.strip()) for k, v in sorted(opts.items()))
        kr = raw["key"]
        if not isinstance(kr, dict) or kr.get("choice") not in opts:
            raise TaskError(f"{where}: key.choice must be one of the options")
        key = Key(DECISION, choice=kr["choice"], options=tuple(k for k, _ in options),
                  must_weigh=_terms(kr.get("must_weigh"), f"{where}: key.must_weigh"))
    elif kind == REVIEW:
        defects = []
        for i, d in enumerate(raw["defects"] or []):
            w = f"{where}: defect {i + 1}"
            if not isinstance(d, dict) or any(k not in d for k in ("id", "file", "lines",
                                                                     "severity", "kind")):
                raise TaskError(f"{w} needs id, file, lines, severity and kind")
            if d["severity"] not in SEVERITIES:
                raise TaskError(f"{w}: severity must be one of {', '.join(SEVERITIES)}")
            defects.append(Defect(str(d["id"]), _repo_file(present, d["file"], w),
                                  _ranges(d["lines"], w), d["severity"], str(d["kind"]),
                                  str(d.get("summary", ""))))
        if not 2 <= len(defects) <= 5 or len({d.id for d in defects}) != len(defects):
            raise TaskError(f"{where}: a review plants 2-5 defects with distinct ids")
        harmless = tuple(Change(_repo_file(present, h.get("file"), f"{where}: harmless"),
                                _lines(h.get("lines"), f"{where}: harmless"),
                                str(h.get("summary", "")))
                         for h in (raw["harmless"] or []) if isinstance(h, dict))
        if len(harmless) != len(raw["harmless"] or []) or not harmless:
            raise TaskError(f"{where}: harmless must list the diff's changes that are not "
                            f"defects, each with file and lines")
        key = Key(REVIEW, defects=tuple(defects))
    else:
        rc = raw["root_cause"]
        if not isinstance(rc, dict) or not all(isinstance(rc.get(k), str) and rc.get(k)
                                               for k in ("file", "symbol")):
            raise TaskError(f"{where}: root_cause needs file, symbol and mechanism")
        key = Key(DIAGNOSIS, file=_repo_file(present, rc["file"], f"{where}: root_cause"),
                  symbol=rc["symbol"],
                  mechanism=_terms(rc.get("mechanism"), f"{where}: root_cause.mechanism"))
    rubric = raw.get("rubric") or ""
    if not isinstance(rubric, str):
        raise TaskError(f"{where}: rubric must be text")
    answers = decoys(task_dir, raw["answers"], where, "answer", ANSWER_LABELS)
    if not answers:
        raise TaskError(f"{where}: answers must list the labelled answers")
    return ArchitectureSpec(
        **common, kind=kind, question=question, files=files, key=key, answers=answers,
        options=options, review_patch=review_patch, harmless=harmless, bug_patch=bug_patch,
        symptom_test=symptom, rubric=rubric.strip(), allowed_false_positives=afp)
