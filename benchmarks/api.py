"""API latency under concurrent load over a store of 10,000 entries.

Builds the store once (cached under the temp folder, keyed by size and schema): entries made by
recombining real reports -- the warline corpus in ../shared/corpus when it is beside the checkout,
else the bundled examples -- with their places and figures varied, stored through ingest's own
`store_document`, and events extracted from a subset.  Starts `sitroom serve` on a loopback port in
a subprocess, then a second process drives it with a fixed number of requests per endpoint from
8 concurrent clients (each sends its next request when the last is answered) and prints p50 / p95 /
p99 latency per endpoint (goal: p95 < 100 ms), requests per second, how many answers came from the
server's cache, and the server's CPU time per request (less noisy than wall time on a shared
machine).  Server and load share the machine's cores, whose count and load average are printed.

    python benchmarks/api.py [--entries 10000] [--extract 2000] [--requests 200] [--clients 8] [--rebuild]
                             [--indexes] [--incidents] [--workers N] [--read-threads N] [--cache SIZE]

`--cache 0` measures every answer computed afresh (totals and the stats are still kept until the
database changes); the other server options are those of `sitroom serve`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

CORPUS = ROOT.parent / "shared" / "corpus" / "warline" / "warline_events.jsonl"
PLACES = [
    "Kyiv", "Kharkiv", "Odesa", "Dnipro", "Zaporizhzhia", "Kherson", "Mykolaiv", "Lviv", "Bakhmut", "Kramatorsk",
    "Sloviansk", "Avdiivka", "Donetsk", "Makiivka", "Mariupol", "Izium", "Sumy", "Chernihiv", "Poltava", "Vuhledar",
    "Lyman", "Kupiansk", "Nikopol", "Kryvyi Rih", "Melitopol", "Belgorod", "Bryansk", "Sevastopol",
]
GOAL_MS = 100.0


# -- the store ---------------------------------------------------------------------------------


def source_texts() -> tuple[list[tuple[str, str]], str]:
    """(headline, text) pairs of real reports to recombine."""
    if CORPUS.is_file():
        pairs = []
        for line in CORPUS.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            text = (record.get("description_en") or "").strip()
            if len(text.split()) > 8:
                pairs.append(((record.get("headline") or "").split("\n")[0][:200], text))
        return pairs, "../shared/corpus/warline"
    pairs = []
    for path in sorted((ROOT / "examples").glob("*.txt")):
        lines = [line.strip(" -•") for line in path.read_text(encoding="utf-8").splitlines()]
        pairs += [(line[:80], line) for line in lines if len(line.split()) > 8]
    return pairs, "examples/"


def vary(text: str, rng: random.Random) -> str:
    """Another report of the same shape: other places, other figures."""
    for place in PLACES:
        if place in text and rng.random() < 0.7:
            text = text.replace(place, rng.choice(PLACES))
    return re.sub(r"\b\d{1,4}\b", lambda m: str(max(1, int(m.group()) + rng.randint(-9, 30))), text)


def build_store(path: Path, entries: int, extract: int) -> None:
    from sitroom.analyse import extract_pending
    from sitroom.clean import clean
    from sitroom.ingest import store_document
    from sitroom.model import Document, Entry, EntryKind, Paragraph
    from sitroom.store.sqlite import Store

    rng = random.Random(20230104)
    pairs, origin = source_texts()
    per_document = 20
    started = time.perf_counter()
    partial = path.with_suffix(".partial")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    with Store(str(partial)) as store:
        for number in range(entries // per_document):
            day = date(2022, 2, 24) + timedelta(days=number % 400)
            doc = Document(
                format="liveblog_text", title=f"Russia-Ukraine war live, day {number % 400 + 1} (blog {number})",
                published_at=day, content_hash=f"bench-{number}", path=f"bench-{number:05d}.txt",
            )
            for index in range(per_document):
                chosen = rng.sample(pairs, rng.randint(1, 3))
                posted = datetime(day.year, day.month, day.day, 6, tzinfo=timezone.utc) + timedelta(minutes=25 * index)
                doc.entries.append(
                    Entry(
                        kind=EntryKind.SUMMARY if index == 0 else EntryKind.UPDATE,
                        headline=vary(chosen[0][0], rng) if rng.random() < 0.6 else None,
                        paragraphs=[Paragraph(vary(text, rng)) for _, text in chosen],
                        posted_at=posted,
                    )
                )
            store_document(store, clean(doc))
        print(f"store: {entries} entries from {origin} in {time.perf_counter() - started:.0f} s", flush=True)
        if extract:
            started = time.perf_counter()
            totals = extract_pending(store, limit=extract)
            print(f"extraction: {totals.entries} entries, {totals.events} events in {time.perf_counter() - started:.0f} s",
                  flush=True)
    os.replace(partial, path)


# Indexes proposed for the store schema (not yet in store/schema.py): the events list is ordered by
# them, and "current entries" are counted with them.  --indexes measures a copy that has them.
PROPOSED_INDEXES = [
    "CREATE INDEX IF NOT EXISTS events_order ON events(date IS NULL, date, id)",
    "CREATE INDEX IF NOT EXISTS entries_current ON entries(document_id, seq) WHERE superseded_by IS NULL",
]


def with_indexes(path: Path) -> Path:
    import sqlite3

    tag = hashlib.sha256("\n".join(PROPOSED_INDEXES).encode()).hexdigest()[:8]
    copy = path.with_name(f"{path.stem}-indexed-{tag}.db")
    if not copy.exists() or copy.stat().st_mtime < path.stat().st_mtime:
        source, target = sqlite3.connect(path), sqlite3.connect(copy)
        source.backup(target)
        for statement in PROPOSED_INDEXES:
            target.execute(statement)
        target.commit()
        source.close()
        target.close()
    return copy


def with_incidents(path: Path) -> Path:
    """A copy of the store with its events linked into incidents (what `sitroom link` does)."""
    from sitroom.analyse import link_pending
    from sitroom.store.sqlite import Store

    copy = path.with_name(f"{path.stem}-linked.db")
    if not copy.exists() or copy.stat().st_mtime < path.stat().st_mtime:
        partial = copy.with_suffix(".partial")
        with Store(str(path)) as source, Store(str(partial)) as target:
            source.db.backup(target.db)
            started = time.perf_counter()
            totals = link_pending(target)
            print(f"linking: {totals.incidents_created} incidents in {time.perf_counter() - started:.1f} s", flush=True)
        os.replace(partial, copy)
    return copy


def cached_store(entries: int, extract: int, rebuild: bool) -> Path:
    from sitroom.extract.pipeline import VERSION
    from sitroom.store.schema import SCHEMA_VERSION

    folder = Path(tempfile.gettempdir()) / "sitroom-bench-api"
    folder.mkdir(exist_ok=True)
    origin = "warline" if CORPUS.is_file() else "examples"
    path = folder / f"api-{entries}-{extract}-{origin}-s{SCHEMA_VERSION}-x{VERSION}.db"
    if rebuild or not path.exists():
        build_store(path, entries, extract)
    else:
        print(f"store: reusing {path}")
    return path


# -- the load ----------------------------------------------------------------------------------


def plan(db: Path, requests: int, rng: random.Random, incidents: bool = False) -> list[tuple[str, str]]:
    """(endpoint label, URL) pairs: `requests` of each endpoint, shuffled."""
    from sitroom.store.sqlite import Store

    with Store(str(db)) as store:
        incident_ids = [r[0] for r in store.db.execute("SELECT id FROM incidents")] if incidents else []
        entry_ids = [r[0] for r in store.db.execute("SELECT id FROM entries")]
        doc_ids = [r[0] for r in store.db.execute("SELECT id FROM documents")]
        types = [r[0] for r in store.db.execute("SELECT DISTINCT type FROM events")] or ["explosion"]
        days = [r[0] for r in store.db.execute("SELECT DISTINCT date FROM events WHERE date IS NOT NULL")] or ["2022-06-01"]
    words = ["missile", "Kharkiv", "drone", "shelling", "power", "Zelenskiy", "evacuation", "killed", "grain", "Bakhmut",
             '"air defence"', "strike*", "Kyiv OR Odesa", 'Kherson"']
    makers = {
        "events page": lambda: f"/api/events?offset={rng.randint(0, 2000)}",
        "events ?place": lambda: f"/api/events?place={rng.choice(PLACES)}",
        "events ?type&since": lambda: f"/api/events?type={rng.choice(types)}&since={rng.choice(days)}",
        "events geojson 500": lambda: f"/api/events?format=geojson&limit=500&place={rng.choice(['UA', 'Donetsk', 'Kharkiv'])}",
        "search": lambda: f"/api/search?q={rng.choice(words)}",
        "entries page": lambda: f"/api/entries?offset={rng.randint(0, len(entry_ids))}",
        "entry": lambda: f"/api/entries/{rng.choice(entry_ids)}",
        "documents": lambda: f"/api/documents?offset={rng.randint(0, len(doc_ids))}",
        "document": lambda: f"/api/documents/{rng.choice(doc_ids)}",
        "stats": lambda: "/api/stats",
    }
    if incidents:  # what the map asks for on every visit, then what a click or the day view asks for
        makers.update({
            "incidents geojson 1000": lambda: "/api/incidents?format=geojson&limit=1000",
            "incidents ?place": lambda: f"/api/incidents?place={rng.choice(PLACES)}",
            "incident": lambda: f"/api/incidents/{rng.choice(incident_ids)}",
            "timeline ?place": lambda: f"/api/timeline?place={rng.choice(PLACES)}",
        })
    work = [(label, make()) for label, make in makers.items() for _ in range(requests)]
    rng.shuffle(work)
    return work


def drive(base: str, work: list[tuple[str, str]], clients: int) -> dict:
    """Run the work from `clients` threads, each with its own keep-alive connection."""
    import httpx

    timings: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    hits: dict[str, int] = {}
    lock = threading.Lock()
    queue = list(work)

    def client() -> None:
        with httpx.Client(base_url=base, timeout=60) as http:
            while True:
                with lock:
                    if not queue:
                        return
                    label, url = queue.pop()
                started = time.perf_counter()
                response = http.get(url)
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    timings.setdefault(label, []).append(elapsed)
                    if response.status_code != 200:
                        errors[label] = errors.get(label, 0) + 1
                    if response.headers.get("x-cache") == "hit":
                        hits[label] = hits.get(label, 0) + 1

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"timings": timings, "errors": errors, "hits": hits, "wall": time.perf_counter() - started}


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its children (uvicorn's workers), from /proc."""
    total, ticks = 0.0, os.sysconf("SC_CLK_TCK")
    pids = [pid]
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            pids += [int(c) for c in (task / "children").read_text().split()]
        for one in pids:
            fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
    except OSError:
        return float("nan")
    return total


