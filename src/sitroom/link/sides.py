"""Which party a source speaks for, so that one side's count can be set against the other's."""

from __future__ import annotations

from functools import lru_cache

from ..extract.actors import ACTORS, PERSON_ACTOR


@lru_cache(maxsize=1)
def _by_name() -> dict[str, str | None]:
    table: dict[str, str | None] = {actor.name.lower(): actor.country for actor in ACTORS.values()}
    for person, actor in PERSON_ACTOR.items():
        table.setdefault(person.lower(), actor.country)
    return table


def side(organisation: str | None, person: str | None) -> str | None:
    """The country code of the party a claim comes from ("RU" for Russia's defence ministry), or
    None for sources that speak for no party (wire agencies, unknown people)."""
    table = _by_name()
    for name in (organisation, person):
        if name:
            country = table.get(name.lower())
            if country:
                return country
    return None


def source_name(organisation: str | None, person: str | None, outlet: str) -> str:
    """Who a claim is from: the organisation, else the person, else the outlet that printed it."""
    return organisation or person or f"unattributed ({outlet})"
