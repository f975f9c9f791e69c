"""Uploads: streamed within limits into the data directory only, zips checked before anything
is extracted (paths, links, nesting, member count, total size, compression ratio), every file
ingested with its own outcome."""

from __future__ import annotations

import asyncio
import io
import os
import stat
import tempfile
import zipfile
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from docx import Document as Docx

from fazhi.web.uploads import (
    Limits,
    Received,
    UploadError,
    check_zip,
    ingest_received,
    is_archive,
    receive,
    safe_name,
    unpack,
)
from helpers import SEEDS
from web.web_helpers import client

SEED_TEXT = sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8")


def zip_bytes(members: dict[str, bytes], *, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def write(tmp: Path, name: str, data: bytes) -> Path:
    p = tmp / name
    p.write_bytes(data)
    return p


def multipart(parts: list[tuple[str, str | None, bytes]], boundary: str = "BOUND") -> bytes:
    out = b""
    for field, filename, data in parts:
        disp = f'form-data; name="{field}"' + (f'; filename="{filename}"' if filename else "")
        out += f"--{boundary}\r\nContent-Disposition: {disp}\r\n\r\n".encode() + data + b"\r\n"
    return out + f"--{boundary}--\r\n".encode()


async def _chunks(data: bytes, size: int = 1000) -> AsyncIterator[bytes]:
    for i in range(0, len(data), size):
        yield data[i : i + size]


def run_receive(data: bytes, tmp: Path, limits: Limits, length: str | None = None):  # type: ignore[no-untyped-def]
    ctype = "multipart/form-data; boundary=BOUND"
    return asyncio.run(receive(ctype, length, _chunks(data), tmp, limits))


# --- names -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("报告.docx", "报告.docx"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\me\\南岸区 2024.pdf", "南岸区 2024.pdf"),
        (".hidden", "hidden"),
        ("a;rm -rf *|x.txt", "a_rm -rf __x.txt"),
        ("", "upload"),
        ("..", "upload"),
        ("x" * 300 + ".txt", "x" * 120),
    ],
)
def test_safe_names_are_only_names(given: str, kept: str) -> None:
    assert safe_name(given) == kept


# --- receiving ---------------------------------------------------------------------------------


def test_files_are_received_into_the_given_directory(tmp_path: Path) -> None:
    body = multipart(
        [("csrf_token", None, b"abc"), ("files", "a.txt", b"hello"), ("files", "b.txt", b"")]
    )
    fields, files = run_receive(body, tmp_path, Limits())
    assert fields == {"csrf_token": "abc"}
    assert [(f.name, f.size, f.path.read_bytes()) for f in files] == [
        ("a.txt", 5, b"hello"),
        ("b.txt", 0, b""),
    ]
    assert all(f.path.parent == tmp_path for f in files)


def test_a_file_over_the_limit_stops_being_written(tmp_path: Path) -> None:
    body = multipart([("files", "big.txt", b"x" * 5000), ("files", "ok.txt", b"fine")])
    _, (big, ok) = run_receive(body, tmp_path, Limits(file_bytes=1000))
    assert big.too_large and big.size == 5000 and big.path.stat().st_size <= 1000
    assert not ok.too_large and ok.path.read_bytes() == b"fine"


def test_a_request_over_the_limit_is_refused_and_leaves_nothing(tmp_path: Path) -> None:
    body = multipart([("files", "a.txt", b"x" * 5000)])
    with pytest.raises(UploadError) as declared:
        run_receive(body, tmp_path, Limits(request_bytes=1000), length=str(len(body)))
    assert declared.value.status == 413
    with pytest.raises(UploadError) as streamed:  # no Content-Length: counted as it comes
        run_receive(body, tmp_path, Limits(request_bytes=1000))
    assert streamed.value.code == "request_too_large"
    assert list(tmp_path.iterdir()) == []


def test_bodies_that_are_not_forms_are_refused(tmp_path: Path) -> None:
    with pytest.raises(UploadError) as not_form:
        asyncio.run(receive("application/json", None, _chunks(b"{}"), tmp_path, Limits()))
    assert not_form.value.status == 415
    with pytest.raises(UploadError) as field:
        run_receive(multipart([("note", None, b"n" * 70_000)]), tmp_path, Limits())
    assert field.value.code == "field_too_large"


