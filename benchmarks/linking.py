"""Incident linking against real coded data: do separate reports of one happening become one incident?

Data: ../shared/eval/ucdp-ged/{dev,test}.csv (see ../shared/eval/README.md).  A UCDP row is one coded
event; its `source_headline` joins, with ";", the headlines of the reports UCDP coded it from.  Each
headline (a "segment") becomes its own Document: one Entry with the headline as its text, posted at
noon on the row's `date_start`, from the outlet its `source_office` names (made distinct within the
row where two segments share one, "source N" where none is named).  The store is then extracted and
linked by the real pipeline (`extract_pending`, `link_pending`).

Gold: segments of one row report one happening; segments of different rows report different ones.
Predicted: the incident of each segment's first event (how often a segment's events fall into
several incidents is reported too).  Only segments with at least one event count.

Reported: B-cubed precision/recall/F1 over segments, pairwise precision/recall over segment pairs,
then the same over segments of rows with two or more segments (B-cubed averaged over those
segments, with clusters still over all; pairwise precision over predicted pairs touching them).
UCDP codes a day's fighting per place and per dyad, so two rows of one day and place can be one
happening to a reader: false merges between rows of the same date and admin1 within 25 km are
counted apart ("near-duplicate rows"), and pairwise precision is also shown with them forgiven.

    python benchmarks/linking.py [--split dev|test] [--limit N] [--show N] [--keep DIR]

`--limit N` takes N rows evenly spread over the split's dates (default 0: every row; the whole dev
split, about 1,800 rows, takes about 12 s of CPU, extraction included, so no limit is needed).  `--show N`
prints N false splits and N false merges with their headlines (dev only: test rows are never shown).
`--keep DIR` keeps the extracted store in DIR, named by a hash of the code outside link/ and the rows
taken, so that a change to the linker re-links without extracting again.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import math
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitroom.analyse import extract_pending, link_pending  # noqa: E402
from sitroom.ingest import store_document  # noqa: E402
from sitroom.measure import code_stamp  # noqa: E402
from sitroom.model import Document, Entry, EntryKind, Paragraph  # noqa: E402
from sitroom.store.sqlite import Store  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval" / "ucdp-ged"
DEFAULT_LIMIT = 0
NEAR_KM = 25.0


@dataclass
class Row:
    id: str
    day: date
    admin1: str
    lat: float | None
    lon: float | None
    segments: list[tuple[str, str]]  # (outlet, headline)


@dataclass
class Segment:
    row: str
    outlet: str
    headline: str
    entry_id: int | None = None
    incident: int | None = None  # of its first event; None: no event
    split_over: int = 0  # how many incidents its events fall into


def parse_day(value: str) -> date | None:
    """UCDP writes month/day/year, with or without a time ("1/27/2014 12:00:00 AM", "09/06/2019 00:00")."""
    try:
        month, day, year = value.split()[0].split("/")
        return date(int(year), int(month), int(day))
    except (ValueError, IndexError):
        return None


def _float(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def read_rows(path: Path) -> list[Row]:
    rows = []
    with path.open(newline="", encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            day = parse_day(record.get("date_start") or "")
            headlines = (record.get("source_headline") or "").split(";")
            offices = (record.get("source_office") or "").split(";")
            if day is None:
                continue
            segments, seen = [], Counter()
            for i, headline in enumerate(headlines):
                headline = headline.strip()
                if len(headline) < 8:  # "-", "" and the like: no report
                    continue
                office = offices[i].strip() if i < len(offices) and len(offices) == len(headlines) else ""
                office = office if office and office != "-" else f"source {i + 1}"
                seen[office] += 1
                segments.append((office if seen[office] == 1 else f"{office} ({seen[office]})", headline))
            if segments:
                rows.append(Row(record["id"], day, record.get("adm_1") or "", _float(record.get("latitude") or ""),
                                _float(record.get("longitude") or ""), segments))
    return rows


def spread(rows: list[Row], limit: int) -> list[Row]:
    """`limit` rows evenly spread over the rows in date order (all when limit is 0 or larger)."""
    ordered = sorted(rows, key=lambda r: (r.day, r.id))
    if not limit or limit >= len(ordered):
        return ordered
    step = len(ordered) / limit
    return [ordered[int(i * step)] for i in range(limit)]


def build(store: Store, rows: list[Row]) -> dict[int, Segment]:
    """Store one document per segment; entry id -> segment."""
    by_entry: dict[int, Segment] = {}
    for row in rows:
        when = datetime(row.day.year, row.day.month, row.day.day, 12, 0)
        for k, (outlet, headline) in enumerate(row.segments):
            entry = Entry(EntryKind.ARTICLE, [Paragraph(headline)], posted_at=when)
            doc = Document("feed", title=headline, url=f"ucdp:{row.id}#{k}", source=outlet, published_at=when,
                           entries=[entry])
            result = store_document(store, doc)
            entry_id = store.db.execute("SELECT id FROM entries WHERE document_id = ? ORDER BY seq LIMIT 1",
                                        (result.document_id,)).fetchone()[0]
            by_entry[entry_id] = Segment(row.id, outlet, headline, entry_id)
    return by_entry


def predict(store: Store, segments: dict[int, Segment]) -> None:
    found: dict[int, list[int]] = defaultdict(list)
    for entry_id, incident in store.db.execute(
        "SELECT ev.entry_id, ie.incident_id FROM events ev JOIN incident_events ie ON ie.event_id = ev.id"
        " ORDER BY ev.entry_id, ev.position"
    ):
        found[entry_id].append(incident)
    for entry_id, incidents in found.items():
        if entry_id in segments:
            segments[entry_id].incident = incidents[0]
            segments[entry_id].split_over = len(set(incidents))


def km(a: Row, b: Row) -> float:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return math.inf
    la1, la2 = math.radians(a.lat), math.radians(b.lat)  # type: ignore[arg-type]
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin(math.radians(b.lon - a.lon) / 2) ** 2  # type: ignore[operator]
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def near_duplicate(a: Row, b: Row) -> bool:
    return a.day == b.day and bool(a.admin1) and a.admin1 == b.admin1 and km(a, b) <= NEAR_KM


@dataclass
class Scores:
    b3_p: float
    b3_r: float
    pair_p: float
    pair_r: float
    pair_p_lenient: float
    items: int

    @property
    def b3_f(self) -> float:
        return 2 * self.b3_p * self.b3_r / (self.b3_p + self.b3_r) if self.b3_p + self.b3_r else 0.0


def score(items: list[Segment], over: set[int], rows: dict[str, Row]) -> Scores:
    """B-cubed averaged over the segments whose entry id is in `over` (clusters over all `items`);
    pairwise over pairs with at least one such segment."""
    gold: dict[str, set[int]] = defaultdict(set)
    pred: dict[int, set[int]] = defaultdict(set)
    for s in items:
        gold[s.row].add(s.entry_id)  # type: ignore[arg-type]
        pred[s.incident].add(s.entry_id)  # type: ignore[arg-type, index]
    by_id = {s.entry_id: s for s in items}
    p_sum = r_sum = 0.0
    for s in items:
        if s.entry_id not in over:
            continue
        g, p = gold[s.row], pred[s.incident]  # type: ignore[index]
        both = len(g & p)
        p_sum += both / len(p)
        r_sum += both / len(g)
    n = len(over)
    true_pairs = pred_pairs = gold_pairs = near = 0
    for cluster in pred.values():
        for a, b in combinations(sorted(cluster), 2):
            if a not in over and b not in over:
                continue
            pred_pairs += 1
            sa, sb = by_id[a], by_id[b]
            if sa.row == sb.row:
                true_pairs += 1
            elif near_duplicate(rows[sa.row], rows[sb.row]):
                near += 1
    for cluster in gold.values():
        gold_pairs += sum(1 for a, b in combinations(sorted(cluster), 2) if a in over or b in over)
    return Scores(
        b3_p=p_sum / n if n else 0.0,
        b3_r=r_sum / n if n else 0.0,
        pair_p=true_pairs / pred_pairs if pred_pairs else 1.0,
        pair_r=true_pairs / gold_pairs if gold_pairs else 1.0,
        pair_p_lenient=(true_pairs + near) / pred_pairs if pred_pairs else 1.0,
        items=n,
    )


def false_merges(items: list[Segment], rows: dict[str, Row]) -> tuple[list[tuple[Row, Row]], int]:
    """Pairs of different rows whose segments share an incident, and how many are near-duplicate rows."""
    pred: dict[int, set[str]] = defaultdict(set)
    for s in items:
        pred[s.incident].add(s.row)  # type: ignore[index]
    pairs = {tuple(sorted(p)) for group in pred.values() for p in combinations(group, 2)}
    found = [(rows[a], rows[b]) for a, b in sorted(pairs)]
    return found, sum(1 for a, b in found if near_duplicate(a, b))


def show(items: list[Segment], rows: dict[str, Row], merges: list[tuple[Row, Row]], n: int) -> None:
    by_row: dict[str, list[Segment]] = defaultdict(list)
    for s in items:
        by_row[s.row].append(s)
    splits = [segs for segs in by_row.values() if len({s.incident for s in segs}) > 1]
    print(f"\n--- false splits ({len(splits)} rows; {min(n, len(splits))} shown) ---")
    for segs in splits[:n]:
        row = rows[segs[0].row]
        print(f"row {row.id} {row.day} {row.admin1}")
        for s in segs:
            print(f"   [{s.incident}] {s.headline}")
    print(f"\n--- false merges ({len(merges)} row pairs; {min(n, len(merges))} shown) ---")
    incident_of = {}
    for s in items:
        incident_of.setdefault(s.row, s.incident)
    for a, b in merges[:n]:
        tag = " (near-duplicate rows)" if near_duplicate(a, b) else f" ({km(a, b):.0f} km)"
        print(f"rows {a.id} {a.day} {a.admin1} / {b.id} {b.day} {b.admin1}{tag}")
        for row in (a, b):
            for s in by_row[row.id]:
                print(f"   {row.id} [{s.incident}] {s.headline}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT, help="rows, spread by date (default 0: all, about 12 s of CPU)")
    parser.add_argument("--show", type=int, default=0, metavar="N", help="print N false splits and N false merges (dev only)")
    parser.add_argument("--keep", type=Path, default=None, metavar="DIR", help="keep the extracted store in DIR and reuse it")
    args = parser.parse_args()
    path = EVAL / f"{args.split}.csv"
    if not path.is_file():
        print(f"skipped: ../shared/eval/ucdp-ged/{args.split}.csv not found")
        return
    rows = spread(read_rows(path), args.limit)
    by_id = {r.id: r for r in rows}
    segment_count = sum(len(r.segments) for r in rows)
    print(f"ucdp-ged {args.split}: {len(rows)} rows (limit {args.limit or 'none'}), {segment_count} segments, "
          f"{sum(1 for r in rows if len(r.segments) > 1)} rows with >= 2 segments")

    cpu0, wall0 = time.process_time(), time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "linking.db"
        kept = None
        if args.keep:
            digest = hashlib.sha1(",".join(r.id for r in rows).encode()).hexdigest()[:8]
            kept = args.keep / f"linking-{args.split}-{code_stamp('link')}-{digest}.db"
        if kept and kept.is_file():
            shutil.copyfile(kept, db)
        else:
            with Store(str(db)) as store:
                segments = build(store, rows)
                totals = extract_pending(store)
                print(f"extracted {totals.entries} entries, {totals.events} events "
                      f"({totals.skipped_duplicates} repeated headlines skipped)")
            if kept:
                args.keep.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(db, kept)
        with Store(str(db)) as store:
            if kept:
                segments = _segments_from(store, rows)
            cpu_link, wall_link = time.process_time(), time.perf_counter()
            link_pending(store, redo=True)
            cpu_link, wall_link = time.process_time() - cpu_link, time.perf_counter() - wall_link
            predict(store, segments)
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0

    items = [s for s in segments.values() if s.incident is not None]
    with_events = {s.row for s in items}
    multi_rows = {row for row, n in Counter(s.row for s in items).items() if n >= 2}
    several = sum(1 for s in items if s.split_over > 1)
    print(f"rows with an event: {len(with_events)} of {len(rows)}; segments with an event: {len(items)} of {segment_count}; "
          f"rows with >= 2 such segments: {len(multi_rows)}")
    print(f"segments whose events fall in several incidents: {several} ({several / max(1, len(items)):.1%})")
    everyone = {s.entry_id for s in items}
    multi = {s.entry_id for s in items if s.row in multi_rows}
    merges, near = false_merges(items, by_id)
    incidents = len({s.incident for s in items})
    print(f"incidents: {incidents} for {len(with_events)} rows")
    for name, over in (("all segments", everyone), ("rows >= 2 segments", multi)):
        sc = score(items, over, by_id)  # type: ignore[arg-type]
        print(f"{name:<20} n={sc.items:<5} B3 P {sc.b3_p:.3f} R {sc.b3_r:.3f} F1 {sc.b3_f:.3f} | "
              f"pairwise P {sc.pair_p:.3f} R {sc.pair_r:.3f} (P with near-duplicate rows forgiven {sc.pair_p_lenient:.3f})")
    print(f"false merges: {len(merges)} row pairs, of which {near} near-duplicate rows (same date and admin1, <= {NEAR_KM:.0f} km)")
    print(f"time: {cpu:.1f}s CPU ({wall:.1f}s wall) in all, {len(rows) / max(cpu, 1e-9):.1f} rows/s CPU; "
          f"linking alone {cpu_link:.2f}s CPU ({wall_link:.2f}s wall), {len(rows) / max(cpu_link, 1e-9):.0f} rows/s CPU")
    if args.show:
        if args.split == "test":
            print("(--show prints dev rows only: test rows are for reporting, not for reading)")
        else:
            show(items, by_id, merges, args.show)


def _segments_from(store: Store, rows: list[Row]) -> dict[int, Segment]:
    """Segments of a kept store, by the document URL each was stored under."""
    by_id = {r.id: r for r in rows}
    found = {}
    for entry_id, url in store.db.execute(
        "SELECT e.id, d.url FROM entries e JOIN documents d ON d.id = e.document_id"
    ):
        row_id, k = url.removeprefix("ucdp:").split("#")
        outlet, headline = by_id[row_id].segments[int(k)]
        found[entry_id] = Segment(row_id, outlet, headline, entry_id)
    return found


if __name__ == "__main__":
    main()
