"""Containment of the bwrap sandbox (docs/design.md section 6), with probes that are harmless if it fails.

Every probe touches only things this test made: an env var it set, a sentinel file in its own
temp dir, a loopback port it opened, a bounded number of forks.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import time
from pathlib import Path

import pytest

from evals.sandbox.bwrap import BwrapSandboxEnvironment, SandboxLimits, bwrap_problem

pytestmark = pytest.mark.skipif(bwrap_problem() is not None, reason=str(bwrap_problem()))


def run(coro):
    return asyncio.run(coro)


async def sh(sbx: BwrapSandboxEnvironment, script: str, timeout: int = 30):
    return await sbx.exec(["bash", "-c", script], timeout=timeout)


@pytest.fixture
def sbx():
    env = BwrapSandboxEnvironment()
    yield env
    env.close()


def test_secret_in_host_environment_is_not_visible(sbx, monkeypatch) -> None:
    monkeypatch.setenv("TIERFIT_PROBE_SECRET", "s3cr3t-value")
    r = run(sh(sbx, 'echo "[${TIERFIT_PROBE_SECRET:-unset}]"; env'))
    assert "[unset]" in r.stdout
    assert "s3cr3t-value" not in r.stdout


def test_sentinel_outside_work_dir_is_untouched(sbx, tmp_path: Path) -> None:
    sentinel = tmp_path / "sentinel.txt"
    sentinel.write_text("original")
    r = run(sh(sbx, f'echo tampered > "{sentinel}"; cat "{sentinel}"; echo x > /usr/probe'))
    assert r.returncode != 0
    assert sentinel.read_text() == "original"
    assert not Path("/usr/probe").exists()


def test_work_dir_is_writable_and_system_is_read_only(sbx) -> None:
    r = run(sh(sbx, "echo hi > note.txt && cat note.txt && touch /etc/probe 2>&1; true"))
    assert r.stdout.startswith("hi")
    assert (Path(sbx.host_workdir) / "note.txt").read_text() == "hi\n"
    assert "Read-only" in r.stdout or "Permission denied" in r.stdout or "No such" in r.stdout


def test_loopback_port_opened_by_the_test_is_unreachable(sbx) -> None:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.settimeout(0.5)
    port = server.getsockname()[1]
    try:
        probe = ("import socket\ntry:\n    socket.create_connection(('127.0.0.1', %d), 2)\n"
                 "    print('connected')\nexcept OSError as e:\n    print('refused', e)\n") % port
        r = run(sbx.exec(["python", "-c", probe], timeout=20))
        assert "refused" in r.stdout and "connected" not in r.stdout
        with pytest.raises(socket.timeout):
            server.accept()  # nothing ever reached the port
    finally:
        server.close()


def test_bounded_fork_is_stopped_by_the_process_limit() -> None:
    env = BwrapSandboxEnvironment(SandboxLimits(nproc=16))
    try:
        import inspect

        from tests import probe_battery

        probe = inspect.getsource(probe_battery) + "\nprint(probe_fork(40))\n"
        r = run(env.exec(["python", "-c", probe], timeout=30))
        ok, failed = map(int, r.stdout.split()[1::2])
        assert ok < 16 and failed == 40 - ok
        assert run(sh(env, "ulimit -u")).stdout.strip() == "16"
    finally:
        env.close()


def test_timeout_with_a_grandchild_holding_stdout_returns_on_time(sbx) -> None:
    t = time.monotonic()
    with pytest.raises(TimeoutError):
        run(sh(sbx, "(sleep 60 &); sleep 60", timeout=2))
    assert time.monotonic() - t < 8


def test_nothing_is_left_running_after_a_timeout(sbx) -> None:
    marker = f"tierfit-probe-{os.getpid()}-{time.monotonic_ns()}"
    with pytest.raises(TimeoutError):
        run(sh(sbx, f"(exec -a {marker} sleep 60 &); sleep 60", timeout=1))
    time.sleep(0.5)
    left = [p for p in Path("/proc").iterdir() if p.name.isdigit() and _cmdline(p).startswith(marker)]
    assert left == []


def _cmdline(p: Path) -> str:
    try:
        return (p / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


@pytest.mark.skipif(os.geteuid() != 0, reason="uid drop applies when started as root")
def test_runs_as_an_unprivileged_uid_when_root(sbx) -> None:
    r = run(sh(sbx, "id -u"))
    assert int(r.stdout.strip()) != 0


def test_host_side_read_does_not_follow_a_link_out_of_the_work_dir(sbx, tmp_path: Path) -> None:
    secret = tmp_path / "host-secret.txt"
    secret.write_text("host only")
    run(sh(sbx, f'ln -s "{secret}" link.txt; mkdir -p d; ln -s "{tmp_path}" d/out'))
    with pytest.raises(PermissionError):
        run(sbx.read_file("link.txt"))
    with pytest.raises(PermissionError):
        run(sbx.read_file("d/out/host-secret.txt"))
    with pytest.raises(PermissionError):
        run(sbx.write_file("d/out/host-secret.txt", "overwritten"))
    assert secret.read_text() == "host only"


def test_files_written_to_tmp_by_the_harness_are_visible_read_only(sbx) -> None:
    run(sbx.write_file("/tmp/setup.sh", "echo from-setup\n"))
    r = run(sh(sbx, "bash /tmp/setup.sh; echo scratch > /tmp/own && cat /tmp/own"))
    assert r.stdout.split() == ["from-setup", "scratch"]
    # /tmp is a fresh tmpfs per command: nothing the model wrote there survives
    assert run(sh(sbx, "cat /tmp/own 2>/dev/null || echo gone")).stdout.strip() == "gone"


def test_single_file_size_is_capped(sbx) -> None:
    env = BwrapSandboxEnvironment(SandboxLimits(file_size_mb=1))
    try:
        r = run(sh(env, "head -c 3000000 /dev/zero > big.bin; echo rc=$?"))
        assert "rc=0" not in r.stdout
        assert (Path(env.host_workdir) / "big.bin").stat().st_size <= 1024 * 1024
    finally:
        env.close()


def test_interpreter_shows_pytest_but_not_the_harness_packages(sbx) -> None:  # noqa: ANN001
    probe = ("import importlib.util as u\n"
             "print([m for m in ('pytest', 'pandas', 'dateutil', 'inspect_ai', 'evals') if u.find_spec(m)])")
    r = run(sbx.exec(["python", "-c", probe], timeout=30))
    assert r.stdout.strip() == "['pytest']", r.stderr
    run(sbx.write_file("t/test_probe.py", "def test_ok():\n    assert True\n"))
    r = run(sbx.exec(["python", "-I", "-m", "pytest", "-q", "t"], timeout=60))
    assert r.returncode == 0 and "1 passed" in r.stdout, r.stdout + r.stderr


def test_python_installation_is_read_only(sbx) -> None:  # noqa: ANN001
    import sys as _sys

    target = Path(_sys.prefix) / "tierfit-probe.txt"
    r = run(sbx.exec(["python", "-c", f"open({str(target)!r}, 'w').write('x')"], timeout=30))
    assert r.returncode != 0 and not target.exists()


def test_only_loopback_interface_exists(sbx) -> None:  # noqa: ANN001
    r = run(sbx.exec(["python", "-c", "import socket; print([n for _, n in socket.if_nameindex()])"],
                     timeout=30))
    assert r.stdout.strip() == "['lo']", r.stderr


def test_memory_is_capped(sbx) -> None:  # noqa: ANN001
    probe = "try:\n    b = bytearray(6 * 1024**3)\n    print('allocated')\nexcept MemoryError:\n    print('refused')\n"
    r = run(sbx.exec(["python", "-c", probe], timeout=60))
    assert "refused" in r.stdout and "allocated" not in r.stdout


def test_cpu_time_is_capped() -> None:
    env = BwrapSandboxEnvironment(SandboxLimits(cpu_seconds=1))
    try:
        t = time.monotonic()
        r = run(env.exec(["python", "-c", "while True: pass"], timeout=30))
        assert r.returncode != 0 and time.monotonic() - t < 10  # SIGXCPU/SIGKILL, not the timeout
    finally:
        env.close()


def test_total_disk_use_of_the_work_dir_is_capped() -> None:
    """Many files, each under the single-file cap, together past the work dir's cap."""
    env = BwrapSandboxEnvironment(SandboxLimits(work_size_mb=8, file_size_mb=4))
    try:
        r = run(sh(env, "for i in 1 2 3 4 5 6; do head -c 3000000 /dev/zero > f$i.bin || "
                        "{ echo stopped-at-$i; break; }; done; du -sk . | cut -f1"))
        assert "stopped-at-" in r.stdout, r
        total = sum(p.stat().st_size for p in Path(env.host_workdir).rglob("*") if p.is_file())
        assert total <= 8 * 1024 * 1024
        # the work dir still works afterwards: the cap is per work dir, not a broken sandbox
        assert run(sh(env, "rm f*.bin; echo ok > after.txt; cat after.txt")).stdout == "ok\n"
    finally:
        env.close()