def test_uploads_never_touch_the_system_temp_directory(
    app, tokens, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    spy = tmp_path / "system-tmp"
    spy.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spy))
    big = SEED_TEXT.encode() * 60  # over a megabyte: Starlette's parser would spool it to disk
    r = client(app, tokens["reviewer"]).post(
        "/api/v1/reports", files=[("files", ("big.txt", big, "text/plain"))]
    )
    assert r.status_code in (200, 201)
    assert list(spy.iterdir()) == []


# --- zips --------------------------------------------------------------------------------------


def test_a_word_file_is_not_an_archive(tmp_path: Path) -> None:
    doc = Docx()
    doc.add_paragraph("正文")
    doc.save(tmp_path / "r.docx")
    assert not is_archive(tmp_path / "r.docx")
    assert is_archive(write(tmp_path, "a.zip", zip_bytes({"a.txt": b"x"})))


@pytest.mark.parametrize(
    ("member", "code"),
    [
        ("../evil.txt", "zip_unsafe_path"),
        ("a/../../evil.txt", "zip_unsafe_path"),
        ("/etc/cron.d/x", "zip_unsafe_path"),
        ("C:/Windows/x.txt", "zip_unsafe_path"),
        ("inner.zip", "zip_nested"),
        ("more/inner.RAR", "zip_nested"),
    ],
)
def test_zips_with_dangerous_members_are_refused_whole(
    tmp_path: Path, member: str, code: str
) -> None:
    archive = write(tmp_path, "x.zip", zip_bytes({"ok.txt": b"fine", member: b"data"}))
    with pytest.raises(UploadError) as refused:
        unpack(archive, "x.zip", tmp_path / "out", Limits())
    assert refused.value.code == code
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_links_inside_zips_are_refused(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        info = zipfile.ZipInfo("link.txt")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, "/etc/passwd")
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zf, pytest.raises(UploadError) as refused:
        check_zip(zf, Limits(), "x.zip")
    assert refused.value.code == "zip_link"


def test_zip_bombs_are_refused_before_extraction(tmp_path: Path) -> None:
    bomb = write(tmp_path, "bomb.zip", zip_bytes({"zeros.txt": b"\0" * (50 * 1024 * 1024)}))
    assert bomb.stat().st_size < 200_000
    with pytest.raises(UploadError) as refused:
        unpack(bomb, "bomb.zip", tmp_path / "out", Limits())
    assert refused.value.code == "zip_bomb" and refused.value.status == 413


def test_zip_member_count_and_total_size_are_bounded(tmp_path: Path) -> None:
    many = write(tmp_path, "many.zip", zip_bytes({f"{i}.txt": b"x" for i in range(6)}))
    with pytest.raises(UploadError) as too_many:
        unpack(many, "many.zip", tmp_path, Limits(zip_members=5))
    assert too_many.value.code == "zip_too_many"
    stored = zip_bytes({f"{i}.txt": os.urandom(3000) for i in range(4)}, method=zipfile.ZIP_STORED)
    with pytest.raises(UploadError) as too_big:
        unpack(
            write(tmp_path, "big.zip", stored), "big.zip", tmp_path, Limits(zip_total_bytes=10_000)
        )
    assert too_big.value.code == "zip_too_big"
    empty = write(tmp_path, "empty.zip", zip_bytes({}))
    with pytest.raises(UploadError, match="zip_empty"):
        unpack(empty, "empty.zip", tmp_path, Limits())
    with pytest.raises(UploadError, match="zip_damaged"):
        unpack(write(tmp_path, "bad.zip", b"PK\x03\x04garbage"), "bad.zip", tmp_path, Limits())


