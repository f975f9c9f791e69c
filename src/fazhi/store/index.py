"""The passage search index on each backend, behind one interface.

SQLite: an FTS5 table holding only the index (see the migration), fed the tokens of
:mod:`fazhi.store.tokens`; filters on year, level, part and entity are indexed as tokens of their
own beside the text (``yr2024``, ``ptshortcomings`` …), so a filtered search is an intersection
of posting lists rather than a scan. A contentless FTS5 table forgets a row only when given the
tokens it was indexed with, so removal recomputes them; the store records which tokenizer (and
version) built its index and refuses to mix two.

PostgreSQL: the same tokens as a ``tsvector`` literal (``'行政' '政复' …``) under a GIN index;
filters are ordinary conditions on the joined rows.

Either way the index proposes candidates (passages with every token of the query), and
:mod:`fazhi.store.search` checks each for the query words themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Connection, Engine, bindparam, select, text

from fazhi.store.bulk import insert_rows, reserve_ids
from fazhi.store.db import StoreError
from fazhi.store.records import (
    Passage,
    entity_words,
    fts_body,
    level_word,
    load_analysis,
    load_text,
    meta_tokens,
    part_word,
    year_word,
)
from fazhi.store.records import passages as passage_spans
from fazhi.store.schema import passages as passages_table
from fazhi.store.schema import reports, text_blob, with_document
from fazhi.store.tokens import TOKENIZERS, Term, Tokenizer, get_tokenizer

# Bumped whenever a tokenizer's output changes, so an index is never updated with other tokens.
TOKENIZER_VERSION = "1"
Order = Literal["relevance", "newest"]
# Relevance ranks the most recently stored matches, this many at most, and lists older ones
# after them, newest first: bm25 must score every passage it ranks, and a common two-character
# word matches hundreds of thousands of them in a large corpus (a page took half a second).
RELEVANCE_WINDOW = 5_000


@dataclass(frozen=True, slots=True)
class Filters:
    entity: str | None = None
    level: str | None = None
    year: int | None = None
    part: str | None = None
    indicator: str | None = None


@dataclass(frozen=True, slots=True)
class Match:
    passage_id: int
    report_id: int
    section: str | None
    start: int
    end: int


def tokenizer_label(tok: Tokenizer) -> str:
    if tok.name == "jieba":
        import jieba

        return f"jieba/{TOKENIZER_VERSION}/{jieba.__version__}"
    return f"{tok.name}/{TOKENIZER_VERSION}"


def store_tokenizer(conn: Connection) -> Tokenizer:
    """The tokenizer this store's index was built with; an error if this fazhi's differs."""
    label, tok = stored_tokenizer(conn)
    if label != tokenizer_label(tok):
        raise StoreError(
            f"语料库的检索索引由 {label} 生成，与当前版本（{tokenizer_label(tok)}）不一致。"
            "请运行 fazhi reanalyze --reindex 重建索引。"
        )
    return tok


def stored_tokenizer(conn: Connection) -> tuple[str | None, Tokenizer]:
    """The store's index label and the tokenizer it names (whatever its version)."""
    label = conn.execute(text("SELECT value FROM store_info WHERE key = 'tokenizer'")).scalar()
    return label, get_tokenizer((label or "bigram").split("/")[0])


def set_tokenizer(engine: Engine, name: str) -> None:
    """Choose the tokenizer of an empty store (the index cannot mix two)."""
    tok = TOKENIZERS[name]
    with engine.begin() as conn:
        if conn.execute(text("SELECT count(*) FROM passages")).scalar():
            raise StoreError("语料库已有索引内容，不能更换分词方式；请新建语料库。")
        write_label(conn, tok)


def write_label(conn: Connection, tok: Tokenizer) -> None:
    """Record that this store's index is (now) built with ``tok``."""
    sql = text("UPDATE store_info SET value = :v WHERE key = 'tokenizer'")
    conn.execute(sql, {"v": tokenizer_label(tok)})


