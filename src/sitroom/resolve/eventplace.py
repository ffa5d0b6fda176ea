"""Which of the places a text names is where its event happened.

The most specific place wins, unless the words around it say otherwise: "in", "near", "shelled"
put the event there; "from", "launched in", "said in" put it elsewhere; a name before "summit"
or "talks" labels a meeting.  A capital or a country that acts or speaks ("Russia fired",
"Moscow has said", "Kiev troops") or whose officials do ("Ukraine's commander-in-chief says") is
a side, not a location: it is no candidate at all, so a text naming places only so has no event
place (None) rather than the country of the side that acted.  A place that an oblast or district
narrows down, a dateline ("Sievierodonetsk: ..."), and a place named again count in its favour.
Works on any list of PlaceMentions with the text they came from, so callers may pass their own.
"""

from __future__ import annotations

import math
import re

from sitroom.model import Place, PlaceMention, Precision
from sitroom.resolve.cues import (
    ACTION_AFTER,
    ACTIVE_FILLERS,
    ACTOR_AFTER,
    COMMA_GAP,
    COUNTRY_ACTOR_AFTER,
    COUNTRY_SIDE_AFTER_POSSESSIVE,
    DATELINE_AFTER,
    DATELINE_BEFORE,
    DESCRIBING,
    EVENT_BEFORE,
    LABEL_AFTER,
    LABEL_MODIFIERS,
    METONYMY_AFTER,
    ORIGIN,
    POSSESSIVE_AFTER,
    POSSESSIVE_GAP,
    QUALIFIER_GAP,
    SIDE_AFTER_POSSESSIVE,
    SPEECH,
)
from sitroom.resolve.gazetteer import haversine_km
from sitroom.resolve.names import fold

PRECISION_SCORE = {
    Precision.POINT: 4.0, Precision.DISTRICT: 3.0, Precision.OBLAST: 2.5, Precision.REGION: 1.5,
    Precision.COUNTRY: 0.5,
}
QUALIFIER_KM = 60.0  # a district or town qualifier reaches this far
REGION_KM = 250.0  # a wide named area of no admin area ("eastern Ukraine") reaches this far from its point
DATELINE_BONUS = 0.8


def place_fits(p: Place, q: Place) -> bool:
    """Whether place p lies in q (by country, admin1 or distance), for qualifier links."""
    if q.precision is Precision.COUNTRY:
        return p.country == q.country
    if q.precision is Precision.OBLAST:
        return p.admin1 == q.admin1 or p == q
    if q.precision is Precision.REGION:
        return haversine_km(p.lat, p.lon, q.lat, q.lon) <= REGION_KM
    return haversine_km(p.lat, p.lon, q.lat, q.lon) <= QUALIFIER_KM and p != q


def is_district(p: Place) -> bool:
    """A district (or a front sector, "Kupiansk direction") itself, not a village placed at district
    precision (Gazetteer.place names district readings "<town> District")."""
    return p.precision is Precision.DISTRICT and p.name.endswith((" District", " direction"))


_WORDS_BEFORE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)


def words_before(text: str, start: int, n: int) -> list[str]:
    chunk = text[max(0, start - 60):start]
    # stop at a sentence or clause break
    for stop in (". ", "; ", "\n", ": "):
        k = chunk.rfind(stop)
        if k >= 0:
            chunk = chunk[k + len(stop):]
    return [fold(w) for w in _WORDS_BEFORE.findall(chunk)[-n:]]


def _event_score(text: str, m: PlaceMention, cue_start: int, repeats: int, qualified: bool) -> float:
    score = PRECISION_SCORE[m.place.precision]
    before = words_before(text, cue_start, 7)
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
        first = fold(words_after[0])
        if first in LABEL_AFTER or (first in LABEL_MODIFIERS and len(words_after) > 1
                                    and fold(words_after[1]) in LABEL_AFTER):
            score -= 4.0  # "the Minsk peace summit", "Istanbul talks"
    if POSSESSIVE_AFTER.match(after):
        score -= 1.0
    if qualified:
        score += 1.0
    if DATELINE_BEFORE.match(text[:cue_start]) and DATELINE_AFTER.match(text[m.end:m.end + 3]):
        score += DATELINE_BONUS  # "Sievierodonetsk: church damaged by shelling"
    score += min(repeats, 3) * 0.4
    return score


_ATTRIBUTION_BEFORE = re.compile(r"(?::|\s[-–—])\s+$")
_SEGMENT_END = re.compile(r"\s*(?:[;|\n]|$)")


def is_side(text: str, m: PlaceMention, capitals: frozenset[int]) -> bool:
    """Whether a country or capital is named as a side that speaks or acts, not as a location:
    "Russia fired", "Moscow has said", "Kiev troops", "Ukraine's commander-in-chief says"."""
    country = m.place.precision is Precision.COUNTRY
    if not (country or m.place.geonameid in capitals):
        return False
    after = text[m.end:m.end + 40]
    if _ATTRIBUTION_BEFORE.search(text[max(0, m.start - 3):m.start]) and _SEGMENT_END.match(text[m.end:]):
        return True  # "Five soldiers killed in past day: Kiev": who says so, at the headline's end
    possessive = POSSESSIVE_AFTER.match(after)
    words = [fold(w) for w in _WORDS_BEFORE.findall(after[possessive.end():] if possessive else after)[:4]]
    if possessive:
        # "Kyiv's mayor" speaks for the city, where the event is; a country's officials do not.
        return bool(words) and words[0] in (COUNTRY_SIDE_AFTER_POSSESSIVE if country else SIDE_AFTER_POSSESSIVE)
    if country and words and words[0] in COUNTRY_ACTOR_AFTER:
        return True
    if len(words) >= 3 and words[0] == "and" and words[1] not in METONYMY_AFTER | ACTION_AFTER:
        words = words[2:]  # "Kiev and rebels blame each other": two sides and their verb
    while words and words[0] in ACTIVE_FILLERS:
        words.pop(0)
    return bool(words) and (words[0] in METONYMY_AFTER or words[0] in ACTOR_AFTER or words[0] in ACTION_AFTER)


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
        coarser = PRECISION_SCORE[b.place.precision] < PRECISION_SCORE[a.place.precision] or (
            is_district(b.place) and not is_district(a.place))  # "Gorbakha in the Ivanovo District"
        if QUALIFIER_GAP.match(gap) and place_fits(a.place, b.place) and (coarser or COMMA_GAP.match(gap)):
            qualifier_of[k + 1] = k
            if b.place.precision not in (Precision.COUNTRY, Precision.REGION):
                qualified.add(k)
        elif POSSESSIVE_GAP.match(gap) and place_fits(b.place, a.place):
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
        if k in qualifier_of or is_side(text, m, capitals):
            continue
        score = _event_score(text, m, cue_start[k], counts[(m.place.name, m.place.precision)] - 1, k in qualified)
        if score > best_score:
            best, best_score = m, score
    return best
