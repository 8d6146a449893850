"""Hostile probes through the `run` path: model output as an agent's commands and as a one-shot
answer whose code runs during the hidden tests. Containment must hold exactly as in `score`.

Every probe is harmless if containment fails (DEVELOPERS.md): it reads an env var this test set,
writes a sentinel file this test made, dials a loopback port this test opened, connects to
TEST-NET-1 (192.0.2.1, never routed), forks a bounded number of times, and starts a sleeper
that this test looks for and kills afterwards.
"""

from __future__ import annotations

import inspect
import json
import socket
from pathlib import Path

import pytest
from inspect_ai.log import read_eval_log

from evals.cli import main
from evals.sandbox.bwrap import bwrap_problem
from tests import (
    probe_battery,
    scripted_model,  # noqa: F401  (registers the scripted provider)
)
from tests.conftest import SLEEPER, file_blocks, patched_files, sleepers
from tests.probe_battery import KERNEL_PROBES, escapes
from tests.scripted_model import write_tiers

pytestmark = pytest.mark.skipif(bwrap_problem() is not None, reason=str(bwrap_problem()))
TASK = "textkit-top-words-ties"


def _agent_probes(b: dict) -> list[tuple[str, str]]:
    """(name, bash command): each prints one line `name: <what happened>`."""
    py = "python3 -c"
    return [
        ("secret", 'echo "secret: [${TIERFIT_PROBE_SECRET:-unset}]"'),
        ("write-outside", f'echo tampered > "{b["sentinel"]}" 2>/dev/null && echo "write-outside: '
                          f'written" || echo "write-outside: refused"'),
        ("read-outside", f'echo "read-outside: $(cat "{b["secret_file"]}" 2>/dev/null || '
                         f'echo refused)"'),
        ("python-install", f"{py} \"import os,sys; print('python-install:', "
                           f"'writable' if os.access(sys.prefix + '/lib', os.W_OK) else 'read-only')\""),
        ("loopback", f"{py} \"import socket\ntry:\n socket.create_connection(('127.0.0.1', "
                     f"{b['port']}), 2); print('loopback: connected')\nexcept OSError as e: "
                     f"print('loopback: refused', e.errno)\""),
        ("network", f"{py} \"import socket\ntry:\n socket.create_connection(('192.0.2.1', 9), 2); "
                    f"print('network: connected')\nexcept OSError as e: print('network: refused', "
                    f"e.errno)\""),
        ("fork", f"{py} \"import os\nkids=[];failed=0\nfor i in range(200):\n try:\n  pid=os.fork()\n"
                 f" except OSError:\n  failed+=1; continue\n if pid==0:\n  import time; time.sleep(2);"
                 f" os._exit(0)\n kids.append(pid)\nfor k in kids: os.waitpid(k,0)\n"
                 f"print('fork: started', len(kids), 'refused', failed)\""),
        ("memory", f"{py} \"\ntry:\n b=bytearray(6*1024**3); print('memory: allocated')\n"
                   f"except MemoryError: print('memory: refused')\""),
        ("file-size", "head -c 100000000 /dev/zero > big.bin 2>/dev/null; "
                      "echo \"file-size: $(stat -c %s big.bin)\"; rm -f big.bin"),
        ("disk", "for i in 1 2 3 4 5 6 7 8; do head -c 60000000 /dev/zero > fill$i.bin 2>/dev/null "
                 "|| break; done; echo \"disk: $(du -sm . | cut -f1) MB\"; rm -f fill*.bin"),
        ("link-out", f'ln -s "{b["secret_file"]}" leak.txt && ln -s "{b["secret_file"]}" '
                     f'textkit/leak.py && echo "link-out: made"'),
        ("grandchild", f"(setsid sleep {SLEEPER} >/dev/null 2>&1 &); echo 'grandchild: started'"),
        # the kernel calls the seccomp filter refuses, with the battery's own harmless probes
        ("kernel", "python3 - <<'EOF'\n" + inspect.getsource(probe_battery)
         + "\nfor k, v in probe_kernel('agent').items():\n    print(f'{k}: {v}')\nEOF"),
        ("unshare-cli", "unshare -Ur true 2>/dev/null && echo 'unshare-cli: created' || "
                        "echo 'unshare-cli: refused'"),
        # the run below caps CPU time at 2 s a command (sandbox_limits.cpu_seconds=2)
        ("cpu", "start=$(date +%s); python3 -c 'while True: pass'; rc=$?; "
                "echo \"cpu: killed after $(( $(date +%s) - start )) s, rc $rc\""),
    ]


