"""Grading an architecture answer against its key, without a model (docs/design.md section 4.4).

A chain of small pure functions from the answer's text to a verdict: find the one fenced JSON
block, check its shape for the task's kind, then compare it with the key. Everything the model
wrote is data here: it is parsed, never run, and nothing in it can change how it is judged.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from typing import Any

DECISION, REVIEW, DIAGNOSIS = "decision", "review", "diagnosis"
KINDS = (DECISION, REVIEW, DIAGNOSIS)
SEVERITIES = ("critical", "major", "minor")
# what each kind's block must hold
BLOCK_KEY = {DECISION: "choice", REVIEW: "findings", DIAGNOSIS: "root_cause"}

_FENCE = re.compile(r"^[ \t]*```[ \t]*([^\n`]*)\n(.*?)^[ \t]*```[ \t]*$", re.DOTALL | re.MULTILINE)
# any fenced block, closed or running to the end of the answer
_ANY_FENCE = re.compile(r"^[ \t]*```[^\n]*\n.*?(?:^[ \t]*```[ \t]*$|\Z)", re.DOTALL | re.MULTILINE)
_LINES = re.compile(r"^\s*(\d+)\s*(?:[-\u2013:,]|\.\.)\s*(\d+)\s*$")
MAX_BLOCK_CHARS = 200_000  # a block past this is not an answer (and not worth parsing)


@dataclass(frozen=True)
class Term:
    """A consideration or mechanism the answer must name, as any one of its phrasings."""

    name: str
    phrasings: tuple[str, ...]

    def named_in(self, text: str) -> bool:
        return any(_phrase(p).search(text) for p in self.phrasings)


_INFLECTION = r"(?:s|es|d|ed|ing|ly)?"  # "materialise" names "materialised" and "materialises"


@functools.cache
def _phrase(p: str) -> re.Pattern[str]:
    """A phrasing as a case-insensitive pattern: whole words where it starts or ends with one (a
    plain inflection allowed at the end), any run of spaces or hyphens between its words."""
    p = p.strip()
    sep = r"[\s\-]+"
    words = [re.sub(r"(?<=\w)\\-(?=\w)", lambda _: sep, re.escape(w)) for w in p.split()]
    body = sep.join(words)
    head = r"(?<![\w])" if re.match(r"\w", p) else ""
    tail = _INFLECTION + r"(?![\w])" if re.search(r"\w$", p) else ""
    return re.compile(head + body + tail, re.IGNORECASE)


@dataclass(frozen=True)
class Defect:
    """A planted defect: where it is (one or more line ranges of the file after the change: a
    cause and the place it bites may be apart), how bad, what kind."""

    id: str
    file: str
    lines: tuple[tuple[int, int], ...]
    severity: str
    kind: str
    summary: str = ""


@dataclass(frozen=True)
class Key:
    """What one task's answers are graded against; only the kind's own fields are set."""

    kind: str
    choice: str = ""
    options: tuple[str, ...] = ()  # a decision's option letters
    must_weigh: tuple[Term, ...] = ()
    defects: tuple[Defect, ...] = ()
    allowed_false_positives: int = 0
    line_slack: int = 0
    file: str = ""
    symbol: str = ""
    mechanism: tuple[Term, ...] = ()


# ---------------------------------------------------------------- the block


def answer_block(text: str) -> tuple[dict[str, Any] | None, str]:
    """The answer's JSON object and the prose around it; (None, why) when there is none.

    The last fenced block marked `json` is the answer (a model may quote JSON before it); with
    no block marked `json`, the last fenced block that holds a JSON object. The prose is the
    text with that block removed.
    """
    blocks = list(_FENCE.finditer(text))
    marked = [m for m in blocks if m.group(1).strip().lower().startswith("json")]
    if marked:
        m = marked[-1]
        body = m.group(2)
        if len(body) > MAX_BLOCK_CHARS:
            return None, "the JSON block is too large"
        try:
            data = json.loads(body)
        except (json.JSONDecodeError, RecursionError) as ex:
            msg = ex.msg if isinstance(ex, json.JSONDecodeError) else "too deeply nested"
            return None, f"the JSON block does not parse: {msg}"
        if not isinstance(data, dict):
            return None, "the JSON block is not an object"
        return data, text[: m.start()] + text[m.end():]
    for m in reversed(blocks):
        body = m.group(2).strip()
        if body.startswith("{") and len(body) <= MAX_BLOCK_CHARS:
            try:
                data = json.loads(body)
            except (json.JSONDecodeError, RecursionError):
                continue
            if isinstance(data, dict):
                return data, text[: m.start()] + text[m.end():]
    return None, "no fenced JSON block in the answer"


# ---------------------------------------------------------------- matching


def norm_path(p: Any) -> str:
    return str(p).strip().strip("`'\"").replace("\\", "/").removeprefix("./").lower()


def same_file(answered: Any, keyed: str) -> bool:
    """The answer names the keyed file: the same path, or its trailing parts (`runner.py` or
    `pipeline/runner.py` for `pipeline/runner.py`)."""
    a, k = norm_path(answered).split("/"), norm_path(keyed).split("/")
    return bool(a) and a[-1] != "" and len(a) <= len(k) and k[-len(a):] == a


_DOTTED = re.compile(r"^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$")


def norm_symbol(s: Any) -> list[str]:
    """`Recurrence.expand()`, `recurrence.py::expand`, `schedule.recurrence.expand`: the dotted
    parts of a symbol, without call parentheses or a file prefix written with `::`. Empty when
    it is not one dotted name (prose, or a hedge such as "expand or merge" names none)."""
    text = str(s).strip().strip("`'\"")
    text = text.split("::")[-1].strip()
    text = re.sub(r"\(\s*\)$", "", text).strip()
    return text.split(".") if _DOTTED.match(text) else []


def same_symbol(answered: Any, keyed: str) -> bool:
    """The answer names the keyed definition: its name, or a dotted path ending in it whose
    qualifiers agree (`expand` or `Recurrence.expand` for `Recurrence.expand`; a module path
    in front, `schedule.recurrence.Recurrence.expand`, is allowed)."""
    a, k = norm_symbol(answered), norm_symbol(keyed)
    if not a or not k:
        return False
    n = min(len(a), len(k))
    return a[-n:] == k[-n:]


def finding_lines(raw: Any) -> tuple[int, int] | None:
    """A finding's `line`: a number, `[a, b]`, or text such as "12", "L12", "line 12",
    "lines 10-14", "L10-L14"; None when it is none of these."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return (raw, raw) if raw >= 1 else None
    if isinstance(raw, str):
        s = re.sub(r"\b(?:lines?|l)\s*(?=\d)", "", raw.strip(), flags=re.IGNORECASE).strip()
        if s.isdigit():
            return (int(s), int(s))
        m = _LINES.match(s)
        if m:
            a, b = int(m.group(1)), int(m.group(2))
            return (min(a, b), max(a, b))
        return None
    if isinstance(raw, list) and 1 <= len(raw) <= 2 and all(
            isinstance(x, int) and not isinstance(x, bool) and x >= 1 for x in raw):
        return (min(raw), max(raw))
    return None


