"""What inspect finds through the `inspect_ai` entry point (named `tierfit`): our model
provider, our sandboxes, and every built-in suite's task as `tierfit/<suite>`, so that
`inspect eval tierfit/tickets --model local/smollm2` works from any folder."""

import functools
from typing import Any

from inspect_ai import Task
from inspect_ai._eval.registry import task_register
from inspect_ai._util.registry import registry_info

from evals.providers.local import LocalLlama  # noqa: F401
from evals.sandbox.bwrap import BwrapSandboxEnvironment  # noqa: F401
from evals.sandbox.hostlocal import UnsafeLocalSandboxEnvironment  # noqa: F401
from evals.suites import BUILTIN, get


def _namespaced(name: str) -> None:
    """Register the suite's @task function again as `tierfit/<name>` (inspect names a task by
    the package that defines it, and ours is `evals`, not the distribution's name)."""
    original = get(name).task_function

    @functools.wraps(original)
    def task_function(*args: Any, **kwargs: Any) -> Task:
        return original(*args, **kwargs)

    info = registry_info(original)
    task_register(task_function, f"tierfit/{name}", dict(info.metadata.get("attribs", {})),
                  list(info.metadata.get("params", [])))


for _name in BUILTIN:
    _namespaced(_name)
