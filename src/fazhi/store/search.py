"""Full-text search over the corpus: passages that contain every term of the query, with their
report, part, offset and a snippet in which the matches are marked.

A snippet carries the offsets of its matches rather than markup, so the CLI can colour them
and a web page can escape the text and wrap them in ``<mark>``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, select

from fazhi.store.index import Filters, Match, Order, SearchIndex
from fazhi.store.records import load_text
from fazhi.store.schema import reports, text_blob, with_document
from fazhi.store.tokens import Term, fold

# Characters of context shown before the first match and in the whole snippet.
CONTEXT_BEFORE = 40
SNIPPET_LENGTH = 160
# Candidates asked of the index beyond what a page needs, and at most in one round.
CANDIDATE_MARGIN = 4
MAX_CANDIDATE_BATCH = 2000


@dataclass(frozen=True, slots=True)
class Snippet:
    text: str
    start: int  # offset of the snippet's first character in the report's text
    marks: tuple[tuple[int, int], ...]  # matches, as offsets into ``text``


@dataclass(frozen=True, slots=True)
class Hit:
    report_id: int
    entity: str | None
    level: str | None
    year: int | None
    title: str | None
    part: str | None
    passage_start: int
    passage_end: int
    offset: int  # the first match, in the report's text: where a link should point
    snippet: Snippet


@dataclass(frozen=True, slots=True)
class SearchPage:
    query: str
    terms: tuple[str, ...]
    hits: list[Hit] = field(default_factory=list)
    offset: int = 0
    limit: int = 20
    has_more: bool = False


def search(
    conn: Connection,
    query: str,
    filters: Filters = Filters(),
    *,
    limit: int = 20,
    offset: int = 0,
    order: Order = "newest",
) -> SearchPage:
    """Passages holding every term of ``query``, ``limit`` at a time from ``offset``, the most
    recently stored first (or, with ``order="relevance"``, by FTS5's bm25 or PostgreSQL's
    ts_rank among the most recent ``RELEVANCE_WINDOW`` matches, then the older ones).

    The index proposes candidates (passages with all the terms' tokens); each is checked for
    the terms themselves before it counts, so results and pages are exact."""
    index = SearchIndex(conn)
    terms = index.tokenizer.query(query)
    page = SearchPage(query, tuple(t.text for t in terms), offset=offset, limit=limit)
    hits: list[Hit] = []
    seen = 0
    # Nearly every candidate passes the check, so the first round asks for just enough.
    batch = offset + limit + 1 + CANDIDATE_MARGIN
    position = 0
    while terms and len(hits) <= limit:
        candidates = index.search(terms, filters, batch, position, order)
        position += len(candidates)
        for hit in _verified(conn, candidates, terms, filters):
            if seen >= offset:
                hits.append(hit)
            seen += 1
        if len(candidates) < batch:
            break
        batch = min(2 * batch, MAX_CANDIDATE_BATCH)
    return SearchPage(page.query, page.terms, hits[:limit], offset, limit, len(hits) > limit)


def _verified(
    conn: Connection, matches: Sequence[Match], terms: Sequence[Term], f: Filters
) -> list[Hit]:
    """The candidates that really contain every term (and name the entity asked for)."""
    if not matches:
        return []
    ids = sorted({m.report_id for m in matches})
    cols = (reports.c.id, reports.c.entity, reports.c.level, reports.c.report_year, reports.c.title)
    rows = conn.execute(
        select(*cols, text_blob()).select_from(with_document()).where(reports.c.id.in_(ids))
    ).all()
    meta = {r[0]: r[1:5] for r in rows}
    texts = {r[0]: load_text(r[5]) for r in rows}
    out = []
    for m in matches:
        entity, level, year, title = meta[m.report_id]
        if f.entity and f.entity.lower() not in (entity or "").lower():
            continue
        passage = fold(texts[m.report_id][m.start : m.end])
        if not all(t.text in passage for t in terms):
            continue
        snip = snippet(texts[m.report_id], m.start, m.end, terms)
        first = snip.start + snip.marks[0][0] if snip.marks else m.start
        hit = Hit(m.report_id, entity, level, year, title, m.section, m.start, m.end, first, snip)
        out.append(hit)
    return out


def find_marks(passage: str, terms: Sequence[Term]) -> list[tuple[int, int]]:
    """Every occurrence of every term in ``passage`` (letters compared case-insensitively),
    as sorted, non-overlapping (start, end) offsets."""
    low = fold(passage)
    spans: list[tuple[int, int]] = []
    for t in terms:
        i = low.find(t.text)
        while i >= 0:
            spans.append((i, i + len(t.text)))
            i = low.find(t.text, i + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def snippet(report_text: str, start: int, end: int, terms: Sequence[Term]) -> Snippet:
    """About ``SNIPPET_LENGTH`` characters of the passage around its first match."""
    passage = report_text[start:end]
    marks = find_marks(passage, terms)
    first = marks[0][0] if marks else 0
    lo = max(0, first - CONTEXT_BEFORE)
    hi = min(len(passage), lo + SNIPPET_LENGTH)
    lo = max(0, min(lo, hi - SNIPPET_LENGTH))
    inside = tuple((s - lo, e - lo) for s, e in marks if s >= lo and e <= hi)
    return Snippet(passage[lo:hi], start + lo, inside)
