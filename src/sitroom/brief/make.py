"""Write the brief of a day from the store: rank the day's incidents (and the paragraphs no event
was taken from) on their evidence and on how central they are to the day's coverage, tell each in
its best sentence, keep one point per incident and no two that say the same thing."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from ..extract.dates import sentence_dates
from ..extract.types import INCIDENT_PRIORITY, incident_family
from ..link.terms import overlap, terms
from ..model import Brief, BriefPoint
from ..store import incident_queries as q
from ..store.sqlite import Store
from .centrality import Centrality, sentences
from .compose import Candidate, following_sentences, is_lead, point_text, quality
from .rank import BACKGROUND_DAYS, UNTOLD, Evidence, background, score

MAX_POINTS = 10
MIN_POINTS = 3
# Points scoring under this share of the top one are left out unless needed to reach MIN_POINTS.
KEEP_SHARE = 0.45
# Casualties count for happenings this recent; a running toll is background, not the day's news.
RECENT_DAYS = 2
# Two points sharing this much of their words say the same thing.
SAME_POINT = 0.5
# ... or this TF-IDF cosine.
SAME_SIMILARITY = 0.25
MAX_CITATIONS = 12
# Weight of a point's centrality (its share of the most central point's) in its score.
CENTRAL_WEIGHT = 2.0
# A report of the incident's own type tells it better than one merged into it ("explosions heard"
# in a city the general staff's strike report names).
DEFINING = 1.5


@dataclass
class Story:
    """One thing the day's brief could say: an incident, or a paragraph no event was taken from."""

    value: float
    incident_id: int | None
    text: str
    citations: list[int]
    central: float = 0.0


def make_brief(store: Store, day: date | str | None, max_points: int | None = None) -> Brief:
    """The key points of a day (of the whole store for None): 3 to 10 as the news warrants, or
    exactly max_points when the day has that many stories."""
    day_iso = day.isoformat() if isinstance(day, date) else day
    reported = q.day_events(store, day_iso)
    entries = q.day_entries(store, day_iso)
    if not entries:
        return Brief(day_iso, [])
    titles = terms(" ".join(q.document_titles(store, sorted({e.document_id for e in entries})).values()))
    stories = _incident_stories(store, day_iso, reported, titles) + _untold_stories(entries, reported, titles, day_iso)
    central = Centrality((e.entry_id, e.text) for e in entries)
    for story in stories:
        story.central = central.score(story.text, story.citations[0])
    top = max((story.central for story in stories), default=0.0) or 1.0
    for story in stories:
        story.value += CENTRAL_WEIGHT * story.central / top
    stories.sort(key=lambda s: (-s.value, s.incident_id is None, s.incident_id or 0, s.citations[0]))
    return Brief(day_iso, _select(stories, max_points, central))


def _incident_stories(store: Store, day_iso: str | None, reported: list[q.DayEvent], titles) -> list[Story]:
    """Each incident reported on the day, told in its best sentence and scored on its evidence."""
    by_incident: dict[int, list[q.DayEvent]] = defaultdict(list)
    for event in reported:
        by_incident[event.incident_id].append(event)
    if not by_incident:
        return []
    records = {r["id"]: r for r in q.incidents(store, q.IncidentQuery(ids=list(by_incident)))}
    texts = q.entry_texts(store, sorted({e.entry_id for e in reported}))
    stories = []
    for incident_id, day_events in by_incident.items():
        record = records[incident_id]
        told = [(quality(c) + DEFINING * _defines(e.subtype, record["subtype"]), c)
                for e in day_events for c in [_candidate(e, texts)]]
        best_quality, best = max(told, key=lambda pair: pair[0])
        if best_quality < 0:
            continue
        text = point_text(best)
        family = incident_family(record["subtype"])
        age = 0 if day_iso is None else _age(record["date_start"], day_events[0].date_end, day_iso)
        recent = age <= RECENT_DAYS
        evidence = Evidence(
            family="toll" if record["date_start"] and not recent and family != "attack" else family,
            subtype=record["subtype"],
            outlets=len({e.outlet for e in day_events}),
            entries=len({e.entry_id for e in day_events}),
            casualties=((record["killed"] or 0) + (record["injured"] or 0)) if recent else 0,
            new=day_iso is None or (record["first_reported"] or "")[:10] == day_iso,
            revised=_revised(store, incident_id, day_iso),
            attributed=sum(bool(e.organisation or e.person) for e in day_events) / len(day_events),
            placed=record["place"] is not None,
            key_event=any(e.key_event for e in day_events),
            headline=overlap(terms(text), titles) if titles else 0.0,
            age=age,
        )
        if background(evidence):
            continue
        citations = list(dict.fromkeys([best.entry_id] + [e.entry_id for e in day_events]))[:MAX_CITATIONS]
        stories.append(Story(score(evidence) + 0.15 * best_quality, incident_id, text, citations))
    return stories


