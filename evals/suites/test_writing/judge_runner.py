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
import threading
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


def kill_session(pid):
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass


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


def prepare(bundle, files):
    """A fresh copy of the repo with this version's files, the tests and the canaries."""
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
    return {"base": base, "repo": repo, "expected": expected, "report": report, "env": env,
            "args": args, "tests": tests}


def execute(run, timeout):
    """pytest in a new session; whatever is left of that session is killed when it ends."""
    start = time.monotonic()
    proc = subprocess.Popen(run["args"], cwd=run["repo"], env=run["env"],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)
    timed_out = False
    try:
        output, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        kill_session(proc.pid)
        try:
            output, _ = proc.communicate(timeout=5)
        except subprocess.TimeoutExpired:  # a descendant holds the pipe: killed with the rest
            output = b""
    kill_session(proc.pid)
    run.update(code=None if timed_out else proc.returncode, output=output or b"",
               timed_out=timed_out, seconds=round(time.monotonic() - start, 3))


def finish(bundle, run):
    """After every process the tests started is gone: what the run did to its copy."""
    repo, tests = run["repo"], run["tests"]
    altered = [path for path, data in run["expected"].items()
               if _read(os.path.join(repo, path)) != data]
    try:
        with open(run["report"], "rb") as f:
            xml = f.read().decode("utf-8", "replace")
    except OSError:
        xml = None
    shutil.rmtree(run["base"], ignore_errors=True)
    text = run["output"].decode("utf-8", "replace")
    marks = [ln.split(bundle["mark"], 1)[1].strip() for ln in text.splitlines()
             if bundle["mark"] in ln]
    marks += [f"alters {path}" for path in altered
              if not path.startswith(("tests/", "test_")) and path not in tests]
    return {"exit": run["code"], "timed_out": run["timed_out"], "report": xml,
            "marks": marks[:5], "tail": text.strip().splitlines()[-3:],
            "seconds": run["seconds"]}


def main():
    bundle = json.loads(sys.stdin.buffer.read())
    os.close(0)
    non_dumpable()
    keep = ancestors()
    order = list(bundle["versions"])
    random.SystemRandom().shuffle(order)
    workers = max(1, int(bundle.get("workers", 1)))
    results = {}
    # `workers` versions at a time, each in its own copy and session; between batches every
    # process of the sandbox but this one is killed, so nothing outlives its batch
    for i in range(0, len(order), workers):
        batch = [(name, prepare(bundle, bundle["versions"][name]))
                 for name in order[i:i + workers]]
        threads = [threading.Thread(target=execute, args=(run, bundle["timeout"]))
                   for _, run in batch]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        kill_strays(keep)
        for name, run in batch:
            results[name] = finish(bundle, run)
    sys.stdout.write(bundle["nonce"] + json.dumps(results) + "\n")


if __name__ == "__main__":
    main()
