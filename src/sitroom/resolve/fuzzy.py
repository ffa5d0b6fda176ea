"""Spelling-tolerant lookup for names the exact index misses ("Popsana", "Melitropol", "Donesk").

Only asked where the text all but says a place stands there (a dateline, a headline of its own, a
name before "Luhansk Oblast"), and only among the places that position allows (the qualifying
area's towns, Ukraine's towns), so a loose match cannot wander across the world.  The search lists
are built on first use from the gazetteer's own index (a fraction of a second, once per process).
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

from sitroom.resolve.gazetteer import ADMIN, TOWN, Gazetteer
from sitroom.resolve.russian import ukrainian_keys

MIN_SCORE = 88.0  # rapidfuzz ratio (0-100) between name keys, searching a whole country
MIN_SCORE_IN_AREA = 84.0  # within the one oblast the text names, a looser match is still safe
MIN_LENGTH = 5  # shorter keys are too easily one letter from another name

_lists: dict[int, "_Lists"] = {}


class _Lists:
    """Name keys by scope (an admin area, a country, the admin areas) and first letter, each with
    the entries it stands for.  A misspelling seldom changes the first letter, and bucketing by it
    makes a search a fraction of a millisecond."""

    def __init__(self, g: Gazetteer):
        buckets: dict[tuple, dict[str, list[int]]] = {}

        def put(scope, key: str, i: int) -> None:
            buckets.setdefault((scope, key[0]), {}).setdefault(key, []).append(i)

        for key, ids in g.index.items():
            for i in ids:
                if g.kind[i] != TOWN:
                    continue
                put(g.admin[i], key, i)
                if g.country[i] in ("UA", "RU", "BY"):
                    put(g.country[i], key, i)
        for key, ids in g.admin_index.items():
            for i in ids:
                if g.kind[i] == ADMIN and g.country[i] in ("UA", "RU", "BY"):
                    put("admin1", key, i)
        self.buckets = {scope: (list(keys), list(keys.values())) for scope, keys in buckets.items()}

    def search(self, g: Gazetteer, key: str, scopes, cutoff: float = MIN_SCORE) -> int:
        if len(key) < MIN_LENGTH:
            return -1
        best, best_score = -1, 0.0
        for scope in scopes:
            keys, owners = self.buckets.get((scope, key[0]), ((), ()))
            if not keys:
                continue
            for _, score, k in process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=8):
                for i in owners[k]:
                    if score > best_score + 0.01 or (abs(score - best_score) <= 0.01 and g.prior(i) > g.prior(best)):
                        best, best_score = i, score
        return best


def _get(g: Gazetteer) -> _Lists:
    found = _lists.get(id(g))
    if found is None:
        _lists.clear()
        found = _lists[id(g)] = _Lists(g)
    return found


def warm(g: Gazetteer) -> None:
    """Build the search lists now (they are otherwise built on the first misspelling met)."""
    _get(g)


def town_in(g: Gazetteer, key: str, admins: tuple[int, ...] = (), countries: tuple[str, ...] = ("UA",)) -> int:
    """The town a misspelt key most likely means, within the given admin areas (else countries);
    a key spelt from Russian is tried in its Ukrainian form too."""
    lists = _get(g)
    scopes, cutoff = (admins, MIN_SCORE_IN_AREA) if admins else (countries, MIN_SCORE)
    found = lists.search(g, key, scopes, cutoff)
    for form in ukrainian_keys(key) if found < 0 else ():
        found = lists.search(g, form, scopes, cutoff)
        if found >= 0:
            break
    return found


def admin_area(g: Gazetteer, key: str) -> int:
    """The Ukrainian, Russian or Belarusian admin area a misspelt area name most likely means."""
    return _get(g).search(g, key, ("admin1",))
