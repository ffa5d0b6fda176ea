"""Find repeats: exact and near-duplicate paragraphs and entries, within a document and across
documents, so that each repeat can point at its first occurrence instead of being deleted.

Near duplicates are found with MinHash over word 3-shingles and banded LSH (16 bands of 4 rows:
pairs above ~0.6 Jaccard almost always share a band), then confirmed by exact Jaccard similarity.
Two texts whose figures differ are never duplicates: "63 killed" and "89 killed" are a revision,
not a repeat, and later stages need both.  Nor are two texts that each name something the other
does not ("Kherson on Tuesday" against "Nikopol on Wednesday").

Work is done a batch at a time (one document's paragraphs), so that the index that remembers
earlier texts -- the store, passed in -- is asked a few questions per document, not per paragraph.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Iterator, Protocol

import numpy as np

NUM_PERM = 64
BANDS = 16
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
_NAME_RE = re.compile(r"[^\W\d_][\w'’-]*")
_SENTENCE_RE = re.compile(r"(?<=[.!?])[\"”’]?\s+")
_COMBINING_RE = re.compile(
    "[" + "".join(chr(cp) for cp in range(0x10000) if unicodedata.combining(chr(cp))) + "]"
)  # accents live in the BMP

_rng = np.random.RandomState(7)
_A = _rng.randint(1, (1 << 63) - 1, size=NUM_PERM, dtype=np.uint64) | np.uint64(1)
_B = _rng.randint(0, (1 << 63) - 1, size=NUM_PERM, dtype=np.uint64)
_BAND_MIX = _rng.randint(1, (1 << 63) - 1, size=(ROWS + 1,), dtype=np.uint64) | np.uint64(1)
_BYTE_MIX = _rng.randint(1, (1 << 63) - 1, size=(64,), dtype=np.uint64) | np.uint64(1)
_SHINGLE_MIX = _rng.randint(1, (1 << 63) - 1, size=(2,), dtype=np.uint64) | np.uint64(1)


def normalise(text: str) -> str:
    """Lower case, no accents, curly quotes or punctuation: what two copies of a text share."""
    if not text.isascii():
        text = _COMBINING_RE.sub("", unicodedata.normalize("NFKD", text))
    return " ".join(_WORD_RE.findall(text.lower()))


def numbers(text: str) -> frozenset[str]:
    """The figures a text states, digits and number words, so that revisions never merge."""
    found = {match.group().rstrip(".,").replace(",", "") for match in _NUMBER_RE.finditer(text)}
    found.update(word for word in text.lower().split() if word in _NUMBER_WORDS)
    return frozenset(found)


def names(text: str) -> frozenset[str]:
    """Capitalised words not opening a sentence: places, people, days, outlets."""
    found = set()
    for sentence in _SENTENCE_RE.split(text):
        for word in _NAME_RE.findall(sentence)[1:]:
            if word[0].isupper():
                found.add(normalise(re.sub(r"['’]s$", "", word)))
    return frozenset(found)


def substituted(a: str, b: str) -> bool:
    """True when each text names something the other does not: another happening, while an
    added 'Reuters reports' on one side only is the same one."""
    names_a, names_b = names(a), names(b)
    return bool(names_a - names_b) and bool(names_b - names_a)


def jaccard(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


@dataclass(frozen=True)
class Fingerprint:
    exact: str  # hash of the normalised text
    bands: tuple[int, ...]  # one LSH key per band; empty for texts too short to compare
    shingle_hashes: np.ndarray

    @property
    def shingles(self) -> frozenset[int]:
        return frozenset(self.shingle_hashes.tolist())


def _exact_hash(norm: str) -> str:
    return hashlib.blake2b(norm.encode(), digest_size=12).hexdigest()


def _batch_shingles(norms: list[str]) -> list[np.ndarray]:
    """Word 3-shingle hashes of each normalised text, for a whole batch in a few numpy passes.

    A word's hash mixes its bytes with a random constant per position in the word; a shingle's
    hash mixes three word hashes.  Texts are joined by newlines and words by spaces."""
    if not norms:
        return []
    data = np.frombuffer("\n".join(norms).encode(), np.uint8)
    if not len(data):
        return [np.empty(0, np.uint64) for _ in norms]
    newline = data == 10
    separator = newline | (data == 32)
    starts = np.flatnonzero(~separator & np.concatenate(([True], separator[:-1])))
    text_of_word = np.cumsum(newline)[starts] if len(starts) else np.empty(0, np.int64)
    if len(starts):
        is_start = np.zeros(len(data), bool)
        is_start[starts] = True
        word_of_byte = np.cumsum(is_start) - 1
        position = np.arange(len(data)) - starts[np.maximum(word_of_byte, 0)]
        with np.errstate(over="ignore"):
            values = data.astype(np.uint64) * _BYTE_MIX[position & 63]
        values[separator | (word_of_byte < 0)] = 0
        words = np.add.reduceat(values, starts)
    else:
        words = np.empty(0, np.uint64)
    bounds = np.searchsorted(text_of_word, np.arange(len(norms) + 1))
    result = []
    for index in range(len(norms)):
        hashed = words[bounds[index] : bounds[index + 1]]
        if len(hashed) < SHINGLE:
            result.append(hashed[:1].copy())
            continue
        with np.errstate(over="ignore"):
            result.append(hashed[:-2] * _SHINGLE_MIX[0] + hashed[1:-1] * _SHINGLE_MIX[1] + hashed[2:])
    return result


def shingle_set(text: str) -> frozenset[int]:
    return frozenset(_batch_shingles([normalise(text)])[0].tolist())


def fingerprints(texts: list[str]) -> list[Fingerprint]:
    """Fingerprint a batch: a few numpy passes compute every text's MinHash signature."""
    norms = [normalise(text) for text in texts]
    hashed = _batch_shingles(norms)
    comparable = [i for i, norm in enumerate(norms) if norm.count(" ") + 1 >= MIN_WORDS]
    bands: dict[int, tuple[int, ...]] = {}
    if comparable:
        lengths = np.array([len(hashed[i]) for i in comparable])
        flat = np.concatenate([hashed[i] for i in comparable])
        with np.errstate(over="ignore"):
            permuted = (flat[:, None] * _A + _B) >> np.uint64(32)  # multiply-shift hashing
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        signatures = np.minimum.reduceat(permuted, starts, axis=0)  # (texts, NUM_PERM)
        with np.errstate(over="ignore"):
            rows = signatures.reshape(len(comparable), BANDS, ROWS)
            keys = (rows * _BAND_MIX[:ROWS]).sum(axis=2) + np.arange(BANDS, dtype=np.uint64) * _BAND_MIX[ROWS]
        for position, index in enumerate(comparable):
            bands[index] = tuple(keys[position].view(np.int64).tolist())
    return [Fingerprint(_exact_hash(norm), bands.get(i, ()), hashed[i]) for i, norm in enumerate(norms)]