def distance(finding: dict[str, Any], defect: Defect) -> int | None:
    """How many lines a finding lies from a defect (0: they overlap); None for another file
    or a finding without a readable line."""
    lines = finding_lines(finding.get("line", finding.get("lines")))
    if lines is None or not same_file(finding.get("file", ""), defect.file):
        return None
    return min(max(0, lo - lines[1], lines[0] - hi) for lo, hi in defect.lines)


def matched_defect(finding: dict[str, Any], defects: tuple[Defect, ...], slack: int
                   ) -> Defect | None:
    """The defect a finding reports: the nearest one within `slack` lines (the first on a tie).
    One finding is credited to one defect: a line between two defects does not find both."""
    best: tuple[int, int] | None = None
    for i, d in enumerate(defects):
        dist = distance(finding, d)
        if dist is not None and dist <= slack and (best is None or dist < best[0]):
            best = (dist, i)
    return defects[best[1]] if best is not None else None


# ---------------------------------------------------------------- grading


@dataclass
class Grade:
    """The keyed verdict of one answer and the partial scores the report shows."""

    parsed: bool
    correct: bool
    reason: str
    parts: dict[str, float | int | None]


def grade(text: str, key: Key) -> Grade:
    block, rest = answer_block(text)
    if block is None:
        return Grade(False, False, rest, {})
    field = BLOCK_KEY[key.kind]
    if field not in block:
        return Grade(False, False, f"the JSON block has no '{field}'", {})
    if key.kind == DECISION:
        return _decision(block, text, key)
    if key.kind == REVIEW:
        return _review(block, key)
    return _diagnosis(block, text, key)


