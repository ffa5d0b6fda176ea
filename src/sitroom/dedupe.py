"""Find repeats: exact and near-duplicate paragraphs and entries, within a document and across
documents, so that each repeat can point at its first occurrence instead of being deleted.

Near duplicates are found with MinHash over word 3-shingles and banded LSH (16 bands of 4 rows:
pairs above ~0.6 Jaccard almost always share a band), then confirmed by exact Jaccard similarity.
Two texts whose figures differ are never duplicates: "63 killed" and "89 killed" are a revision,
not a repeat, and later stages need both.  Nor are two texts that each name something the other
does not ("Kherson on Tuesday" against "Nikopol on Wednesday").

Work is done a batch at a time (one document's paragraphs), so that the index that remembers
earlier texts -- the store, passed in -- is asked a few questions per document, not per paragraph.
A document's text is normalised, hashed and MinHashed once for its paragraphs and entries together
(entry_fingerprints).  The hashes are those earlier versions stored: band keys in an existing
store keep matching.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from itertools import pairwise
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
_POSSESSIVE_RE = re.compile(r"['’]s$")
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
_A_COLUMN, _B_COLUMN = _A[:, None], _B[:, None]
_BAND_OFFSETS = np.arange(BANDS, dtype=np.uint64) * _BAND_MIX[ROWS]
_SHIFT = np.uint64(32)


# Non-word characters that are common in coverage (typographic quotes and dashes, ellipses, the
# no-break space) and whose compatibility decomposition holds no letter or digit: replacing them
# with a space before the check for ASCII keeps most English text on the fast path.
_COMMON_SEPARATORS = ("’", "‘", "“", "”", "—", "–", "…", "\u00a0", "«", "»", "•", "′", "″")
_ASCII_SEPARATORS = str.maketrans({chr(c): " " for c in range(128) if not (chr(c).isalnum() or chr(c) == "_")})
_TEXT_END = "\x1e"  # between the texts of a batch normalised at once (kept by the table below)
_ASCII_SEPARATORS_KEEPING_END = str.maketrans(
    {chr(c): " " for c in range(128) if not (chr(c).isalnum() or chr(c) == "_" or chr(c) == _TEXT_END)}
)
_MASK = (1 << 64) - 1
_BLOCK = 32_768  # shingles permuted at once: 16 MB
_BYTE_MIX_INTS = [int(value) for value in _BYTE_MIX]


def normalise(text: str) -> str:
    """Lower case, no accents, curly quotes or punctuation: what two copies of a text share."""
    return " ".join(_words(text))


def _words(text: str) -> list[str]:
    """The words of the normalised text."""
    if not text.isascii():
        for separator in _COMMON_SEPARATORS:
            if separator in text:
                text = text.replace(separator, " ")
        if not text.isascii():
            text = _COMBINING_RE.sub("", unicodedata.normalize("NFKD", text))
            return _WORD_RE.findall(text.lower())
    return text.lower().translate(_ASCII_SEPARATORS).split()


def _normalised(texts: list[str]) -> list[str]:
    """normalise() of each text, a batch at a time: coverage is English, so most batches take
    the ASCII path as one string, with a few C-level passes instead of a few per text."""
    joined = _TEXT_END.join(texts)
    if not joined.isascii():
        for separator in _COMMON_SEPARATORS:
            if separator in joined:
                joined = joined.replace(separator, " ")
    if joined.count(_TEXT_END) != len(texts) - 1:
        return [" ".join(_words(text)) for text in texts]
    if joined.isascii():
        return _normalised_ascii(joined)
    # Some texts keep letters beyond ASCII (a Ukrainian place name): they take the slow path,
    # the ASCII ones the fast one, each path a batch at a time.
    parts = joined.split(_TEXT_END)
    plain = [index for index, part in enumerate(parts) if part.isascii()]
    other = [index for index, part in enumerate(parts) if not part.isascii()]
    norms = [""] * len(parts)
    for indexes, normalised in ((plain, _normalised_ascii), (other, _normalised_unicode)):
        for index, norm in zip(indexes, normalised(_TEXT_END.join([parts[index] for index in indexes]))):
            norms[index] = norm
    return norms


def _normalised_ascii(joined: str) -> list[str]:
    """normalise() of ASCII texts joined by _TEXT_END."""
    return [" ".join(part.split()) for part in joined.lower().translate(_ASCII_SEPARATORS_KEEPING_END).split(_TEXT_END)]


def _normalised_unicode(joined: str) -> list[str]:
    """normalise() of texts joined by _TEXT_END that hold no _COMMON_SEPARATORS: _words' slow
    path, each step once for the batch.  _TEXT_END is a starter of its own that no case or
    accent rule looks across, so each step does to every text what it would do to it alone."""
    folded = _COMBINING_RE.sub("", unicodedata.normalize("NFKD", joined)).lower()
    return [" ".join(_WORD_RE.findall(part)) for part in folded.split(_TEXT_END)]


def _batch_word_hashes(norms: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The _word_hash of every word of normalised texts, in order, and where each text's words
    start (len(norms) + 1 bounds): numpy over the texts' UTF-8 bytes, no Python work per word."""
    data = np.frombuffer("\n".join(norms).encode(), np.uint8)
    bounds = np.zeros(len(norms) + 1, np.int64)
    if not len(data):
        return np.empty(0, np.uint64), bounds
    gaps = np.empty(len(data) + 2, bool)  # spaces between words, newlines between texts, and both ends
    gaps[0] = gaps[-1] = True
    np.logical_or(data == 32, data == 10, out=gaps[1:-1])
    edges = np.flatnonzero(gaps[1:] != gaps[:-1])  # a word's first byte, then the byte after its last
    if not len(edges):
        return np.empty(0, np.uint64), bounds
    starts, ends = edges[::2], edges[1::2]
    lengths = ends - starts
    firsts = np.zeros(len(starts), np.int64)  # where each word starts among the letters
    np.cumsum(lengths[:-1], out=firsts[1:])
    offset = np.arange(int(lengths.sum()), dtype=np.int64) - np.repeat(firsts, lengths)  # within its word
    letters = data[~gaps[1:-1]]
    mixed = letters.astype(np.uint64) * _BYTE_MIX[offset & 63]
    hashes = np.add.reduceat(mixed, firsts)  # uint64 wraps: the sum modulo 2**64
    text_ends = np.flatnonzero(data == 10)
    bounds[1:-1] = np.searchsorted(starts, text_ends)
    bounds[-1] = len(starts)
    return hashes, bounds


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
                found.add(normalise(_POSSESSIVE_RE.sub("", word)))
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


