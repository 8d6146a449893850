"""Command-line interface for textkit.

Usage: ``textkit <command> [options]`` where command is one of ``stats``,
``top``, ``slug``, ``table`` or ``render``.  Commands that read text take a
FILE argument; ``-`` (the default) reads standard input.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Sequence

from textkit.slug import slugify
from textkit.stats import STAT_FIELDS, compute_stats, top_words
from textkit.table import Cell, format_table
from textkit.template import TemplateError, render


class CommandError(Exception):
    """An error reported to the user as ``textkit: <message>`` with exit status 1."""


def _read_text(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except OSError as exc:
        raise CommandError(f"cannot read {path}: {exc.strerror}") from None


def _parse_cell(text: str) -> Cell:
    for convert in (int, float):
        try:
            return convert(text)
        except ValueError:
            pass
    return text


def _cmd_stats(args: argparse.Namespace) -> None:
    stats = compute_stats(_read_text(args.file))
    for name, value in zip(STAT_FIELDS, stats.as_row()):
        print(f"{name}: {value}")


def _cmd_top(args: argparse.Namespace) -> None:
    if args.n < 1:
        raise CommandError("-n must be at least 1")
    ranked = top_words(_read_text(args.file), args.n, min_length=args.min_length)
    print(format_table(ranked, headers=["word", "count"]))


def _cmd_slug(args: argparse.Namespace) -> None:
    print(slugify(" ".join(args.words), sep=args.sep))


def _cmd_table(args: argparse.Namespace) -> None:
    reader = csv.reader(_read_text(args.file).splitlines(), delimiter=args.delimiter)
    records = [row for row in reader if row]
    headers = None if args.no_header or not records else records.pop(0)
    rows = [[_parse_cell(text) for text in record] for record in records]
    try:
        print(format_table(rows, headers=headers))
    except ValueError as exc:
        raise CommandError(str(exc)) from None


def _cmd_render(args: argparse.Namespace) -> None:
    context: dict[str, str] = {}
    for assignment in args.var:
        name, found, value = assignment.partition("=")
        if not found or not name:
            raise CommandError(f"--var expects NAME=VALUE, got {assignment!r}")
        context[name] = value
    try:
        print(render(_read_text(args.template), context), end="")
    except TemplateError as exc:
        raise CommandError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser for the ``textkit`` command."""
    parser = argparse.ArgumentParser(prog="textkit", description="Small text utilities.")
    commands = parser.add_subparsers(dest="command", required=True)

    stats = commands.add_parser("stats", help="count lines, words, characters and sentences")
    stats.add_argument("file", nargs="?", default="-")
    stats.set_defaults(handler=_cmd_stats)

    top = commands.add_parser("top", help="show the most frequent words")
    top.add_argument("file", nargs="?", default="-")
    top.add_argument("-n", type=int, default=10, help="how many words to show")
    top.add_argument("--min-length", type=int, default=1, help="ignore shorter words")
    top.set_defaults(handler=_cmd_top)

    slug = commands.add_parser("slug", help="print a slug made from WORDS")
    slug.add_argument("words", nargs="+")
    slug.add_argument("--sep", default="-")
    slug.set_defaults(handler=_cmd_slug)

    table = commands.add_parser("table", help="format CSV as an aligned table")
    table.add_argument("file", nargs="?", default="-")
    table.add_argument("--delimiter", default=",")
    table.add_argument("--no-header", action="store_true", help="first row is data")
    table.set_defaults(handler=_cmd_table)

    render_cmd = commands.add_parser("render", help="render a {{ name }} template")
    render_cmd.add_argument("template")
    render_cmd.add_argument("--var", action="append", default=[], metavar="NAME=VALUE")
    render_cmd.set_defaults(handler=_cmd_render)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit status."""
    args = build_parser().parse_args(argv)
    try:
        args.handler(args)
    except CommandError as exc:
        print(f"textkit: {exc}", file=sys.stderr)
        return 1
    return 0
