"""`python -m evals publish`: one tier-list edition's report, charts and per-sample dataset."""

from __future__ import annotations

import shutil
from pathlib import Path

from evals.errors import ReportError
from evals.report.build import ReportOptions, ReportResult, build_report
from evals.report.frame import load_frame


def publish(runs_dir: Path, edition: str, out: Path, opts: ReportOptions,
            hub_repo: str | None = None) -> ReportResult:
    """Write results/published/<edition>/: report.md/html, charts, samples as a datasets dataset."""
    loaded = load_frame([runs_dir], opts.task_labels)
    frame = loaded.frame
    known = sorted(frame["edition"].dropna().unique()) if not frame.empty else []
    if edition not in known:
        raise ReportError(f"no samples of edition '{edition}' in {runs_dir} "
                          f"(editions found: {', '.join(known) or 'none'})")
    loaded.frame = frame[frame["edition"] == edition].reset_index(drop=True)
    # published data names each log by file, not by where it lay on this machine
    loaded.frame["log"] = loaded.frame["log"].map(lambda p: Path(str(p)).name)
    staging = out.with_name(out.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    result = build_report([runs_dir], staging, opts, title=f"tierfit: tier list {edition}",
                          loaded=loaded)
    from datasets import Dataset

    ds = Dataset.from_pandas(loaded.frame, preserve_index=False)
    ds.save_to_disk(str(staging / "dataset"))
    if hub_repo:
        ds.push_to_hub(hub_repo)
    # replace the published folder only once everything was written
    shutil.rmtree(out, ignore_errors=True)
    staging.rename(out)
    result.out_dir = out
    return result
