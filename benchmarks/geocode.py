"""Geocoding accuracy and speed against analyst-geolocated incidents (../shared/eval).

Follows ../shared/eval/README.md: one point per row from ``event_place``; inputs
- cir-monitor: ``title`` without its leading date + " in " + ``town/city`` + ", " + ``province`` (rows with a town);
- bellingcat-civharm: ``location`` + ": " + ``description`` (rows whose location is not empty or Unknown);
- ucdp-ged: ``source_headline`` (rows with ``where_prec`` <= 3).
Prints coverage (rows with a point), accuracy within 25 km and 161 km over ALL rows (no point is
wrong), the median error of the rows with a point, and kB of input per second (find_places +
event_place on one core, gazetteer already loaded).

    python benchmarks/geocode.py [--split dev|test] [--dataset NAME] [--failures N]

``--failures`` lists misses, on the dev split only: test rows are for reporting, not for study.
"""

from __future__ import annotations

import argparse
import csv
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitroom.measure import rss_mb  # noqa: E402
from sitroom.resolve import fuzzy  # noqa: E402
from sitroom.resolve.gazetteer import haversine_km, load_gazetteer  # noqa: E402
from sitroom.resolve.places import event_place, find_places  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
LEADING_DATE = re.compile(r"^\s*\d{1,2}/\d{1,2}/\d{2,4}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*[:\-–]?\s*")


def cir_monitor(row: dict) -> tuple[str, float, float] | None:
    town = (row.get("town/city") or "").strip()
    if not town:
        return None
    title = LEADING_DATE.sub("", row.get("title") or "")
    return f"{title} in {town}, {row.get('province') or ''}", float(row["lat"]), float(row["lon"])


def bellingcat(row: dict) -> tuple[str, float, float] | None:
    location = (row.get("location") or "").strip()
    if not location or location.lower() == "unknown":
        return None
    return f"{location}: {row.get('description') or ''}", float(row["latitude"]), float(row["longitude"])


def ucdp(row: dict) -> tuple[str, float, float] | None:
    try:
        if int(row.get("where_prec") or 9) > 3:
            return None
    except ValueError:
        return None
    return row.get("source_headline") or "", float(row["latitude"]), float(row["longitude"])


DATASETS = {"cir-monitor": cir_monitor, "bellingcat-civharm": bellingcat, "ucdp-ged": ucdp}


def run(name: str, split: str, failures: int) -> None:
    path = EVAL / name / f"{split}.csv"
    if not path.is_file():
        print(f"{name}: {path} missing")
        return
    with path.open(newline="", encoding="utf-8") as handle:
        rows = [r for r in (DATASETS[name](row) for row in csv.DictReader(handle)) if r is not None]
    gazetteer = load_gazetteer()
    started = time.perf_counter()
    points = []
    for text, _, _ in rows:
        chosen = event_place(text, find_places(text, gazetteer), gazetteer=gazetteer)
        points.append(chosen)
    seconds = time.perf_counter() - started
    size = sum(len(text.encode("utf-8")) for text, _, _ in rows)
    errors = [haversine_km(m.place.lat, m.place.lon, lat, lon) if m else None for m, (_, lat, lon) in zip(points, rows)]
    found = [e for e in errors if e is not None]
    n = len(rows)
    print(f"{name:19s} {split:4s} rows {n:5d}  coverage {len(found) / n:.3f}  "
          f"acc@25km {sum(e <= 25 for e in found) / n:.3f}  acc@161km {sum(e <= 161 for e in found) / n:.3f}  "
          f"median {statistics.median(found) if found else float('nan'):7.1f} km  {size / 1024 / seconds:7.0f} kB/s")
    if failures and split == "dev":
        shown = 0
        for (text, lat, lon), m, e in zip(rows, points, errors):
            if e is None or e > 25:
                got = f"{m.place.name} ({m.place.admin1}, {m.place.country}, {m.place.precision.value}) {e:.0f} km" \
                    if m else "no point"
                print(f"  MISS {text[:150]!r}\n       gold {lat:.3f},{lon:.3f} -> {got}")
                shown += 1
                if shown >= failures:
                    break


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--dataset", choices=sorted(DATASETS))
    parser.add_argument("--failures", type=int, default=0, help="list this many misses (dev split only)")
    args = parser.parse_args()
    if not EVAL.is_dir():
        print("skipped: ../shared/eval not found")
        return 0
    before = rss_mb()
    started = time.perf_counter()
    gazetteer = load_gazetteer()
    loaded = time.perf_counter()
    fuzzy.warm(gazetteer)
    print(f"gazetteer of {len(gazetteer)} places loaded in {loaded - started:.2f}s; misspelling lists built in "
          f"{time.perf_counter() - loaded:.2f}s; RSS {before:.0f} -> {rss_mb():.0f} MB")
    for name in [args.dataset] if args.dataset else list(DATASETS):
        run(name, args.split, args.failures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
