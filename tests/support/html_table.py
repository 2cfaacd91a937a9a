"""Read the dashboard's tables as a browser shows them: each row's cell texts."""

from __future__ import annotations

from html.parser import HTMLParser


class _Rows(HTMLParser):
    def __init__(self, table_id: str) -> None:
        super().__init__()
        self.table_id, self.inside = table_id, False
        self.header: list[str] = []
        self.rows: dict[str, list[str]] = {}
        self.current: list[str] | None = None
        self.cell_text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "table" and found.get("id") == self.table_id:
            self.inside = True
        elif self.inside and tag == "tr":
            unit = found.get("data-unit") or found.get("data-key")
            self.current = [] if unit is None else self.rows.setdefault(unit, [])
            if unit is None:
                self.header = self.current
        elif self.inside and tag in ("td", "th"):
            self.cell_text = []
        elif self.inside and tag == "br" and self.cell_text is not None:
            self.cell_text.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.inside = False
        elif tag in ("td", "th") and self.cell_text is not None and self.current is not None:
            self.current.append(" ".join("".join(self.cell_text).split()))
            self.cell_text = None

    def handle_data(self, data: str) -> None:
        if self.cell_text is not None:
            self.cell_text.append(data)


def table_rows(page: str, table_id: str) -> tuple[list[str], dict[str, list[str]]]:
    """The header's cells and, by unit code (`data-unit`, or another key in `data-key`), each
    row's cells of the table."""
    parser = _Rows(table_id)
    parser.feed(page)
    return parser.header, parser.rows


def page_text(page: str) -> str:
    """The page's visible words, whitespace collapsed (tags and styles removed)."""
    class _Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.words: list[str] = []
            self.skip = False

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.skip = tag in ("style", "script")

        def handle_endtag(self, tag: str) -> None:
            self.skip = False

        def handle_data(self, data: str) -> None:
            if not self.skip:
                self.words.append(data)

    parser = _Text()
    parser.feed(page)
    return " ".join(" ".join(parser.words).split())
