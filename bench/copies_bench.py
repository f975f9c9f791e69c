"""Copy detection on a synthetic corpus: time, peak memory, recall on planted copies.

    python bench/copies_bench.py                 # 10,000 and 100,000 reports
    python bench/copies_bench.py --n 10000 --plant 20

Each size runs in a process of its own, so that its peak memory is its own. The corpus comes from
``bench/synth.py`` (the seeds recombined; ``--plant`` copies planted per 500 reports, half from
another unit's report of the same year, half from the unit's own report of the year before). Its
texts go to a scratch file as they are generated and are read back, sorted by year, through
:func:`find_copies` with a ``fetch`` callback, as the store does: the process never holds the
corpus. Printed: generation time, detection wall and CPU time (of this process; ``--workers``
processes share the work), peak memory of this process (generation included) and of its largest
worker (forked, so much of it is shared), planted copies found, pairs reported and the
detector's own counts.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from fazhi.compare.copies import CopyDoc, CopyResult, find_copies
from synth import Planted, SynthReport, generate, plant_copies

SIZES = (10_000, 100_000)
CHUNK = 500  # reports per planting batch, as bench/synth.py writes its corpus


@dataclass
class Corpus:
    """Where each report's text lies in the scratch file, and what the detector needs of it."""

    path: Path
    offsets: np.ndarray  # (n, 2) byte start and end
    years: np.ndarray
    entities: list[str]
    ids: dict[str, int]
    planted: list[Planted]

    def fetch(self, report_id: int) -> str:
        start, end = self.offsets[report_id]
        with self.path.open("rb") as f:
            f.seek(int(start))
            return f.read(int(end - start)).decode("utf-8")

    def docs(self) -> Iterator[CopyDoc]:
        """Every report, sorted by year, read back one at a time."""
        order = np.argsort(self.years, kind="stable")
        with self.path.open("rb") as f:
            for i in order.tolist():
                start, end = self.offsets[i]
                f.seek(int(start))
                text = f.read(int(end - start)).decode("utf-8")
                yield CopyDoc(i, self.entities[i], int(self.years[i]), text, [])


def build(n: int, plant: int, seed: int, scratch: Path) -> Corpus:
    offsets = np.zeros((n, 2), dtype=np.int64)
    years = np.zeros(n, dtype=np.int32)
    entities: list[str] = []
    ids: dict[str, int] = {}
    planted: list[Planted] = []
    batch: list[SynthReport] = []
    pos = 0
    with scratch.open("wb") as out:

        def flush() -> None:
            nonlocal pos
            planted.extend(plant_copies(batch, plant, seed=seed * 1_000_003 + len(ids)))
            for r in batch:
                data = r.text.encode("utf-8")
                i = len(ids)
                ids[r.name] = i
                offsets[i] = (pos, pos + len(data))
                years[i] = r.year
                entities.append(r.entity)
                out.write(data)
                pos += len(data)
            batch.clear()

        for r in generate(n, seed):
            batch.append(r)
            if len(batch) == CHUNK:
                flush()
        if batch:
            flush()
    return Corpus(scratch, offsets, years, entities, ids, planted)


def recall(corpus: Corpus, result: CopyResult) -> tuple[int, int, int]:
    """(planted copies found, found with most of the paragraph, planted): a copy is found when a
    pair of its two reports, in its relation, has a passage in the copying report that overlaps
    the planted paragraph; "most" when the passages overlapping it cover half of it (formulas
    inside a planted paragraph are never part of a passage, so this is the stricter count)."""
    spans: dict[tuple[int, int, str], list[tuple[int, int]]] = {}
    for p in result.pairs:
        spans.setdefault((p.a, p.b, p.relation), []).append((p.a_start, p.a_end))
        spans.setdefault((p.b, p.a, p.relation), []).append((p.b_start, p.b_end))
    found = most = 0
    for p in corpus.planted:
        dst, src = corpus.ids[p.dst_name], corpus.ids[p.src_name]
        at = corpus.fetch(dst).find(p.text)
        end = at + len(p.text)
        overlaps = [min(e, end) - max(s, at) for s, e in spans.get((dst, src, p.relation), [])]
        overlaps = [o for o in overlaps if o > 0]
        found += bool(overlaps)
        most += sum(overlaps) >= 0.5 * len(p.text)
    return found, most, len(corpus.planted)


def run_one(n: int, plant: int, seed: int, workers: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        corpus = build(n, plant, seed, Path(tmp) / "texts.bin")
        generated = time.perf_counter() - t0
        wall, cpu = time.perf_counter(), time.process_time()
        result = find_copies(corpus.docs(), fetch=corpus.fetch, workers=workers)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        hit, most, planted = recall(corpus, result)
    shares = np.array(list(result.share.values()))
    return {
        "reports": n,
        "generate_s": round(generated, 1),
        "detect_wall_s": round(wall, 1),
        "detect_cpu_s": round(cpu, 1),
        "workers": workers,
        "peak_mb": _peak_mb(resource.RUSAGE_SELF),
        "worker_peak_mb": _peak_mb(resource.RUSAGE_CHILDREN),
        "planted": planted,
        "found": hit,
        "recall": round(hit / planted, 4) if planted else None,
        "recall_most": round(most / planted, 4) if planted else None,
        "pairs": len(result.pairs),
        "reports_with_copies": int((shares > 0).sum()),
        "mean_share": round(float(shares.mean()), 4),
        **result.stats,
    }


def _peak_mb(who: int) -> int:
    """Peak resident memory (of this process, or of its largest worker) in MB."""
    return round(resource.getrusage(who).ru_maxrss / 1024)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, action="append", help="corpus size (repeatable)")
    ap.add_argument("--plant", type=int, default=20, help="planted copies per 500 reports")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workers", type=int, default=2, help="processes for find_copies")
    ap.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.n[0], args.plant, args.seed, args.workers)))
        return
    for n in args.n or SIZES:
        cmd = [
            sys.executable,
            __file__,
            "--one",
            "--n",
            str(n),
            "--plant",
            str(args.plant),
            "--seed",
            str(args.seed),
            "--workers",
            str(args.workers),
        ]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        row = json.loads(out.strip().splitlines()[-1])
        print("  ".join(f"{k}={v}" for k, v in row.items()), flush=True)


if __name__ == "__main__":
    main()
