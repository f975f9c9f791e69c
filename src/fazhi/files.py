"""Which files a command works on, from the paths a user names.

A named file is always taken (its content decides whether it can be read). Inside a directory,
only files that look like reports are taken, so a folder that also holds spreadsheets or notes
does not fail the batch; the others are listed as skipped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

REPORT_SUFFIXES = frozenset(
    {".txt", ".text", ".htm", ".html", ".shtml", ".xhtml", ".docx", ".doc", ".wps", ".pdf", ""}
)


@dataclass
class FileSet:
    files: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    missing: list[Path] = field(default_factory=list)


def collect(paths: Iterable[str | Path]) -> FileSet:
    out = FileSet()
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for child in sorted(p.rglob("*")):
                if child.is_file() and not any(
                    part.startswith(".") for part in child.relative_to(p).parts
                ):
                    target = out.files if child.suffix.lower() in REPORT_SUFFIXES else out.skipped
                    _add(target, child, seen)
        elif p.exists():
            _add(out.files, p, seen)
        else:
            out.missing.append(p)
    return out


def _add(target: list[Path], p: Path, seen: set[Path]) -> None:
    key = p.resolve()
    if key not in seen:
        seen.add(key)
        target.append(p)
