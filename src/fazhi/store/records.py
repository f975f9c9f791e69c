"""An analysis flattened into the rows the store writes: pure, so worker processes can do it.

The ingest's main process is the only writer; everything that costs CPU (analysis, JSON,
compression, search tokens) happens here, in the workers, and the writer only inserts.
"""

from __future__ import annotations

import hashlib
import json
import re
import zlib
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from fazhi import __version__
from fazhi.data import data_path
from fazhi.model import Analysis
from fazhi.store.tokens import Tokenizer

# zlib level 3: within 3% of level 6's size at two thirds of its time (measured on the
# synthetic corpus), and compression runs once per report in the workers.
ZLIB_LEVEL = 3
# A paragraph longer than this is indexed as several passages, cut after a sentence: a passage
# is the unit a search matches and shows, and text without line breaks (some PDFs) would
# otherwise be one passage matching every query.
MAX_PASSAGE = 1500
_SENTENCE_END = re.compile(r"[。；！？!?;]")
_DATA_SUFFIXES = frozenset({".yaml", ".json", ".txt"})


def compress(data: bytes) -> bytes:
    return zlib.compress(data, ZLIB_LEVEL)


def decompress(data: bytes) -> bytes:
    return zlib.decompress(data)


@cache
def shipped_rules_version() -> str:
    """A fingerprint of the data fazhi ships (rules, taxonomy, divisions: every file in
    ``fazhi/data``), so a stored analysis tells which made it and ``fazhi reanalyze`` which
    analyses are out of date."""
    h = hashlib.sha256(__version__.encode())
    for path in sorted(p for p in data_path(".").iterdir() if p.suffix in _DATA_SUFFIXES):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:12]


def rules_version(taxonomy_file: str | None = None) -> str:
    """The shipped rules' fingerprint, plus the user's taxonomy file's when one is used."""
    base = shipped_rules_version()
    if not taxonomy_file:
        return base
    with open(taxonomy_file, "rb") as f:
        return f"{base}+{hashlib.sha256(f.read()).hexdigest()[:8]}"


@dataclass(slots=True)
class Passage:
    section: str | None
    start: int
    end: int
    tokens: str
    meta: str


@dataclass(slots=True)
class Record:
    """Everything stored for one analysed report, except the document's and report's ids."""

    report: dict[str, Any]
    facts: list[tuple[Any, ...]]  # in FACT_COLUMNS order
    checks: list[tuple[Any, ...]]  # in CHECK_COLUMNS order
    score_parts: list[tuple[Any, ...]]  # in SCORE_COLUMNS order
    passages: list[Passage] = field(default_factory=list)


def analysis_blobs(a: Analysis, raw: bytes | None = None) -> tuple[bytes | None, bytes]:
    """(text, the rest of the analysis JSON), each compressed; :func:`load_analysis` puts the
    analysis back together exactly. The text is None when it is the file's own bytes in UTF-8
    (a plain-text report): the document's copy then serves for both."""
    data = a.to_dict()
    text = data.pop("text")
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    encoded = text.encode("utf-8")
    text_z = None if raw is not None and raw == encoded else compress(encoded)
    return text_z, compress(body.encode("utf-8"))


def load_text(text_z: bytes) -> str:
    """The text from ``COALESCE(reports.text_z, documents.data_z)``."""
    return decompress(text_z).decode("utf-8")


def load_analysis(text_z: bytes, analysis_z: bytes) -> Analysis:
    data = json.loads(decompress(analysis_z))
    data["text"] = load_text(text_z)
    return Analysis.from_dict(data)


def build_record(a: Analysis, tokenizer: Tokenizer, rules: str, raw: bytes | None = None) -> Record:
    text_z, analysis_z = analysis_blobs(a, raw)
    m = a.metadata
    report = {
        "entity": m.entity,
        "level": m.level,
        "report_year": m.report_year,
        "title": m.title,
        "signed_date": m.signed_date,
        "publish_date": m.publish_date,
        "score_total": a.score.total if a.score else None,
        "n_facts": len(a.facts),
        "n_chars": len(a.text),
        "analyzer_version": __version__,
        "rules_version": rules,
        "text_z": text_z,
        "analysis_z": analysis_z,
    }
    return Record(report, fact_rows(a), check_rows(a), score_rows(a), passages(a, tokenizer))


