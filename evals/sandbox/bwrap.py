"""Contained execution with bubblewrap: the default sandbox for model-written code (docs/design.md section 6).

Every `exec` is its own bwrap: fresh pid/net/ipc/uts namespaces, cleared environment, read-only
system and interpreter, only the sample's work dir writable, a size-capped /tmp, rlimits, and an
unprivileged uid per live sample when started as root. Killing bwrap tears down its pid namespace,
so a timeout takes every grandchild with it.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import functools
import os
import shlex
import shutil
import signal
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal, overload

from inspect_ai.util import (
    ExecResult,
    OutputLimitExceededError,
    SandboxEnvironment,
    SandboxEnvironmentConfigType,
    sandboxenv,
)
from inspect_ai.util._sandbox.environment import SandboxUserUnsupportedError
from inspect_ai.util._sandbox.limits import SandboxEnvironmentLimits
from pydantic import BaseModel

from evals.errors import SandboxUnavailable
from evals.sandbox import cgroups
from evals.sandbox.seccomp import SeccompUnavailable, filter_program, program_fd

WORK = "/work"  # the work dir as the sandboxed process sees it
# unprivileged uids handed to live samples when we run as root: above systemd's dynamic users
# (61184-65519) and nobody (65534), below the subordinate ranges useradd hands out (100000+)
_UID_BASE = 66000
_UID_COUNT = 34000
_ETC_FILES = (
    "ld.so.cache", "ld.so.conf", "ld.so.conf.d", "alternatives", "localtime",
    "passwd", "group", "nsswitch.conf", "mime.types",
)


class SandboxLimits(BaseModel, frozen=True):
    """Resource caps for every process started in the sandbox."""

    nproc: int = 64  # processes and threads of the sandbox uid
    # all processes of a sample and its tmpfs pages, where cgroups allow; 0: no cgroup (the
    # kernel's accounting costs ~50 ms a scoring on cgroup v1), per-process rlimits only
    memory_mb: int = 2048
    cpu_seconds: int = 120
    address_space_mb: int = 4096
    file_size_mb: int = 64
    open_files: int = 256
    tmp_size_mb: int = 64
    work_size_mb: int = 256  # total size of the work dir, all files together
    default_timeout: int = 300  # seconds, when the caller gives none


def bwrap_path() -> str | None:
    return shutil.which("bwrap")


@functools.cache
def bwrap_problem() -> str | None:
    """None when bwrap works here, else one line saying why not (cached per process)."""
    exe = bwrap_path()
    if exe is None:
        problem: str | None = "bubblewrap (bwrap) is not installed: apt-get install bubblewrap"
    else:
        import subprocess

        args = [exe, "--ro-bind", "/", "/", "--unshare-pid", "--unshare-net", "--die-with-parent"]
        if os.geteuid() != 0:
            args.append("--unshare-user")
        try:
            r = subprocess.run([*args, "true"], capture_output=True, text=True, timeout=20)
            problem = None if r.returncode == 0 else (
                f"bwrap cannot create namespaces here: {r.stderr.strip().splitlines()[-1:]}"
            )
        except (OSError, subprocess.TimeoutExpired) as ex:
            problem = f"bwrap failed to start: {ex}"
    if problem is None:
        try:
            filter_program()
        except SeccompUnavailable as ex:
            problem = str(ex)
    return problem


def _uids_in_use() -> set[int]:
    """Uids something on this host still holds: a process (any of its uids), keys in the kernel
    (/proc/key-users), an account."""
    import pwd

    held: set[int] = set()
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            for line in status.read_text().splitlines():
                if line.startswith("Uid:"):
                    held.update(int(u) for u in line.split()[1:])
                    break
        except (OSError, ValueError):
            continue  # gone meanwhile
    try:
        held.update(int(line.split(":")[0]) for line in
                    Path("/proc/key-users").read_text().splitlines() if ":" in line)
    except (OSError, ValueError):
        pass
    held.update(p.pw_uid for p in pwd.getpwall())
    return held


class _UidPool:
    """Hands out unprivileged uids, one per live sample, so RLIMIT_NPROC counts each sample on
    its own, and never to a new sample while anything of an earlier holder could remain: the
    uids go round the range in order (one comes back after _UID_COUNT samples), and a uid is
    skipped while a process runs as it, the kernel holds keys for it, an account has it, or
    the last sample that had it could not be emptied."""

    def __init__(self) -> None:
        self._used: set[int] = set()
        self._spoiled: set[int] = set()
        self._next = os.getpid() * 7919 % _UID_COUNT  # processes start apart

    def take(self) -> int:
        held = _uids_in_use()
        for _ in range(_UID_COUNT):
            uid = _UID_BASE + self._next
            self._next = (self._next + 1) % _UID_COUNT
            if uid not in self._used and uid not in self._spoiled and uid not in held:
                self._used.add(uid)
                return uid
        raise SandboxUnavailable("no free sandbox uid left")

    def give(self, uid: int, emptied: bool = True) -> None:
        """Take a uid back; one whose sample could not be emptied is never handed out again."""
        self._used.discard(uid)
        if not emptied:
            self._spoiled.add(uid)


_uids = _UidPool()


# what the sandboxed interpreter gets beyond the standard library: pytest and what it needs
TEST_PACKAGES = ("pytest", "_pytest", "pluggy", "iniconfig", "packaging", "pygments", "py")


@functools.cache
def _interpreter_dirs() -> tuple[list[str], dict[str, list[str]]]:
    """The interpreter's prefixes, and per site-packages dir the only entries to show in it.

    Model code sees the standard library and pytest, not the harness's own packages: code
    that imports a package the fixture repo does not declare fails as it would in the repo.
    """
    import importlib.util
    import site as site_module
    import sysconfig

    prefixes = {os.path.realpath(sys.prefix), os.path.realpath(sys.base_prefix)}
    sites: dict[str, list[str]] = {}
    # every package folder the interpreter may import from is masked: the venv's own, and the
    # base interpreter's too when the venv sees system site-packages
    candidates = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"],
                  *site_module.getsitepackages(),
                  *(p for p in sys.path if p.endswith(("site-packages", "dist-packages")))}
    for d in candidates:
        if os.path.isdir(d):
            sites.setdefault(os.path.realpath(d), [])
    for mod in TEST_PACKAGES:
        spec = importlib.util.find_spec(mod)
        if not spec or not spec.origin or spec.origin in ("built-in", "frozen"):
            continue
        origin = Path(spec.origin).resolve()
        entry = origin.parent if origin.name == "__init__.py" else origin
        site = str(entry.parent)
        if any(site.startswith(p + os.sep) for p in prefixes) and site not in sites:
            continue  # part of the standard library
        sites.setdefault(site, []).append(entry.name)
        dist = mod.lstrip("_")
        sites[site] += [d.name for d in Path(site).glob(f"{dist}-*.dist-info")]
    for site in sites:
        if not any(site == p or site.startswith(p + os.sep) for p in prefixes):
            prefixes.add(site)
    out: list[str] = []
    for d in sorted(prefixes):
        if not any(d.startswith(o + os.sep) for o in out):
            out.append(d)
    return out, {k: sorted(set(v)) for k, v in sites.items()}


def _parents(path: str) -> list[str]:
    parts = Path(path).parts[1:-1]
    return ["/" + "/".join(parts[: i + 1]) for i in range(len(parts))]


def bwrap_command(
    workdir: str,
    cmd: list[str],
    *,
    uid: int | None,
    limits: SandboxLimits,
    env: dict[str, str],
    cwd: str,
    cpu_seconds: int,
    sync_fd: int,
    seccomp_fd: int,
    extra_files: dict[str, str] | None = None,
    keep: tuple[str, ...] | None = None,
) -> list[str]:
    """The full argv that runs `cmd` contained, with `workdir` mounted at /work and the
    seccomp program (evals/sandbox/seccomp.py) read from `seccomp_fd`. With `keep`, only those
    files (relative paths) are streamed back, not the whole work dir."""
    exe = bwrap_path()
    assert exe is not None
    args = [exe, "--die-with-parent", "--seccomp", str(seccomp_fd), "--new-session", "--unshare-ipc", "--unshare-pid",
            "--unshare-net", "--unshare-uts", "--unshare-cgroup-try", "--hostname", "sandbox",
            "--clearenv"]
    if os.geteuid() != 0:
        args.append("--unshare-user")
    for top in ("usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        host = "/" + top
        if os.path.islink(host):
            args += ["--symlink", os.readlink(host), host]
        elif os.path.isdir(host):
            args += ["--ro-bind", host, host]
    args += ["--perms", "0755", "--dir", "/etc"]
    for name in _ETC_FILES:
        if os.path.exists("/etc/" + name):
            args += ["--ro-bind", "/etc/" + name, "/etc/" + name]
    mb = 1024 * 1024
    # /tmp first: an interpreter that lives under /tmp (a venv made there) is bound over it
    args += ["--perms", "1777", "--size", str(limits.tmp_size_mb * mb), "--tmpfs", "/tmp"]
    made: set[str] = {"/etc", "/usr", "/tmp"}
    prefixes, sites = _interpreter_dirs()
    for d in prefixes:
        for parent in _parents(d + "/x"):
            if parent not in made and not parent.startswith("/usr/"):
                args += ["--perms", "0755", "--dir", parent]
                made.add(parent)
        args += ["--ro-bind", d, d]
    for site, entries in sites.items():
        args += ["--perms", "0755", "--tmpfs", site]
        for e in entries:
            args += ["--ro-bind", f"{site}/{e}", f"{site}/{e}"]
        args += ["--remount-ro", site]
    # the work dir is a size-capped tmpfs staged from the host copy (read-only in here) and
    # streamed back as a tar on `sync_fd` when the command ends: the host copy is never
    # writable from inside, and total disk use is capped by the tmpfs size
    args += ["--proc", "/proc", "--dev", "/dev",
             "--ro-bind", workdir, STAGE,
             "--perms", "0777", "--size", str(limits.work_size_mb * mb), "--tmpfs", WORK]
    for inside, host in (extra_files or {}).items():
        # files the harness put under /tmp (the judge's folder, inspect's scripts): read-only,
        # in folders the sandbox uid can read but not write
        for parent in _parents(inside):
            if parent not in made:
                args += ["--perms", "0755", "--dir", parent]
                made.add(parent)
        args += ["--ro-bind", host, inside]
    args += ["--chdir", WORK]
    pybin = os.path.dirname(sys.executable)
    base_env = {
        "PATH": f"{pybin}:/usr/local/bin:/usr/bin:/bin",
        "HOME": "/tmp",
        "LANG": "C.UTF-8",
        "TMPDIR": "/tmp",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
        # an agent's own pytest runs leave no cache folder behind (it would read as a change)
        "PYTEST_ADDOPTS": "-p no:cacheprovider",
        "GIT_CONFIG_NOSYSTEM": "1",
        # /work is a tmpfs the sandbox uid does not own (it is made before the uid drop)
        "GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "safe.directory", "GIT_CONFIG_VALUE_0": WORK,
        "GIT_AUTHOR_NAME": "tierfit", "GIT_AUTHOR_EMAIL": "tierfit@localhost",
        "GIT_COMMITTER_NAME": "tierfit", "GIT_COMMITTER_EMAIL": "tierfit@localhost",
    }
    for k, v in {**base_env, **env}.items():
        args += ["--setenv", k, v]
    args.append("--")
    if uid is not None:
        args += ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups",
                 "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs"]
    # the rlimits (soft and hard) are set by the stage shell itself, before anything else runs
    # in it: one program fewer to start than prlimit; a limit it cannot set stops the command
    ulimits = (f"ulimit -u {limits.nproc} -t {cpu_seconds} -v {limits.address_space_mb * 1024} "
               f"-f {limits.file_size_mb * 1024} -n {limits.open_files} -c 0 || exit 125\n")
    if keep is None:
        stage = _STAGE_SCRIPT.format(fd=sync_fd)
    else:
        stage = _STAGE_KEEPING.format(fd=sync_fd, keep=" ".join(map(shlex.quote, keep)))
    return [*args, "/bin/bash", "-c", ulimits + stage, "tierfit-stage", cwd, *cmd]


STAGE = "/.tierfit-stage"  # the host copy of the work dir, read-only inside
# Stage the work dir, run the command with the sync fd closed, then stream the work dir back.
# Everything here runs as the sandbox uid, so the host treats the stream as untrusted input.
# Modes are kept (cp applies them less the umask); mtimes are not; a file the command made
# unreadable to itself cannot be streamed back and is dropped.
_STAGE_SCRIPT = (
    "cp -R -P " + STAGE + "/. " + WORK + "/ || exit 125\n"
    'cd -- "$1" || exit 126\n'
    "shift\n"
    '"$@" {fd}>&-\n'
    "rc=$?\n"
    "tar -C " + WORK + " -cf - . >&{fd} 2>/dev/null\n"
    "exit $rc\n"
)

# The same, streaming back only the files to keep (a test run's report): whatever else the
# command did to the work dir is dropped with the sandbox's tmpfs
_STAGE_KEEPING = _STAGE_SCRIPT.replace(
    "tar -C " + WORK + " -cf - . ",
    "tar -C " + WORK + " -cf - --no-recursion --ignore-failed-read -- {keep} ")


class WorkDirLimitExceeded(RuntimeError):
    """The work dir streamed back from the sandbox is larger than its cap."""


# Said on a command's stderr when the host could not take back the work dir the command left
# (too large, too many files, a path it cannot write): the command's changes are discarded and
# the work dir stays as it was before it. The answer caused it; the scorer counts it against it.
DISCARDED = "tierfit: the work dir this command left was discarded"
MAX_FILES_BACK = 20_000  # files and folders the host takes back from one command


async def run_contained(
    argv: list[str], input: bytes | None, timeout: float, output_limit: int,
    sync: tuple[int, int] | None = None, sync_limit: int = 0, give: tuple[int, ...] = (),
    on_start: Callable[[], None] | None = None,
) -> tuple[int, bytes, bytes, bytes]:
    """Run argv in its own process group; on timeout kill the whole group and raise TimeoutError.

    `sync` is a pipe (read fd, write fd) whose write end the command inherits; what it writes
    there (at most `sync_limit` bytes) is returned as the fourth value. `give` are more fds the
    command inherits; like the write end, they are closed here once it has started. `on_start`
    is called once the process exists.
    """
    try:
        proc = await asyncio.create_subprocess_exec(
            *argv,
            stdin=asyncio.subprocess.PIPE if input is not None else asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            start_new_session=True,
            pass_fds=((sync[1],) if sync else ()) + give,
        )
    except BaseException:
        if sync:
            os.close(sync[0])
        raise
    finally:
        for fd in ((sync[1],) if sync else ()) + give:
            os.close(fd)
    if on_start is not None:
        on_start()
    exceeded: set[str] = set()  # which streams went past their cap
    sync_reader = None
    if sync:
        loop = asyncio.get_running_loop()
        sync_reader = asyncio.StreamReader(limit=2**20)
        pipe = os.fdopen(sync[0], "rb", buffering=0)
        transport, _ = await loop.connect_read_pipe(
            lambda: asyncio.StreamReaderProtocol(sync_reader), pipe)

    async def capped(stream: asyncio.StreamReader, limit: int, over: set[str], name: str
                     ) -> bytes:
        """Read a stream to its end; past `limit` bytes, kill the command and note `name`.

        Past the cap the rest is read and dropped, not left in the pipe: on Python 3.11 a
        process's wait() returns only once its pipes reach EOF, and a reader that stopped
        reading leaves the pipe paused, so wait() would hang until the timeout.
        """
        chunks, size = [], 0
        while chunk := await stream.read(65536):
            size += len(chunk)
            if size > limit:
                if name not in over:
                    over.add(name)
                    _killpg(proc.pid)
                continue
            chunks.append(chunk)
        return b"".join(chunks)

    async def read_sync() -> bytes:
        if sync_reader is None:
            return b""
        try:
            return await capped(sync_reader, sync_limit, exceeded, "sync")
        finally:
            transport.close()

    async def feed() -> None:
        if input is not None and proc.stdin is not None:
            try:
                proc.stdin.write(input)
                await proc.stdin.drain()
            except (BrokenPipeError, ConnectionResetError):
                pass
            finally:
                proc.stdin.close()

    assert proc.stdout is not None and proc.stderr is not None
    gathered = asyncio.gather(capped(proc.stdout, output_limit, exceeded, "output"),
                              capped(proc.stderr, output_limit, exceeded, "output"), feed(),
                              proc.wait(), read_sync())
    try:
        out, err, _, code, synced = await asyncio.wait_for(gathered, timeout)
    except (TimeoutError, asyncio.CancelledError):
        _killpg(proc.pid)
        await _reap(proc)
        raise
    if "output" in exceeded:
        raise OutputLimitExceededError(
            limit_str=SandboxEnvironmentLimits.MAX_EXEC_OUTPUT_SIZE_STR,
            truncated_output=(out or err)[:output_limit].decode("utf-8", "replace"),
        )
    if "sync" in exceeded:
        raise WorkDirLimitExceeded(f"the work dir grew past its cap ({sync_limit} bytes)")
    return code, out, err, synced


async def _reap(proc: asyncio.subprocess.Process, bound: float = 10) -> None:
    """Wait for a killed command, reading and dropping what is left in its pipes.

    On Python 3.11 wait() returns only once the pipes reach EOF, and output left unread when
    the readers were cancelled can pause a pipe for good; the wait is bounded all the same.
    """
    async def drain(stream: asyncio.StreamReader | None) -> None:
        while stream is not None and await stream.read(65536):
            pass

    try:
        await asyncio.wait_for(asyncio.gather(drain(proc.stdout), drain(proc.stderr),
                                              proc.wait()), bound)
    except TimeoutError:
        pass


def _killpg(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


class Workdir:
    """Host-side access to a sample's work dir that never follows a link out of it."""

    def __init__(self, root: str, uid: int | None) -> None:
        self.root = root
        self.uid = uid

    def _rel_parts(self, file: str) -> list[str]:
        p = Path(file)
        if p.is_absolute():
            try:
                p = p.relative_to(WORK)
            except ValueError:
                raise PermissionError(f"{file}: outside the sandbox work dir {WORK}") from None
        parts = [x for x in p.parts if x not in ("", ".")]
        if not parts or ".." in parts:
            raise PermissionError(f"{file}: not a file inside the sandbox work dir")
        return parts

    def relative(self, file: str) -> str:
        """`file` as a path relative to the work dir (PermissionError if it is not in it)."""
        return "/".join(self._rel_parts(file))

    def _open_dir(self, parts: list[str], create: bool) -> int:
        fd = os.open(self.root, os.O_RDONLY | os.O_DIRECTORY)
        try:
            for part in parts:
                try:
                    nfd = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
                except FileNotFoundError:
                    if not create:
                        raise
                    os.mkdir(part, 0o755, dir_fd=fd)
                    if self.uid is not None:
                        os.chown(part, self.uid, self.uid, dir_fd=fd, follow_symlinks=False)
                    nfd = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
                except OSError as ex:
                    if ex.errno in (errno.ELOOP, errno.ENOTDIR):
                        raise PermissionError(f"{part}: a link or non-directory on the path") from None
                    raise
                os.close(fd)
                fd = nfd
            return fd
        except BaseException:
            os.close(fd)
            raise

    def write(self, file: str, data: bytes) -> None:
        parts = self._rel_parts(file)
        dfd = self._open_dir(parts[:-1], create=True)
        try:
            try:
                fd = os.open(parts[-1], os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW,
                             0o644, dir_fd=dfd)
            except OSError as ex:
                if ex.errno == errno.ELOOP:
                    raise PermissionError(f"{file}: is a symbolic link") from None
                raise
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                if self.uid is not None:
                    os.fchown(f.fileno(), self.uid, self.uid)
        finally:
            os.close(dfd)

    def read(self, file: str, limit: int) -> bytes:
        parts = self._rel_parts(file)
        dfd = self._open_dir(parts[:-1], create=False)
        try:
            try:
                fd = os.open(parts[-1], os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=dfd)
            except OSError as ex:
                if ex.errno == errno.ELOOP:
                    raise PermissionError(f"{file}: is a symbolic link") from None
                raise
            with os.fdopen(fd, "rb") as f:
                st = os.fstat(f.fileno())
                if stat.S_ISDIR(st.st_mode):
                    raise IsADirectoryError(file)
                if not stat.S_ISREG(st.st_mode):
                    raise PermissionError(f"{file}: not a regular file")
                if st.st_size > limit:
                    raise OutputLimitExceededError(
                        limit_str=SandboxEnvironmentLimits.MAX_READ_FILE_SIZE_STR,
                        truncated_output=None,
                    )
                return f.read(limit + 1)[:limit]
        finally:
            os.close(dfd)

    def remove(self, file: str) -> None:
        """`rm -rf` of one path, never following a link: a link (or a file) where a folder of
        the path should be is removed itself, so the path can be written afresh. Missing is
        fine; what cannot be removed stays (as rm's failures are ignored in the sandbox)."""
        parts = self._rel_parts(file)
        fd = os.open(self.root, os.O_RDONLY | os.O_DIRECTORY)
        try:
            for i, part in enumerate(parts):
                try:
                    st = os.stat(part, dir_fd=fd, follow_symlinks=False)
                except FileNotFoundError:
                    return
                if i == len(parts) - 1 or not stat.S_ISDIR(st.st_mode):
                    with contextlib.suppress(OSError):
                        if stat.S_ISDIR(st.st_mode):
                            self._rmtree(parts[:i + 1])
                        else:
                            os.unlink(part, dir_fd=fd)
                    return
                nfd = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
                os.close(fd)
                fd = nfd
        finally:
            os.close(fd)

    def _walk(self, top: list[str], descend: Callable[[str], bool]
              ) -> Iterator[tuple[list[str], int, list[os.DirEntry[str]]]]:
        """Every folder from `top` down: (its parts, an fd open on it, its entries by name).
        Iterative, one open folder at a time, each reached from the root without following a
        link (`_open_dir`): a hostile tree thousands of folders deep costs time, not the
        recursion limit or the open-file limit. A sub-folder is entered when `descend(its path
        relative to the work dir)` says so. A folder that cannot be opened raises OSError."""
        pending = [top]
        while pending:
            parts = pending.pop()
            dfd = self._open_dir(parts, create=False)
            try:
                with os.scandir(dfd) as it:
                    entries = sorted(it, key=lambda e: e.name)
                yield parts, dfd, entries
                prefix = "".join(f"{x}/" for x in parts)
                pending.extend([*parts, e.name] for e in entries
                               if e.is_dir(follow_symlinks=False) and descend(prefix + e.name))
            finally:
                os.close(dfd)

    def _rmtree(self, parts: list[str]) -> None:
        """Remove a folder and everything in it, iteratively (shutil.rmtree recurses, and a
        hostile tree can be deeper than the recursion limit), never following a link."""
        order: list[list[str]] = []
        for cur, dfd, entries in self._walk(parts, lambda _: True):
            order.append(cur)
            for e in entries:
                if not e.is_dir(follow_symlinks=False):
                    os.unlink(e.name, dir_fd=dfd)
        for cur in reversed(order):  # children before their parents
            pfd = self._open_dir(cur[:-1], create=False)
            try:
                os.rmdir(cur[-1], dir_fd=pfd)
            finally:
                os.close(pfd)

    def listing(self, prune_git: bool = True) -> list[tuple[str, str, str]]:
        """Every regular file and link of the work dir but the top-level .git (unless
        `prune_git` is False), as `find . -path ./.git -prune -o ( -type f -o -type l ) -printf
        "%y %p %l"` lists them: (kind "f" or "l", path, link target). Links are listed, never
        followed; anything else is left out. The host copy holds at most MAX_FILES_BACK entries
        (taken back from a command). A folder the host cannot open (not as root) raises
        OSError, which the caller reports, as find fails: nothing may be hidden from the judge."""
        out: list[tuple[str, str, str]] = []
        for parts, dfd, entries in self._walk([], lambda rel: rel != ".git" or not prune_git):
            prefix = "".join(f"{x}/" for x in parts)
            for e in entries:
                if e.is_symlink():
                    out.append(("l", prefix + e.name, os.readlink(e.name, dir_fd=dfd)))
                elif e.is_file(follow_symlinks=False):
                    out.append(("f", prefix + e.name, ""))
        return out

    def remove_bytecode(self) -> None:
        """What `find . -name __pycache__ -prune -exec rm -rf {} +; find . -name "*.pyc"
        -delete` removes, .git included: every __pycache__ that holds a file or link, and every
        .pyc file or link, never following a link. No cached bytecode may stand in for the
        source the judge reads (an empty __pycache__ folder holds none)."""
        doomed: set[str] = set()
        for _, rel, _ in self.listing(prune_git=False):
            parts = rel.split("/")
            cache = next((i for i, p in enumerate(parts) if p == "__pycache__"), None)
            if cache is not None:
                doomed.add("/".join(parts[:cache + 1]))
            elif parts[-1].endswith(".pyc"):
                doomed.add(rel)
        for path in sorted(doomed):
            self.remove(path)


