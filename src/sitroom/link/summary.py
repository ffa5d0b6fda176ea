"""An incident's summary row and its claims, recomputed from its events whenever they change."""

from __future__ import annotations

from collections import Counter

from ..extract.types import INCIDENT_PRIORITY, by_subtype
from ..model import Claim, IncidentMember
from .claims import series
from .match import CORE_TERMS, precision_rank
from .sides import side, source_name
from .terms import terms

_PRIORITY = {subtype: rank for rank, subtype in enumerate(INCIDENT_PRIORITY)}
CASUALTY_GROUPS_SKIP = frozenset({"prisoners"})


def choose_subtype(subtypes: list[str]) -> str:
    """The most reported subtype, the more specific ones counting more: a missile attack that
    damaged houses is a missile attack, not damage."""
    counts = Counter(subtypes)

    def weight(subtype: str) -> float:
        rank = _PRIORITY.get(subtype)
        return 1.0 if rank is None else 3.0 if rank < 8 else 2.0 if rank < 13 else 1.5

    return max(counts, key=lambda s: (counts[s] * weight(s), -_PRIORITY.get(s, len(_PRIORITY)), s))


def choose_place(places: list[dict]) -> dict | None:
    """The most precise place its reports give, the most often named among those."""
    if not places:
        return None
    best_rank = max(precision_rank(p["precision"]) for p in places)
    finest = [p for p in places if precision_rank(p["precision"]) == best_rank]
    counts = Counter((p["name"], p["country"]) for p in finest)
    name, country = counts.most_common(1)[0][0]
    return next(p for p in finest if (p["name"], p["country"]) == (name, country))


# Labels that read badly as a title.
_TITLE_WORDS = {"strike": "Strike", "explosion_reported": "Explosions", "damage": "Damage"}


def title(subtype: str, place: dict | None, speaker: str | None) -> str:
    label = _TITLE_WORDS.get(subtype) or by_subtype(subtype).label
    if place:
        return f"{label} in {place['name']}"
    if speaker:
        return f"{label}: {speaker}"
    return label


def claims_of(members: list[IncidentMember], scope_place: dict | None) -> list[Claim]:
    """Every figure of the incident's events as a claim.  National figures keep their own scope;
    figures about the incident's place or a place inside it share the incident's."""
    found = []
    home = scope_place["name"] if scope_place else "unplaced"
    for m in members:
        event = m.event
        attribution = event["attribution"] or {}
        organisation, person = attribution.get("organisation"), attribution.get("person")
        place = event["place"]
        scope = place["name"] if place and place["precision"] == "country" and place["name"] != home else home
        for f in event["figures"]:
            found.append(
                Claim(
                    measure=f["measure"], group=f["group"], value=f["value"], low=f["low"], high=f["high"],
                    scope=scope, source=source_name(organisation, person, m.outlet),
                    side=side(organisation, person), reported_at=m.reported_at, entry_id=event["entry_id"],
                    event_id=event["id"], text=event["evidence"], previous=f.get("previous"),
                )
            )
    return found


def summarise(members: list[IncidentMember]) -> tuple[dict, list[tuple[Claim, int, bool]]]:
    """The incident's columns (type, title, place, dates, counts, largest current tolls, words)
    and its claims with their order in their series and whether each is its source's current one."""
    records = [m.event for m in members]
    subtype = choose_subtype([r["subtype"] for r in records])
    row = by_subtype(subtype)
    place = choose_place([r["place"] for r in records if r["place"]])
    dated = [m for m in members if m.date_text] or members
    starts = [m.event["date"] for m in dated if m.event["date"]]
    speakers = Counter(
        (r["attribution"] or {}).get("person") or (r["attribution"] or {}).get("organisation") for r in records
    )
    speakers.pop(None, None)
    speaker = speakers.most_common(1)[0][0] if speakers else None
    claim_rows: list[tuple[Claim, int, bool]] = []
    all_series = series(claims_of(members, place))
    for s in all_series:
        for seq, claim in enumerate(s.claims):
            claim_rows.append((claim, seq, claim is s.current))
    reported = [m.reported_at for m in members if m.reported_at]
    words: Counter[str] = Counter()
    for r in records:
        words.update(terms(r["evidence"]))
    summary = {
        "type": row.type,
        "subtype": subtype,
        "title": title(subtype, place, speaker),
        "place_name": place["name"] if place else None,
        "lat": place["lat"] if place else None,
        "lon": place["lon"] if place else None,
        "admin1": place["admin1"] if place else None,
        "country": place["country"] if place else None,
        "precision": place["precision"] if place else None,
        "date_start": min(starts) if starts else None,
        "date_end": max(_end(m) for m in dated if m.event["date"]) if starts else None,
        "first_reported": min(reported) if reported else None,
        "last_reported": max(reported) if reported else None,
        "events": len(records),
        "documents": len({r["document_id"] for r in records}),
        "sources": len({m.outlet for m in members}),
        "killed": _largest(all_series, "killed"),
        "injured": _largest(all_series, "injured"),
        "terms": " ".join(w for w, _ in words.most_common(CORE_TERMS)),
    }
    return summary, claim_rows


def _end(m: IncidentMember) -> str:
    return m.date_end or m.event["date"]


def _largest(all_series, measure: str) -> float | None:
    values = [s.current.value for s in all_series if s.measure == measure and s.current.value is not None]
    return max(values) if values else None
