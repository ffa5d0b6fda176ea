"""How much an incident matters to the day's brief.

What editors put first: what many outlets report, what killed or hurt people, what is new today
(or newly revised), and what officials confirm.  Each reason is a term of the score, so that a
point's score can be explained."""

from __future__ import annotations

import math
from dataclasses import dataclass

# What kind of news an incident is, as a prior: a deadly strike leads, a threat follows.
FAMILY_WEIGHT = {
    "attack": 1.0,
    "toll": 0.3,
    "frontline": 0.8,
    "military_aid": 0.9,
    "diplomacy": 0.6,
    "statement": 0.6,
    "economy": 0.4,
    "humanitarian": 0.6,
    "war_crimes": 0.6,
    "prisoners": 0.6,
    "nuclear": 0.7,
    "forces": 0.5,
}
OTHER_WEIGHT = 0.3
# A paragraph no event was extracted from: it may still be news, but nothing vouches for it.
UNTOLD = "untold"
UNTOLD_WEIGHT = 0.5
# Subtypes that are rarely news on their own: an air-raid alert, explosions heard.
MINOR = {"air_alert": -0.8, "explosion_reported": -0.6, "damage": -0.2}


@dataclass
class Evidence:
    """What ranking knows of an incident on the day."""

    family: str
    subtype: str
    outlets: int  # distinct outlets reporting it that day
    entries: int  # entries reporting it that day
    casualties: float  # killed + injured, largest current figures, of a happening of the last days
    new: bool  # first reported that day
    revised: bool  # one of its figures changed that day
    attributed: float  # share of its reports that name who says so
    placed: bool
    key_event: bool  # the newsroom marked one of its entries a key event
    headline: float  # share of its words in the day's page titles and standfirsts
    age: int = 0  # days from the happening to the day of the brief


# A happening older than this is background to the day's news ("in October, Macron also said"),
# unless one of its figures was revised that day.
BACKGROUND_DAYS = 7


def background(e: Evidence) -> bool:
    return e.age > BACKGROUND_DAYS and not e.revised


def score(e: Evidence) -> float:
    value = (
        UNTOLD_WEIGHT if e.family == UNTOLD else FAMILY_WEIGHT.get(e.family, OTHER_WEIGHT) + MINOR.get(e.subtype, 0.0)
    )
    value += 0.8 * math.log1p(e.outlets) + 0.7 * math.log1p(e.entries)
    value += 0.35 * math.log1p(e.casualties)
    value += 0.5 if e.new else 0.0
    value += 0.6 if e.revised else 0.0
    value += 0.3 * e.attributed
    value += 0.2 if e.placed else (-0.5 if e.family == "attack" else 0.0)
    value += 0.8 if e.key_event else 0.0
    value += 1.5 * e.headline
    return value
