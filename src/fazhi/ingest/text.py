"""Decode the bytes of a text file, and say which encoding was used.

Most reports arrive as UTF-8, so that path is a single strict decode. Everything else is a Chinese
legacy encoding far more often than anything charset-normalizer would guess on its own, and the
classic trap is that GB18030 bytes are usually valid Big5 too (and the reverse). So GB18030 and
Big5 are tried first and judged by how much their result looks like real Chinese; charset-normalizer
decides only when neither does. GBK and GB2312 are always decoded as GB18030, their superset, so
that a rare character in a name survives even when the file (or its page) claims GBK.
"""

from __future__ import annotations

import codecs
import re
from functools import cache

from charset_normalizer import from_bytes

from fazhi.ingest import EMPTY, UNDECODABLE, Document, IngestError

# Longest BOMs first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Codecs that promise less than GB18030 but are decoded as GB18030 anyway (its superset).
_GB_FAMILY = frozenset({"gb2312", "gbk", "gb18030"})
# Charset labels that web pages use (WHATWG encoding standard) and Python's codecs do not know.
_WEB_LABELS = {
    "x-gbk": "gbk",
    "windows-936": "gbk",
    "chinese": "gbk",
    "csgb2312": "gbk",
    "gb_2312-80": "gbk",
    "iso-ir-58": "gbk",
    "x-euc-cn": "gbk",
    "cn-big5": "big5",
    "csbig5": "big5",
    "x-x-big5": "big5",
}

# C0 controls other than tab, line feed, vertical tab, form feed and carriage return, plus DEL.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_CONTROL_BYTES = re.compile(b"[\x00-\x08\x0e-\x1a\x1c-\x1f]")

# Punctuation that Chinese prose is full of; a wrong decoding produces almost none of it.
_CJK_PUNCT = frozenset("，。、；：？！“”‘’（）《》〈〉【】「」『』—…·％　")

# Characters only a wrong decoding produces in a report: private use, kana (but not the middle
# dot ・), hangul, box drawing, Greek and Cyrillic letters, and the replacement character.
_IMPLAUSIBLE = re.compile(
    "[\ue000-\uf8ff\u3040-\u30fa\u30fc-\u30ff\uac00-\ud7af\u2500-\u257f"
    "\u0370-\u03ff\u0400-\u04ff\ufffd]"
)

_CJK = re.compile("[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")
# Where legacy double bytes land when read as UTF-8: C1 controls, IPA, Greek … Arabic, NKo.
_ACCIDENT = re.compile("[\u0080-\u009f\u0250-\u07ff]")

# Only this much of a long file is scored: enough to judge, cheap to count.
_SAMPLE = 8000
# A Chinese decoding whose score is at least this is taken without asking charset-normalizer.
_PLAUSIBLE = 0.5
# ... and at least this to win over a valid but accidental-looking UTF-8 reading.
_OVERRIDE_UTF8 = 0.9
# Big5 must beat GB18030 by this much: on a tie GB18030 is far likelier for mainland reports.
_BIG5_MARGIN = 0.05


def read_text(data: bytes, name: str | None) -> Document:
    """A plain-text report: its decoded content exactly, less only a byte order mark."""
    text, encoding = decode_text(data, name)
    if not text.strip():
        raise IngestError(name, EMPTY, "文件里只有空白，没有文字。", "请确认导出或下载是否完整。")
    return Document(text=text, format="txt", encoding=encoding)


