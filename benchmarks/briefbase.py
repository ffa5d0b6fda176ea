"""Baselines and scoring for the daily-brief benchmark (benchmarks/brief.py).

Every extractive baseline picks whole sentences from one pool: the analysed text of the entries
left after the human key points and summaries are taken out, headline first where an entry has
one, in reading order.  A system's output is a list of points; scoring joins them with newlines,
so `rougeLsum` sees one point per line, as ../shared/eval/README.md prescribes.

sumy's own tokenizer needs NLTK's punkt data, which would be downloaded at run time; the
`SumyTokenizer` here gives sumy what it asks of a tokenizer (`to_sentences`, `to_words`) from
sitroom's spaCy pipeline or from a regular expression instead, and the pool's documents are built
directly from sumy's DOM classes so that sumy chooses among exactly the sentences the other
baselines see.
"""

from __future__ import annotations

import bisect
import itertools
import random
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

ROUGE_TYPES = ("rouge1", "rouge2", "rougeLsum")
# A word for sumy: letters or digits, with inner apostrophes, hyphens and dots ("don't", "s-300", "u.n").
WORD_RE = re.compile(r"\w+(?:[.'’\-]\w+)*")
# A sentence end for the regex splitter: . ! ? (and closing quotes or brackets) then space and a capital,
# digit or opening quote; an initial ("U. S.") or a title ("Mr.", "Gen.") is not an end.
SENTENCE_END_RE = re.compile(
    r"(?:(?<=[.!?])(?<!\b[A-Z]\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\bMrs\.)(?<!\bGen\.)(?<!\bCol\.)"
    r"|(?<=[.!?][\"'”’)\]]))\s+(?=[\"“‘(\[]?[A-Z0-9])"
)


def one_line(text: str) -> str:
    """A point as one line: rougeLsum splits the output at newlines."""
    return " ".join(text.split())


# --- The tokenizer sumy is given ------------------------------------------------------------


class SumyTokenizer:
    """What sumy's parsers and DOM ask of a tokenizer, without NLTK data.

    `split` turns a text into sentences; words are runs of letters and digits.  `language` is read
    by some sumy code paths for stop words and stemming; the benchmark passes both explicitly."""

    language = "english"

    def __init__(self, split: Callable[[str], list[str]]):
        self._split = split

    @classmethod
    def spacy(cls) -> SumyTokenizer:
        """Sentences from sitroom's own pipeline: the same boundaries extraction works with."""
        from sitroom.extract.nlp import load_nlp

        nlp = load_nlp()

        def split(text: str) -> list[str]:
            return [span.text.strip() for span in nlp(text).sents if span.text.strip()]

        return cls(split)

    @classmethod
    def regex(cls) -> SumyTokenizer:
        """Sentences cut at . ! ? before a capital or digit: no model needed."""
        return cls(regex_sentences)

    def to_sentences(self, text: str) -> tuple[str, ...]:
        return tuple(self._split(text))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(WORD_RE.findall(sentence))


def regex_sentences(text: str) -> list[str]:
    return [part.strip() for part in SENTENCE_END_RE.split(text) if part.strip()]


# --- The input pool -------------------------------------------------------------------------


@dataclass(frozen=True)
class PoolSentence:
    """One sentence a baseline may choose: where it stands in the input, and its text."""

    text: str
    entry: int  # index of its entry in reading order
    index: int  # index within the entry; a headline is index 0 of its entry
    headline: bool = False


def build_pool(entries: Iterable[tuple[str | None, list[str]]]) -> list[PoolSentence]:
    """(headline, body sentences) per entry, in reading order -> the flat sentence pool."""
    pool: list[PoolSentence] = []
    for entry_index, (headline, sentences) in enumerate(entries):
        position = 0
        if headline and headline.strip():
            pool.append(PoolSentence(one_line(headline), entry_index, 0, headline=True))
            position = 1
        for text in sentences:
            if text.strip():
                pool.append(PoolSentence(one_line(text), entry_index, position))
                position += 1
    return pool


