"""Which of the places a text names is where its event happened.

The most specific place wins, unless the words around it say otherwise: "in", "near", "shelled"
put the event there; "from", "launched in", "said in" put it elsewhere; a capital or a country
followed by "said" or "troops" is a government or an army, not a location; a name before
"summit" or "talks" labels a meeting.  A place that an oblast or district narrows down, a
dateline ("Sievierodonetsk: ..."), and a place named again count in its favour.  Works on any
list of PlaceMentions with the text they came from, so callers may pass mentions of their own.
"""

from __future__ import annotations

import math
import re

from sitroom.model import Place, PlaceMention, Precision
from sitroom.resolve.cues import (
    ACTOR_AFTER, COMMA_GAP, DATELINE_AFTER, DATELINE_BEFORE, DESCRIBING, EVENT_BEFORE, LABEL_AFTER,
    METONYMY_AFTER, ORIGIN, POSSESSIVE_AFTER, POSSESSIVE_GAP, QUALIFIER_GAP, SPEECH,
)
from sitroom.resolve.gazetteer import haversine_km
from sitroom.resolve.names import fold

PRECISION_SCORE = {
    Precision.POINT: 4.0, Precision.DISTRICT: 3.0, Precision.OBLAST: 2.5, Precision.REGION: 1.5,
    Precision.COUNTRY: 0.5,
}
QUALIFIER_KM = 60.0  # a district or town qualifier reaches this far
DATELINE_BONUS = 0.8


def _place_fits(p: Place, q: Place) -> bool:
    """Whether place p lies in q (by country, admin1 or distance), for qualifier links."""
    if q.precision is Precision.COUNTRY:
        return p.country == q.country
    if q.precision is Precision.OBLAST:
        return p.admin1 == q.admin1 or p == q
    if q.precision is Precision.REGION:
        return haversine_km(p.lat, p.lon, q.lat, q.lon) <= 250
    return haversine_km(p.lat, p.lon, q.lat, q.lon) <= QUALIFIER_KM and p != q


_WORDS_BEFORE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)


def _words_before(text: str, start: int, n: int) -> list[str]:
    chunk = text[max(0, start - 60):start]
    # stop at a sentence or clause break
    for stop in (". ", "; ", "\n", ": "):
        k = chunk.rfind(stop)
        if k >= 0:
            chunk = chunk[k + len(stop):]
    return [fold(w) for w in _WORDS_BEFORE.findall(chunk)[-n:]]


def _event_score(text: str, m: PlaceMention, cue_start: int, repeats: int, qualified: bool,
                 capitals: frozenset[int]) -> float:
    score = PRECISION_SCORE[m.place.precision]
    before = _words_before(text, cue_start, 7)
    # Read back over words that only describe ("in occupied Makiivka", "near the embattled town of
    # Bakhmut") to the word that says how the place stands to the event.
    cue = 0.0
    while before:
        value = EVENT_BEFORE.get(before[-1], 0.0)
        if value < 0:
            cue = value  # "from the city of X" comes from there, however it is described
            break
        cue = max(cue, value)
        if before[-1] not in DESCRIBING:
            break
        before.pop()
    score += cue
    if before:
        if len(before) >= 2 and before[-1] in ("in", "at", "from", "to") and before[-2] in SPEECH:
            score -= 2.5
        elif len(before) >= 2 and before[-1] in ("in", "at", "from", "near") and before[-2] in ORIGIN:
            score -= 3.0  # "launched in Zabolotye": where it came from
        elif any(w in SPEECH for w in before[-4:-1]) and before[-1] in ("in", "at"):
            score -= 1.5
    after = text[m.end:m.end + 30]
    if after.startswith(("-based", "–based", " based")):
        score -= 3.0
    words_after = _WORDS_BEFORE.findall(after)
    if words_after and not POSSESSIVE_AFTER.match(after):
        first_after = fold(words_after[0])
        government = m.place.precision is Precision.COUNTRY or m.place.geonameid in capitals
        if government and (first_after in METONYMY_AFTER or first_after in ACTOR_AFTER):
            score -= 2.5
        elif {fold(w) for w in words_after[:2]} & LABEL_AFTER:
            score -= 4.0  # "the Minsk peace summit", "Istanbul talks"
    if POSSESSIVE_AFTER.match(after):
        score -= 1.0
    if qualified:
        score += 1.0
    if DATELINE_BEFORE.match(text[:cue_start]) and DATELINE_AFTER.match(text[m.end:m.end + 3]):
        score += DATELINE_BONUS  # "Sievierodonetsk: church damaged by shelling"
    score += min(repeats, 3) * 0.4
    return score


def choose(text: str, mentions: list[PlaceMention], capitals: frozenset[int] = frozenset()) -> PlaceMention | None:
    """The mention of ``text`` where its event happened; ``capitals`` are the geonameids of
    national capitals (Gazetteer.capitals), whose "X said" is a government speaking."""
    if not mentions:
        return None
    mentions = sorted(mentions, key=lambda m: m.start)
    qualifier_of: dict[int, int] = {}
    qualified: set[int] = set()  # narrowed by an oblast, district or town: surely the spot meant
    cue_start = [m.start for m in mentions]
    for k in range(len(mentions) - 1):
        a, b = mentions[k], mentions[k + 1]
        gap = text[a.end:b.start]
        coarser = PRECISION_SCORE[b.place.precision] < PRECISION_SCORE[a.place.precision]
        if QUALIFIER_GAP.match(gap) and _place_fits(a.place, b.place) and (coarser or COMMA_GAP.match(gap)):
            qualifier_of[k + 1] = k
            if b.place.precision not in (Precision.COUNTRY, Precision.REGION):
                qualified.add(k)
        elif POSSESSIVE_GAP.match(gap) and _place_fits(b.place, a.place):
            qualifier_of[k] = k + 1
            cue_start[k + 1] = a.start  # "in Belarus' Ivanovo District": the cue is before the owner
            if a.place.precision not in (Precision.COUNTRY, Precision.REGION):
                qualified.add(k + 1)
    counts: dict[tuple, int] = {}
    for m in mentions:
        key = (m.place.name, m.place.precision)
        counts[key] = counts.get(key, 0) + 1
    best, best_score = None, -math.inf
    for k, m in enumerate(mentions):
        if k in qualifier_of:
            continue
        score = _event_score(text, m, cue_start[k], counts[(m.place.name, m.place.precision)] - 1, k in qualified,
                             capitals)
        if score > best_score:
            best, best_score = m, score
    return best