def serve(db: Path, port: int, options: list[str]) -> subprocess.Popen:
    import httpx

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen(
        [sys.executable, "-m", "sitroom.cli", "serve", "--db", str(db), "--port", str(port), *options],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("sitroom serve did not start within 60 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--extract", type=int, default=2_000, help="entries to extract events from (0: none)")
    parser.add_argument("--requests", type=int, default=200, help="requests per endpoint")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument("--rebuild", action="store_true", help="build the store again even if cached")
    parser.add_argument("--indexes", action="store_true", help="measure a copy with the proposed indexes")
    parser.add_argument("--incidents", action="store_true",
                        help="link the store's events into incidents and load the incident endpoints too")
    parser.add_argument("--workers", type=int, help="sitroom serve --workers (default: its own, 1)")
    parser.add_argument("--read-threads", type=int, help="sitroom serve --read-threads (default: its own)")
    parser.add_argument("--cache", help="sitroom serve --cache, e.g. 0 to compute every answer (default: its own)")
    parser.add_argument("--drive", help=argparse.SUPPRESS)  # internal: the load process
    args = parser.parse_args()
    if args.drive:
        work = json.loads(sys.stdin.read())
        print(json.dumps(drive(args.drive, [tuple(w) for w in work], args.clients)))
        return

    db = cached_store(args.entries, args.extract, args.rebuild)
    if args.indexes:
        db = with_indexes(db)
        print("store: a copy with the proposed indexes: " + "; ".join(PROPOSED_INDEXES))
    if args.incidents:
        db = with_incidents(db)
    options = []
    for flag, value in (("--workers", args.workers), ("--read-threads", args.read_threads), ("--cache", args.cache)):
        if value is not None:
            options += [flag, str(value)]
    port = free_port()
    server = serve(db, port, options)
    try:
        work = plan(db, args.requests, random.Random(7), args.incidents)
        base = f"http://127.0.0.1:{port}"
        warm = subprocess.run(  # one pass over every endpoint first: page cache and worker threads warm
            [sys.executable, __file__, "--drive", base, "--clients", "2"],
            input=json.dumps(work[:50]), capture_output=True, text=True, check=True,
        )
        del warm
        load_before = os.getloadavg()[0]
        cpu_before = cpu_seconds(server.pid)
        result = subprocess.run(
            [sys.executable, __file__, "--drive", base, "--clients", str(args.clients)],
            input=json.dumps(work), capture_output=True, text=True, check=True,
        )
        server_cpu = cpu_seconds(server.pid) - cpu_before
    finally:
        server.terminate()
        server.wait(timeout=20)
    report = json.loads(result.stdout)
    total = sum(len(v) for v in report["timings"].values())
    print(f"server: sitroom serve {' '.join(options) or '(defaults)'}; machine: {os.cpu_count()} cores shared by "
          f"server and load, load average {load_before:.2f} before the run (other work on the machine counts)")
    print(f"load: {total} requests from {args.clients} concurrent clients in {report['wall']:.1f} s "
          f"({total / report['wall']:.0f} req/s); server CPU {1000 * server_cpu / total:.2f} ms per request")
    print(f"{'endpoint':<22}{'n':>6}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}{'cached':>8}{'errors':>8}")
    worst = 0.0
    for label, values in sorted(report["timings"].items()):
        p95 = percentile(values, 95)
        worst = max(worst, p95)
        print(f"{label:<22}{len(values):>6}{statistics.median(values):>9.1f}{p95:>9.1f}{percentile(values, 99):>9.1f}"
              f"{max(values):>9.1f}{report['hits'].get(label, 0) / len(values):>8.0%}{report['errors'].get(label, 0):>8}")
    verdict = "met" if worst < GOAL_MS and not report["errors"] else "NOT met"
    print(f"worst p95: {worst:.1f} ms (goal: p95 < {GOAL_MS:.0f} ms on every endpoint): {verdict}")


if __name__ == "__main__":
    main()