def _untrusted_tar_filter(member: Any, dest: str) -> Any:
    """tarfile's "data" filter, except that a symbolic link pointing out of the tree is kept as
    a link (the model made it; host-side access never follows links) while nothing is ever
    written through it: "data" resolves each member's path on disk, links included."""
    import tarfile

    try:
        return tarfile.data_filter(member, dest)
    except (tarfile.AbsoluteLinkError, tarfile.LinkOutsideDestinationError):
        if member.issym():
            return member.replace(uid=None, gid=None, uname=None, gname=None, deep=False)
        return None
    except tarfile.FilterError:  # a device, an escaping path, a hard link out: dropped
        return None


# in an exec's env: take back only these work-dir files (":"-separated), see `exec_keeping`
KEEP_ONLY = "TIERFIT_KEEP_ONLY"


@sandboxenv(name="bwrap")
class BwrapSandboxEnvironment(SandboxEnvironment):
    """A contained work dir; each exec runs in a fresh set of namespaces (see module doc)."""

    @classmethod
    def config_deserialize(cls, config: dict[str, Any]) -> BaseModel:
        return SandboxLimits(**config)

    @classmethod
    async def task_init(cls, task_name: str, config: SandboxEnvironmentConfigType | None) -> None:
        problem = bwrap_problem()
        if problem:
            raise SandboxUnavailable(problem)

    @classmethod
    async def sample_init(
        cls,
        task_name: str,
        config: SandboxEnvironmentConfigType | None,
        metadata: dict[str, str],
    ) -> dict[str, SandboxEnvironment]:
        limits = config if isinstance(config, SandboxLimits) else SandboxLimits()
        return {"default": cls(limits)}

    @classmethod
    async def sample_cleanup(
        cls,
        task_name: str,
        config: SandboxEnvironmentConfigType | None,
        environments: dict[str, SandboxEnvironment],
        interrupted: bool,
    ) -> None:
        for env in environments.values():
            env.as_type(BwrapSandboxEnvironment).close()

    @classmethod
    def default_concurrency(cls) -> int | None:
        return max(1, (os.cpu_count() or 2))

    def __init__(self, limits: SandboxLimits | None = None) -> None:
        super().__init__()
        self.limits = limits or SandboxLimits()
        self._tmp = tempfile.mkdtemp(prefix="tierfit-sbx-")
        os.chmod(self._tmp, 0o711)
        self.host_workdir = os.path.join(self._tmp, "work")
        os.mkdir(self.host_workdir, 0o755)
        self.uid = _uids.take() if os.geteuid() == 0 else None
        if self.uid is not None:
            os.chown(self.host_workdir, self.uid, self.uid)
        self.files = Workdir(self.host_workdir, self.uid)
        # a memory and process cap for the whole sample where cgroups allow (else rlimits only)
        self.cgroup = None if cgroups.problem() or not self.limits.memory_mb else cgroups.SampleCgroup(
            os.path.basename(self._tmp), self.limits.memory_mb, self.limits.nproc + 8)
        self.extra_files: dict[str, str] = {}
        # one operation at a time: a command works on a copy of the work dir that replaces the
        # host copy when it ends, so concurrent commands (parallel tool calls) or a host-side
        # write during a command would lose updates
        self._lock = asyncio.Lock()
        self._started: asyncio.Event | None = None  # see when_started

    def close(self) -> None:
        shutil.rmtree(self._tmp, ignore_errors=True)
        emptied = self.cgroup.close() if self.cgroup is not None else True
        self.cgroup = None
        if self.uid is not None:
            _uids.give(self.uid, emptied)
            self.uid = None

    async def exec(
        self,
        cmd: list[str],
        input: str | bytes | None = None,
        cwd: str | None = None,
        env: dict[str, str] | None = None,
        user: str | None = None,
        timeout: int | None = None,
        timeout_retry: bool = True,
        concurrency: bool = True,
    ) -> ExecResult[str]:
        if user is not None:
            raise SandboxUserUnsupportedError("the bwrap sandbox runs everything as one user")
        wd = WORK if cwd is None else (cwd if cwd.startswith("/") else f"{WORK}/{cwd}")
        t = timeout if timeout is not None else self.limits.default_timeout
        if env and KEEP_ONLY in env:  # through inspect's proxy, which logs the command
            env = dict(env)
            keep = [p for p in env.pop(KEEP_ONLY).split(":") if p]
            return await self.exec_keeping(cmd, keep, t, input=input, cwd=wd, env=env)
        async with self._lock:
            return await self._exec_locked(cmd, input, wd, env, t)

    async def exec_keeping(self, cmd: list[str], keep: list[str], timeout: float,
                           input: str | bytes | None = None, cwd: str = WORK,
                           env: dict[str, str] | None = None) -> ExecResult[str]:
        """`exec` that leaves the work dir as it was, but for the `keep` files the command
        wrote (regular files only; a missing one stays missing). The judge's test runs use it
        (`exec` with env {KEEP_ONLY: "a:b"} does the same): no run can leave anything behind
        for a later one, and the host takes back one report instead of the whole tree."""
        kept = tuple(self.files.relative(p) for p in keep)
        started, self._started = self._started, None
        async with self._lock:
            for path in kept:
                await asyncio.to_thread(self.files.remove, path)
            return await self._exec_locked(cmd, input, cwd, env, timeout, keep=kept,
                                           on_start=started.set if started else None)

    def when_started(self, event: asyncio.Event) -> None:
        """Set `event` once the next keep-only command (the judge's run) has started: host-side
        work meant to overlap it then waits for no more than the process to exist, and does not
        slow the way there (a thread holding the interpreter would)."""
        self._started = event

    async def _exec_locked(self, cmd: list[str], input: str | bytes | None, wd: str,
                           env: dict[str, str] | None, t: float,
                           keep: tuple[str, ...] | None = None,
                           on_start: Callable[[], None] | None = None) -> ExecResult[str]:
        sync = os.pipe()
        seccomp = program_fd()
        argv = bwrap_command(
            self.host_workdir, cmd, uid=self.uid, limits=self.limits, env=env or {}, cwd=wd,
            cpu_seconds=max(1, min(self.limits.cpu_seconds, int(t) + 1)),
            sync_fd=sync[1], seccomp_fd=seccomp, extra_files=self.extra_files, keep=keep,
        )
        if self.cgroup is not None:
            argv = self.cgroup.wrap(argv)
        data = input.encode() if isinstance(input, str) else input
        try:
            code, out, err, tar = await run_contained(
                argv, data, t, SandboxEnvironmentLimits.MAX_EXEC_OUTPUT_SIZE,
                sync=sync, sync_limit=(self.limits.work_size_mb + 16) * 1024 * 1024,
                give=(seccomp,), on_start=on_start,
            )
        except WorkDirLimitExceeded as ex:  # the command was killed; its changes are dropped
            return ExecResult(success=False, returncode=137, stdout="",
                              stderr=f"{DISCARDED}: {ex}")
        if code == 125 and not tar:
            raise SandboxUnavailable(f"could not stage the work dir: {err.decode(errors='replace')}")
        if code == cgroups.ENTER_FAILED and not tar and self.cgroup is not None:
            raise SandboxUnavailable(f"could not enter the sample's cgroup: "
                                     f"{err.decode(errors='replace')[-300:]}")
        if keep is None:
            why = await asyncio.to_thread(self._take_back, tar)
        else:
            why = await asyncio.to_thread(self._take_back_kept, tar, keep)
        stderr = err.decode("utf-8", "replace")
        if why is not None:
            stderr += f"\n{DISCARDED}: {why}"
        return ExecResult(
            success=code == 0 and why is None,
            returncode=code if why is None else (code or 1),
            stdout=out.decode("utf-8", "replace"),
            stderr=stderr,
        )

    def _take_back(self, tar: bytes) -> str | None:
        """Replace the host copy of the work dir with what the sandbox streamed back; None, or
        why it was discarded (then the copy stays as it was before the command).

        The stream is untrusted: tarfile's "data" filter refuses absolute paths, `..`, links
        out of the tree and device files; at most MAX_FILES_BACK entries are taken; it is
        unpacked beside the old copy and swapped in only when all of it could be.
        """
        import io
        import tarfile

        if not tar:  # nothing came back (the command was killed): keep the copy as it was
            return None
        new = os.path.join(self._tmp, "work.new")
        shutil.rmtree(new, ignore_errors=True)
        os.mkdir(new, 0o755)
        try:
            with tarfile.open(fileobj=io.BytesIO(tar), mode="r:") as tf:
                members = []
                for member in tf:
                    members.append(member)
                    if len(members) > MAX_FILES_BACK:
                        raise ValueError(f"more than {MAX_FILES_BACK} files")
                tf.extractall(new, members=members, filter=_untrusted_tar_filter)
        except (tarfile.TarError, OSError, ValueError) as ex:
            shutil.rmtree(new, ignore_errors=True)
            return f"{type(ex).__name__}: {str(ex)[:200]}"
        if self.uid is not None:
            for dirpath, dirs, files in os.walk(new):
                for name in [*dirs, *files]:
                    os.chown(os.path.join(dirpath, name), self.uid, self.uid, follow_symlinks=False)
            os.chown(new, self.uid, self.uid)
        old = os.path.join(self._tmp, "work.old")
        os.rename(self.host_workdir, old)
        os.rename(new, self.host_workdir)
        shutil.rmtree(old, ignore_errors=True)
        return None

    def _take_back_kept(self, tar: bytes, keep: tuple[str, ...]) -> str | None:
        """Write the `keep` files the sandbox streamed back into the host copy (regular files
        only, through the no-follow writer); None, or why the stream was refused."""
        import io
        import tarfile

        if not tar:
            return None
        try:
            with tarfile.open(fileobj=io.BytesIO(tar), mode="r:") as tf:
                found: dict[str, bytes] = {}
                for member in tf:
                    name = os.path.normpath(member.name)
                    if name in keep and member.isreg() and name not in found:
                        data = tf.extractfile(member)
                        found[name] = data.read() if data is not None else b""
                    if len(found) > len(keep):
                        break
        except (tarfile.TarError, OSError, ValueError) as ex:
            return f"{type(ex).__name__}: {str(ex)[:200]}"
        try:
            for name, data in found.items():
                self.files.write(name, data)
        except OSError as ex:
            return f"{type(ex).__name__}: {str(ex)[:200]}"
        return None

    def _extra_path(self, file: str) -> str | None:
        """Host copy of a file the harness put in /tmp (inspect's setup scripts go there).

        /tmp is a fresh size-capped tmpfs in every exec, so such files are bound in read-only.
        """
        norm = os.path.normpath(file)
        if not norm.startswith("/tmp/") or ".." in norm.split("/"):
            return None
        return os.path.join(self._tmp, "extra", norm.strip("/").replace("/", "__"))

    async def write_file(self, file: str, contents: str | bytes) -> None:
        data = contents.encode("utf-8") if isinstance(contents, str) else contents
        extra = self._extra_path(file)
        if extra is not None:
            os.makedirs(os.path.dirname(extra), exist_ok=True)
            with open(extra, "wb") as f:
                f.write(data)
            os.chmod(extra, 0o755)
            self.extra_files[os.path.normpath(file)] = extra
            return
        async with self._lock:
            await asyncio.to_thread(self.files.write, file, data)

    async def write_files(self, files: dict[str, bytes]) -> None:
        """`write_file` of many work-dir files at once (one hop to a thread, not one each)."""
        if any(self._extra_path(f) is not None for f in files):
            for f, data in files.items():
                await self.write_file(f, data)
            return
        async with self._lock:
            await asyncio.to_thread(lambda: [self.files.write(f, d) for f, d in files.items()])

    async def read_files(self, files: list[str]) -> dict[str, bytes | Exception]:
        """`read_file(f, text=False)` of many work-dir files at once: each file's bytes, or the
        error reading it would have raised."""
        def read_all() -> dict[str, bytes | Exception]:
            out: dict[str, bytes | Exception] = {}
            for f in files:
                try:
                    out[f] = self.files.read(f, SandboxEnvironmentLimits.MAX_READ_FILE_SIZE)
                except (OutputLimitExceededError, OSError) as ex:
                    out[f] = ex
            return out

        async with self._lock:
            return await asyncio.to_thread(read_all)

    async def list_work_tree(self) -> list[tuple[str, str, str]]:
        """The work dir's files and links, read from the host copy (what the last command left,
        taken back through the untrusted-tar filter): no command needed."""
        async with self._lock:
            return await asyncio.to_thread(self.files.listing)

    async def remove_paths(self, paths: list[str]) -> None:
        """`rm -rf -- paths` in the work dir, done on the host copy (`Workdir.remove`)."""
        async with self._lock:
            for path in paths:
                await asyncio.to_thread(self.files.remove, path)

    async def remove_bytecode(self) -> None:
        """Cached bytecode removed from the host copy (`Workdir.remove_bytecode`): no command
        needed before the judge's run."""
        async with self._lock:
            await asyncio.to_thread(self.files.remove_bytecode)

    def forget_tmp(self, prefix: str) -> None:
        """Stop binding the /tmp files under `prefix` into later commands, and delete them."""
        for inside in [k for k in self.extra_files if k.startswith(prefix)]:
            with contextlib.suppress(OSError):
                os.unlink(self.extra_files.pop(inside))

    @overload
    async def read_file(self, file: str, text: Literal[True] = True) -> str: ...

    @overload
    async def read_file(self, file: str, text: Literal[False]) -> bytes: ...

    async def read_file(self, file: str, text: bool = True) -> str | bytes:
        extra = self.extra_files.get(os.path.normpath(file))
        if extra is not None:
            with open(extra, "rb") as f:
                data = f.read()
            return data.decode("utf-8") if text else data
        async with self._lock:
            data = await asyncio.to_thread(
                self.files.read, file, SandboxEnvironmentLimits.MAX_READ_FILE_SIZE
            )
        return data.decode("utf-8") if text else data


def host_side(sbx: SandboxEnvironment) -> BwrapSandboxEnvironment | None:
    """The bwrap sandbox behind `sbx` (inspect hands solvers and scorers a proxy that logs
    each call), whose host copy of the work dir the harness can list, read and change without
    a command; None for any other sandbox."""
    try:
        return sbx.as_type(BwrapSandboxEnvironment)
    except TypeError:
        return None
