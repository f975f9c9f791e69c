"""The Typer application and the options every command shares."""

from __future__ import annotations

import typer

from fazhi import __version__
from fazhi.i18n import set_lang

app = typer.Typer(
    name="fazhi",
    help="fazhi：法治政府建设年度报告的读取、审查、比较与检索。Read, check, compare and search "
    "annual reports on law-based government.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"fazhi {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    lang: str = typer.Option(
        "zh", "--lang", envvar="FAZHI_LANG", help="界面语言 zh|en / interface language"
    ),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="版本 / version"
    ),
) -> None:
    set_lang(lang)


def register() -> None:
    """Import the command modules so that their ``@app.command`` decorators run."""
    from fazhi.cli import analyze, evaluate  # noqa: F401


register()
