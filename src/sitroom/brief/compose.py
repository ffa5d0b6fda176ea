"""The words of a key point: the sentence that best tells an incident, taken from the reports.

sitroom writes no new sentences: every point is the reporters' own words, so that it can be traced
to its entry and trusted.  The best sentence is the one a reader needs first: an entry's lead, with
the figures and the source, neither a fragment nor a quote out of context."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..link.terms import overlap, terms

_BOUNDARY = r"(?:(?<=[.!?…])|(?<=[.!?…][”\"’)]))\s+(?=[“\"‘(]?[{}])"
_SENTENCE_END = re.compile(_BOUNDARY.format("A-Z0-9"))
# The same boundary before a lower-case word too: for weighing words, where lower-cased text (as
# some corpora give it) must still split, and a rare wrong split costs nothing.
SENTENCE_END_ANY_CASE = re.compile(_BOUNDARY.format("A-Za-z0-9"))
_DANGLING = re.compile(
    r"^(?:It|He|She|They|This|That|These|Those|His|Her|Their|The ministry|The official"
    r"|According to (?:him|her|them|the (?:official|officials|spokesman|spokesperson|source|sources|statement|report"
    r"|agency|ministry|minister|governor|mayor))(?=\s*[,:]))\b"
)
_QUOTE_START = re.compile(r"^[“\"‘']")
# "..., it said": the speaker is named in a sentence the point would leave out.
_PRONOUN_SOURCE = re.compile(
    r"[,”\"’]\s+(?:it|he|she|they)\s+(?:said|says|added|told|wrote|claimed|stated)\b", re.IGNORECASE
)
MIN_WORDS = 8
GOOD_WORDS = (14, 45)
# A point goes on with the sentences that follow it in its paragraph, up to this many words: the
# reporter's paragraph gives the who and the why that one sentence leaves out.
MAX_WORDS = 75
ANNOUNCING = 1.5
_NAVIGATION = re.compile(
    r"\b(?:you can (?:read|watch|follow|find)|read (?:more|our|the full)|click here|sign up|follow (?:our|the) live|"
    r"we will be (?:following|bringing)|welcome (?:back )?to (?:our|the)|catch up)\b|\bhere:?$",
    re.IGNORECASE,
)

# "X has just posted a message on Telegram": a sentence announcing words that follow, not news itself.
_ANNOUNCES = re.compile(
    r"\b(?:posted|published|shared|released|issued|gave|delivered)\s+(?:(?:a|an|his|her|their|its|the)\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:message|update|video|statement|post|address|speech|remarks)\b(?![^.]*\bthat\b)",
    re.IGNORECASE,
)


@dataclass
class Candidate:
    """A sentence that could tell an incident."""

    text: str
    entry_id: int
    lead: bool  # the first sentence of its entry (or its headline)
    figures: int
    attributed: bool
    human_point: bool  # from a key-points or summary entry the newsroom wrote
    following: list[str]  # the sentences after it in its paragraph


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
    value -= 1.0 if _QUOTE_START.match(c.text) else 0.0
    value -= 1.0 if _PRONOUN_SOURCE.search(c.text) else 0.0
    value -= 0.5 if c.text.rstrip().endswith(("?", ":")) else 0.0
    value -= ANNOUNCING if _ANNOUNCES.search(c.text) else 0.0
    if _NAVIGATION.search(c.text):
        return -10.0  # a pointer to elsewhere is never a key point
    if _QUOTE_START.match(c.text) and _PRONOUN_SOURCE.search(c.text):
        return -10.0  # a quote whose speaker is only "it" or "he" cannot stand alone
    if _DANGLING.match(c.text):
        return -10.0  # "He expects ...", "According to the official, ...": whose words, about what?
    return value


def point_text(c: Candidate) -> str:
    """The sentence and those after it in its paragraph while they fit in MAX_WORDS; a sentence
    that ends on a colon (its quote follows) is left out."""
    text = " ".join(c.text.split())
    words = len(text.split())
    for sentence in c.following:
        sentence = " ".join(sentence.split())
        n = len(sentence.split())
        if words + n > MAX_WORDS or sentence.endswith(":") or _NAVIGATION.search(sentence):
            break
        text, words = f"{text} {sentence}", words + n
    return text


def following_sentences(text: str, end: int) -> list[str]:
    """The sentences after offset end in the rest of its paragraph of an entry's text, and in the
    next paragraph where that goes on with the same story."""
    paragraph_start = text.rfind("\n", 0, end) + 1
    rest, _, after = text[end:].partition("\n")
    found = _split(rest)
    following = after.split("\n", 1)[0]
    if following.strip() and continues(text[paragraph_start:end] + " " + rest, following):
        found += _split(following)
    return found


# Share of a paragraph's words (see link.terms.overlap) the one before it must already hold for the
# paragraph to go on with its story: a live blog's summary runs one story per paragraph.
SAME_STORY = 0.3


def continues(before: str, paragraph: str) -> bool:
    """Whether a paragraph goes on with the story of the text before it: it opens with a pronoun
    or a quote, or its words are largely that text's."""
    paragraph = paragraph.strip()
    if _DANGLING.match(paragraph) or _QUOTE_START.match(paragraph):
        return True
    return overlap(terms(_split(paragraph)[0]), terms(before)) >= SAME_STORY


def _split(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_END.split(text.strip()) if part.strip()]


def is_lead(text: str, start: int | None) -> bool:
    """The evidence opens its entry: the headline, or the start of the text."""
    if start is None or start < 0:
        return True
    return not text[:start].strip()
