"""Correctness (docs/design.md sections 5 and 6): the hidden tests and the repo's own tests, run
inside the sandbox and judged so that the answer under test cannot forge the verdict.

- The hidden tests, two canary tests, the pytest configuration and the runner live in a judge
  folder outside the work dir (bound read-only in the bwrap sandbox). The runner installs an
  audit hook before any answer code loads: writing the judge's files, or the report other than
  through pytest's own junit writer, is refused and reported, and the sample is `tampered`.
- Bytecode caches are removed before the run, so the tests run the source that scope judged.
- Canaries have per-run random names: one must pass and one must fail. The ids the reference
  reports must all come back (unless their file failed to import). Anything else is `tampered`.
- The run counts only if pytest really ran: a junit report, at least one test executed, nothing
  failed to collect, every required test file produced tests, and nothing was skipped.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hashlib
import json
import os
import random
import secrets
import sys
import weakref
import xml.etree.ElementTree as ET
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from inspect_ai.util import SandboxEnvironment

from evals.paths import cache_dir
from evals.sandbox.bwrap import DISCARDED, KEEP_ONLY, WORK, host_side
from evals.taskspec import repo_files

T = TypeVar("T")
U = TypeVar("U")
HARNESS_DIR = ".tierfit"  # in the work dir: the report; removed before every test run
REPORT = f"{HARNESS_DIR}/report.xml"
JUDGE_PREFIX = "/tmp/tierfit-judge-"  # + a per-run nonce: outside the work dir
HIDDEN = "hidden"  # in the judge folder: the hidden tests and the canaries
_INI = """[pytest]
addopts = -p no:cacheprovider
junit_family = xunit2
"""
# Installed before pytest and before any answer code: refuse and report writes to the judge's
# files and the test files (the repo's own too), and to the report by anything but pytest's
# junit writer. The note goes to a descriptor dup'ed here, past pytest's output capture.
_RUNNER = '''import os, sys
JUDGE, REPORT, MARK = {judge!r}, os.path.realpath({report!r}), {mark!r}  # from the work dir
_fd, _write = os.dup(2), os.write
SEP = os.sep


def _note(what):
    try:
        _write(_fd, ("\\n" + MARK + " " + what + "\\n").encode("utf-8", "replace"))
    except OSError:
        pass


def _path(p):
    try:
        return os.path.realpath(os.fsdecode(p)) if isinstance(p, (str, bytes, os.PathLike)) else ""
    except (TypeError, ValueError, OSError):
        return ""


def _writes(mode, flags):
    if isinstance(mode, str) and any(c in mode for c in "wax+"):
        return True
    return isinstance(flags, int) and bool(flags & (os.O_WRONLY | os.O_RDWR | os.O_TRUNC))


def _by_pytest():
    f = sys._getframe(2)
    while f is not None:
        if f.f_code.co_filename.endswith(SEP + "_pytest" + SEP + "junitxml.py"):
            return True
        f = f.f_back
    return False


TESTS = {{_path(a) for a in sys.argv[1:] if a.endswith(".py")}}  # every test file, visible too


def _guard(path, what):
    p = _path(path)
    if p == JUDGE or p.startswith(JUDGE + SEP) or p in TESTS or (
            p == REPORT and not _by_pytest()):
        _note(what + " " + p)
        raise PermissionError("tierfit: the judge's files are read-only")


def _hook(event, args):
    if event == "open" and len(args) == 3 and _writes(args[1], args[2]):
        _guard(args[0], "writes")
    elif event in ("os.rename", "os.replace", "os.link", "os.symlink"):
        _guard(args[0], event)
        _guard(args[1], event)
    elif event in ("os.remove", "os.rmdir", "os.truncate", "os.chmod", "os.chown", "os.utime"):
        _guard(args[0], event)


# pytest is imported before the hook goes in: no code of the answer can run yet (-I keeps the
# work dir off sys.path until pytest puts it there), and its imports then cost no hook calls
import pytest  # noqa: E402

sys.addaudithook(_hook)

sys.exit(pytest.main(sys.argv[1:]))
'''
# in the work dir: no cached bytecode may stand in for the source (removed here, or before
# the run where the sandbox can do it on its host copy), then the runner
_NO_BYTECODE = (
    'find . -name __pycache__ -prune -exec rm -rf {} + 2>/dev/null; '
    'find . -name "*.pyc" -delete 2>/dev/null; '
)
# -B: no bytecode written either; --tb=line: the judge reads the report, not tracebacks (a
# failing canary's long traceback alone cost ~10 ms a run)
_PYTEST = ("python -I -B {runner} -q -rN --tb=line --noconftest -c {ini} --rootdir=/ "
           "--import-mode=importlib {pythonpath}-o console_output_style=classic "
           "--junitxml={work}/{report}")
_SCRIPT = '{clean}exec ' + _PYTEST.format(runner="{runner}", ini="{ini}",
                                          pythonpath="{pythonpath}", work='"$PWD"',
                                          report="{report}") + ' -- "$@"'


@dataclass
class TestRun:
    correct: bool
    tests_passed: int = 0
    tests_total: int = 0
    failed: list[str] = field(default_factory=list)
    error: str | None = None
    exit_code: int | None = None
    tampered: list[str] = field(default_factory=list)  # why the run cannot be trusted
    test_ids: set[str] = field(default_factory=set)  # ids reported (canaries left out)
    # guard tests that did not pass: behaviour the ticket keeps changed (a scope judgement,
    # never correctness)
    guard_failed: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Canaries:
    """Two tests with per-run random names and bodies: `passes` must pass, `fails` must fail."""

    module: str
    passes: str
    fails: str
    source: str

    @classmethod
    def new(cls) -> Canaries:
        rng = random.SystemRandom()
        a, b = rng.randint(10, 999), rng.randint(10, 999)
        module, p, f = (f"test_{secrets.token_hex(4)}" for _ in range(3))
        source = (f"def {p}():\n    assert {a} + {b} == {a + b}\n\n\n"
                  f"def {f}():\n    assert {a} * {b} == {a * b + 1}\n")
        return cls(module, p, f, source)


def _module(path: str) -> str:
    return path[:-3].replace("/", ".") if path.endswith(".py") else path.replace("/", ".")


def _file_of(classname: str, targets: dict[str, str]) -> tuple[str, str] | None:
    """(target file, test class or "") of a junit classname. The rootdir is "/", so a classname
    is the file's absolute module path plus any test class: work.tests.test_x.TestY."""
    padded = f".{classname}."
    for module, path in sorted(targets.items(), key=lambda t: -len(t[0])):
        i = padded.rfind(f".{module}.")
        if i >= 0:
            return path, padded[i + len(module) + 2:-1]
    return None


