"""Casualty figures against real coded data: UCDP GED headlines and Bellingcat civilian-harm descriptions.

Follows ../shared/eval/README.md ("Casualties").  Input: UCDP `source_headline` (several source
headlines joined by ";"), Bellingcat `description`.  Output: people killed, read by
`sitroom.extract.figures.find_figures` from each headline, one segment at a time.

What is predicted for a row: each segment's killed total (`figures.total`: its killed figures added
up, parts such as "including two children" left out, vague ones such as "dozens" have no value), or
where it has none its bodies-found total (bodies are deaths).  Segments are separate reports of the
same event: where some segment updates a toll ("death toll rises to five", "raises death toll to 17",
a figure with a `previous` value) the largest update wins, since it supersedes the earlier reports;
else the value most segments give (the earliest on a tie), taken from the segments without an
aggregate marker (below) where there are any.

Two denominators, both decided on the headline alone except where said:
1. "States a count" (the protocol's wording, read broadly; never uses `best`): some segment has a
   number (digits, a number word, or "a/an/one" before a person noun) within three words before a
   death word, or a death word within two words before a number.  Death words: killed, kill(s/ing),
   dead, died, die(s), death(s), lives, perished, bodies, fatalities, KIA, and "destroyed/eliminated"
   before soldiers in military reports.  UCDP codes one event per place and day from several sources,
   so about half of these headlines state another number than `best` (a regional or daily total, an
   early toll, a count of another side): exact match here is capped near the share where `best` is
   written at all (the "ceiling" line).
2. "States the count UCDP coded" (the denominator the goal of >= 0.85 plainly assumes): rows of (1)
   where `best` itself is the number tied to a death word in some segment, by the same windows, or
   is the number a death toll reaches ("toll ... rises to four"); digits or a number word, or
   "a/an" before a person noun for 1.  This subset is chosen with `best`, so it measures the
   extractor's reading of a stated count, not UCDP's choice between reports.
Both judges are separate, simpler regexes than the extractor, so that the extractor is not graded by
itself.

Reported for UCDP:
- exact match on both denominators (no prediction = wrong); on (1) also over the "single-event"
  subset, rows whose headlines carry no aggregate marker ("in a day", "past 24 hours", "past week",
  "this year", "since"): UCDP splits such period totals across places.
- the ceiling: the share of (1) where `best` is written in the headline at all (as a number, or 1
  for a singular person noun), and the exact match there.
- false figures: rows where a killed count is produced that the headline does not support: the row
  has no death word at all, or the prediction differs from `best` and is neither a number the headline
  writes nor a sum of some it writes in one segment ("Five troops, civilian killed" -> 6).  Shown over
  all rows and over rows with a prediction (goal < 2%).
For Bellingcat (no killed column): rows stating deaths, the share of them given a killed figure, and
killed figures on rows with no death word (unsupported by construction).  Then the speed of
`find_figures` and `dates.event_date` in kB/s on one core (goal > 200).  `--show N` prints a sample
of misses for checking by hand.

    python benchmarks/casualties.py [--split dev|test] [--show 20]
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitroom.extract.dates import event_date  # noqa: E402
from sitroom.extract.figures import find_figures, total  # noqa: E402
from sitroom.extract.numbers import find_numbers  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
SPEED_GOAL = 200  # kB/s, one core: the project's floor for readers that run on every sentence

_NUMBER = (
    r"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
    r"(?:a|an|one)\s+(?:\w+[\s-]+){0,2}?(?:civilian|soldier|serviceman|man|woman|child|boy|girl|person|resident|"
    r"militiaman|teenager|policeman|driver|fighter))"
)
_DEATH = (
    r"(?:killed|kill|kills|killing|dead|died|die|dies|deaths?|lives|perished|bodies|fatalit(?:y|ies)|kia|"
    r"(?:destroyed|eliminated|liquidated)(?=(?:\W+\w+){0,6}?\W+(?:soldiers|servicemen|personnel|invaders|militants|"
    r"paratroopers|occupiers|troops|fighters|mercenaries)\b))"
)
STATES_COUNT = re.compile(
    rf"\b{_NUMBER}\b(?:\W+\w+){{0,3}}?\W+{_DEATH}\b|\b{_DEATH}\b(?:\W+\w+){{0,2}}?\W+{_NUMBER}\b", re.IGNORECASE
)
# The stricter judge: the same windows, with the number captured so that its value can be compared with
# `best`; a death toll also ties the number after it ("death toll in Horlivka rises to four").
_WORD_VALUES = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
_WORD_VALUES.update({w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety"
                                                     .split()) if w != "_"})
_COUNT_WORD = "|".join(sorted(_WORD_VALUES, key=len, reverse=True))
_STATED_NUMBER = (
    r"(?P<n>\d[\d,]*(?![.\d]\d|-[A-Za-z])"  # digits, not "UPDATE 2-Dozens"
    rf"|(?:{_COUNT_WORD})(?:[\s-]+(?:{_COUNT_WORD}))?(?:\s+hundred(?:\s+and\s+(?:{_COUNT_WORD}))?)?"
    r"|(?:a|an)(?=\s+(?:\w+[\s-]+){0,2}?(?:civilian|soldier|serviceman|man|woman|child|boy|girl|person|resident|"
    r"militiaman|teenager|policeman|driver|fighter)\b))"
)
NUMBER_BEFORE_DEATH = re.compile(rf"\b{_STATED_NUMBER}\b(?=(?:\W+\w+){{0,3}}?\W+{_DEATH}\b)", re.IGNORECASE)
NUMBER_AFTER_DEATH = re.compile(
    rf"(?:\b{_DEATH}\b(?:\W+\w+){{0,2}}?"
    rf"|\btolls?\b(?:\W+\w+){{0,10}}?\W+(?:to|at|of|hits|hit|reaches|reached|tops|passes))\W+{_STATED_NUMBER}\b",
    re.IGNORECASE,
)
SINGULAR_PERSON = re.compile(
    r"\b(?:civilian|soldier|serviceman|man|woman|child|boy|girl|person|resident|militiaman|teenager|policeman|"
    r"driver|fighter|wife|husband|officer|commander|journalist|volunteer|victim|body)\b(?!s)",
    re.IGNORECASE,
)
DEATH_WORD = re.compile(rf"\b{_DEATH}\b|\bdeath\b|\btoll\b", re.IGNORECASE)
TOLL_UPDATE = re.compile(
    r"\b(?:toll|number\s+of\s+(?:dead|deaths|victims|those\s+killed))\b.*\b(?:rises?|rose|risen|raised?|raises|climbs?|"
    r"climbed|increased?|increases|jumps?|jumped|grows?|grew|mounts?|mounted|up)\s+(?:\w+\s+){0,3}?to\b"
    r"|\b(?:raises?|raised|revises?|revised|updates?|updated|ups)\s+(?:the\s+)?(?:death\s+)?toll\b.*\bto\b",
    re.IGNORECASE,
)
AGGREGATE = re.compile(
    r"\b(?:in\s+a\s+day|during\s+the\s+day|per\s+day|a\s+day|in\s+one\s+day|"
    r"past\s+(?:24\s+hours|day|week|month|year)|last\s+(?:24\s+hours|week|month)|"
    r"over\s+(?:the\s+)?(?:past\s+)?(?:week|weekend|month|year)|in\s+(?:seven|7)\s+days|"
    r"(?:in|over|within)\s+(?:the\s+)?24\s+hours|this\s+year|since|so\s+far|in\s+total|in\s+\w+\s+days)\b",
    re.IGNORECASE,
)


def stated_value(number: str) -> float | None:
    """The value of a number as the judge reads it: digits, 'twenty-one', 'two hundred', 'a' (one person)."""
    number = number.lower().replace(",", "")
    if number.isdigit():
        return float(number)
    if number in ("a", "an"):
        return 1.0
    value = 0
    for word in re.split(r"[\s-]+", number):
        if word == "hundred":
            value = max(value, 1) * 100
        elif word in _WORD_VALUES:
            value += _WORD_VALUES[word]
    return float(value)


def states_best(text: str, best: float) -> bool:
    """Whether some segment ties `best` to a death word: the number UCDP coded is the count the headline
    states ("Four soldiers killed" with best 4; not "Two killed" with best 3)."""
    for segment in text.split(";"):
        for m in (*NUMBER_BEFORE_DEATH.finditer(segment), *NUMBER_AFTER_DEATH.finditer(segment)):
            if stated_value(m.group("n")) == best:
                return True
    return False


def killed_of(text: str) -> tuple[float | None, float]:
    """The row's killed prediction and the seconds spent reading it."""
    values: list[tuple[bool, float]] = []
    updates: list[float] = []
    spent = 0.0
    for segment in text.split(";"):
        segment = segment.strip()
        if not segment:
            continue
        t0 = time.perf_counter()
        figures = find_figures(segment)
        spent += time.perf_counter() - t0
        value = deaths(figures)
        if value is not None:
            values.append((bool(AGGREGATE.search(segment)), value))
            if TOLL_UPDATE.search(segment) or any(f.previous is not None for f in figures if f.measure == "killed"):
                updates.append(value)
    if not values:
        return None, spent
    if updates:
        return max(updates), spent  # "death toll rises to 5" supersedes the earlier reports
    chosen = [v for aggregate, v in values if not aggregate] or [v for _, v in values]
    return max(chosen, key=lambda v: (chosen.count(v), -chosen.index(v))), spent


