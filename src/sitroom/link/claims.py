"""Claim series: every figure about an incident as an attributed claim, in the order it was made.

A series is one source's figures for one measure of one group over one scope: the Russian defence
ministry's soldiers killed at Makiivka, 63 and then 89.  Across sources, figures of the same measure
and scope that do not agree are a conflict, unless an earlier figure was superseded by a later one
from the same side.  Figures of different scopes ("54 of 69 missiles" across Ukraine, "16 over
Kyiv") never conflict: they count different things.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Claim


@dataclass
class Series:
    measure: str
    group: str | None
    scope: str
    source: str
    side: str | None
    claims: list[Claim] = field(default_factory=list)  # oldest first; the last is current

    @property
    def current(self) -> Claim:
        return self.claims[-1]

    @property
    def revised(self) -> bool:
        return len({c.value for c in self.claims}) > 1


@dataclass
class Conflict:
    measure: str
    group: str | None
    scope: str
    claims: list[Claim]  # the current claim of each disagreeing source
    between_sides: bool  # sources speaking for different parties disagree


def order(claims: list[Claim]) -> list[Claim]:
    """Oldest first.  Claims reported together are ordered by what the text says: a figure that
    another one revises ("up from 63", "previously said 63") comes before it."""
    earlier = {(c.side or c.source, c.measure, c.previous) for c in claims if c.previous is not None}

    def key(c: Claim) -> tuple:
        superseded = (c.side or c.source, c.measure, c.value) in earlier
        return (c.reported_at or "", 0 if superseded else 1, c.entry_id, c.event_id)

    return sorted(claims, key=key)


def series(claims: list[Claim]) -> list[Series]:
    """Group claims into series by measure, group, scope and source, each ordered oldest first.
    A figure that says what it revises ("89, up from 63") also records the earlier figure when no
    report of it is stored, so the revision shows."""
    return group(order(_with_implied(claims)))


def group(ordered: list[Claim]) -> list[Series]:
    """Claims already in order, gathered into one series per measure, group, scope and source;
    series by measure, then by when each was first reported."""
    groups: dict[tuple, Series] = {}
    for claim in ordered:
        key = (claim.measure, claim.group, claim.scope, claim.source)
        if key not in groups:
            groups[key] = Series(claim.measure, claim.group, claim.scope, claim.source, claim.side)
        groups[key].claims.append(claim)
    return sorted(groups.values(), key=lambda s: (s.measure, s.group or "", s.scope, s.claims[0].reported_at or "", s.source))


def _with_implied(claims: list[Claim]) -> list[Claim]:
    said = {(c.source, c.measure, c.group, c.value) for c in claims}
    side_said = {(c.side, c.measure, c.group, c.value) for c in claims if c.side}
    implied = []
    for c in claims:
        if c.previous is None or (c.source, c.measure, c.group, c.previous) in said:
            continue
        if c.side and (c.side, c.measure, c.group, c.previous) in side_said:
            continue
        implied.append(
            Claim(c.measure, c.group, c.previous, None, None, c.scope, c.source, c.side, c.reported_at,
                  c.entry_id, c.event_id, c.text, previous=None)
        )
        said.add((c.source, c.measure, c.group, c.previous))
    return claims + implied


def _agree(a: Claim, b: Claim) -> bool:
    """Figures agree when their ranges meet: "at least 60" and "63" agree, "63" and "89" do not."""
    lo_a, hi_a = _bounds(a)
    lo_b, hi_b = _bounds(b)
    return lo_a <= hi_b and lo_b <= hi_a


def _bounds(c: Claim) -> tuple[float, float]:
    lo = c.low if c.low is not None else c.value
    hi = c.high if c.high is not None else c.value
    lo = lo if lo is not None else float("-inf")
    hi = hi if hi is not None else float("inf")
    return lo, hi


def side_currents(all_series: list[Series]) -> dict[tuple, Claim]:
    """The current figure of each party per measure, group and scope: the latest claim any source on
    that side made.  Sources with no known side (an outlet restating someone) speak for themselves."""
    latest: dict[tuple, Claim] = {}
    for s in all_series:
        key = (s.measure, s.group, s.scope, s.side or s.source)
        claim = s.current
        held = latest.get(key)
        if held is None or order([held, claim])[-1] is claim:
            latest[key] = claim
    return latest


def conflicts(all_series: list[Series]) -> list[Conflict]:
    """Measures on which the parties' current figures disagree.  Unattributed restatements (an
    outlet with no named source) are left out: they echo a claim rather than make one."""
    by_scope: dict[tuple, list[Claim]] = {}
    for (measure, group, scope, _who), claim in side_currents(all_series).items():
        if claim.side is None and claim.source.startswith("unattributed"):
            continue
        by_scope.setdefault((measure, group, scope), []).append(claim)
    found = []
    for (measure, group, scope), claims in sorted(by_scope.items(), key=lambda kv: tuple(str(k) for k in kv[0])):
        if len(claims) < 2:
            continue
        if all(_agree(a, b) for i, a in enumerate(claims) for b in claims[i + 1 :]):
            continue
        sides = {c.side for c in claims if c.side}
        found.append(Conflict(measure, group, scope, claims, between_sides=len(sides) > 1))
    return found