def parse_junit(xml_text: str, required_files: list[str],
                canaries: Canaries | None = None, guard_files: tuple[str, ...] = ()) -> TestRun:
    """Judge a junit report by the guards of docs/design.md section 5. `required_files` are the
    test files as named to pytest (relative to the work dir or the judge folder's tests);
    tests of `guard_files` (among them) go to `guard_failed` when they do not pass, and count
    neither for nor against correctness."""
    try:
        root = ET.fromstring(xml_text)
    except ET.ParseError:
        return TestRun(False, error="test report is not valid XML")
    targets = {_module(f): f for f in required_files}
    if canaries is not None:
        targets[f"{HIDDEN}.{canaries.module}"] = "<canary>"
    passed, failed, skipped, errors = 0, [], 0, 0
    guard_failed: list[str] = []
    seen_files: set[str] = set()
    canary_outcome: dict[str, str] = {}
    ids: set[str] = set()
    total = 0
    for case in root.iter("testcase"):
        cls, name = case.get("classname", ""), case.get("name", "")
        kinds = {child.tag for child in case}
        outcome = ("error" if "error" in kinds else "failure" if "failure" in kinds
                   else "skipped" if "skipped" in kinds else "passed")
        where = _file_of(cls, targets) if cls else None
        if where is not None and where[0] == "<canary>":
            canary_outcome[name] = outcome
            continue
        label = f"{where[0]}::{where[1] + '::' if where[1] else ''}{name}" if where else \
            f"{cls}::{name}"
        ids.add(label)
        if where is not None:
            seen_files.add(where[0])
        if where is not None and where[0] in guard_files:
            if outcome != "passed":
                guard_failed.append(label)
            continue
        total += 1
        if outcome == "error":
            errors += 1
            failed.append(label)
        elif outcome == "failure":
            failed.append(label)
        elif outcome == "skipped":
            skipped += 1
            failed.append(label + " (skipped)")
        else:
            passed += 1
    run = TestRun(False, tests_passed=passed, tests_total=total, failed=failed, test_ids=ids,
                  guard_failed=guard_failed)
    if canaries is not None:
        if canary_outcome.get(canaries.passes) != "passed":
            run.tampered.append(f"the canary test that must pass came back "
                                f"{canary_outcome.get(canaries.passes, 'missing')}")
        if canary_outcome.get(canaries.fails) != "failure":
            run.tampered.append(f"the canary test that must fail came back "
                                f"{canary_outcome.get(canaries.fails, 'missing')}")
    # pytest writes collection errors as testcases with an <error> child
    suite_errors = sum(int(s.get("errors", 0) or 0) for s in root.iter("testsuite"))
    if total == 0:
        run.error = "no tests were collected"
    elif total == skipped:
        run.error = "every test was skipped"
    missing = [f for f in required_files if f not in seen_files and f not in guard_files]
    if missing and total:
        run.failed += [f"{m} (collected no tests)" for m in missing]
    run.guard_failed += [f"{g} (collected no tests)" for g in guard_files
                         if g not in seen_files and total]
    run.correct = (total > 0 and passed == total and not missing and not errors
                   and not suite_errors and not run.tampered)
    return run


