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