# --- Baselines ------------------------------------------------------------------------------


def first_sentences(pool: Sequence[PoolSentence], n: int) -> list[str]:
    """The first body sentence of each of the first n entries (the headline where an entry has no
    body); with fewer than n entries, the next unused sentences in reading order fill the budget."""
    chosen: list[int] = []
    by_entry: dict[int, list[int]] = {}
    for i, sentence in enumerate(pool):
        by_entry.setdefault(sentence.entry, []).append(i)
    for indexes in by_entry.values():
        if len(chosen) >= n:
            break
        body = [i for i in indexes if not pool[i].headline]
        chosen.append((body or indexes)[0])
    for i in range(len(pool)):
        if len(chosen) >= n:
            break
        if i not in chosen:
            chosen.append(i)
    return [pool[i].text for i in sorted(chosen)]


def random_draw(pool: Sequence[PoolSentence], n: int, seed: int) -> list[str]:
    """n sentences drawn uniformly without replacement, shown in reading order."""
    rng = random.Random(seed)
    indexes = sorted(rng.sample(range(len(pool)), min(n, len(pool))))
    return [pool[i].text for i in indexes]


def sumy_select(pool: Sequence[PoolSentence], n: int, method: str, tokenizer: SumyTokenizer) -> list[str]:
    """sumy's LexRank or TextRank over the pool, one sumy paragraph per entry, English stemming
    and stop words; the chosen sentences come back in reading order."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    if not pool or n <= 0:
        return []
    classes = {"lexrank": LexRankSummarizer, "textrank": TextRankSummarizer}
    summarizer = classes[method](Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    paragraphs: list[list] = []
    last_entry = None
    for sentence in pool:
        if sentence.entry != last_entry:
            paragraphs.append([])
            last_entry = sentence.entry
        paragraphs[-1].append(Sentence(sentence.text, tokenizer, is_heading=False))
    document = ObjectDocumentModel([Paragraph(sentences) for sentences in paragraphs])
    return [str(sentence) for sentence in summarizer(document, n)]


def sumy_words(pool: Sequence[PoolSentence], words: int, method: str, tokenizer: SumyTokenizer) -> list[str]:
    """sumy's best sentences up to the same number of words as another system used: the fewest
    top-ranked sentences reaching that many words (its choices are nested as n grows)."""
    if not pool or words <= 0:
        return []
    low, high = 1, len(pool)
    while low < high:
        middle = (low + high) // 2
        if sum(len(s.split()) for s in sumy_select(pool, middle, method, tokenizer)) >= words:
            high = middle
        else:
            low = middle + 1
    return sumy_select(pool, low, method, tokenizer)


# --- ROUGE ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scores:
    """F1 x 100 for ROUGE-1, ROUGE-2 and ROUGE-Lsum."""

    r1: float
    r2: float
    rl: float

    @staticmethod
    def mean(items: Sequence[Scores]) -> Scores:
        if not items:
            return Scores(0.0, 0.0, 0.0)
        return Scores(*(sum(getattr(s, f) for s in items) / len(items) for f in ("r1", "r2", "rl")))


class Rouge:
    """Google's rouge-score, stemming on, with points joined by newlines."""

    def __init__(self) -> None:
        from rouge_score import rouge_scorer

        self._scorer = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)

    def score(self, points: Sequence[str], reference: Sequence[str]) -> Scores:
        target = "\n".join(one_line(p) for p in reference)
        prediction = "\n".join(one_line(p) for p in points if p.strip())
        result = self._scorer.score(target, prediction)
        return Scores(*(100 * result[name].fmeasure for name in ROUGE_TYPES))


class _CachedPorter:
    """rouge-score's Porter stemmer with a cache: the oracle tokenises thousands of sentences."""

    def __init__(self) -> None:
        from nltk.stem import porter

        self.stem = lru_cache(maxsize=200_000)(porter.PorterStemmer().stem)