def _base(test_id: str) -> str:
    """A test id without its parameters: parametrized ids may follow the code under test."""
    return test_id.split("[", 1)[0]


def check_expected(run: TestRun, expected: set[str]) -> None:
    """Every test the reference reports must be reported again. (A file that fails to import
    stops pytest with exit 2 before any report is judged, so a missing test here was removed
    from the report, not lost to a broken answer.)"""
    gone = sorted({_base(i) for i in expected} - {_base(i) for i in run.test_ids})
    if gone:
        run.tampered.append(f"{len(gone)} test(s) the reference reports are missing from the "
                            f"report (e.g. {gone[0]})")
        run.correct = False


# what `once_per_process` took, by key. A failure is not kept: it is a harness fault, said for
# each sample, and a transient one may pass next time
_ONCE: dict[tuple[str, ...], Any] = {}
# a lock per event loop (`score` and `validate` prove the sandbox in one loop and judge in
# another, and an asyncio lock belongs to the loop it first waits in)
_ONCE_LOCKS: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop,
                                       dict[tuple[str, ...], asyncio.Lock]] = \
    weakref.WeakKeyDictionary()


async def once_per_process(key: tuple[str, ...], take: Callable[[], Awaitable[T | str]],
                           stored: bool = False, fresh: bool = False) -> T | str:
    """`take()` once per key in this process (e.g. the test ids a task's reference reports,
    which every later answer's run must report too), however many samples ask at once; a str
    result says why it could not be taken and is not kept.

    `stored`: also keep it on disk between runs (`stored_result`), for a result made of sets,
    tuples and strings that depends only on the files the key names and on the harness.
    `fresh`: take it again whatever is kept (a proof that the sandbox works here must run)."""
    locks = _ONCE_LOCKS.setdefault(asyncio.get_running_loop(), {})
    async with locks.setdefault(key, asyncio.Lock()):
        if key in _ONCE and not fresh:
            return _ONCE[key]  # type: ignore[no-any-return]
        where = await asyncio.to_thread(stored_result, key) if stored else None
        if where is not None and where.exists() and not fresh:
            with contextlib.suppress(OSError, ValueError, TypeError, KeyError):
                _ONCE[key] = _decode(json.loads(where.read_text()))
                return _ONCE[key]  # type: ignore[no-any-return]
        found = await take()
        if not isinstance(found, str):
            _ONCE[key] = found
            if where is not None:
                with contextlib.suppress(OSError, TypeError):
                    where.parent.mkdir(parents=True, exist_ok=True)
                    tmp = where.with_suffix(f".{secrets.token_hex(4)}.tmp")
                    tmp.write_text(json.dumps(_encode(found)))
                    os.replace(tmp, where)
        return found


