"""Linking, brief and timeline on a store of 10,000 entries: how long linking takes, and how fast
`brief` and `timeline` answer (goal: under a second each).

Entries are the real dated posts of ../shared/corpus/warline (one feed document per post, with its
source, date and time), cycled to the number asked for; each further cycle is moved a year later so
that its days are new days (the bundled examples stand in when the corpus is absent).  The store is
built once into a cache folder and reused.

    python benchmarks/incidents.py [--entries 10000] [--rebuild]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitroom.analyse import extract_pending, link_pending  # noqa: E402
from sitroom.brief import make_brief  # noqa: E402
from sitroom.ingest import ingest_file, store_document  # noqa: E402
from sitroom.measure import rss_mb  # noqa: E402
from sitroom.model import Document, Entry, EntryKind, Paragraph  # noqa: E402
from sitroom.store import incident_queries as q  # noqa: E402
from sitroom.store.sqlite import Store  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "warline" / "warline_events.jsonl"


def documents(count: int):
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    records = [r for r in records if (r.get("description_en") or "").strip()]
    for i in range(count):
        r = records[i % len(records)]
        shift = timedelta(days=365 * (i // len(records)))
        when = datetime.strptime(f"{r['fullDate']} {r.get('time') or '12:00'}", "%m/%d/%Y %H:%M") + shift
        entry = Entry(EntryKind.ARTICLE, [Paragraph(r["description_en"].strip())], headline=r.get("headline"), posted_at=when)
        yield Document("feed", title=r.get("headline"), url=f"{r.get('url')}#{i}", source=r.get("source"),
                       published_at=when, entries=[entry])


def build(path: Path, count: int) -> None:
    with Store(str(path)) as store:
        started = time.perf_counter()
        if CORPUS.is_file():
            for doc in documents(count):
                store_document(store, doc)
        else:
            for file in sorted((ROOT / "examples").rglob("*.*")):
                ingest_file(store, str(file))
        print(f"stored in {time.perf_counter() - started:.1f}s", flush=True)
        started = time.perf_counter()
        totals = extract_pending(store)
        print(f"extracted {totals.entries} entries, {totals.events} events in {time.perf_counter() - started:.1f}s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    cache = Path(tempfile.gettempdir()) / f"sitroom-bench-incidents-{args.entries}.db"
    if args.rebuild or not cache.exists():
        cache.unlink(missing_ok=True)
        build(cache, args.entries)
    with Store(str(cache)) as store:
        entries = store.db.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
        started = time.perf_counter()
        totals = link_pending(store, redo=True)
        link_s = time.perf_counter() - started
        incidents = store.db.execute("SELECT COUNT(*) FROM incidents").fetchone()[0]
        multi = store.db.execute("SELECT COUNT(*) FROM incidents WHERE events > 1").fetchone()[0]
        print(f"store: {entries} entries, {totals.events} events -> {incidents} incidents ({multi} with more than one report)")
        print(f"link from scratch: {link_s:.2f}s ({totals.events / link_s:.0f} events/s), RSS {rss_mb():.0f} MB")
        days = [r[0] for r in store.db.execute(
            "SELECT DISTINCT substr(reported_at, 1, 10) FROM incident_events ORDER BY 1")]
        sample = days[:: max(1, len(days) // 30)][:30]
        brief_ms, timeline_ms, points = [], [], []
        for day in sample:
            started = time.perf_counter()
            brief = make_brief(store, day)
            brief_ms.append((time.perf_counter() - started) * 1000)
            points.append(len(brief.points))
            started = time.perf_counter()
            q.incidents(store, q.IncidentQuery(since=day, until=day))
            timeline_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        whole = q.incidents(store, q.IncidentQuery())
        all_ms = (time.perf_counter() - started) * 1000
    print(f"brief of a day ({len(sample)} days): median {statistics.median(brief_ms):.0f} ms, "
          f"max {max(brief_ms):.0f} ms, {statistics.mean(points):.1f} points on average (goal under 1 s)")
    print(f"timeline of a day: median {statistics.median(timeline_ms):.0f} ms, max {max(timeline_ms):.0f} ms; "
          f"the whole timeline ({len(whole)} incidents): {all_ms:.0f} ms (goal under 1 s)")


if __name__ == "__main__":
    main()