def test_the_probe_checks_catch_an_escape() -> None:
    """What the probes print when nothing contains them (a transcript, not a run: probes never
    run outside the sandbox) is flagged, probe by probe."""
    escaped = {"secret": "[s3cr3t-from-host]", "write-outside": "written",
               "read-outside": "host-only-contents", "python-install": "writable",
               "loopback": "connected", "network": "refused 110", "fork": "started 200 refused 0",
               "memory": "allocated", "file-size": "100000000", "disk": "480 MB",
               "cpu": "killed after 180 s, rc 0",
               # a kernel without the filter: the calls get past it (EFAULT, EINVAL)
               "keyring": "stored", "keyring-read": "found hidden tests", "userns": "allowed",
               "clone-userns": "allowed", "ptrace": "allowed", "perf": "allowed (errno 14)",
               "io_uring": "allowed (errno 14)", "userfaultfd": "allowed",
               "bpf": "refused 22"}
    assert escapes(escaped) == ["secret", "write-outside", "read-outside", "python-install",
                                "loopback", "network", "fork", "memory", "file-size", "disk",
                                "link-out", "grandchild", "cpu", *KERNEL_PROBES]


def test_agent_commands_stay_contained(tmp_path: Path, bait: dict) -> None:
    probes = _agent_probes(bait)
    script = {"calls": {TASK: [["bash", {"command": cmd}] for _, cmd in probes]
                        + [["submit", {"answer": "Done."}]]}}
    (tmp_path / "script.json").write_text(json.dumps(script))
    tiers = write_tiers(tmp_path / "tiers.yaml", tmp_path / "script.json", solver="agent")
    rc = main(["run", "+suite=tickets", f"tiers={tiers}", "display=none", f"task_ids=[{TASK}]",
               f"results_dir={tmp_path / 'runs'}", "run_id=p1", "sandbox_limits.cpu_seconds=2"])
    assert rc == 0
    [log] = (tmp_path / "runs" / "p1" / "logs").glob("*.eval")
    [sample] = read_eval_log(str(log)).samples
    said = {}
    for m in sample.messages:
        if m.role == "tool":
            for line in m.text.splitlines():
                name, _, what = line.partition(": ")
                if name in dict(probes):
                    said[name] = what.strip()
                elif name in KERNEL_PROBES:
                    said[name] = what.strip()
    assert said.get("unshare-cli") == "refused", said
    assert escapes({k: v for k, v in said.items() if k != "unshare-cli"}) == []
    with pytest.raises(socket.timeout):
        bait["server"].accept()  # nothing ever reached the port
    assert bait["sentinel"].read_text() == "original"
    assert sleepers() == []  # the detached grandchild died with its command's namespace
    # the links out were scored by host-side reads that never follow them
    text = log.read_bytes()
    assert b"host-only-contents" not in text and b"s3cr3t-from-host" not in text
    assert "s3cr3t" not in json.dumps(sample.model_dump(mode="json"), default=str)
    assert sample.scores["ticket_scorer"].value["correct"] == 0  # and the work was judged


def test_oneshot_answer_code_running_in_the_hidden_tests_stays_contained(
        tmp_path: Path, bait: dict, ticket_specs: dict) -> None:
    spec = ticket_specs[TASK]
    files = patched_files(spec, spec.reference, tmp_path)
    target = next(p for p in files if not p.startswith("tests/"))
    # runs at import during the hidden tests: it raises (failing them) if it sees the secret or
    # reaches the port; the tests pass only if it ran to the end without seeing either
    probe = (
        "\n\nimport os as _os, socket as _socket\n"
        "assert _os.environ.get('TIERFIT_PROBE_SECRET') is None, 'secret visible'\n"
        f"try:\n    open({str(bait['sentinel'])!r}, 'w').write('tampered')\nexcept OSError:\n"
        "    pass\n"
        f"try:\n    _socket.create_connection(('127.0.0.1', {bait['port']}), 1)\n"
        "    raise SystemExit('loopback port reached')\nexcept OSError:\n    pass\n"
        f"import subprocess as _sp\n_sp.Popen(['setsid', 'sleep', {SLEEPER!r}])\n"
    )
    files[target] = files[target] + probe
    script = {"answers": {TASK: file_blocks(files)}}
    (tmp_path / "script.json").write_text(json.dumps(script))
    tiers = write_tiers(tmp_path / "tiers.yaml", tmp_path / "script.json", solver="oneshot")
    rc = main(["run", "+suite=tickets", f"tiers={tiers}", "display=none", f"task_ids=[{TASK}]",
               f"results_dir={tmp_path / 'runs'}", "run_id=p2"])
    assert rc == 0
    [log] = (tmp_path / "runs" / "p2" / "logs").glob("*.eval")
    [sample] = read_eval_log(str(log)).samples
    v = sample.scores["ticket_scorer"].value
    assert v["correct"] == 1, sample.scores["ticket_scorer"].explanation  # the probe ran, passed
    assert bait["sentinel"].read_text() == "original"
    with pytest.raises(socket.timeout):
        bait["server"].accept()
    assert sleepers() == []
    assert b"s3cr3t-from-host" not in log.read_bytes()