def stored_result(key: tuple[str, ...]) -> Path:
    """Where a result for `key` is kept between runs: named by a digest of the key, of the
    content of every file or folder the key names (a task's repo, reference, tests), and of the
    harness (every source file of this package, the interpreter and pytest): any change to
    what the result depends on names another file, so a kept result is never stale."""
    h = hashlib.sha256(_harness_digest().encode())
    for part in key:
        h.update(b"\1" + part.encode())
        path = Path(part)
        if path.is_absolute() and path.is_dir():
            for rel, data in repo_files(path).items():
                h.update(rel.encode() + b"\0" + hashlib.sha256(data).digest())
        elif path.is_absolute() and path.is_file():
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return cache_dir() / "results" / f"{h.hexdigest()}.json"


@functools.cache
def _harness_digest() -> str:
    from importlib.metadata import version

    h = hashlib.sha256(f"{sys.version}|{version('pytest')}|{version('pluggy')}".encode())
    package = Path(__file__).resolve().parents[1]
    for path in sorted(package.rglob("*.py")):
        h.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _encode(value: Any) -> Any:
    if isinstance(value, (set, frozenset)):
        return {"set": sorted(map(_encode, value))}
    if isinstance(value, tuple):
        return {"tuple": [_encode(v) for v in value]}
    if isinstance(value, str):
        return value
    raise TypeError(f"cannot keep a {type(value).__name__}")


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if "set" in value:
            return {_decode(v) for v in value["set"]}
        return tuple(_decode(v) for v in value["tuple"])
    if isinstance(value, str):
        return value
    raise ValueError("not a kept result")


async def write_files(sbx: SandboxEnvironment, files: dict[str, bytes]) -> None:
    """Write many files into the sandbox: at once where it can (bwrap), else one by one."""
    host = host_side(sbx)
    if host is not None:
        await host.write_files(files)
        return
    for path, data in files.items():
        await sbx.write_file(path, data)


async def beside(host_work: Callable[[], T],
                 runs: Callable[[asyncio.Event], Awaitable[U]]) -> tuple[T, U]:
    """`host_work()` while the answer's test runs go on in its sandbox, from when
    `runs(started)` sets `started` (its first test command's process exists) or ends.
    Judging that reads only the snapshot taken before the runs (scope, the public API) then
    costs no wall time of its own: the tests run in another process meanwhile.

    It runs here, in the event loop's thread, not in a worker thread: CPython 3.11's `ast`
    keeps its recursion check per interpreter, and two threads parsing at once (two samples
    scored together) fail with "AST constructor recursion depth mismatch". An error in either
    cancels the other and is raised."""
    started = asyncio.Event()
    task = asyncio.ensure_future(runs(started))
    try:
        waiting = asyncio.ensure_future(started.wait())
        await asyncio.wait({task, waiting}, return_when=asyncio.FIRST_COMPLETED)
        waiting.cancel()
        done = host_work()
    except BaseException:
        task.cancel()
        with contextlib.suppress(BaseException):
            await task
        raise
    return done, await task


async def _forget_judge(sbx: SandboxEnvironment, judge: str) -> None:
    """Remove a finished run's judge folder: the bwrap sandbox binds files put in /tmp into
    every later command, so it drops them from its own record; elsewhere they are deleted."""
    host = host_side(sbx)
    if host is not None:
        host.forget_tmp(judge + "/")
        return
    with contextlib.suppress(TimeoutError, OSError):
        await sbx.exec(["rm", "-rf", "--", judge], timeout=60)


