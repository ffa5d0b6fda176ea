"""An incident's claims as a history a person can read: each source's series of figures with its
revisions and current value, and the conflicts between sources.  The shape `sitroom claims` and
the API both give."""

from __future__ import annotations

from ..model import Claim, plain_number
from .claims import conflicts, group


def history(incident_id: int, rows: list[tuple[Claim, int, bool]]) -> dict:
    """rows: stored claims with their order in their series and whether each is current."""
    all_series = group([claim for claim, _seq, _current in sorted(rows, key=lambda r: r[1])])
    return {
        "incident_id": incident_id,
        "series": [
            {
                "measure": s.measure,
                "group": s.group,
                "scope": s.scope,
                "source": s.source,
                "side": s.side,
                "current": plain_number(s.current.value),
                "revised": s.revised,
                "claims": [_claim(c, c is s.current) for c in s.claims],
            }
            for s in all_series
        ],
        "conflicts": [
            {
                "measure": c.measure,
                "group": c.group,
                "scope": c.scope,
                "between_sides": c.between_sides,
                "claims": [{"source": x.source, "side": x.side, "value": plain_number(x.value)} for x in c.claims],
            }
            for c in conflicts(all_series)
        ],
    }


def _claim(c: Claim, current: bool) -> dict:
    return {
        "value": plain_number(c.value),
        "low": plain_number(c.low),
        "high": plain_number(c.high),
        "reported_at": c.reported_at,
        "entry_id": c.entry_id,
        "event_id": c.event_id,
        "text": c.text,
        "current": current,
    }


def revisions(series: dict) -> list[dict]:
    """The distinct values of a series in order, each with when it was first reported and how many
    reports repeated it: 63 (6 reports) then 89 (7 reports)."""
    steps: list[dict] = []
    for claim in series["claims"]:
        if steps and steps[-1]["value"] == claim["value"]:
            steps[-1]["reports"] += 1
            continue
        steps.append({"value": claim["value"], "first_reported": claim["reported_at"], "reports": 1,
                      "entry_id": claim["entry_id"]})
    return steps