_NO_BANDS = np.empty(0, np.int64)
_NO_BANDS.flags.writeable = False


@dataclass(frozen=True)
class Fingerprint:
    exact: str  # hash of the normalised text
    bands: tuple[int, ...]  # one LSH key per band; empty for texts too short to compare
    shingle_hashes: np.ndarray
    # The same keys as int64s, for the index and the store to take whole (as stored: its bytes
    # are the packed blob) instead of converting Python ints one by one.
    band_array: np.ndarray = field(default_factory=lambda: _NO_BANDS, compare=False, repr=False)

    @property
    def shingles(self) -> frozenset[int]:
        return frozenset(self.shingle_hashes.tolist())


def _exact_hash(norm: str) -> str:
    return hashlib.blake2b(norm.encode(), digest_size=12).hexdigest()


def _word_hash(word: str) -> int:
    """A word's hash mixes its UTF-8 bytes with a random constant per position in the word (the
    definition that _batch_word_hashes computes for many words at once)."""
    return sum(byte * _BYTE_MIX_INTS[i & 63] for i, byte in enumerate(word.encode())) & _MASK


def _shingle_array(words: np.ndarray) -> np.ndarray:
    """Hash of each run of SHINGLE consecutive words (three word hashes mixed), at every start."""
    if len(words) < SHINGLE:
        return np.empty(0, np.uint64)
    return words[:-2] * _SHINGLE_MIX[0] + words[1:-1] * _SHINGLE_MIX[1] + words[2:]  # arrays wrap silently


def _text_shingles(words: np.ndarray, shingles: np.ndarray, start: int, end: int) -> np.ndarray:
    """The shingles of the text made of words[start:end]; a text too short for one keeps its
    first word's hash so that it is not empty."""
    if end - start < SHINGLE:
        return words[start : min(end, start + 1)].copy()
    return shingles[start : end - SHINGLE + 1]


def shingle_set(text: str) -> frozenset[int]:
    return shingle_sets([text])[0]


def shingle_sets(texts: list[str]) -> list[frozenset[int]]:
    """shingle_set of each text, hashed together (a few numpy calls, whatever the number)."""
    words, bounds = _batch_word_hashes(_normalised(texts))
    shingles = _shingle_array(words)
    return [frozenset(_text_shingles(words, shingles, start, end).tolist()) for start, end in pairwise(bounds.tolist())]


