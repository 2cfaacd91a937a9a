"""The benchmarks' result tables: aligned text for the terminal, or Markdown for
docs/BENCHMARKS.md."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

Row = TypeVar("Row")
Columns = Sequence[tuple[str, Callable[[Row], str]]]


def format_table(rows: Sequence[Row], columns: Columns[Row], *, markdown: bool) -> str:
    """One line per row, a cell per column (its title and how to show a row)."""
    cells = [[title for title, _ in columns]] + [[cell(row) for _, cell in columns]
                                                 for row in rows]
    if markdown:
        lines = ["| " + " | ".join(line) + " |" for line in cells]
        lines.insert(1, "|" + "|".join("---" for _ in columns) + "|")
        return "\n".join(lines)
    widths = [max(len(line[i]) for line in cells) for i in range(len(columns))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True))
                     for line in cells)