# Column order of the row tuples below (the writer inserts them as they are, after report_id).
FACT_COLUMNS = (
    "seq",
    "indicator",
    "section",
    "kind",
    "value",
    "unit",
    "qualifier",
    "subject",
    "text",
    "start",
    "end",
    "sent_start",
    "sent_end",
)
CHECK_COLUMNS = ("rule", "verdict", "title", "message", "basis")
SCORE_COLUMNS = ("part", "value")


def fact_rows(a: Analysis) -> list[tuple[Any, ...]]:
    return [
        (
            i,
            f.indicator,
            f.section,
            f.kind,
            float(f.value),
            f.unit,
            f.qualifier,
            f.subject,
            f.text,
            f.start,
            f.end,
            f.sentence.start if f.sentence else None,
            f.sentence.end if f.sentence else None,
        )
        for i, f in enumerate(a.facts)
    ]


def check_rows(a: Analysis) -> list[tuple[Any, ...]]:
    return [(c.rule, c.verdict, c.title, c.message, c.basis) for c in a.checks]


def score_rows(a: Analysis) -> list[tuple[Any, ...]]:
    return [(k, float(v)) for k, v in (a.score.parts if a.score else {}).items()]


def meta_tokens(
    year: int | None, level: str | None, entity: str | None, section: str | None, tok: Tokenizer
) -> str:
    """Filter words indexed beside a passage's text: its year, level and part, and the entity's
    tokens (so ``--entity 武侯区`` is an index lookup too). Each begins with two ASCII letters,
    so none can be mistaken for a token of the text (at most two characters long). The search
    asks for the same words (:func:`year_word` …), so the two sides cannot drift apart."""
    words = [year_word(year), level_word(level), part_word(section), *entity_words(entity, tok)]
    return " ".join(words)


def year_word(year: int | None) -> str:
    return f"yr{year or 0}"


def level_word(level: str | None) -> str:
    return "lv" + _word(level or "none")


def part_word(section: str | None) -> str:
    return "pt" + _word(section or "none")


def entity_words(entity: str | None, tok: Tokenizer) -> list[str]:
    return ["en" + t for t in tok.index(entity or "").split()]


def fts_body(tokens: str, meta: str) -> str:
    """What the SQLite index holds for a passage: its tokens, then its filter words."""
    return f"{tokens} {meta}"


def _word(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", s.lower())


def passages(a: Analysis, tokenizer: Tokenizer) -> list[Passage]:
    """The paragraphs of the report's body (page chrome left out), each with its part."""
    chrome = sorted((b.start, b.end) for b in a.boilerplate)
    out: list[Passage] = []
    metas: dict[str | None, str] = {}
    for start, end in _paragraphs(a.text, chrome):
        section = a.part_at(start)
        if section not in metas:
            m = a.metadata
            metas[section] = meta_tokens(m.report_year, m.level, m.entity, section, tokenizer)
        tokens = tokenizer.index(a.text[start:end])
        if tokens:
            out.append(Passage(section, start, end, tokens, metas[section]))
    return out


def _paragraphs(text: str, chrome: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        for s, e in _outside(start, end, chrome):
            spans += _cut(text, s, e)
    return spans


def _outside(start: int, end: int, chrome: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of [start, end) not covered by a chrome span."""
    pieces = [(start, end)]
    for cs, ce in chrome:
        if ce <= start or cs >= end:
            continue
        pieces = [p for s, e in pieces for p in ((s, min(e, cs)), (max(s, ce), e)) if p[0] < p[1]]
    return pieces


def _cut(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) stripped of blanks and cut into pieces of at most ``MAX_PASSAGE``."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    out: list[tuple[int, int]] = []
    while end - start > MAX_PASSAGE:
        cut = start + MAX_PASSAGE
        ends = [m.end() for m in _SENTENCE_END.finditer(text, start + MAX_PASSAGE // 2, cut)]
        cut = ends[-1] if ends else cut
        out.append((start, cut))
        start = cut
    if start < end:
        out.append((start, end))
    return out
