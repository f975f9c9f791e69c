"""Fact extraction benchmark: accuracy and speed of fazhi against a baseline a user might reach
for instead, on the bundled seed reports, in one run.

    python bench/facts_bench.py [--runs 7] [--batch 10000]

Prints fact precision/recall/F1 (the annotation spec's matcher: spans overlap, value and unit
equal), throughput of analyze() (ingest → parse → facts; single process, reports and MB per
second of CPU time, median of runs), the same for the baseline, their ratio, and the resident
memory over a batch of ``--batch`` analyses (it must stay flat).

Baseline: JioNLP's ``extract_money`` for amounts plus the generic reading of every other number
(digits or a Chinese numeral read by cn2an, its magnitude 万/亿, and the character after it as its
unit), which is what a generic extractor gives. JioNLP is a dev-only dependency.
"""

from __future__ import annotations

import argparse
import gc
import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from fazhi import analyze  # noqa: E402
from fazhi.eval import Tally, score_facts  # noqa: E402
from fazhi.model import Fact  # noqa: E402

SEEDS = ROOT / "samples" / "seeds"
GOLD = ROOT / "tests" / "data" / "gold"

_GENERIC = re.compile(
    r"(?P<num>\d+(?:\.\d+)?|[零一二两三四五六七八九十百千]+)(?P<mag>[万亿]*)(?P<unit>%|％|[\u4e00-\u9fff])?"
)


def load() -> list[tuple[bytes, dict]]:
    out = []
    for g in sorted(GOLD.glob("*.json")):
        gold = json.loads(g.read_text(encoding="utf-8"))
        out.append(((SEEDS / gold["file"]).read_bytes(), gold))
    return out


def ours(data: bytes) -> list[Fact]:
    return analyze(data, source="seed.txt", checks=False).facts


def baseline(data: bytes) -> list[Fact]:
    import cn2an
    import jionlp

    text = data.decode("utf-8")
    facts: list[Fact] = []
    taken: list[tuple[int, int]] = []
    for m in jionlp.ner.extract_money(text, with_parsing=True):
        start, end = m["offset"]
        num = m["detail"]["num"]
        value = float(num[0] if isinstance(num, list) else num)
        facts.append(Fact(start, end, m["text"], value, "元", "exact", "money"))
        taken.append((start, end))
    for m in _GENERIC.finditer(text):
        if not m.group("unit") or any(s <= m.start() < e for s, e in taken):
            continue
        raw = m.group("num")
        try:
            base = float(raw) if raw[0].isdigit() else float(cn2an.cn2an(raw, "smart"))
        except ValueError:
            continue
        mag = m.group("mag")
        value = base * 10_000 ** mag.count("万") * 100_000_000 ** mag.count("亿")
        unit = "%" if m.group("unit") in "%％" else m.group("unit")
        value = int(value) if value == int(value) else value
        facts.append(Fact(m.start(), m.end(), m.group(0), value, unit, "exact", "count"))
    return facts


def accuracy(
    extract: Callable[[bytes], list[Fact]], seeds: list[tuple[bytes, dict]]
) -> tuple[float, float, float]:
    tally = Tally()
    for data, gold in seeds:
        score_facts(extract(data), gold, tally, gold["file"])
    return tally.prf("facts")


def throughput(
    extract: Callable[[bytes], list[Fact]], seeds: list[tuple[bytes, dict]], runs: int
) -> tuple[float, float]:
    docs = [d for d, _ in seeds]
    size = sum(map(len, docs))
    for d in docs:  # warm caches (rule files, cn2an, jieba dictionaries)
        extract(d)
    rates = []
    reps = 40
    for _ in range(runs):
        # CPU time of this process: "per core", and not skewed by other work on the machine
        t0 = time.process_time()
        for _ in range(reps):
            for d in docs:
                extract(d)
        rates.append(reps * len(docs) / (time.process_time() - t0))
    per_s = statistics.median(rates)
    return per_s, per_s * size / len(docs) / 1e6


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * 4096 / 1e6


def memory_over_batch(seeds: list[tuple[bytes, dict]], batch: int) -> list[tuple[int, float]]:
    """Resident memory after 10 %, 50 % and 100 % of a batch of analyses of varied reports."""
    docs = [d for d, _ in seeds]
    marks = {batch // 10, batch // 2, batch}
    points = []
    for i in range(1, batch + 1):
        # a different text each time, as in a real batch, so no cache can hide a leak
        analyze(docs[i % len(docs)] + f"\n编号{i}".encode(), source=f"r{i}.txt", checks=False)
        if i in marks:
            gc.collect()
            points.append((i, rss_mb()))
    return points


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--batch", type=int, default=10_000)
    args = ap.parse_args()
    seeds = load()

    rows = []
    for name, fn in (("fazhi", ours), ("baseline (JioNLP money + cn2an numbers)", baseline)):
        p, r, f = accuracy(fn, seeds)
        per_s, mb_s = throughput(fn, seeds, args.runs)
        rows.append((name, p, r, f, per_s, mb_s))
    runs = args.runs
    print(
        f"Fact extraction on {len(seeds)} seed reports (one process, CPU time, median of {runs})\n"
    )
    print(f"{'':42} {'P':>6} {'R':>6} {'F1':>6} {'reports/s':>10} {'MB/s':>6}")
    for name, p, r, f, per_s, mb_s in rows:
        print(f"{name:42} {p:6.3f} {r:6.3f} {f:6.3f} {per_s:10.0f} {mb_s:6.2f}")
    (_, _, _, f_ours, s_ours, _), (_, _, _, f_base, s_base, _) = rows
    ratio_f, ratio_s = f_ours / f_base, s_ours / s_base
    print(f"{'ratio fazhi / baseline':42} {'':6} {'':6} {ratio_f:6.2f} {ratio_s:10.2f}")
    target = "meets" if s_ours >= 300 else "BELOW"
    print(f"\nanalyze() throughput target ≥ 300 reports/s per core: {target} ({s_ours:.0f}/s)")

    if args.batch:
        print(f"\nResident memory over a batch of {args.batch} analyses:")
        points = memory_over_batch(seeds, args.batch)
        for n, mb in points:
            print(f"  after {n:>6} reports: {mb:7.1f} MB")
        growth = points[-1][1] - points[0][1]
        print(f"  growth from 10% to 100% of the batch: {growth:+.1f} MB")


if __name__ == "__main__":
    main()