def test_work_dir_stream_cannot_write_through_a_link_out_of_the_tree(sbx, tmp_path: Path) -> None:
    """What comes back from the sandbox is untrusted: a crafted stream with a link out of the
    tree and a file 'inside' that link, an absolute path and a `..` path writes nothing outside."""
    import io
    import tarfile

    outside = tmp_path / "outside"
    outside.mkdir()
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tf:
        link = tarfile.TarInfo("./out")
        link.type, link.linkname = tarfile.SYMTYPE, str(outside)
        tf.addfile(link)
        for name in ("./out/pwned", f"{outside}/abs", "../escape", "./ok.txt"):
            info = tarfile.TarInfo(name)
            info.size = 2
            tf.addfile(info, io.BytesIO(b"hi"))
    sbx._take_back(buf.getvalue())
    assert list(outside.iterdir()) == []
    assert not (tmp_path.parent / "escape").exists()
    work = Path(sbx.host_workdir)
    assert (work / "ok.txt").read_text() == "hi" and (work / "out").is_symlink()
    with pytest.raises(PermissionError):  # and the host side never follows that link
        run(sbx.read_file("out/pwned"))


def test_changes_of_a_command_that_timed_out_are_discarded(sbx) -> None:
    run(sh(sbx, "echo kept > a.txt"))
    with pytest.raises(TimeoutError):
        run(sh(sbx, "echo lost > a.txt; echo new > b.txt; sleep 30", timeout=2))
    assert run(sh(sbx, "cat a.txt; ls")).stdout.split() == ["kept", "a.txt"]


