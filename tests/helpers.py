"""Test helpers: the bundled sample reports and their hand-made gold files."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "samples" / "seeds"
GOLD = ROOT / "tests" / "data" / "gold"


def seed_pairs() -> list[tuple[str, dict]]:
    """(report text, gold) for every bundled seed."""
    out = []
    for g in sorted(GOLD.glob("*.json")):
        gold = json.loads(g.read_text(encoding="utf-8"))
        out.append(((SEEDS / gold["file"]).read_text(encoding="utf-8"), gold))
    return out


# --- transformations of real reports, to test that the rules capture how reports are written
# rather than these five texts ---------------------------------------------------------------

CN = "一二三四五六七八九十"


def heading_lines(text: str, gold: dict, level: int | None = None) -> list[tuple[int, int]]:
    """(start, end of line) of each gold heading, optionally of one level."""
    out = []
    for h in gold["headings"]:
        if level is None or h["level"] == level:
            end = text.find("\n", h["start"])
            out.append((h["start"], len(text) if end < 0 else end))
    return out


def restyle_markers(text: str, gold: dict, style: dict[int, str]) -> str:
    """Rewrite each gold heading's marker in another style: style maps level → a format with
    {n} (number as digits) or {c} (number in Chinese), e.g. {2: "({c})", 3: "（{n}）"}."""
    out, pos = [], 0
    counters: dict[int, int] = {}
    for h in gold["headings"]:
        lv = h["level"]
        counters[lv] = counters.get(lv, 0) + 1
        for deeper in [k for k in counters if k > lv]:
            counters[deeper] = 0
        if lv not in style:
            continue
        n = _marker_number(h["marker"])
        marker = style[lv].format(n=n, c=cn_number(n))
        out.append(text[pos : h["start"]])
        out.append(marker)
        pos = h["start"] + len(h["marker"])
    out.append(text[pos:])
    return "".join(out)


def _marker_number(marker: str) -> int:
    digits = "".join(c for c in marker if c.isdigit())
    if digits:
        return int(digits)
    core = "".join(c for c in marker if c in CN)
    return cn_to_int(core)


def cn_number(n: int) -> str:
    if n <= 10:
        return CN[n - 1]
    if n < 20:
        return "十" + (CN[n - 11] if n > 10 else "")
    return CN[n // 10 - 1] + "十" + (CN[n % 10 - 1] if n % 10 else "")


def cn_to_int(s: str) -> int:
    if "十" not in s:
        return CN.index(s) + 1
    tens, _, units = s.partition("十")
    return (CN.index(tens) + 1 if tens else 1) * 10 + (CN.index(units) + 1 if units else 0)


def indent_lines(text: str, indent: str = "\u3000\u3000") -> str:
    return "\n".join(indent + ln if ln.strip() else ln for ln in text.split("\n"))


def level1_parts(text: str, gold: dict) -> tuple[str, list[tuple[str, str]], str]:
    """(text before the first level-1 heading, [(section, part text)], trailing text)."""
    tops = [h for h in gold["headings"] if h["level"] == 1]
    end = min(
        [b["start"] for b in gold["boilerplate"] if b["start"] > tops[-1]["start"]],
        default=len(text),
    )
    parts = []
    for i, h in enumerate(tops):
        stop = tops[i + 1]["start"] if i + 1 < len(tops) else end
        parts.append((h["section"], text[h["start"] : stop]))
    return text[: tops[0]["start"]], parts, text[end:]


def renumber_level1(part: str, n: int) -> str:
    marker_end = part.index("、")
    return cn_number(n) + part[marker_end:]


def reorder_parts(text: str, gold: dict, order: list[str]) -> str:
    """The report with its level-1 parts in another order (renumbered, as a drafter would)."""
    head, parts, tail = level1_parts(text, gold)
    by_section = dict(parts)
    chosen = [by_section[s] for s in order if s in by_section]
    body = "".join(renumber_level1(p.rstrip("\n") + "\n", i + 1) for i, p in enumerate(chosen))
    return head + body + tail


def flatten_level1(text: str, gold: dict) -> str:
    """The report without level-1 headings: each becomes the opening sentence of its part."""
    out, pos = [], 0
    for h in gold["headings"]:
        if h["level"] != 1:
            continue
        line_end = text.find("\n", h["start"])
        out.append(text[pos : h["start"]])
        out.append(text[h["start"] + len(h["marker"]) : line_end].rstrip("。") + "。")
        pos = line_end
    out.append(text[pos:])
    return "".join(out)
