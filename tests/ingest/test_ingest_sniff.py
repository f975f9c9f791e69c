"""Format by content, and a clear refusal, naming the file, for everything that is not a report."""

from __future__ import annotations

import codecs
import gzip
import io
import tarfile
import zipfile

import pytest
from ingest_builders import SEEDS, docx_bytes, gov_page, pdf_report, png_bytes, report

from fazhi.ingest import ERROR_CODES, IngestError, read_bytes, read_path
from fazhi.ingest.sniff import detect_format

REPORT_TEXT = "一、主要举措和成效\n区政府坚持依法行政。\n"


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buf.getvalue()


def _image(fmt: str) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (32, 32), "white").save(buf, format=fmt)
    return buf.getvalue()


def _tar() -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as archive:
        info = tarfile.TarInfo("report.txt")
        data = REPORT_TEXT.encode()
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def _ole2(*streams: str) -> bytes:
    """The header of an OLE2 compound file and a directory naming ``streams`` (UTF-16LE)."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    return header + b"".join(s.encode("utf-16-le").ljust(128, b"\x00") for s in streams)


def _docx() -> bytes:
    from docx import Document

    doc = Document()
    doc.add_paragraph("一、主要举措和成效")
    return docx_bytes(doc)


def _docx_without(member: str, replacement: bytes | None = None) -> bytes:
    with zipfile.ZipFile(io.BytesIO(_docx())) as source:
        members = {n: source.read(n) for n in source.namelist() if n != member}
    if replacement is not None:
        members[member] = replacement
    return _zip(members)


REFUSED = {
    "empty": (b"", "empty"),
    "nul": (b"\x00" * 4096, "undecodable"),
    "png": (png_bytes(), "image"),
    "jpeg": (_image("JPEG"), "image"),
    "gif": (_image("GIF"), "image"),
    "bmp": (_image("BMP"), "image"),
    "tiff": (_image("TIFF"), "image"),
    "webp": (b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 32, "image"),
    "zip": (_zip({"a.txt": REPORT_TEXT.encode(), "b.txt": b"notes"}), "archive"),
    "gzip": (gzip.compress(REPORT_TEXT.encode()), "archive"),
    "tar": (_tar(), "archive"),
    "7z": (b"7z\xbc\xaf\x27\x1c\x00\x04" + b"\x00" * 24, "archive"),
    "rar": (b"Rar!\x1a\x07\x01\x00" + b"\x00" * 24, "archive"),
    "elf": (b"\x7fELF\x02\x01\x01" + b"\x00" * 57, "binary"),
    "exe": (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 54 + b"PE\x00\x00", "binary"),
    "macho": (b"\xcf\xfa\xed\xfe\x07\x00\x00\x01" + b"\x00" * 24, "binary"),
    "doc": (_ole2("Root Entry", "WordDocument", "1Table"), "old_word"),
    "xls": (_ole2("Root Entry", "Workbook"), "unsupported"),
    "encrypted_docx": (_ole2("Root Entry", "EncryptionInfo", "EncryptedPackage"), "encrypted"),
    "rtf": (b"{\\rtf1\\ansi\\ansicpg936 \\'d2\\'bb}", "unsupported"),
    "xlsx": (_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<w/>"}), "unsupported"),
    "pptx": (
        _zip({"[Content_Types].xml": b"<Types/>", "ppt/presentation.xml": b"<p/>"}),
        "unsupported",
    ),
    "truncated_docx": (_docx()[:3000], "damaged_docx"),
    "docx_without_document": (_docx_without("word/document.xml"), "damaged_docx"),
    "docx_broken_xml": (
        _docx_without("word/document.xml", b"<w:document xmlns:w='x'><w:body><w:p>"),
        "damaged_docx",
    ),
    "truncated_pdf": (pdf_report(None, ["法治政府建设。"] * 40)[:1500], "damaged_pdf"),
    "garbage_pdf": (b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF\n", "damaged_pdf"),
    "binary_junk": (bytes(range(256)) * 16, "undecodable"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_refused_with_code_and_file_name(case):
    data, code = REFUSED[case]
    name = f"附件_{case}.bin"
    with pytest.raises(IngestError) as err:
        read_bytes(data, name)
    assert err.value.code == code
    assert err.value.code in ERROR_CODES
    assert err.value.name == name
    assert name in str(err.value)
    assert err.value.reason and err.value.hint  # shown to clerks: both must say something


def test_image_message_says_no_text_and_ocr():
    with pytest.raises(IngestError) as err:
        read_bytes(png_bytes(), "扫描件.png")
    assert "图片" in err.value.reason and "OCR" in err.value.hint


def test_archive_message_says_unpack():
    with pytest.raises(IngestError) as err:
        read_bytes(REFUSED["zip"][0], "材料.zip")
    assert "解压" in err.value.hint


def test_old_word_message_says_save_as_docx():
    with pytest.raises(IngestError) as err:
        read_bytes(REFUSED["doc"][0], "报告.doc")
    assert ".docx" in err.value.hint


def test_wrong_extensions_are_read_by_content():
    docx = _docx()
    assert read_bytes(docx, "report.pdf").format == "docx"
    pdf = pdf_report(None, ["一、主要举措和成效"])
    assert read_bytes(pdf, "report.docx").format == "pdf"
    page = gov_page("报告", ["一、主要举措和成效"]).encode()
    assert read_bytes(page, "report.txt").format == "html"


@pytest.mark.parametrize(
    "prefix",
    [
        b"",
        codecs.BOM_UTF8,
        b"\r\n\n  ",
        b"<?xml version='1.0' encoding='utf-8'?>\n<!-- saved -->\n",
    ],
)
def test_txt_that_is_a_page_is_html(prefix):
    rep = report(SEEDS[0])
    page = gov_page("报告", rep.lines[:5]).encode()
    assert detect_format(prefix + page, "报告.txt") == "html"


def test_utf16_page_is_html():
    page = gov_page("报告", ["一、主要举措和成效", "特此报告。"])
    data = codecs.BOM_UTF16_LE + page.encode("utf-16-le")
    doc = read_bytes(data, "page.txt")
    assert doc.format == "html"
    assert "一、主要举措和成效" in doc.text.split("\n")


@pytest.mark.parametrize(
    "text",
    [
        "<<法治政府建设>>年度报告\n完成率<100%。",
        "<p>不是网页，只是提到了标签。\n",
        "<html 这个词出现在句首>\n但这是一份报告。",
    ],
)
def test_text_with_angle_brackets_stays_txt(text):
    doc = read_bytes(text.encode("utf-8"), "报告.txt")
    assert (doc.format, doc.text) == ("txt", text)


def test_html_fragment_counts_as_html_only_by_extension():
    fragment = "<div><p>一、主要举措和成效</p><p>区政府坚持依法行政，推进法治政府建设。</p></div>"
    assert detect_format(fragment.encode(), "page.htm") == "html"
    assert detect_format(fragment.encode(), "page.txt") == "txt"


def test_text_starting_with_magic_letters_is_text():
    for text in ("MZ区法治政府建设报告。", "BM年度报告：依法行政。", "PK对比分析报告。"):
        assert read_bytes(text.encode(), "a.txt").text == text


def test_read_path_missing_file(tmp_path):
    missing = tmp_path / "没有这个文件.txt"
    with pytest.raises(IngestError) as err:
        read_path(missing)
    assert err.value.code == "not_found"
    assert str(missing) in str(err.value)


def test_read_path_directory(tmp_path):
    with pytest.raises(IngestError) as err:
        read_path(tmp_path)
    assert err.value.code == "is_directory"
    assert str(tmp_path) in str(err.value)


def test_read_path_reads_a_file(tmp_path):
    path = tmp_path / "报告.txt"
    path.write_bytes(REPORT_TEXT.encode("gb18030"))
    doc = read_path(path)
    assert (doc.format, doc.encoding, doc.text) == ("txt", "gb18030", REPORT_TEXT)