def deaths(figures: list) -> float | None:
    """People killed by a text's figures: its killed total, or where it has none its bodies found."""
    value = total(figures, "killed")
    return value if value is not None else total(figures, "bodies_found")


def written(text: str) -> list[float]:
    """The counts a headline writes: its numbers, and 1 for each singular person noun ("a civilian",
    "Soldier, civilian killed")."""
    found = [n.quantity.value for n in find_numbers(text) if n.kind == "count" and n.quantity.value is not None]
    found += [1.0] * len(SINGULAR_PERSON.findall(text))
    return found


def supported(value: float, text: str) -> bool:
    """Whether a count is one the headline writes, or a sum of some it writes ("Five troops, civilian
    killed" -> 6), within one segment."""
    for segment in text.split(";"):
        sums = {0.0}
        for number in written(segment)[:12]:
            sums |= {s + number for s in sums}
        if value in sums:
            return True
    return False


def ucdp(split: str, show: int) -> float:
    path = EVAL / "ucdp-ged" / f"{split}.csv"
    rows = [r for r in csv.DictReader(path.open(encoding="utf-8")) if r.get("source_headline")]
    stated = stated_hit = single = single_hit = produced = unsupported = no_death = ceiling = ceiling_hit = 0
    strict = strict_hit = strict_wrong = 0
    strict_misses: list[tuple[str, float, float | None]] = []
    spent = 0.0
    size = 0
    misses: list[tuple[str, float, float | None]] = []
    false_rows: list[tuple[str, float, float | None]] = []
    for row in rows:
        text = row["source_headline"]
        size += len(text.encode("utf-8"))
        best = float(row["best"])
        pred, seconds = killed_of(text)
        spent += seconds
        states = bool(STATES_COUNT.search(text))
        if states:
            stated += 1
            stated_hit += pred == best
            if not AGGREGATE.search(text):
                single += 1
                single_hit += pred == best
            if states_best(text, best):
                strict += 1
                strict_hit += pred == best
                strict_wrong += pred is not None and pred != best
                if pred != best:
                    strict_misses.append((text, best, pred))
            if best in written(text):  # a diagnostic subset: chosen with best
                ceiling += 1
                ceiling_hit += pred == best
                if pred != best:
                    misses.append((text, best, pred))
        if pred is not None:
            produced += 1
            has_death = bool(DEATH_WORD.search(text))
            if not has_death or (pred != best and not supported(pred, text)):
                unsupported += 1
                no_death += not has_death
                false_rows.append((text, best, pred))
    print(f"ucdp-ged {split}: {len(rows)} rows with a headline")
    print("  killed exact match vs best (goal >= 0.85), two denominators:")
    print(f"    (1) headline states a count:              {stated_hit / max(stated, 1):.3f} ({stated_hit}/{stated})")
    print(f"    (2) headline states the count UCDP coded: {strict_hit / max(strict, 1):.3f} ({strict_hit}/{strict}; "
          f"{strict_wrong} another value, {strict - strict_hit - strict_wrong} none)")
    print(f"  ceiling of (1): best is written in {ceiling / max(stated, 1):.3f} of them; exact match where it is "
          f"{ceiling_hit / max(ceiling, 1):.3f} ({ceiling_hit}/{ceiling})")
    print(f"  single-event subset of (1): {single} rows; killed exact match {single_hit / max(single, 1):.3f} "
          f"({single_hit}/{single})")
    print(f"  killed produced on {produced} rows; unsupported {unsupported} "
          f"({unsupported / len(rows):.2%} of rows, {unsupported / max(produced, 1):.2%} of rows with a figure; "
          f"{no_death} with no death word)")
    _sample("  misses where the headline states the count UCDP coded (best, predicted):", strict_misses, show)
    _sample("  misses where best is written (best, predicted):", misses, show)
    _sample("  unsupported (best, predicted):", false_rows, show)
    return size / spent / 1000 if spent else 0.0


