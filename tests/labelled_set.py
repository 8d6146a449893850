"""The labelled answer set: realistic answers to tickets, labelled by a reviewer from the tickets'
words before any scoring (tests/fixtures/labelled/labels-*.yaml), and how far the scorer agrees.

Run it on its own to see every disagreement (and the agreement of another checkout's scorer,
with PYTHONPATH pointing there):
    python -m tests.labelled_set [labelled|heldout] [concurrency]
"""

from __future__ import annotations

import asyncio
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent / "fixtures" / "labelled"
# authored later, by reviewers who saw only the tickets and the repos, and never used to tune
# the scorer: the measure of agreement on answers the scorer was not developed against
HELD_OUT = Path(__file__).resolve().parent / "fixtures" / "heldout"
SETS = {"labelled": HERE, "heldout": HELD_OUT}
LABELS = ("correct", "deviated", "accepted")


@dataclass(frozen=True)
class Answer:
    ticket: str
    patch: Path
    message: str | None
    correct: int
    deviated: int
    ambiguous: bool
    category: str
    why: str

    @property
    def accepted(self) -> int:
        return int(self.correct and not self.deviated)

    def label(self, key: str) -> int:
        return int(getattr(self, key))


def load(root: Path = HERE) -> list[Answer]:
    out = []
    for f in sorted(root.glob("labels-*.yaml")):
        for e in yaml.safe_load(f.read_text()) or []:
            out.append(Answer(e["ticket"], root / e["answer"], e.get("message"),
                              int(bool(e["correct"])), int(bool(e["deviated"])),
                              bool(e.get("ambiguous", False)), e.get("category", ""),
                              e.get("why", "")))
    return out


def score_all(answers: list[Answer], concurrency: int = 2) -> list[dict[str, Any]]:
    """Each answer scored as `python -m evals score task=... patch=... message=...` would."""
    from evals import config
    from evals.checks import sandbox_of
    from evals.suites import find_task, get

    settings = config.load(["+suite=tickets"])
    suite = get("tickets")
    options = settings.options_for(suite)
    sandbox = sandbox_of(settings)
    sem = asyncio.Semaphore(concurrency)

    async def one(a: Answer) -> dict[str, Any]:
        async with sem:
            spec = find_task(f"tickets/{a.ticket}", settings.tasks_root)
            try:
                return await suite.score(spec, a.patch.read_bytes(), sandbox, options, a.message)
            except TypeError:  # a checkout from before `score` took the final message
                return await suite.score(spec, a.patch.read_bytes(), sandbox, options)

    async def every() -> list[dict[str, Any]]:
        return await asyncio.gather(*(one(a) for a in answers))

    return asyncio.run(every())


def agreement(answers: list[Answer], results: list[dict[str, Any]]
              ) -> tuple[dict[str, float], list[tuple[Answer, dict[str, Any], list[str]]]]:
    """Agreement per label on the unambiguous answers, and every disagreement."""
    agree = dict.fromkeys(LABELS, 0)
    wrong = []
    clear = [(a, r) for a, r in zip(answers, results, strict=True) if not a.ambiguous]
    for a, r in clear:
        off = [k for k in LABELS if r.get("scored", True) and int(r.get(k) or 0) == a.label(k)]
        for k in off:
            agree[k] += 1
        missed = [k for k in LABELS if k not in off]
        if missed:
            wrong.append((a, r, missed))
    return {k: v / max(1, len(clear)) for k, v in agree.items()}, wrong


def main(argv: list[str]) -> int:
    import evals._registry  # noqa: F401

    which = argv[0] if argv and argv[0] in SETS else "labelled"
    numbers = [a for a in argv if a.isdigit()]
    answers = load(SETS[which])
    results = score_all(answers, int(numbers[0]) if numbers else 2)
    rates, wrong = agreement(answers, results)
    for a, r, missed in wrong:
        got = {k: r.get(k) for k in LABELS}
        want = {k: a.label(k) for k in LABELS}
        scope = r.get("scope") or {}
        print(f"{a.ticket}/{a.patch.name}: {', '.join(missed)} want {want} got {got}\n"
              f"    reviewer: {a.why}\n    scorer: out_of_scope={scope.get('out_of_scope')} "
              f"excess={scope.get('excess_edit')} failed={r.get('failed_tests', [])[:3]} "
              f"error={r.get('error')}")
    clear = sum(1 for a in answers if not a.ambiguous)
    print(f"{len(answers)} answers ({clear} unambiguous) on {len({a.ticket for a in answers})} "
          f"tickets: " + ", ".join(f"{k} {v:.3f}" for k, v in rates.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