class SearchIndex:
    """Add, remove and query indexed passages on one connection's backend."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.sqlite = conn.dialect.name == "sqlite"
        self.tokenizer = store_tokenizer(conn)

    # --- writing ------------------------------------------------------------------------------

    def add(self, report_id: int, items: Sequence[Passage]) -> None:
        self.add_many([(report_id, items)])

    def add_many(self, batch: Iterable[tuple[int, Sequence[Passage]]]) -> None:
        items = [(rid, p) for rid, passages in batch for p in passages]
        if not items:
            return
        ids = reserve_ids(self.conn, passages_table, len(items))
        insert_rows(
            self.conn,
            passages_table,
            ("id", "report_id", "section", "start", "end"),
            [
                (pid, rid, p.section, p.start, p.end)
                for pid, (rid, p) in zip(ids, items, strict=True)
            ],
        )
        if self.sqlite:
            self.conn.exec_driver_sql(
                "INSERT INTO passages_fts(rowid, body) VALUES (?, ?)",
                [(i, fts_body(p.tokens, p.meta)) for i, (_, p) in zip(ids, items, strict=True)],
            )
        else:
            self.conn.exec_driver_sql(
                "INSERT INTO passages_tsv (id, tsv) VALUES (%s, CAST(%s AS tsvector))",
                [(pid, tsvector_literal(p.tokens)) for pid, (_, p) in zip(ids, items, strict=True)],
            )

    def remove_reports(self, report_ids: Sequence[int]) -> None:
        """Forget every passage of these reports (their index entries first)."""
        if not report_ids:
            return
        ids = bindparam("ids", expanding=True)
        if self.sqlite:
            self._sqlite_delete(report_ids)
        else:
            self.conn.execute(
                text(
                    "DELETE FROM passages_tsv WHERE id IN "
                    "(SELECT id FROM passages WHERE report_id IN :ids)"
                ).bindparams(ids),
                {"ids": list(report_ids)},
            )
        self.conn.execute(
            text("DELETE FROM passages WHERE report_id IN :ids").bindparams(ids),
            {"ids": list(report_ids)},
        )

    def _sqlite_delete(self, report_ids: Sequence[int]) -> None:
        """FTS5's 'delete' command with the very tokens each row was indexed with, rebuilt from
        the stored text (the same tokenizer version is guaranteed by ``store_tokenizer``)."""
        ids = list(report_ids)
        cols = (reports.c.id, reports.c.report_year, reports.c.level, reports.c.entity, text_blob())
        found = self.conn.execute(
            select(*cols).select_from(with_document()).where(reports.c.id.in_(ids))
        )
        meta = {
            rid: (year, level, entity, load_text(blob)) for rid, year, level, entity, blob in found
        }
        stored = self.conn.execute(
            select(
                passages_table.c.id,
                passages_table.c.report_id,
                passages_table.c.section,
                passages_table.c.start,
                passages_table.c.end,
            ).where(passages_table.c.report_id.in_(ids))
        )
        metas: dict[tuple[int, str | None], str] = {}
        deletes = []
        for pid, rid, section, start, end in stored:
            year, level, entity, body = meta[rid]
            if (rid, section) not in metas:
                metas[rid, section] = meta_tokens(year, level, entity, section, self.tokenizer)
            tokens = self.tokenizer.index(body[start:end])
            deletes.append((pid, fts_body(tokens, metas[rid, section])))
        if deletes:
            self.conn.exec_driver_sql(
                "INSERT INTO passages_fts(passages_fts, rowid, body) VALUES ('delete', ?, ?)",
                deletes,
            )

    def index_report(self, report_id: int, text_z: bytes, analysis_z: bytes) -> None:
        """(Re)build the passages of a stored report, e.g. one that becomes current again."""
        a = load_analysis(text_z, analysis_z)
        self.add(report_id, passage_spans(a, self.tokenizer))

    # --- searching ----------------------------------------------------------------------------

    def search(
        self, terms: Sequence[Term], f: Filters, limit: int, offset: int, order: Order
    ) -> list[Match]:
        if not terms:
            return []
        if self.sqlite:
            return self._sqlite_search(terms, f, limit, offset, order)
        return self._pg_search(terms, f, limit, offset, order)

    def _sqlite_search(
        self, terms: Sequence[Term], f: Filters, limit: int, offset: int, order: Order
    ) -> list[Match]:
        parts = [_fts_term(t) for t in terms]
        parts += [year_word(f.year)] if f.year is not None else []
        parts += [level_word(f.level)] if f.level else []
        parts += [part_word(f.part)] if f.part else []
        if f.entity:
            parts += [f'"{w}"' for w in entity_words(f.entity, self.tokenizer)]
        match = " AND ".join(parts)
        where = ""
        params: dict[str, Any] = {"q": match, "limit": limit, "offset": offset}
        if f.indicator:
            where = "AND p.report_id IN (SELECT report_id FROM facts WHERE indicator = :ind)"
            params["ind"] = f.indicator
        source = (
            f"passages_fts f JOIN passages p ON p.id = f.rowid WHERE passages_fts MATCH :q {where}"
        )
        return self._page(source, "f.rowid", "f.rank", order, params)

    def _page(
        self, source: str, key: str, score: str, order: Order, params: dict[str, Any]
    ) -> list[Match]:
        """A page of the passages ``source`` finds: newest first; or the newest
        RELEVANCE_WINDOW by ``score`` (lower is better), then the older ones newest first."""
        if order == "newest":
            return self._rows(f"SELECT {key} AS id FROM {source}", "m.id DESC", params)
        window = f"SELECT {key} AS id, {score} AS score FROM {source} ORDER BY {key} DESC"
        window += f" LIMIT {RELEVANCE_WINDOW}"
        ranked = self._rows(window, "m.score, m.id DESC", params)
        if len(ranked) == params["limit"]:
            return ranked
        size, cut = self.conn.execute(
            text(f"SELECT count(*), min(id) FROM ({window}) w"), params
        ).one()
        if size < RELEVANCE_WINDOW:
            return ranked  # every match was ranked
        rest = {
            **params,
            "cut": cut,
            "limit": params["limit"] - len(ranked),
            "offset": max(0, params["offset"] - size),
        }
        older = f"SELECT {key} AS id FROM {source} AND {key} < :cut"
        return ranked + self._rows(older, "m.id DESC", rest)

    def _rows(self, found: str, order_by: str, params: dict[str, Any]) -> list[Match]:
        sql = (
            f'SELECT p.id, p.report_id, p.section, p.start, p."end" FROM ({found}) m '
            f"JOIN passages p ON p.id = m.id ORDER BY {order_by} LIMIT :limit OFFSET :offset"
        )
        return [Match(*row) for row in self.conn.execute(text(sql), params)]

    def _pg_search(
        self, terms: Sequence[Term], f: Filters, limit: int, offset: int, order: Order
    ) -> list[Match]:
        conds = ["t.tsv @@ CAST(:q AS tsquery)"]
        params: dict[str, Any] = {"q": tsquery_literal(terms), "limit": limit, "offset": offset}
        if f.year is not None:
            conds.append("r.report_year = :year")
            params["year"] = f.year
        if f.level:
            conds.append("r.level = :level")
            params["level"] = f.level
        if f.part:
            conds.append("p.section = :part")
            params["part"] = f.part
        if f.entity:
            conds.append("r.entity LIKE :entity ESCAPE '\\'")
            params["entity"] = f"%{_like_escape(f.entity)}%"
        if f.indicator:
            conds.append("p.report_id IN (SELECT report_id FROM facts WHERE indicator = :ind)")
            params["ind"] = f.indicator
        source = (
            "passages_tsv t JOIN passages p ON p.id = t.id JOIN reports r ON r.id = p.report_id "
            f"WHERE {' AND '.join(conds)}"
        )
        return self._page(source, "p.id", "-ts_rank(t.tsv, CAST(:q AS tsquery), 1)", order, params)


def _fts_term(t: Term) -> str:
    if t.prefix:
        return f'"{t.tokens[0]}" *'
    return "(" + " AND ".join(f'"{tok}"' for tok in t.tokens) + ")"


def _like_escape(s: str) -> str:
    """``s`` matched literally inside a LIKE pattern (escape character ``\\``)."""
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(tokens: str) -> str:
    """``'行政' '政复' …``: the tokens without positions, as on SQLite."""
    return " ".join(_lexeme(t) for t in tokens.split())


def tsquery_literal(terms: Sequence[Term]) -> str:
    parts = []
    for t in terms:
        if t.prefix:
            parts.append(f"{_lexeme(t.tokens[0])}:*")
        else:
            parts.extend(_lexeme(x) for x in t.tokens)
    return " & ".join(parts)
