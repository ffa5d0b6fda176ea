"""The words of a key point: the sentence that best tells an incident, taken from the reports.

sitroom writes no new sentences: every point is the reporters' own words, so that it can be traced
to its entry and trusted.  The best sentence is the one a reader needs first: an entry's lead, with
the figures and the source, neither a fragment nor a quote out of context."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"(?:(?<=[.!?…])|(?<=[.!?…][”\"’)]))\s+(?=[“\"‘(]?[A-Z0-9])")
_DANGLING = re.compile(r"^(?:It|He|She|They|This|That|These|Those|His|Her|Their|The ministry|The official)\b")
_QUOTE_START = re.compile(r"^[“\"‘']")
MIN_WORDS = 8
GOOD_WORDS = (14, 45)
# A point shorter than this takes the sentence that follows it in the same paragraph.
EXTEND_BELOW = 26
MAX_WORDS = 70


@dataclass
class Candidate:
    """A sentence that could tell an incident."""

    text: str
    entry_id: int
    lead: bool  # the first sentence of its entry (or its headline)
    figures: int
    attributed: bool
    human_point: bool  # from a key-points or summary entry the newsroom wrote
    following: str  # the next sentence of its paragraph, if any


def quality(c: Candidate) -> float:
    words = len(c.text.split())
    value = 0.0
    if words < MIN_WORDS:
        value -= 2.0
    elif GOOD_WORDS[0] <= words <= GOOD_WORDS[1]:
        value += 1.0
    value += 1.5 if c.lead else 0.0
    value += 0.6 * min(c.figures, 2)
    value += 0.6 if c.attributed else 0.0
    value += 1.0 if c.human_point else 0.0
    value -= 1.5 if _DANGLING.match(c.text) else 0.0
    value -= 1.0 if _QUOTE_START.match(c.text) else 0.0
    value -= 0.5 if c.text.rstrip().endswith(("?", ":")) else 0.0
    return value


def point_text(c: Candidate) -> str:
    """The sentence, with the next one when it alone is thin (a short lead usually continues)."""
    text = " ".join(c.text.split())
    if len(text.split()) < EXTEND_BELOW and c.following:
        joined = f"{text} {' '.join(c.following.split())}"
        if len(joined.split()) <= MAX_WORDS:
            return joined
    return text


def following_sentence(text: str, end: int) -> str:
    """The sentence after offset end within the same paragraph of an entry's text."""
    rest = text[end:]
    rest = rest.split("\n", 1)[0].strip()
    if not rest:
        return ""
    parts = _SENTENCE_END.split(rest, maxsplit=1)
    return parts[0].strip()


def is_lead(text: str, start: int | None) -> bool:
    """The evidence opens its entry: the headline, or the start of the text."""
    if start is None or start < 0:
        return True
    return not text[:start].strip()
