"""Read the text of a DOCX report in document order: paragraphs, tables, text boxes.

The package is read with zipfile and lxml rather than python-docx's object model, because the text
a reader sees is not what ``paragraph.text`` gives: Word draws list labels (一、 （一） 1.) from
numbering definitions (see :mod:`fazhi.ingest.numbering`), content controls (``w:sdt``) wrap whole
blocks, tracked deletions are still in the file, and text boxes repeat their text in a fallback
copy. Walking the XML ourselves handles all of these in one pass.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from fazhi.ingest import DAMAGED_DOCX, EMPTY, Document, IngestError
from fazhi.ingest.numbering import MC, Numbering, w

_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"

# Untrusted XML: no entity expansion, no network.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)

_P, _TBL, _TR, _TC, _R = w("p"), w("tbl"), w("tr"), w("tc"), w("r")
# Block-level wrappers whose children are paragraphs and tables.
_BLOCK_WRAPPERS = frozenset({w("sdt"), w("sdtContent"), w("customXml"), w("ins"), w("moveTo")})
# Inside a paragraph: subtrees that are not shown text (properties, deletions, field codes,
# the fallback copy of a drawing) or that are read separately (text boxes).
_SKIPPED = frozenset(
    {
        w("pPr"), w("rPr"), w("del"), w("moveFrom"), w("instrText"), w("delText"),
        w("fldData"), w("footnoteReference"), w("endnoteReference"), w("commentReference"),
        w("txbxContent"), f"{{{MC}}}Fallback",
    }
)  # fmt: skip
_BREAKS = frozenset({w("br"), w("cr")})
_CHARS = {w("tab"): "\t", w("noBreakHyphen"): "-", w("softHyphen"): ""}

_DAMAGED = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    KeyError,
    etree.XMLSyntaxError,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    RuntimeError,
    NotImplementedError,
)


@dataclass(slots=True)
class _Parts:
    document: etree._Element
    numbering: etree._Element | None
    styles: etree._Element | None
    title: str | None


def read_docx(data: bytes, name: str | None) -> Document:
    """The text of a DOCX, list labels included, one paragraph or table-cell paragraph a line."""
    try:
        parts = _open(data)
        numbering = Numbering(parts.numbering, parts.styles)
        body = parts.document.find(w("body"))
        lines = list(_blocks(body, numbering)) if body is not None else []
    except _DAMAGED as exc:
        raise IngestError(
            name,
            DAMAGED_DOCX,
            "这个 Word 文档（.docx）已损坏或不完整，无法打开。",
            "请重新下载或从原件重新导出；也可以用 Word 或 WPS 打开修复后另存为 .docx。",
        ) from exc
    text = "\n".join(lines)
    if not text.strip():
        raise IngestError(
            name,
            EMPTY,
            "这个 Word 文档里没有文字（可能只有图片）。",
            "如果报告是扫描图片，请先做文字识别（OCR）。",
        )
    page = {"标题": parts.title} if parts.title else {}
    return Document(text=text, format="docx", encoding=None, page=page)


# ---- package -----------------------------------------------------------------------------


def _open(data: bytes) -> _Parts:
    """The parts that matter, found through the package relationships as Word does."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = set(package.namelist())
        root_rels = _relationships(package, "", names)
        main = root_rels.get("officeDocument", "word/document.xml")
        if main not in names:
            raise KeyError(main)
        main_rels = _relationships(package, main, names)
        folder = posixpath.dirname(main)
        numbering = main_rels.get("numbering", posixpath.join(folder, "numbering.xml"))
        styles = main_rels.get("styles", posixpath.join(folder, "styles.xml"))
        core = _xml(package, root_rels.get("core-properties", "docProps/core.xml"), names)
        return _Parts(
            document=_xml_required(package, main),
            numbering=_xml(package, numbering, names),
            styles=_xml(package, styles, names),
            title=_title(core),
        )


def _relationships(package: zipfile.ZipFile, part: str, names: set[str]) -> dict[str, str]:
    """Relationship type (last path segment) → target part name, for one part."""
    folder, base = posixpath.split(part)
    rels = _xml(package, posixpath.join(folder, "_rels", f"{base}.rels"), names)
    found: dict[str, str] = {}
    if rels is None:
        return found
    for rel in rels.iterfind(f"{{{_REL}}}Relationship"):
        target = rel.get("Target") or ""
        if rel.get("TargetMode") == "External" or not target:
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
        found.setdefault(kind, posixpath.normpath(path))
    return found


def _xml(package: zipfile.ZipFile, part: str, names: set[str]) -> etree._Element | None:
    return _xml_required(package, part) if part in names else None


def _xml_required(package: zipfile.ZipFile, part: str) -> etree._Element:
    return etree.fromstring(package.read(part), parser=_PARSER)


def _title(core: etree._Element | None) -> str | None:
    """The document's title property, if the author set one (templates often leave it empty)."""
    title = " ".join((core.findtext(_DC_TITLE) or "").split()) if core is not None else ""
    return title or None


# ---- body --------------------------------------------------------------------------------


def _blocks(container: etree._Element, numbering: Numbering) -> Iterator[str]:
    """Lines of the paragraphs and tables in ``container``, in document order."""
    for child in container:
        if child.tag == _P:
            yield from _paragraph(child, numbering)
        elif child.tag == _TBL:
            yield from _table(child, numbering)
        elif child.tag in _BLOCK_WRAPPERS:
            yield from _blocks(child, numbering)


def _table(table: etree._Element, numbering: Numbering) -> Iterator[str]:
    """Each paragraph of each cell is a line; empty ones (merged cells, spacing) are left out."""
    for row in table.iter(_TR):
        if _enclosing_table(row) is not table:
            continue  # a nested table's row: read with its cell below
        for cell in row.iter(_TC):
            if _enclosing_table(cell) is table:
                yield from (line for line in _blocks(cell, numbering) if line.strip())


def _enclosing_table(el: etree._Element) -> etree._Element | None:
    return next(el.iterancestors(_TBL), None)


def _paragraph(p: etree._Element, numbering: Numbering) -> Iterator[str]:
    """The paragraph as Word shows it: list label, then its runs; text boxes follow it."""
    label = numbering.label(p.find(w("pPr")))
    text, boxes = _runs(p)
    yield label + text
    for box in boxes:
        yield from _blocks(box, numbering)


def _runs(p: etree._Element) -> tuple[str, list[etree._Element]]:
    """Shown text of a paragraph, and the text boxes anchored in it."""
    pieces: list[str] = []
    boxes: list[etree._Element] = []
    walker = etree.iterwalk(p, events=("start",))
    for _, el in walker:
        tag = el.tag
        if tag in _SKIPPED or (tag == _R and _hidden(el)):
            if tag == w("txbxContent"):
                boxes.append(el)
            walker.skip_subtree()
        elif tag == w("t"):
            pieces.append(el.text or "")
        elif tag in _BREAKS:
            pieces.append("\n")
        elif tag in _CHARS:
            pieces.append(_CHARS[tag])
    # A page break at the edge of a paragraph is layout, not a line of its own.
    return "".join(pieces).strip("\n"), boxes


def _hidden(run: etree._Element) -> bool:
    vanish = run.find(f"{w('rPr')}/{w('vanish')}")
    return vanish is not None and vanish.get(w("val"), "true") not in ("0", "false", "off")
