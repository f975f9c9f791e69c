"""The web load benchmark: 50 clients at once for 60 s against the dashboard, report pages and
searches of a 10,000-report corpus, over loopback, as a logged-in clerk's browser asks for them.

    python bench/web_bench.py                     # make bench-web
    python bench/web_bench.py --n 10000 --clients 50 --seconds 60 --workers 2

The corpus is bench/synth.py's (the same files as bench/corpus_bench.py, written once under
``--workdir``); its database is built once and reused (``--rebuild`` to start again). The server
is ``fazhi serve`` with ``--workers`` processes. The clients are asyncio tasks on keep-alive
HTTP/1.1 connections (a small client written here, so that one process can keep 50 connections
busy without taking the server's CPU); each runs the endpoints in turn: the dashboard, a report
page (a different report each time, from a fixed random sample, so the server cannot answer from
a cache), and a search (a fixed set of queries and filters, as popular searches repeat; the
server keeps search results until the corpus changes). ``--distinct-searches`` asks instead a
different search nearly every time (indicator names × years × levels), which the server has to
run afresh. After a warm-up, it prints per endpoint and overall: requests, requests/s, errors,
and latency p50/p95/p99/max in ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import httpx
from sqlalchemy import func, select

from corpus_bench import ensure_corpus  # bench/: run as a script, this folder is on the path
from fazhi.extract.indicators import default_taxonomy
from fazhi.store import service
from fazhi.store.schema import reports
from fazhi.web.accounts import add_user, find_user, migrate_accounts

TARGET_P95_MS = 300
USER, PASSWORD = "bench-viewer", "bench-password-1"
SEARCHES = [
    "q=行政复议",
    "q=调解",
    "q=执法&year=2023",
    "q=普法&level=county_district",
    "q=合法性审查",
    "q=复议&part=shortcomings",
    "q=法律顾问 合同",
    "q=信访&order=newest",
]


# --- the corpus --------------------------------------------------------------------------------


def ensure_database(n: int, seed: int, workdir: Path, jobs: int, rebuild: bool) -> str:
    """The corpus database (built once: ingest of the synthetic files) with the bench user."""
    path = workdir / f"web-{n}-{seed}.db"
    done = workdir / f"web-{n}-{seed}.complete"
    if rebuild or not done.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        folder = ensure_corpus(n, seed, workdir)
        engine = service.open_corpus(f"sqlite:///{path}")
        print(f"ingesting {n} reports into {path} …", file=sys.stderr, flush=True)
        started = time.perf_counter()
        summary = service.ingest(engine, [folder], jobs=jobs)
        print(
            f"  {summary.added} stored, {len(summary.failed)} failed "
            f"in {time.perf_counter() - started:.0f} s",
            file=sys.stderr,
        )
        engine.dispose()
        done.write_text(str(summary.added))
    url = f"sqlite:///{path}"
    engine = service.open_corpus(url)
    migrate_accounts(engine)
    if find_user(engine, USER) is None:
        add_user(engine, USER, PASSWORD, "viewer")
    engine.dispose()
    return url


def sample_reports(url: str, k: int, seed: int) -> list[int]:
    engine = service.open_corpus(url)
    with engine.connect() as conn:
        ids = list(conn.execute(select(reports.c.id).where(reports.c.current.is_(True))).scalars())
        total = conn.execute(select(func.count()).select_from(reports)).scalar_one()
    engine.dispose()
    print(f"corpus: {total} reports", file=sys.stderr)
    return random.Random(seed).sample(ids, min(k, len(ids)))


# --- the server --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(url: str, data_dir: Path, port: int, workers: int) -> subprocess.Popen:
    fazhi = Path(sys.executable).parent / "fazhi"
    cmd = [str(fazhi), "serve", "--db", url, "--data-dir", str(data_dir), "--port", str(port)]
    cmd += ["--workers", str(workers), "--no-access-log"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"fazhi serve exited with {proc.returncode}")
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.terminate()
    raise SystemExit("fazhi serve did not answer within 60 s")


def server_cpu(pid: int) -> float:
    """CPU seconds used so far by the server process and its workers (Linux /proc), so the
    cost of a request can be told apart from waiting for a busy machine."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if stat.parent.name == str(pid) or fields[1] == str(pid):  # itself or a worker
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def session_cookie(base: str) -> str:
    """Log in through the form, as a browser does; the session cookie to send."""
    with httpx.Client(base_url=base) as c:
        page = c.get("/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert token, "no login form"
        form = {"username": USER, "password": PASSWORD, "csrf_token": token.group(1)}
        r = c.post("/login", data=form, follow_redirects=False)
        assert r.status_code == 303, f"login failed: {r.status_code}"
        return "; ".join(f"{k}={v}" for k, v in c.cookies.items())


# --- the clients -------------------------------------------------------------------------------


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    error_samples: list[str] = field(default_factory=list)


class Connection:
    """One keep-alive HTTP/1.1 connection: GET a path, read the whole response."""

    def __init__(self, port: int, cookie: str) -> None:
        self.port = port
        self.head = f"Host: 127.0.0.1:{port}\r\nCookie: {cookie}\r\nAccept: text/html\r\n\r\n"
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> tuple[int, int]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        self.writer.write(f"GET {path} HTTP/1.1\r\n{self.head}".encode())
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("connection closed")
        status = int(status_line.split()[1])
        length, chunked, close = 0, False, False
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            name, value = name.strip().lower(), value.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "transfer-encoding" and "chunked" in value:
                chunked = True
            elif name == "connection" and value == "close":
                close = True
        size = await self._chunked() if chunked else len(await self.reader.readexactly(length))
        if close:
            await self.close()
        return status, size

    async def _chunked(self) -> int:
        assert self.reader is not None
        size = 0
        while True:
            n = int((await self.reader.readline()).split(b";")[0], 16)
            data = await self.reader.readexactly(n + 2)
            size += n
            if n == 0:
                return size
            del data

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


def distinct_searches(seed: int) -> list[str]:
    """Over a thousand different searches: each indicator's name and aliases, alone or with a
    year, a level or a part, shuffled."""
    words = sorted({w for i in default_taxonomy().indicators for w in (i.name, *i.aliases)})
    words = [w for w in words if "/" not in w and len(w) >= 2]
    filters = ["", *(f"&year={y}" for y in range(2020, 2025))]
    filters += ["&level=county_district", "&level=city", "&level=department"]
    filters += [f"&part={p}" for p in ("achievements", "shortcomings", "next_year")]
    out = [f"q={w}{f}" for w in words for f in filters]
    random.Random(seed).shuffle(out)
    return out


def paths(
    report_ids: list[int], rng: random.Random, queries: list[str]
) -> Iterable[tuple[str, str]]:
    """The endpoints in turn: (label, path), forever."""
    searches = [f"/search?{q.replace(' ', '+')}" for q in queries]
    i = rng.randrange(len(searches))
    while True:
        yield "dashboard", "/dashboard"
        yield "report", f"/reports/{rng.choice(report_ids)}"
        yield "search", quote(searches[i % len(searches)], safe="/?=&+")
        i += 1


async def client(
    port: int,
    cookie: str,
    work: tuple[list[int], list[str]],
    until: float,
    stats: Stats | None,
    seed: int,
) -> None:
    rng = random.Random(seed)
    conn = Connection(port, cookie)
    for label, path in paths(work[0], rng, work[1]):
        if time.monotonic() >= until:
            break
        started = time.perf_counter()
        try:
            status, _ = await conn.get(path)
            ok = status == 200
            why = f"{label} {path}: HTTP {status}"
        except (OSError, asyncio.IncompleteReadError, ValueError, IndexError) as exc:
            ok, why = False, f"{label} {path}: {type(exc).__name__} {exc}"
            await conn.close()
        elapsed = time.perf_counter() - started
        if stats is None:
            continue
        stats.latencies[label].append(elapsed)
        if not ok:
            stats.errors[label] += 1
            if len(stats.error_samples) < 5:
                stats.error_samples.append(why)
    await conn.close()


async def run_load(
    port: int,
    cookie: str,
    work: tuple[list[int], list[str]],
    clients: int,
    seconds: float,
    warm: bool,
) -> tuple[Stats, float]:
    stats = None if warm else Stats()
    until = time.monotonic() + seconds
    started = time.perf_counter()
    await asyncio.gather(
        *(client(port, cookie, work, until, stats, seed=i) for i in range(clients))
    )
    return stats or Stats(), time.perf_counter() - started


# --- the report --------------------------------------------------------------------------------


def pct(samples: list[float], q: float) -> float:
    s = sorted(samples)
    return s[min(len(s) - 1, max(0, round(q / 100 * len(s)) - 1))] * 1000


def print_table(stats: Stats, seconds: float, args: argparse.Namespace) -> bool:
    head = f"{'endpoint':<10} {'requests':>9} {'req/s':>8} {'errors':>7} {'p50 ms':>8} "
    head += f"{'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}"
    print()
    print(
        f"fazhi web load: {args.clients} clients, {args.seconds:.0f} s, {args.workers} workers, "
        f"{args.n} reports, loopback"
        + (", a different search nearly every time" if args.distinct_searches else "")
    )
    print(head)
    print("-" * len(head))
    rows = [*sorted(stats.latencies), "overall"]
    everything = [x for v in stats.latencies.values() for x in v]
    for label in rows:
        lat = everything if label == "overall" else stats.latencies[label]
        errs = sum(stats.errors.values()) if label == "overall" else stats.errors[label]
        if not lat:
            continue
        print(
            f"{label:<10} {len(lat):>9} {len(lat) / seconds:>8.1f} {errs:>7} "
            f"{pct(lat, 50):>8.1f} {pct(lat, 95):>8.1f} {pct(lat, 99):>8.1f} "
            f"{max(lat) * 1000:>8.1f}"
        )
    p95 = pct(everything, 95) if everything else float("inf")
    errors = sum(stats.errors.values())
    verdict = "met" if p95 < TARGET_P95_MS and errors == 0 else "NOT met"
    print(f"\ntarget: no errors and p95 < {TARGET_P95_MS} ms overall — {verdict}")
    for sample in stats.error_samples:
        print(f"  error: {sample}")
    print(f"mean latency {statistics.fmean(everything) * 1000:.1f} ms" if everything else "")
    return verdict == "met"


def main(argv: Iterable[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10000, help="reports in the corpus")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--warmup", type=float, default=10, help="seconds of load before measuring")
    ap.add_argument("--workers", type=int, default=2, help="server worker processes")
    ap.add_argument("--jobs", type=int, default=2, help="ingest processes (first run only)")
    ap.add_argument("--sample", type=int, default=2000, help="distinct report pages asked for")
    ap.add_argument("--rebuild", action="store_true", help="build the database again")
    ap.add_argument(
        "--distinct-searches", action="store_true", help="a different search nearly every time"
    )
    ap.add_argument(
        "--workdir", type=Path, default=Path(os.environ.get("FAZHI_BENCH_DIR", "/tmp/fazhi-bench"))
    )
    args = ap.parse_args(list(argv) if argv is not None else None)
    args.workdir.mkdir(parents=True, exist_ok=True)
    url = ensure_database(args.n, args.seed, args.workdir, args.jobs, args.rebuild)
    report_ids = sample_reports(url, args.sample, args.seed)
    queries = distinct_searches(args.seed) if args.distinct_searches else SEARCHES
    work = (report_ids, queries)
    port = free_port()
    server = start_server(url, args.workdir / "web-data", port, args.workers)
    try:
        cookie = session_cookie(f"http://127.0.0.1:{port}")
        print(f"warming up for {args.warmup:.0f} s …", file=sys.stderr, flush=True)
        asyncio.run(run_load(port, cookie, work, args.clients, args.warmup, warm=True))
        print(f"measuring for {args.seconds:.0f} s …", file=sys.stderr, flush=True)
        cpu, served = time.process_time(), server_cpu(server.pid)
        stats, took = asyncio.run(
            run_load(port, cookie, work, args.clients, args.seconds, warm=False)
        )
        client_cpu, served = time.process_time() - cpu, server_cpu(server.pid) - served
    finally:
        server.terminate()
        server.wait(timeout=30)
    ok = print_table(stats, took, args)
    n = sum(len(v) for v in stats.latencies.values())
    print(
        f"server CPU: {served / took:.2f} cores busy, {served / max(n, 1) * 1000:.1f} ms a request"
        f"; the clients' own: {client_cpu / took:.0%} of a core; load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
