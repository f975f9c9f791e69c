"""The kinds of check a rule can name, and what a check returns.

A rule in ``data/rules.yaml`` names its ``kind``; the kind is a function registered here. Rules
are data so that a supervising office can add one (another required keyword, a province's own
deadline) without code; only a new *way* of checking needs a new kind.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from fazhi.model import Span

if TYPE_CHECKING:
    from fazhi.check.context import Context
    from fazhi.check.rules import Rule

Verdict = Literal["pass", "fail", "not_applicable", "unknown"]
VERDICTS: tuple[Verdict, ...] = ("pass", "fail", "not_applicable", "unknown")


@dataclass(slots=True)
class Outcome:
    """What a check found: the verdict, the words its message template is filled with, the
    spans that prove it and any measures the rubric scores. ``reason`` picks a more precise
    message where one verdict has several causes (``unknown.no_year`` before ``unknown``)."""

    verdict: Verdict
    values: dict[str, Any] = field(default_factory=dict)
    evidence: list[Span] = field(default_factory=list)
    measures: dict[str, Any] = field(default_factory=dict)
    reason: str | None = None


CheckFn = Callable[["Context", "Rule"], Outcome]
PrepareFn = Callable[[Mapping[str, Any]], Any]


@dataclass(frozen=True, slots=True)
class Kind:
    name: str
    check: CheckFn
    # Turns a rule's params into what the check uses (compiled patterns, dates) once, when the
    # rule set is loaded, so that no check compiles anything per report.
    prepare: PrepareFn | None = None


KINDS: dict[str, Kind] = {}


def kind(name: str, prepare: PrepareFn | None = None) -> Callable[[CheckFn], CheckFn]:
    """Register a check function under the name rules use in their ``kind`` key."""

    def register(fn: CheckFn) -> CheckFn:
        KINDS[name] = Kind(name, fn, prepare)
        return fn

    return register


def get_kind(name: str) -> Kind | None:
    _load_kinds()
    return KINDS.get(name)


def kind_names() -> list[str]:
    _load_kinds()
    return sorted(KINDS)


@cache
def _load_kinds() -> None:
    """Import the modules that hold the shipped kinds, so their decorators have run."""
    from fazhi.check import consistency, content, substance, timeliness  # noqa: F401
