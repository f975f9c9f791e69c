"""Placeholder: UTF-8 text only. Replaced by the full content sniffer (txt/html/docx/pdf)."""

from __future__ import annotations

from fazhi.ingest import Document, IngestError


def read_any(data: bytes, name: str | None) -> Document:
    if not data:
        raise IngestError(name, "empty", "文件是空的。", "请确认导出或下载是否完整。")
    try:
        return Document(text=data.decode("utf-8"), format="txt", encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise IngestError(name, "undecodable", "无法识别文本编码。", "请另存为 UTF-8。") from exc
