"""The worker processes of ingest and re-analysis, and the bounded pool that feeds them.

Workers do everything that costs CPU (reading, analysing, serialising, compressing, tokenising)
and send back the rows to store; the main process only writes. At most a few tasks are queued,
so results cannot pile up in memory when the writer is slower than the workers.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from fazhi.analysis import analyze
from fazhi.extract.indicators import Taxonomy
from fazhi.model import Analysis
from fazhi.store.records import Record, build_record, compress, rules_version
from fazhi.store.tokens import Tokenizer, get_tokenizer

T = TypeVar("T")
R = TypeVar("R")


@dataclass(slots=True)
class Ready:
    """A report analysed and turned into rows, ready to be written."""

    path: str
    sha256: str
    document: dict[str, Any]
    record: Record


@dataclass(slots=True)
class Failed:
    path: str
    sha256: str | None
    reason: str


@dataclass(slots=True)
class Known:
    """A file whose content the store already holds."""

    path: str
    sha256: str


Outcome = Ready | Failed | Known


@dataclass(frozen=True, slots=True)
class WorkerConfig:
    tokenizer: str
    taxonomy_file: str | None
    known: frozenset[str] = frozenset()


class _State:
    """What each worker process is given once, at start-up."""

    config: ClassVar[WorkerConfig | None] = None
    tokenizer: ClassVar[Tokenizer | None] = None
    options: ClassVar[dict[str, Any]] = {}
    rules: ClassVar[str] = ""


def init_worker(config: WorkerConfig) -> None:
    _State.config = config
    _State.tokenizer = get_tokenizer(config.tokenizer)
    taxonomy = Taxonomy.with_file(config.taxonomy_file) if config.taxonomy_file else None
    _State.options = {"taxonomy": taxonomy} if taxonomy else {}
    _State.rules = rules_version(config.taxonomy_file)


def analyse_bytes(data: bytes, path: str, sha: str) -> Ready | Failed:
    """Analyse one file's bytes into the rows to store, or say why it cannot be stored."""
    assert _State.tokenizer is not None, "init_worker() first"
    try:
        a = analyze(data, source=path, **_State.options)
    except Exception as exc:  # a bug must not stop the batch; the file is listed as failed
        return Failed(path, sha, f"分析时出错（{type(exc).__name__}: {exc}）。请报告此问题。")
    if a.errors:
        return Failed(path, sha, "; ".join(a.errors))
    record = build_record(a, _State.tokenizer, _State.rules, raw=data)
    return Ready(path, sha, _document_row(a, data, path), record)


def _document_row(a: Analysis, data: bytes, path: str) -> dict[str, Any]:
    return {
        "sha256": a.source.sha256,
        "size": len(data),
        "format": a.source.format,
        "encoding": a.source.encoding,
        "file_name": Path(path).name,
        "path": path,
        "data_z": compress(data),
    }


def analyse_files(paths: list[str]) -> list[Outcome]:
    """A worker's task in an ingest: read, hash, and analyse what the store lacks."""
    assert _State.config is not None, "init_worker() first"
    known = _State.config.known
    out: list[Outcome] = []
    for path in paths:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            why = f"无法读取文件（{exc.strerror or exc}）。请检查路径和读取权限。"
            out.append(Failed(path, None, why))
            continue
        sha = hashlib.sha256(data).hexdigest()
        out.append(Known(path, sha) if sha in known else analyse_bytes(data, path, sha))
    return out


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def worker_count(jobs: int) -> int:
    """``jobs`` processes, 0 meaning one per core."""
    return max(1, jobs or os.cpu_count() or 1)


def run_tasks(
    fn: Callable[[T], list[R]], tasks: Iterable[T], jobs: int, config: WorkerConfig
) -> Iterator[R]:
    """``fn`` over ``tasks`` in ``jobs`` processes (in this one when ``jobs`` is 1), results as
    they finish, never more than ``3 × jobs`` tasks queued."""
    if jobs <= 1:
        init_worker(config)
        for task in tasks:
            yield from fn(task)
        return
    with ProcessPoolExecutor(jobs, initializer=init_worker, initargs=(config,)) as pool:
        pending: set[Future[list[R]]] = set()
        for task in tasks:
            pending.add(pool.submit(fn, task))
            if len(pending) >= 3 * jobs:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    yield from fut.result()
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                yield from fut.result()
