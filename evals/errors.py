"""The exception types that mean "the user must fix something": printed as one line."""

from __future__ import annotations


def user_error_types() -> tuple[type[BaseException], ...]:
    from evals.providers.local import LocalModelError
    from evals.report.build import ReportError
    from evals.sandbox import SandboxChoiceError
    from evals.sandbox.bwrap import SandboxUnavailable
    from evals.taskspec import TaskError
    from evals.tiers import TierError

    return (TaskError, TierError, SandboxChoiceError, SandboxUnavailable, LocalModelError,
            ReportError)