def _permuted(shingles: np.ndarray) -> np.ndarray:
    """Every shingle under every MinHash permutation (multiply-shift hashing), one row per
    permutation: (NUM_PERM, len), so that minima run along contiguous memory."""
    permuted = _A_COLUMN * shingles  # uint64 arrays wrap silently: arithmetic modulo 2**64
    permuted += _B_COLUMN
    return permuted  # not yet shifted: the shift keeps order, so it is applied to the minima alone


def _signatures(shingles: np.ndarray, ranges: list[tuple[int, int]]) -> np.ndarray:
    """MinHash signature of each range [start, end) of shingles, (len(ranges), NUM_PERM); ranges
    sorted, disjoint, not empty.  Shingles are permuted a block at a time, so that memory stays
    bounded on a huge page."""
    signatures = np.empty((len(ranges), NUM_PERM), np.uint64)
    index = 0
    while index < len(ranges):
        low, end = ranges[index]
        if end - low > _BLOCK:
            signature = np.full(NUM_PERM, np.iinfo(np.uint64).max, np.uint64)
            for block in range(low, end, _BLOCK):
                signature = np.minimum(signature, _permuted(shingles[block : min(end, block + _BLOCK)]).min(axis=1))
            signatures[index] = signature
            index += 1
            continue
        last = index + 1
        while last < len(ranges) and ranges[last][1] - low <= _BLOCK:
            last += 1
        permuted = _permuted(shingles[low : ranges[last - 1][1]])
        # Starts and ends interleaved: reduceat's even columns are the ranges (the last runs to the end).
        bounds = [edge - low for pair in ranges[index:last] for edge in pair][:-1]
        signatures[index:last] = np.minimum.reduceat(permuted, bounds, axis=1)[:, ::2].T
        index = last
    signatures >>= _SHIFT
    return signatures


def _band_keys(signatures: np.ndarray) -> np.ndarray:
    """LSH band keys of MinHash signatures, (len(signatures), BANDS) int64s: each band's rows
    mixed into one."""
    keys = _BAND_OFFSETS.copy()
    for row in range(ROWS):  # band b mixes signature values b*ROWS .. b*ROWS + ROWS-1
        keys = keys + signatures[:, row::ROWS] * _BAND_MIX[row]
    keys = keys.view(np.int64)
    keys.flags.writeable = False  # rows are handed out as the fingerprints' band_array
    return keys


def _fingerprint_groups(groups: list[list[str]]) -> tuple[list[Fingerprint], list[Fingerprint]]:
    """Fingerprints of each group of texts taken as one text (texts joined), and of each text.

    Every text is normalised and hashed once, and every shingle permuted once: a group's
    shingles are cut at its texts' edges into pieces, a text's signature is its piece, and a
    group's is the minimum over its pieces (including those that span two texts), which equals
    the signature of the joined text."""
    norms = _normalised([text for texts in groups for text in texts])
    words, bounds = _batch_word_hashes(norms)
    word_bounds = bounds.tolist()
    text_ranges = list(pairwise(word_bounds))  # word ranges
    group_ranges: list[tuple[int, int]] = []
    group_norms: list[str] = []
    at = 0
    for texts in groups:
        group_ranges.append((word_bounds[at], word_bounds[at + len(texts)]))
        group_norms.append(" ".join(norm for norm in norms[at : at + len(texts)] if norm))
        at += len(texts)
    shingles = _shingle_array(words)

    # Pieces: the shingles of each comparable group, cut where one of its texts starts or ends.
    pieces: list[tuple[int, int]] = []
    group_pieces: dict[int, tuple[int, int]] = {}  # group -> its pieces [first, last)
    text_piece: dict[int, int] = {}  # comparable text -> its one piece
    text_index = 0
    for group, (texts, (start, end)) in enumerate(zip(groups, group_ranges)):
        members = range(text_index, text_index + len(texts))
        text_index += len(texts)
        if end - start < MIN_WORDS:
            continue
        stop = end - SHINGLE + 1
        cuts = {start, stop}
        for member in members:
            low, high = text_ranges[member]
            if high - low >= SHINGLE:
                cuts.update((low, high - SHINGLE + 1))
        edges = sorted(cuts)
        first = len(pieces)
        pieces.extend(pairwise(edges))
        group_pieces[group] = (first, len(pieces))
        for member in members:
            low, high = text_ranges[member]
            if high - low >= MIN_WORDS:
                text_piece[member] = first + edges.index(low)
    piece_signatures = _signatures(shingles, pieces) if pieces else np.empty((0, NUM_PERM), np.uint64)

    comparable_groups = list(group_pieces)
    if comparable_groups:
        bounds = [edge for group in comparable_groups for edge in group_pieces[group]][:-1]
        group_signatures = np.minimum.reduceat(piece_signatures, bounds, axis=0)[::2]
    else:
        group_signatures = np.empty((0, NUM_PERM), np.uint64)
    comparable_texts = list(text_piece)
    text_signatures = piece_signatures[[text_piece[text] for text in comparable_texts]]

    def build(
        ranges: list[tuple[int, int]], texts_norms: list[str], comparable: list[int], signatures: np.ndarray
    ) -> list[Fingerprint]:
        keys = _band_keys(signatures)
        bands = dict(zip(comparable, zip(map(tuple, keys.tolist()), keys)))
        fps = []
        for i, norm in enumerate(texts_norms):
            found = bands.get(i)
            text_shingles = _text_shingles(words, shingles, *ranges[i])
            if found is None:
                fps.append(Fingerprint(_exact_hash(norm), (), text_shingles, _NO_BANDS))
            else:
                fps.append(Fingerprint(_exact_hash(norm), found[0], text_shingles, found[1]))
        return fps

    return (
        build(group_ranges, group_norms, comparable_groups, group_signatures),
        build(text_ranges, norms, comparable_texts, text_signatures),
    )


