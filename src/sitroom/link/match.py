"""Which incident, if any, a newly reported event belongs to.

An event joins an incident when they are of one family (a strike, the fire it set and its dead are
one happening), their dates fit, their places fit, and, where dates or places alone cannot tell,
their words agree.  The rules are written for live coverage: the same strike is reported first as
"explosions in Makiivka", then with a toll, then days later as "the Makiivka strike" with a revised
toll and no date; meanwhile another town is shelled the same day and must stay apart.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from .terms import overlap

# Days an event may lie outside an incident's dates and still be the same happening, when the
# text dated it.  Strikes are reported to the day; talks and aid deliveries drift over a few days.
DATE_SLACK = {"attack": 1, "frontline": 2, "statement": 1}
DEFAULT_SLACK = 2
# How far back an undated later mention ("the strike", "the weekend's attack") may reach.
LOOKBACK_DAYS = 10
# An undated report from an incident's town this soon after its last report continues its story.
FOLLOW_UP_DAYS = 1
# An event spanning more than this is a running total (a toll since February), not one happening.
PERIOD_DAYS = 2
# Points closer than this are one place (a town and its outskirts).
SAME_PLACE_KM = 15.0
# How much of an event's words an incident must share where date or place alone cannot decide.
WORDS_NEEDED = 0.25
WORDS_ALONE = 0.4
# The words an incident is known by: its most frequent terms.  A big incident's whole vocabulary
# would match anything.
CORE_TERMS = 40
FINE = ("point", "district")
# A toll this large stated by two reports ("89 killed") marks one happening even when the later
# report names no place and is dated by when it was said; smaller counts recur too often.
SAME_TOLL_FROM = 20


@dataclass(frozen=True)
class PlaceRef:
    name: str
    lat: float | None
    lon: float | None
    admin1: str | None
    country: str | None
    precision: str
    geonameid: int | None = None


@dataclass
class LinkEvent:
    """What linking needs to know of a stored event."""

    id: int
    entry_id: int
    document_id: int
    family: str
    subtype: str
    start: date | None
    end: date | None
    dated: bool  # the text gave the date; otherwise it is the day the entry was posted
    place: PlaceRef | None
    reported: str | None
    terms: frozenset[str]
    back: bool  # the text refers back to a happening ("the strike")
    weapon: str | None = None
    speaker: str | None = None  # the organisation or person the event is attributed to
    figures: frozenset[tuple[str, float]] = frozenset()  # toll counts, revised-from values included


@dataclass
class IncidentState:
    """An incident as linking sees it while events join it."""

    id: int
    family: str
    start: date | None
    end: date | None
    dated: bool = False  # some report gave its date; otherwise its dates are when it was reported
    places: list[PlaceRef] = field(default_factory=list)
    terms: Counter[str] = field(default_factory=Counter)
    entries: set[int] = field(default_factory=set)
    weapons: set[str] = field(default_factory=set)
    speakers: set[str] = field(default_factory=set)
    last_reported: str | None = None
    figures: set[tuple[str, float]] = field(default_factory=set)

    def absorb(self, other: IncidentState) -> None:
        """Take in every report of another incident found to be this one."""
        if other.start and (other.dated or not self.dated):
            self.start = min(self.start, other.start) if self.start else other.start
            self.end = max(self.end, other.end or other.start) if self.end else (other.end or other.start)
        self.places += [p for p in other.places if p not in self.places]
        self.terms.update(other.terms)
        self.entries |= other.entries
        self.weapons |= other.weapons
        self.speakers |= other.speakers
        self.figures |= other.figures
        if other.last_reported and (self.last_reported is None or other.last_reported > self.last_reported):
            self.last_reported = other.last_reported

    def add(self, event: LinkEvent) -> None:
        """Take an event in: set the dates by the reports that state them (an undated later mention
        says when it was reported, not when it happened), keep its place and words."""
        if event.start and (event.dated or not self.dated):
            lo, hi = event.start, event.end or event.start
            if event.dated and not self.dated:
                self.start = self.end = None  # the first stated date replaces the reporting days
                self.dated = True
            self.start = min(self.start, lo) if self.start else lo
            self.end = max(self.end, hi) if self.end else hi
        if event.place and event.place not in self.places:
            self.places.append(event.place)
        self.terms.update(event.terms)
        self.entries.add(event.entry_id)
        if event.weapon:
            self.weapons.add(event.weapon)
        if event.speaker:
            self.speakers.add(event.speaker)
        self.figures.update(event.figures)
        if event.reported and (self.last_reported is None or event.reported > self.last_reported):
            self.last_reported = event.reported


def family_of(event_family: str, subtype: str, start: date | None, end: date | None, precision: str | None) -> str:
    """A running total ("6,884 civilians killed since February", a nationwide toll) is its own
    family: it overlaps every strike of its months and must not swallow them."""
    if start and end and (end - start).days > PERIOD_DAYS:
        return "toll"
    if subtype in ("casualty_toll", "bodies_found") and precision in (None, "country", "oblast", "region"):
        return "toll"
    return event_family


def km(a: PlaceRef, b: PlaceRef) -> float:
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return math.inf
    la1, la2 = math.radians(a.lat), math.radians(b.lat)
    dla, dlo = la2 - la1, math.radians(b.lon - a.lon)
    h = math.sin(dla / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin(dlo / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def place_fit(a: PlaceRef, b: PlaceRef) -> float | None:
    """1 the same place, 0.8 the same town, 0.4 a town inside the region the other names (it may
    or may not be the same happening), None different places."""
    if (a.geonameid is not None and a.geonameid == b.geonameid) or (
        a.name == b.name and a.precision == b.precision and a.country == b.country
    ):
        return 1.0
    if a.precision in FINE and b.precision in FINE:
        return 0.8 if km(a, b) <= SAME_PLACE_KM else None
    coarse, fine = (a, b) if precision_rank(a.precision) < precision_rank(b.precision) else (b, a)
    if coarse.precision in ("oblast", "region") and fine.precision in FINE:
        if coarse.admin1 and coarse.admin1 == fine.admin1 and coarse.country == fine.country:
            return 0.4
        return None
    return None


_PRECISION_RANK = {"country": 1, "region": 2, "oblast": 2, "district": 3, "point": 4}


def precision_rank(precision: str | None) -> int:
    """How fine a place is: a point above a district above an oblast or region above a country."""
    return _PRECISION_RANK.get(precision or "", 0)


def _gap(event: LinkEvent, incident: IncidentState) -> int | None:
    """Days between the event's dates and the incident's (0 when they overlap); None if either is unknown."""
    if event.start is None or incident.start is None or incident.end is None:
        return None
    hi = event.end or event.start
    return max(0, (event.start - incident.end).days, (incident.start - hi).days)


def fit(event: LinkEvent, incident: IncidentState) -> float | None:
    """How well the event fits the incident (higher is better), or None when it cannot be the same."""
    if event.family != incident.family:
        return None
    words = overlap(event.terms, {w for w, _ in incident.terms.most_common(CORE_TERMS)})
    same_entry = event.entry_id in incident.entries
    same_toll = _same_toll(event, incident)
    weak = False  # dates or places alone do not decide: the words must

    gap = _gap(event, incident)
    if gap is None:
        weak = True
    elif gap > DATE_SLACK.get(event.family, DEFAULT_SLACK):
        if gap > LOOKBACK_DAYS:
            return None
        later = event.start > incident.end  # type: ignore[operator]
        if later and event.dated and not same_toll:
            return None  # a stated later date: another happening
        if not later and incident.dated and not same_toll:
            return None  # stated dates on both sides that do not meet
        # An undated later mention of an earlier happening ("the strike"), or a stated date for a
        # happening so far known only by the days it was reported on.
        weak = True

    if event.place is None or not incident.places:
        placed = 0.5 if same_entry else 0.0
        if not same_entry:
            weak = True
    else:
        fits = [f for f in (place_fit(event.place, p) for p in incident.places) if f is not None]
        if not fits:
            return None
        placed = max(fits)
        if placed < 0.8:
            weak = True
        if event.place.precision == "country":
            weak = True  # "Ukraine" says little about which strike, which talks or which aid

    bonus = 0.0
    if event.weapon and event.weapon in incident.weapons:
        bonus += 0.3
    if event.speaker and event.speaker in incident.speakers:
        bonus += 0.3
    if same_entry:
        bonus += 0.3
    if same_toll:
        bonus += 0.3

    if event.family not in ("attack", "frontline") and not same_entry:
        # Talks, aid, statements: every day has many at the same capitals; the words must agree.
        needed = WORDS_NEEDED if bonus else WORDS_ALONE
        if words < needed:
            return None
    elif weak and same_toll:
        pass  # the same large toll, at a place that does not contradict it
    elif weak:
        if placed >= 0.8:
            supported = (
                words >= WORDS_NEEDED
                or event.back
                or same_entry
                or (event.dated and not incident.dated)
                or (not event.dated and _still_reported(event, incident))
            )
        elif placed > 0:  # a region around the incident's town, or the same entry
            supported = words >= WORDS_ALONE or (same_entry and words >= WORDS_NEEDED)
        else:
            supported = words >= WORDS_ALONE
        if not supported:
            return None
    return placed + words + bonus


def _same_toll(event: LinkEvent, incident: IncidentState) -> bool:
    return any(value >= SAME_TOLL_FROM for _, value in event.figures & incident.figures)


def home_of(stray: IncidentState, candidates: list[IncidentState]) -> IncidentState | None:
    """The placed incident an unplaced one retells, by the large toll they share ("89 killed",
    with the commentary around it): reports that name no place start their own incident when they
    come before the report that ties the toll to the town, and belong to the town's."""
    if stray.places and any(p.precision != "country" for p in stray.places):
        return None
    tolls = {figure for figure in stray.figures if figure[1] >= SAME_TOLL_FROM}
    if not tolls:
        return None
    homes = []
    for home in candidates:
        if home.id == stray.id or home.family != stray.family or not tolls & home.figures:
            continue
        if not any(p.precision != "country" for p in home.places):
            continue
        if (
            stray.start
            and home.start
            and home.end
            and (
                (stray.start - home.end).days > LOOKBACK_DAYS
                or (home.start - (stray.end or stray.start)).days > LOOKBACK_DAYS
            )
        ):
            continue
        homes.append(home)
    return min(homes, key=lambda h: h.id) if len(homes) == 1 else None


def _still_reported(event: LinkEvent, incident: IncidentState) -> bool:
    """The incident was in the news up to a day before this report: an undated report from the
    same town is the story going on, not a new happening."""
    if not event.reported or not incident.last_reported:
        return False
    try:
        then = date.fromisoformat(incident.last_reported[:10])
        now = date.fromisoformat(event.reported[:10])
    except ValueError:
        return False
    return 0 <= (now - then).days <= FOLLOW_UP_DAYS


def best(event: LinkEvent, candidates: list[IncidentState]) -> tuple[IncidentState, float] | None:
    """The incident the event fits best, with its score; None if it fits none."""
    scored = [(c, s) for c in candidates if (s := fit(event, c)) is not None]
    if not scored:
        return None
    return max(scored, key=lambda pair: (pair[1], -abs(pair[0].id)))
