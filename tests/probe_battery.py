"""The hostile-probe battery in Python, and the verdict on what the probes report.

`probe_all` runs inside the sandbox as part of a model-written module (the `score` path); the
agent test (`run` path) runs the same probes as bash commands. Both report `{probe: outcome}`
in the same words, and `escapes` names the probes whose outcome shows containment failed.
Every probe is harmless if containment fails (DEVELOPERS.md). This module imports only the
standard library: its source is pasted into the module under test.
"""

from __future__ import annotations

import errno
import os
import socket
import subprocess
import sys
import time


def probe_all(secret_var: str, sentinel: str, secret_file: str, port: int, sleeper: str,
              cpu: bool = True) -> dict[str, str]:
    said: dict[str, str] = {}
    said["secret"] = f"[{os.environ.get(secret_var, 'unset')}]"
    try:
        with open(sentinel, "w") as f:
            f.write("tampered")
        said["write-outside"] = "written"
    except OSError:
        said["write-outside"] = "refused"
    try:
        with open(secret_file) as f:
            said["read-outside"] = f.read()
    except OSError:
        said["read-outside"] = "refused"
    said["python-install"] = ("writable" if os.access(sys.prefix + "/lib", os.W_OK)
                              else "read-only")
    for name, addr in (("loopback", ("127.0.0.1", port)), ("network", ("192.0.2.1", 9))):
        try:
            socket.create_connection(addr, 2).close()
            said[name] = "connected"
        except OSError as ex:
            said[name] = f"refused {ex.errno}" if ex.errno else "refused timeout"
    said["fork"] = probe_fork(200)
    try:
        block = bytearray(6 * 1024**3)
        said["memory"] = "allocated"
        del block
    except MemoryError:
        said["memory"] = "refused"
    chunk = b"\0" * (1024 * 1024)
    try:
        with open("big.bin", "wb") as f:
            for _ in range(100):
                f.write(chunk)
    except OSError:
        pass
    said["file-size"] = str(os.path.getsize("big.bin"))
    os.remove("big.bin")
    written = 0
    try:
        for i in range(8):
            with open(f"fill{i}.bin", "wb") as f:
                for _ in range(60):
                    f.write(chunk)
                    written += len(chunk)
    except OSError as ex:
        assert ex.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT), ex
    said["disk"] = f"{written // (1024 * 1024)} MB"
    for i in range(8):
        if os.path.exists(f"fill{i}.bin"):
            os.remove(f"fill{i}.bin")
    os.symlink(secret_file, "leak.txt")
    said["link-out"] = "made"
    subprocess.Popen(["setsid", "sleep", sleeper], stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL)
    said["grandchild"] = "started"
    if cpu:
        start = time.monotonic()
        rc = subprocess.run([sys.executable, "-c", "while True: pass"]).returncode
        said["cpu"] = f"killed after {round(time.monotonic() - start)} s, rc {128 - rc}"
    return said


def probe_fork(n: int) -> str:
    """Fork `n` times at most (bounded: each child exits after 2 s by itself)."""
    kids, refused = [], 0
    for _ in range(n):
        try:
            pid = os.fork()
        except OSError:
            refused += 1
            continue
        if pid == 0:
            time.sleep(2)
            os._exit(0)
        kids.append(pid)
    for k in kids:
        os.waitpid(k, 0)
    return f"started {len(kids)} refused {refused}"


def escapes(said: dict[str, str], expected: tuple[str, ...] | None = None) -> list[str]:
    """The probes whose outcome shows containment failed, or that reported nothing."""
    def fork_ok(v: str) -> bool:
        started, refused = v.split()[1::2]
        return int(refused) > 0 and int(started) < 64

    def num(v: str) -> int:
        return int(v.split()[0]) if v.split() and v.split()[0].isdigit() else 10**12

    checks = {
        "secret": lambda v: v == "[unset]",
        "write-outside": lambda v: v == "refused",
        "read-outside": lambda v: v == "refused",
        "python-install": lambda v: v == "read-only",
        "loopback": lambda v: v.startswith("refused"),
        "network": lambda v: v == f"refused {errno.ENETUNREACH}",  # no route at all: only `lo`
        "fork": fork_ok,
        "memory": lambda v: v == "refused",
        "file-size": lambda v: num(v) <= 64 * 1024 * 1024,
        "disk": lambda v: num(v) <= 256,
        "link-out": lambda v: v == "made",
        "grandchild": lambda v: v == "started",
        # SIGXCPU (128 + 24) at the soft limit, or SIGKILL (128 + 9) at the hard one
        "cpu": lambda v: v.startswith("killed after") and num(v.split()[2]) <= 10
        and v.endswith(("rc 152", "rc 137")),
    }
    names = expected or tuple(checks)
    return [n for n in names if n not in said or not checks[n](said[n])]