def test_output_past_the_cap_kills_the_command(sbx) -> None:
    from inspect_ai.util import OutputLimitExceededError

    with pytest.raises(OutputLimitExceededError):
        run(sh(sbx, "head -c 50000000 /dev/zero; echo done > after.txt", timeout=60))
    assert not (Path(sbx.host_workdir) / "after.txt").exists()


def test_a_command_killed_at_the_output_cap_never_hangs(sbx, monkeypatch) -> None:
    """Past the cap the command is killed and the call returns at once, every time: on Python
    3.11 a process's wait() waits for its pipes, so unread output left behind used to hang
    the call until its timeout (about two runs in three with a 1-byte cap)."""
    from inspect_ai.util import OutputLimitExceededError, SandboxEnvironmentLimits

    monkeypatch.setattr(SandboxEnvironmentLimits, "MAX_EXEC_OUTPUT_SIZE", 1)
    for _ in range(8):
        started = time.monotonic()
        with pytest.raises(OutputLimitExceededError):
            run(sh(sbx, "head -c 50000000 /dev/zero", timeout=20))
        elapsed = time.monotonic() - started
        assert elapsed < 10, f"the call took {elapsed:.1f} s"


def test_a_command_flooding_output_at_its_timeout_is_reaped_on_time(sbx, monkeypatch) -> None:
    """The timeout kills a command still writing; what it left in the pipes is drained, so
    the call returns at once (it used to hang in about seven runs of ten)."""
    from inspect_ai.util import SandboxEnvironmentLimits

    monkeypatch.setattr(SandboxEnvironmentLimits, "MAX_EXEC_OUTPUT_SIZE", 512 * 1024 * 1024)
    flood = ("import sys, time\nb = b'x' * 200000\n"
             "while True:\n sys.stdout.buffer.write(b); sys.stdout.flush(); time.sleep(0.003)")
    for _ in range(6):
        started = time.monotonic()
        with pytest.raises(TimeoutError):
            run(asyncio.wait_for(sbx.exec(["python", "-c", flood], timeout=1), 20))
        elapsed = time.monotonic() - started
        assert elapsed < 8, f"the call took {elapsed:.1f} s"


