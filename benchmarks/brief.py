"""The daily brief against human key points: sitroom beside sumy's LexRank and TextRank, first
sentences, random sentences and a greedy ROUGE-2 oracle, all given the same input and length.

Follows ../shared/eval/README.md ("Key points"; "Live blogs with human key points").

Seeds (../shared/seeds): each is read by sitroom's own reader and cleaned as `sitroom ingest` does.
- Reference, one rule for both: the LAST entry of kind key_points or summary in the document's
  (chronological) entry order, one point per bullet paragraph of it (all its analysed paragraphs if it
  has no bullets).  On the live-updates page that is its key-point list (5 bullets); on the live
  blog, the closing "Summary" round-up of the day (9 bullets; its non-bullet opening line is left out).
- Input: every other entry (all key_points and summary entries removed), stored through
  `sitroom.ingest.store_document` in a fresh temporary store; sitroom then runs `extract_pending`,
  `link_pending` and `make_brief(store, day, max_points=n)`, n = the number of reference points,
  day = the seed's date.
- Baselines choose whole sentences from the same entries' analysed text (headline first where an
  entry has one), split by sitroom's spaCy pipeline, n sentences each: random (mean of 10 seeded
  draws), first sentences (the first body sentence of each of the first n entries, oldest first, the
  order sitroom stores), sumy LexRank and TextRank (English stemmer and stop words), greedy oracle.
- Scores: rouge-score F1 x 100, stemming on, rougeLsum over newline-separated points; for sitroom
  also how many points carry an entry id (traceability) and the time taken.

`--lrec dev|test` adds the LREC 2018 live-blog corpus (../shared/eval/liveblog-lrec2018/ukraine-2014):
- Reference: the file's `summary` (BBC key-point bullets; Guardian key-event headlines).
- Input: the posts, oldest first, less Guardian key-event and summary posts (`is_key_event`) and BBC
  cards that link to other stories (block ids sty_, csp_, map_); each post is one entry (its title as
  headline, its sentences as one paragraph, `time` as posted_at where it has a date: Guardian times are
  UTC; BBC gives a clock time only, so its posts have none), cleaned and stored as for the seeds;
  `make_brief(store, None, max_points=n)` (a blog may span more than a day).  Baselines pick from the
  corpus's own sentences of the posts left.  The corpus text is lower-cased and tokenised.

    python benchmarks/brief.py [--lrec dev|test] [--limit N] [--show] [--keep DIR]

`--keep DIR` keeps each case's store after linking in DIR, named by a hash of sitroom's code outside
`brief/`, and later runs start from it: while only the brief changes, a run rescores in seconds.

`--show` prints the reference and each system's points for the seeds (never for the corpus).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sqlite3
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from briefbase import (
    PoolSentence,
    Rouge,
    Scores,
    SumyTokenizer,
    build_pool,
    first_sentences,
    greedy_oracle,
    one_line,
    random_draw,
    sumy_select,
    sumy_words,
)

from sitroom.clean import clean
from sitroom.ingest import store_document
from sitroom.measure import code_stamp
from sitroom.model import Document, Entry, EntryKind, Paragraph
from sitroom.read import read_file
from sitroom.store.sqlite import Store

SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
SEED_FILES = ("liveupdates-2022-12-29.txt", "liveblog-2023-01-04.txt")
LREC = SHARED / "eval" / "liveblog-lrec2018" / "ukraine-2014"
REFERENCE_KINDS = (EntryKind.KEY_POINTS, EntryKind.SUMMARY)
LINK_CARD_PREFIXES = ("sty_", "csp_", "map_")  # BBC cards linking to other stories: not posts
RANDOM_DRAWS = 10
GOAL_RATIO = 1.5
NOT_AVAILABLE = "sitroom: brief not available yet"
SYSTEMS = ("random", "first sentences", "LexRank", "TextRank", "greedy oracle", "sitroom")
SAME_WORDS = "TextRank, =words"  # TextRank given as many words as sitroom used


@dataclass
class Case:
    """One blog to summarise: the input document (no key points or summaries left), the reference
    points, and the sentence pool the baselines choose from."""

    name: str
    day: date | None
    document: Document
    reference: list[str]
    pool: list[PoolSentence]
    publisher: str = ""


@dataclass
class SitroomRun:
    points: list[str] = field(default_factory=list)
    traced: int = 0  # points carrying at least one entry id
    seconds: dict[str, float] = field(default_factory=dict)
    error: str | None = None
    trace: str = ""  # the traceback of a failure, for whoever is writing the stage


@dataclass(frozen=True)
class SitroomApi:
    extract_pending: Callable
    link_pending: Callable
    make_brief: Callable


def load_sitroom() -> SitroomApi | None:
    """The brief stage, or None while it is still being written."""
    try:
        from sitroom.analyse import extract_pending, link_pending
        from sitroom.brief import make_brief
    except ImportError:
        return None
    return SitroomApi(extract_pending, link_pending, make_brief)


# --- Reading the seeds ----------------------------------------------------------------------


def reference_points(doc: Document) -> list[str]:
    """The last key_points/summary entry's bullets (its analysed paragraphs if it has none)."""
    digests = [entry for entry in doc.entries if entry.kind in REFERENCE_KINDS]
    if not digests:
        return []
    last = digests[-1]
    bullets = [p.text for p in last.paragraphs if p.bullet]
    return [one_line(text) for text in (bullets or [p.text for p in last.paragraphs if p.role.analysed])]


