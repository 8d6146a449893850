"""Scheduling and date utilities."""

__version__ = "0.4.0"
