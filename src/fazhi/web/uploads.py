"""Uploads: received within limits, kept inside the data directory, zips opened safely, every
file ingested through the store's own ingest, and each file's outcome said in plain words.

Receiving: the multipart body is parsed as it streams in (python-multipart), each file written to
``DATA/tmp`` under a random name, so nothing lands outside the data directory (Starlette's own
parser spools to the system's temp directory) and a file over the limit stops being written the
moment it passes it. A body over the request limit is refused with 413 before or while it comes.

Keeping: a report file is moved to ``DATA/uploads/<first 16 hex digits of its SHA-256>/<name>``,
its name reduced to safe characters; the same content always lands in the same place, which the
store recognises as already ingested.

Zips: everything is checked from the central directory before a byte is extracted: no absolute or
``..`` paths, no links, no archives inside, at most so many members, a bounded total size and a
bounded compression ratio (zip bombs); while extracting, members are read in chunks and refused
past their declared size. Word files are zips too: a zip holding ``[Content_Types].xml`` is a
document, not an archive.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import shutil
import threading
import time
import unicodedata
import zipfile
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from python_multipart.multipart import MultipartParser, parse_options_header
from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError

from fazhi.store import service
from fazhi.store.schema import documents, reports

MB = 1024 * 1024
MAX_FIELD_BYTES = 64 * 1024
MAX_PARTS = 1000
_CHUNK = 256 * 1024
_ARCHIVE_SUFFIXES = (".zip", ".rar", ".7z", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".zst", ".cab")
# Archives other than zip, by their first bytes (a zip member that is a zip is checked whole,
# since Word files are zips).
_ARCHIVE_MAGIC = (b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b", b"BZh", b"\xfd7zXZ")
_UNSAFE_CHARS = re.compile(r"[^\w.\-()（）【】《》 +]")
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:")
# One ingest at a time in this process: two uploads of the same new file must not both try to
# insert it (the store's ingest reads what it knows before it writes).
_INGEST_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class Limits:
    file_bytes: int = 20 * MB
    request_bytes: int = 200 * MB
    zip_members: int = 500
    zip_total_bytes: int = 500 * MB
    zip_ratio: float = 100.0


class UploadError(Exception):
    """A whole request refused: ``code`` names the message (fazhi.web.words ``upload.CODE``),
    ``status`` is the HTTP status, ``params`` fill the message."""

    def __init__(self, code: str, status: int, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.status = status
        self.params = params


@dataclass(slots=True)
class Received:
    name: str  # as the user's computer named it (for messages only)
    path: Path  # a temporary file under DATA/tmp
    size: int = 0
    too_large: bool = False


@dataclass(slots=True)
class Outcome:
    """What became of one uploaded file (or one member of an uploaded zip)."""

    name: str
    status: str  # "added" | "unchanged" | "failed" | "refused"
    report_id: int | None = None
    code: str | None = None  # refused: the words key upload.CODE
    params: dict[str, object] = field(default_factory=dict)
    reason: str | None = None  # failed: the ingest's own plain message

    @property
    def ok(self) -> bool:
        return self.status in ("added", "unchanged")


def safe_name(name: str) -> str:
    """A file name that is only a name: the last path component, normalised, without control
    characters or characters that mean something to a shell or a file system."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = unicodedata.normalize("NFC", base).strip().lstrip(".")
    base = _UNSAFE_CHARS.sub("_", base)[:120].strip()
    return base or "upload"


# --- receiving --------------------------------------------------------------------------------


class _Receiver:
    """The callbacks of python-multipart's parser: fields kept (bounded), files written."""

    def __init__(self, tmp_dir: Path, limits: Limits) -> None:
        self.tmp_dir = tmp_dir
        self.limits = limits
        self.fields: dict[str, str] = {}
        self.files: list[Received] = []
        self._headers: dict[bytes, bytes] = {}
        self._field_name = b""
        self._header_field = b""
        self._header_value = b""
        self._buffer = bytearray()
        self._file: Received | None = None
        self._handle: object | None = None
        self._parts = 0

    def callbacks(self) -> dict[str, object]:
        return {
            "on_part_begin": self.on_part_begin,
            "on_header_field": self.on_header_field,
            "on_header_value": self.on_header_value,
            "on_header_end": self.on_header_end,
            "on_headers_finished": self.on_headers_finished,
            "on_part_data": self.on_part_data,
            "on_part_end": self.on_part_end,
        }

    def on_part_begin(self) -> None:
        self._parts += 1
        if self._parts > MAX_PARTS:
            raise UploadError("too_many_parts", 413, n=MAX_PARTS)
        self._headers = {}
        self._buffer = bytearray()
        self._file = None

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_field += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def on_header_end(self) -> None:
        self._headers[self._header_field.lower()] = self._header_value
        self._header_field = self._header_value = b""

    def on_headers_finished(self) -> None:
        _, params = parse_options_header(self._headers.get(b"content-disposition", b""))
        self._field_name = params.get(b"name", b"")
        if b"filename" in params:
            raw = params[b"filename"].decode("utf-8", "replace")
            path = self.tmp_dir / f"up-{secrets.token_hex(12)}"
            self._file = Received(raw, path)
            self._handle = open(path, "wb")  # noqa: SIM115 - closed in on_part_end / close()
            self.files.append(self._file)

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        n = end - start
        if self._file is None:
            if len(self._buffer) + n > MAX_FIELD_BYTES:
                raise UploadError("field_too_large", 413)
            self._buffer += data[start:end]
            return
        self._file.size += n
        if self._file.size > self.limits.file_bytes:
            self._file.too_large = True
        elif self._handle is not None:
            self._handle.write(data[start:end])  # type: ignore[attr-defined]

    def on_part_end(self) -> None:
        if self._file is None:
            name = self._field_name.decode("utf-8", "replace")
            self.fields[name] = self._buffer.decode("utf-8", "replace")
        elif self._handle is not None:
            self._handle.close()  # type: ignore[attr-defined]
            self._handle = None

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()  # type: ignore[attr-defined]
            self._handle = None


