"""Copy detection and promises kept, fed from the store.

The detectors themselves are pure functions of fazhi.compare (``copies.find_copies``,
``promises.match_promises``). Here the corpus is streamed to them without loading whole
analyses where they are not needed (copy detection reads a report's text, entity, year and
chrome spans, year by year), and copy-detection results are stored, because a run over a large
corpus takes minutes while a clerk asks about one report at a time.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, delete, insert, or_, select

from fazhi.compare.copies import CopyDoc, CopyPair, CopyResult, find_copies
from fazhi.store.bulk import insert_rows
from fazhi.store.db import writing
from fazhi.store.ingest import now
from fazhi.store.records import decompress, load_text
from fazhi.store.schema import copy_pairs, copy_shares, reports, text_blob, with_document

# Reports read from the store at a time while streaming the corpus.
CHUNK = 500
# Bytes of a stored analysis decompressed to find its boilerplate spans (enough for source,
# metadata and a few dozen spans; more are read when needed).
_HEAD_BYTES = 8192


def copy_docs(conn: Connection, years: list[int] | None = None) -> Iterator[CopyDoc]:
    """Current reports as copy detection needs them, sorted by year (then id)."""
    query = select(reports.c.id).where(reports.c.current.is_(True))
    if years is not None:
        query = query.where(reports.c.report_year.in_(years))
    ids = list(conn.execute(query.order_by(reports.c.report_year, reports.c.id)).scalars())
    cols = (
        reports.c.id,
        reports.c.entity,
        reports.c.report_year,
        text_blob(),
        reports.c.analysis_z,
    )
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        rows = conn.execute(
            select(*cols).select_from(with_document()).where(reports.c.id.in_(chunk))
        )
        by_id = {r[0]: r for r in rows}
        for rid in chunk:
            _, entity, year, blob, analysis_z = by_id[rid]
            yield CopyDoc(rid, entity, year, load_text(blob), chrome_spans(analysis_z))


_CHROME_KEY = '"boilerplate":'
_DECODER = json.JSONDecoder()


def chrome_spans(analysis_z: bytes) -> list[tuple[int, int]]:
    """The boilerplate spans of a stored analysis, read without parsing all of it: they come
    early in the JSON (after source and metadata), so most of it is never decompressed."""
    head = zlib.decompressobj().decompress(analysis_z, _HEAD_BYTES).decode("utf-8", "ignore")
    for read in (lambda: head, lambda: decompress(analysis_z).decode("utf-8")):
        body = read()
        at = body.find(_CHROME_KEY)
        try:
            spans, _ = _DECODER.raw_decode(body, at + len(_CHROME_KEY))
        except ValueError:  # cut off inside the prefix: read the whole analysis
            continue
        return [(b["start"], b["end"]) for b in spans]
    raise ValueError("stored analysis without boilerplate")


def _fetcher(engine: Engine):  # type: ignore[no-untyped-def]
    """report id → text, for the few pairs the detector must read again."""

    @lru_cache(maxsize=256)
    def fetch(report_id: int) -> str:
        with engine.connect() as conn:
            blob = conn.execute(
                select(text_blob()).select_from(with_document()).where(reports.c.id == report_id)
            ).scalar_one()
        return load_text(blob)

    return fetch


def detect_copies(engine: Engine, *, year: int | None = None, threshold: float = 0.8) -> CopyResult:
    """Run copy detection over the corpus (or over one year, with the year before for its
    ``previous_year`` pairs) and store what it finds in place of earlier results."""
    years = None if year is None else [year - 1, year]
    with engine.connect() as conn:
        result = find_copies(copy_docs(conn, years), threshold=threshold, fetch=_fetcher(engine))
    return _save(engine, result, year)


def _year_ids(conn: Connection, year: int) -> set[int]:
    q = select(reports.c.id).where(reports.c.current.is_(True), reports.c.report_year == year)
    return set(conn.execute(q).scalars())


def _save(engine: Engine, result: CopyResult, year: int | None) -> CopyResult:
    """Store the result in place of the earlier one; for one year, only the pairs and shares
    of that year's reports (the year before was read only as the source of their
    ``previous_year`` pairs). Returns what was stored."""
    with writing(engine) as conn:
        if year is None:
            conn.execute(delete(copy_pairs))
            conn.execute(delete(copy_shares))
        else:
            ids = _year_ids(conn, year)
            pairs = [p for p in result.pairs if p.a in ids]
            share = {k: v for k, v in result.share.items() if k in ids}
            result = CopyResult(pairs, share, result.undated, result.stats)
            conn.execute(delete(copy_pairs).where(copy_pairs.c.a_report.in_(list(ids))))
            conn.execute(delete(copy_shares).where(copy_shares.c.report_id.in_(list(ids))))
        insert_rows(conn, copy_pairs, _PAIR_COLUMNS, [_pair_row(p) for p in result.pairs])
        at = now()
        rows = [{"report_id": k, "share": v, "computed_at": at} for k, v in result.share.items()]
        if rows:
            conn.execute(insert(copy_shares), rows)
    return result


_PAIR_COLUMNS = (
    "a_report",
    "b_report",
    "a_start",
    "a_end",
    "b_start",
    "b_end",
    "similarity",
    "relation",
)


def _pair_row(p: CopyPair) -> tuple[object, ...]:
    return (p.a, p.b, p.a_start, p.a_end, p.b_start, p.b_end, p.similarity, p.relation)


@dataclass(frozen=True, slots=True)
class SharedPassage:
    """A passage of this report and where the other report has it. ``relation`` is said from
    this report's side: same_year (another unit's report of its year), repeats_previous (it
    repeats its unit's report of the year before) or repeated_next (its unit's next report
    repeats it)."""

    other: int
    other_entity: str | None
    other_year: int | None
    start: int
    end: int
    other_start: int
    other_end: int
    similarity: float
    relation: str
    text: str | None  # None when read without the report's text


@dataclass(frozen=True, slots=True)
class ReportCopies:
    report_id: int
    share: float | None  # None: copy detection has not been run on this report's year
    passages: list[SharedPassage]


def copies_of(engine: Engine, report_id: int) -> ReportCopies | None:
    """What copy detection found for one report (run for its year first if never run)."""
    with engine.connect() as conn:
        year = conn.execute(select(reports.c.report_year).where(reports.c.id == report_id)).first()
        if year is None:
            return None
        share = conn.execute(_SHARE, {"rid": report_id}).scalar()
    if share is None and year[0] is not None:
        detect_copies(engine, year=year[0])
    with engine.connect() as conn:
        return stored_copies(conn, report_id)


# Built once: a report page asks these every time.
_PAIRS = select(copy_pairs).where(
    or_(copy_pairs.c.a_report == bindparam("rid"), copy_pairs.c.b_report == bindparam("rid"))
)
_SHARE = select(copy_shares.c.share).where(copy_shares.c.report_id == bindparam("rid"))
_NAMES = select(reports.c.id, reports.c.entity, reports.c.report_year).where(
    reports.c.id.in_(bindparam("ids", expanding=True))
)
_TEXT = select(text_blob()).select_from(with_document()).where(reports.c.id == bindparam("rid"))


def stored_copies(conn: Connection, report_id: int, *, with_text: bool = True) -> ReportCopies:
    """What the last detection stored for one report, its passages in text order; the text of
    each passage only when asked (a page that highlights them has the text already)."""
    rows = conn.execute(_PAIRS, {"rid": report_id}).all()
    others = sorted({r.b_report if r.a_report == report_id else r.a_report for r in rows})
    names = {r.id: (r.entity, r.report_year) for r in conn.execute(_NAMES, {"ids": others})}
    text = load_text(conn.execute(_TEXT, {"rid": report_id}).scalar_one()) if with_text else None
    out = [_passage(r, report_id, names, text) for r in rows]
    out.sort(key=lambda p: (p.start, -p.similarity, p.other))
    return ReportCopies(report_id, conn.execute(_SHARE, {"rid": report_id}).scalar(), out)


def _passage(
    r: Any, report_id: int, names: dict[int, tuple[str | None, int | None]], text: str | None
) -> SharedPassage:
    mine = r.a_report == report_id
    start, end, other, o_start, o_end = (
        (r.a_start, r.a_end, r.b_report, r.b_start, r.b_end)
        if mine
        else (r.b_start, r.b_end, r.a_report, r.a_start, r.a_end)
    )
    relation = r.relation
    if relation == "previous_year":  # the later report is side a: it repeats the earlier one
        relation = "repeats_previous" if mine else "repeated_next"
    entity, year = names.get(other, (None, None))
    excerpt = text[start:end] if text is not None else None
    return SharedPassage(
        other, entity, year, start, end, o_start, o_end, r.similarity, relation, excerpt
    )


def shares(
    engine: Engine, *, year: int | None = None, limit: int = 50
) -> list[tuple[int, str | None, int | None, float]]:
    """Reports with the largest shares of copied text: (id, entity, year, share)."""
    with engine.connect() as conn:
        q = (
            select(reports.c.id, reports.c.entity, reports.c.report_year, copy_shares.c.share)
            .join(copy_shares, copy_shares.c.report_id == reports.c.id)
            .order_by(copy_shares.c.share.desc(), reports.c.id)
            .limit(limit)
        )
        if year is not None:
            q = q.where(reports.c.report_year == year)
        return [tuple(r) for r in conn.execute(q)]  # type: ignore[misc]


__all__ = [
    "ReportCopies",
    "SharedPassage",
    "copies_of",
    "copy_docs",
    "detect_copies",
    "shares",
    "stored_copies",
]
