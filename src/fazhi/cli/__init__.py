"""The ``fazhi`` command line. Each operation has the same name here and in the REST API."""

from __future__ import annotations

from fazhi.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
