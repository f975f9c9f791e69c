"""Who wrote a report about which year, and when it was signed and published.

Each field is taken from where a reader finds it (annotation spec): the title line, the opening
sentence, the signature and its date at the end, and the publishing site's index table or page
metadata. The entity is the name as the text gives it most fully, so the candidates from the
signature, the title and the opening are compared and the fullest consistent one wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fazhi.model import Mark, Metadata
from fazhi.parse import divisions
from fazhi.parse.dates import CHINESE_DATE, YEAR, YEAR_DIGITS, find_date, is_date_line
from fazhi.parse.outline import RawHeading
from fazhi.parse.text import Line, iter_paragraphs

_CJK = r"\u4e00-\u9fff"
_TITLE_WORDS = re.compile(r"法治政府|法治建设|依法行政|法治.{0,6}(报告|情况)")
_TITLE_KIND = re.compile(r"报告|情况|工作|总结")
_PROSE_PUNCT = re.compile(r"[。；;！？]|[，,].{12,}")
_CN_YEAR = re.compile(r"([〇○零一二三四五六七八九]{4})\s*年")

# The part of an organisation's name that says what it is, longest first.
GOV_SUFFIX = ("人民政府", "政府")
TOWNSHIP_SUFFIX = ("街道办事处", "办事处", "街道", "镇", "乡", "苏木")
DEPT_SUFFIX = (
    "办公室",
    "办公厅",
    "委员会",
    "管理局",
    "服务中心",
    "中心",
    "局",
    "厅",
    "委",
    "办",
    "署",
    "院",
    "所",
    "队",
)
ADMIN_SUFFIX = (
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "省",
    "市",
    "州",
    "盟",
    "县",
    "区",
    "旗",
)
_ORG_SUFFIXES = GOV_SUFFIX + TOWNSHIP_SUFFIX + DEPT_SUFFIX + ADMIN_SUFFIX
_NOT_CJK = re.compile(f"[^{_CJK}]")
# Words that end an organisation's name at the start of an opening sentence (verbs, prepositions).
_NAME_STOP = re.compile(
    "在|坚持|深入|深学|认真|全面|始终|紧紧|紧扣|紧密|以|围绕|高度|持续|扎实|切实|着力|不断|积极|牢固|"
    "聚焦|按照|立足|把|将|严格|大力|进一步|各级|党委|党组|准确|自觉|狠抓|强化|加强|推进|贯彻|落实|主动|"
    "统筹|锚定|把握|的|和|与|及|共|对|为|以来|年度|法治|依法|现将|关于"
)
_DEICTIC = re.compile("^(我|本|全|该|各)")
# 县委, 区政府: a level and an organ, not a name
_BARE_ORGAN = re.compile("^[省市州区县旗镇乡](委|政府|人民政府)$")
MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
# The signature is among the last few paragraphs, after a closing formula.
_TAIL = 4
_CLOSING = re.compile(r"^(特此(报告|汇报)|以上报告|专此报告)[。.]?$")


@dataclass(slots=True)
class _Signature:
    entity: str | None
    date: str | None


def extract_metadata(
    text: str,
    chrome: list[tuple[int, int]],
    headings: list[RawHeading],
    body_end: int,
    page: dict[str, str] | None = None,
) -> tuple[Metadata, dict[str, Mark]]:
    """The metadata, and where in the text each value was read (``provenance``: title,
    title_entity, opening, opening_entity, signature, signed_date, publish_date, closing), so a
    verdict or a page can point at the words."""
    page = page or {}
    marks: dict[str, Mark] = {}
    first_heading = headings[0].start if headings else body_end
    front = list(iter_paragraphs(text, chrome, first_heading))
    title = _find_title(front, marks) or page.get("标题") or None
    opening = _opening(front, title, marks)
    sig = _signature(text, chrome, body_end, marks)
    names = [sig.entity, _entity_from_title(title), _entity_from_opening(opening)]
    _mark_name(text, marks, "title_entity", names[1], marks.get("title"))
    _mark_name(text, marks, "opening_entity", names[2], marks.get("opening"))
    entity = _choose_entity(names)
    signed = sig.date or _chrome_date(text, chrome, ("成文日期",), marks, "signed_date")
    published = _chrome_date(text, chrome, ("发布日期", "发布时间"), marks, "publish_date")
    metadata = Metadata(
        title=title,
        entity=entity,
        level=level_of(entity),
        report_year=_report_year(title, opening, headings, text, sig.date, page),
        signed_date=signed or page.get("成文日期"),
        publish_date=published or page.get("发布日期"),
    )
    return metadata, marks


def _opening(front: list[Line], title: str | None, marks: dict[str, Mark]) -> str:
    """The first paragraph that is not (part of) the title: the report's opening."""
    line = next((ln for ln in front if ln.stripped not in (title or "")), None)
    if line is None:
        return ""
    marks["opening"] = Mark(line.body_start, line.body_start + len(line.stripped))
    return line.stripped


