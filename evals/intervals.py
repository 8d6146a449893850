"""Interval arithmetic shared by the report and by adaptive sampling (which must decide with
exactly the report's intervals): Wilson intervals, the task-cluster bootstrap's resampling
index, and a rate over tasks with its 95% interval."""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np

# cap on the size of one block of the (n_boot, n_tasks) index matrix, to bound memory
_MAX_BLOCK = 4_000_000


Z = 1.96  # two-sided 95%


def wilson(k: float, n: int, z: float = Z) -> tuple[float, float]:
    """Wilson score interval for k successes in n units (k need not be whole: a share observed
    over n clusters); (nan, nan) when n == 0."""
    if n == 0:
        return (math.nan, math.nan)
    lo, hi = wilson_many(np.asarray(k, float), n, z)
    return (float(lo), float(hi))


def wilson_many(k: np.ndarray, n: int, z: float = Z) -> tuple[np.ndarray, np.ndarray]:
    """`wilson` for many k over the same n > 0 at once."""
    p = k / n
    denom = 1 + z * z / n
    center = (p + z * z / (2 * n)) / denom
    half = z * np.sqrt(np.maximum(p * (1 - p) / n + z * z / (4 * n * n), 0.0)) / denom
    # clamp: at k == 0 or k == n the bound is 0/1 analytically but rounding can stray past it
    return np.maximum(0.0, center - half), np.minimum(1.0, center + half)


def boot_index(n_tasks: int, n_boot: int, rng: np.random.Generator) -> Iterator[np.ndarray]:
    """Blocks of the (n_boot, n_tasks) resampling index matrix; block size depends on n_tasks
    only, so results stay reproducible for a given seed."""
    rows = max(1, _MAX_BLOCK // max(1, n_tasks))
    for start in range(0, n_boot, rows):
        yield rng.integers(0, n_tasks, size=(min(rows, n_boot - start), n_tasks))


def percentile_interval(draws: np.ndarray) -> tuple[float, float]:
    draws = draws[~np.isnan(draws)]
    if not len(draws):
        return (math.nan, math.nan)
    lo, hi = np.percentile(draws, [2.5, 97.5])
    return (float(lo), float(hi))


def cluster_rate(sums: np.ndarray, counts: np.ndarray, n_boot: int,
                 seed: int = 0) -> tuple[float, float, float]:
    """A rate over tasks (sums[i] successes in counts[i] samples of task i): the row-weighted
    mean and its 95% task-cluster bootstrap interval, widened to a Wilson interval over the
    tasks, as the report computes it (`stats._cluster_stats` for one value)."""
    sums, counts = np.asarray(sums, float), np.asarray(counts, float)
    n = counts.sum()
    if not len(counts) or not n:
        return (math.nan, math.nan, math.nan)
    p = float(sums.sum() / n)
    draws = []
    for idx in boot_index(len(counts), n_boot, np.random.default_rng(seed)):
        with np.errstate(invalid="ignore", divide="ignore"):
            draws.append(sums[idx].sum(axis=1) / counts[idx].sum(axis=1))
    lo, hi = percentile_interval(np.concatenate(draws))
    tasks = int((counts > 0).sum())
    if tasks and not math.isnan(lo):
        wlo, whi = wilson(p * tasks, tasks)
        lo, hi = min(lo, wlo), max(hi, whi)
    return (p, lo, hi)


def paired_interval(diffs: np.ndarray, n_boot: int, seed: int = 0) -> tuple[float, float, float]:
    """The mean of per-task differences (tier a's mean minus tier b's on each shared task) and
    its 95% bootstrap interval over tasks, as the report's paired difference computes it."""
    d = np.asarray(diffs, float)
    if not len(d):
        return (math.nan, math.nan, math.nan)
    draws = np.concatenate([d[idx].mean(axis=1) for idx in
                            boot_index(len(d), n_boot, np.random.default_rng(seed))])
    lo, hi = percentile_interval(draws)
    return (float(d.mean()), lo, hi)
