"""Copy detection: passages a report shares with another unit's report of the same year, or with
its own unit's report of the year before.

A clerk wants to know which paragraphs of a report were taken from elsewhere and how much of the
report that is; a researcher wants it for a whole province at once. The detector therefore
streams a corpus that the caller supplies sorted by year and keeps, per report, only compact
hashes (of clauses and of paragraph MinHash bands); it goes back to a text only to verify a pair.

How it decides, and why:

* **Normal form** (:mod:`fazhi.compare.formulas`): no spaces or punctuation; figures kept, as
  they make a unit's sentence its own. For alignment, each clause also has a *shape* in which
  every run of numerals is one ``#``: a copy with updated figures, or a moved item renumbered
  (一是 → 三是), aligns on its shape.
* **Clauses** (text between ，；。 and line ends) are the smallest units: a copy that lost a clause
  or had a figure updated still shares its other clauses verbatim. Sentences (two clauses or
  more) and paragraphs (two sentences or more) are units too: they are what makes a copy
  specific when every clause of it is common.
* **Formulas** are never copies and never count in a share: a clause made of seed formulas
  (以习近平新时代中国特色社会主义思想为指导 …), glue words and the unit's own name, and a
  sentence that at least ``min_share`` of the year's reports (and ``min_reports`` of them)
  contain verbatim.
* **Rare text is the evidence.** A unit that more than ``anchor_max_reports`` reports of the year
  share is template text (a stock phrase, a province's model paragraph): it may lie inside a
  copy but cannot make one. A unit shared by ``g`` reports gives each of their pairs
  ``length / (g - 1)`` characters of evidence, so a sentence that two reports alone share counts
  fully and one that ten share counts little; a unit of ``strong_unit_chars`` or more counts
  fully whatever ``g`` (a long passage verbatim in a few reports is copied among them).
* **Candidates** are the pairs with ``min_pair_chars`` of exact evidence, plus the pairs MinHash
  LSH finds: each paragraph window's character shingles are hashed as datasketch's ``affine32``
  MinHash does (for all windows of a report at once, in numpy) and banded with the (bands, rows)
  that datasketch's ``MinHashLSH`` chooses for ``lsh_threshold``; two windows sharing at least
  ``min_bands`` bands that few reports share are a candidate. This finds copies edited in every
  clause (the unit's name replaced throughout).
* **Verification** aligns the two reports around their evidence, on the hashes kept: runs of
  clauses with the same shape, chained into a passage while neither side skips more than
  ``max_gap_clauses`` clauses. Pairs that only MinHash found are aligned character by character
  in the windows it paired (common runs of ``min_block_chars`` characters or more, chained while
  neither side skips more than ``max_gap_chars``): the only step that reads texts again. A
  passage's similarity is 2·matched / (its length in a + its length in b); a passage with
  similarity ≥ ``threshold``, ``min_copy_chars`` matched characters and ``min_seed_chars`` of
  rare clauses is reported.
* **Scope**: reports of different entities in the same year, and each report with its own
  entity's report of the year before. Entities are compared by :func:`entity_key`.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from multiprocessing import get_context
from multiprocessing.pool import Pool
from typing import Literal, TypeVar

import numpy as np
from datasketch import MinHash, MinHashLSH

from fazhi.compare.formulas import (
    CLAUSE,
    DROP,
    KEEP,
    LINE,
    SENTENCE,
    Formulas,
    classify,
    normalise,
)
from fazhi.compare.formulas import load_formulas as _load_formulas
from fazhi.parse.divisions import DivisionMatch, scan

__all__ = [
    "CopyDoc",
    "CopyPair",
    "CopyResult",
    "CopySettings",
    "entity_key",
    "find_copies",
]

Relation = Literal["same_year", "previous_year"]
_T = TypeVar("_T")
Fetch = Callable[[int], str]

_GOVERNMENT = re.compile(r"^(?:人民)?政府")
_ENTITY_JUNK = re.compile(r"[\s\u3000（）()·]")

# Polynomial hashing mod 2^64: a span's hash from prefix sums, so that all the hashes of a
# report come from a few numpy operations.
_BASE = 0x100000001B3
_BASE_INV = pow(_BASE, -1, 1 << 64)
_M1, _M2 = np.uint64(0xFF51AFD7ED558CCD), np.uint64(0xC4CEB9FE1A85EC53)
_S33 = np.uint64(33)
_LEN_SALT = np.uint64(0x9E3779B97F4A7C15)
_FORMULA = np.uint64(0)  # the hash given to a clause made of formulas
# Clause flags: the clause opens a sentence / a line.
_NEW_SENTENCE, _NEW_LINE = np.uint8(1), np.uint8(2)
_CACHE_SIZE = 2048
_PARALLEL_JOBS = 2000  # fewer pairs than this are verified in the calling process
_READ_BATCH = 256  # reports handed to the worker processes at a time
_EMPTY_U64 = np.zeros(0, dtype=np.uint64)
# Numerals, which the shape of a clause reads as one '#' per run.
_NUMERAL = np.zeros(0x10000, dtype=bool)
_NUMERAL[[ord(c) for c in "0123456789一二三四五六七八九十百千万两零〇"]] = True


@dataclass(frozen=True, slots=True)
class CopyDoc:
    """One report as copy detection needs it: ``ignore`` holds the analysis' boilerplate spans
    (website chrome), which are never compared."""

    report_id: int
    entity: str | None
    year: int | None
    text: str
    ignore: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class CopyPair:
    """A passage of report ``a`` (``a_start:a_end`` of its text) and the passage of report ``b``
    it copies or shares.

    For ``previous_year`` pairs ``a`` is the later report and ``b`` its own entity's report of
    the year before (``a`` repeats ``b``); for ``same_year`` pairs ``a`` is the report with the
    smaller id and nothing is implied about who copied whom. ``similarity`` is
    2·matched / (len_a + len_b) over the two passages in normal form.
    """

    a: int
    b: int
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    similarity: float
    relation: Relation


@dataclass(slots=True)
class CopyResult:
    """``share`` maps each dated report to the fraction of its own text (in normal form, chrome
    and formulas excluded) that lies in a passage it shares with another report of the same year
    or repeats from its entity's previous report; text that a later report repeats does not
    count against the earlier one. ``undated`` lists reports without a year (compared with
    nothing, absent from ``share``); ``stats`` counts what the detector did."""

    pairs: list[CopyPair]
    share: dict[int, float]
    undated: list[int] = field(default_factory=list)
    stats: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CopySettings:
    """The thresholds of ``formulas.yaml`` (section ``copies``); the file gives the reasons."""

    min_anchor_chars: int
    anchor_max_reports: int
    min_pair_chars: int
    strong_unit_chars: int
    min_seed_chars: int
    shingle_chars: int
    num_perm: int
    lsh_threshold: float
    min_bands: int
    window_max_partners: int
    min_paragraph_chars: int
    max_paragraph_chars: int
    max_gap_clauses: int
    min_block_chars: int
    max_gap_chars: int
    max_repeat: int
    min_copy_chars: int

    @classmethod
    def from_formulas(cls, formulas: Formulas) -> CopySettings:
        return cls(**{k: formulas.copies[k] for k in cls.__slots__})  # type: ignore[attr-defined]

    @property
    def bands(self) -> tuple[int, int]:
        """(bands, rows per band) as datasketch's MinHashLSH picks them for the threshold."""
        return _lsh_shape(self.lsh_threshold, self.num_perm)


