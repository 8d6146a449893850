"""Judging a model's test file: run it against the original code, every variant and every mutant,
in one sandbox exec (`judge_runner.py`), and read what came back (docs/design.md section 4.2).

- `valid`: at least one test collected, and on the original and on every variant every test
  passes (none skipped or xfailed), with no sign the tests read the source of the code under test;
- a mutant is *killed* when any test fails or errors on it (or the run crashes or times out);
- `tampered`: the tests altered the code they were run against, the report, or the canaries
  came back wrong (they cannot be trusted at all).
"""

from __future__ import annotations

import base64
import json
import re
import secrets
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from inspect_ai.util import SandboxEnvironment

from evals.scorers.correctness import JUDGE_PREFIX, Canaries, _forget_judge

HERE = Path(__file__).resolve().parent
RUNNER_FILES = ("judge_runner.py", "pytest_guard.py")


@dataclass
class VersionRun:
    name: str
    tests: int = 0
    passed: int = 0
    failed: list[str] = field(default_factory=list)  # failed, errored, skipped or xfailed
    error: str | None = None  # the run itself: crashed, timed out, no report
    seconds: float = 0.0

    @property
    def all_passed(self) -> bool:
        return self.error is None and self.tests > 0 and self.passed == self.tests


@dataclass
class Judgement:
    runs: dict[str, VersionRun]
    tampered: list[str] = field(default_factory=list)
    reads_source: list[str] = field(default_factory=list)
    error: str | None = None  # the judge itself could not run: a harness fault

    def of(self, prefix: str) -> list[VersionRun]:
        return [r for n, r in self.runs.items() if n.startswith(prefix)]

    @property
    def invalid_because(self) -> str | None:
        if self.reads_source:
            return f"the tests read the source of the code under test ({self.reads_source[0]})"
        for r in [self.runs.get("original"), *self.of("variant:")]:
            if r is None:
                return "the original was not run"
            if not r.all_passed:
                what = r.error or ("no tests were collected" if r.tests == 0 else
                                   f"{len(r.failed)} of {r.tests} tests did not pass "
                                   f"(e.g. {r.failed[0]})")
                return f"on the {r.name.replace(':', ' ')}: {what}"
        return None

    @property
    def killed(self) -> list[str]:
        return self.killed_of("mutant:")

    def killed_of(self, prefix: str) -> list[str]:
        return [r.name.split(":", 1)[1] for r in self.of(prefix) if not r.all_passed]

    @property
    def survived(self) -> list[str]:
        return [r.name.split(":", 1)[1] for r in self.of("mutant:") if r.all_passed]


# ways to look at the code under test instead of calling it: a test that can see the code can
# tell a mutant (a small edit of the original it was written against) from a variant. Static, so
# a determined answer can hide them; the audit hook sees reads of the source files themselves.
_INTROSPECTION = re.compile(
    rb"__code__|\bco_code\b|\bgetsource(lines)?\b|\bfindsource\b|\bget_source\b|"
    rb"\bimport\s+(dis|marshal|linecache)\b|\bfrom\s+(dis|marshal|linecache)\s+import\b")


def introspection(test_source: bytes) -> list[str]:
    found = _INTROSPECTION.search(test_source)
    return [f"it uses {found.group(0).decode('utf-8', 'replace').split()[-1]}"] if found else []


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def parse_report(name: str, xml_text: str | None, canaries: Canaries,
                 tampered: list[str]) -> VersionRun:
    run = VersionRun(name)
    if xml_text is None:
        run.error = "no test report was written"
        return run
    try:
        root = ET.fromstring(xml_text)
    except ET.ParseError:
        run.error = "the test report is not valid XML"
        return run
    canary: dict[str, str] = {}
    for case in root.iter("testcase"):
        cls, test = case.get("classname", ""), case.get("name", "")
        kinds = {child.tag for child in case}
        outcome = ("error" if "error" in kinds else "failure" if "failure" in kinds
                   else "skipped" if "skipped" in kinds else "passed")
        if cls.split(".")[-1] == canaries.module or cls.endswith(f".{canaries.module}"):
            canary[test] = outcome
            continue
        run.tests += 1
        if outcome == "passed":
            run.passed += 1
        else:
            run.failed.append(f"{test} ({outcome})")
    if canary.get(canaries.passes) != "passed" or canary.get(canaries.fails) != "failure":
        tampered.append(f"the canary tests came back wrong on a run ({canary or 'missing'})")
    suite_errors = sum(int(s.get("errors", 0) or 0) for s in root.iter("testsuite"))
    if suite_errors and run.tests == run.passed:
        run.error = "collection error"
    return run


