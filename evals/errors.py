"""Errors a user can cause and fix (bad input, a missing key, a malformed task folder).

The command line prints each as one `error:` line and exits with its code, never a traceback.
Every module raises these; none of them imports anything from the harness.
"""

from __future__ import annotations


class UserError(Exception):
    """Something the user must fix; printed as one line, exit code `code` (2: bad input)."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


class ConfigError(UserError):
    """A config value or override that is unknown or of the wrong kind."""


class TaskError(UserError):
    """A task folder that cannot be used."""


class TierError(UserError):
    """A tier list or model choice that cannot be used."""


class SandboxChoiceError(UserError):
    """No sandbox of the kind asked for can run here."""


class SandboxUnavailable(UserError):
    """The contained sandbox cannot start or stage a work dir here (a harness fault)."""


class LocalModelError(UserError):
    """A local model file or package that is missing or cannot be loaded."""


class ReportError(UserError):
    """Nothing to report, or a report that cannot be written."""
