"""Geocoding accuracy and speed against analyst-geolocated incidents (../shared/eval).

Follows ../shared/eval/README.md: one point per row from ``event_place``; inputs
- cir-monitor: ``title`` without its leading date + " in " + ``town/city`` + ", " + ``province`` (rows with a town);
- bellingcat-civharm: ``location`` + ": " + ``description`` (rows whose location is not empty or Unknown);
- ucdp-ged: ``source_headline`` (rows with ``where_prec`` <= 3).
Prints coverage (rows with a point), accuracy within 25 km and 161 km over ALL rows (no point is
wrong), the median error of the rows with a point, and kB of input per second (find_places +
event_place on one core, gazetteer already loaded).

    python benchmarks/geocode.py [--split dev|test] [--dataset NAME] [--failures N] [--breakdown]

``--failures`` lists misses, on the dev split only: test rows are for reporting, not for study.
``--breakdown`` (ucdp-ged) sorts the rows by what their headline could give at best (see ``reach``)
and prints the ceiling of accuracy within 25 km from the headline alone; it only reports, so it
runs on either split.
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

from rapidfuzz import fuzz  # noqa: E402

from sitroom.measure import rss_mb  # noqa: E402
from sitroom.model import Precision  # noqa: E402
from sitroom.resolve import fuzzy, notplaces  # noqa: E402
from sitroom.resolve.eventplace import is_district, is_side  # noqa: E402
from sitroom.resolve.gazetteer import SITE, TOWN, Gazetteer, haversine_km, load_gazetteer  # noqa: E402
from sitroom.resolve.names import WORD, fold, name_key  # noqa: E402
from sitroom.resolve.places import event_place, find_places  # noqa: E402
from sitroom.resolve.russian import ukrainian_keys  # noqa: E402

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

NEAR_KM = 25.0
SPELLING_SCORE = 80.0  # rapidfuzz ratio between a headline word and a nearby place's name key
CELL = 4  # grid cells of 1/4 degree for finding the places near a gold point
CATEGORIES = {
    "a-found": "(a) names a settlement within 25 km that find_places finds",
    "a-namesake": "(a) names a settlement within 25 km, but the finder read a namesake farther off",
    "a-dropped": "(a) names a settlement within 25 km in the gazetteer, but the finder drops the name",
    "c-spelling": "(c) a capitalised word is a place within 25 km under another spelling",
    "b-far": "(b) names settlements, all more than 25 km away",
    "b-district": "(b) names nothing finer than a district",
    "b-oblast": "(b) names nothing finer than an oblast",
    "b-region": "(b) names nothing finer than a region",
    "b-country": "(b) names nothing finer than a country",
    "d-nothing": "(d) names no place, or only sides (\"Kiev says\", \"Russia fired\")",
}


class Reach:
    """What a headline could give at best: every name in it looked up (each run of one to three
    words from a capitalised one, in the index under its own and its Ukrainian-spelling keys) and
    compared by spelling with the names of the places near the gold point.  Gold only classifies
    the row: any reading within 25 km counts, so the ceiling is an upper bound for any picker."""

    def __init__(self, g: Gazetteer):
        self.g = g
        self.cells: dict[tuple[int, int], list[int]] = {}
        self.keys: dict[int, list[str]] = {}
        for key, ids in g.index.items():
            for i in ids:
                if g.kind[i] in (TOWN, SITE):
                    self.keys.setdefault(i, []).append(key)
        for i in self.keys:
            self.cells.setdefault((int(g.lat[i] * CELL), int(g.lon[i] * CELL)), []).append(i)

    def near(self, lat: float, lon: float) -> list[int]:
        la, lo = int(lat * CELL), int(lon * CELL)
        return [i for a in range(la - 1, la + 2) for b in range(lo - 3, lo + 4) for i in self.cells.get((a, b), ())
                if haversine_km(lat, lon, self.g.lat[i], self.g.lon[i]) <= NEAR_KM]

    def category(self, text: str, lat: float, lon: float, mentions) -> tuple[str, str]:
        """The row's category and, for (a-namesake), (a-dropped) and (c), the name that reaches
        the gold point.  A word of an area the finder read ("Kherson region") is not looked up as a
        town; a word the finder read at all, or a run of words across spaces, is not compared by
        spelling; capitals and countries named as sides ("Kiev says") name no place for (b)."""
        if any(_settlement(m.place) for m in _close(mentions, lat, lon)):
            return "a-found", ""
        near = self.near(lat, lon)
        near_set = set(near)
        for start, run, key in _runs(text):
            read = [m.place for m in mentions if m.start <= start < m.end]
            if not any(not _settlement(p) for p in read) and any(
                    i in near_set for k in (key, *ukrainian_keys(key)) for i in self.g.index.get(k, ())):
                return ("a-namesake" if read else "a-dropped"), run
        for start, run, key in _runs(text):
            if len(key) < 5 or not _one_name(run) or any(m.start <= start < m.end for m in mentions):
                continue
            forms = (key, *ukrainian_keys(key))
            for i in near:
                if any(fuzz.ratio(form, k) >= SPELLING_SCORE for k in self.keys[i] for form in forms):
                    return "c-spelling", f"{run} ~ {self.g.names[i]}"
        places = [m.place for m in mentions if not is_side(text, m, self.g.capitals)]
        if any(_settlement(p) for p in places):
            return "b-far", ""
        if not places:
            return "d-nothing", ""
        finest = min(places, key=lambda p: list(Precision).index(p.precision))
        return f"b-{finest.precision.value}", ""


def _close(mentions, lat: float, lon: float) -> list:
    """The places found that lie within NEAR_KM of the gold point."""
    return [m for m in mentions if haversine_km(m.place.lat, m.place.lon, lat, lon) <= NEAR_KM]


def _settlement(p) -> bool:
    """A town, village or site (a codifier village at district precision too), not an area."""
    return p.precision is Precision.POINT or (p.precision is Precision.DISTRICT and not is_district(p))


def _one_name(run: str) -> bool:
    """A word, or words joined by hyphens, that is no common word or first name (for spelling)."""
    return " " not in run and not any(fold(w) in notplaces.COMMON_WORDS or fold(w) in notplaces.FIRST_NAMES
                                      for w in WORD.findall(run))


def _runs(text: str) -> list[tuple[int, str, str]]:
    """Each run of one to three words that starts at a capitalised word (any word where the text
    has no capitals): its offset, text and name key."""
    words = list(WORD.finditer(text))
    lower = not any(c.isupper() for c in text)
    out = []
    for i, w in enumerate(words):
        if lower or w.group()[0].isupper():
            for j in range(i, min(i + 3, len(words))):
                run = text[w.start():words[j].end()]
                out.append((w.start(), run, name_key(run)))
    return out


def print_breakdown(categories: list[tuple[str, str]], close: list[bool], errors: list[float | None]) -> None:
    """Per category: rows, share, how many sitroom gets right, and how many any reading of the
    headline's places could get right (``close``: a place the finder found lies within 25 km)."""
    n = len(categories)
    right = [e is not None and e <= NEAR_KM for e in errors]
    reachable = [c.startswith(("a", "c")) or (c.startswith("b") and near) for (c, _), near in zip(categories, close)]
    print(f"  {'category':86s} {'rows':>5s} {'share':>6s} {'right':>6s} {'reach':>6s}")
    for name, label in CATEGORIES.items():
        members = [k for k, (c, _) in enumerate(categories) if c == name]
        if members:
            print(f"  {label:86s} {len(members):5d} {len(members) / n:6.3f} {sum(right[k] for k in members):6d} "
                  f"{sum(reachable[k] for k in members):6d}")

    def share(prefix: str, flags: list[bool]) -> float:
        return sum(f for (c, _), f in zip(categories, flags) if c.startswith(prefix)) / n

    print(f"  (a) reachable {share('a', reachable):.3f}, sitroom gets {share('a', right):.3f}: "
          f"a gap of {share('a', reachable) - share('a', right):.3f}")
    ceiling = share("a", reachable) + share("b", reachable)
    print(f"  ceiling from the headline = (a) {share('a', reachable):.3f} + (b) with a coarse or far place's "
          f"point within 25 km {share('b', reachable):.3f} = {ceiling:.3f}; "
          f"with the spelling gaps (c) {ceiling + share('c', reachable):.3f}")