def _untold_stories(entries: list[q.DayEntry], reported: list[q.DayEvent], titles, day_iso: str | None) -> list[Story]:
    """Paragraphs no event was extracted from: extraction misses things (a navy's claim about
    ships at sea, a talks announcement), and a brief should not be blind to them."""
    told: dict[int, list[int]] = defaultdict(list)
    for event in reported:
        told[event.entry_id].append(event.start if event.start is not None else -1)
    stories = []
    for entry in entries:
        if entry.duplicate:
            continue
        offset = 0
        for number, paragraph in enumerate(entry.text.split("\n")):
            start, offset = offset, offset + len(paragraph) + 1
            if not paragraph.strip() or any(start <= at < offset for at in told.get(entry.entry_id, ())):
                continue
            first, *following = sentences(paragraph)
            candidate = Candidate(
                text=first,
                entry_id=entry.entry_id,
                lead=number == 0,
                figures=0,
                attributed=False,
                human_point=entry.kind in ("key_points", "summary"),
                following=following,
            )
            candidate_quality = quality(candidate)
            if candidate_quality < 0:
                continue
            text = point_text(candidate)
            evidence = Evidence(
                age=_age_told(first, day_iso),
                family=UNTOLD,
                subtype="",
                outlets=1,
                entries=1,
                casualties=0,
                new=True,
                revised=False,
                attributed=0.0,
                placed=False,
                key_event=entry.key_event,
                headline=overlap(terms(text), titles) if titles else 0.0,
            )
            if background(evidence):
                continue
            stories.append(Story(score(evidence) + 0.15 * candidate_quality, None, text, [entry.entry_id]))
    return stories


def _select(stories: list[Story], max_points: int | None, central: Centrality) -> list[BriefPoint]:
    """The best stories, never two that say the same thing, as many as asked or as the day warrants."""
    wanted = max_points or MAX_POINTS
    points: list[BriefPoint] = []
    said: list[frozenset[str]] = []
    for story in stories:
        if len(points) >= wanted:
            break
        if max_points is None and len(points) >= MIN_POINTS and story.value < KEEP_SHARE * stories[0].value:
            break
        words = terms(story.text)
        if any(_same(words, other) for other in said) or any(
            central.similarity(story.text, point.text) >= SAME_SIMILARITY for point in points
        ):
            continue
        said.append(words)
        points.append(BriefPoint(story.text, story.incident_id, story.citations, round(story.value, 3)))
    return points


def _candidate(event: q.DayEvent, texts: dict[int, tuple[str, str | None]]) -> Candidate:
    text, _headline = texts.get(event.entry_id, ("", None))
    following = following_sentences(text, event.end) if event.start is not None and event.end is not None else []
    return Candidate(
        text=event.evidence,
        entry_id=event.entry_id,
        lead=is_lead(text, event.start),
        figures=event.figures,
        attributed=bool(event.organisation or event.person),
        human_point=event.kind in ("key_points", "summary"),
        following=following,
    )


def _revised(store: Store, incident_id: int, day: str | None) -> bool:
    """A figure of the incident changed in a report of that day."""
    last: dict[tuple, float | None] = {}
    for claim, _seq, _current in q.claims(store, incident_id):
        key = (claim.measure, claim.group, claim.scope, claim.side or claim.source)
        if key in last and last[key] != claim.value and (day is None or (claim.reported_at or "")[:10] == day):
            return True
        last[key] = claim.value
    return False


_RANK = {subtype: rank for rank, subtype in enumerate(INCIDENT_PRIORITY)}


def _defines(subtype: str, incident_subtype: str) -> bool:
    """A report of the incident's own kind, or a more telling one (a missile attack in a strike
    incident; not the explosions heard, the damage or the outage)."""
    last = len(INCIDENT_PRIORITY)
    return subtype == incident_subtype or _RANK.get(subtype, last) <= _RANK.get(incident_subtype, last)


def _age(start: str | None, end: str | None, day_iso: str) -> int:
    """Days from a happening to the brief's day: from its last day, or from its first where it is
    a period already over ("last year": it ended four days ago, but is no recent happening)."""
    age = _days_between(end, day_iso)
    if age > 0 and start and _days_between(start, day_iso) - age > BACKGROUND_DAYS:
        return _days_between(start, day_iso)
    return age


def _age_told(sentence: str, day_iso: str | None) -> int:
    """Days from what a sentence tells to the brief's day: by the date it gives for what happened
    or was said ("In October, Macron said ..."), else none."""
    if day_iso is None:
        return 0
    found = sentence_dates(sentence, date.fromisoformat(day_iso[:10]))
    told = found.event or found.said
    return _days_between(told.end.isoformat(), day_iso) if told is not None else 0


def _days_between(a: str | None, b: str) -> int:
    if not a:
        return 0
    try:
        return abs((date.fromisoformat(b[:10]) - date.fromisoformat(a[:10])).days)
    except ValueError:
        return 0


def _same(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b:
        return False
    return len(a & b) / min(len(a), len(b)) >= SAME_POINT
