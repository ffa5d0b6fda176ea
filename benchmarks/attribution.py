"""Attribution, certainty and actors over real text: coverage, distributions, agreement, speed.

Two inputs, both read at run time from beside the checkout (skipped cleanly when absent):

- ../shared/corpus/warline/warline_events.jsonl (real posts, no labels): share of sentences with an
  attribution, the organisations and certainty levels found, actor roles, and kB/s of each function
  on one core.
- ../shared/eval/ucdp-ged/{dev,test}.csv: each coded event names the source UCDP used
  (`source_original`, free text).  Where a headline carries its own attribution, does the organisation
  found stand on the same side (Russian side, Ukrainian side, international monitor) and is it the
  same body for the common sources (Russian MoD, Ukraine's general staff, DPR, LPR, oblast heads)?
  This is indicative: the headline and UCDP's source can differ.

    python benchmarks/attribution.py [--split dev|test] [--limit N]
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from collections import Counter
from pathlib import Path

from sitroom.extract import actors as actor_rules
from sitroom.extract import attribution as attribution_rules
from sitroom.extract import certainty as certainty_rules
from sitroom.extract.actors import ACTORS, find_actors
from sitroom.extract.attribution import find_attribution, split_sentences
from sitroom.extract.certainty import certainty

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
WARLINE = SHARED / "corpus" / "warline" / "warline_events.jsonl"
UCDP = SHARED / "eval" / "ucdp-ged"
BY_NAME = {a.name: a for a in ACTORS.values()}

# Benchmark-only reading of UCDP's free-text source field: keyword -> side, and -> canonical id.
GOLD_SIDE = (
    ("RU", ("russian defense ministry", "russian defence ministry", "ministry of defense of the russian",
            "ministry of defense (mo) of russia", "konashenkov", "rf ministry", "dpr", "lpr", "lnr", "dnr",
            "basurin", "people's militia", "novorossiya", "donetsk people", "luhansk people", "lugansk people",
            "rebel", "separatist")),
    ("UA", ("ukraine (", "ukrainian", "jfo", "ato ", "ato,", "general staff of the armed forces of ukraine",
            "operational command", "regional military administration", "state emergency service",
            "state border", "national police", "prosecutor general", "kyiv", "kiev")),
    ("INTL", ("ohchr", "osce", "hrmmu", "united nations")),
)
GOLD_ID = (
    ("ru_mod", ("russian defense ministry", "ministry of defense of the russian federation", "konashenkov",
                "ministry of defense (mo) of russia")),
    ("ua_general_staff", ("general staff of the armed forces of ukraine", "general staff")),
    ("dpr", ("dpr", "dnr", "donetsk people", "basurin")),
    ("lpr", ("lpr", "lnr", "luhansk people", "lugansk people")),
    ("ua_regional_authorities", ("regional military administration", "regional state administration", " ova",
                                 "(ova", "oda", "governor")),
)
SAME_BODY = {"dpr": {"dpr", "dpr_forces"}, "lpr": {"lpr", "lpr_forces"}}


def side_of(actor) -> str | None:
    if actor is None:
        return None
    if actor.country in ("RU", "UA") and actor.sector not in ("media", "civilians", "infrastructure"):
        return actor.country
    if actor.sector == "international":
        return "INTL"
    return None


def gold(text: str, table) -> str | None:
    low = text.lower()
    for key, words in table:
        if any(w in low for w in words):
            return key
    return None


def warline(limit: int | None) -> None:
    if not WARLINE.is_file():
        print("skipped: ../shared/corpus/warline not found")
        return
    items: list[tuple[str, str]] = []
    for line in WARLINE.read_text(encoding="utf-8").splitlines()[:limit]:
        post = json.loads(line)
        for field in ("headline", "description_en"):
            for paragraph in (post.get(field) or "").split("\n"):
                if paragraph.strip():
                    items.extend((paragraph[s:e], paragraph) for s, e in split_sentences(paragraph))
    size = sum(len(s.encode("utf-8")) for s, _ in items)
    attributions = [find_attribution(s, p) for s, p in items]
    own = sum(1 for s, _ in items if find_attribution(s) is not None)
    levels = Counter(certainty(s, p, a).value for (s, p), a in zip(items, attributions))
    organisations = Counter(a.organisation for a in attributions if a and a.organisation)
    mentions = [m for s, _ in items for m in find_actors(s)]
    roles = Counter(m.role or "none" for m in mentions)
    print(f"warline: {len(items)} sentences, {size / 1000:.0f} kB")
    with_org = sum(1 for a in attributions if a and a.organisation) / len(items)
    with_person = sum(1 for a in attributions if a and a.person) / len(items)
    print(f"  attributed: {sum(1 for a in attributions if a) / len(items):.1%} (own {own / len(items):.1%}; "
          f"with an organisation {with_org:.1%}; with a person {with_person:.1%})")
    print("  certainty: " + ", ".join(f"{k} {v / len(items):.1%}" for k, v in levels.most_common()))
    print("  organisations: " + ", ".join(f"{k} {v}" for k, v in organisations.most_common(12)))
    print(f"  actor mentions: {len(mentions)} ({', '.join(f'{k} {v}' for k, v in roles.most_common())}); "
          f"sentences with an actor and a target: "
          f"{sum(1 for s, _ in items if {'actor', 'target'} <= {m.role for m in find_actors(s)}) / len(items):.1%}")
    speed(items, size)


def _clear() -> None:
    actor_rules.tokenize.cache_clear()
    actor_rules._scan_cached.cache_clear()
    attribution_rules._paragraph_sources.cache_clear()
    certainty_rules._caveats.cache_clear()


def speed(items: list[tuple[str, str]], size: int) -> None:
    runs = {
        "find_actors": lambda s, p: find_actors(s),
        "find_attribution": lambda s, p: find_attribution(s, p),
        "certainty": lambda s, p: certainty(s, p),
        "all three": lambda s, p: (find_actors(s), certainty(s, p, find_attribution(s, p))),
    }
    figures = []
    for name, run in runs.items():
        _clear()
        start = time.perf_counter()
        for sentence, paragraph in items:
            run(sentence, paragraph)
        figures.append(f"{name} {size / 1000 / (time.perf_counter() - start):.0f} kB/s")
    print("  speed (one core, cold caches): " + ", ".join(figures))


def ucdp(split: str) -> None:
    path = UCDP / f"{split}.csv"
    if not path.is_file():
        print("skipped: ../shared/eval not found")
        return
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    found = side_known = side_agree = id_known = id_agree = 0
    claimed_by_mod = mod_rows = 0
    confusion: Counter = Counter()
    for row in rows:
        headline = row["source_headline"].split(";")[0]
        attribution = find_attribution(headline)
        actor = BY_NAME.get(attribution.organisation) if attribution and attribution.organisation else None
        if actor is None:
            continue
        found += 1
        want_side = gold(row["source_original"], GOLD_SIDE)
        got_side = side_of(actor)
        if want_side and got_side:
            side_known += 1
            side_agree += want_side == got_side
        want_id = gold(row["source_original"], GOLD_ID)
        if want_id:
            id_known += 1
            ok = actor.id in SAME_BODY.get(want_id, {want_id})
            id_agree += ok
            if not ok:
                confusion[(want_id, actor.id)] += 1
        if actor.id == "ru_mod":
            mod_rows += 1
            claimed_by_mod += certainty(headline, None, attribution).value == "claimed"
    print(f"ucdp-ged {split}: {len(rows)} rows; headline names an organisation: {found} ({found / len(rows):.1%})")
    if side_known:
        print(f"  same side as UCDP's source: {side_agree}/{side_known} = {side_agree / side_known:.1%}")
    if id_known:
        print(f"  same body (Russian MoD, general staff, DPR, LPR, oblast heads): {id_agree}/{id_known} = "
              f"{id_agree / id_known:.1%}; top mismatches: {confusion.most_common(4)}")
    if mod_rows:
        print(f"  Russian MoD headlines marked claimed: {claimed_by_mod}/{mod_rows} = {claimed_by_mod / mod_rows:.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=("dev", "test"))
    parser.add_argument("--limit", type=int, default=None, help="read only the first N warline posts")
    args = parser.parse_args()
    warline(args.limit)
    ucdp(args.split)


if __name__ == "__main__":
    main()
