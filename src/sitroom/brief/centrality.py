"""How much of the day's coverage a sentence speaks for.

A live blog returns to what matters: the toll is updated, the strike is described again by another
agency, the official reacts.  A sentence whose words recur across many other reports is central to
the day (the idea behind LexRank's degree centrality), which the incident evidence alone cannot see
when extraction missed an event or split one story into several incidents."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

from .compose import SENTENCE_END_ANY_CASE

_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]|\d[\d,.]*\d|\d", re.UNICODE)
_STOP = frozenset(
    """
    a about after again against all also an and any are as at be because been before being but by can
    could did do does for from had has have having he her him his how if in into is it its just may me
    more most no nor not of on once only or other our out over own said says same she should so some
    such than that the their them then there these they this those through to too under until up very
    was we were what when where which while who whom why will with would you
    """.split()
)
_POSSESSIVE = re.compile(r"['’]s$")


def words(text: str) -> list[str]:
    """Lower-cased, crudely stemmed content words (numbers kept: figures are what recurs)."""
    found = []
    for word in _WORD.findall(text.lower()):
        if word in _STOP:
            continue
        found.append(stem(_POSSESSIVE.sub("", word)))
    return found


def stem(word: str) -> str:
    """A light English stemmer, enough to match "strikes" with "strike" and "killed" with "kills"."""
    if len(word) <= 4:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word.removesuffix("e")


def sentences(text: str) -> list[str]:
    """The sentences of a text, never across its paragraphs."""
    return [part.strip() for line in text.split("\n") for part in SENTENCE_END_ANY_CASE.split(line) if part.strip()]


class Centrality:
    """Scores texts against the day's reports: the mean TF-IDF cosine to the sentences of the
    other entries, so that one long entry repeating itself does not make its own story central."""

    def __init__(self, reports: Iterable[tuple[int, str]]):
        counted = [(entry_id, Counter(words(s))) for entry_id, text in reports for s in sentences(text)]
        counted = [(entry_id, bag) for entry_id, bag in counted if bag]
        frequency = Counter(word for _, bag in counted for word in bag)
        total = len(counted) or 1
        self._idf = {word: math.log((1 + total) / (1 + n)) + 1.0 for word, n in frequency.items()}
        self._default_idf = math.log(1 + total) + 1.0
        # A cosine is a dot product, so the mean over sentences is one dot product with their sum:
        # the day's sum less the entry's own, kept here instead of every sentence vector.
        self._sum: Counter[str] = Counter()
        self._own: dict[int, Counter[str]] = {}
        self._count: Counter[int] = Counter()
        for entry_id, bag in counted:
            vector = self._vector(bag)
            self._sum.update(vector)
            self._own.setdefault(entry_id, Counter()).update(vector)
            self._count[entry_id] += 1
        self._total = len(counted)
        self._texts: dict[str, dict[str, float]] = {}  # each text's vector, once: _select compares many pairs

    def _text_vector(self, text: str) -> dict[str, float]:
        vector = self._texts.get(text)
        if vector is None:
            vector = self._texts[text] = self._vector(Counter(words(text)))
        return vector

    def _vector(self, bag: Counter) -> dict[str, float]:
        vector = {word: n * self._idf.get(word, self._default_idf) for word, n in bag.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {word: v / norm for word, v in vector.items()}

    def similarity(self, a: str, b: str) -> float:
        """TF-IDF cosine of two texts: rare shared words (a place, "12.5km") weigh most."""
        va, vb = self._text_vector(a), self._text_vector(b)
        return sum(weight * vb.get(word, 0.0) for word, weight in va.items())

    def score(self, text: str, entry_id: int) -> float:
        """Mean cosine of the text to every sentence outside its own entry (0 to 1)."""
        vector = self._text_vector(text)
        others = self._total - self._count[entry_id]
        if not vector or not others:
            return 0.0
        own = self._own.get(entry_id, Counter())
        return sum(weight * (self._sum[word] - own[word]) for word, weight in vector.items()) / others