def test_concurrent_commands_and_writes_lose_no_update(sbx) -> None:
    """Parallel tool calls: each command works on a copy of the work dir, so commands and
    host-side writes of one sandbox run one at a time, and none undoes another."""
    async def together() -> None:
        await asyncio.gather(*(sh(sbx, f"sleep 0.2; echo {i} > cmd{i}.txt") for i in range(4)),
                             sbx.write_file("host.txt", "from the host"))

    run(together())
    listing = run(sh(sbx, "cat cmd*.txt host.txt")).stdout.split()
    assert listing == ["0", "1", "2", "3", "from", "the", "host"]


def test_an_interpreter_in_a_venv_under_tmp_runs_tests_in_the_sandbox(tmp_path: Path) -> None:
    """The interpreter may live anywhere, /tmp included (a venv made there): the sandbox's own
    /tmp must not hide it, and a venv that sees the system's site-packages must not show the
    harness's packages through them. Found when the test suite ran from such a venv in /tmp:
    every test run crashed with 'python: not found', then pandas and inspect_ai were visible."""
    import subprocess
    import sys

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip",
                    str(venv)], check=True, timeout=120)
    script = ("import asyncio, sys\n"
              "from evals.sandbox.bwrap import BwrapSandboxEnvironment\n"
              "env = BwrapSandboxEnvironment()\n"
              "r = asyncio.run(env.exec(['python', '-c', "
              "'import sys, pytest, importlib.util as u; print(sys.prefix, [m for m in "
              "(\"pandas\", \"inspect_ai\", \"evals\", \"pytest\") if u.find_spec(m)])'],"
              " timeout=60))\n"
              "env.close()\n"
              "print(r.returncode, r.stdout.strip(), r.stderr.strip()[-300:])\n")
    project = Path(__file__).resolve().parent.parent
    r = subprocess.run([str(venv / "bin" / "python"), "-c", script], cwd=project,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.split(maxsplit=2)[:2] == ["0", str(venv)], r.stdout
    assert "['pytest']" in r.stdout, r.stdout


def test_a_work_dir_the_host_cannot_take_back_is_discarded_not_an_error(sbx) -> None:
    """Too many files for the host to unpack, or a path too long for it: the command's changes
    are dropped, the work dir stays as it was, and the command says so (the answer's failure,
    never a harness error)."""
    run(sh(sbx, "echo kept > note.txt"))
    many = "mkdir many && cd many && seq 1 21000 | xargs touch; echo made"
    r = run(sh(sbx, many, timeout=120))
    assert not r.success and "work dir this command left was discarded" in r.stderr
    assert "more than 20000 files" in r.stderr
    deep = ("python -c \"import os\nd = os.open('.', os.O_RDONLY)\nfor i in range(30):\n"
            "    os.mkdir('d' * 200, dir_fd=d)\n    n = os.open('d' * 200, os.O_RDONLY, dir_fd=d)\n"
            "    os.close(d)\n    d = n\"")
    r = run(sh(sbx, deep, timeout=60))
    assert not r.success and "work dir this command left was discarded" in r.stderr
    assert sorted(os.listdir(sbx.host_workdir)) == ["note.txt"]
    assert run(sh(sbx, "cat note.txt")).stdout == "kept\n"


def _kernel_probes(sbx: BwrapSandboxEnvironment, marker: str, read_only: bool = False
                   ) -> dict[str, str]:
    import inspect
    import json

    from tests import probe_battery

    call = f"read_key({marker!r})" if read_only else f"probe_kernel({marker!r})"
    script = inspect.getsource(probe_battery) + f"\nimport json\nprint(json.dumps({call}))\n"
    run(sbx.write_file("kernel_probe.py", script))
    r = run(sbx.exec(["python", "kernel_probe.py"], timeout=60))
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout) if not read_only else {"keyring-read": json.loads(r.stdout)}


