"""Read a report out of a web page as a government website serves it.

trafilatura finds the article; this module turns its output back into report lines (one paragraph
or table cell per line, so every heading starts a line), trims the website chrome that trafilatura
sometimes keeps at the edges (breadcrumbs, the index table, share and close buttons, the footer),
and reads what the page itself says about the document (索引号, 发布机构, 发布日期 …) into
``Document.page``. The page's title goes first in the text when the article body lacks it, so the
text reads like the same report saved as ``.txt``.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from datetime import date

import lxml.etree
import lxml.html
import trafilatura

from fazhi.ingest import EMPTY, Document, IngestError
from fazhi.ingest.text import decode_text

_CHARSET = re.compile(
    r"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""",
    re.IGNORECASE,
)
_XML_PROLOG = re.compile(r"^\s*<\?xml[^>]*\?>")

# Elements whose text a reader never sees.
_INVISIBLE = frozenset(
    {"script", "style", "noscript", "template", "head", "select", "iframe", "object", "svg"}
)
# Elements that start a new line in a browser: page metadata is read line by line.
_BLOCKS = frozenset(
    {
        "p", "div", "td", "th", "tr", "li", "ul", "ol", "dl", "dt", "dd", "table", "br", "hr",
        "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "footer", "nav",
        "aside", "main", "form", "center", "blockquote", "pre", "address", "caption", "tbody",
    }
)  # fmt: skip

# Page labels and the metadata key each fills; where several labels fill one key, the first
# label listed wins (an index table's 发布机构 over a 发文机关 elsewhere on the page).
_LABELS: dict[str, tuple[str, ...]] = {
    "标题": ("标题", "名称", "文件名称"),
    "索引号": ("索引号",),
    "发布机构": ("发布机构", "发文机关", "发布单位", "发文单位"),
    "成文日期": ("成文日期", "成文时间", "发文日期"),
    "发布日期": ("发布日期", "发布时间", "公开日期", "公开时间"),
    "文号": ("文号", "发文字号", "发文文号"),
    "来源": ("来源", "文章来源", "信息来源", "内容来源"),
}
_ALIAS_KEY = {alias: key for key, aliases in _LABELS.items() for alias in aliases}
_DATE_KEYS = frozenset({"发布日期", "成文日期"})
# <meta name=…> of the CMS most government sites run.
_META_KEYS = {"articletitle": "标题", "pubdate": "发布日期", "contentsource": "来源"}


def _label_pattern(alias: str) -> str:
    # Labels are often spread out for alignment: 索 引 号 ：
    return r"\s*".join(map(re.escape, alias))


_ALIAS_ALT = "|".join(_label_pattern(a) for a in sorted(_ALIAS_KEY, key=len, reverse=True))
# A label starts a line or follows a space or bracket, and ends with a colon or closing bracket.
_LABEL = re.compile(
    rf"(?:^|(?<=[\s|｜丨\]】]))(?:[\[【]\s*(?P<b>{_ALIAS_ALT})\s*[\]】]|(?P<c>{_ALIAS_ALT})\s*[:：])"
)
_LABEL_ONLY = re.compile(rf"^[\[【]?\s*(?P<a>{_ALIAS_ALT})\s*[\]】]?\s*[:：]?$")
# Where a label's value ends: another field, a wide gap, a separator, a bracketed widget.
_VALUE_END = re.compile(r"\s{2,}|[|｜丨【\[]|\s\S{1,6}[:：]")
_META_LINE_MAX = 200

_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")

# Website chrome that marks the edge of the article when it appears around it: what comes
# above an article (breadcrumb, font-size switch, counters) and what comes below it.
_HEADER = re.compile(
    r"您(?:当前)?的?位置|当前位置\s*[:：]|字体\s*[:：]?\s*[【\[]?\s*大|浏览次数|阅读次数|访问量"
)
_FOOTER = re.compile(
    r"版权所有|ICP\s*备|ICP\s*证|网站标识码|公网安备|扫一扫|关闭窗口|打印本页|【\s*打印\s*】"
    r"|分享到|上一篇|下一篇|网站地图|主办单位|承办单位|技术支持|返回顶部|责任编辑"
    r"|相关(?:链接|文章|新闻|阅读)|推荐阅读"
)
_CHROME_MAX = 200
# A line of running prose: long, with sentence punctuation. Chrome never looks like this.
_PROSE_MIN = 50
_PROSE_PUNCT = re.compile(r"[，。；,;]")
_TITLE_SPLIT = re.compile(r"\s*(?:_|\s[-—|｜]\s|｜|\|)\s*")


