"""Rich renderings of an analysis for people reading a terminal."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.tree import Tree

from fazhi.i18n import t
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


def render_analysis(a: Analysis, console: Console) -> None:
    parts: list = [_meta_table(a), _parts_table(a), _outline(a)]
    if a.facts:
        parts.append(facts_table(a))
    console.print(Panel(Group(*parts), title=a.source.path or "", expand=True))
