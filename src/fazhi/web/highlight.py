"""The report's text as HTML with its facts, evidence, copied passages and outline marked.

Report text is untrusted (anyone can publish a page that fazhi later reads), so the text is cut
at every span boundary and each piece is escaped on its own; the only markup is what this module
writes around the pieces. Spans may overlap (a fact inside a verdict's evidence inside a copied
passage), so instead of nesting elements each piece becomes one ``<span>`` whose classes and
data attributes list every span covering it:

* ``fact`` with ``data-value``, ``data-unit``, ``data-indicator`` (the hover card, pure CSS);
* ``ev`` with ``data-ev="c3 c7"``: the checks whose evidence it is (a click on a verdict adds a
  highlight to these and scrolls to the first; an empty anchor ``id="ev-c3"`` before the first
  piece makes the link work without script too);
* ``copy`` with ``data-copy``: copied passages (anchored ``id="p2"``); ``chrome``: page chrome
  (dimmed, not removed);
* ``hd``: headings, anchored ``id="h4"`` for the outline panel; ``hit``: a search match or a
  figure the user followed a link to (anchored ``id="hit"``).
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    kind: str  # "fact" | "ev" | "copy" | "chrome" | "hd" | "hit"
    key: str = ""  # ev: "c3"; copy: "p2"; hd: "h4"
    attrs: tuple[tuple[str, str], ...] = ()  # fact: value, unit, indicator


def _clamp(marks: Iterable[Mark], n: int) -> list[Mark]:
    out = []
    for m in marks:
        if 0 <= m.start < m.end <= n:
            out.append(m)
            continue
        s, e = max(0, min(m.start, n)), max(0, min(m.end, n))
        if s < e:
            out.append(Mark(s, e, m.kind, m.key, m.attrs))
    return out


def _anchor(m: Mark) -> str:
    if m.kind in ("hd", "hit", "copy"):
        return m.key
    return f"ev-{m.key}" if m.kind == "ev" else ""


def render(text: str, marks: Iterable[Mark]) -> Markup:
    """``text`` escaped, with every mark applied (see the module doc). Each span that a link
    can point to starts with an empty anchor element carrying its id."""
    spans = _clamp(marks, len(text))
    cuts = sorted({0, len(text), *(m.start for m in spans), *(m.end for m in spans)})
    starts: dict[int, list[Mark]] = {}
    for m in spans:
        starts.setdefault(m.start, []).append(m)
    active: list[Mark] = []
    anchored: set[str] = set()
    out: list[str] = []
    for a, b in pairwise(cuts):
        opening = starts.get(a)
        if opening:
            for m in opening:
                anchor = _anchor(m)
                if anchor and anchor not in anchored:
                    anchored.add(anchor)
                    out.append(f'<span class="anchor" id="{anchor}"></span>')
            active = [m for m in active if m.end > a] + opening
        elif active:
            active = [m for m in active if m.end > a]
        piece = html.escape(text[a:b], quote=False)
        out.append(_wrap(piece, active) if active else piece)
    return Markup("".join(out))


def _wrap(piece: str, active: list[Mark]) -> str:
    classes: list[str] = []
    attrs: list[str] = []
    ev_keys: list[str] = []
    has_fact = False
    for m in active:
        if m.kind not in classes:
            classes.append(m.kind)
        if m.kind == "ev":
            ev_keys.append(m.key)
        elif m.kind == "fact" and not has_fact:
            has_fact = True
            attrs += [f' data-{k}="{html.escape(v)}"' for k, v in m.attrs]
        elif m.kind == "copy":
            attrs.append(f' data-copy="{m.key}"')
    if ev_keys:
        attrs.append(f' data-ev="{" ".join(ev_keys)}"')
    return f'<span class="{" ".join(classes)}"{"".join(attrs)}>{piece}</span>'


def marked(text: str, ranges: Iterable[tuple[int, int]]) -> Markup:
    """``text`` escaped, with each (start, end) range in ``<mark>`` (search snippets)."""
    out: list[str] = []
    pos = 0
    for s, e in sorted(ranges):
        s, e = max(s, pos), min(e, len(text))
        if s >= e:
            continue
        out += [escape(text[pos:s]), "<mark>", escape(text[s:e]), "</mark>"]
        pos = e
    out.append(escape(text[pos:]))
    return Markup("".join(out))
