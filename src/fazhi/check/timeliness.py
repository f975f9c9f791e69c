"""Timeliness: the report was signed in the first quarter and published before 1 April of the
year after the one it reports on, and met any stricter local deadline.

A date the analysis did not find gives ``unknown``, never a pass: a late report that hides its
dates must not look like a punctual one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from fazhi.check.context import Context
from fazhi.check.locate import mark
from fazhi.check.registry import Outcome, kind
from fazhi.check.rules import Rule, month_day


def _on(year: int, md: tuple[int, int]) -> dt.date:
    return dt.date(year, *md)


def _prepare_deadline(params: Mapping[str, Any]) -> tuple[int, int]:
    return month_day(params.get("before", "04-01"))


@kind("publish_deadline", prepare=_prepare_deadline)
def publish_deadline(ctx: Context, rule: Rule) -> Outcome:
    """Published (发布日期 of the site) before the given day of the following year."""
    md = ctx.analysis.metadata
    if md.report_year is None:
        return Outcome("unknown", reason="no_year")
    deadline = _on(md.report_year + 1, rule.prepared)
    values = {"deadline": deadline.isoformat(), "published": md.publish_date}
    if not md.publish_date:
        return Outcome("unknown", values, reason="no_date")
    span = mark(ctx, "publish_date")
    verdict = "pass" if dt.date.fromisoformat(md.publish_date) < deadline else "fail"
    return Outcome(verdict, values, [span] if span else [])


@dataclass(frozen=True, slots=True)
class _Window:
    first: tuple[int, int]
    last: tuple[int, int]


def _prepare_window(params: Mapping[str, Any]) -> _Window:
    return _Window(month_day(params.get("from", "01-01")), month_day(params.get("to", "03-31")))


@kind("signed_in_quarter", prepare=_prepare_window)
def signed_in_quarter(ctx: Context, rule: Rule) -> Outcome:
    """The date under the signature (or the 成文日期) falls in the window of the following year:
    a report signed before its year is over cannot cover the whole year, one signed later
    reached its readers late."""
    md = ctx.analysis.metadata
    if md.report_year is None:
        return Outcome("unknown", reason="no_year")
    w: _Window = rule.prepared
    first, last = _on(md.report_year + 1, w.first), _on(md.report_year + 1, w.last)
    values = {"first": first.isoformat(), "last": last.isoformat(), "signed": md.signed_date}
    if not md.signed_date:
        return Outcome("unknown", values, reason="no_date")
    span = mark(ctx, "signed_date")
    evidence = [span] if span else []
    signed = dt.date.fromisoformat(md.signed_date)
    if signed < first:
        return Outcome("fail", values, evidence, reason="early")
    if signed > last:
        return Outcome("fail", values, evidence, reason="late")
    return Outcome("pass", values, evidence)


@kind("local_deadline")
def local_deadline(ctx: Context, rule: Rule) -> Outcome:
    """A stricter deadline set for the report's level in the local configuration
    (check_config.yaml), met by the date of signing. Where only the publishing date is known,
    a report published before the deadline was signed before it too; one published after it
    may still have been submitted in time, so that is unknown."""
    deadlines = ctx.config.local_deadlines
    md = ctx.analysis.metadata
    if not deadlines:
        return Outcome("not_applicable", reason="none_set")
    if md.level is None:
        return Outcome("unknown", reason="no_level")
    if md.level not in deadlines:
        return Outcome("not_applicable")
    if md.report_year is None:
        return Outcome("unknown", reason="no_year")
    deadline = _on(md.report_year + 1, deadlines[md.level])
    values = {"deadline": deadline.isoformat(), "signed": md.signed_date}
    values["published"] = md.publish_date
    if md.signed_date:
        span = mark(ctx, "signed_date")
        verdict = "pass" if dt.date.fromisoformat(md.signed_date) < deadline else "fail"
        return Outcome(verdict, values, [span] if span else [])
    if md.publish_date and dt.date.fromisoformat(md.publish_date) < deadline:
        span = mark(ctx, "publish_date")
        return Outcome("pass", values, [span] if span else [], reason="by_publish")
    return Outcome("unknown", values, reason="no_signed" if md.publish_date else "no_date")