@lru_cache(maxsize=1)
def _stemmer() -> _CachedPorter:
    return _CachedPorter()


def rouge_tokens(text: str) -> list[str]:
    """Exactly the tokens rouge-score scores with (lower case, alphanumeric runs, Porter stems for
    words over three letters).  Tokens of a newline-joined text are the tokens of its lines in turn."""
    from rouge_score import tokenize

    return tokenize.tokenize(text, _stemmer())


def _f1(overlap: int, predicted: int, reference: int) -> float:
    """rouge-score's n-gram F1 (its precision and recall divide by at least 1)."""
    precision = overlap / max(predicted, 1)
    recall = overlap / max(reference, 1)
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def greedy_oracle(sentences: Sequence[str], reference: Sequence[str], n: int) -> list[int]:
    """Indexes (ascending) of the sentences a greedy search picks to maximise ROUGE-2 F1 against the
    reference: at each step the sentence that raises it most is added (ROUGE-1 F1 breaks ties), up
    to n, stopping when no sentence raises it.

    The selection is scored as it will be output, in pool order joined by newlines, so bigrams that
    run across two chosen sentences count just as rouge-score counts them; adding a sentence only
    changes the bigrams at its own two joins, which keeps each trial O(sentence length)."""
    tokens = [rouge_tokens(text) for text in sentences]
    ref_tokens = rouge_tokens("\n".join(reference))
    ref_uni = Counter(ref_tokens)
    ref_bi = Counter(itertools.pairwise(ref_tokens))
    n_ref_uni, n_ref_bi = len(ref_tokens), max(len(ref_tokens) - 1, 0)
    inner = [Counter(itertools.pairwise(t)) for t in tokens]
    unigrams = [Counter(t) for t in tokens]

    chosen: list[int] = []
    sel_uni: Counter = Counter()
    sel_bi: Counter = Counter()
    overlap_uni = overlap_bi = 0
    count_uni = count_bi = 0
    best_key = (0.0, 0.0)

    def bigram_changes(c: int) -> tuple[Counter, int]:
        """Bigram count changes if c joins the selection, and the change in the bigram total."""
        k = bisect.bisect_left(chosen, c)
        prev = chosen[k - 1] if k > 0 else None
        nxt = chosen[k] if k < len(chosen) else None
        delta = Counter(inner[c])
        total = len(tokens[c]) - 1
        if prev is not None and nxt is not None:
            delta[(tokens[prev][-1], tokens[nxt][0])] -= 1
            total -= 1
        if prev is not None:
            delta[(tokens[prev][-1], tokens[c][0])] += 1
            total += 1
        if nxt is not None:
            delta[(tokens[c][-1], tokens[nxt][0])] += 1
            total += 1
        return delta, total

    def overlap_change(selection: Counter, delta: Counter, ref: Counter) -> int:
        change = 0
        for gram, d in delta.items():
            if d and gram in ref:
                before = selection[gram]
                change += min(before + d, ref[gram]) - min(before, ref[gram])
        return change

    for _ in range(max(n, 0)):
        best = None
        for c, toks in enumerate(tokens):
            if not toks or c in chosen:
                continue
            delta, added = bigram_changes(c)
            key = (
                _f1(overlap_bi + overlap_change(sel_bi, delta, ref_bi), count_bi + added, n_ref_bi),
                _f1(overlap_uni + overlap_change(sel_uni, unigrams[c], ref_uni), count_uni + len(toks), n_ref_uni),
            )
            if key > best_key and (best is None or key > best[0]):
                best = (key, c, delta, added)
        if best is None:
            break
        best_key, c, delta, added = best
        overlap_bi += overlap_change(sel_bi, delta, ref_bi)
        overlap_uni += overlap_change(sel_uni, unigrams[c], ref_uni)
        sel_bi.update(delta)
        sel_uni.update(unigrams[c])
        count_bi += added
        count_uni += len(tokens[c])
        bisect.insort(chosen, c)
    return chosen