def _mark_name(
    text: str, marks: dict[str, Mark], key: str, name: str | None, where: Mark | None
) -> None:
    if name and where is not None:
        at = text.find(name, where.start, where.end)
        if at >= 0:
            marks[key] = Mark(at, at + len(name), name)


# --- title -------------------------------------------------------------------------------


def _find_title(front: list[Line], marks: dict[str, Mark]) -> str | None:
    """The report's own title: short, no prose punctuation, names the report's subject. A title
    set on two lines (「中共某县委 某县人民政府」/「关于2023年度法治政府建设情况的报告」, or a long
    title broken mid-phrase) is joined as one."""
    head = front[:6]
    for i, ln in enumerate(head):
        s = ln.stripped
        if _is_title(s):
            if i and s.startswith("关于") and _org_names(head[i - 1].stripped):
                return _title(head[i - 1], ln, marks)
            return _title(ln, ln, marks)
        if i + 1 < len(head) and _TITLE_PIECE.match(s) and _is_title(s + head[i + 1].stripped):
            return _title(ln, head[i + 1], marks)
    return None


# The first line of a title set on two lines: words only (a joint title's two names may be
# spaced apart), never a page's tool line such as 字号：[ 大 中 小 ].
_TITLE_PIECE = re.compile(rf"[{_CJK}〇○0-9（）()“”《》、·\s]{{2,40}}$")


def _title(first: Line, last: Line, marks: dict[str, Mark]) -> str:
    title = first.stripped + (last.stripped if last is not first else "")
    marks["title"] = Mark(first.body_start, last.body_start + len(last.stripped), title)
    return title


def _is_title(s: str) -> bool:
    return (
        6 <= len(s) <= 80
        and not _PROSE_PUNCT.search(s)
        and bool(_TITLE_WORDS.search(s))
        and bool(_TITLE_KIND.search(s))
    )


# --- entity ------------------------------------------------------------------------------


def _entity_from_title(title: str | None) -> str | None:
    if not title:
        return None
    head = title.split("关于", 1)[0] if "关于" in title else None
    if head is None:
        m = re.search(r"(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4}", title)
        head = title[: m.start()] if m else None
    if not head:
        m = re.match(rf"^(?:19|20)\d{{2}}年度?([{_CJK}]{{2,30}}?)(?:法治|依法行政|推进)", title)
        head = m.group(1) if m else None
    if not head:
        return None
    return _org_line(head.strip()) or _trim_name(head)


def _entity_from_opening(opening: str) -> str | None:
    s = re.sub(r"^(?:(?:19|20)\d{2}\s*年(?:度|以来|来)?|一年来|过去一年)[，,]?\s*", "", opening)
    m = _NAME_STOP.search(s)
    head = s[: m.start()] if m else s[:30]
    head = re.split(r"[，,。；;：:、（(“\"]", head, maxsplit=1)[0]
    if not head or _DEICTIC.match(head):
        return None
    name = _trim_name(head)
    return None if name is None or _BARE_ORGAN.match(name) else name


def _trim_name(s: str) -> str | None:
    """Cut ``s`` back to its last organisation suffix; None if it names no organisation."""
    s = s.strip().strip('“”"《》 ')
    cjk = _NOT_CJK.search(s)  # a name is Chinese characters only: no prefix past this counts
    for end in range(cjk.start() if cjk else len(s), 1, -1):
        if s[:end].endswith(_ORG_SUFFIXES):
            return s[:end]
    return None


def _core(name: str) -> str:
    return re.sub("(人民政府|政府)$", "", name)


def _choose_entity(candidates: list[str | None]) -> str | None:
    """The fullest name among those that agree with the most reliable candidate."""
    names = [c for c in candidates if c]
    if not names:
        return None
    anchor = _core(names[0])
    same = [n for n in names if _core(n) in anchor or anchor in _core(n)]
    return max(same, key=len)


