"""Find repeats: exact and near-duplicate paragraphs and entries, within a document and across
documents, so that each repeat can point at its first occurrence instead of being deleted.

Near duplicates are found with MinHash over word 3-shingles and banded LSH; candidates are then
checked by exact Jaccard similarity.  Two texts whose numbers differ are never duplicates: "63
killed" and "89 killed" are a revision, not a repeat, and later stages need both.

The index that remembers what was seen is passed in (the store provides a persistent one), so this
module holds only the rules.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from dataclasses import dataclass
from typing import Iterable, Protocol

import numpy as np
from datasketch import MinHash

NUM_PERM = 64
BANDS = 16  # 16 bands of 4 rows: pairs above ~0.5 Jaccard almost always share a band
ROWS = NUM_PERM // BANDS
SHINGLE = 3
MIN_WORDS = 8  # shorter paragraphs ("Reuters reports:") repeat by chance, not by copying
PARAGRAPH_THRESHOLD = 0.5
ENTRY_THRESHOLD = 0.8

_WORD_RE = re.compile(r"\w+")
_NUMBER_RE = re.compile(r"\d[\d,.]*")
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred hundreds thousand thousands million millions dozen dozens".split()
)
_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=7, hashfunc=zlib.crc32)


def normalise(text: str) -> str:
    """Lower case, no accents, curly quotes or punctuation: what two copies of a text share."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(_WORD_RE.findall(text.lower()))


_NAME_RE = re.compile(r"[^\W\d_][\w'’-]*")
_SENTENCE_RE = re.compile(r"(?<=[.!?])[\"”’]?\s+")


def names(text: str) -> frozenset[str]:
    """Capitalised words not opening a sentence: places, people, days, outlets."""
    found = set()
    for sentence in _SENTENCE_RE.split(text):
        for word in _NAME_RE.findall(sentence)[1:]:
            if word[0].isupper():
                found.add(normalise(re.sub(r"['’]s$", "", word)))
    return frozenset(found)


def substituted(a: str, b: str) -> bool:
    """True when each text names something the other does not: 'Kherson on Tuesday' against
    'Nikopol on Wednesday' is another happening, while an added 'Reuters reports' is not."""
    names_a, names_b = names(a), names(b)
    return bool(names_a - names_b) and bool(names_b - names_a)


def numbers(text: str) -> frozenset[str]:
    """The figures a text states, digits and number words, so that revisions never merge."""
    found = {match.group().rstrip(".,").replace(",", "") for match in _NUMBER_RE.finditer(text)}
    found.update(word for word in text.lower().split() if word in _NUMBER_WORDS)
    return frozenset(found)


@dataclass(frozen=True)
class Fingerprint:
    exact: str  # hash of the normalised text
    bands: tuple[int, ...]  # one LSH key per band; empty for texts too short to compare
    shingles: frozenset[str]
    numbers: frozenset[str]


def shingles(normalised: str) -> frozenset[str]:
    words = normalised.split()
    if len(words) <= SHINGLE:
        return frozenset([normalised]) if normalised else frozenset()
    return frozenset(" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))


def _band_keys(values: np.ndarray) -> tuple[int, ...]:
    keys = []
    for band in range(BANDS):
        chunk = values[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=bytes([band]) * 16).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return tuple(keys)


def fingerprint(text: str) -> Fingerprint:
    norm = normalise(text)
    grams = shingles(norm)
    exact = hashlib.blake2b(norm.encode(), digest_size=12).hexdigest()
    if len(norm.split()) < MIN_WORDS:
        return Fingerprint(exact, (), grams, numbers(text))
    minhash = _TEMPLATE.copy()
    minhash.update_batch([g.encode() for g in grams])
    return Fingerprint(exact, _band_keys(minhash.hashvalues), grams, numbers(text))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


@dataclass(frozen=True)
class Match:
    item_id: int
    similarity: float


class Index(Protocol):
    """What dedupe needs from whatever remembers earlier texts (the store implements it)."""

    def exact(self, scope: str, exact_hash: str) -> int | None: ...

    def candidates(self, scope: str, bands: Iterable[int]) -> list[tuple[int, str]]: ...

    def root(self, scope: str, item_id: int) -> int: ...


def find_duplicate(index: Index, scope: str, text: str, fp: Fingerprint, threshold: float) -> Match | None:
    """The first earlier occurrence of `text` in `scope` ('paragraph' or 'entry'), if any."""
    if not fp.bands:
        return None
    hit = index.exact(scope, fp.exact)
    if hit is not None:
        return Match(index.root(scope, hit), 1.0)
    best: Match | None = None
    for item_id, other_text in index.candidates(scope, fp.bands):
        if numbers(other_text) != fp.numbers or substituted(text, other_text):
            continue
        similarity = jaccard(fp.shingles, shingles(normalise(other_text)))
        if similarity >= threshold and (best is None or similarity > best.similarity):
            best = Match(item_id, similarity)
    if best is None:
        return None
    return Match(index.root(scope, best.item_id), round(best.similarity, 3))
