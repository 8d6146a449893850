"""A memory and process cap per sample, where the host lets us make cgroups (docs/design.md 6).

Rlimits are per process: 64 processes of 4 GiB each is not a bound on a sample. A cgroup is:
every process of the sample (and the tmpfs pages it writes) is charged to it, and the kernel
kills inside it when it goes past its memory. Each sample gets its own cgroup; every bwrap of
the sample is started in it by a shell that enters it and then execs bwrap.

Two layouts work: cgroup v1 with writable `memory` and `pids` hierarchies (our own cgroup in
each), and cgroup v2 where our cgroup already delegates `memory` and `pids` to children (a
systemd `Delegate=` unit, a container given its cgroup). Anywhere else (a read-only
/sys/fs/cgroup, no delegation) `problem()` says why, and the caps are the rlimits alone.
"""

from __future__ import annotations

import atexit
import functools
import os
import signal
import time
from pathlib import Path

ROOT = Path("/sys/fs/cgroup")
# the shell that puts itself in the sample's cgroups, then becomes the command
ENTER = ('for f do [ "$f" = -- ] && break; echo $$ > "$f" || exit 124; done; '
         'while [ "$1" != -- ]; do shift; done; shift; exec "$@"')
ENTER_FAILED = 124


def _own_paths() -> dict[str, str]:
    """Our cgroup per hierarchy: {"": path} for v2, {"memory": path, "pids": path} for v1."""
    out: dict[str, str] = {}
    for line in Path("/proc/self/cgroup").read_text().splitlines():
        _, controllers, path = line.split(":", 2)
        for c in controllers.split(",") if controllers else [""]:
            out[c] = path
    return out


@functools.cache
def layout() -> tuple[str, dict[str, Path]] | str:
    """("v1" or "v2", {controller: the folder our sample cgroups go in}), or why there is none
    (cached per process)."""
    try:
        own = _own_paths()
    except OSError as ex:
        return f"cannot read /proc/self/cgroup ({ex})"
    base = f"tierfit-{os.getpid()}"
    if (ROOT / "cgroup.controllers").exists() and "" in own:  # unified (v2)
        mine = ROOT / own[""].lstrip("/")
        try:
            delegated = set((mine / "cgroup.subtree_control").read_text().split())
        except OSError as ex:
            return f"cgroup v2: cannot read our cgroup ({ex})"
        if not {"memory", "pids"} <= delegated:
            return (f"cgroup v2: our cgroup {own['']} does not delegate memory and pids to "
                    "child cgroups")
        where = {"": mine / base}
        kind = "v2"
    else:
        where = {}
        for c in ("memory", "pids"):
            if c not in own or not (ROOT / c).is_dir():
                return f"cgroup v1: no {c} hierarchy"
            where[c] = ROOT / c / own[c].lstrip("/") / base
        kind = "v1"
    try:
        for d in where.values():
            d.mkdir(exist_ok=True)
    except OSError as ex:
        return f"cgroup {kind}: cannot make a cgroup ({ex.strerror})"
    atexit.register(_remove, list(where.values()))
    return kind, where


def _remove(dirs: list[Path]) -> None:
    for d in dirs:
        try:
            d.rmdir()  # empty by now: each sample removed its own
        except OSError:
            pass


def problem() -> str | None:
    found = layout()
    return found if isinstance(found, str) else None


class SampleCgroup:
    """One sample's cgroup(s): a memory cap (swap included) and a process cap."""

    def __init__(self, name: str, memory_mb: int, pids: int) -> None:
        found = layout()
        assert not isinstance(found, str), found
        self.kind, parents = found
        self.dirs = {c: p / name for c, p in parents.items()}
        mb = memory_mb * 1024 * 1024
        try:
            for c, d in self.dirs.items():
                d.mkdir()
                if self.kind == "v2":
                    (d / "memory.max").write_text(str(mb))
                    if (d / "memory.swap.max").exists():
                        (d / "memory.swap.max").write_text("0")
                    (d / "pids.max").write_text(str(pids))
                elif c == "memory":
                    (d / "memory.limit_in_bytes").write_text(str(mb))
                    if (d / "memory.memsw.limit_in_bytes").exists():
                        (d / "memory.memsw.limit_in_bytes").write_text(str(mb))
                else:
                    (d / "pids.max").write_text(str(pids))
        except OSError:
            self.close()
            raise

    def enter_files(self) -> list[str]:
        return [str(d / "cgroup.procs") for d in self.dirs.values()]

    def wrap(self, argv: list[str]) -> list[str]:
        """argv run from inside the sample's cgroups."""
        return ["/bin/sh", "-c", ENTER, "tierfit-cgroup", *self.enter_files(), "--", *argv]

    def pids(self) -> set[int]:
        found: set[int] = set()
        for f in self.enter_files():
            try:
                found |= {int(p) for p in Path(f).read_text().split()}
            except OSError:
                pass
        return found

    def close(self, bound: float = 5.0) -> bool:
        """Kill whatever is left in it and remove it; False when something could not be."""
        deadline = time.monotonic() + bound
        for d in self.dirs.values():
            if (d / "cgroup.kill").exists():
                try:
                    (d / "cgroup.kill").write_text("1")
                except OSError:
                    pass
        while (left := self.pids()) and time.monotonic() < deadline:
            for pid in left:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.02)
        removed = True
        for d in self.dirs.values():
            while True:
                try:
                    d.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    if time.monotonic() > deadline:  # still busy: leave it, say so
                        removed = False
                        break
                    time.sleep(0.02)
        return removed and not left
