"""Write the brief of a day from the store: rank the day's incidents, tell each in its best
sentence, keep one point per incident and no two that say the same thing."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from ..extract.types import incident_family
from ..link.terms import overlap, terms
from ..model import Brief, BriefPoint
from ..store import incident_queries as q
from ..store.sqlite import Store
from .compose import Candidate, following_sentences, is_lead, point_text, quality
from .rank import Evidence, score

MAX_POINTS = 10
MIN_POINTS = 3
# Points scoring under this share of the top one are left out unless needed to reach MIN_POINTS.
KEEP_SHARE = 0.45
# Casualties count for happenings this recent; a running toll is background, not the day's news.
RECENT_DAYS = 2
# Two points sharing this much of their words say the same thing.
SAME_POINT = 0.5
MAX_CITATIONS = 12


def make_brief(store: Store, day: date | str | None, max_points: int | None = None) -> Brief:
    """The key points of a day (of the whole store for None): 3 to 10 as the news warrants, or
    exactly max_points when the day has that many incidents."""
    day_iso = day.isoformat() if isinstance(day, date) else day
    reported = q.day_events(store, day_iso)
    by_incident: dict[int, list[q.DayEvent]] = defaultdict(list)
    for event in reported:
        by_incident[event.incident_id].append(event)
    if not by_incident:
        return Brief(day_iso, [])
    records = {r["id"]: r for r in q.incidents(store, q.IncidentQuery(ids=list(by_incident)))}
    texts = q.entry_texts(store, sorted({e.entry_id for e in reported}))
    titles = terms(" ".join(q.document_titles(store, sorted({e.document_id for e in reported})).values()))

    ranked = []
    for incident_id, day_events in by_incident.items():
        record = records[incident_id]
        best = max((_candidate(e, texts) for e in day_events), key=quality)
        best_quality = quality(best)
        if best_quality < 0:
            continue
        text = point_text(best)
        family = incident_family(record["subtype"])
        recent = day_iso is None or _days_between(day_events[0].date_end, day_iso) <= RECENT_DAYS
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
        )
        value = score(evidence) + 0.15 * best_quality
        citations = list(dict.fromkeys([best.entry_id] + [e.entry_id for e in day_events]))[:MAX_CITATIONS]
        ranked.append((value, incident_id, text, citations))
    ranked.sort(key=lambda r: (-r[0], r[1]))

    wanted = max_points or MAX_POINTS
    points: list[BriefPoint] = []
    said: list[frozenset[str]] = []
    for value, incident_id, text, citations in ranked:
        if len(points) >= wanted:
            break
        if max_points is None and len(points) >= MIN_POINTS and value < KEEP_SHARE * ranked[0][0]:
            break
        words = terms(text)
        if any(_same(words, other) for other in said):
            continue
        said.append(words)
        points.append(BriefPoint(text=text, incident_id=incident_id, entry_ids=citations, score=round(value, 3)))
    return Brief(day_iso, points)


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
