"""Rich renderings of an analysis for people reading a terminal."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.tree import Tree

from fazhi.check import Rubric
from fazhi.i18n import lang, t
from fazhi.model import REQUIRED_PARTS, Analysis


def _meta_table(a: Analysis) -> Table:
    m = a.metadata
    table = Table.grid(padding=(0, 2))
    for key in ("title", "entity", "level", "report_year", "signed_date", "publish_date"):
        value = getattr(m, key)
        shown = t(value) if key == "level" and value else value
        table.add_row(f"[bold]{t(key)}[/]", "—" if shown is None else str(shown))
    return table


def _parts_table(a: Analysis) -> Table:
    table = Table(title=t("section"), show_header=False, box=None)
    for key in (*REQUIRED_PARTS, "shortcoming_causes"):
        ok = getattr(a.sections, key)
        table.add_row(
            t(key), "[green]✓ " + t("present") + "[/]" if ok else "[red]✗ " + t("absent") + "[/]"
        )
    return table


def _outline(a: Analysis) -> Tree:
    root = Tree(f"[bold]{t('headings')}[/]")
    stack: list[tuple[int, Tree]] = [(0, root)]
    for h in a.headings:
        while stack[-1][0] >= h.level:
            stack.pop()
        label = f"{h.marker}{h.text}" + (f"  [cyan]〔{t(h.section)}〕[/]" if h.section else "")
        stack.append((h.level, stack[-1][1].add(label)))
    return root


def facts_table(a: Analysis, limit: int | None = None) -> Table:
    table = Table(title=f"{t('facts')} ({len(a.facts)})", show_lines=False)
    for col in ("section", "subject", "value", "unit", "qualifier", "kind", "indicator"):
        table.add_column(t(col), overflow="fold")
    for f in a.facts[:limit]:
        table.add_row(
            t(f.section or "preamble"),
            f.subject or "",
            f"{f.value:g}",
            f.unit,
            t(f.qualifier),
            t(f.kind),
            f.indicator or "",
        )
    return table


VERDICT_STYLE = {"pass": "green", "fail": "bold red", "unknown": "yellow", "not_applicable": "dim"}
_VERDICT_MARK = {"pass": "✓", "fail": "✗", "unknown": "?", "not_applicable": "–"}


def checks_table(a: Analysis) -> Table:
    """One row a verdict: the rule, the verdict in colour, the message a clerk acts on."""
    counts = {v: sum(c.verdict == v for c in a.checks) for v in VERDICT_STYLE}
    caption = t(
        "verdict_counts",
        passed=counts["pass"],
        failed=counts["fail"],
        unknown=counts["unknown"],
        na=counts["not_applicable"],
    )
    table = Table(title=t("verdicts"), caption=caption, expand=True)
    table.add_column(t("rule"), overflow="fold", ratio=2)
    table.add_column(t("verdict"), no_wrap=True)
    table.add_column(t("message"), overflow="fold", ratio=5)
    for c in a.checks:
        style = VERDICT_STYLE.get(c.verdict, "")
        mark = _VERDICT_MARK.get(c.verdict, "")
        table.add_row(c.title or c.rule, f"[{style}]{mark} {t(c.verdict)}[/]", c.message)
    return table


def score_table(a: Analysis, rubric: Rubric | None = None) -> Table:
    """The total and each part's points out of its weight, named as the rubric names them."""
    rubric = rubric or Rubric.default()
    parts = {p.name: p for p in rubric.parts}
    table = Table.grid(padding=(0, 2))
    if a.score is not None:
        table.add_row(f"[bold]{t('score')}[/]", f"[bold]{a.score.total:g}[/] / 100")
        for name, points in a.score.parts.items():
            part = parts.get(name)
            title = part.title_in(lang()) if part else name
            table.add_row(title, f"{points:g}" + (f" / {part.weight:g}" if part else ""))
    return table


def render_analysis(a: Analysis, console: Console) -> None:
    parts: list = [_meta_table(a), _parts_table(a), _outline(a)]
    if a.facts:
        parts.append(facts_table(a))
    if a.checks:
        parts += [checks_table(a), score_table(a)]
    console.print(Panel(Group(*parts), title=a.source.path or "", expand=True))