def fingerprint(text: str) -> Fingerprint:
    return fingerprints([text])[0]


@dataclass(frozen=True)
class Match:
    item_id: int  # the first occurrence (never itself a duplicate)
    similarity: float


class Index(Protocol):
    """What dedupe asks of whatever remembers earlier texts (the store implements it)."""

    def exact_roots(self, scope: str, hashes: Iterable[str]) -> dict[str, int]:
        """For each exact hash already stored, the first occurrence of that text."""

    def band_hits(self, scope: str, keys: Iterable[int]) -> dict[int, list[int]]:
        """For each band key, the stored items that have it."""

    def texts(self, scope: str, ids: Iterable[int]) -> dict[int, tuple[str, int | None]]:
        """Text and duplicate_of of stored items."""


def _similar(text: str, grams: frozenset[int], other_text: str, other_grams: frozenset[int], threshold: float) -> float:
    similarity = jaccard(grams, other_grams)
    if similarity < threshold:
        return 0.0
    if numbers(text) != numbers(other_text) or substituted(text, other_text):
        return 0.0
    return similarity


def link(
    index: Index, scope: str, items: list[tuple[int, str]], threshold: float
) -> tuple[list[Match | None], list[Fingerprint]]:
    """For each (new id, text), in order, its first earlier occurrence in the store or the batch,
    and each text's fingerprint (for the store to index).  `scope` is 'paragraph' or 'entry'."""
    texts = [text for _, text in items]
    fps = fingerprints(texts)
    stored_exact = index.exact_roots(scope, {fp.exact for fp in fps if fp.bands})
    all_keys = {key for fp in fps for key in fp.bands}
    stored_hits = index.band_hits(scope, all_keys) if all_keys else {}
    stored_ids = {item for ids in stored_hits.values() for item in ids}
    stored_texts = index.texts(scope, stored_ids) if stored_ids else {}
    stored_items = list(stored_texts)
    stored_hashes = _batch_shingles([normalise(stored_texts[item][0]) for item in stored_items])
    stored_grams = {item: frozenset(h.tolist()) for item, h in zip(stored_items, stored_hashes)}

    grams = [fp.shingles for fp in fps]
    results: list[Match | None] = []

    def root(position: int) -> int:
        earlier = results[position]
        return earlier.item_id if earlier is not None else items[position][0]

    batch_exact: dict[str, int] = {}
    batch_bands: dict[int, list[int]] = {}  # band key -> positions in this batch

    def candidates(fp: Fingerprint) -> Iterator[tuple[int, str, frozenset[int]]]:
        """(first occurrence, text, shingles) of each stored or earlier batch item sharing a band."""
        seen_stored: set[int] = set()
        seen_batch: set[int] = set()
        for key in fp.bands:
            for item in stored_hits.get(key, ()):
                if item not in seen_stored:
                    seen_stored.add(item)
                    other_text, duplicate_of = stored_texts[item]
                    yield duplicate_of or item, other_text, stored_grams[item]
        for key in fp.bands:
            for position in batch_bands.get(key, ()):
                if position not in seen_batch:
                    seen_batch.add(position)
                    yield root(position), items[position][1], grams[position]

    for position, ((item_id, text), fp) in enumerate(zip(items, fps)):
        match = None
        if fp.bands:
            if fp.exact in stored_exact:
                match = Match(stored_exact[fp.exact], 1.0)
            elif fp.exact in batch_exact:
                match = Match(root(batch_exact[fp.exact]), 1.0)
            else:
                best_id, best_similarity = None, 0.0
                for other_id, other_text, other_grams in candidates(fp):
                    similarity = _similar(text, grams[position], other_text, other_grams, threshold)
                    if similarity > best_similarity:
                        best_id, best_similarity = other_id, similarity
                if best_id is not None:
                    match = Match(best_id, round(best_similarity, 3))
            batch_exact.setdefault(fp.exact, position)
            for key in fp.bands:
                batch_bands.setdefault(key, []).append(position)
        results.append(match)
    return results, fps