def fingerprints(texts: list[str]) -> list[Fingerprint]:
    """Fingerprint a batch of texts: one MinHash pass over all their shingles."""
    return _fingerprint_groups([[text] for text in texts])[1]


def fingerprint(text: str) -> Fingerprint:
    return fingerprints([text])[0]


def entry_fingerprints(entries: list[list[str]]) -> tuple[list[Fingerprint], list[list[Fingerprint]]]:
    """Fingerprints of entries given as their analysed paragraphs, and of those paragraphs.

    An entry's fingerprint is that of its paragraphs joined (Entry.text), built from the
    paragraphs' word hashes instead of normalising and hashing the entry's text a second time."""
    entry_fps, paragraph_fps = _fingerprint_groups(entries)
    grouped, at = [], 0
    for paragraphs in entries:
        grouped.append(paragraph_fps[at : at + len(paragraphs)])
        at += len(paragraphs)
    return entry_fps, grouped


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


class _Facts:
    """What the rules compare, computed once per text within one batch: shingle sets, figures
    and names.  Most candidates fail on shingles, so figures and names are rarely needed."""

    def __init__(self) -> None:
        self._figures: dict[str, tuple[frozenset[str], frozenset[str]]] = {}

    def figures_and_names(self, text: str) -> tuple[frozenset[str], frozenset[str]]:
        found = self._figures.get(text)
        if found is None:
            found = self._figures[text] = (numbers(text), names(text))
        return found

    def similar(
        self, text: str, grams: frozenset[int], other_text: str, other_grams: frozenset[int], threshold: float
    ) -> float:
        """Jaccard similarity when it reaches the threshold and no figure or name tells two
        happenings apart, else 0."""
        similarity = jaccard(grams, other_grams)
        if similarity < threshold:
            return 0.0
        figures, named = self.figures_and_names(text)
        other_figures, other_named = self.figures_and_names(other_text)
        if figures != other_figures or (named - other_named and other_named - named):
            return 0.0
        return similarity