def entry_pool(entries: list[Entry], split: Callable[[str], tuple[str, ...]]) -> list[PoolSentence]:
    """Headline, then the sentences of each analysed paragraph (never across paragraphs)."""
    return build_pool(
        (entry.headline, [s for p in entry.paragraphs if p.role.analysed for s in split(p.text)]) for entry in entries
    )


def seed_case(path: Path, tokenizer: SumyTokenizer) -> Case:
    (doc,) = read_file(str(path))
    doc = clean(doc)
    reference = reference_points(doc)
    doc.entries = [entry for entry in doc.entries if entry.kind not in REFERENCE_KINDS]
    when = doc.published_at or doc.updated_at
    day = when.date() if isinstance(when, datetime) else when
    return Case(path.name, day, doc, reference, entry_pool(doc.entries, tokenizer.to_sentences))


# --- Reading the LREC 2018 corpus -----------------------------------------------------------


def _posted_at(value: object) -> datetime | None:
    """Guardian posts carry [y, m, d, h, min] in UTC; BBC posts a bare "HH:MM" (no day: None)."""
    if isinstance(value, list) and len(value) >= 5:
        try:
            return datetime(*(int(part) for part in value[:5]), tzinfo=UTC)
        except (TypeError, ValueError):
            return None
    return None


def lrec_case(path: Path) -> Case | None:
    """A corpus blog as a sitroom Document of its ordinary posts, oldest first."""
    data = json.loads(path.read_text(encoding="utf-8"))
    reference = [one_line(text) for text in data.get("summary") or [] if text.strip()]
    url = data.get("url") or None
    publisher = "Guardian" if "theguardian.com" in (url or path.name) or path.name.startswith("guardian") else "BBC"
    entries: list[Entry] = []
    sentences_of: dict[str, list[str]] = {}
    for number, post in enumerate(reversed(data.get("documents") or [])):
        block_id = str(post.get("block_id") or "").strip("'\"")
        if post.get("is_key_event") or block_id.startswith(LINK_CARD_PREFIXES):
            continue
        sentences = [one_line(s) for s in post.get("text") or [] if s and s.strip()]
        if not sentences:
            continue
        native_id = block_id or f"post-{number}"
        sentences_of[native_id] = sentences
        entries.append(
            Entry(
                kind=EntryKind.UPDATE,
                paragraphs=[Paragraph(" ".join(sentences))],
                headline=one_line(post.get("title") or "") or None,
                posted_at=_posted_at(post.get("time")),
                native_id=native_id,
            )
        )
    if not reference or not entries:
        return None
    times = [entry.posted_at for entry in entries if entry.posted_at is not None]
    doc = Document(
        format="html",  # the corpus was scraped from the publishers' pages
        title=data.get("title") or path.stem,
        url=url,
        source="The Guardian" if publisher == "Guardian" else "BBC News",
        published_at=min(times) if times else None,
        language="en",
        path=str(path),
        entries=entries,
    )
    doc = clean(doc)
    pool = build_pool(
        (entry.headline, sentences_of[entry.native_id] if any(p.role.analysed for p in entry.paragraphs) else [])
        for entry in doc.entries
    )
    return Case(path.name, None, doc, reference, pool, publisher)


