"""The daily-brief benchmark's own parts: the tokenizer handed to sumy, the baselines, the greedy
oracle (checked against a plain greedy search scored by rouge-score itself), the corpus and seed
conversions, and the script run end to end on the seeds."""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from itertools import combinations

import pytest

from sitroom.model import Document, Entry, EntryKind, Paragraph

from .conftest import ROOT, SEEDS

sys.path.insert(0, str(ROOT / "benchmarks"))

import brief
from briefbase import (
    Rouge,
    SumyTokenizer,
    build_pool,
    first_sentences,
    greedy_oracle,
    random_draw,
    sumy_select,
    sumy_words,
)

# Made-up coverage, written for these tests.
REFERENCE = [
    "Drones struck a fuel depot near the river port overnight, the regional governor said.",
    "Two workers were injured and the fire was put out by morning.",
]
SENTENCES = [
    "The mayor opened a new bakery on the main square.",
    "Drones struck a fuel depot near the river port overnight.",
    "The regional governor said two workers were injured.",
    "The fire was put out by morning, firefighters said.",
    "Football fans gathered for the cup final.",
    "A fuel depot fire burned near the port.",
]


@pytest.fixture(scope="module")
def rouge() -> Rouge:
    return Rouge()


# --- tokenizer adapter ------------------------------------------------------------------------


def test_regex_tokenizer_sentences_and_words():
    tokenizer = SumyTokenizer.regex()
    text = 'Gen. Petrenko said the U. S. sent aid. "It arrived late." Then 12 more trucks came! Why? no new sentence.'
    assert tokenizer.to_sentences(text) == (
        "Gen. Petrenko said the U. S. sent aid.",
        '"It arrived late."',
        "Then 12 more trucks came!",
        "Why? no new sentence.",
    )
    assert tokenizer.to_words("An S-300 didn't hit the U.N. building, officials said.") == (
        "An", "S-300", "didn't", "hit", "the", "U.N", "building", "officials", "said",
    )


def test_spacy_tokenizer_uses_sitroom_pipeline():
    tokenizer = SumyTokenizer.spacy()
    sentences = tokenizer.to_sentences(
        "Shelling hit the district overnight. Three houses burned. The governor asked residents to stay inside."
    )
    assert sentences == (
        "Shelling hit the district overnight.",
        "Three houses burned.",
        "The governor asked residents to stay inside.",
    )


def test_sumy_parser_runs_on_the_adapter_without_nltk_data():
    from sumy.parsers.plaintext import PlaintextParser

    text = "One fire burned. Two fires burned.\n\nA third fire burned today."
    parser = PlaintextParser.from_string(text, SumyTokenizer.regex())
    sentences = ["One fire burned.", "Two fires burned.", "A third fire burned today."]
    assert [str(s) for s in parser.document.sentences] == sentences
    assert parser.document.sentences[2].words == ("A", "third", "fire", "burned", "today")


@pytest.mark.parametrize("method", ["lexrank", "textrank"])
def test_sumy_select_picks_pool_sentences_in_reading_order(method):
    pool = build_pool([("Depot fire", SENTENCES[:3]), (None, SENTENCES[3:])])
    chosen = sumy_select(pool, 3, method, SumyTokenizer.regex())
    texts = [p.text for p in pool]
    assert len(chosen) == 3
    assert all(text in texts for text in chosen)
    assert [texts.index(t) for t in chosen] == sorted(texts.index(t) for t in chosen)


def test_sumy_words_takes_the_fewest_top_sentences_reaching_the_budget():
    pool = build_pool([("Depot fire", SENTENCES[:3]), (None, SENTENCES[3:])])
    tokenizer = SumyTokenizer.regex()
    one = sumy_select(pool, 1, "textrank", tokenizer)
    words = len(one[0].split())
    assert sumy_words(pool, words, "textrank", tokenizer) == one
    more = sumy_words(pool, words + 1, "textrank", tokenizer)
    assert len(more) == 2 and set(one) <= set(more)
    assert sumy_words(pool, 0, "textrank", tokenizer) == []


# --- baselines ----------------------------------------------------------------------------------


def test_pool_puts_headline_first_and_skips_blank():
    pool = build_pool([("Depot  fire", ["First.", " ", "Second."]), (None, ["Third."])])
    assert [(p.text, p.entry, p.index, p.headline) for p in pool] == [
        ("Depot fire", 0, 0, True), ("First.", 0, 1, False), ("Second.", 0, 2, False), ("Third.", 1, 0, False),
    ]