async def receive(
    content_type: str | None,
    content_length: str | None,
    body: AsyncIterator[bytes],
    tmp_dir: Path,
    limits: Limits,
) -> tuple[dict[str, str], list[Received]]:
    """The form fields and files of a multipart body, files written to ``tmp_dir``. Raises
    :class:`UploadError` (and leaves no file behind) for a body that is not multipart (415), too
    large (413) or malformed (400)."""
    ctype, params = parse_options_header(content_type)
    if ctype != b"multipart/form-data" or b"boundary" not in params:
        raise UploadError("not_multipart", 415)
    if content_length and content_length.isdigit() and int(content_length) > limits.request_bytes:
        raise UploadError("request_too_large", 413, mb=limits.request_bytes // MB)
    tmp_dir.mkdir(parents=True, exist_ok=True)
    receiver = _Receiver(tmp_dir, limits)
    parser = MultipartParser(params[b"boundary"], receiver.callbacks())  # type: ignore[arg-type]
    total = 0
    try:
        async for chunk in body:
            total += len(chunk)
            if total > limits.request_bytes:
                raise UploadError("request_too_large", 413, mb=limits.request_bytes // MB)
            parser.write(chunk)
        parser.finalize()
    except UploadError:
        receiver.close()
        discard(receiver.files)
        raise
    except Exception as exc:  # the parser's own errors: the body is not a valid form
        receiver.close()
        discard(receiver.files)
        raise UploadError("malformed", 400) from exc
    receiver.close()
    return receiver.fields, receiver.files


def discard(files: list[Received]) -> None:
    for f in files:
        f.path.unlink(missing_ok=True)


# --- keeping ----------------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(_CHUNK), b""):
            h.update(chunk)
    return h.hexdigest()


def keep(tmp: Path, name: str, uploads: Path) -> tuple[Path, str]:
    """Move a received file to its place under ``uploads`` (see the module doc)."""
    sha = _sha256(tmp)
    folder = uploads / sha[:16]
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / safe_name(name)
    if not target.resolve().is_relative_to(uploads.resolve()):
        raise UploadError("unsafe_path", 400, name=name)
    os.replace(tmp, target)
    return target, sha


def is_archive(path: Path) -> bool:
    """A zip that is not a Word (OOXML) document."""
    if not zipfile.is_zipfile(path):
        return False
    try:
        with zipfile.ZipFile(path) as zf:
            return "[Content_Types].xml" not in zf.namelist()
    except zipfile.BadZipFile:
        return True


def _member_name(info: zipfile.ZipInfo) -> str:
    """Zips made on Chinese Windows store names in GBK without saying so (Python then reads
    them as CP437); a name not flagged UTF-8 is read as GBK when it decodes as such."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def check_zip(zf: zipfile.ZipFile, limits: Limits, label: str) -> list[zipfile.ZipInfo]:
    """The members to extract, after checking the whole directory (see the module doc)."""
    members = [i for i in zf.infolist() if not i.is_dir()]
    if not members:
        raise UploadError("zip_empty", 422, name=label)
    if len(members) > limits.zip_members:
        raise UploadError("zip_too_many", 413, name=label, n=limits.zip_members)
    total = 0
    for info in members:
        name = _member_name(info)
        parts = PurePosixPath(name.replace("\\", "/")).parts
        if name.startswith(("/", "\\")) or _WINDOWS_DRIVE.match(name) or ".." in parts:
            raise UploadError("zip_unsafe_path", 422, name=label, member=name)
        if (info.external_attr >> 16) & 0o170000 == 0o120000:
            raise UploadError("zip_link", 422, name=label, member=name)
        if name.lower().endswith(_ARCHIVE_SUFFIXES):
            raise UploadError("zip_nested", 422, name=label, member=name)
        if info.file_size > limits.zip_ratio * max(info.compress_size, 1) and info.file_size > MB:
            raise UploadError("zip_bomb", 413, name=label, member=name)
        total += info.file_size
    if total > limits.zip_total_bytes:
        raise UploadError("zip_too_big", 413, name=label, mb=limits.zip_total_bytes // MB)
    return members


def _extract(zf: zipfile.ZipFile, info: zipfile.ZipInfo, dest: Path, limit: int) -> str | None:
    """Copy one member to ``dest`` in chunks; the words key of a refusal, or None."""
    if info.flag_bits & 0x1:
        return "zip_encrypted"
    if info.file_size > limit:
        return "too_large"
    written = 0
    try:
        with zf.open(info) as src, open(dest, "wb") as out:
            while chunk := src.read(_CHUNK):
                if written == 0 and chunk.startswith(_ARCHIVE_MAGIC):
                    return "zip_nested_member"
                written += len(chunk)
                if written > min(limit, info.file_size):
                    return "zip_bomb"
                out.write(chunk)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError):
        return "zip_damaged_member"
    return "zip_nested_member" if is_archive(dest) else None


def unpack(
    archive: Path, label: str, tmp_dir: Path, limits: Limits
) -> tuple[list[Received], list[Outcome]]:
    """The members of an uploaded zip as received files, and the members refused."""
    try:
        zf = zipfile.ZipFile(archive)
    except zipfile.BadZipFile as exc:
        raise UploadError("zip_damaged", 422, name=label) from exc
    received: list[Received] = []
    refused: list[Outcome] = []
    with zf:
        for info in check_zip(zf, limits, label):
            name = f"{label} › {_member_name(info)}"
            dest = tmp_dir / f"zip-{secrets.token_hex(12)}"
            why = _extract(zf, info, dest, limits.file_bytes)
            if why is None:
                received.append(Received(name, dest, info.file_size))
            else:
                dest.unlink(missing_ok=True)
                mb = limits.file_bytes // MB
                refused.append(Outcome(name, "refused", code=why, params={"name": name, "mb": mb}))
    return received, refused


# --- ingesting --------------------------------------------------------------------------------


def _report_ids(engine: Engine, shas: list[str]) -> dict[str, int]:
    """The current (else the newest) report of each stored document, by its SHA-256."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(documents.c.sha256, reports.c.id, reports.c.current)
            .join(reports, reports.c.document_id == documents.c.id)
            .where(documents.c.sha256.in_(shas))
            .order_by(reports.c.current, reports.c.id)
        ).all()
    return {sha: rid for sha, rid, _ in rows}


def ingest_received(
    engine: Engine, files: list[Received], data_dir: Path, limits: Limits
) -> list[Outcome]:
    """Keep and ingest each received file (zips opened first); one outcome per file or member,
    in the order received. Temporary files are gone afterwards, whatever happens."""
    tmp_dir, uploads = data_dir / "tmp", data_dir / "uploads"
    outcomes: list[Outcome] = []
    kept: list[tuple[int, Path, str]] = []  # index into outcomes, stored path, sha
    pending = list(files)
    try:
        while pending:
            f = pending.pop(0)
            if f.too_large:
                params = {"name": f.name, "mb": limits.file_bytes // MB}
                outcomes.append(Outcome(f.name, "refused", code="too_large", params=params))
            elif f.size == 0:
                outcomes.append(Outcome(f.name, "refused", code="empty", params={"name": f.name}))
            elif is_archive(f.path):
                try:
                    members, refused = unpack(f.path, f.name, tmp_dir, limits)
                except UploadError as exc:
                    outcomes.append(
                        Outcome(f.name, "refused", code=exc.code, params=dict(exc.params))
                    )
                    continue
                finally:
                    f.path.unlink(missing_ok=True)
                outcomes += refused
                pending[:0] = members
            else:
                path, sha = keep(f.path, f.name, uploads)
                kept.append((len(outcomes), path, sha))
                outcomes.append(Outcome(f.name, "failed"))
        _ingest_kept(engine, kept, outcomes)
    finally:
        discard(pending)
        discard(files)
    return outcomes


def _ingest_kept(
    engine: Engine, kept: list[tuple[int, Path, str]], outcomes: list[Outcome]
) -> None:
    if not kept:
        return
    shas = [sha for _, _, sha in kept]
    with _INGEST_LOCK:
        before = _report_ids(engine, shas)
        try:
            summary = service.ingest(engine, [p for _, p, _ in kept], jobs=1)
        except IntegrityError:  # another process stored the same file meanwhile: once more
            summary = service.ingest(engine, [p for _, p, _ in kept], jobs=1)
    after = _report_ids(engine, shas)
    reasons = {Path(p).resolve(): why for p, why in summary.failed}
    for i, path, sha in kept:
        o = outcomes[i]
        if sha in after:
            o.status = "unchanged" if sha in before else "added"
            o.report_id = after[sha]
        else:
            why = reasons.get(path.resolve(), "")
            o.reason = why.replace(str(path.resolve()), o.name).replace(str(path), o.name)


def clean_tmp(data_dir: Path, older_than_seconds: float = 86400) -> None:
    """Remove temporary files a killed process left behind."""
    tmp = data_dir / "tmp"
    if not tmp.is_dir():
        return
    limit = time.time() - older_than_seconds
    for p in tmp.iterdir():
        if p.is_file() and p.stat().st_mtime < limit:
            p.unlink(missing_ok=True)
        elif p.is_dir() and p.stat().st_mtime < limit:
            shutil.rmtree(p, ignore_errors=True)
