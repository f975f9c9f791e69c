"""Political formulas (套话) and the normal form in which reports are compared.

Two reports are compared on what a reader would call the same words: spaces, punctuation, the
width of digits and letters and their case do not matter. Figures are kept: they are what most
distinguishes one unit's sentence from another's written to the same pattern, and a copy whose
figures were updated still aligns on everything around them. The formulas every report must
repeat (以习近平新时代中国特色社会主义思想为指导 …) are listed as seeds in ``formulas.yaml``; copy
detection adds the clauses most reports of a year share, promise matching drops the seed phrases
from an item's words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from fazhi.data import load_yaml, read_yaml_file

# Character classes of the normal form, one byte per BMP code point, ordered so that a break
# class includes the weaker ones (a sentence end also ends a clause).
KEEP, DROP, CLAUSE, SENTENCE, LINE = range(5)
CLAUSE_ENDS = "，,：:"
SENTENCE_ENDS = "。！？!?；;"
LINE_ENDS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


@cache
def _tables() -> tuple[np.ndarray, np.ndarray]:
    """(class, folded value) of every BMP character, from the Unicode categories, so that
    full-width digits, letters and punctuation of any script are treated alike. Built once per
    process; characters beyond the BMP are kept as they are."""
    classes = np.full(0x10000, KEEP, dtype=np.uint8)
    values = np.arange(0x10000, dtype=np.uint32)
    for cp in range(0x10000):
        ch = chr(cp)
        cat = unicodedata.category(ch)
        if cat[0] in "PSZC":
            classes[cp] = DROP
        elif cat == "Nd":
            values[cp] = ord("0") + unicodedata.decimal(ch)
        elif cat[0] == "L":
            folded = unicodedata.normalize("NFKC", ch).lower()
            if len(folded) == 1 and folded.isascii():
                values[cp] = ord(folded)
    for ends, cls in ((CLAUSE_ENDS, CLAUSE), (SENTENCE_ENDS, SENTENCE), (LINE_ENDS, LINE)):
        for ch in ends:
            classes[ord(ch)] = cls
    return classes, values


def classify(text: str) -> tuple[np.ndarray, np.ndarray]:
    """(folded code points, classes) of ``text`` as numpy arrays, one entry per character."""
    cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    classes, values = _tables()
    bmp = np.minimum(cps, 0xFFFF)
    return np.where(cps > 0xFFFF, cps, values[bmp]), classes[bmp]


def normalise(text: str) -> str:
    """``text`` in the normal form used for comparison: no spaces or punctuation, digits and
    Latin letters as lower-case ASCII."""
    vals, classes = classify(text)
    return vals[classes == KEEP].astype(np.uint32).tobytes().decode("utf-32-le")


@dataclass(frozen=True, slots=True)
class Formulas:
    """The seed formulas, the glue they are joined with, the document-frequency rule that finds
    the other formulas, and the copy detector's thresholds (section ``copies`` of the file)."""

    seeds: tuple[str, ...]
    glue: tuple[str, ...]
    glue_rest_chars: int
    min_share: float
    min_reports: int
    copies: dict[str, Any]

    @property
    def pattern(self) -> re.Pattern[str]:
        """The seeds as one pattern over normalised text."""
        return _alternation(self.seeds, literal=True)

    def is_formula(self, normalised: str, names: re.Pattern[str] | None = None) -> bool:
        """Whether a normalised clause is made of formulas only: it holds a seed (or one of the
        ``names`` of the report's own unit), and little remains once seeds, names and glue
        words are taken out."""
        rest, n = self.pattern.subn("", normalised)
        if names is not None:
            rest, m = names.subn("", rest)
            n += m
        return n > 0 and len(_alternation(self.glue).sub("", rest)) < self.glue_rest_chars

    def formula_clauses(
        self,
        normalised: str,
        starts: np.ndarray,
        ends: np.ndarray,
        names: re.Pattern[str] | None = None,
    ) -> np.ndarray:
        """Which clauses ``normalised[starts[i]:ends[i]]`` (non-empty, in order) are formulas
        (:meth:`is_formula`). Only clauses that hold a seed or name and too few characters
        outside seeds, names and the characters of glue words are checked one by one: most
        clauses that name the unit are content."""
        found = np.zeros(len(normalised), dtype=bool)
        for pattern in (self.pattern, names):
            for m in pattern.finditer(normalised) if pattern is not None else ():
                found[m.start() : m.end()] = True
        out = np.zeros(len(starts), dtype=bool)
        if not found.any():
            return out
        cps = np.frombuffer(normalised.encode("utf-32-le"), dtype=np.uint32)
        glue = found | _glue_chars(self.glue)[np.minimum(cps, 0xFFFF)]
        holds = np.add.reduceat(found, starts) > 0
        short = (ends - starts) - np.add.reduceat(glue, starts) < self.glue_rest_chars
        for i in np.flatnonzero(holds & short).tolist():
            out[i] = self.is_formula(normalised[starts[i] : ends[i]], names)
        return out

    def min_document_frequency(self, n_reports: int) -> int:
        """How many of ``n_reports`` reports must share a clause for it to be a formula."""
        return max(self.min_reports, int(np.ceil(self.min_share * n_reports)))

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Formulas:
        df = data["document_frequency"]
        return cls(
            seeds=tuple(normalise(s) for s in data["seeds"]),
            glue=tuple(data["glue"]),
            glue_rest_chars=int(data["glue_rest_chars"]),
            min_share=float(df["min_share"]),
            min_reports=int(df["min_reports"]),
            copies=dict(data["copies"]),
        )


@cache
def _glue_chars(glue: tuple[str, ...]) -> np.ndarray:
    """Every character a glue word can consist of (its patterns' letters, and digits for \\d)."""
    table = np.zeros(0x10000, dtype=bool)
    for ch in "".join(glue) + "0123456789":
        if ord(ch) < 0x10000 and unicodedata.category(ch)[0] in "LN":
            table[ord(ch)] = True
    return table


@cache
def _alternation(parts: tuple[str, ...], literal: bool = False) -> re.Pattern[str]:
    # Longest first, so that an alternation never stops at a part that a longer one contains.
    ordered = sorted(parts, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, ordered) if literal else ordered))


@cache
def default_formulas() -> Formulas:
    return Formulas.from_data(load_yaml("formulas.yaml"))


def load_formulas(path: str | Path | None = None) -> Formulas:
    """The shipped formulas, or a user's own file of the same shape."""
    return default_formulas() if path is None else Formulas.from_data(read_yaml_file(path))
