"""China's administrative divisions, to tell which level of government wrote a report.

A report names its author as 重庆市南岸区人民政府, 乐山市五通桥区, 都江堰市人民政府 or just 开州区;
the level (province, prefecture-level city, county/district) follows from the most specific
division named, not from the words 省/市/区 alone: 都江堰市 is a county-level city,
重庆市 a province-level municipality, 延边朝鲜族自治州 a prefecture.

The names come from ``fazhi/data/divisions.json``, generated at development time from JioNLP's
copy of 民政部 data by ``bench/tools/build_divisions.py`` (jionlp is never imported here). It holds
every province-, prefecture- and county-level division with its parents, its short forms
(凉山州, 秀山县, 莫旗), bare stems (南岸, 四川) and former names JioNLP records (襄樊市 → 襄阳市).

Township-level names (镇/乡/街道/苏木) are not in the data: there are ~40,000 of them and their
suffix already says their level. :func:`last_division` therefore returns the county of
某某县某某镇人民政府; a caller deciding the level must look at the text *after* the match
(:func:`last_division_match` gives its end) for 镇/乡/街道/苏木 — and for 局/办公室/委员会 …,
which make the author a department rather than the government itself.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

__all__ = [
    "CITY",
    "COUNTY",
    "LEVELS",
    "PROVINCE",
    "Division",
    "DivisionMatch",
    "all_divisions",
    "division_level",
    "last_division",
    "last_division_match",
    "lookup",
    "scan",
]

DivisionType = Literal["province", "city", "county_district"]
PROVINCE: DivisionType = "province"
CITY: DivisionType = "city"
COUNTY: DivisionType = "county_district"
LEVELS: tuple[DivisionType, ...] = (PROVINCE, CITY, COUNTY)
_DEPTH = {PROVINCE: 0, CITY: 1, COUNTY: 2}

DATA_FILE = "divisions.json"

# A bare stem (南岸, 四川, 乐山) is an ordinary word as often as a place name (城关镇, 朝阳街道,
# 江北新区), so it only counts when it is the whole name or stands before another division or the
# word 政府: 四川乐山五通桥区, 乐山人民政府.
_STEM_TAILS = ("人民政府", "政府")
# A division name directly followed by a township suffix and nothing else is the township's own
# name (攀枝花 东区 vs 东区街道办事处, 城区街道): not a division.
_TOWNSHIP_TAIL = re.compile(r"(?:镇|乡|街道|苏木)(?:人民政府|政府|办事处|党委|党工委)?$")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Division:
    """One province-, prefecture- or county-level division.

    ``parents`` run from the province down (() for a province, ("重庆市",) for a district of a
    municipality, ("四川省", "乐山市") for 五通桥区); ``code`` is the six-digit code as JioNLP
    has it (after a rename it can still be the old code).
    """

    name: str
    type: DivisionType
    parents: tuple[str, ...]
    full_path: str
    code: str = ""

    @property
    def province(self) -> str:
        return self.parents[0] if self.parents else self.name


@dataclass(frozen=True, slots=True)
class DivisionMatch:
    """A division found in a string; ``start``/``end`` index the string as it was passed in."""

    division: Division
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class _Index:
    divisions: tuple[Division, ...]
    names: dict[str, tuple[Division, ...]]  # full names, suffixed short forms, former names
    stems: dict[str, tuple[Division, ...]]  # bare stems, only trusted in context
    paths: dict[str, Division]
    name_lengths: tuple[int, ...]  # distinct key lengths, longest first
    stem_lengths: tuple[int, ...]


def _freeze(table: dict[str, list[Division]], *, by_level: bool) -> dict[str, tuple[Division, ...]]:
    """Stems name several levels (朝阳 is 朝阳市 and two 朝阳区): the higher level first, because
    JioNLP keeps the suffix in the alias whenever a lower level would otherwise win (吉林市)."""
    if not by_level:
        return {k: tuple(v) for k, v in table.items()}
    return {k: tuple(sorted(v, key=lambda d: _DEPTH[d.type])) for k, v in table.items()}


@cache
def _index() -> _Index:
    """Read the shipped file once per process (a few ms); every public function goes through it."""
    # Through the already-imported ``fazhi`` package: resolving ``fazhi.data`` would import it,
    # and with it PyYAML, which costs more than reading the file.
    raw = json.loads(
        resources.files("fazhi").joinpath("data", DATA_FILE).read_text(encoding="utf-8")
    )
    cols = raw["columns"]
    pos = {c: cols.index(c) for c in cols}
    names: dict[str, list[Division]] = {}
    stems: dict[str, list[Division]] = {}
    divisions: list[Division] = []
    paths: dict[str, Division] = {}
    for row in raw["rows"]:
        parents = tuple(row[pos["parents"]])
        name = row[pos["name"]]
        d = Division(name, row[pos["type"]], parents, "".join(parents) + name, row[pos["code"]])
        divisions.append(d)
        paths[d.full_path] = d
        # The build script keeps a division's own keys distinct, so no duplicate check here.
        for key in (name, *row[pos["short"]], *row[pos["former"]]):
            names.setdefault(key, []).append(d)
        for key in row[pos["stems"]]:
            stems.setdefault(key, []).append(d)
    # A stem that is also a full name elsewhere (e.g. a county named like another's stem) is
    # matched as the full name only.
    stems = {k: v for k, v in stems.items() if k not in names}
    return _Index(
        divisions=tuple(divisions),
        names=_freeze(names, by_level=False),
        stems=_freeze(stems, by_level=True),
        paths=paths,
        name_lengths=tuple(sorted({len(k) for k in names}, reverse=True)),
        stem_lengths=tuple(sorted({len(k) for k in stems}, reverse=True)),
    )


def all_divisions() -> tuple[Division, ...]:
    """Every division in the shipped file, in code order."""
    return _index().divisions


def lookup(name: str) -> list[Division]:
    """Every division called exactly ``name``: a full name (五通桥区), a short form (凉山州,
    秀山县), a former name (襄樊市), a bare stem (南岸, 四川) or a full path (四川省乐山市五通桥区).

    Several divisions share some names (朝阳区 is in Beijing and Changchun; 朝阳 is also 朝阳市);
    all are returned, full-name matches first.
    """
    ix = _index()
    key = _SPACE.sub("", name)
    found = list(ix.names.get(key, ()))
    found += [d for d in ix.stems.get(key, ()) if d not in found]
    if not found and key in ix.paths:
        found.append(ix.paths[key])
    return found


def _name_at(ix: _Index, s: str, i: int) -> str | None:
    """The longest full name / short form / former name starting at ``s[i]``."""
    n = len(s)
    for length in ix.name_lengths:
        if i + length <= n and s[i : i + length] in ix.names:
            return s[i : i + length]
    return None


def _stem_at(ix: _Index, s: str, i: int, depth: int = 0) -> str | None:
    """The longest bare stem at ``s[i]`` that its context confirms as a place name."""
    n = len(s)
    for length in ix.stem_lengths:
        j = i + length
        if j > n or s[i:j] not in ix.stems:
            continue
        if (
            j == n
            or s.startswith(_STEM_TAILS, j)
            or _name_at(ix, s, j) is not None
            or (depth < 3 and _stem_at(ix, s, j, depth + 1) is not None)
        ):
            return s[i:j]
    return None


def _choose(cands: Iterable[Division], context: list[Division]) -> Division:
    """Among same-named divisions, the one the preceding names in the string point to:
    长春市朝阳区 → 长春's, 北京市朝阳区 → Beijing's; without context the first (code order)."""
    best: Division | None = None
    best_score = -1
    for d in cands:
        score = 0
        for c in context:
            if c.name in d.parents:
                score += 2
            elif c.province == d.province:
                score += 1
        if score > best_score:
            best, best_score = d, score
    assert best is not None
    return best


def scan(entity: str) -> list[DivisionMatch]:
    """Every division named in ``entity``, left to right, longest match first.

    Whitespace is ignored (PDF text often splits 重庆市 南岸区); positions refer to ``entity``.
    """
    ix = _index()
    keep = [k for k, ch in enumerate(entity) if not ch.isspace()]
    s = "".join(entity[k] for k in keep)
    out: list[DivisionMatch] = []
    context: list[Division] = []
    i, n = 0, len(s)
    while i < n:
        key = _name_at(ix, s, i)
        if key is not None and _TOWNSHIP_TAIL.match(s, i + len(key)):
            key = None
        stem = _stem_at(ix, s, i)
        if key is None and stem is None:
            i += 1
            continue
        if key is not None and (stem is None or len(key) >= len(stem)):
            cands = ix.names[key]
        else:
            assert stem is not None
            key, cands = stem, ix.stems[stem]
        d = _choose(cands, context)
        j = i + len(key)
        out.append(DivisionMatch(d, keep[i], keep[j - 1] + 1, entity[keep[i] : keep[j - 1] + 1]))
        context.append(d)
        i = j
    return out


def last_division_match(entity: str) -> DivisionMatch | None:
    """The most specific division named in ``entity`` and where it stands.

    The deepest level wins and, among equals, the rightmost: 乐山市五通桥区人民政府 → 五通桥区,
    某某县驻北京市办事处 → 某某县. Check ``entity[match.end:]`` for 镇/乡/街道/苏木 (a township
    of that county) or for a bureau/office (a department) before deciding the author's level.
    """
    best: DivisionMatch | None = None
    for m in scan(entity):
        if best is None or _DEPTH[m.division.type] >= _DEPTH[best.division.type]:
            best = m
    return best


def last_division(entity: str) -> Division | None:
    """The most specific division named in a government's name, or None if it names none.

    成都市都江堰市人民政府 → 都江堰市 (county_district); 重庆市人民政府 → 重庆市 (province);
    某某县某某镇人民政府 → 某某县 (see :func:`last_division_match` for the township check).
    """
    m = last_division_match(entity)
    return m.division if m else None


def division_level(name: str) -> DivisionType | None:
    """The level ("province", "city" or "county_district") of the most specific division in
    ``name``, or None: the one question most callers ask."""
    d = last_division(name)
    return d.type if d else None