@cache
def _lsh_shape(threshold: float, num_perm: int) -> tuple[int, int]:
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


@cache
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's own affine32 permutations (seed 1), so that a signature here equals
    ``MinHash(num_perm, hashfunc=identity)`` updated with the same shingle hashes."""
    a, b = MinHash(num_perm=num_perm, seed=1).permutations
    return a.astype(np.uint32), b.astype(np.uint32)


def _leading_divisions(name: str) -> list[DivisionMatch]:
    """The divisions a name begins with, one after the other (重庆市, 南岸区 in
    重庆市南岸区司法局); none for 某某东区人民政府, whose 东区 is not that division."""
    chain: list[DivisionMatch] = []
    for m in scan(name):
        if m.start != (chain[-1].end if chain else 0):
            break
        chain.append(m)
    return chain


@lru_cache(maxsize=65536)
def entity_key(name: str | None) -> str | None:
    """The name under which two reports count as the same entity's.

    Spaces and brackets are dropped; when the name begins with administrative divisions
    (重庆市南岸区…, 南岸区…), the most specific one is replaced by its full path (南岸区 →
    重庆市南岸区, 五通桥区 → 四川省乐山市五通桥区) and a government is named by its division alone
    (人民政府/政府 dropped when nothing else follows). So 重庆市南岸区人民政府, 南岸区人民政府 and
    南岸区 are one entity, 南岸区司法局 and 重庆市南岸区司法局 another. Any other name is kept as
    written.
    """
    if not name:
        return None
    s = _ENTITY_JUNK.sub("", name)
    chain = _leading_divisions(s)
    if not chain:
        return s
    rest = _GOVERNMENT.sub("政府", s[chain[-1].end :])
    return chain[-1].division.full_path + ("" if rest == "政府" else rest)


@lru_cache(maxsize=4096)
def _own_names(entity: str | None) -> re.Pattern[str] | None:
    """The names a report uses for its own unit (重庆市南岸区人民政府, 重庆市, 南岸区, 人民政府),
    in normal form."""
    if not entity:
        return None
    full = normalise(entity)
    chain = _leading_divisions(full)
    names = {full, *(m.text for m in chain)}
    if chain and len(full) - chain[-1].end >= 2:
        names.add(full[chain[-1].end :])
    return re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))))


# --- hashing -------------------------------------------------------------------------------


class _Powers:
    """Powers of the hash base and of its inverse mod 2^64, grown on demand."""

    def __init__(self) -> None:
        self.up = self.down = np.ones(1, dtype=np.uint64)

    def get(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        if len(self.up) < n:
            size = max(n, 2 * len(self.up))
            self.up, self.down = self._table(_BASE, size), self._table(_BASE_INV, size)
        return self.up[:n], self.down[:n]

    @staticmethod
    def _table(base: int, size: int) -> np.ndarray:
        out = np.ones(size, dtype=np.uint64)
        np.cumprod(np.full(size - 1, base, dtype=np.uint64), out=out[1:])
        return out


_POWERS = _Powers()


def _fmix64(h: np.ndarray) -> np.ndarray:
    h = h ^ (h >> _S33)
    h = h * _M1
    h = h ^ (h >> _S33)
    h = h * _M2
    return h ^ (h >> _S33)


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finaliser, as datasketch applies it before its permutations."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def _span_hashes(vals: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """64-bit hashes of the non-empty spans ``vals[starts[i]:ends[i]]``, equal for equal
    sequences wherever they stand (``vals``: characters, or the hashes of clauses)."""
    n = len(vals)
    if not len(starts):
        return _EMPTY_U64
    up, down = _POWERS.get(n + 1)
    prefix = np.zeros(n + 1, dtype=np.uint64)
    np.cumsum(vals.astype(np.uint64) * down[:n], out=prefix[1:])
    raw = up[ends - 1] * (prefix[ends] - prefix[starts])
    h = _fmix64(raw ^ ((ends - starts).astype(np.uint64) * _LEN_SALT))
    h[h == _FORMULA] = 1  # 0 marks formulas
    return h


def _unique(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values (numpy's own unique hashes, which is slower on 64-bit keys)."""
    s = np.sort(values)
    keep = np.ones(len(s), dtype=bool)
    keep[1:] = s[1:] != s[:-1]
    return s[keep]


def _isin(values: np.ndarray, sorted_values: np.ndarray) -> np.ndarray:
    """Which of ``values`` are in ``sorted_values`` (sorted), by bisection."""
    if not len(sorted_values):
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_values, values), len(sorted_values) - 1)
    return sorted_values[at] == values