def _signature(
    text: str, chrome: list[tuple[int, int]], body_end: int, marks: dict[str, Mark]
) -> _Signature:
    """The signing organisation and date at the end of the report, if it is signed, and the
    closing formula (特此报告) before them."""
    tail = list(iter_paragraphs(text, chrome, body_end))[-_TAIL:]
    for i in range(len(tail) - 1, -1, -1):
        line, s = tail[i], tail[i].stripped
        hit = find_date(s)
        if hit is None or hit[1] < len(s.rstrip("。 ）)")):
            continue
        if is_date_line(s):
            org_line = tail[i - 1] if i > 0 else None
            org = _org_line(org_line.stripped) if org_line else None
            org_at = org_line.body_start if org else -1
        else:
            org = _org_line(s[: hit[0]].strip())
            if org is None:
                continue
            org_at = line.body_start
        marks["signed_date"] = Mark(line.body_start + hit[0], line.body_start + hit[1], hit[2])
        if org:
            at = text.find(org, org_at)
            marks["signature"] = Mark(at, at + len(org), org)
        _mark_closing(tail[: i - (1 if is_date_line(s) and org else 0)], marks)
        return _Signature(org, hit[2])
    return _Signature(None, None)


def _mark_closing(before: list[Line], marks: dict[str, Mark]) -> None:
    if before and _CLOSING.match(before[-1].stripped):
        ln = before[-1]
        marks["closing"] = Mark(ln.body_start, ln.body_start + len(ln.stripped))


def _org_names(s: str) -> list[str]:
    """The organisations a line consists of (「中共某县委 某县人民政府」), or [] if it is
    anything else."""
    if not s or len(s) > 40 or _PROSE_PUNCT.search(s) or re.search(r"[，,]", s):
        return []
    names = [_trim_name(part) for part in s.split()]
    return names if all(n and n == p for n, p in zip(names, s.split(), strict=True)) else []


def _org_line(s: str) -> str | None:
    """The reporting organisation of a signature or title head: where a party committee and a
    government sign together, the government is the one reporting on 法治政府建设."""
    names = _org_names(s)
    return next(
        (n for n in reversed(names) if n.endswith(GOV_SUFFIX)), names[-1] if names else None
    )


# --- level -------------------------------------------------------------------------------


def level_of(entity: str | None) -> str | None:
    """province, city, county_district, township or department, from the name alone."""
    if not entity:
        return None
    name = entity
    for suffix in GOV_SUFFIX:
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    else:
        if name.endswith(TOWNSHIP_SUFFIX):
            return "township"
        if name.endswith(DEPT_SUFFIX):
            return "department"
    if name.endswith(TOWNSHIP_SUFFIX):
        return "township"
    return divisions.division_level(name) or _level_by_suffix(name)


def _level_by_suffix(name: str) -> str | None:
    if name.endswith(("省", "自治区", "特别行政区")) or name in MUNICIPALITIES:
        return "province"
    if name.endswith(("市", "自治州", "州", "盟", "地区")):
        return "city"
    if name.endswith(("区", "县", "旗", "自治县", "自治旗")):
        return "county_district"
    return None


# --- year and dates ----------------------------------------------------------------------


def _year_in(s: str | None) -> int | None:
    if not s:
        return None
    if m := YEAR.search(s):
        return int(m.group(1))
    if (m := _CN_YEAR.search(s)) and not CHINESE_DATE.match(s, m.start()):
        return int("".join(YEAR_DIGITS[c] for c in m.group(1)))
    return None


def _report_year(
    title: str | None,
    opening: str,
    headings: list[RawHeading],
    text: str,
    signed: str | None,
    page: dict[str, str],
) -> int | None:
    """The year reported on: named in the title, the first part's heading, the sentence that
    announces the report, or the opening; failing those, the year before signing/publishing."""
    if year := _year_in(title):
        return year
    for h in headings:
        if h.level == 1:
            if (year := _year_in(h.text)) and not re.search("下一|思路|打算|安排|计划", h.text):
                return year
            break
    if m := re.search(r"现将.{0,20}?((?:19|20)\d{2})\s*年", text):
        return int(m.group(1))
    if year := _year_in(opening[:40]):
        return year
    for d in (signed, page.get("成文日期"), page.get("发布日期")):
        if d:
            return int(d[:4]) - 1
    return None


def _chrome_date(
    text: str,
    chrome: list[tuple[int, int]],
    keys: tuple[str, ...],
    marks: dict[str, Mark],
    field: str,
) -> str | None:
    """A date the publishing site shows next to one of ``keys`` (发布日期, 成文日期 …)."""
    for start, end in chrome:
        chunk = text[start:end]
        for key in keys:
            i = chunk.find(key)
            if i < 0:
                continue
            base = start + i + len(key)
            hit = find_date(text[base : min(base + 40, end)])
            if hit:
                marks[field] = Mark(base + hit[0], base + hit[1], hit[2])
                return hit[2]
    return None
