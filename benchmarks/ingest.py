"""Ingest throughput and memory: read + clean + dedupe + store over a generated corpus.

Generates live-blog text files (each with updates, a repeated summary digest, captions, an embedded
post, and paragraphs picked up from earlier blogs) in words drawn from real sentences -- the
unlabelled corpus in ../shared/corpus when it is beside the checkout, else the bundled examples --
then ingests them into a fresh SQLite file the way `sitroom ingest` does (Store.batch), and
prints after each fifth of the corpus: MB read, wall and CPU seconds, MB/s by each, and resident
memory now and at its peak, so that growth with corpus size shows.  The goal is "on one core",
so CPU time is the figure to compare on a shared machine; wall time includes waiting for it.

    python benchmarks/ingest.py [--documents 5000] [--keep DIR] [--per-document] [--profile FILE]

--per-document commits each document on its own (ingest_file outside a batch, as the web API's
upload does); --profile writes cProfile statistics of the ingest loop to FILE.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import json
import os
import random
import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitroom.ingest import ingest_file  # noqa: E402
from sitroom.measure import rss_mb  # noqa: E402
from sitroom.store.sqlite import Store  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "warline" / "warline_events.jsonl"


def sentence_pool() -> tuple[list[str], str]:
    if CORPUS.is_file():
        pool = []
        for line in CORPUS.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            for field in ("headline", "description_en"):
                pool.extend(s.strip() for s in re.split(r"(?<=[.!?])\s+", record.get(field) or "") if len(s.split()) > 6)
        return pool, "../shared/corpus/warline"
    pool = []
    for path in (ROOT / "examples").glob("*.txt"):
        pool.extend(line.strip(" -•") for line in path.read_text(encoding="utf-8").splitlines() if len(line.split()) > 6)
    return pool, "examples/"


class Babbler:
    """New sentences from a word-bigram chain over real ones: realistic words and lengths, while
    two generated paragraphs overlap no more than two unrelated reports would."""

    def __init__(self, pool: list[str], rng: random.Random):
        self.rng = rng
        self.next: dict[str, list[str]] = {}
        self.openers = []
        for sentence in pool:
            words = sentence.split()
            self.openers.append(words[0])
            for a, b in zip(words, words[1:] + ["<end>"]):
                self.next.setdefault(a, []).append(b)

    def sentence(self) -> str:
        word = self.rng.choice(self.openers)
        words = [word]
        while len(words) < 40:
            word = self.rng.choice(self.next.get(word, ["<end>"]))
            if word == "<end>":
                if len(words) >= 8:
                    break
                word = self.rng.choice(self.openers)
            words.append(word)
        text = " ".join(words)
        return text if text.endswith((".", "!", "?")) else text + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(1, 3)))


def make_document(rng: random.Random, babbler: Babbler, number: int, recent: list[str]) -> str:
    """A live blog: updates, a digest repeating some of them, captions, an embed, and now and
    then a paragraph picked up from an earlier blog (as wire copy is)."""
    day = f"2022-{rng.randint(3, 11):02d}-{rng.randint(1, 28):02d}"
    entries = []
    for _ in range(rng.randint(6, 14)):
        paragraphs = [babbler.paragraph() for _ in range(rng.randint(2, 5))]
        if recent and rng.random() < 0.2:
            paragraphs.append(rng.choice(recent))
        if rng.random() < 0.15:
            caption = f"A view of the damaged building in the city centre, picture {number}."
            paragraphs += [caption, caption + " Photograph: Example Agency"]
        if rng.random() < 0.1:
            paragraphs += [f"Air defence is working over the region pic.twitter.com/ab{number}", "— Example Desk (@ExampleDesk) March 3, 2022"]
        entries.append(paragraphs)
    recent.extend(entries[0][:2])
    del recent[:-200]
    digest = ["  • " + rng.choice(entry) for entry in rng.sample(entries, min(4, len(entries)))]
    body = []
    for index, paragraphs in enumerate(reversed(entries)):
        body.append("\n\n".join(paragraphs))
        if index == len(entries) // 2:
            body.append("Summary of the day so far …\n\n" + "\n\n".join(digest))
    blocks = "\n\nUpdated\n\n".join(body)
    return (
        f"War live {day}: day {number} of coverage – as it happened\n\nLast modified: 06: 00 PM GMT+0\n\n"
        f"Standfirst for blog {number}.\n\nSummary\n\n" + "\n\n".join(digest) + f"\n\nUpdated\n\n{blocks}\n\nUpdated\n"
    )


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=5000)
    parser.add_argument("--keep", help="write the corpus and database here and keep them")
    parser.add_argument("--per-document", action="store_true", help="commit each document alone (no Store.batch)")
    parser.add_argument("--profile", help="write cProfile statistics of the ingest loop to this file")
    args = parser.parse_args()
    rng = random.Random(20230104)
    pool, origin = sentence_pool()
    babbler = Babbler(pool, rng)
    recent: list[str] = []
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="sitroom-bench-"))
    corpus = work / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    total_bytes = 0
    paths = []
    for number in range(args.documents):
        path = corpus / f"blog-{number:05d}-2022-06-01.txt"
        text = make_document(rng, babbler, number, recent)
        path.write_text(text, encoding="utf-8")
        total_bytes += len(text.encode())
        paths.append(str(path))
    del pool, babbler, recent
    print(f"corpus: {args.documents} documents, {total_bytes / 1e6:.1f} MB, sentences from {origin}")
    db = work / "bench.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    store = Store(str(db))
    done_bytes = 0
    entries = duplicates = 0
    checkpoints = {max(1, args.documents * k // 5) for k in range(1, 6)}
    profiler = cProfile.Profile() if args.profile else None
    columns = ("documents", 10), ("MB", 7), ("wall s", 7), ("CPU s", 7), ("MB/s wall", 10), ("MB/s CPU", 9), ("RSS MB", 7)
    print(" ".join(f"{name:>{width}}" for name, width in columns), f"{'peak RSS MB':>12}")
    start_wall, start_cpu = time.perf_counter(), time.process_time()
    with contextlib.nullcontext() if args.per_document else store.batch():
        if profiler:
            profiler.enable()
        for index, path in enumerate(paths, start=1):
            result = ingest_file(store, path)
            if result.error:
                raise SystemExit(f"benchmark input failed: {result.error}")
            done_bytes += os.path.getsize(path)
            for doc in result.documents:
                entries += doc.entries_added
                duplicates += doc.duplicate_entries + doc.duplicate_paragraphs
            if index in checkpoints:
                wall = time.perf_counter() - start_wall
                cpu = time.process_time() - start_cpu
                mb = done_bytes / 1e6
                print(
                    f"{index:>10} {mb:>7.1f} {wall:>7.1f} {cpu:>7.1f} {mb / wall:>10.2f} {mb / cpu:>9.2f}"
                    f" {rss_mb():>7.0f} {peak_rss_mb():>12.0f}"
                )
        if profiler:
            profiler.disable()
    store.close()
    wall = time.perf_counter() - start_wall
    cpu = time.process_time() - start_cpu
    mb = done_bytes / 1e6
    print(
        f"total: {mb:.1f} MB in {cpu:.1f} CPU s = {mb / cpu:.2f} MB/s on one core ({wall:.1f} s wall = {mb / wall:.2f} MB/s);"
        f" {entries} entries, {duplicates} duplicates linked; database {db.stat().st_size / 1e6:.0f} MB;"
        f" peak RSS {peak_rss_mb():.0f} MB (goal: >= 2 MB/s on one core, memory flat)"
    )
    if profiler:
        profiler.dump_stats(args.profile)
        print(f"profile: {args.profile}")
    if not args.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