def test_first_sentences_takes_first_body_sentence_per_entry_then_fills():
    pool = build_pool([("Headline one", ["A1.", "A2."]), (None, ["B1.", "B2."]), ("Only a headline", [])])
    assert first_sentences(pool, 2) == ["A1.", "B1."]
    assert first_sentences(pool, 3) == ["A1.", "B1.", "Only a headline"]
    assert first_sentences(pool, 5) == ["Headline one", "A1.", "A2.", "B1.", "Only a headline"]


def test_random_draw_is_seeded_and_in_reading_order():
    pool = build_pool([(None, SENTENCES)])
    draw = random_draw(pool, 3, seed=4)
    assert draw == random_draw(pool, 3, seed=4)
    assert [SENTENCES.index(t) for t in draw] == sorted(SENTENCES.index(t) for t in draw)
    assert len(random_draw(pool, 50, seed=1)) == len(SENTENCES)


def test_rouge_is_100_on_the_reference_and_0_on_nothing(rouge):
    perfect = rouge.score(REFERENCE, REFERENCE)
    assert (perfect.r1, perfect.r2, perfect.rl) == (100.0, 100.0, 100.0)
    empty = rouge.score([], REFERENCE)
    assert (empty.r1, empty.r2, empty.rl) == (0.0, 0.0, 0.0)


# --- greedy oracle ------------------------------------------------------------------------------


def test_oracle_beats_every_single_sentence(rouge):
    chosen = greedy_oracle(SENTENCES, REFERENCE, 2)
    assert 1 <= len(chosen) <= 2
    oracle = rouge.score([SENTENCES[i] for i in chosen], REFERENCE)
    singles = [rouge.score([s], REFERENCE) for s in SENTENCES]
    assert all(oracle.r2 >= single.r2 for single in singles)
    assert oracle.r2 > max(single.r2 for single in singles)  # here a second sentence adds bigrams
    assert 0 not in chosen and 4 not in chosen  # the bakery and the football share nothing with it


def _plain_greedy(sentences, reference, n, rouge):
    """The oracle's definition, computed the slow way with rouge-score on every trial."""
    chosen: list[int] = []
    best = (0.0, 0.0)
    for _ in range(n):
        trials = []
        for c in range(len(sentences)):
            if c in chosen:
                continue
            scores = rouge.score([sentences[i] for i in sorted(chosen + [c])], reference)
            trials.append(((scores.r2, scores.r1), c))
        top = max(trials, key=lambda t: t[0], default=None)  # max keeps the first of equals
        if top is None or not top[0] > best:
            break
        best = top[0]
        chosen = sorted(chosen + [top[1]])
    return chosen


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_oracle_equals_plain_greedy_scored_by_rouge_score(rouge, n):
    # Sentences whose joins create bigrams that the reference has ("port overnight" across a join).
    sentences = ["Drones struck the river port", "overnight two workers were injured", "port", "The fire was out."]
    assert greedy_oracle(sentences, REFERENCE, n) == _plain_greedy(sentences, REFERENCE, n, rouge)
    assert greedy_oracle(SENTENCES, REFERENCE, n) == _plain_greedy(SENTENCES, REFERENCE, n, rouge)


def test_oracle_equals_plain_greedy_on_random_word_salads(rouge):
    """A ten-word vocabulary makes bigrams across joins common, including joins that an insertion
    between two chosen sentences breaks."""
    words = ["port", "depot", "fire", "drones", "struck", "overnight", "river", "workers", "injured", "morning"]
    for seed in range(25):
        rng = random.Random(seed)
        reference = [" ".join(rng.choice(words) for _ in range(rng.randint(4, 9))) for _ in range(2)]
        sentences = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 4))) for _ in range(8)]
        for n in (2, 3, 4):
            assert greedy_oracle(sentences, reference, n) == _plain_greedy(sentences, reference, n, rouge), (seed, n)


def test_oracle_is_at_least_as_good_as_any_pair_it_could_start_from(rouge):
    chosen = greedy_oracle(SENTENCES, REFERENCE, 2)
    score = rouge.score([SENTENCES[i] for i in chosen], REFERENCE).r2
    first = max(range(len(SENTENCES)), key=lambda i: rouge.score([SENTENCES[i]], REFERENCE).r2)
    pairs = [p for p in combinations(range(len(SENTENCES)), 2) if first in p]
    assert score >= max(rouge.score([SENTENCES[i] for i in p], REFERENCE).r2 for p in pairs) - 1e-9


