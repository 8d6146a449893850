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


def test_plain_summaries_give_the_rows_inspects_reader_gives(tmp_path) -> None:  # noqa: ANN001
    """The frame's fast reader (summaries.json as plain JSON) against inspect's own: the same
    rows for scored samples, an errored one, several epochs and usage, and None (so inspect's
    reader is used) where there is no consolidated summaries.json."""
    from inspect_ai import Task
    from inspect_ai import eval as inspect_eval
    from inspect_ai.dataset import Sample
    from inspect_ai.log import read_eval_log_sample_summaries
    from inspect_ai.model import ModelOutput, ModelUsage, get_model
    from inspect_ai.scorer import Score, scorer
    from inspect_ai.solver import generate

    from evals.logs import _plain_summaries, newest_headers
    from evals.report.frame import _header_rows, _sample_row

    @scorer(metrics=[])
    def judge():  # noqa: ANN202
        async def score(state, target):  # noqa: ANN001, ANN202
            if state.sample_id == "broken":
                raise RuntimeError("the judge fell over")
            ok = int(state.epoch == 1)
            return Score(value={"correct": ok, "deviated": 0, "accepted": ok, "excess": 0.5})
        return score

    def out() -> ModelOutput:
        o = ModelOutput.from_content("mockllm/model", "done")
        o.usage = ModelUsage(input_tokens=120, output_tokens=7, total_tokens=127,
                             reasoning_tokens=3)
        return o

    model = get_model("mockllm/model", custom_outputs=[out() for _ in range(6)])
    task = Task(dataset=[Sample(input="q", id=i, metadata={"task_type": "t", "labels": {"a": 1}})
                         for i in ("a", "b", "broken")], solver=generate(), scorer=judge())
    [log] = inspect_eval(task, model=model, epochs=2, display="none", log_dir=str(tmp_path),
                         fail_on_error=False)
    plain = _plain_summaries(log.location)
    inspects = list(read_eval_log_sample_summaries(log.location))
    assert plain is not None and len(plain) == len(inspects) == 6
    info = _header_rows(next(iter(newest_headers([log.location]).values())), log.location)[0]
    key = lambda r: (r["task"], r["epoch"])  # noqa: E731
    rows = sorted((_sample_row(s, info) for s in plain), key=key)
    assert rows == sorted((_sample_row(s, info) for s in inspects), key=key)
    assert {r["status"] for r in rows} == {"ok", "error"}
    assert any("the judge fell over" in str(r["error"]) for r in rows)
    assert _plain_summaries(str(tmp_path / "not-a-log.json")) is None
