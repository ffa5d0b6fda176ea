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
from functools import lru_cache

from ..extract.types import TOLL_MEASURES
from ..resolve.eventplace import REGION_KM
from ..resolve.variants import ADMIN_WITHIN, REGION_ADMINS
from .terms import overlap, terms

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
# Words a later mention that does not refer back must share with the incident: one or two
# ("battles", a spokesman's name) recur in every daily report from a sector.
MENTION_WORDS = 3
# The words an incident is known by: its most frequent terms.  A big incident's whole vocabulary
# would match anything.
CORE_TERMS = 40
FINE = ("point", "district")
# How well a place fits a wider one it lies in (place_fit): an oblast, or a country or a wide named
# area ("eastern Ukraine", reaching resolve.eventplace.REGION_KM from its point) that says still less
# of where.
AREA_FIT = 0.4
VAGUE_FIT = 0.2
# The most days one happening covers (its last day less its first): a strike and the night it
# spans, a few days of fighting for a place.  Reports that would stretch an incident beyond this
# are a series of happenings at one place (the daily shelling of a town, a region's daily toll),
# which dates and place alone would chain into one; only their words, a back reference or a
# shared large toll may still join them.
MAX_SPAN = {"attack": 1, "frontline": 3}
DEFAULT_MAX_SPAN = 3
# A toll this large stated by two reports ("89 killed") marks one happening even when the later
# report names no place and is dated by when it was said; smaller counts recur too often.
SAME_TOLL_FROM = 20
# The same count on the same day in the same region, from this size up (a toll, or a strike
# wave's missiles launched or shot down).
SAME_DAY_TOLL_FROM = 2
# Only counts of people (extract.types.TOLL_MEASURES) tie reports across days: a wave's counts
# recur ("20 drones downed").


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
    figures: frozenset[tuple[str, float]] = frozenset()  # tying counts (store.incidents.TIE_MEASURES), revised-from values included


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
        if event.start and (event.dated or not self.dated) and not _mention(event, self):
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


def _mention(event: LinkEvent, incident: IncidentState) -> bool:
    """An undated report posted days after the incident's dates: it retells the happening, so its
    reporting day is not one of the happening's days (else daily reports would drag an incident
    along a week)."""
    if event.dated or event.start is None or incident.end is None:
        return False
    return (event.start - incident.end).days > DATE_SLACK.get(event.family, DEFAULT_SLACK)


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
    """1 the same place, 0.8 the same town, 0.4 a place inside the admin area the other names, 0.2
    a place inside the country or wide region the other names (it may or may not be the same
    happening: the words or the toll must tell), None different places."""
    if (a.geonameid is not None and a.geonameid == b.geonameid) or (
        a.name == b.name and a.precision == b.precision and a.country == b.country
    ):
        return 1.0
    if a.precision in FINE and b.precision in FINE:
        return 0.8 if km(a, b) <= SAME_PLACE_KM else None
    for coarse, fine in ((a, b), (b, a)):
        if precision_rank(coarse.precision) <= precision_rank(fine.precision) and coarse != fine:
            found = _inside(fine, coarse)
            if found is not None:
                return found
    return None


def _inside(fine: PlaceRef, coarse: PlaceRef) -> float | None:
    """How closely `coarse` places what `fine` names, when `fine` lies in it: an oblast (or a named
    area of known oblasts, "Donbas") 0.4; a country, or a named area of no admin area ("eastern
    Ukraine", by its reach from its centre) 0.2; None when `fine` lies outside it."""
    if coarse.precision == "country":
        return VAGUE_FIT if coarse.country and coarse.country == fine.country else None
    if coarse.precision not in ("oblast", "region") or coarse.country != fine.country:
        return None
    if coarse.admin1:
        return AREA_FIT if fine.admin1 and _admin_within(fine.admin1, coarse.admin1) else None
    admins = REGION_ADMINS.get(coarse.name)
    if admins:
        return AREA_FIT if fine.admin1 in admins else None
    return VAGUE_FIT if km(coarse, fine) <= REGION_KM else None


def _admin_within(inner: str, outer: str) -> bool:
    """Kyiv City lies in Kyiv Oblast for a reader, though both are admin areas of their own."""
    return inner == outer or ADMIN_WITHIN.get(inner) == outer


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
    found = judge(event, incident)
    return found[0] if found else None


