"""Descriptions that stand for a place: "the capital", "the Ukrainian capital", "Russia's capital".

News names a capital by description as often as by name ("40% of consumers in the capital lost
power").  A description with a country ("the Russian capital", "Ukraine's capital city") means
that country's capital.  A bare "the capital" means the capital the text already names ("Kyiv's
mayor ... in the capital"), else the capital of the one country its places (or the context's) lie
in; with several countries and no capital named it stays unresolved, since guessing would put
Moscow's news in Kyiv.  "The capital of Ukraine" is Kyiv; "the capital city of Kyiv", "the capital,
Kyiv" name the city themselves and add nothing; "regional capital" and "capital punishment" are
no places.
"""

from __future__ import annotations

import re
from dataclasses import replace

from sitroom.model import PlaceMention, Precision
from sitroom.resolve import variants
from sitroom.resolve.gazetteer import TOWN, Gazetteer

_CAPITAL = re.compile(
    r"\b(?:(?P<the>[Tt]he)\s+(?:(?P<adj>[A-Z][a-z]+)\s+)?)?(?P<word>capital)(?P<city>\s+city)?\b"
    r"(?!\s+(?:markets?|punishment|gains?|investments?|expenditures?|flight|letters?|offen[cs]es?|crimes?|"
    r"cases?|controls?|goods|requirements?|ratios?|injections?|spending|projects?))"
    r"(?!-)"
)
# Between "the capital" and a name that it merely introduces: "the capital, Kyiv", "capital city Kyiv".
_APPOSITION = re.compile(r"^(?:\s*,\s*|\s+)$")

_capitals: dict[int, dict[str, int]] = {}


def _capital_of(g: Gazetteer) -> dict[str, int]:
    """ISO2 -> the gazetteer entry of the country's capital, built once per gazetteer."""
    found = _capitals.get(id(g))
    if found is None:
        _capitals.clear()
        found = _capitals[id(g)] = {}
        for i, gid in enumerate(g.geonameid):
            if gid in g.capitals and g.kind[i] == TOWN:
                found.setdefault(g.country[i], i)
    return found


def capital_mentions(text: str, mentions: list[PlaceMention], g: Gazetteer,
                     context_countries: tuple[str, ...] = ()) -> list[PlaceMention]:
    """``mentions`` with the text's descriptions of capitals added (in text order)."""
    if "capital" not in text:
        return mentions
    capital_of = _capital_of(g)
    capital_ids = {g.geonameid[i] for i in capital_of.values()}
    out = list(mentions)
    for m in _CAPITAL.finditer(text):
        start, end = m.start(), m.end()
        if m.group("the") is None:
            owner = _owner_before(text, start, out)
            if owner is None:
                continue  # "regional capital", "capital" alone
            country = owner.place.country
            start = owner.start
            out.remove(owner)
        elif m.group("adj"):
            country = variants.COUNTRY_ADJECTIVES.get(m.group("adj").lower())
            if country is None:
                continue  # "the regional capital", "the Donetsk capital"
        else:
            country = None
        after = _next_mention(text, end, out)
        if after is not None:
            gap = text[end:after.start]
            if gap.strip() in ("of", "of the") and after.place.precision is Precision.COUNTRY:
                country, end = after.place.country, after.end  # "the capital of Ukraine"
                out.remove(after)
            elif _APPOSITION.match(gap) or gap.strip() in ("of", "of the"):
                continue  # "the capital, Kyiv", "the capital city of Kyiv": the name is there
        if country is None:
            country = _bare_capital_country(out, start, capital_ids, context_countries)
        entry = capital_of.get(country or "")
        if entry is None:
            continue
        place = g.place(entry)
        out.append(PlaceMention(text[start:end], start, end, replace(place, precision=Precision.POINT)))
    return sorted(out, key=lambda x: x.start) if len(out) != len(mentions) else out


def _owner_before(text: str, start: int, mentions: list[PlaceMention]) -> PlaceMention | None:
    """The country mention that owns "capital" ("Ukraine's capital", "Belarus' capital")."""
    for m in mentions:
        if m.place.precision is Precision.COUNTRY and 0 < start - m.end <= 3 and \
                text[m.end:start].rstrip() in ("'s", "’s", "'", "’"):
            return m
    return None


def _next_mention(text: str, end: int, mentions: list[PlaceMention]) -> PlaceMention | None:
    """The mention right after the description (at most a few characters on)."""
    following = [m for m in mentions if m.start >= end and m.start - end <= 8]
    return min(following, key=lambda m: m.start) if following else None


def _bare_capital_country(mentions: list[PlaceMention], start: int, capital_ids: set[int],
                          context_countries: tuple[str, ...]) -> str | None:
    named = [m for m in mentions if m.place.geonameid in capital_ids and m.place.precision is Precision.POINT]
    if named:
        before = [m for m in named if m.start < start]
        return (before[-1] if before else named[0]).place.country
    countries = {m.place.country for m in mentions if m.place.country}
    if len(countries) == 1:
        return countries.pop()
    if not countries and len(set(context_countries)) == 1:
        return context_countries[0]
    return None

