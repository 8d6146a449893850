"""pytest for one version of the code under test, under an audit hook installed before pytest and
before any test code (run inside the sandbox by judge_runner.py, never imported by the harness).

It refuses, and notes on a descriptor kept from before pytest's capture:
- writing, renaming or removing a file of the repo copy (the code under test, the repo's own
  tests, the test file itself) or the canary, and writing the report by anything but pytest's
  junit writer: the tests must not alter what they are judged against;
- reading the source of the code under test other than to import it: valid tests test behaviour
  through the API, and a test that reads the source can tell a mutant from the original.
"""

import json
import os
import sys

_CONF = json.loads(os.environ.pop("TIERFIT_GUARD"))
REPO, REPORT, MARK = _CONF["repo"], os.path.realpath(_CONF["report"]), _CONF["mark"]
PRODUCTION = {os.path.realpath(p) for p in _CONF["production"]}
# the answer's own work dir holds the original code: a test has no business reading it
FORBIDDEN = tuple(os.path.realpath(p) + os.sep for p in _CONF.get("forbidden", ()))
TESTS = {os.path.realpath(p) for p in _CONF["tests"]}
_fd, _write = os.dup(2), os.write
SEP = os.sep
STDLIB = os.path.dirname(os.__file__)


def _note(kind, what):
    try:
        _write(_fd, f"\n{MARK} {kind} {what}\n".encode("utf-8", "replace"))
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


def _caller():
    """Who opened the file: 'import' (the import system loading a module), 'pytest' (its own
    tracebacks and rewriting), or 'tests' (the code of the tests or what they call)."""
    f = sys._getframe(2)  # 0: here, 1: the hook, 2: what called open (a C call has no frame)
    while f is not None:
        name, func = f.f_code.co_filename, f.f_code.co_name
        if name.startswith("<frozen importlib"):
            if func in ("get_code", "exec_module", "_load_unlocked", "source_to_code"):
                return "import"
        elif SEP + "_pytest" + SEP in name or SEP + "pluggy" + SEP in name:
            return "pytest"
        elif not name.startswith(STDLIB) and not name.startswith("<"):
            return "tests"
        f = f.f_back
    return "pytest"


def _by_junit():
    f = sys._getframe(2)
    while f is not None:
        if f.f_code.co_filename.endswith(SEP + "_pytest" + SEP + "junitxml.py"):
            return True
        f = f.f_back
    return False


def _protected(p):
    return p in TESTS or p in PRODUCTION or p.startswith(REPO + SEP) and p.endswith(".py")


def _hook(event, args):
    if event == "open" and len(args) == 3:
        p = _path(args[0])
        if not p:
            return
        if _writes(args[1], args[2]):
            if _protected(p) or (p == REPORT and not _by_junit()):
                _note("alters", p)
                raise PermissionError("tierfit: the code under test and the report are read-only")
        elif (p in PRODUCTION or p.startswith(FORBIDDEN)) and _caller() == "tests":
            _note("reads-source", p)
    elif event in ("os.rename", "os.replace", "os.link", "os.symlink", "shutil.copyfile",
                   "shutil.move"):
        for a in args[:2]:
            p = _path(a)
            if p and (_protected(p) or p == REPORT):
                _note("alters", p)
                raise PermissionError("tierfit: the code under test and the report are read-only")
    elif event in ("os.remove", "os.rmdir", "os.truncate", "os.chmod", "os.chown", "os.utime"):
        p = _path(args[0])
        if p and (_protected(p) or p == REPORT):
            _note("alters", p)
            raise PermissionError("tierfit: the code under test and the report are read-only")


sys.addaudithook(_hook)
import pytest

sys.exit(pytest.main(sys.argv[1:]))