def read_html(data: bytes, name: str | None) -> Document:
    """The report text of a saved web page, with the page's own metadata."""
    text, encoding = decode_text(data, name, declared_charset(data))
    root = _parse(text)
    if root is None:
        raise _no_text(name)
    page = page_metadata(root)
    title = _title(root, page)
    lines = _article_lines(root)
    heading = _normalised(title or "")
    if all(_normalised(line) == heading for line in lines):
        raise _no_text(name)  # a title alone is not a report: the text is a picture or attachment
    if title:
        page.setdefault("标题", title)
        if heading not in map(_normalised, lines[:3]):
            lines.insert(0, title)
    return Document(text="\n".join(lines), format="html", encoding=encoding, page=page)


def _no_text(name: str | None) -> IngestError:
    return IngestError(
        name,
        EMPTY,
        "网页里没有找到正文文字。",
        "请在浏览器中打开确认页面有报告正文；如果正文是图片或附件，请下载附件后导入。",
    )


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes (``<meta charset>``, http-equiv, XML)."""
    found = _CHARSET.search(data[:4096].decode("latin-1"))
    if found is None:
        return None
    return found.group(1) or found.group(2)


def _parse(text: str) -> lxml.html.HtmlElement | None:
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True)
    try:
        return lxml.html.document_fromstring(_XML_PROLOG.sub("", text, count=1), parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return None


# ---- metadata ----------------------------------------------------------------------------


def page_metadata(root: lxml.html.HtmlElement) -> dict[str, str]:
    """What the page shows about the document: its index table, info line and CMS meta tags."""
    found: dict[str, str] = {}
    for alias, value in _labelled_values(visible_lines(root)):
        found.setdefault(alias, value)
    page: dict[str, str] = {}
    for key, aliases in _LABELS.items():
        value = next((found[a] for a in aliases if a in found), None)
        _put(page, key, value)
    for meta in root.iterfind(".//meta[@name]"):
        key = _META_KEYS.get((meta.get("name") or "").strip().lower())
        if key and key not in page:
            _put(page, key, meta.get("content"))
    return page


def _put(page: dict[str, str], key: str, value: str | None) -> None:
    """Store a cleaned value; a date that cannot be read as a date is left out, not guessed."""
    value = (value or "").strip()
    if key in _DATE_KEYS:
        value = normalise_date(value) or ""
    if value:
        page[key] = value


def normalise_date(value: str) -> str | None:
    """``YYYY-MM-DD`` from 2025-03-11, 2025/3/11 or 2025年3月11日, with or without a time."""
    found = _DATE.search(value)
    if found is None:
        return None
    try:
        return date(*map(int, found.groups())).isoformat()
    except ValueError:
        return None


def _labelled_values(lines: list[str]) -> Iterator[tuple[str, str]]:
    """``(label, value)`` pairs from short lines; a label alone on its line takes the next line."""
    for i, line in enumerate(lines):
        if len(line) > _META_LINE_MAX:
            continue
        alone = _LABEL_ONLY.match(line)
        if alone:
            following = lines[i + 1] if i + 1 < len(lines) else ""
            if not _LABEL.search(following) and not _LABEL_ONLY.match(following):
                yield _alias(alone.group("a")), following.strip()
            continue
        matches = list(_LABEL.finditer(line))
        for n, m in enumerate(matches):
            stop = matches[n + 1].start() if n + 1 < len(matches) else len(line)
            raw = line[m.end() : stop].strip()
            end = _VALUE_END.search(raw)
            yield _alias(m.group("b") or m.group("c")), raw[: end.start() if end else len(raw)]


def _alias(spread: str) -> str:
    return re.sub(r"\s+", "", spread)


def visible_lines(root: lxml.html.HtmlElement) -> list[str]:
    """The page's text as a browser lays it out: one line per block or table cell."""
    parts: list[str] = []
    walker = lxml.etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _INVISIBLE or not tag:
                walker.skip_subtree()
                continue
            if tag in _BLOCKS:
                parts.append("\n")
            parts.append(el.text or "")
        else:
            if tag in _BLOCKS:
                parts.append("\n")
            parts.append(el.tail or "")
    return [line for line in (" ".join(s.split()) for s in "".join(parts).split("\n")) if line]


# ---- article text ------------------------------------------------------------------------


def _article_lines(root: lxml.html.HtmlElement) -> list[str]:
    """The article as lines, from trafilatura or, if it finds nothing, from the visible text."""
    lines = [line for block in _trafilatura_blocks(root) for line in block]
    return _trim_chrome(lines or _body_lines(root))


def _trafilatura_blocks(root: lxml.html.HtmlElement) -> list[list[str]]:
    """trafilatura's article, one list of lines per block (a table is one block)."""
    # Extraction works on a copy: trafilatura prunes the tree it is given.
    result = trafilatura.bare_extraction(
        copy.deepcopy(root),
        include_tables=True,
        include_comments=False,
        include_images=False,
        include_links=False,
        favor_recall=True,
        deduplicate=False,
        with_metadata=False,
    )
    body = getattr(result, "body", None)
    if body is None:
        return []
    blocks = [_block_lines(child) for child in body]
    return [block for block in blocks if block]