async def run_tests(
    sbx: SandboxEnvironment,
    visible_tests: dict[str, bytes],
    hidden_tests: dict[str, bytes],
    timeout: int,
    expected_ids: set[str] | None = None,
    guard_tests: dict[str, bytes] | None = None,
    import_work: bool = True,
    started: asyncio.Event | None = None,
) -> TestRun:
    """Restore the repo's own tests, put the hidden ones and two canaries in a fresh judge
    folder, run pytest through the guarded runner, and judge the report.

    `visible_tests` are the original test files (restored, whatever the answer put at their
    paths removed first); `hidden_tests` go to the judge folder by base name. `expected_ids`:
    the ids the reference reports (None while scoring the reference itself). `guard_tests` go
    to the judge folder like the hidden ones; their failures are `guard_failed`.
    `import_work=False` leaves the work dir off the import path: tests that only read its files
    as text (a refactor's goal checks) then share no process with any code of the answer.
    `started` is set once the test command's process exists (bwrap), or just before it
    starts elsewhere (see `beside`).
    """
    guard_tests = guard_tests or {}
    clash = set(guard_tests) & set(hidden_tests)
    if clash:
        raise ValueError(f"a guard test and a hidden test share the name {sorted(clash)[0]}")
    nonce = secrets.token_hex(6)
    judge = f"{JUDGE_PREFIX}{nonce}"
    canaries = Canaries.new()
    mark = f"TIERFIT-TAMPER-{nonce}:"
    host = host_side(sbx)  # bwrap: its host copy is cleared without a command
    if host is not None:
        await host.remove_paths([HARNESS_DIR, *visible_tests])
        await host.remove_bytecode()
    else:
        await sbx.exec(["rm", "-rf", "--", HARNESS_DIR, *visible_tests], timeout=60)
    await write_files(sbx, visible_tests)
    for name, data in {**hidden_tests, **guard_tests,
                       f"{canaries.module}.py": canaries.source}.items():
        await sbx.write_file(f"{judge}/{HIDDEN}/{name}", data)
    await sbx.write_file(f"{judge}/pytest.ini", _INI)
    await sbx.write_file(f"{judge}/runner.py",
                         _RUNNER.format(judge=judge, report=REPORT, mark=mark))
    visible = sorted(p for p in visible_tests if p.rsplit("/", 1)[-1].startswith("test"))
    hidden = [f"{HIDDEN}/{name}" for name in (*hidden_tests, *guard_tests)]
    guards = tuple(f"{HIDDEN}/{name}" for name in guard_tests)
    args = [*visible, *(f"{judge}/{h}" for h in hidden),
            f"{judge}/{HIDDEN}/{canaries.module}.py"]
    # where the sandbox can (bwrap), the run leaves nothing behind but its report, and (its
    # work dir known, the bytecode already removed) it starts the runner without a shell
    if host is not None:
        cmd = [*_PYTEST.format(runner=f"{judge}/runner.py", ini=f"{judge}/pytest.ini",
                               pythonpath=f"-o pythonpath={WORK} " if import_work else "",
                               work=WORK, report=REPORT).split(), "--", *args]
    else:
        script = _SCRIPT.format(clean=_NO_BYTECODE, runner=f"{judge}/runner.py",
                                ini=f"{judge}/pytest.ini", report=REPORT,
                                pythonpath='-o pythonpath="$PWD" ' if import_work else "")
        cmd = ["bash", "-c", script, "pytest", *args]
    if started is not None:  # bwrap: once the run's process exists, else now
        if host is not None:
            host.when_started(started)
        else:
            started.set()
    try:
        res = await sbx.exec(cmd, timeout=timeout,
                             env={KEEP_ONLY: REPORT} if host is not None else None)
    except TimeoutError:
        return TestRun(False, error=f"tests timed out after {timeout}s")
    finally:  # one sandbox may judge many runs (mutants, variants): leave no judge folder behind
        await _forget_judge(sbx, judge)
    output = res.stdout + res.stderr
    if res.returncode not in (0, 1):
        tail = output.strip().splitlines()[-3:]
        reason = {2: "test run interrupted (collection error)", 3: "pytest internal error",
                  4: "pytest usage error", 5: "no tests were collected"}.get(
            res.returncode, f"test run crashed (exit {res.returncode})")
        run = TestRun(False, error=f"{reason}: {' | '.join(tail)}"[:500],
                      exit_code=res.returncode)
    else:
        try:
            report = await sbx.read_file(REPORT)
        except (FileNotFoundError, PermissionError, IsADirectoryError, UnicodeDecodeError):
            run = TestRun(False, error="no test report was written", exit_code=res.returncode)
        else:
            run = parse_junit(report, [*visible, *hidden], canaries, guards)
            run.exit_code = res.returncode
            if res.returncode == 0:  # the canary that must fail always makes pytest exit 1
                run.tampered.append("pytest exited 0 although a canary test must fail")
            if expected_ids is not None:
                check_expected(run, expected_ids)
    marks = [ln.split(mark, 1)[1].strip() for ln in output.splitlines() if mark in ln]
    run.tampered += [f"tried to change the judge's files ({m})" for m in marks[:3]]
    if DISCARDED in output:
        run.tampered.append("the work dir it left could not be taken back by the host")
    if run.tampered:
        run.correct = False
    return run
