"""The test-writing judge, run inside the sandbox by the harness (never imported by it).

One process runs a model's test file against every version of the code under test: the
original, each variant and each mutant. It reads everything it needs as one JSON bundle on
stdin before any test runs, then makes itself non-dumpable, so the tests (same uid) cannot read
the bundle from its memory or its descriptors: which version is which, and the mutants' code,
stay unknown to them. Per version, in random order: a fresh copy of the repo under a random
name in /tmp, the version's files over it, the test file and two canary tests; pytest in a new
session through `pytest_guard.py`; then every process the tests left behind is killed and the
copy removed. One line of JSON goes back, prefixed with the bundle's nonce.
"""

import base64
import ctypes
import json
import os
import random
import secrets
import shutil
import signal
import subprocess
import sys
import time

GUARD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pytest_guard.py")


def non_dumpable():
    try:
        ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE, 0
    except (OSError, AttributeError):
        pass


def write(root, path, data):
    full = os.path.join(root, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as f:
        f.write(data)


def _read(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None


def kill_strays(keep):
    """SIGKILL every process of this sandbox but this one and its ancestors (the sandbox has its
    own pid namespace: what is left are processes the tests started)."""
    for _ in range(3):
        found = False
        for name in os.listdir("/proc"):
            if not name.isdigit() or int(name) in keep:
                continue
            try:
                os.kill(int(name), signal.SIGKILL)
                found = True
            except OSError:
                pass
        if not found:
            return
        time.sleep(0.05)


def ancestors():
    out, pid = {os.getpid()}, os.getpid()
    while pid > 1:
        try:
            with open(f"/proc/{pid}/stat") as f:
                pid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            break
        out.add(pid)
    return out


def run_one(bundle, files, keep):
    base = f"/tmp/{secrets.token_hex(8)}"
    repo, canary_dir = f"{base}/{secrets.token_hex(4)}", f"{base}/{secrets.token_hex(4)}"
    expected = {}  # what the code under test must still be after the run
    for path, data in bundle["repo"].items():
        expected[path] = base64.b64decode(data)
    for path, data in files.items():
        expected[path] = None if data is None else base64.b64decode(data)
    for path, data in expected.items():
        if data is not None:
            write(repo, path, data)
    tests = bundle["tests"]  # path -> source to write (None: the repo's own file), all run
    for path, data in tests.items():
        if data is not None:
            write(repo, path, base64.b64decode(data))
    canary = bundle["canary"]
    write(canary_dir, canary["module"] + ".py", canary["source"].encode())
    report = f"{base}/{secrets.token_hex(4)}.xml"
    production = [os.path.join(repo, p) for p in bundle["repo"] if p.endswith(".py")
                  and p not in tests]
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": base, "TMPDIR": base,
           "LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1", "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
           "TIERFIT_GUARD": json.dumps({"repo": repo, "report": report, "mark": bundle["mark"],
                                        "tests": [*(os.path.join(repo, p) for p in tests),
                                                  os.path.join(canary_dir, canary["module"] + ".py")],
                                        "production": production,
                                        "forbidden": bundle.get("forbidden", [])})}
    args = [sys.executable, "-I", GUARD, "-q", "-rN", "-p", "no:cacheprovider", "--noconftest",
            "--continue-on-collection-errors",  # the canaries run even when the tests cannot
            "--rootdir", base, "--import-mode=importlib", "-o", f"pythonpath={repo}",
            "-o", "junit_family=xunit2", "-c", "/dev/null", f"--junitxml={report}",
            *(os.path.join(repo, p) for p in tests), os.path.join(canary_dir, canary["module"] + ".py")]
    start = time.monotonic()
    timed_out = False
    try:
        proc = subprocess.run(args, cwd=repo, env=env, stdin=subprocess.DEVNULL,
                              capture_output=True, timeout=bundle["timeout"],
                              start_new_session=True, check=False)
        code, output = proc.returncode, proc.stdout + proc.stderr
    except subprocess.TimeoutExpired as ex:
        timed_out, code = True, None
        output = (ex.stdout or b"") + (ex.stderr or b"")
    kill_strays(keep)
    altered = [path for path, data in expected.items() if _read(os.path.join(repo, path)) != data]
    try:
        with open(report, "rb") as f:
            xml = f.read().decode("utf-8", "replace")
    except OSError:
        xml = None
    shutil.rmtree(base, ignore_errors=True)
    text = output.decode("utf-8", "replace")
    marks = [ln.split(bundle["mark"], 1)[1].strip() for ln in text.splitlines()
             if bundle["mark"] in ln]
    marks += [f"alters {path}" for path in altered
              if not path.startswith(("tests/", "test_")) and path not in tests]
    return {"exit": code, "timed_out": timed_out, "report": xml, "marks": marks[:5],
            "tail": text.strip().splitlines()[-3:], "seconds": round(time.monotonic() - start, 3)}


def main():
    bundle = json.loads(sys.stdin.buffer.read())
    os.close(0)
    non_dumpable()
    keep = ancestors()
    order = list(bundle["versions"])
    random.SystemRandom().shuffle(order)
    results = {}
    for name in order:
        results[name] = run_one(bundle, bundle["versions"][name], keep)
    sys.stdout.write(bundle["nonce"] + json.dumps(results) + "\n")


if __name__ == "__main__":
    main()
