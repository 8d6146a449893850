"""Which logs a run's readers take (the run table, the cost limit's resume, the report): the
newest log of each task of each model, so a resumed eval is not counted twice and logs of
distinct models that share a task id are not taken for each other (issue 16)."""

from __future__ import annotations

from types import SimpleNamespace

from evals.logs import drop_superseded


def header(task_id: str, model: str, created: str, task: str = "tickets") -> SimpleNamespace:
    return SimpleNamespace(eval=SimpleNamespace(task_id=task_id, model=model, created=created,
                                                task=task))


def test_a_resumed_log_supersedes_the_old_one_of_the_same_model() -> None:
    headers = {"/r/logs/a.eval": header("t1", "local/m", "2026-11-30T08:00"),
               "/r/logs/b.eval": header("t1", "local/m", "2026-11-30T09:00")}
    assert list(drop_superseded(headers)) == ["/r/logs/b.eval"]


def test_distinct_models_sharing_a_task_id_are_all_kept() -> None:
    headers = {f"/r/logs/{m}.eval": header("t1", f"p/{m}", "2026-11-30T08:00")
               for m in ("a", "b", "c")}
    headers["/r/logs/a2.eval"] = header("t1", "p/a", "2026-11-30T09:00")
    # another folder (another run) is never compared with this one
    headers["/other/logs/a.eval"] = header("t1", "p/a", "2026-11-30T07:00")
    assert sorted(drop_superseded(headers)) == ["/other/logs/a.eval", "/r/logs/a2.eval",
                                                "/r/logs/b.eval", "/r/logs/c.eval"]