def bellingcat(split: str, show: int) -> float:
    path = EVAL / "bellingcat-civharm" / f"{split}.csv"
    rows = [r for r in csv.DictReader(path.open(encoding="utf-8")) if r.get("description")]
    stated = stated_given = produced = unsupported = 0
    spent = 0.0
    size = 0
    given: list[tuple[str, float, float | None]] = []
    for row in rows:
        text = row["description"]
        size += len(text.encode("utf-8"))
        t0 = time.perf_counter()
        value = deaths(find_figures(text))
        spent += time.perf_counter() - t0
        states = bool(STATES_COUNT.search(text))
        stated += states
        if value is not None:
            produced += 1
            stated_given += states
            unsupported += not DEATH_WORD.search(text)
            given.append((text, float("nan"), value))
    print(f"bellingcat-civharm {split}: {len(rows)} descriptions")
    print(f"  state deaths: {stated}; given a killed figure: {stated_given} ({stated_given / max(stated, 1):.3f})")
    print(f"  killed produced on {produced} rows; on rows with no death word: {unsupported} "
          f"({unsupported / len(rows):.2%} of rows)")
    _sample("  killed figures (for checking by hand):", given, show)
    return size / spent / 1000 if spent else 0.0


def _sample(title: str, rows: list[tuple[str, float, float | None]], show: int) -> None:
    if not show or not rows:
        return
    print(title)
    for text, best, pred in random.Random(7).sample(rows, min(show, len(rows))):
        print(f"    {best:g} {pred} | {text[:200]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--show", type=int, default=0, help="print this many misses and figures to check by hand")
    args = parser.parse_args()
    if not EVAL.is_dir():
        print("skipped: ../shared/eval not found")
        return
    figure_speeds = {"ucdp headlines": ucdp(args.split, args.show),
                     "bellingcat descriptions": bellingcat(args.split, args.show)}
    # Speed over plain sentences: the seeds and the UCDP headlines, every line read several times, for both
    # readers that run on every sentence of a feed.
    seeds = ROOT.parent / "shared" / "seeds"
    lines = [line for path in sorted(seeds.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip()] if seeds.is_dir() else []
    headlines = [r["source_headline"] for r in csv.DictReader((EVAL / "ucdp-ged" / f"{args.split}.csv").open(
        encoding="utf-8")) if r.get("source_headline")]
    anchor = date(2023, 1, 4)
    date_speeds = {"ucdp headlines": _speed(lambda line: event_date(line, anchor), headlines, 3)}
    if lines:
        figure_speeds["seed lines"] = _speed(find_figures, lines, 20)
        date_speeds["seed lines"] = _speed(lambda line: event_date(line, anchor), lines, 20)
    for name, speeds in (("find_figures", figure_speeds), ("event_date", date_speeds)):
        worst = min(speeds.values())
        print(f"speed of {name} (kB/s, one core; goal > {SPEED_GOAL}): "
              + ", ".join(f"{k} {v:.0f}" for k, v in speeds.items())
              + (" - ok" if worst > SPEED_GOAL else " - BELOW GOAL"))


def _speed(read, lines: list[str], rounds: int) -> float:
    """kB/s of `read` over `lines`, each read `rounds` times."""
    size = sum(len(line.encode("utf-8")) for line in lines) * rounds
    t0 = time.perf_counter()
    for _ in range(rounds):
        for line in lines:
            read(line)
    return size / (time.perf_counter() - t0) / 1000

if __name__ == "__main__":
    main()