def test_oracle_chooses_nothing_when_nothing_overlaps():
    assert greedy_oracle(["Cats sleep.", "Rain fell."], ["Drones struck a depot."], 2) == []
    assert greedy_oracle([], REFERENCE, 3) == []


# --- the benchmark's readers ----------------------------------------------------------------


def test_reference_is_the_last_digest_bullets():
    doc = Document(
        format="liveblog_text",
        entries=[
            Entry(EntryKind.SUMMARY, [Paragraph("Early point.", bullet=True)]),
            Entry(EntryKind.UPDATE, [Paragraph("An update.")]),
            Entry(EntryKind.SUMMARY, [Paragraph("Round-up of the day:"), Paragraph("Late one.", bullet=True),
                                      Paragraph("Late two.", bullet=True)]),
        ],
    )
    assert brief.reference_points(doc) == ["Late one.", "Late two."]
    doc.entries[-1].paragraphs = [Paragraph("No bullets here.")]
    assert brief.reference_points(doc) == ["No bullets here."]


def test_lrec_blog_becomes_a_document_of_ordinary_posts(tmp_path):
    blog = {
        "title": "made-up live blog",
        "url": "https://www.theguardian.com/world/live/2014/jul/01/made-up",
        "summary": ["depot burns near port .", "talks resume ."],
        "documents": [  # newest first, as on the page
            {"block_id": "block-3", "title": "talks resume", "text": ["talks resume in the capital ."],
             "time": [2014, 7, 1, 15, 30], "is_key_event": True, "block_kind": "block is-key-event"},
            {"block_id": "block-2", "title": "", "text": ["firefighters arrive .", "the blaze spreads ."],
             "time": [2014, 7, 1, 12, 5], "is_key_event": False, "block_kind": "block"},
            {"block_id": "block-1", "title": "depot fire", "text": ["a depot burns near the port ."],
             "time": [2014, 7, 1, 9, 0], "is_key_event": False, "block_kind": "block"},
        ],
    }
    path = tmp_path / "guardian_label__train__x.json"
    path.write_text(json.dumps(blog))
    case = brief.lrec_case(path)
    assert case.reference == ["depot burns near port .", "talks resume ."]
    assert case.publisher == "Guardian" and case.day is None
    assert [e.native_id for e in case.document.entries] == ["block-1", "block-2"]
    assert case.document.entries[0].posted_at == datetime(2014, 7, 1, 9, 0, tzinfo=UTC)
    assert [p.text for p in case.pool] == [
        "depot fire", "a depot burns near the port .", "firefighters arrive .", "the blaze spreads .",
    ]


def test_lrec_bbc_link_cards_are_not_posts(tmp_path):
    blog = {
        "url": "http://www.bbc.com/news/live/world-0",
        "summary": ["depot burns ."],
        "documents": [
            {"block_id": "sty_1", "title": "another story", "text": ["another story"], "time": "10:30"},
            {"block_id": "post_1", "title": "fire", "text": ["a depot burns ."], "time": "10:00"},
        ],
    }
    path = tmp_path / "bbc_label__train__y.json"
    path.write_text(json.dumps(blog))
    case = brief.lrec_case(path)
    assert [e.native_id for e in case.document.entries] == ["post_1"]
    assert case.document.entries[0].posted_at is None  # a clock time with no day
    assert case.publisher == "BBC"


# --- end to end -----------------------------------------------------------------------------


def test_benchmark_runs_on_the_seeds():
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    script = ROOT / "benchmarks" / "brief.py"
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for name in brief.SEED_FILES:
        assert name in out
    for system in ("random", "first sentences", "LexRank", "TextRank", "greedy oracle"):
        rows = re.findall(rf"^  {system} +(\d+\.\d) +(\d+\.\d) +(\d+\.\d)", out, re.MULTILINE)
        assert len(rows) == 2, (system, out)  # one row of three scores per seed
        assert all(0 <= float(value) <= 100 for scores in rows for value in scores)
    sitroom_row = r"^  sitroom +(?:\d+\.\d|sitroom: brief not available yet|sitroom failed)"
    sitroom_rows = re.findall(sitroom_row, out, re.MULTILINE)
    assert len(sitroom_rows) == 2, out
    assert "sitroom / TextRank ROUGE-2" in out


def test_benchmark_skips_without_shared(tmp_path):
    bench = tmp_path / "checkout" / "benchmarks"
    bench.mkdir(parents=True)
    for name in ("brief.py", "briefbase.py"):
        shutil.copy(ROOT / "benchmarks" / name, bench / name)
    done = subprocess.run([sys.executable, str(bench / "brief.py")], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "skipped: ../shared/seeds not found"