def _runs_of(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(starts, ends) of the runs of equal consecutive values in ``ids``."""
    if not len(ids):
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    cut = np.flatnonzero(ids[1:] != ids[:-1]) + 1
    return np.concatenate(([0], cut)), np.concatenate((cut, [len(ids)]))


# --- one report in normal form ---------------------------------------------------------------


@dataclass(slots=True)
class _Units:
    """A report's normalised characters cut into clauses, with two hashes per clause: exact
    (figures as written: what makes a sentence specific to its unit) and shape (each run of
    numerals, Arabic or Chinese, as ``#``: what a copy with updated figures, or a moved item
    renumbered from 一是 to 三是, still shares)."""

    pos: np.ndarray  # offset in the text of each normalised character
    vals: np.ndarray  # the normalised characters (uint32 code points)
    starts: np.ndarray  # first character of each clause (index into vals)
    ends: np.ndarray
    flags: np.ndarray  # _NEW_SENTENCE / _NEW_LINE per clause
    hashes: np.ndarray  # exact hash per clause; _FORMULA for a clause made of formulas
    shape_vals: np.ndarray
    shape_starts: np.ndarray
    shape_ends: np.ndarray

    @property
    def shapes(self) -> np.ndarray:
        return _span_hashes(self.shape_vals, self.shape_starts, self.shape_ends)

    @property
    def spans(self) -> np.ndarray:
        """(start, end) offsets of each clause in the text."""
        return np.stack((self.pos[self.starts], self.pos[self.ends - 1] + 1), axis=1)


def _units(
    text: str, ignore: Iterable[tuple[int, int]], entity: str | None, formulas: Formulas
) -> _Units:
    vals, classes = classify(text)
    for s, e in ignore:
        classes[s:e] = DROP
        if s < len(classes):
            classes[s] = LINE  # text on either side of chrome is not one paragraph
    pos = np.flatnonzero(classes == KEEP)
    vals = vals[pos].astype(np.uint32)
    clause_no = np.cumsum(classes >= CLAUSE)[pos]
    starts, ends = _runs_of(clause_no)
    flags = np.zeros(len(starts), dtype=np.uint8)
    for cls, flag in ((SENTENCE, _NEW_SENTENCE), (LINE, _NEW_LINE)):
        no = np.cumsum(classes >= cls)[pos[starts]]
        new = np.ones(len(no), dtype=bool)
        new[1:] = no[1:] != no[:-1]
        flags[new] |= flag
    digit = _NUMERAL[np.minimum(vals, 0xFFFF)]
    repeat = np.zeros(len(vals), dtype=bool)
    repeat[1:] = digit[1:] & digit[:-1] & (clause_no[1:] == clause_no[:-1])
    shape_starts, shape_ends = _runs_of(clause_no[~repeat])
    units = _Units(
        pos.astype(np.int32),
        vals,
        starts,
        ends,
        flags,
        _span_hashes(vals, starts, ends),
        np.where(digit, np.uint32(0x23), vals)[~repeat],
        shape_starts,
        shape_ends,
    )
    _mark_formulas(units, formulas, _own_names(entity))
    return units


def _mark_formulas(units: _Units, formulas: Formulas, names: re.Pattern[str] | None) -> None:
    """Give the formula hash to every clause made of formulas only, the report's own name
    counting as one (its title, signature and 「2025年，南岸区将坚持以…为指导」 are the same in
    every report but for the name)."""
    if len(units.starts):
        norm = units.vals.tobytes().decode("utf-32-le")
        units.hashes[formulas.formula_clauses(norm, units.starts, units.ends, names)] = _FORMULA


@dataclass(slots=True)
class _Content:
    """A report's normalised text without formulas, for character alignment; its coordinates
    are those of the live clauses' lengths, as everywhere in the detector."""

    vals: np.ndarray
    pos: np.ndarray  # offset in the text of each character

    @classmethod
    def of(cls, units: _Units, live: np.ndarray) -> _Content:
        keep = np.zeros(len(units.starts), dtype=bool)
        keep[live] = True
        chars = np.repeat(keep, units.ends - units.starts)
        return cls(units.vals[chars], units.pos[chars])

    def offsets(self, lo: int, hi: int) -> tuple[int, int]:
        return int(self.pos[lo]), int(self.pos[hi - 1]) + 1


# --- MinHash LSH of paragraph windows ----------------------------------------------------------


def _windows(lines: np.ndarray, lengths: np.ndarray, settings: CopySettings) -> np.ndarray:
    """(first, end) clause of each window over a sequence of clauses: a line, cut at clause ends
    into windows of about ``max_paragraph_chars`` so that a copy of part of a long paragraph is
    not diluted by the rest; windows with less text than ``min_paragraph_chars`` are left out."""
    hi = np.cumsum(lengths)
    lo = hi - lengths
    new_line = np.ones(len(lines), dtype=bool)
    new_line[1:] = lines[1:] != lines[:-1]
    line_start = np.maximum.accumulate(np.where(new_line, lo, 0)) if len(lo) else lo
    piece = (lo - line_start) // settings.max_paragraph_chars
    starts, ends = _runs_of(lines.astype(np.int64) * (1 << 20) + piece)
    big = hi[ends - 1] - lo[starts] >= settings.min_paragraph_chars
    return np.stack((starts[big], ends[big]), axis=1)


def _window_shingles(
    units: _Units, settings: CopySettings
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(windows as clause ranges, 32-bit shingle hashes of all windows one after the other,
    index of each window's first shingle).

    Computed as the report streams by, over its clauses without seed formulas and in shape (a
    window that is mostly the year's common text has near-duplicates everywhere and is dropped
    as template when the year is complete)."""
    live = np.flatnonzero(units.hashes != _FORMULA)
    lengths = (units.shape_ends - units.shape_starts)[live]
    lines = np.cumsum((units.flags & _NEW_LINE) > 0)[live]
    win = _windows(lines, lengths, settings)
    if not len(win):
        return np.zeros((0, 2), dtype=np.int64), np.zeros(0, np.uint32), np.zeros(0, np.int64)
    chars = np.zeros(len(units.shape_vals), dtype=bool)
    chars[_ranges(units.shape_starts[live], units.shape_ends[live])] = True
    vals = units.shape_vals[chars]
    lo = np.cumsum(lengths) - lengths
    k = settings.shingle_chars
    counts = lo[win[:, 1] - 1] + lengths[win[:, 1] - 1] - lo[win[:, 0]] - k + 1
    starts = _ranges(lo[win[:, 0]], lo[win[:, 0]] + counts)
    shingles = (_span_hashes(vals, starts, starts + k) >> np.uint64(32)).astype(np.uint32)
    first = np.concatenate(([0], np.cumsum(counts)[:-1]))
    return np.stack((live[win[:, 0]], live[win[:, 1] - 1] + 1), axis=1), shingles, first


def _signatures(shingles: np.ndarray, first: np.ndarray, num_perm: int) -> np.ndarray:
    """MinHash signatures of consecutive groups of shingle hashes (starting at ``first``),
    computed as datasketch's affine32 MinHash does for each group, all at once."""
    a, b = _permutations(num_perm)
    return np.minimum.reduceat(_fmix32(shingles)[:, None] * a + b, first, axis=0)


def _window_keys(units: _Units, settings: CopySettings) -> tuple[np.ndarray, np.ndarray]:
    """(windows as clause ranges, band keys: one row of ``bands`` keys per window)."""
    bands, rows = settings.bands
    windows, shingles, first = _window_shingles(units, settings)
    if not len(windows):
        return windows, np.zeros((0, bands), dtype=np.uint64)
    signature = _signatures(shingles, first, settings.num_perm)
    mult, salt = _band_salts(rows, bands)
    cut = signature[:, : bands * rows].reshape(len(windows), bands, rows).astype(np.uint64)
    return windows, _fmix64((cut * mult).sum(axis=2, dtype=np.uint64) ^ salt)


def _ranges(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The concatenation of ``arange(s, e)`` for each pair."""
    counts = ends - starts
    offsets = np.repeat(starts - np.cumsum(counts) + counts, counts)
    return offsets + np.arange(int(counts.sum()))


@cache
def _band_salts(rows: int, bands: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0x5EED)
    mult = rng.integers(1, 1 << 62, size=rows, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    salt = rng.integers(0, 1 << 62, size=bands, dtype=np.uint64)
    return mult, salt


# --- alignment -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Passage:
    """An aligned pair of passages: content coordinates (for shares) and text offsets."""

    a_lo: int
    a_hi: int
    b_lo: int
    b_hi: int
    matched: int
    similarity: float
    offsets: tuple[int, int, int, int]


def _diagonal_runs(ha: np.ndarray, hb: np.ndarray, max_repeat: int) -> np.ndarray:
    """Maximal runs of equal consecutive values of ``ha`` and ``hb`` (rows: start in a, start in
    b, length). Values that recur more than ``max_repeat`` times in either sequence are skipped,
    as difflib's autojunk does; the runs around them still chain."""
    if not len(ha) or not len(hb):
        return np.zeros((0, 3), dtype=np.int64)
    order = np.argsort(hb, kind="stable")
    sb = hb[order]
    lo = np.searchsorted(sb, ha, side="left")
    cnt = np.searchsorted(sb, ha, side="right") - lo
    sa = np.sort(ha)
    cnt_a = np.searchsorted(sa, ha, side="right") - np.searchsorted(sa, ha, side="left")
    cnt[(cnt_a > max_repeat) | (cnt > max_repeat)] = 0
    total = int(cnt.sum())
    if not total:
        return np.zeros((0, 3), dtype=np.int64)
    ia = np.repeat(np.arange(len(ha)), cnt)
    jb = order[np.repeat(lo, cnt) + np.arange(total) - np.repeat(np.cumsum(cnt) - cnt, cnt)]
    diag = jb - ia
    o = np.lexsort((ia, diag))
    ia, diag = ia[o], diag[o]
    brk = np.ones(total, dtype=bool)
    brk[1:] = (diag[1:] != diag[:-1]) | (ia[1:] != ia[:-1] + 1)
    first = np.flatnonzero(brk)
    runs = np.stack((ia[first], ia[first] + diag[first], np.diff(np.r_[first, total])), axis=1)
    return runs[np.argsort(runs[:, 0], kind="stable")]


def _chains(runs: Iterable[tuple[int, int, int]], gap: int) -> list[list[tuple[int, int, int]]]:
    """Runs grouped into passages: a run continues the chain that ends closest before it in both
    sequences, within ``gap`` positions of each."""
    chains: list[list[tuple[int, int, int]]] = []
    active: list[int] = []  # chains that a later run may still continue
    for a0, b0, n in runs:
        best, best_gap = -1, 2 * gap + 1
        still = []
        for c in active:
            la, lb, ln = chains[c][-1]
            da, db = a0 - (la + ln), b0 - (lb + ln)
            if da > gap:
                continue  # runs come sorted by a: nothing later can continue this chain
            still.append(c)
            if -ln < da and 0 <= db <= gap and max(da, 0) + db < best_gap:
                best, best_gap = c, max(da, 0) + db
        active = still
        if best < 0:
            chains.append([(a0, b0, n)])
            active.append(len(chains) - 1)
        else:
            la, _, ln = chains[best][-1]
            cut = max(0, la + ln - a0)  # overlapping runs share their first positions
            if n > cut:
                chains[best].append((a0 + cut, b0 + cut, n - cut))
    return chains


def _disjoint(found: list[_Passage]) -> list[_Passage]:
    """The largest passages that overlap no larger one in either text (a phrase repeated in one
    report can align with several places in the other)."""
    kept: list[_Passage] = []
    for p in sorted(found, key=lambda p: -p.matched):
        if all(
            p.a_hi <= q.a_lo or q.a_hi <= p.a_lo or p.b_hi <= q.b_lo or q.b_hi <= p.b_lo
            for q in kept
        ):
            kept.append(p)
    return kept


def _merge(spans: Iterable[tuple[int, int]], margin: int, size: int) -> list[tuple[int, int]]:
    """Spans widened by ``margin`` (within 0..size) and merged where they touch."""
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        lo, hi = max(0, lo - margin), min(size, hi + margin)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _masked(values: np.ndarray, spans: list[tuple[int, int]], side: int) -> np.ndarray:
    """``values`` with every position outside ``spans`` replaced by a value unique to it and to
    the side, so that alignment only matches inside the spans."""
    keep = np.zeros(len(values), dtype=bool)
    for lo, hi in spans:
        keep[lo:hi] = True
    out = (np.arange(len(values), dtype=np.uint64) << np.uint64(1)) | np.uint64(side)
    out[keep] = values[keep]
    return out


# --- the corpus, one year at a time ------------------------------------------------------------


@dataclass(slots=True)
class _Doc:
    """What the detector keeps of one report. Until its year is complete, the first pass's
    clause hashes, lengths and flags; then (:meth:`settle`) only what verification needs: for
    the live clauses (not formulas) where they start in the content, their shapes and offsets;
    the anchors; the windows and their band keys."""

    report_id: int
    entity: int
    name: str | None
    ignore: tuple[tuple[int, int], ...]
    hashes: np.ndarray
    shapes: np.ndarray
    lengths: np.ndarray
    flags: np.ndarray
    spans: np.ndarray
    windows: np.ndarray
    keys: np.ndarray
    live: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    bounds: np.ndarray = field(default_factory=lambda: np.zeros(1, dtype=np.int32))
    anchors: np.ndarray = field(default_factory=lambda: _EMPTY_U64)
    anchor_spans: np.ndarray = field(default_factory=lambda: np.zeros((0, 2), dtype=np.int32))
    covered: list[tuple[int, int]] = field(default_factory=list)

    def settle(self, formula: np.ndarray, min_chars: int) -> None:
        """Fix the formulas and keep what verification needs. The anchors are every unit that
        can be evidence (clauses, sentences of two clauses or more, paragraphs of two sentences
        or more, of ``min_chars`` characters at least) as a hash and a range of live clauses,
        sorted by hash."""
        live = ~formula
        self.live = np.flatnonzero(live).astype(np.int32)
        self.bounds = np.concatenate(([0], np.cumsum(self.lengths[live]))).astype(np.int32)
        h = self.hashes[live]
        sent = np.cumsum((self.flags & _NEW_SENTENCE) > 0)[live]
        s0, s1 = _runs_of(sent)
        many = s1 - s0 >= 2
        p0, p1 = _runs_of(np.cumsum((self.flags & _NEW_LINE) > 0)[live])
        opens = np.concatenate(([0], np.cumsum(np.r_[True, sent[1:] != sent[:-1]])))
        multi = opens[p1] - opens[p0] >= 2
        each = np.arange(len(h))
        first = np.concatenate((each, s0[many], p0[multi]))
        end = np.concatenate((each + 1, s1[many], p1[multi]))
        hashes = np.concatenate(
            (h, _span_hashes(h, s0[many], s1[many]), _span_hashes(h, p0[multi], p1[multi]))
        )
        ok = np.flatnonzero(self.bounds[end] - self.bounds[first] >= min_chars)
        ok = ok[np.argsort(hashes[ok], kind="stable")]
        self.anchors = hashes[ok]
        self.anchor_spans = np.stack((first[ok], end[ok]), axis=1).astype(np.int32)
        self.shapes, self.spans = self.shapes[live], self.spans[live]
        empty = np.zeros(0, dtype=np.uint8)
        self.hashes, self.lengths, self.flags = _EMPTY_U64, empty, empty

    def share(self) -> float:
        total = int(self.bounds[-1])
        covered, end = 0, 0
        for lo, hi in sorted(self.covered):
            lo = max(lo, end)
            if hi > lo:
                covered += hi - lo
                end = hi
        return covered / total if total else 0.0


def _sentences(d: _Doc) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(hash of each sentence over its clauses that are not seed formulas, those clauses'
    indices, the sentence each of them is in)."""
    kept = np.flatnonzero(d.hashes != _FORMULA)
    sent = np.cumsum((d.flags & _NEW_SENTENCE) > 0)[kept]
    starts, ends = _runs_of(sent)
    owner = np.repeat(np.arange(len(starts)), ends - starts)
    return _span_hashes(d.hashes[kept], starts, ends), kept, owner


@dataclass(slots=True)
class _Year:
    year: int
    docs: list[_Doc] = field(default_factory=list)
    by_entity: dict[int, list[int]] = field(default_factory=dict)
    common: np.ndarray = field(default_factory=lambda: _EMPTY_U64)


@dataclass(slots=True)
class _Evidence:
    """Where two reports share rare text: live clause ranges (exact units) and window pairs
    (LSH) of each."""

    units_a: list[tuple[int, int]] = field(default_factory=list)
    units_b: list[tuple[int, int]] = field(default_factory=list)
    windows: list[tuple[int, int]] = field(default_factory=list)  # (window of a, window of b)


def _group_pairs(
    values: np.ndarray, owners: np.ndarray, weights: np.ndarray, cap: int, strong: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """For every value that 2..cap owners share: all pairs of its owners (lo, hi) with the
    value's weight, divided by (owners - 1) unless it reaches ``strong``; and the values shared
    by more than ``cap``."""
    order = np.argsort(values, kind="stable")
    values, owners, weights = values[order], owners[order], weights[order]
    starts, ends = _runs_of(values)
    size = ends - starts
    lo_all, hi_all = [np.zeros(0, owners.dtype)], [np.zeros(0, owners.dtype)]
    w_all = [np.zeros(0, weights.dtype)]
    for g in range(2, cap + 1):
        first = starts[size == g]
        if not len(first):
            continue
        members = owners[first[:, None] + np.arange(g)]
        iu, ju = np.triu_indices(g, 1)
        a, b = members[:, iu].ravel(), members[:, ju].ravel()
        lo_all.append(np.minimum(a, b))
        hi_all.append(np.maximum(a, b))
        w = weights[first]
        w_all.append(np.repeat(np.where(w >= strong, w, w / (g - 1)), len(iu)))
    common = values[starts[size > cap]]
    return np.concatenate(lo_all), np.concatenate(hi_all), np.concatenate(w_all), common


@dataclass(slots=True)
class _Read:
    """What the first pass takes from one report (all the detector keeps of its text)."""

    report_id: int
    entity: str | None
    year: int | None
    ignore: tuple[tuple[int, int], ...]
    hashes: np.ndarray
    shapes: np.ndarray
    lengths: np.ndarray
    flags: np.ndarray
    spans: np.ndarray
    windows: np.ndarray
    keys: np.ndarray


def _read(doc: CopyDoc, formulas: Formulas, settings: CopySettings) -> _Read:
    units = _units(doc.text, doc.ignore, doc.entity, formulas)
    windows, keys = _window_keys(units, settings)
    lengths = (units.ends - units.starts).astype(np.uint32)
    return _Read(
        doc.report_id,
        doc.entity,
        doc.year,
        tuple(doc.ignore),
        units.hashes,
        units.shapes,
        lengths,
        units.flags,
        units.spans,
        windows,
        keys,
    )


@dataclass(frozen=True, slots=True)
class _Job:
    """A pair to verify: x of the year being closed, y of the same year or of the year before."""

    x: int
    y: int
    relation: Relation


# The detector a worker process works for: set in the parent just before the workers are
# forked, so that they share its state instead of receiving it.
_FORKED: _Detector | None = None


def _read_forked(doc: CopyDoc) -> _Read:
    assert _FORKED is not None
    return _read(doc, _FORKED.formulas, _FORKED.settings)


def _check_forked(jobs: list[_Job]) -> list[tuple[list[_Passage], _Evidence | None]]:
    assert _FORKED is not None
    return [_FORKED.check(job) for job in jobs]


class _Detector:
    def __init__(
        self,
        formulas: Formulas,
        settings: CopySettings,
        threshold: float,
        fetch: Fetch | None,
        workers: int,
    ) -> None:
        self.formulas, self.settings, self.threshold = formulas, settings, threshold
        self.fetch, self.workers = fetch, workers
        self.pairs: list[CopyPair] = []
        self.share: dict[int, float] = {}
        self.undated: list[int] = []
        self.stats: dict[str, int] = dict.fromkeys(
            (
                "reports",
                "clauses",
                "formula_clauses",
                "exact_candidates",
                "lsh_candidates",
                "verified",
                "aligned_by_characters",
            ),
            0,
        )
        self.seen: set[int] = set()
        self.entities: dict[str, int] = {}
        self.current = _Year(0)
        self.previous: _Year | None = None
        self.texts: dict[int, str] = {}  # of the current and previous year, without fetch
        self._cache: OrderedDict[int, _Content] = OrderedDict()
        self._readers: Pool | None = None

    def run(self, docs: Iterable[CopyDoc]) -> None:
        try:
            for r in self._reads(docs):
                if r.year is None:
                    self.undated.append(r.report_id)
                    continue
                if r.year != self.current.year:
                    if self.current.docs:
                        if r.year < self.current.year:
                            raise ValueError("docs must be sorted by year")
                        self.close()
                    self.current = _Year(r.year)
                self.add(r)
            if self.current.docs:
                self.close()
        finally:
            self._stop_readers()

    def _reads(self, docs: Iterable[CopyDoc]) -> Iterator[_Read]:
        """The first pass, in the caller's order: in batches read by worker processes if there
        are several (the caller's iterable is consumed in the calling thread all the same)."""
        batch: list[CopyDoc] = []
        for doc in docs:
            if self.fetch is None:
                self.texts[doc.report_id] = doc.text
            batch.append(doc)
            if len(batch) == _READ_BATCH:
                yield from self._read_batch(batch)
                batch = []
        yield from self._read_batch(batch)

    def _read_batch(self, batch: list[CopyDoc]) -> list[_Read]:
        if self.workers < 2 or len(batch) < self.workers:
            return [_read(doc, self.formulas, self.settings) for doc in batch]
        if self._readers is None:
            self._readers = _fork_pool(self)
        return self._readers.map(_read_forked, batch, chunksize=16)

    def _stop_readers(self) -> None:
        """Workers are never forked while others run: a year is verified with readers stopped."""
        if self._readers is not None:
            self._readers.terminate()
            self._readers.join()
            self._readers = None

    def add(self, r: _Read) -> None:
        if r.report_id in self.seen:
            raise ValueError(f"report id {r.report_id} given twice")
        self.seen.add(r.report_id)
        key = entity_key(r.entity) or f"#{r.report_id}"
        entity = self.entities.setdefault(key, len(self.entities))
        year = self.current
        year.by_entity.setdefault(entity, []).append(len(year.docs))
        year.docs.append(
            _Doc(
                r.report_id,
                entity,
                r.entity,
                r.ignore,
                r.hashes,
                r.shapes,
                r.lengths,
                r.flags,
                r.spans,
                r.windows,
                r.keys,
            )
        )
        self.stats["reports"] += 1
        self.stats["clauses"] += len(r.hashes)

    # once a year is complete
    def close(self) -> None:
        self._stop_readers()
        year, prev = self.current, self.previous
        self._mark_formulas(year)
        same = self._exact_candidates(year) | self._lsh_candidates(year)
        jobs = [_Job(x, y, "same_year") for x, y in sorted(same)]
        if prev is not None and prev.year == year.year - 1:
            for i, d in enumerate(year.docs):
                jobs += [_Job(i, j, "previous_year") for j in prev.by_entity.get(d.entity, ())]
        else:
            self.previous = prev = None
        self.stats["verified"] += len(jobs)
        for job, (found, ev) in zip(jobs, self._check_all(jobs), strict=True):
            self._settle_job(job, found, ev)
        for d in year.docs:
            self.share[d.report_id] = d.share()
        if prev is not None:
            for d in prev.docs:
                self.texts.pop(d.report_id, None)
        self.previous = year

    def _check_all(self, jobs: list[_Job]) -> list[tuple[list[_Passage], _Evidence | None]]:
        """Verification on the hashes, in worker processes forked now (they share the state
        built so far) when there are several and enough pairs to be worth it."""
        if self.workers < 2 or len(jobs) < _PARALLEL_JOBS:
            return [self.check(job) for job in jobs]
        size = -(-len(jobs) // (4 * self.workers))
        chunks = [jobs[i : i + size] for i in range(0, len(jobs), size)]
        pool = _fork_pool(self)
        try:
            return [r for chunk in pool.map(_check_forked, chunks) for r in chunk]
        finally:
            pool.terminate()
            pool.join()

    def check(self, job: _Job) -> tuple[list[_Passage], _Evidence | None]:
        """The passages aligned clause by clause, and the evidence if some of it can only be
        aligned character by character (which needs the texts: done by :meth:`_settle_job`)."""
        ya = self.current
        yb = ya if job.relation == "same_year" else self.previous
        assert yb is not None
        x, y = ya.docs[job.x], yb.docs[job.y]
        ev = self._evidence(ya, x, yb, y)
        found = self._clause_passages(x, y, ev) if ev.units_a else []
        return found, ev if ev.windows else None

    def _settle_job(self, job: _Job, found: list[_Passage], ev: _Evidence | None) -> None:
        ya = self.current
        yb = ya if job.relation == "same_year" else self.previous
        assert yb is not None
        x, y = ya.docs[job.x], yb.docs[job.y]
        if ev is not None:
            found = found + self._character_passages(x, y, ev, found)
        for p in _disjoint(found):
            self._record(x, y, p, job.relation)

    def _mark_formulas(self, year: _Year) -> None:
        """A sentence (its clauses other than seed formulas) that at least the document
        frequency of ``formulas.yaml`` of the year's reports contain is a formula."""
        sentences = [_sentences(d) for d in year.docs]
        values = np.sort(np.concatenate([_unique(h) for h, _, _ in sentences]))
        starts, ends = _runs_of(values)
        enough = self.formulas.min_document_frequency(len(year.docs))
        common = values[starts[ends - starts >= enough]]
        for d, (h, kept, owner) in zip(year.docs, sentences, strict=True):
            formula = d.hashes == _FORMULA
            formula[kept] = _isin(h, common)[owner]
            d.settle(formula, self.settings.min_anchor_chars)
            self.stats["formula_clauses"] += int(formula.sum())

    def _same_entity(self, year: _Year, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        entity = np.array([d.entity for d in year.docs], dtype=np.int64)
        return entity[lo] == entity[hi]

    def _exact_candidates(self, year: _Year) -> set[tuple[int, int]]:
        """Pairs of reports with ``min_pair_chars`` of weighted evidence. The year's anchors
        are grouped a quarter of the hash range at a time, to bound the memory it takes."""
        s = self.settings
        cuts = np.array([k << 62 for k in range(1, 4)], dtype=np.uint64)
        units = []
        for d in year.docs:
            first, _ = _runs_of(d.anchors)  # anchors are sorted by hash
            span = d.anchor_spans[first]
            weight = (d.bounds[span[:, 1]] - d.bounds[span[:, 0]]).astype(np.float32)
            h = d.anchors[first]
            units.append((h, weight, np.concatenate(([0], np.searchsorted(h, cuts), [len(h)]))))
        codes, weights, common = [], [], []
        for part in range(4):
            values, owners, w = [], [], []
            for i, (h, weight, edges) in enumerate(units):
                lo, hi = edges[part], edges[part + 1]
                values.append(h[lo:hi])
                owners.append(np.full(hi - lo, i, dtype=np.int32))
                w.append(weight[lo:hi])
            a, b, pw, c = _group_pairs(
                np.concatenate(values),
                np.concatenate(owners),
                np.concatenate(w),
                s.anchor_max_reports,
                s.strong_unit_chars,
            )
            ok = ~self._same_entity(year, a, b)
            codes.append(a[ok].astype(np.int64) * len(units) + b[ok])
            weights.append(pw[ok])
            common.append(c)
        year.common = np.sort(np.concatenate(common))
        code, weight = np.concatenate(codes), np.concatenate(weights)
        order = np.argsort(code, kind="stable")
        code, weight = code[order], weight[order]
        starts, _ = _runs_of(code)
        total = np.add.reduceat(weight, starts) if len(starts) else weight
        strong = code[starts[total >= s.min_pair_chars]]
        self.stats["exact_candidates"] += len(strong)
        n = len(units)
        return set(zip((strong // n).tolist(), (strong % n).tolist(), strict=True))

    def _lsh_candidates(self, year: _Year) -> set[tuple[int, int]]:
        """Pairs of reports with two windows that share ``min_bands`` bands and that are not
        template text: a window with near-duplicates in more than ``window_max_partners`` other
        windows of the year (a model paragraph that units rewrite) is dropped, as a stock clause
        is."""
        s = self.settings
        bands = s.bands[0]
        doc_of = np.repeat(np.arange(len(year.docs)), [len(d.keys) for d in year.docs])
        n = max(len(doc_of), 1)
        keys = np.concatenate([d.keys for d in year.docs] + [np.zeros((0, bands), np.uint64)])
        owners = np.repeat(np.arange(len(doc_of), dtype=np.int32), bands)
        lo, hi, _, common = _group_pairs(
            keys.ravel(), owners, np.ones(keys.size, np.float32), s.anchor_max_reports, np.inf
        )
        codes, hits = np.unique(lo.astype(np.int64) * n + hi, return_counts=True)
        a, b = codes // n, codes % n
        partners = np.bincount(np.concatenate((a, b)), minlength=len(doc_of))
        common_key = _isin(keys.ravel(), np.sort(common)).reshape(keys.shape)
        template = common_key.any(axis=1) | (partners > s.window_max_partners)
        ok = (hits >= s.min_bands) & ~template[a] & ~template[b]
        da, db = doc_of[a[ok]], doc_of[b[ok]]
        ok = (da != db) & ~self._same_entity(year, da, db)
        found = set(
            zip(np.minimum(da, db)[ok].tolist(), np.maximum(da, db)[ok].tolist(), strict=True)
        )
        at = 0
        for d in year.docs:  # the previous-year comparison uses non-template windows only
            mine = ~template[at : at + len(d.keys)]
            at += len(d.keys)
            d.keys, d.windows = d.keys[mine], d.windows[mine]
        self.stats["lsh_candidates"] += len(found)
        return found

    def _evidence(self, ya: _Year, x: _Doc, yb: _Year, y: _Doc) -> _Evidence:
        """Where x and y share units or windows that neither year finds common."""
        hx, hy = x.anchors, y.anchors
        hit_x = _isin(hx, hy) & ~_isin(hx, ya.common)
        if yb is not ya:
            hit_x &= ~_isin(hx, yb.common)
        ev = _Evidence()
        if hit_x.any():
            hit_y = _isin(hy, hx[hit_x])
            ev.units_a = [tuple(r) for r in x.anchor_spans[hit_x].tolist()]
            ev.units_b = [tuple(r) for r in y.anchor_spans[hit_y].tolist()]
        if len(x.keys) and len(y.keys):
            bands = (x.keys[:, None, :] == y.keys[None, :, :]).sum(axis=2)
            wx, wy = np.nonzero(bands >= self.settings.min_bands)
            ev.windows = list(zip(wx.tolist(), wy.tolist(), strict=True))
        return ev

    def _clause_passages(self, x: _Doc, y: _Doc, ev: _Evidence) -> list[_Passage]:
        """Passages aligned clause by clause on shape hashes (figures may differ), within
        ``max_gap_clauses`` of the shared rare units: a few clauses, so plain Python."""
        s = self.settings
        gap = s.max_gap_clauses
        where: dict[int, list[int]] = {}
        for lo, hi in _merge(ev.units_b, gap, len(y.live)):
            for j, h in enumerate(y.shapes[lo:hi].tolist(), lo):
                where.setdefault(h, []).append(j)
        pairs = set()
        for lo, hi in _merge(ev.units_a, gap, len(x.live)):
            for i, h in enumerate(x.shapes[lo:hi].tolist(), lo):
                js = where.get(h, ())
                if len(js) <= s.max_repeat:
                    pairs.update((i, j) for j in js)
        runs = []
        for i, j in sorted(pairs):
            if (i - 1, j - 1) not in pairs:
                n = 1
                while (i + n, j + n) in pairs:
                    n += 1
                runs.append((i, j, n))
        bx, by = x.bounds.tolist(), y.bounds.tolist()
        rare = {i for lo, hi in ev.units_a for i in range(lo, hi)}
        found = []
        for chain in _chains(runs, gap):
            matched = sum(bx[a + n] - bx[a] for a, _, n in chain)
            i0, j0 = chain[0][0], chain[0][1]
            i1, j1 = chain[-1][0] + chain[-1][2], chain[-1][1] + chain[-1][2]
            a_lo, a_hi, b_lo, b_hi = bx[i0], bx[i1], by[j0], by[j1]
            sim = 2 * matched / ((a_hi - a_lo) + (b_hi - b_lo))
            seen = sum(bx[i + 1] - bx[i] for i in range(i0, i1) if i in rare)
            if matched >= s.min_copy_chars and sim >= self.threshold and seen >= s.min_seed_chars:
                offsets = (
                    int(x.spans[i0, 0]),
                    int(x.spans[i1 - 1, 1]),
                    int(y.spans[j0, 0]),
                    int(y.spans[j1 - 1, 1]),
                )
                found.append(_Passage(a_lo, a_hi, b_lo, b_hi, matched, sim, offsets))
        return found

    def _character_passages(
        self, x: _Doc, y: _Doc, ev: _Evidence, done: list[_Passage]
    ) -> list[_Passage]:
        """Passages aligned character by character in the windows LSH paired (copies edited in
        every clause), where no clause-aligned passage already lies."""
        s = self.settings
        bx, by = x.bounds, y.bounds
        lx, ly = x.live, y.live
        spans_a, spans_b = [], []
        for i, j in ev.windows:
            a = (
                int(bx[np.searchsorted(lx, x.windows[i, 0])]),
                int(bx[np.searchsorted(lx, x.windows[i, 1])]),
            )
            if not any(p.a_lo <= a[0] and a[1] <= p.a_hi for p in done):
                spans_a.append(a)
                spans_b.append(
                    (
                        int(by[np.searchsorted(ly, y.windows[j, 0])]),
                        int(by[np.searchsorted(ly, y.windows[j, 1])]),
                    )
                )
        if not spans_a:
            return []
        self.stats["aligned_by_characters"] += 1
        cx, cy = self._content(x), self._content(y)
        spans_a = _merge(spans_a, s.max_gap_chars, len(cx.vals))
        spans_b = _merge(spans_b, s.max_gap_chars, len(cy.vals))
        k = s.min_block_chars
        ha = _masked(_kgrams(cx.vals, k), spans_a, 0)
        hb = _masked(_kgrams(cy.vals, k), spans_b, 1)
        found = []
        for chain in _chains(_diagonal_runs(ha, hb, s.max_repeat).tolist(), s.max_gap_chars):
            matched = sum(n + k - 1 for _, _, n in chain)
            a_lo, b_lo = chain[0][0], chain[0][1]
            a_hi, b_hi = chain[-1][0] + chain[-1][2] + k - 1, chain[-1][1] + chain[-1][2] + k - 1
            sim = min(1.0, 2 * matched / ((a_hi - a_lo) + (b_hi - b_lo)))
            if matched >= s.min_copy_chars and sim >= self.threshold:
                offsets = (*cx.offsets(a_lo, a_hi), *cy.offsets(b_lo, b_hi))
                found.append(_Passage(a_lo, a_hi, b_lo, b_hi, matched, sim, offsets))
        return found

    def _text(self, d: _Doc) -> str:
        return self.fetch(d.report_id) if self.fetch is not None else self.texts[d.report_id]

    def _content(self, d: _Doc) -> _Content:
        return _lru(
            self._cache,
            d.report_id,
            lambda: _Content.of(_units(self._text(d), d.ignore, d.name, self.formulas), d.live),
        )

    def _record(self, x: _Doc, y: _Doc, p: _Passage, relation: Relation) -> None:
        x.covered.append((p.a_lo, p.a_hi))
        if relation == "same_year":
            y.covered.append((p.b_lo, p.b_hi))
        a0, a1, b0, b1 = p.offsets
        if relation == "same_year" and y.report_id < x.report_id:
            x, y, a0, a1, b0, b1 = y, x, b0, b1, a0, a1
        sim = round(p.similarity, 3)
        self.pairs.append(CopyPair(x.report_id, y.report_id, a0, a1, b0, b1, sim, relation))


def _lru(cache: OrderedDict[int, _T], key: int, make: Callable[[], _T]) -> _T:
    hit = cache.get(key)
    if hit is not None:
        cache.move_to_end(key)
        return hit
    value = cache[key] = make()
    if len(cache) > _CACHE_SIZE:
        cache.popitem(last=False)
    return value


def _kgrams(vals: np.ndarray, k: int) -> np.ndarray:
    """The hash of the k characters at each position that has k characters from it."""
    starts = np.arange(max(len(vals) - k + 1, 0))
    return _span_hashes(vals, starts, starts + k)


def _fork_pool(det: _Detector) -> Pool:
    """Worker processes forked from this one, sharing the detector's state as it is now."""
    global _FORKED
    _FORKED = det
    try:
        return get_context("fork").Pool(det.workers)  # the workers start (fork) here
    finally:
        _FORKED = None


def find_copies(
    docs: Iterable[CopyDoc],
    *,
    threshold: float = 0.8,
    fetch: Fetch | None = None,
    formulas: Formulas | None = None,
    workers: int = 1,
) -> CopyResult:
    """Copied passages between the reports of a corpus supplied sorted by year.

    Each text is read once as it streams by; verification works on the hashes kept, except for
    the few pairs that only MinHash LSH found, whose texts are read again: through ``fetch``
    (report id → the same text as the doc's) if given, else from the texts of the current and
    previous year, which are then kept.

    ``workers`` > 1 reads the reports and verifies pairs in that many forked processes (Linux;
    the result is the same); ``fetch`` is only ever called in the calling process.
    """
    f = formulas or _load_formulas()
    det = _Detector(f, CopySettings.from_formulas(f), threshold, fetch, workers)
    det.run(docs)
    pairs = sorted(det.pairs, key=lambda p: (p.a, p.b, p.a_start))
    return CopyResult(pairs, det.share, det.undated, det.stats)