def test_kernel_calls_that_tests_never_need_are_refused(sbx) -> None:
    """Keyrings, new user namespaces (unshare and clone), ptrace, perf events, io_uring,
    userfaultfd and bpf: each refused with EPERM by the seccomp filter, where a kernel without
    it answers the same harmless call otherwise (EFAULT, EINVAL, or success)."""
    from tests.probe_battery import KERNEL_PROBES, escapes

    said = _kernel_probes(sbx, "refused")
    assert escapes(said, KERNEL_PROBES) == [], said
    r = run(sh(sbx, "unshare -Urm true; echo rc=$?; grep Seccomp: /proc/self/status"))
    assert "rc=1" in r.stdout and "Seccomp:\t2" in r.stdout, (r.stdout, r.stderr)
    assert "Operation not permitted" in r.stderr


def test_threads_forks_and_subprocesses_still_work_under_the_filter(sbx) -> None:
    """clone3 answers ENOSYS (its flags are out of a filter's sight): the C library falls back
    to clone, so threads, forks and subprocesses work as before."""
    r = run(sbx.exec(["python", "-c",
                      "import os, subprocess, threading\n"
                      "t = threading.Thread(target=print, args=('thread',)); t.start(); t.join()\n"
                      "pid = os.fork()\n"
                      "if pid == 0: os._exit(7)\n"
                      "print('fork', os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))\n"
                      "print(subprocess.run(['echo', 'child'], capture_output=True, text=True)"
                      ".stdout.strip())"], timeout=60))
    assert r.stdout.split("\n")[:3] == ["thread", "fork 7", "child"], (r.stdout, r.stderr)