def decode_text(data: bytes, name: str | None, declared: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)``: a BOM wins, then valid UTF-8, then a declared charset, then
    detection.

    ``declared`` is what the file says about itself (an HTML page's charset). Valid UTF-8 beats it
    because saved pages are often re-encoded as UTF-8 but keep their old ``charset=gbk``, and GBK
    text is practically never valid UTF-8; a declaration the bytes do not decode under is ignored.
    """
    found = _by_bom(data)
    if found is not None:
        return found
    utf8 = _strict(data, "utf-8")
    if utf8 is not None and not _accidental_utf8(utf8):
        return utf8, "utf-8"
    label = normalise_encoding(declared) if declared else None
    text = _strict(data, label) if label else None
    if label and text is not None:
        return text, label
    found = _best_chinese(data, _PLAUSIBLE if utf8 is None else _OVERRIDE_UTF8)
    if found is None and utf8 is not None:
        found = utf8, "utf-8"
    found = found or _charset_normalizer(data)
    if found is None:
        raise IngestError(
            name,
            UNDECODABLE,
            "无法识别文件的文字编码，内容可能不是文本。",
            "请用文本编辑器打开确认内容，再另存为 UTF-8 编码的 .txt 文件。",
        )
    return found


def normalise_encoding(label: str) -> str | None:
    """A codec name in the form reported to users (``utf-8``, ``gb18030``, ``big5``), or None.

    GB2312 and GBK map to GB18030 so that their decoding never loses a character.
    """
    label = label.strip().strip("\"'").lower()
    try:
        name = codecs.lookup(_WEB_LABELS.get(label, label)).name
    except (LookupError, ValueError):
        return None
    name = name.replace("_", "-")
    return "gb18030" if name in _GB_FAMILY else name


def _by_bom(data: bytes) -> tuple[str, str] | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom) :], encoding.removesuffix("-sig"))
            return None if text is None else (text, encoding)
    return None


def _accidental_utf8(text: str) -> bool:
    """Valid UTF-8 that may be a short GB18030 or Big5 text in disguise.

    Two legacy bytes can form one UTF-8 character (中 in GB18030 reads as U+0590), so a very short
    Chinese file can pass as UTF-8. Real UTF-8 Chinese contains CJK characters; this text has
    none, but has characters from the C1 controls or the non-Latin alphabets that such accidents
    produce.
    """
    return not text.isascii() and _CJK.search(text) is None and _ACCIDENT.search(text) is not None


def _best_chinese(data: bytes, threshold: float) -> tuple[str, str] | None:
    """GB18030 or Big5, whichever reads as Chinese (scores ``threshold`` or more); GB18030 when
    they read equally well."""
    scored: dict[str, tuple[float, str]] = {}
    for encoding in ("gb18030", "big5"):
        text = _strict(data, encoding)
        if text is not None:
            scored[encoding] = (chinese_score(text), text)
    if not scored:
        return None
    gb = scored.get("gb18030", (-1.0, ""))
    big5 = scored.get("big5", (-1.0, ""))
    encoding, (score, text) = ("big5", big5) if big5[0] > gb[0] + _BIG5_MARGIN else ("gb18030", gb)
    return (text, encoding) if score >= threshold else None


def chinese_score(text: str) -> float:
    """How much the non-ASCII part of ``text`` looks like Chinese prose, at most 1.0.

    Commonly used characters (GB2312 level 1 and Big5 level 1) and Chinese punctuation count for,
    characters that only a wrong decoding produces count twice against. Pure ASCII scores 0.
    """
    sample = text[:_SAMPLE]
    wide = [c for c in sample if c > "\x7f"]
    if not wide:
        return 0.0
    common = _common_chars()
    good = sum(1 for c in wide if c in common or c in _CJK_PUNCT)
    bad = len(_IMPLAUSIBLE.findall(sample))
    return (good - 2 * bad) / len(wide)


@cache
def _common_chars() -> frozenset[str]:
    """The level-1 (frequent) characters of GB2312 and of Big5, taken from the codecs themselves."""
    chars: set[str] = set()
    gb_trails = range(0xA1, 0xFF)
    big5_trails = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
    for lead, trails, codec in (
        *((lead, gb_trails, "gb2312") for lead in range(0xB0, 0xD8)),
        *((lead, big5_trails, "big5") for lead in range(0xA4, 0xC7)),
    ):
        for trail in trails:
            chars.update(bytes((lead, trail)).decode(codec, errors="ignore"))
    return frozenset(chars)


def _charset_normalizer(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's best guess, if it decodes strictly into readable text.

    Bytes full of controls are refused first: charset-normalizer would read them as UTF-16 or
    UTF-32 letters, and a text file never has them (a UTF-16 one starts with a BOM).
    """
    if len(_CONTROL_BYTES.findall(data)) * 100 > len(data):
        return None
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        return None
    encoding = normalise_encoding(best.encoding)
    if encoding is None:
        return None
    text = _strict(data, encoding)
    if text is None or not any(c.isalpha() for c in text):
        return None
    return text, encoding


def _strict(data: bytes, encoding: str) -> str | None:
    """The text if ``data`` decodes cleanly and is not mostly control characters."""
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return text if _readable(text) else None


def _readable(text: str) -> bool:
    """False for text that is mostly control characters (a binary file that happened to decode).

    A few stray controls are tolerated and kept: the text must stay exactly what the file holds.
    """
    if _CONTROLS.search(text) is None:
        return True
    return len(_CONTROLS.findall(text)) * 100 <= len(text)
