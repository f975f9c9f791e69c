"""The Typer application and the options every command shares."""

from __future__ import annotations

import importlib
import pkgutil

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


_NOT_COMMANDS = {"app", "batch", "render"}


def register() -> None:
    """Import every command module of this package so its ``@app.command`` decorators run;
    a new command is a new module here, with no list to keep in step."""
    import fazhi.cli as package

    for info in pkgutil.iter_modules(package.__path__):
        if info.name not in _NOT_COMMANDS and not info.name.startswith("_"):
            importlib.import_module(f"fazhi.cli.{info.name}")


register()
