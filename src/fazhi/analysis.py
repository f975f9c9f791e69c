"""``analyze()``: the one pure core of fazhi.

Text or file bytes in, an :class:`~fazhi.model.Analysis` out; deterministic, no I/O beyond its
input (the shipped rule files are read once and cached). The store, search, web, CLI and exports
are layers around this function.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path, PurePath

from fazhi.check import Rubric, RuleSet, evaluate
from fazhi.extract import Taxonomy, extract_facts
from fazhi.ingest import Document, IngestError, read_bytes
from fazhi.model import Analysis, Heading, Source, Span
from fazhi.parse.boilerplate import body_end, find_boilerplate
from fazhi.parse.metadata import extract_metadata
from fazhi.parse.outline import find_headings
from fazhi.parse.sections import find_parts


@dataclass(slots=True)
class Options:
    """What a caller may change per run: the rule sets (None = the shipped ones)."""

    taxonomy: Taxonomy | str | None = None  # a loaded taxonomy or the path of a user's file
    rules: RuleSet | None = None
    rubric: Rubric | None = None
    facts: bool = True
    checks: bool = True


def analyze(data: str | bytes, source: str | None = None, **options: object) -> Analysis:
    opts = Options(**options)  # type: ignore[arg-type]
    raw = data.encode("utf-8") if isinstance(data, str) else data
    sha = hashlib.sha256(raw).hexdigest()
    if isinstance(data, str):
        doc = Document(text=data, format="txt", encoding=None)
    else:
        try:
            doc = read_bytes(data, source)
        except IngestError as exc:
            return _failed(source, sha, exc)
    return analyze_document(doc, source, sha, opts)


def _failed(source: str | None, sha: str, exc: IngestError) -> Analysis:
    fmt = PurePath(source).suffix.lstrip(".").lower() if source else ""
    return Analysis(
        source=Source(path=source, sha256=sha, format=fmt or "unknown", encoding=None),
        text="",
        errors=[str(exc)],
    )


def analyze_document(doc: Document, source: str | None, sha: str, opts: Options) -> Analysis:
    text = doc.text
    chrome = find_boilerplate(text)
    raw_heads = find_headings(text, chrome)
    stop = body_end(text, chrome)
    parts = find_parts(text, raw_heads, chrome, stop)
    metadata, provenance = extract_metadata(text, chrome, raw_heads, stop, doc.page)
    headings = [
        Heading(h.level, h.marker, h.text, h.start, h.end, parts.heading_sections.get(i))
        for i, h in enumerate(raw_heads)
    ]
    analysis = Analysis(
        source=Source(
            path=source, sha256=sha, format=doc.format, encoding=doc.encoding, page=doc.page
        ),
        text=text,
        metadata=metadata,
        boilerplate=[Span(s, e) for s, e in chrome],
        headings=headings,
        parts=parts.parts,
        sections=parts.sections,
        provenance=provenance,
    )
    if opts.facts:
        analysis.facts = extract_facts(text, chrome, taxonomy=opts.taxonomy)
        for fact in analysis.facts:
            fact.section = analysis.part_at(fact.start)
    if opts.checks:
        analysis.checks, analysis.score = evaluate(analysis, opts.rules, opts.rubric)
    return analysis


def analyze_path(path: str | Path, **options: object) -> Analysis:
    """Read and analyse one file; an unreadable file gives an Analysis whose errors say why."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        err = IngestError(
            str(p),
            "unreadable",
            f"无法读取文件（{exc.strerror or exc}）。",
            "请检查路径和读取权限。",
        )
        return _failed(str(p), "", err)
    return analyze(data, source=str(p), **options)