def run(name: str, split: str, failures: int, breakdown: bool = False) -> None:
    path = EVAL / name / f"{split}.csv"
    if not path.is_file():
        print(f"{name}: {path} missing")
        return
    with path.open(newline="", encoding="utf-8") as handle:
        rows = [r for r in (DATASETS[name](row) for row in csv.DictReader(handle)) if r is not None]
    gazetteer = load_gazetteer()
    started = time.perf_counter()
    points, found_places = [], []
    for text, _, _ in rows:
        mentions = find_places(text, gazetteer)
        points.append(event_place(text, mentions, gazetteer=gazetteer))
        found_places.append(mentions)
    seconds = time.perf_counter() - started
    size = sum(len(text.encode("utf-8")) for text, _, _ in rows)
    errors = [haversine_km(m.place.lat, m.place.lon, lat, lon) if m else None for m, (_, lat, lon) in zip(points, rows)]
    found = [e for e in errors if e is not None]
    n = len(rows)
    print(f"{name:19s} {split:4s} rows {n:5d}  coverage {len(found) / n:.3f}  "
          f"acc@25km {sum(e <= 25 for e in found) / n:.3f}  acc@161km {sum(e <= 161 for e in found) / n:.3f}  "
          f"median {statistics.median(found) if found else float('nan'):7.1f} km  {size / 1024 / seconds:7.0f} kB/s")
    categories = [("", "")] * n
    if breakdown and name == "ucdp-ged":
        reach = Reach(gazetteer)
        categories = [reach.category(text, lat, lon, ms) for (text, lat, lon), ms in zip(rows, found_places)]
        close = [bool(_close(ms, lat, lon)) for (_, lat, lon), ms in zip(rows, found_places)]
        print_breakdown(categories, close, errors)
    if failures and split == "dev":
        shown = 0
        for (text, lat, lon), m, e, (category, why) in zip(rows, points, errors, categories):
            if e is None or e > 25:
                got = f"{m.place.name} ({m.place.admin1}, {m.place.country}, {m.place.precision.value}) {e:.0f} km" \
                    if m else "no point"
                print(f"  MISS {category} {why} {text[:150]!r}\n       gold {lat:.3f},{lon:.3f} -> {got}")
                shown += 1
                if shown >= failures:
                    break


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--dataset", choices=sorted(DATASETS))
    parser.add_argument("--failures", type=int, default=0, help="list this many misses (dev split only)")
    parser.add_argument("--breakdown", action="store_true", help="ucdp-ged: rows by what the headline can give")
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
        run(name, args.split, args.failures, args.breakdown)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
