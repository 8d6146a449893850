"""The explicitly unsafe host sandbox (`sandbox=unsafe-local`): inspect's `local`, made usable.

It isolates nothing. It only pins the interpreter that runs tests and wraps every command so a
timeout kills the whole process group (inspect's `local` signals only the direct child).
"""

from __future__ import annotations

import os
import sys

from inspect_ai.util import ExecResult, sandboxenv
from inspect_ai.util._sandbox.local import LocalSandboxEnvironment


@sandboxenv(name="unsafe-local")
class UnsafeLocalSandboxEnvironment(LocalSandboxEnvironment):
    async def exec(  # type: ignore[override]
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
        path = os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")
        full_env = {"PATH": path, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
                    "PYTEST_ADDOPTS": "-p no:cacheprovider",
                    "PYTHONDONTWRITEBYTECODE": "1", **(env or {})}
        if timeout is not None:
            # setsid + timeout -k: the whole group goes when the time is up
            cmd = ["setsid", "--wait", "timeout", "-k", "2", str(timeout), *cmd]
        return await super().exec(cmd, input=input, cwd=cwd, env=full_env, user=user,
                                  timeout=None if timeout is None else timeout + 10,
                                  timeout_retry=timeout_retry, concurrency=concurrency)
