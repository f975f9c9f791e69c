"""Decide what a file is from its bytes, and hand it to the reader for that format.

Websites and offices mislabel files all the time (a page saved as ``.txt``, a DOCX renamed
``.pdf``), so the content decides; the extension only breaks ties that the content leaves open,
such as a damaged zip that may or may not have been a DOCX. Files that cannot be a report (images,
archives, programs, old binary Word) are refused here with a message that says what to do.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import PurePath

from fazhi.ingest import (
    ARCHIVE,
    BINARY,
    EMPTY,
    ENCRYPTED,
    IMAGE,
    OLD_WORD,
    UNSUPPORTED,
    Document,
    IngestError,
)

Reader = Callable[[bytes, str | None], Document]

_OCR_HINT = "图片里的文字需要先做文字识别（OCR），再把识别结果另存为 .docx 或 .txt。"

_IMAGE_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)
_ARCHIVE_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x1f\x8b", "gzip"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"MSCF\x00\x00\x00\x00", "CAB"),
)
_EXECUTABLE_MAGIC: tuple[bytes, ...] = (
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
)
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_PDF_MAGIC = re.compile(rb"%PDF-\d\.\d")
_BMP_HEADER_SIZES = frozenset({12, 40, 52, 56, 64, 108, 124})

# A start tag in HTML's own grammar: ASCII attribute names, quoted or bare values, then ">".
_TAG_REST = r"""(?:\s+[A-Za-z_:][-\w:.]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*\s*/?>"""
# A page starts with markup, possibly after an XML prolog and comments.
_HTML_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    rf"(?:<!doctype\s+html[^>]*>|<(?:html|head|body|meta|title){_TAG_REST})",
    re.IGNORECASE | re.DOTALL | re.ASCII,
)
# A bare fragment (no <html>) counts only if it opens a block element and closes it again.
_HTML_FRAGMENT = re.compile(
    rf"\s*<(div|p|table|section|article){_TAG_REST}.*</\1\s*>",
    re.IGNORECASE | re.DOTALL | re.ASCII,
)
_HTML_SUFFIXES = frozenset({".html", ".htm", ".shtml", ".xhtml"})
_SNIFF_CHARS = 4096

_DOCX_MAIN = b"wordprocessingml.document.main"


def read_any(data: bytes, name: str | None) -> Document:
    """Read ``data`` with the reader its content calls for."""
    return _READERS[detect_format(data, name)](data, name)


def detect_format(data: bytes, name: str | None) -> str:
    """``"txt"``, ``"html"``, ``"docx"`` or ``"pdf"``; anything else is an :class:`IngestError`."""
    if not data:
        raise IngestError(name, EMPTY, "文件是空的（0 字节）。", "请确认导出或下载是否完整。")
    if _PDF_MAGIC.search(data, 0, 1024):
        return "pdf"
    if data.startswith(_ZIP_MAGIC):
        return _zip_format(data, name)
    _refuse_binary(data, name)
    return "html" if looks_like_html(data, name) else "txt"


def looks_like_html(data: bytes, name: str | None) -> bool:
    """True for a web page; a plain report that merely contains ``<`` stays text."""
    head = _head_text(data)
    if _HTML_START.match(head):
        return True
    return _suffix(name) in _HTML_SUFFIXES and _HTML_FRAGMENT.match(head) is not None


def _head_text(data: bytes) -> str:
    """The start of the file as text, good enough to see markup in any of the usual encodings."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) : len(bom) + 2 * _SNIFF_CHARS].decode(encoding, errors="ignore")
    # Markup is ASCII in every encoding a Chinese page uses; latin-1 keeps byte positions.
    return data[:_SNIFF_CHARS].decode("latin-1")


def _refuse_binary(data: bytes, name: str | None) -> None:
    """Raise for images, archives, programs, old Office files and RTF; return for anything else."""
    kind = _image_kind(data)
    if kind:
        raise IngestError(
            name, IMAGE, f"这是一张图片（{kind}），图片里没有可读取的文字。", _OCR_HINT
        )
    kind = _archive_kind(data)
    if kind:
        raise IngestError(
            name,
            ARCHIVE,
            f"这是一个压缩包（{kind}），不是报告文件本身。",
            "请先解压，再逐个导入其中的报告文件。",
        )
    if data.startswith(_EXECUTABLE_MAGIC) or _is_windows_program(data):
        raise IngestError(name, BINARY, "这是一个程序文件，不是报告。", "请检查是否选错了文件。")
    if data.startswith(_OLE2_MAGIC):
        _refuse_old_office(data, name)
    if data[:64].lstrip().startswith(b"{\\rtf"):
        raise IngestError(
            name,
            UNSUPPORTED,
            "这是 RTF 格式的文件，暂不支持读取。",
            "请用 Word 或 WPS 打开后另存为 .docx 或 PDF。",
        )


def _image_kind(data: bytes) -> str | None:
    for magic, kind in _IMAGE_MAGIC:
        if data.startswith(magic):
            return kind
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "WEBP"
    if data.startswith(b"BM") and int.from_bytes(data[14:18], "little") in _BMP_HEADER_SIZES:
        return "BMP"
    if data[4:8] == b"ftyp" and data[8:12] in (b"heic", b"heix", b"mif1", b"avif"):
        return "HEIC"
    return None


def _archive_kind(data: bytes) -> str | None:
    for magic, kind in _ARCHIVE_MAGIC:
        if data.startswith(magic):
            return kind
    if re.match(rb"BZh[1-9]1AY&SY", data):
        return "bzip2"
    if data[257:262] == b"ustar":
        return "tar"
    return None


def _is_windows_program(data: bytes) -> bool:
    """An MZ header with the binary fields that follow it; a text starting "MZ" is not one."""
    return data.startswith(b"MZ") and b"\x00" in data[2:64]


def _refuse_old_office(data: bytes, name: str | None) -> None:
    """OLE2 holds .doc and .wps but also .xls, .ppt and encrypted Office files.

    The stream names in its directory tell them apart.
    """
    if _utf16_name(b"EncryptedPackage") in data:
        raise IngestError(
            name,
            ENCRYPTED,
            "这个 Office 文档设置了打开密码，无法读取。",
            "请在 Word 或 WPS 中取消密码后另存为 .docx，再导入。",
        )
    if _utf16_name(b"Workbook") in data or _utf16_name(b"PowerPoint Document") in data:
        raise IngestError(
            name,
            UNSUPPORTED,
            "这是旧版 Excel 或 PowerPoint 文件，不是报告文档。",
            "请把报告另存为 .docx 或 PDF 后再导入。",
        )
    raise IngestError(
        name,
        OLD_WORD,
        "这是旧版 Word/WPS 二进制格式（.doc/.wps），暂不支持直接读取。",
        "请用 Word 或 WPS 打开后另存为 .docx 或 PDF，再导入。",
    )


def _utf16_name(ascii_name: bytes) -> bytes:
    return ascii_name.decode("ascii").encode("utf-16-le")


def _zip_format(data: bytes, name: str | None) -> str:
    """A zip is a DOCX, another office format, or an archive; a broken one may be any of them."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            content_types = _member(archive, "[Content_Types].xml", names)
            mimetype = _member(archive, "mimetype", names)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        return _broken_zip_format(data, name)
    if _DOCX_MAIN in content_types or "word/document.xml" in names:
        return "docx"
    _refuse_other_office(names, content_types, mimetype, name)
    if any(n.startswith("word/") for n in names) or _suffix(name) == ".docx":
        return "docx"  # the DOCX reader reports it as damaged: no main document part
    raise IngestError(
        name,
        ARCHIVE,
        "这是一个 ZIP 压缩包，不是报告文件本身。",
        "请先解压，再逐个导入其中的报告文件。",
    )


def _member(archive: zipfile.ZipFile, member: str, names: list[str]) -> bytes:
    if member not in names:
        return b""
    try:
        return archive.read(member)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, KeyError):
        return b""


def _refuse_other_office(
    names: list[str], content_types: bytes, mimetype: bytes, name: str | None
) -> None:
    if any(n.startswith(("xl/", "ppt/")) for n in names) or b"spreadsheetml" in content_types:
        raise IngestError(
            name,
            UNSUPPORTED,
            "这是 Excel 或 PowerPoint 文件，不是报告文档。",
            "请把报告另存为 .docx 或 PDF 后再导入。",
        )
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        raise IngestError(
            name,
            UNSUPPORTED,
            "这是 OpenDocument（.odt 等）格式的文件，暂不支持读取。",
            "请另存为 .docx 或 PDF 后再导入。",
        )
    if "OFD.xml" in names:
        raise IngestError(
            name,
            UNSUPPORTED,
            "这是 OFD 版式文件，暂不支持读取。",
            "请用 OFD 阅读器导出为 PDF 后再导入。",
        )


def _broken_zip_format(data: bytes, name: str | None) -> str:
    """A zip that cannot be opened: a DOCX if its local headers or its name say so."""
    if b"word/" in data or _DOCX_MAIN in data or _suffix(name) == ".docx":
        return "docx"  # the DOCX reader reports the damage
    raise IngestError(
        name,
        ARCHIVE,
        "这是一个 ZIP 压缩包，而且已经损坏，无法打开。",
        "请重新下载，解压后再逐个导入其中的报告文件。",
    )


def _suffix(name: str | None) -> str:
    return PurePath(name).suffix.lower() if name else ""


# Readers are imported on first use: trafilatura and pdfium take a while to load, and a batch of
# plain-text reports never needs them.
def _read_txt(data: bytes, name: str | None) -> Document:
    from fazhi.ingest.text import read_text

    return read_text(data, name)


def _read_html(data: bytes, name: str | None) -> Document:
    from fazhi.ingest.html import read_html

    return read_html(data, name)


def _read_docx(data: bytes, name: str | None) -> Document:
    from fazhi.ingest.docx import read_docx

    return read_docx(data, name)


def _read_pdf(data: bytes, name: str | None) -> Document:
    from fazhi.ingest.pdf import read_pdf

    return read_pdf(data, name)


_READERS: dict[str, Reader] = {
    "txt": _read_txt,
    "html": _read_html,
    "docx": _read_docx,
    "pdf": _read_pdf,
}

__all__ = ["detect_format", "looks_like_html", "read_any"]