def _block_lines(el: lxml.etree._Element) -> list[str]:
    """Lines of one block of trafilatura's XML: a cell, a list item, a line break end a line."""
    if el.tag in ("table", "list"):
        cells = el.iter("cell", "item")
        return [line for cell in cells if not _has(cell, "cell", "item") for line in _lines(cell)]
    return _lines(el)


def _has(el: lxml.etree._Element, *tags: str) -> bool:
    return any(True for _ in el.iterdescendants(*tags))


def _lines(el: lxml.etree._Element) -> list[str]:
    text = "".join(_pieces(el))
    return [line for line in (" ".join(s.split()) for s in text.split("\n")) if line]


def _pieces(el: lxml.etree._Element) -> Iterator[str]:
    """Text of ``el`` with a newline for each line break and between paragraphs inside it."""
    yield el.text or ""
    for child in el:
        if child.tag == "lb":
            yield "\n"
        else:
            block = child.tag in ("p", "head", "item", "row", "cell", "list", "table", "quote")
            yield "\n" if block else ""
            yield from _pieces(child)
            yield "\n" if block else ""
        yield child.tail or ""


def _body_lines(root: lxml.html.HtmlElement) -> list[str]:
    """Visible text of the body without navigation, header and footer: the last resort."""
    body = root.find("body")
    if body is None:
        return []
    for el in list(body.iter("nav", "header", "footer", "aside")):
        el.drop_tree()
    return visible_lines(body)


def _trim_chrome(lines: list[str]) -> list[str]:
    """Cut chrome off both edges of the article, never out of its middle.

    Before the first paragraph of prose, everything up to the last chrome line goes (breadcrumb,
    index table, info line); after the last paragraph of prose, everything from the first chrome
    line on goes (share buttons, footer). The signature and date, which sit between the prose and
    the footer, stay. A page without prose is cut at its footer and after its header instead.
    """
    prose = [i for i, line in enumerate(lines) if _is_prose(line)]
    if prose:
        head = [i for i in range(prose[0]) if _is_chrome(lines[i])]
        foot = [i for i in range(prose[-1] + 1, len(lines)) if _is_chrome(lines[i])]
    else:
        foot = [i for i, line in enumerate(lines) if _is_short(line) and _FOOTER.search(line)]
        end = foot[0] if foot else len(lines)
        head = [i for i in range(end) if _is_chrome(lines[i])]
        if head and head[-1] == end - 1:  # nothing but chrome would be left: keep the lines
            head = []
    start = head[-1] + 1 if head else 0
    return lines[start : foot[0] if foot else len(lines)]


def _is_prose(line: str) -> bool:
    return len(line) >= _PROSE_MIN and _PROSE_PUNCT.search(line) is not None


def _is_short(line: str) -> bool:
    return len(line) <= _CHROME_MAX


def _is_chrome(line: str) -> bool:
    """A line of website furniture or of page metadata, not of the report."""
    if not _is_short(line):
        return False
    if _LABEL.search(line) or _LABEL_ONLY.match(line):
        return True
    return _HEADER.search(line) is not None or _FOOTER.search(line) is not None


# ---- title -------------------------------------------------------------------------------


def _title(root: lxml.html.HtmlElement, page: dict[str, str]) -> str | None:
    """The report's title as the page shows it, never the website's own name."""
    candidates = [page.get("标题"), _first_text(root, "//h1"), _title_tag(root)]
    site = _site_names(root, page)
    for candidate in candidates:
        title = " ".join((candidate or "").split())
        if title and title not in site and not _is_chrome(title):
            return title
    return None


def _first_text(root: lxml.html.HtmlElement, xpath: str) -> str | None:
    for el in root.xpath(xpath):
        text = el.text_content().strip()
        if text:
            return text
    return None


def _title_tag(root: lxml.html.HtmlElement) -> str | None:
    """``<title>`` without the site name that follows ``_`` or `` - `` in it."""
    text = _first_text(root, "//title")
    return _TITLE_SPLIT.split(text)[0] if text else None


def _site_names(root: lxml.html.HtmlElement, page: dict[str, str]) -> set[str]:
    names = {page.get("发布机构", ""), page.get("来源", "")}
    names.update(m.get("content", "").strip() for m in root.xpath("//meta[@name='SiteName']"))
    title = _first_text(root, "//title")
    if title:
        names.update(_TITLE_SPLIT.split(title)[1:])
    names.discard("")
    return names


def _normalised(line: str) -> str:
    return "".join(line.split())
