"""textkit: small text-processing utilities and a command-line tool."""

__version__ = "0.3.0"