# --- Running the systems --------------------------------------------------------------------


def kept_store(keep: Path | None, case: Case) -> Path | None:
    if keep is None:
        return None
    return keep / f"{code_stamp('brief')}-{re.sub(r'[^A-Za-z0-9._-]+', '_', case.name)}.db"


def run_sitroom(api: SitroomApi, case: Case, n: int, keep: Path | None = None) -> SitroomRun:
    """Store the input in a fresh store, extract, link, and ask for the brief of the case's day (from
    the store kept by an earlier run with the same code, where `keep` has one)."""
    run = SitroomRun()
    kept = kept_store(keep, case)
    with tempfile.TemporaryDirectory(prefix="sitroom-brief-") as folder:
        work = Path(folder) / "brief.db"
        if kept is not None and kept.is_file():
            shutil.copyfile(kept, work)
        store = Store(str(work))
        try:
            steps = [
                ("store", lambda: store_document(store, case.document)),
                ("extract", lambda: api.extract_pending(store)),
                ("link", lambda: api.link_pending(store)),
            ]
            if kept is not None and kept.is_file():
                steps = []
            elif kept is not None:
                steps.append(("keep", lambda: _keep(store, kept)))
            steps.append(("brief", lambda: api.make_brief(store, case.day, max_points=n)))
            brief = None
            for name, step in steps:
                started = time.perf_counter()
                brief = step()
                run.seconds[name] = time.perf_counter() - started
            points = list(brief.points)
            run.points = [one_line(point.text) for point in points]
            run.traced = sum(1 for point in points if point.entry_ids)
        except Exception as exc:  # noqa: BLE001 - the stage is being written: report it, keep the baselines
            run.error = f"{type(exc).__name__}: {exc}"
            run.trace = traceback.format_exc()
        finally:
            store.close()
    return run


