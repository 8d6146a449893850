"""Correctness (docs/design.md section 5): hidden tests plus the repo's own tests, run inside the sandbox.

The run counts only if pytest really ran: a junit report exists, at least one test executed,
nothing failed to collect, every required test file produced tests, and nothing was skipped.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from inspect_ai.util import SandboxEnvironment

HARNESS_DIR = ".tierfit"  # written by the scorer after the diff is taken; never part of a change
HIDDEN_DIR = f"{HARNESS_DIR}/hidden"
REPORT = f"{HARNESS_DIR}/report.xml"
_INI = """[pytest]
addopts = -p no:cacheprovider
junit_family = xunit2
"""
# -I: no PYTHONPATH, no user site, no script dir on sys.path, so model files cannot shadow pytest;
# --noconftest and our own ini: a model-written conftest.py or ini cannot rewrite the run.
PYTEST = (
    'exec python -I -m pytest -q -rN --noconftest -c {ini} --rootdir="$PWD" '
    '--import-mode=importlib -o pythonpath="$PWD" -o console_output_style=classic '
    '--junitxml={report} -- "$@"'
)


@dataclass
class TestRun:
    correct: bool
    tests_passed: int = 0
    tests_total: int = 0
    failed: list[str] = field(default_factory=list)
    error: str | None = None
    exit_code: int | None = None


def _module_prefix(path: str) -> str:
    return path[:-3].replace("/", ".") if path.endswith(".py") else path.replace("/", ".")


def parse_junit(xml_text: str, required_files: list[str]) -> TestRun:
    """Judge a junit report by the guards of docs/design.md section 5."""
    try:
        root = ET.fromstring(xml_text)
    except ET.ParseError:
        return TestRun(False, error="test report is not valid XML")
    cases = list(root.iter("testcase"))
    passed, failed, skipped, errors = 0, [], 0, 0
    seen_files: set[str] = set()
    for case in cases:
        name = f"{case.get('classname', '')}::{case.get('name', '')}"
        kinds = {child.tag for child in case}
        if "error" in kinds:
            errors += 1
            failed.append(name)
        elif "failure" in kinds:
            failed.append(name)
        elif "skipped" in kinds:
            skipped += 1
            failed.append(name + " (skipped)")
        else:
            passed += 1
        cls = case.get("classname", "")
        for f in required_files:
            pre = _module_prefix(f)
            if cls == pre or cls.startswith(pre + "."):
                seen_files.add(f)
    total = len(cases)
    run = TestRun(False, tests_passed=passed, tests_total=total, failed=failed)
    # pytest writes collection errors as testcases with an <error> child
    suite_errors = sum(int(s.get("errors", 0) or 0) for s in root.iter("testsuite"))
    if total == 0:
        run.error = "no tests were collected"
    elif total == skipped:
        run.error = "every test was skipped"
    elif errors or suite_errors:
        run.error = None  # errors are failures of the change, not of the harness
    missing = [f for f in required_files if f not in seen_files]
    if missing and total:
        run.failed += [f"{m} (collected no tests)" for m in missing]
    run.correct = (total > 0 and passed == total and not missing and not suite_errors)
    return run


async def run_tests(
    sbx: SandboxEnvironment,
    visible_tests: dict[str, bytes],
    hidden_tests: dict[str, bytes],
    timeout: int,
) -> TestRun:
    """Restore the repo's own tests, add the hidden ones, run pytest, judge the report.

    `visible_tests` are the original test files (restored so a model's edit to a test cannot make
    it pass); `hidden_tests` are written under .tierfit/hidden/ by base name.
    """
    await sbx.exec(["rm", "-rf", "--", HARNESS_DIR], timeout=60)
    for path, data in visible_tests.items():
        await sbx.write_file(path, data)
    hidden_paths = []
    for name, data in hidden_tests.items():
        path = f"{HIDDEN_DIR}/{name}"
        await sbx.write_file(path, data)
        hidden_paths.append(path)
    ini = f"{HARNESS_DIR}/pytest.ini"
    await sbx.write_file(ini, _INI)
    targets = sorted(p for p in visible_tests if p.rsplit("/", 1)[-1].startswith("test")) + hidden_paths
    script = PYTEST.format(ini=ini, report=REPORT)
    try:
        res = await sbx.exec(["bash", "-c", script, "pytest", *targets], timeout=timeout)
    except TimeoutError:
        return TestRun(False, error=f"tests timed out after {timeout}s")
    if res.returncode not in (0, 1):
        tail = (res.stdout + res.stderr).strip().splitlines()[-3:]
        reason = {2: "test run interrupted (collection error)", 3: "pytest internal error",
                  4: "pytest usage error", 5: "no tests were collected"}.get(
            res.returncode, f"test run crashed (exit {res.returncode})")
        return TestRun(False, error=f"{reason}: {' | '.join(tail)}"[:500],
                       exit_code=res.returncode)
    try:
        report = await sbx.read_file(REPORT)
    except (FileNotFoundError, PermissionError, IsADirectoryError, UnicodeDecodeError):
        return TestRun(False, error="no test report was written", exit_code=res.returncode)
    run = parse_junit(report, targets)
    run.exit_code = res.returncode
    if res.returncode == 0 and not run.correct and run.error is None:
        run.error = "pytest exited 0 but its report shows failures"
    elif res.returncode == 1 and run.correct:
        run.correct = False  # the report says all passed but pytest did not: trust neither
    return run