def test_zip_members_are_refused_one_by_one_when_only_they_are_wrong(tmp_path: Path) -> None:
    inner_zip = zip_bytes({"a.txt": b"x"})
    archive = zip_bytes(
        {
            "ok.txt": b"fine",
            "big.txt": b"y" * 3000,
            "disguised.txt": inner_zip,  # a zip under another name
            "gz.txt": b"\x1f\x8b\x08" + b"\0" * 20,
        },
        method=zipfile.ZIP_STORED,
    )
    members, refused = unpack(
        write(tmp_path, "x.zip", archive), "x.zip", tmp_path, Limits(file_bytes=2000)
    )
    assert [m.name for m in members] == ["x.zip › ok.txt"]
    assert members[0].path.read_bytes() == b"fine"
    assert {(o.name, o.code) for o in refused} == {
        ("x.zip › big.txt", "too_large"),
        ("x.zip › disguised.txt", "zip_nested_member"),
        ("x.zip › gz.txt", "zip_nested_member"),
    }


def test_chinese_names_from_windows_zips_are_read_as_gbk(tmp_path: Path) -> None:
    archive = write(tmp_path, "w.zip", _gbk_zip("南岸区报告.txt", SEED_TEXT.encode()))
    members, _ = unpack(archive, "w.zip", tmp_path, Limits())
    assert members[0].name == "w.zip › 南岸区报告.txt"


def _gbk_zip(name: str, data: bytes) -> bytes:
    """A zip as Chinese Windows writes one: the name in GBK, the UTF-8 flag not set (written
    under an ASCII name of the same length, whose bytes are then replaced)."""
    encoded = name.encode("gbk")
    placeholder = b"N" * len(encoded)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(placeholder.decode(), data)
    out = buf.getvalue()
    assert out.count(placeholder) == 2 and not int.from_bytes(out[6:8], "little") & 0x800
    return out.replace(placeholder, encoded)


def test_encrypted_members_are_refused(tmp_path: Path) -> None:
    raw = bytearray(zip_bytes({"secret.txt": b"x" * 10}, method=zipfile.ZIP_STORED))
    raw[6] |= 0x1  # local header: encrypted
    central = raw.rfind(b"PK\x01\x02")
    raw[central + 8] |= 0x1  # central directory: encrypted
    members, refused = unpack(write(tmp_path, "enc.zip", bytes(raw)), "enc.zip", tmp_path, Limits())
    assert members == [] and refused[0].code == "zip_encrypted"


# --- keeping and ingesting ---------------------------------------------------------------------


def test_files_are_kept_under_the_data_directory_by_content(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    engine = app.state.ctx.engine
    data = tmp_path / "data"
    tmp = data / "tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    evil = write(tmp, "up-1", SEED_TEXT.encode() + "\n新的一段".encode())
    outcomes = ingest_received(
        engine, [Received("../../../etc/报告.txt", evil, evil.stat().st_size)], data, Limits()
    )
    assert outcomes[0].status == "added"
    kept = [p for p in (data / "uploads").rglob("*") if p.is_file()]
    assert [p.name for p in kept] == ["报告.txt"]
    assert kept[0].resolve().is_relative_to(data.resolve())
    assert list(tmp.iterdir()) == []


def test_every_outcome_is_reported_in_order(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    engine = app.state.ctx.engine
    data = tmp_path / "data"
    tmp = data / "tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    zipped = write(tmp, "z", zip_bytes({"a.txt": (SEED_TEXT + "甲").encode(), "../b.txt": b"x"}))
    received = [
        Received("known.txt", write(tmp, "k", SEED_TEXT.encode()), len(SEED_TEXT.encode())),
        Received("scan.pdf", write(tmp, "s", b"%PDF-1.4 broken"), 15),
        Received("bad.zip", zipped, zipped.stat().st_size),
        Received("huge.txt", write(tmp, "h", b""), 10**9, too_large=True),
    ]
    outcomes = ingest_received(engine, received, data, Limits())
    assert [(o.name, o.status) for o in outcomes] == [
        ("known.txt", "unchanged"),
        ("scan.pdf", "failed"),
        ("bad.zip", "refused"),
        ("huge.txt", "refused"),
    ]
    assert outcomes[0].report_id == 1
    assert "scan.pdf" in (outcomes[1].reason or "")
    assert outcomes[2].code == "zip_unsafe_path" and outcomes[3].code == "too_large"
    assert list(tmp.iterdir()) == []