def _keep(store: Store, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    target = sqlite3.connect(path)
    with target:
        store.db.backup(target)
    target.close()


def baselines(case: Case, n: int, rouge: Rouge, tokenizer: SumyTokenizer) -> tuple[dict[str, Scores], dict]:
    """Scores of every baseline, and their outputs (for --show)."""
    texts = [sentence.text for sentence in case.pool]
    draws = [rouge.score(random_draw(case.pool, n, seed), case.reference) for seed in range(RANDOM_DRAWS)]
    outputs = {
        "first sentences": first_sentences(case.pool, n),
        "LexRank": sumy_select(case.pool, n, "lexrank", tokenizer),
        "TextRank": sumy_select(case.pool, n, "textrank", tokenizer),
        "greedy oracle": [texts[i] for i in greedy_oracle(texts, case.reference, n)],
    }
    scores = {"random": Scores.mean(draws)}
    scores.update({name: rouge.score(points, case.reference) for name, points in outputs.items()})
    return scores, outputs


# --- Printing -------------------------------------------------------------------------------


def words_of(points: list[str]) -> int:
    return sum(len(point.split()) for point in points)


def row(name: str, scores: Scores | None, note: str = "", extra: str = "") -> str:
    if scores is None:
        return f"  {name:<18} {note}"
    return f"  {name:<18} {scores.r1:6.1f} {scores.r2:6.1f} {scores.rl:6.1f}{extra}{('   ' + note) if note else ''}"


def header(extra: str = "") -> str:
    return f"  {'system':<18} {'R1':>6} {'R2':>6} {'RLsum':>6}{extra}"


def ratio(sitroom: Scores | None, textrank: Scores) -> float | None:
    if sitroom is None or textrank.r2 <= 0:
        return None
    return sitroom.r2 / textrank.r2


def run_seeds(api: SitroomApi | None, rouge: Rouge, show: bool, keep: Path | None = None) -> None:
    tokenizer = SumyTokenizer.spacy()
    ratios: list[str] = []
    for name in SEED_FILES:
        path = SEEDS / name
        if not path.is_file():
            print(f"skipped: ../shared/seeds/{name} not found")
            continue
        case = seed_case(path, tokenizer)
        n = len(case.reference)
        entries = len(case.document.entries)
        print(
            f"\n{name}: day {case.day}, input {entries} entries / {len(case.pool)} sentences, "
            f"reference {n} points (budget {n} points each)"
        )
        scores, outputs = baselines(case, n, rouge, tokenizer)
        print(header())
        for system in SYSTEMS[:-1]:
            print(row(system, scores[system], "mean of 10 seeded draws" if system == "random" else ""))
        sitroom_scores = None
        if api is None:
            print(row("sitroom", None, NOT_AVAILABLE))
        else:
            run = run_sitroom(api, case, n, keep)
            if run.error:
                print(row("sitroom", None, f"sitroom failed: {run.error}"))
                print(run.trace, file=sys.stderr)
            else:
                sitroom_scores = rouge.score(run.points, case.reference)
                timing = ", ".join(f"{k} {v:.2f}s" for k, v in run.seconds.items())
                print(row("sitroom", sitroom_scores, f"{len(run.points)} points, {words_of(run.points)} words"))
                same_words = sumy_words(case.pool, words_of(run.points), "textrank", tokenizer)
                same_scores = rouge.score(same_words, case.reference)
                print(row(SAME_WORDS, same_scores, f"{len(same_words)} sentences, {words_of(same_words)} words"))
                outputs[SAME_WORDS] = same_words
                traced = f"{run.traced}/{len(run.points)} points carry an entry id"
                print(f"  sitroom traceability: {traced}; time: {timing}")
            outputs["sitroom"] = run.points
        r = ratio(sitroom_scores, scores["TextRank"])
        ratios.append(f"{name} {r:.2f}" if r is not None else f"{name} n/a")
        if sitroom_scores is not None:
            ratios[-1] += f" ({ratio(sitroom_scores, same_scores):.2f} at equal words)"
        if show:
            print("  reference:")
            for point in case.reference:
                print(f"    - {point}")
            for system, points in outputs.items():
                print(f"  {system}:")
                for point in points:
                    print(f"    - {point}")
    print(f"\nsitroom / TextRank ROUGE-2: {'; '.join(ratios)} (goal >= {GOAL_RATIO} on both)")


def progress(line: str, last: bool) -> None:
    """One line rewritten in place on a terminal; every tenth step and the last one otherwise."""
    if sys.stderr.isatty():
        print(f"\r  {line[:90]:<90}", end="\n" if last else "", file=sys.stderr, flush=True)
    elif last or line.split("[", 1)[1].split("/", 1)[0].endswith("0"):
        print(f"  {line}", file=sys.stderr, flush=True)


def run_lrec(api: SitroomApi | None, rouge: Rouge, split: str, limit: int | None, keep: Path | None = None) -> None:
    folder = LREC / split
    if not folder.is_dir():
        print(f"skipped: ../shared/eval/liveblog-lrec2018/ukraine-2014/{split} not found")
        return
    paths = sorted(folder.glob("*.json"))[: limit or None]
    tokenizer = SumyTokenizer.regex()  # the corpus gives its own sentences; sumy only needs words
    results: dict[str, list[tuple[str, Scores]]] = {system: [] for system in (*SYSTEMS, SAME_WORDS)}
    traced = points = 0
    failures: list[str] = []
    seconds = 0.0
    started = time.perf_counter()
    for number, path in enumerate(paths, 1):
        progress(f"lrec {split} [{number}/{len(paths)}] {path.name}", number == len(paths))
        case = lrec_case(path)
        if case is None:
            continue
        n = len(case.reference)
        scores, _ = baselines(case, n, rouge, tokenizer)
        for system, value in scores.items():
            results[system].append((case.publisher, value))
        if api is not None:
            run = run_sitroom(api, case, n, keep)
            seconds += sum(run.seconds.values())
            if run.error:
                if not failures:
                    print(f"\n{path.name}:\n{run.trace}", file=sys.stderr)
                failures.append(f"{path.name}: {run.error}")
            traced += run.traced
            points += len(run.points)
            results["sitroom"].append((case.publisher, rouge.score(run.points, case.reference)))
            same_words = sumy_words(case.pool, words_of(run.points), "textrank", tokenizer)
            results[SAME_WORDS].append((case.publisher, rouge.score(same_words, case.reference)))
    blogs = len(results["random"])
    by = {p: sum(1 for pub, _ in results["random"] if pub == p) for p in ("BBC", "Guardian")}
    print(
        f"\nLREC 2018 live blogs, ukraine-2014/{split}: {blogs} blogs ({by['BBC']} BBC, {by['Guardian']} Guardian), "
        f"mean over blogs; the corpus text is lower-cased and tokenised (sitroom reads it as it is)"
    )
    print(header(f" {'R2 BBC':>8} {'R2 Gdn':>8}"))
    for system in (*SYSTEMS, SAME_WORDS) if api is not None else SYSTEMS:
        items = results[system]
        if system == "sitroom" and api is None:
            print(row(system, None, NOT_AVAILABLE))
            continue
        means = {p: Scores.mean([s for pub, s in items if pub == p]) for p in ("BBC", "Guardian")}
        extra = f" {means['BBC'].r2:8.1f} {means['Guardian'].r2:8.1f}"
        note = "mean of 10 seeded draws" if system == "random" else ""
        if system == "sitroom" and failures:
            note = f"failed on {len(failures)} of {len(items)} blogs (scored 0), listed below"
        print(row(system, Scores.mean([s for _, s in items]), note, extra))
    if api is not None:
        print(f"  sitroom traceability: {traced}/{points} points carry an entry id; time {seconds:.1f}s in all")
        for failure in failures:
            print(f"  sitroom failed on {failure}")
        r = ratio(Scores.mean([s for _, s in results["sitroom"]]), Scores.mean([s for _, s in results["TextRank"]]))
        print(f"  sitroom / TextRank ROUGE-2: {r:.2f}" if r is not None else "  sitroom / TextRank ROUGE-2: n/a")
        same = ratio(Scores.mean([s for _, s in results["sitroom"]]), Scores.mean([s for _, s in results[SAME_WORDS]]))
        print(f"  sitroom / TextRank given sitroom's words: {same:.2f}" if same is not None else "")
    print(f"  ({time.perf_counter() - started:.0f}s)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lrec", choices=("dev", "test"), help="add the LREC 2018 ukraine-2014 split")
    parser.add_argument("--limit", type=int, default=None, help="read only the first N corpus blogs")
    parser.add_argument("--show", action="store_true", help="print the reference and every system's points (seeds)")
    parser.add_argument("--keep", type=Path, default=None, metavar="DIR",
                        help="keep linked stores in DIR and start from them while sitroom's code outside brief/ is unchanged")
    args = parser.parse_args(argv)
    if not SEEDS.is_dir():
        print("skipped: ../shared/seeds not found")
        return 0
    started = time.perf_counter()
    api = load_sitroom()
    rouge = Rouge()
    print("Daily brief vs human key points: rouge-score F1 x100 (stemming; rougeLsum over one point per line)")
    run_seeds(api, rouge, args.show, args.keep)
    if args.lrec:
        run_lrec(api, rouge, args.lrec, args.limit, args.keep)
    print(f"\ndone in {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
