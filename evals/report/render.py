"""report.md and a self-contained report.html from one list of blocks (headings, text, tables, charts)."""

from __future__ import annotations

import base64
import html
import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd


@dataclass(frozen=True)
class Block:
    kind: str  # "h1" | "h2" | "p" | "table" | "chart" | "list"
    text: str = ""
    table: pd.DataFrame | None = None
    chart: str = ""  # chart name: charts/<name>.png and .svg
    items: tuple[str, ...] = ()


def _cell(v: object) -> str:
    if isinstance(v, float):
        if math.isnan(v):
            return "–"
        return f"{v:.3g}"
    return "" if v is None else str(v)


def to_markdown(blocks: list[Block]) -> str:
    out: list[str] = []
    for b in blocks:
        if b.kind == "h1":
            out.append(f"# {b.text}\n")
        elif b.kind == "h2":
            out.append(f"## {b.text}\n")
        elif b.kind == "p":
            out.append(b.text + "\n")
        elif b.kind == "list":
            out.append("\n".join(f"- {i}" for i in b.items) + "\n")
        elif b.kind == "chart":
            out.append(f"![{b.text or b.chart}](charts/{b.chart}.png)\n")
        elif b.kind == "table" and b.table is not None:
            t = b.table
            head = "| " + " | ".join(str(c) for c in t.columns) + " |"
            sep = "|" + "|".join("---" for _ in t.columns) + "|"
            rows = ["| " + " | ".join(_cell(v).replace("|", "\\|") for v in r) + " |"
                    for r in t.itertuples(index=False)]
            out.append("\n".join([head, sep, *rows]) + "\n")
    return "\n".join(out)


_CSS = """body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:1100px;
margin:2em auto;padding:0 1em;color:#1d2330;line-height:1.45}table{border-collapse:collapse;
margin:.5em 0 1.5em;font-size:.9em}th,td{border:1px solid #d0d5dd;padding:.3em .6em;text-align:left}
th{background:#f2f4f7}img{max-width:100%;height:auto;display:block;margin:.5em 0 1.5em}
h1{font-size:1.6em}h2{margin-top:1.8em;border-bottom:1px solid #e4e7ec}"""


def to_html(blocks: list[Block], title: str, chart_dir: Path) -> str:
    """One file with every chart embedded as a data URI, so it opens offline anywhere."""
    parts = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'>"
             f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>"]
    for b in blocks:
        if b.kind in ("h1", "h2"):
            parts.append(f"<{b.kind}>{html.escape(b.text)}</{b.kind}>")
        elif b.kind == "p":
            parts.append(f"<p>{html.escape(b.text).replace('**', '')}</p>")
        elif b.kind == "list":
            parts.append("<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in b.items) + "</ul>")
        elif b.kind == "chart":
            png = chart_dir / f"{b.chart}.png"
            data = base64.b64encode(png.read_bytes()).decode("ascii")
            parts.append(f"<img class='chart' id='chart-{html.escape(b.chart)}' "
                         f"alt='{html.escape(b.text or b.chart)}' src='data:image/png;base64,{data}'>")
        elif b.kind == "table" and b.table is not None:
            t = b.table
            head = "".join(f"<th>{html.escape(str(c))}</th>" for c in t.columns)
            rows = "".join("<tr>" + "".join(f"<td>{html.escape(_cell(v))}</td>" for v in r)
                           + "</tr>" for r in t.itertuples(index=False))
            parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    parts.append("</body></html>")
    return "\n".join(parts)
