"""`python -m evals validate` proves every task of the tickets suite."""

from __future__ import annotations

import pytest

from evals.sandbox.bwrap import bwrap_problem
from tests.test_cli import cli


@pytest.mark.skipif(bwrap_problem() is not None, reason=str(bwrap_problem()))
def test_validate_tickets_passes_with_at_least_8_tasks() -> None:
    r = cli("validate", "+suite=tickets")
    assert r.returncode == 0, r.stdout[-3000:]
    summary = r.stdout.strip().splitlines()[-1]
    n_tasks = int(summary.split()[0])
    assert n_tasks >= 8 and ", 0 failed" in summary
    assert "FAIL" not in r.stdout


def test_validate_flags_a_hidden_test_that_flips(monkeypatch: pytest.MonkeyPatch, ticket_specs) -> None:  # noqa: ANN001
    """A reference that passes, then fails, then passes (a flaky hidden test) fails validation:
    every repeat must agree. (The scores are scripted: a real flaky test would make this flaky.)"""
    import asyncio

    from evals import checks
    from evals.sandbox import sandbox_spec
    from evals.suites import get

    suite = get("tickets")
    spec = ticket_specs["textkit-top-words-ties"]
    ref = spec.reference.read_bytes()
    outcomes = iter([1, 0, 1])

    async def scripted(s, patch, sandbox, options):  # noqa: ANN001, ANN202
        if patch == ref:
            return {"scored": True, "correct": next(outcomes), "deviated": 0, "tampered": 0}
        if patch is None:
            return {"scored": True, "correct": 0, "deviated": None, "tampered": 0, "error": None,
                    "behaviour_out_of_scope": 0}
        d = next(d for d in s.decoys if d.path.read_bytes() == patch)
        return {"scored": True, "tampered": 0, **d.labels}

    monkeypatch.setattr(suite, "score", scripted)
    got = asyncio.run(checks.validate_task(suite, spec, sandbox_spec("bwrap"), suite.options(),
                                           repeats=3))
    failed = [c.case for c in got if not c.ok]
    assert failed == ["reference#2"]
