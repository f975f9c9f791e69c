"""``fazhi facts PATH...``: the fact table of a batch, as CSV (stdout or file) or XLSX."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

import typer

from fazhi.cli.app import app
from fazhi.cli.batch import (
    BatchReport,
    Jobs,
    Paths,
    TaxonomyFile,
    analyses,
    err_console,
    finish,
    worker_for,
)
from fazhi.export.facts import fact_rows, write_csv, write_xlsx
from fazhi.i18n import t


@app.command("facts")
def facts_cmd(
    paths: Paths,
    csv_path: Path | None = typer.Option(None, "--csv", help="写出 CSV 文件 / write a CSV file"),
    xlsx_path: Path | None = typer.Option(
        None, "--xlsx", help="写出 Excel 文件 / write an XLSX file"
    ),
    jobs: Jobs = 1,
    taxonomy: TaxonomyFile = None,
) -> None:
    """导出数据表：每行一条数据。Export the fact table, one row a fact."""
    report = BatchReport()
    items = (
        a for _, a in analyses(paths, jobs, report, worker=worker_for(taxonomy)) if not a.errors
    )
    if xlsx_path:
        rows = list(fact_rows(items, taxonomy and str(taxonomy)))
        n = write_xlsx(rows, xlsx_path)
        if csv_path:
            _csv_file(rows, csv_path)
        err_console.print(t("facts_written", n=n, path=xlsx_path))
    elif csv_path:
        n = _csv_file(fact_rows(items, taxonomy and str(taxonomy)), csv_path)
        err_console.print(t("facts_written", n=n, path=csv_path))
    else:
        write_csv(fact_rows(items, taxonomy and str(taxonomy)), sys.stdout)
    finish(report)


def _csv_file(rows: Iterable[dict[str, object]], path: Path) -> int:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        return write_csv(rows, fh)