@pytest.mark.skipif(os.geteuid() != 0, reason="sandbox uids are handed out when started as root")
def test_nothing_a_sample_stores_in_the_keyring_reaches_a_later_sample_with_its_uid(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The escape found in review: a key stored under the sandbox uid outlived the sample, and
    the next sample given that uid read it. Here the second sample is given the first one's uid
    on purpose (the pool would not): the store is refused and the read finds nothing."""
    from evals.sandbox import bwrap

    first = BwrapSandboxEnvironment()
    try:
        said = _kernel_probes(first, "carried")
        uid = first.uid
    finally:
        first.close()
    assert said["keyring"].startswith("refused"), said
    monkeypatch.setattr(bwrap._uids, "take", lambda: uid)
    second = BwrapSandboxEnvironment()
    try:
        assert second.uid == uid
        read = _kernel_probes(second, "carried", read_only=True)
    finally:
        second.close()
    assert read["keyring-read"].startswith("nothing"), read


_NO_CGROUPS = __import__("evals.sandbox.cgroups", fromlist=["problem"]).problem()


@pytest.mark.skipif(_NO_CGROUPS is not None, reason=f"no cgroups here: {_NO_CGROUPS}")
def test_memory_is_capped_per_sample_not_only_per_process() -> None:
    """Four processes of 100 MB each, each far below the per-process address-space cap, go
    past a 256 MB sample cap together: the kernel kills inside the sample. (If the cap failed,
    400 MB was used for a moment: harmless.)"""
    env = BwrapSandboxEnvironment(SandboxLimits(memory_mb=256))
    try:
        script = ("import os, time\n"
                  "kids = []\n"
                  "for i in range(4):\n"
                  "    pid = os.fork()\n"
                  "    if pid == 0:\n"
                  "        b = bytearray(100 * 1024 * 1024)\n"
                  "        for j in range(0, len(b), 4096): b[j] = 1\n"
                  "        time.sleep(3)\n"
                  "        os._exit(0)\n"
                  "    kids.append(pid)\n"
                  "codes = [os.waitstatus_to_exitcode(os.waitpid(k, 0)[1]) for k in kids]\n"
                  "print('killed', sum(c == -9 for c in codes))\n")
        r = run(env.exec(["python", "-c", script], timeout=60))
        assert r.stdout.startswith("killed") and r.stdout.split()[1] != "0", (r.stdout, r.stderr)
        # and a sample's memory is its own: the next command starts with all of it
        assert run(env.exec(["python", "-c", "b = bytearray(150 * 1024 * 1024); print('ok')"],
                            timeout=60)).stdout == "ok\n"
    finally:
        env.close()


@pytest.mark.skipif(_NO_CGROUPS is not None, reason=f"no cgroups here: {_NO_CGROUPS}")
def test_a_samples_cgroup_holds_its_commands_and_is_gone_after_it() -> None:
    env = BwrapSandboxEnvironment(SandboxLimits(memory_mb=1500, nproc=40))
    assert env.cgroup is not None
    dirs = list(env.cgroup.dirs.values())
    caps = {f.name: f.read_text().strip() for d in dirs for f in d.iterdir()
            if f.name in ("memory.max", "memory.limit_in_bytes", "pids.max")}
    assert caps.get("pids.max") == "48", caps  # nproc + 8: bwrap and the stage script
    assert int(caps.get("memory.max", caps.get("memory.limit_in_bytes", 0))) == 1500 * 2**20
    r = run(sh(env, "cat /proc/self/cgroup"))
    assert r.returncode == 0
    for d in dirs:
        assert d.is_dir() and not (d / "cgroup.procs").read_text().strip()  # nothing left
    env.close()
    assert not any(d.exists() for d in dirs)


@pytest.mark.skipif(os.geteuid() != 0, reason="sandbox uids are handed out when started as root")
def test_a_uid_is_not_handed_to_a_new_sample_while_anything_of_it_could_remain(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from evals.sandbox import bwrap

    pool = bwrap._UidPool()
    first = pool.take()
    pool.give(first)
    assert pool.take() != first  # round the range in order, not the last one back
    monkeypatch.setattr(bwrap, "_uids_in_use", lambda: {bwrap._UID_BASE + pool._next})
    held = bwrap._UID_BASE + pool._next
    assert pool.take() != held  # a process or a key still has it
    spoiled = pool.take()
    pool.give(spoiled, emptied=False)
    pool._next = spoiled - bwrap._UID_BASE
    assert pool.take() != spoiled  # its sample could not be emptied: never again


def test_a_finished_test_run_leaves_no_judge_folder_behind(sbx) -> None:
    """One sandbox judges many runs (every mutant of a task): each run's judge folder is bound
    into later commands until it is dropped, so a run drops its own when it ends."""
    from evals.scorers.correctness import JUDGE_PREFIX, run_tests

    async def twice() -> list:
        await sbx.write_file("calc.py", "def add(a, b):\n    return a + b\n")
        hidden = {"test_add.py": b"from calc import add\n\n\ndef test_add():\n"
                                 b"    assert add(2, 3) == 5\n"}
        return [await run_tests(sbx, {}, hidden, timeout=60) for _ in range(2)]

    runs = run(twice())
    assert [r.correct for r in runs] == [True, True], [r.error for r in runs]
    assert not [k for k in sbx.extra_files if k.startswith(JUDGE_PREFIX)]


def test_host_copy_listing_and_removal_never_follow_a_link(tmp_path: Path) -> None:
    """The bwrap sandbox lists and clears its work tree on the host copy (no command). Both
    must act like find and rm -rf inside it, never through a link: a link is listed as a link
    and removed as one, a path through a linked folder removes the link, the top-level .git is
    pruned (a nested one is not), and a tree thousands of folders deep is walked without the
    recursion or open-file limits. Everything here is the test's own files."""
    from evals.sandbox.bwrap import Workdir

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("host data")
    root = tmp_path / "work"
    (root / "pkg").mkdir(parents=True)
    (root / "pkg" / "a.py").write_text("x = 1\n")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref")
    (root / "sub" / ".git").mkdir(parents=True)
    (root / "sub" / ".git" / "x").write_text("nested")
    (root / "out").symlink_to(outside)
    (root / "tests").symlink_to(outside)
    # 1501 nested folders: longer than a path may be, so made one level at a time
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    for _ in range(1501):
        os.mkdir("d", dir_fd=fd)
        nfd = os.open("d", os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
        os.close(fd)
        fd = nfd
    leaf = os.open("leaf.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
    os.write(leaf, b"deep")
    os.close(leaf)
    os.close(fd)
    try:
        w = Workdir(str(root), None)
        listed = {p: (k, t) for k, p, t in w.listing()}
        assert listed["pkg/a.py"] == ("f", "")
        assert listed["out"] == ("l", str(outside)) and listed["tests"] == ("l", str(outside))
        assert not any(p.startswith(("out/", "tests/", ".git/")) for p in listed)
        assert "sub/.git/x" in listed
        assert listed["/".join(["d"] * 1501) + "/leaf.txt"] == ("f", "")

        w.remove("tests/test_x.py")  # through a linked folder: the link goes, not the target's file
        assert not (root / "tests").exists() and (outside / "keep.txt").read_text() == "host data"
        w.remove("out")
        assert not (root / "out").is_symlink() and (outside / "keep.txt").exists()
        w.remove("pkg")
        w.remove("d")
        w.remove("missing/file.py")
        assert sorted(p.name for p in root.iterdir()) == [".git", "sub"]
    finally:  # a tree this deep breaks pytest's own clean-up (shutil.rmtree recurses)
        subprocess.run(["rm", "-rf", "--", str(root / "d")], check=False)


def test_host_side_bytecode_removal_is_what_the_finds_removed(tmp_path: Path) -> None:
    """Before the judge's run the bwrap sandbox removes cached bytecode on its host copy, as
    `find . -name __pycache__ -prune -exec rm -rf; find . -name "*.pyc" -delete` did in the
    sandbox: every __pycache__, every .pyc (in .git too), links removed as links. Everything
    here is the test's own files."""
    from evals.sandbox.bwrap import Workdir

    outside = tmp_path / "outside"
    (outside / "__pycache__").mkdir(parents=True)
    (outside / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"host")
    (outside / "host.pyc").write_bytes(b"host")
    root = tmp_path / "work"
    (root / "pkg" / "__pycache__").mkdir(parents=True)
    (root / "pkg" / "a.py").write_text("x = 1\n")
    (root / "pkg" / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"stale")
    (root / "pkg" / "sourceless.pyc").write_bytes(b"stale")
    (root / ".git").mkdir()
    (root / ".git" / "hook.pyc").write_bytes(b"stale")
    (root / "pkg" / "linked.pyc").symlink_to(outside / "host.pyc")
    (root / "lib").mkdir()
    (root / "lib" / "__pycache__").symlink_to(outside / "__pycache__")
    (root / "notes.pyc.txt").write_text("kept")
    Workdir(str(root), None).remove_bytecode()
    left = sorted(str(p.relative_to(root)) for p in root.rglob("*"))
    assert left == [".git", "lib", "notes.pyc.txt", "pkg", "pkg/a.py"], left
    assert (outside / "host.pyc").read_bytes() == b"host"
    assert (outside / "__pycache__" / "x.cpython-311.pyc").exists()


def test_a_judged_run_leaves_nothing_behind_but_its_report(sbx) -> None:
    """The judge's test runs take back only their report: whatever the answer's code does to
    the work dir while its tests run (a new file, an edited source, a tree the host could not
    take back) is gone before the next run, and a link planted where the report goes is not
    followed. The probe only writes inside the work dir."""
    from inspect_ai.util._sandbox.events import SandboxEnvironmentProxy

    from evals.scorers.correctness import REPORT, run_tests

    leave = (b"import os\n"
             b"def test_leaves():\n"
             b"    open('left.txt', 'w').write('x')\n"
             b"    open('calc.py', 'a').write('\\nEXTRA = 1\\n')\n"
             b"    d = os.open('.', os.O_RDONLY)\n"
             b"    for _ in range(30):\n"
             b"        os.mkdir('d' * 200, dir_fd=d)\n"
             b"        n = os.open('d' * 200, os.O_RDONLY, dir_fd=d)\n"
             b"        os.close(d)\n"
             b"        d = n\n")

    async def go() -> tuple:
        await sbx.write_file("calc.py", "def add(a, b):\n    return a + b\n")
        # through the proxy inspect hands a scorer: the host-side path must still be taken
        first = await run_tests(SandboxEnvironmentProxy(sbx), {}, {"test_leaves.py": leave},
                                timeout=60)
        after = sorted(os.listdir(sbx.host_workdir))
        calc = await sbx.read_file("calc.py")
        report = await sbx.read_file(REPORT)
        return first, after, calc, report

    first, after, calc, report = run(go())
    assert first.correct and not first.tampered, (first.error, first.tampered)
    assert after == [".tierfit", "calc.py"], after
    assert calc == "def add(a, b):\n    return a + b\n"
    assert "test_leaves" in report
    # only a regular file comes back for a kept path: a link there is not taken back
    r = run(sbx.exec_keeping(["bash", "-c", f"mkdir -p .tierfit && ln -sf /etc/passwd {REPORT}"],
                             [REPORT], 30))
    assert r.success, r.stderr
    assert not os.path.lexists(os.path.join(sbx.host_workdir, REPORT))