def judge(event: LinkEvent, incident: IncidentState) -> tuple[float, str] | None:
    """`fit`'s score with the name of the rule that let the event join (for explaining a link), or
    None when it cannot be the same happening."""
    if event.family != incident.family:
        return None
    own, core = _beyond_place(event, incident)
    words = overlap(own, core)
    shared = len(own & core)
    same_entry = event.entry_id in incident.entries
    same_toll = _same_toll(event, incident)
    same_day_toll = _same_day_toll(event, incident)
    weak = False  # dates or places alone do not decide: the words must
    mention = False  # an undated report days after the incident: a later mention, if anything
    coarse = False  # placed only by a region both name: many happenings a day share it
    vague = False  # placed only by a country or wide area one of them names: as good as unplaced

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
        mention = later

    long = _stretches(event, incident)
    if long:
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
        vague = placed <= VAGUE_FIT
        if event.place.precision == "country":
            weak = True  # "Ukraine" says little about which strike, which talks or which aid
        if precision_rank(event.place.precision) <= precision_rank("oblast"):
            weak = coarse = True  # "Donetsk region" has shelling and losses every day

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
        rule = "words"
    elif not weak:
        rule = "date and place"
    elif same_toll and not vague:
        rule = "same toll"  # the same large toll, at a place that does not contradict it
    else:
        # Reported on another day, from a region or from nowhere: the next day's templated report
        # ("militiaman killed in shelling - DPR command") shares a word or two with the last one;
        # only more shared words than a template carries tie it.
        told = words >= WORDS_ALONE and (shared >= MENTION_WORDS or not (mention or _another_day(event, incident)))
        if vague:
            # "In Ukraine" or "in the east" against a town: any of the day's happenings there (a
            # strike wave's towns share its words), so only the same count on the same day ties it.
            supported = same_day_toll
            rule = "vague place"
        elif coarse:
            # A region and a day do not tie a report to one happening among the many there: it
            # must say which ("the strike"), share what only that one had, or give its toll.
            supported = event.back or same_entry or told or same_day_toll
            rule = "region"
        elif mention:
            # Days later in the same town: a mention of the happening only if it says so, shares
            # what only it had, or comes while a happening with a stated date is still the news
            # there (in its town: a region's news goes on every day, and would chain).
            supported = (
                event.back or same_entry or (words >= WORDS_ALONE and shared >= MENTION_WORDS)
                or (incident.dated and placed >= 0.8 and _still_reported(event, incident))
            )
            rule = "mention"
        elif placed >= 0.8:
            supported = (
                words >= WORDS_NEEDED
                or event.back
                or same_entry
                or (not long and event.dated and not incident.dated)
                or (not long and not event.dated and _still_reported(event, incident))
            )
            rule = "town"
        elif placed > 0:  # a region around the incident's town, or the same entry
            supported = words >= WORDS_ALONE or (same_entry and words >= WORDS_NEEDED)
            rule = "around town"
        else:
            # No place on one side: the same count on the same day ("six soldiers killed in the
            # east", "six troops die in ambush"; a wave's 54 of 69) is one happening told twice.
            supported = told or same_day_toll
            rule = "unplaced"
        if not supported:
            return None
    return placed + words + bonus, rule


def _another_day(event: LinkEvent, incident: IncidentState) -> bool:
    """Neither side states a date, and the event was reported on another day than the incident."""
    return not event.dated and not incident.dated and _gap(event, incident) != 0


def _beyond_place(event: LinkEvent, incident: IncidentState) -> tuple[frozenset[str], set[str]]:
    """The event's terms and the incident's core terms, less the names of the places where both
    are placed and of who says so: those were weighed already, and a town's name or a spokesman's
    shared by every report from them ("Donetsk", "Basurin") does not tell one day's shelling there
    from the next."""
    core = {w for w, _ in incident.terms.most_common(CORE_TERMS)}
    names = speaker_words(event.speaker) if event.speaker else frozenset()
    if event.place is not None and incident.places:
        names = names | place_words(event.place.name, event.place.admin1)
        for p in incident.places:
            names = names | place_words(p.name, p.admin1)
    if not names:
        return event.terms, core
    return event.terms - names, core - names


@lru_cache(maxsize=4096)
def place_words(name: str, admin1: str | None) -> frozenset[str]:
    return terms(name) | (terms(admin1) if admin1 else frozenset())


@lru_cache(maxsize=4096)
def speaker_words(speaker: str) -> frozenset[str]:
    return terms(speaker)


def _stretches(event: LinkEvent, incident: IncidentState) -> bool:
    """Joining would make the incident cover more days than one happening does.  Only reports that
    move its dates count: a stated date for an incident known only by its reporting days replaces
    them, and an undated later mention of a dated incident leaves them."""
    if event.start is None or incident.start is None or incident.end is None:
        return False
    if event.dated != incident.dated:
        return False
    first = min(incident.start, event.start)
    last = max(incident.end, event.end or event.start)
    if (first, last) == (incident.start, incident.end):
        return False  # within the days it already covers
    return (last - first).days > MAX_SPAN.get(event.family, DEFAULT_MAX_SPAN)


def _same_day_toll(event: LinkEvent, incident: IncidentState) -> bool:
    """Two reports of one day giving the same count ("six soldiers killed") in one region: smaller
    counts than SAME_TOLL_FROM recur across days, but rarely twice in a region on the same day."""
    if _gap(event, incident) != 0:
        return False
    return any(value >= SAME_DAY_TOLL_FROM for _, value in event.figures & incident.figures)


def _same_toll(event: LinkEvent, incident: IncidentState) -> bool:
    return any(value >= SAME_TOLL_FROM and measure in TOLL_MEASURES for measure, value in event.figures & incident.figures)


def home_of(stray: IncidentState, candidates: list[IncidentState]) -> IncidentState | None:
    """The placed incident an unplaced one retells, by the large toll they share ("89 killed",
    with the commentary around it): reports that name no place start their own incident when they
    come before the report that ties the toll to the town, and belong to the town's."""
    if stray.places and any(p.precision != "country" for p in stray.places):
        return None
    tolls = {figure for figure in stray.figures if figure[1] >= SAME_TOLL_FROM and figure[0] in TOLL_MEASURES}
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