def _choice(raw: Any, options: tuple[str, ...]) -> str | None:
    """The one option a `choice` names ("B", "option b", "B) stream ..."); None when it names
    none, or hedges between options ("B or C", "B/C")."""
    if not isinstance(raw, str):
        return None
    s = raw.strip().strip("`'\"*").strip()
    s = re.sub(r"^(option|choice)\s+", "", s, flags=re.IGNORECASE).strip()
    m = re.match(r"^([A-Za-z])(?:[\s).:\-]|$)", s)
    if not m:
        return None
    named = set(re.findall(r"(?<![\w])([A-Z])(?![\w])", s[1:])) & set(options)
    return None if named - {m.group(1).upper()} else m.group(1).upper()


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def reasoning(text: str, block: dict[str, Any]) -> str:
    """Where an answer names its considerations or mechanism: its prose, without any fenced
    block (quoted or pasted code names identifiers without saying anything about them; a file
    block is an edit), and the text values of its JSON block (an `explanation`)."""
    prose = _ANY_FENCE.sub("\n", text)
    return "\n".join([prose, *_strings(block)])


def _decision(block: dict[str, Any], text: str, key: Key) -> Grade:
    choice = _choice(block["choice"], key.options)
    if choice is None:
        return Grade(False, False, "'choice' must name one option by its letter", {})
    right = choice == key.choice
    said = reasoning(text, block)
    named = [t for t in key.must_weigh if t.named_in(said)]
    missing = [t.name for t in key.must_weigh if t not in named]
    parts = {"choice_right": int(right),
             "weighed": round(len(named) / len(key.must_weigh), 4) if key.must_weigh else 1.0}
    if not right:
        return Grade(True, False, f"chose {choice}, the key is {key.choice}", parts)
    if missing:
        return Grade(True, False, f"chose {choice} without weighing: {', '.join(missing)}",
                     parts)
    return Grade(True, True, f"chose {choice}, weighing every consideration", parts)


def _review(block: dict[str, Any], key: Key) -> Grade:
    raw = block["findings"]
    if not isinstance(raw, list) or not all(isinstance(f, dict) for f in raw):
        return Grade(False, False, "'findings' must be a list of objects", {})
    found: set[str] = set()
    false_positives = 0
    for f in raw:
        hit = matched_defect(f, key.defects, key.line_slack)
        if hit is not None:
            found.add(hit.id)
        else:
            false_positives += 1
    critical = [d for d in key.defects if d.severity == "critical"]
    missed = [d.id for d in critical if d.id not in found]
    parts = {
        "recall_critical": round(sum(d.id in found for d in critical) / len(critical), 4)
        if critical else 1.0,
        "recall": round(len(found) / len(key.defects), 4) if key.defects else 1.0,
        "precision": round((len(raw) - false_positives) / len(raw), 4) if raw else None,
        "false_positives": false_positives,
        "findings": len(raw),
    }
    if missed:
        return Grade(True, False, f"missed critical defect(s) {', '.join(missed)}", parts)
    if false_positives > key.allowed_false_positives:
        return Grade(True, False, f"{false_positives} findings match no defect (at most "
                     f"{key.allowed_false_positives} allowed)", parts)
    return Grade(True, True, f"found every critical defect; {false_positives} false "
                 f"positive(s)", parts)


def _diagnosis(block: dict[str, Any], text: str, key: Key) -> Grade:
    rc = block["root_cause"]
    if not isinstance(rc, dict):
        return Grade(False, False, "'root_cause' must be an object with file and symbol", {})
    file_right = same_file(rc.get("file", ""), key.file) if rc.get("file") else False
    symbol_right = same_symbol(rc.get("symbol", ""), key.symbol) if rc.get("symbol") else False
    said = reasoning(text, block)
    mechanism = any(t.named_in(said) for t in key.mechanism)
    parts = {"file_right": int(file_right), "symbol_right": int(file_right and symbol_right),
             "mechanism_named": int(mechanism)}
    if not file_right:
        return Grade(True, False, f"root cause placed in {rc.get('file')!r}, not {key.file}",
                     parts)
    if not symbol_right:
        return Grade(True, False, f"root cause placed in {rc.get('symbol')!r}, not {key.symbol}",
                     parts)
    if not mechanism:
        return Grade(True, False, "the right definition, but the mechanism is not named", parts)
    return Grade(True, True, f"root cause {key.file}::{key.symbol}, mechanism named", parts)
