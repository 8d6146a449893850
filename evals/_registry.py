"""What inspect finds through the `inspect_ai` entry point: our model provider and sandboxes."""

from evals.providers.local import LocalLlama  # noqa: F401
from evals.sandbox.bwrap import BwrapSandboxEnvironment  # noqa: F401
from evals.sandbox.hostlocal import UnsafeLocalSandboxEnvironment  # noqa: F401
from evals.suites import tickets  # noqa: F401