async def judge_test_file(sbx: SandboxEnvironment, repo: dict[str, bytes], test_file: str,
                          test_source: bytes, versions: dict[str, dict[str, bytes]],
                          timeout: int, work_dir: str | None = None,
                          workers: int = 1) -> Judgement:
    """Run `test_source` (placed at `test_file`) against each version of `repo` (name -> the
    files that differ; b"" deletes) in `sbx`, one exec, fresh copies, random order, `workers`
    versions at a time."""
    return await judge_tests(sbx, repo, {test_file: test_source}, versions, timeout, work_dir,
                             workers)


async def judge_tests(sbx: SandboxEnvironment, repo: dict[str, bytes],
                      tests: dict[str, bytes | None], versions: dict[str, dict[str, bytes]],
                      timeout: int, work_dir: str | None = None,
                      workers: int = 1) -> Judgement:
    """Run the test files `tests` (path -> source; None: the repo's own file at that path)
    together against each version of `repo`, as `judge_test_file` does."""
    nonce = secrets.token_hex(12)
    mark = f"TIERFIT-TW-{secrets.token_hex(6)}"
    canaries = Canaries.new()
    judge = f"{JUDGE_PREFIX}{secrets.token_hex(6)}"
    for name in RUNNER_FILES:
        await sbx.write_file(f"{judge}/{name}", (HERE / name).read_bytes())
    bundle = {
        "nonce": nonce, "mark": mark, "timeout": timeout,
        "tests": {p: (None if src is None else _b64(src)) for p, src in tests.items()},
        "repo": {p: _b64(d) for p, d in repo.items()},
        "versions": {n: {p: (_b64(d) if d else None) for p, d in files.items()}
                     for n, files in versions.items()},
        "canary": {"module": canaries.module, "source": canaries.source},
        "forbidden": [work_dir] if work_dir else [], "workers": workers,
    }
    whole = timeout * len(versions) + 60
    try:
        res = await sbx.exec(["python", "-I", f"{judge}/judge_runner.py"],
                             input=json.dumps(bundle), timeout=whole)
    except TimeoutError:
        return Judgement({}, error=f"the judge timed out after {whole}s")
    finally:
        await _forget_judge(sbx, judge)
    line = next((ln for ln in res.stdout.splitlines() if ln.startswith(nonce)), None)
    if line is None:
        tail = " | ".join((res.stdout + res.stderr).strip().splitlines()[-3:])
        return Judgement({}, error=f"the judge gave no result (exit {res.returncode}): {tail}"[:500])
    raw = json.loads(line[len(nonce):])
    out = Judgement({})
    for name in versions:
        r = raw.get(name)
        if r is None:
            out.error = f"the judge did not run {name}"
            continue
        for m in r["marks"]:
            kind, _, what = m.partition(" ")
            what = what.rsplit("/", 1)[-1]
            if kind == "reads-source":
                out.reads_source.append(what)
            else:
                out.tampered.append(f"altered {what} while judged")
        run = parse_report(name, r["report"], canaries, out.tampered)
        if r["timed_out"]:
            run.error = f"timed out after {timeout}s"
        elif r["exit"] not in (0, 1) and run.error is None:
            run.error = f"pytest exited {r['exit']}: {' | '.join(r['tail'])}"[:300]
        run.seconds = r["seconds"]
        out.runs[name] = run
    out.reads_source = sorted(set(out.reads_source).union(
        *(introspection(src) for src in tests.values() if src is not None)))
    out.tampered = list(dict.fromkeys(out.tampered))
    return out
