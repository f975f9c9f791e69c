"""The links and names that pages and their JSON twins both show, made in one place so that a
page's link and its twin's ``url`` are the same."""

from __future__ import annotations

from fazhi.store.search import Hit


def hl_url(report_id: int, start: int, end: int) -> str:
    """The report page scrolled to ``start:end`` of its text, highlighted."""
    return f"/reports/{report_id}?hl={start}-{end}#hit"


def hit_url(h: Hit) -> str:
    """A search hit's report, highlighting the first match in it."""
    first = h.snippet.marks[0][1] - h.snippet.marks[0][0] if h.snippet.marks else 0
    return hl_url(h.report_id, h.offset, h.offset + first)


def file_name(path: str | None) -> str:
    """The last part of a stored path, whichever separator the machine that stored it used."""
    return (path or "").replace("\\", "/").rsplit("/", 1)[-1]