def link(
    index: Index, scope: str, items: list[tuple[int, str]], threshold: float, fps: list[Fingerprint] | None = None
) -> tuple[list[Match | None], list[Fingerprint]]:
    """For each (new id, text), in order, its first earlier occurrence in the store or the batch,
    and each text's fingerprint (for the store to index).  `scope` is 'paragraph' or 'entry';
    `fps`, when the caller has them (entry_fingerprints), saves fingerprinting the texts again.

    An exact copy is linked by its hash alone: only the other texts ask the index for
    near-duplicate candidates, and the shingles of the stored texts they find are computed together."""
    texts = [text for _, text in items]
    if fps is None:
        fps = fingerprints(texts)
    stored_exact = index.exact_roots(scope, {fp.exact for fp in fps if fp.bands})
    searching, seen = [], set()
    for fp in fps:
        if fp.bands and fp.exact not in stored_exact and fp.exact not in seen:
            searching.append(fp)
        if fp.bands:
            seen.add(fp.exact)
    keys = np.concatenate([_band_array(fp) for fp in searching]) if searching else _NO_BANDS
    stored_hits = index.band_hits(scope, keys) if len(keys) else {}
    stored_ids = {item for ids in stored_hits.values() for item in ids}
    stored_texts = index.texts(scope, stored_ids) if stored_ids else {}
    batch_bands = _shared_bands(fps)  # band key -> positions in this batch, for keys two items share
    stored_grams = {}
    if stored_texts:
        stored_grams = dict(zip(stored_texts, shingle_sets([text for text, _ in stored_texts.values()])))
    grams: dict[int, frozenset[int]] = {}
    facts = _Facts()
    results: list[Match | None] = []

    def root(position: int) -> int:
        earlier = results[position]
        return earlier.item_id if earlier is not None else items[position][0]

    def grams_of(position: int) -> frozenset[int]:
        if position not in grams:
            grams[position] = fps[position].shingles
        return grams[position]

    def candidates(position: int, fp: Fingerprint) -> Iterator[tuple[int, str, frozenset[int]]]:
        """(first occurrence, text, shingles) of each stored or earlier batch item sharing a band."""
        seen_stored: set[int] = set()
        seen_batch: set[int] = set()
        for key in fp.bands:
            for item in stored_hits.get(key, ()):
                if item not in seen_stored and item in stored_texts:
                    seen_stored.add(item)
                    other_text, duplicate_of = stored_texts[item]
                    yield duplicate_of or item, other_text, stored_grams[item]
        for key in fp.bands:
            for other in batch_bands.get(key, ()):
                if other >= position:
                    break
                if other not in seen_batch:
                    seen_batch.add(other)
                    yield root(other), items[other][1], grams_of(other)

    hit_keys = stored_hits.keys() | batch_bands.keys()
    batch_exact: dict[str, int] = {}
    for position, ((item_id, text), fp) in enumerate(zip(items, fps)):
        match = None
        if fp.bands:
            if fp.exact in stored_exact:
                match = Match(stored_exact[fp.exact], 1.0)
            elif fp.exact in batch_exact:
                match = Match(root(batch_exact[fp.exact]), 1.0)
            elif not hit_keys.isdisjoint(fp.bands):
                best_id, best_similarity = None, 0.0
                for other_id, other_text, other_grams in candidates(position, fp):
                    similarity = facts.similar(text, grams_of(position), other_text, other_grams, threshold)
                    if similarity > best_similarity:
                        best_id, best_similarity = other_id, similarity
                if best_id is not None:
                    match = Match(best_id, round(best_similarity, 3))
            batch_exact.setdefault(fp.exact, position)
        results.append(match)
    return results, fps


def _band_array(fp: Fingerprint) -> np.ndarray:
    """fp's band keys as int64s (a Fingerprint made by hand may have only the tuple)."""
    return fp.band_array if len(fp.band_array) == len(fp.bands) else np.asarray(fp.bands, dtype=np.int64)


def _shared_bands(fps: list[Fingerprint]) -> dict[int, list[int]]:
    """Band key -> positions (ascending) of the batch's texts that have it, for the keys that
    more than one text has: the only ones that can make a text a candidate for another.  A
    repeat of an earlier text in the batch is left out: it has the same keys and the same first
    occurrence, so it would only be met again as a candidate."""
    rows, first_seen = [], set()
    for position, fp in enumerate(fps):
        if fp.bands and fp.exact not in first_seen:
            first_seen.add(fp.exact)
            rows.append(position)
    if len(rows) < 2:
        return {}
    flat = np.concatenate([_band_array(fps[position]) for position in rows])
    order = np.argsort(flat, kind="stable")  # stable: a key's positions stay ascending
    ordered = flat[order]
    repeated = ordered[1:] == ordered[:-1]
    if not repeated.any():
        return {}
    keep = np.zeros(len(ordered), bool)
    keep[1:] |= repeated
    keep[:-1] |= repeated
    owners = np.asarray(rows)[order[keep] // BANDS].tolist()
    shared: dict[int, list[int]] = {}
    for key, owner in zip(ordered[keep].tolist(), owners):
        positions = shared.setdefault(key, [])
        if not positions or positions[-1] != owner:
            positions.append(owner)
    return shared
