"""Results kept between runs (a reference's test ids): read back instead of taken again, named
by everything they depend on, and ignored when damaged."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from evals.scorers import correctness
from evals.scorers.correctness import once_per_process, stored_result


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TIERFIT_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(correctness, "_ONCE", {})
    return tmp_path / "cache"


def _task(tmp_path: Path) -> tuple[str, ...]:
    repo = tmp_path / "repo"
    (repo / "pkg").mkdir(parents=True, exist_ok=True)
    (repo / "pkg" / "a.py").write_text("x = 1\n")
    (tmp_path / "reference.patch").write_text("--- a/pkg/a.py\n")
    return ("tickets", str(repo), str(tmp_path / "reference.patch"), "bwrap")


def test_a_kept_result_is_read_back_in_a_later_process(cache: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    key = _task(tmp_path)
    taken = []

    async def take() -> tuple[set[str], set[str]]:
        taken.append(1)
        return {"tests/test_a.py::test_x", "hidden/test_b.py::test_y[1]"}, set()

    first = asyncio.run(once_per_process(key, take, stored=True))
    monkeypatch.setattr(correctness, "_ONCE", {})  # as a new process starts
    again = asyncio.run(once_per_process(key, take, stored=True))
    assert first == again and len(taken) == 1
    assert stored_result(key).parent == cache / "results"


def test_a_failure_is_never_kept(cache: Path, tmp_path: Path) -> None:
    key = _task(tmp_path)

    async def broken() -> str:
        return "the reference does not apply"

    assert asyncio.run(once_per_process(key, broken, stored=True)) == "the reference does not apply"
    assert not stored_result(key).exists()


def test_any_change_to_what_it_depends_on_names_another_file(cache: Path, tmp_path: Path) -> None:
    key = _task(tmp_path)
    before = stored_result(key)
    (tmp_path / "repo" / "pkg" / "a.py").write_text("x = 2\n")  # the repo's content
    after_repo = stored_result(key)
    (tmp_path / "reference.patch").write_text("--- a/pkg/a.py\n+")  # the reference
    after_ref = stored_result(key)
    other_sandbox = stored_result((*key[:-1], "docker"))
    assert len({before, after_repo, after_ref, other_sandbox}) == 4


def test_a_damaged_kept_result_is_taken_again(cache: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    key = _task(tmp_path)

    async def take() -> set[str]:
        return {"t::a"}

    asyncio.run(once_per_process(key, take, stored=True))
    for damage in ("{not json", json.dumps({"neither": 1}), json.dumps([1, 2])):
        stored_result(key).write_text(damage)
        monkeypatch.setattr(correctness, "_ONCE", {})
        assert asyncio.run(once_per_process(key, take, stored=True)) == {"t::a"}
        assert json.loads(stored_result(key).read_text()) == {"set": ["t::a"]}


def test_a_fresh_take_runs_whatever_is_kept(cache: Path, tmp_path: Path) -> None:
    """The sandbox's proof must run here and now: a kept result would make it prove nothing."""
    key = _task(tmp_path)
    taken = []

    async def take() -> set[str]:
        taken.append(1)
        return {"t::a"}

    asyncio.run(once_per_process(key, take, stored=True))
    asyncio.run(once_per_process(key, take, stored=True))
    assert len(taken) == 1
    asyncio.run(once_per_process(key, take, stored=True, fresh=True))
    assert len(taken) == 2
