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
    said.update(probe_kernel(sleeper))
    if cpu:
        start = time.monotonic()
        rc = subprocess.run([sys.executable, "-c", "while True: pass"]).returncode
        said["cpu"] = f"killed after {round(time.monotonic() - start)} s, rc {128 - rc}"
    return said


# system call numbers of the kernel probes: (x86-64, arm64)
_CALLS = {"add_key": (248, 217), "keyctl": (250, 219), "unshare": (272, 97),
          "clone": (56, 220), "ptrace": (101, 117), "perf_event_open": (298, 241),
          "io_uring_setup": (425, 425), "userfaultfd": (323, 282), "bpf": (321, 280)}
CLONE_NEWUSER, SIGCHLD = 0x10000000, 17
KEY_SPEC_USER_KEYRING, KEYCTL_SEARCH = -4, 10


def _syscall(name: str, *args: int | bytes | None) -> tuple[int, int]:
    """(return value, errno) of one raw system call."""
    import ctypes
    import platform

    libc = ctypes.CDLL(None, use_errno=True)
    nr = _CALLS[name][0 if platform.machine() in ("x86_64", "AMD64") else 1]
    libc.syscall.restype = ctypes.c_long
    ctypes.set_errno(0)
    ret = libc.syscall(ctypes.c_long(nr), *(ctypes.c_long(a) if isinstance(a, int) else a
                                            for a in args))
    return ret, ctypes.get_errno()


def _in_child(name: str, *args: int | bytes | None) -> str:
    """Make the call in a forked child (a new namespace or a tracer stays there), exit at once."""
    pid = os.fork()
    if pid == 0:
        ret, err = _syscall(name, *args)
        if ret == 0:  # a raw clone returns 0 in its own child too: that one leaves at once
            os._exit(0)
        if ret > 0:  # the parent of a raw clone: reap it
            os.waitpid(ret, 0)
            os._exit(0)
        os._exit(min(err, 255) or 255)
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    return "allowed" if code == 0 else f"refused {code}"


def _outcome(name: str, *args: int | bytes | None) -> str:
    ret, err = _syscall(name, *args)
    if ret >= 0:
        if name in ("userfaultfd", "io_uring_setup", "perf_event_open", "bpf"):
            os.close(ret)
        return "allowed"
    return f"refused {err}" if err in (errno.EPERM, errno.ENOSYS) else f"allowed (errno {err})"


KERNEL_PROBES = ("keyring", "keyring-read", "userns", "clone-userns", "ptrace", "perf",
                 "io_uring", "userfaultfd", "bpf")


def probe_kernel(marker: str) -> dict[str, str]:
    """Kernel calls that tests never need, each made harmlessly: a key holding `marker` (test
    data) in the sandbox uid's own keyring, a user namespace in a child that exits at once (no
    mount), PTRACE_TRACEME in a child, and calls given no arguments (a null pointer) that a
    kernel that lets them through answers with EFAULT or EINVAL, not EPERM."""
    said: dict[str, str] = {}
    ret, err = _syscall("add_key", b"user", f"tierfit-probe-{marker}".encode(), marker.encode(),
                        len(marker), KEY_SPEC_USER_KEYRING)
    said["keyring"] = "stored" if ret >= 0 else f"refused {err}"
    said["keyring-read"] = read_key(marker)
    said["userns"] = _in_child("unshare", CLONE_NEWUSER)
    said["clone-userns"] = _in_child("clone", CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0)
    said["ptrace"] = _in_child("ptrace", 0, 0, 0, 0)  # PTRACE_TRACEME
    said["perf"] = _outcome("perf_event_open", None, 0, -1, -1, 0)
    said["io_uring"] = _outcome("io_uring_setup", 1, None)
    said["userfaultfd"] = _outcome("userfaultfd", os.O_CLOEXEC)
    said["bpf"] = _outcome("bpf", 0, None, 0)
    return said


def read_key(marker: str) -> str:
    """What the keyring holds under the probe's name: `found <payload>` or `nothing <errno>`."""
    import ctypes

    ret, err = _syscall("keyctl", KEYCTL_SEARCH, KEY_SPEC_USER_KEYRING, b"user",
                        f"tierfit-probe-{marker}".encode(), 0)
    if ret < 0:
        return f"nothing {err}"
    buf = ctypes.create_string_buffer(256)
    n, _ = _syscall("keyctl", 11, ret, ctypes.addressof(buf), 256)  # KEYCTL_READ
    return f"found {buf.raw[:max(n, 0)].decode(errors='replace')}"


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
        # the kernel probes: refused by the seccomp filter (EPERM), nothing kept in a keyring
        "keyring": lambda v: v == f"refused {errno.EPERM}",
        "keyring-read": lambda v: v.startswith("nothing"),
        **{k: (lambda v: v == f"refused {errno.EPERM}") for k in KERNEL_PROBES[2:]},
    }
    names = expected or tuple(checks)
    return [n for n in names if n not in said or not checks[n](said[n])]
