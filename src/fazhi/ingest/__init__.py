"""Turn a file, as a website or a drafting office hands it over, into text.

The format is decided by content (magic bytes, markup), not only by the file's extension, so a
report saved as ``.txt`` that is really an HTML page, or a ``.doc`` that is really a DOCX, is still
read correctly. Every failure is an :class:`IngestError` that names the file, says why, and says
what to do; nothing here crashes a batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# Error codes, for programs; clerks read ``reason`` and ``hint``.
EMPTY = "empty"
NOT_FOUND = "not_found"
IS_DIRECTORY = "is_directory"
UNREADABLE = "unreadable"
UNDECODABLE = "undecodable"
IMAGE = "image"
ARCHIVE = "archive"
BINARY = "binary"
OLD_WORD = "old_word"
UNSUPPORTED = "unsupported"
DAMAGED_DOCX = "damaged_docx"
DAMAGED_PDF = "damaged_pdf"
ENCRYPTED = "encrypted"
NO_TEXT_LAYER = "no_text_layer"

ERROR_CODES: tuple[str, ...] = (
    EMPTY,
    NOT_FOUND,
    IS_DIRECTORY,
    UNREADABLE,
    UNDECODABLE,
    IMAGE,
    ARCHIVE,
    BINARY,
    OLD_WORD,
    UNSUPPORTED,
    DAMAGED_DOCX,
    DAMAGED_PDF,
    ENCRYPTED,
    NO_TEXT_LAYER,
)


@dataclass(slots=True)
class Document:
    """The text taken out of one file, with what the file itself said about it."""

    text: str
    format: str  # "txt" | "html" | "docx" | "pdf"
    encoding: str | None = None
    # The page's own metadata (HTML), keyed in Chinese: 标题, 发布机构, 发布日期, 成文日期,
    # 索引号, 文号, 来源. Dates are normalised to YYYY-MM-DD.
    page: dict[str, str] = field(default_factory=dict)


class IngestError(Exception):
    """A file that cannot be read as a report: which file, why, and what to do about it."""

    def __init__(self, name: str | None, code: str, reason: str, hint: str) -> None:
        self.name = name or "<bytes>"
        self.code = code
        self.reason = reason
        self.hint = hint
        super().__init__(f"{self.name}: {reason} {hint}".strip())


def read_path(path: str | Path) -> Document:
    """Read a file from disk; an unreadable path is an :class:`IngestError`, not an OSError."""
    p = Path(path)
    if p.is_dir():  # checked first: Windows reports reading a directory as a permission error
        raise IngestError(
            str(p), IS_DIRECTORY, "这是一个目录，不是文件。", "请指定目录中的报告文件。"
        )
    try:
        data = p.read_bytes()
    except FileNotFoundError as exc:
        raise IngestError(
            str(p), NOT_FOUND, "找不到这个文件。", "请检查文件名和路径是否正确。"
        ) from exc
    except OSError as exc:
        raise IngestError(
            str(p), UNREADABLE, f"无法读取文件（{exc.strerror}）。", "请检查路径和读取权限。"
        ) from exc
    return read_bytes(data, str(p))


def read_bytes(data: bytes, name: str | None = None) -> Document:
    """Decode ``data`` into a :class:`Document`; ``name`` is used for messages and as a hint."""
    from fazhi.ingest.sniff import read_any

    return read_any(data, name)


__all__ = ["ERROR_CODES", "Document", "IngestError", "read_bytes", "read_path"]
