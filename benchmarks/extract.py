"""Extraction speed and memory against spaCy's own speed on the same text.

Entries are real posts (headline + description) from ../shared/corpus/warline, cycled to the
number asked for (the bundled examples' paragraphs when the corpus is absent).  Prints, per core:
  - sitroom's whole extraction (spaCy sentences and entities + every rule + joining into events),
  - spaCy alone with the pipeline sitroom loads (tok2vec, senter, ner),
  - spaCy's whole default pipeline (tagger, parser, lemmatizer, ner) on the same text,
then resident memory after each slice, which should stay flat once models are loaded.

    python benchmarks/extract.py [--entries 10000]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitroom.extract.nlp import load_nlp  # noqa: E402
from sitroom.measure import rss_mb  # noqa: E402
from sitroom.extract.pipeline import EntryInput, Extractor  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "warline" / "warline_events.jsonl"


def posts() -> tuple[list[tuple[str, str]], str]:
    if CORPUS.is_file():
        found = []
        for line in CORPUS.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            text = (record.get("description_en") or "").strip()
            if text:
                found.append((record.get("headline") or "", text))
        return found, "../shared/corpus/warline"
    found = []
    for path in sorted((ROOT / "examples").glob("*.txt")):
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            if len(paragraph.split()) > 8:
                found.append(("", paragraph.strip()))
    return found, "examples/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--spacy-sample", type=int, default=2000, help="entries timed for the spaCy-alone figures")
    args = parser.parse_args()

    pool, origin = posts()
    items = [
        EntryInput(entry_id=i, document_id=0, text=pool[i % len(pool)][1], headline=pool[i % len(pool)][0])
        for i in range(args.entries)
    ]
    print(f"{args.entries} entries cycled from {len(pool)} posts in {origin}")

    started = time.perf_counter()
    extractor = Extractor()
    print(f"models and gazetteer loaded in {time.perf_counter() - started:.1f}s, RSS {rss_mb():.0f} MB")

    # spaCy alone on the same paragraphs, with sitroom's pipeline and with the full default one.
    sample = [p for item in items[: args.spacy_sample] for p in item.text.split("\n") if p.strip()]
    sample_kb = sum(len(p.encode()) for p in sample) / 1000
    figures = {}
    for name, nlp in (("spaCy as sitroom loads it", load_nlp()), ("spaCy full default pipeline", load_nlp(full=True))):
        list(nlp.pipe(sample[:50]))
        t = time.perf_counter()
        for _ in nlp.pipe(sample, batch_size=64):
            pass
        figures[name] = sample_kb / (time.perf_counter() - t)

    total_kb = 0.0
    events = 0
    slice_size = max(args.entries // 5, 1)
    t = time.perf_counter()
    for start in range(0, args.entries, slice_size):
        part = items[start : start + slice_size]
        total_kb += sum(len(item.text.encode()) for item in part) / 1000
        for result in extractor.run(part):
            events += len(result.events)
        print(f"  {start + len(part):>6} entries  {total_kb / (time.perf_counter() - t):6.1f} kB/s  RSS {rss_mb():.0f} MB")
    sitroom_speed = total_kb / (time.perf_counter() - t)

    print(f"sitroom whole extraction: {sitroom_speed:.1f} kB/s per core ({events} events, {events / total_kb:.2f} per kB)")
    for name, speed in figures.items():
        print(f"{name}: {speed:.1f} kB/s per core; sitroom runs at {sitroom_speed / speed:.2f} of it")
    print("goal: sitroom at least 0.5 of spaCy's own speed, memory flat over 10,000 entries")


if __name__ == "__main__":
    main()
