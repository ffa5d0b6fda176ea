"""Find the places a text names, and the one place where its event happened.

The finder reads text in one pass over its words: at each capitalised word it tries the longest
name the gazetteer knows (a dict of name keys, no spaCy), reads a following "oblast" / "region" /
"district" as making the name an area, and skips people ("Vitaliy Kim"), months and outlets
("Kyiv Independent").  Names then qualify each other ("Kamianka village, Izium district, Kharkiv
oblast", "Odessa, Texas", "Belarus' Ivanovo District"), and each name takes the entry that its
qualifiers, the other places of the text, and a prior (population, nearness to the war) favour.
Villages are many and share names with people and words, so a village counts only with evidence:
a qualifier, a cue before it ("the village of", "in", "near"), a headline of its own, or an oblast
the text already names.  A village the data lacks, introduced as one and placed by an area ("near
the village of Gorbakha in the Ivanovo District"), keeps its name at the area's point and precision;
descriptions of capitals ("the capital", "Ukraine's capital") come from sitroom.resolve.references.

``event_place`` then picks the mention where the event happened (sitroom.resolve.eventplace), and
``geocode`` returns both as JSON-ready data.  The words these rules read are in
sitroom.resolve.cues; names that are no places in sitroom.resolve.notplaces.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from sitroom.model import Place, PlaceMention, Precision
from sitroom.resolve import eventplace, fuzzy, notplaces, references, russian, variants
from sitroom.resolve.cues import (
    COMMA_GAP,
    DATELINE_AFTER,
    JOIN_GAP,
    LIST_GAP,
    LOWER_STARTS,
    NEAR_CUES,
    PLACE_AFTER,
    PLACE_CUES,
    POSSESSIVE_GAP,
    QUALIFIER_GAP,
    SPEAKS,
    VILLAGE_WORDS,
    WEAK_CUES,
)
from sitroom.resolve.gazetteer import (
    ADMIN,
    AREA,
    COUNTRY,
    FRONTLINE,
    NOTABLE,
    SECTION,
    TOWN,
    WORLD_MINOR_POP,
    Gazetteer,
    haversine_km,
    load_gazetteer,
)
from sitroom.resolve.names import WORD, fold, name_key, skeleton


@dataclass(frozen=True)
class PlaceContext:
    """Where the rest of an entry or document is: breaks ties between places of the same name."""

    countries: tuple[str, ...] = ()  # ISO2, e.g. ("UA",)
    admin1: tuple[str, ...] = ()  # English admin1 names, e.g. ("Donetsk Oblast",)
    places: tuple[Place, ...] = ()

    @classmethod
    def from_mentions(cls, mentions: list[PlaceMention], base: "PlaceContext | None" = None) -> "PlaceContext":
        places = tuple(m.place for m in mentions)
        base = base or cls()
        return cls(
            countries=tuple(dict.fromkeys(base.countries + tuple(p.country for p in places if p.country))),
            admin1=tuple(dict.fromkeys(base.admin1 + tuple(p.admin1 for p in places if p.admin1))),
            places=base.places + places,
        )


DISTRICT_KM = 60.0  # a raion reaches this far from its centre town
QUALIFIER_TOWN_KM = 30.0  # "Saltivka, Kharkiv": a quarter or village this near the town it names
MAIN_NAME_BONUS = 0.7  # a town named so today, over one that has the name as an old or foreign one
OLD_NAME_PENALTY = 2.0  # a town that had the name once, against places that bear it today
UNFIT_POP = 50_000  # a town this small, qualified by an area it is not in, is a namesake we lack
# Where every reading of a bare name is a village under this size, a few hundred people more or less
# say little about which one war news means; where the war is says more: the population term counts half.
VILLAGE_POP = 10_000

NAME, ADMIN_SPAN, DISTRICT_SPAN = 0, 1, 2
# Between a name and its area word: "Kharkiv region", "Donetsk People's Republic".
AREA_WORD_GAP = frozenset({" ", "-", " - ", "'s ", "’s "})
DIRECTION_WORDS = frozenset({"direction", "directions", "axis"})
# After a town's name these make it the town's raion, not its oblast ("the Nikopol region").
TOWN_REGION_WORDS = frozenset({"region", "regions"})
PLURAL_ADMIN = frozenset({"oblasts", "regions", "provinces", "voblasts", "districts", "oblasti"})
ADJECTIVE_ENDINGS = ("skaia", "skoho", "skogo", "skoi", "ska", "ski", "sk")
STEM_ENDINGS = ("", "sk", "ka", "a", "o", "e", "ske", "ia")
# ("-ov", "-ev" also end Russian place names cut short: "Kuteinikov[o]")
SURNAME_ENDINGS = ("enko", "chuk", "czuk", "yuk", "iuk", "ko", "ych", "ich")

_NOT_PLACE = {}
for _phrase in notplaces.NOT_PLACE_PHRASES:
    _parts = tuple(name_key(_phrase).split(" "))
    _NOT_PLACE.setdefault(_parts[0], []).append(_parts)
_NOT_PLACE = {k: sorted(v, key=len, reverse=True) for k, v in _NOT_PLACE.items()}
_SEGMENT_EDGE = re.compile(r"^[\s;|\n\"'“”‘’()\[\].,:–—-]*$")


class _Span:
    """One name found in the text, while it is being resolved."""

    __slots__ = ("start", "end", "ti", "tj", "key", "kind", "cands", "quals", "choice", "qual", "owner",
                 "evidence", "plural", "weak", "weak_cue", "lone", "sector")

    def __init__(self, start: int, end: int, ti: int, tj: int, key: str, kind: int, cands: tuple[int, ...],
                 quals: tuple[int, ...], plural: bool = False):
        self.start, self.end, self.ti, self.tj = start, end, ti, tj
        self.key, self.kind, self.cands, self.quals = key, kind, cands, quals
        self.choice = -1
        self.qual: _Span | None = None  # the span that qualifies this one
        self.owner: _Span | None = None  # the span this one qualifies
        self.evidence = False
        self.plural = plural
        self.weak = False  # a name that is more often a word or a person: needs evidence
        self.weak_cue = False  # "to X", "from X": enough for a village named so today
        self.lone = False  # its only evidence is standing alone in its segment (_lone_fits)
        self.sector = False  # "the Kupiansk direction": a front sector named after its town


class _Text:
    """The words of a text with their offsets and keys, computed once."""

    __slots__ = ("text", "starts", "ends", "words", "lower")

    def __init__(self, text: str):
        self.text = text
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.words: list[str] = []
        for m in WORD.finditer(text):
            self.starts.append(m.start())
            self.ends.append(m.end())
            self.words.append(m.group())
        # A text in lower case only (some corpora) gives no capitals to go by.
        self.lower = len(text) > 40 and not any(c.isupper() for c in text)

    def joined(self, i: int) -> bool:
        """Whether word i continues the name that word i-1 is part of."""
        gap = self.text[self.ends[i - 1]:self.starts[i]]
        if gap in JOIN_GAP:
            return True
        return gap == ". " and len(self.words[i - 1]) <= 2  # "St. Petersburg", "U. S."

    def folded(self, i: int) -> str:
        return fold(self.words[i]) if 0 <= i < len(self.words) else ""


def _capitalised(word: str) -> bool:
    return word[0].isupper()


def _adjective_stems(key: str) -> list[str]:
    """Town keys that an adjectival area name may come from: "maryinski" -> "maryinka"."""
    head, _, last = key.rpartition(" ")
    out = []
    for ending in ADJECTIVE_ENDINGS:
        if last.endswith(ending) and len(last) - len(ending) >= 3:
            stem = last[: -len(ending)]
            out.extend(f"{head} {stem}{tail}".strip() for tail in STEM_ENDINGS)
            break
    return out


# --- finding ------------------------------------------------------------------------------------


def _scan(t: _Text, g: Gazetteer) -> list[_Span]:
    """Every name the gazetteer knows, longest first, with the area words that follow it."""
    words, n = t.words, len(t.words)
    spans: list[_Span] = []
    i = 0
    while i < n:
        word = words[i]
        if not (t.lower or _capitalised(word) or (word in LOWER_STARTS and i + 1 < n and _capitalised(words[i + 1]))):
            i += 1
            continue
        first = skeleton(word)
        skip = _not_place_phrase(t, i, first)
        if skip:
            i += skip
            continue
        longest = max([g.max_tokens.get(first, 0)]
                      + [g.max_tokens.get(form, 0) for form in russian.ukrainian_keys(first)])
        if not longest:
            # "Belogorod Oblast", "Donestk Oblast": an unknown name before an area word may be a
            # misspelt area (sought among the areas only); "Krasnolimansk direction" an adjective.
            span = _make_span(t, g, i, i + 1, first) if i + 1 < n and len(first) >= 5 and (
                t.folded(i + 1) in variants.ADMIN_WORDS or t.folded(i + 1) in DIRECTION_WORDS) else None
            if span is not None:
                spans.append(span)
                i = span.tj
            else:
                i += 1
            continue
        found = None
        limit = 1
        while limit < longest and i + limit < n and t.joined(i + limit):
            limit += 1
        for length in range(limit, 0, -1):
            key = " ".join(skeleton(w) for w in words[i:i + length]) if length > 1 else first
            if key in g.index or key in g.admin_index or _candidates(g, key):
                exact = g.exact.get(key)
                surface = t.text[t.starts[i]:t.ends[i + length - 1]].replace(".", "").replace(" ", "")
                if exact is not None and surface not in exact:
                    continue
                found = (length, key)
                break
        if found is None:
            i += 1
            continue
        length, key = found
        j = i + length
        span = _make_span(t, g, i, j, key)
        if span is not None:
            spans.append(span)
            i = span.tj
        else:
            i = j
    tried: set[int] = set()
    spans = _truncated_names(t, g, spans, tried)
    spans = _misspelt_names(t, g, spans, tried)
    _spread_plural_areas(t, g, spans)
    return spans


def _name_word(t: _Text, k: int) -> bool:
    """Whether word k could be part of a place name the index lacks (capitalised, not a word we know)."""
    word = t.words[k]
    folded = fold(word)
    return (_capitalised(word) and len(word) >= 3 and not (word.isupper() and len(word) <= 3)
            and folded not in notplaces.COMMON_WORDS and folded not in notplaces.FIRST_NAMES
            and folded not in notplaces.TITLES and folded not in variants.ADMIN_WORDS
            and folded not in variants.DISTRICT_WORDS)


def _sentence_start(t: _Text, k: int) -> bool:
    if k == 0:
        return not t.text[:t.starts[0]].strip(" \t\"'“‘([")
    gap = t.text[t.ends[k - 1]:t.starts[k]]
    return any(c in gap for c in ".:!?\n;")


def _qualifier_after(t: _Text, spans: list[_Span], end_token: int) -> _Span | None:
    """The span right after word end_token-1 if it stands as a qualifier ("..., Luhansk Oblast")."""
    for b in spans:
        if b.ti >= end_token:
            gap = t.text[t.ends[end_token - 1]:b.start]
            if b.ti - end_token <= 3 and QUALIFIER_GAP.match(gap) and ("," in gap or "(" in gap):
                return b
            return None
    return None


def _truncated_names(t: _Text, g: Gazetteer, spans: list[_Span], tried: set[int]) -> list[_Span]:
    """A known name that is only part of an unknown longer one ("Malaya Rohan", "Velyka
    Komyshuvakha", "Nova Hnylytsya"): look the whole name up by spelling, else drop the part
    where it is only a village or a place abroad."""
    n = len(t.words)
    covered = bytearray(n)
    for s in spans:
        for k in range(s.ti, s.tj):
            covered[k] = 1
    out: list[_Span] = []
    for s in spans:
        if s.kind != NAME or not s.cands:
            out.append(s)
            continue
        left = s.ti - 1 if (s.ti > 0 and not covered[s.ti - 1] and t.joined(s.ti) and _name_word(t, s.ti - 1)
                            and not _sentence_start(t, s.ti)) else s.ti
        right = s.tj + 1 if (s.tj < n and not covered[s.tj] and t.joined(s.tj) and _name_word(t, s.tj)) else s.tj
        if left == s.ti and right == s.tj:
            out.append(s)
            continue
        start, end = t.starts[left], t.ends[right - 1]
        key = name_key(t.text[start:end])
        qualifier = _qualifier_after(t, spans, right)
        scope = _admin_readings(g, qualifier) if qualifier is not None else ()
        entry = fuzzy.town_in(g, key, admins=scope) if scope else fuzzy.town_in(g, key)
        tried.update(range(left, right))
        if entry >= 0:
            out.append(_Span(start, end, left, right, key, NAME, (entry,), ()))
        elif qualifier is not None:
            # "Avilo-Uspenka, Rostov Oblast": the known part may stand for the whole only where it
            # lies in what qualifies it (a namesake part elsewhere, "Gora" in Poland, may not).
            if _can_qualify(g, s, qualifier):
                out.append(s)
        elif s.key in g.index and not all(
                g.kind[c] == TOWN and (g.is_minor(c) or g.country[c] not in ("UA", "RU", "BY")) for c in s.cands):
            out.append(s)  # (a part known only by its Russian form stands for nothing: "Zolotoy Kolodets")
    return out


def _misspelt_names(t: _Text, g: Gazetteer, spans: list[_Span], tried: set[int]) -> list[_Span]:
    """Spans for capitalised names the index misses where the position says a place stands:
    before a qualifying area ("Popsana, Luhansk Oblast") or alone / as a dateline ("Donestk: ...")."""
    words, n = t.words, len(t.words)
    covered = bytearray(n)
    for s in spans:
        for k in range(s.ti, s.tj):
            covered[k] = 1
    starts = {s.ti: s for s in spans}
    ordered = sorted(spans, key=lambda s: s.ti)
    first_words = [s.ti for s in ordered]
    added: list[_Span] = []
    i = 0
    while i < n:
        if covered[i] or i in tried or t.lower:
            i += 1
            continue
        if not _capitalised(words[i]):
            lowered = _lower_case_name(t, g, i, starts.get(i + 1))
            if lowered is not None:
                added.append(lowered)
            i += 1
            continue
        j = i + 1
        while j < n and j - i < 3 and not covered[j] and t.joined(j) and _capitalised(words[j]):
            j += 1
        start, end = t.starts[i], t.ends[j - 1]
        run = t.text[start:end]
        if j - i == 1 and (fold(words[i]) in notplaces.COMMON_WORDS or fold(words[i]) in notplaces.FIRST_NAMES):
            i = j
            continue
        key = name_key(run)
        entry = -1
        k = bisect_left(first_words, j)
        after = ordered[k] if k < len(ordered) else None
        if after is not None and after.ti - j <= 3 and "," in t.text[end:after.start] + "(" \
                and QUALIFIER_GAP.match(t.text[end:after.start]):
            admins = _admin_readings(g, after)
            if admins:
                entry = fuzzy.town_in(g, key, admins=admins)
        run_span = _Span(start, end, i, j, key, NAME, (), ())
        if entry < 0 and _introduced(t, i):
            entry = fuzzy.town_in(g, key)  # "the town of Perfomaisk": the words say it is a place
        if entry < 0 and _alone(t, run_span):
            entry = fuzzy.town_in(g, key)
            # A dateline vouches for the guess; a lone word guessed at is only a place of the war,
            # never a surname ("Pevnenko" is no Pivneve).
            if entry >= 0 and _alone(t, run_span, dateline=False) and (
                    _surname_shaped(words[j - 1]) or not g.flags[entry] & FRONTLINE):
                entry = -1
        if entry >= 0 and not _touches_digit(t.text, start, end):
            added.append(_Span(start, end, i, j, key, NAME, (entry,), ()))
        i = j
    if not added:
        return spans
    return sorted(spans + added, key=lambda s: s.start)


def _introduced(t: _Text, i: int) -> bool:
    """Whether word i follows words that introduce a settlement ("the town of", "village")."""
    prev = t.folded(i - 1)
    if prev == "of":
        prev = t.folded(i - 2)
    return prev in VILLAGE_WORDS or prev == "city"


def _lower_case_name(t: _Text, g: Gazetteer, i: int, after: _Span | None) -> _Span | None:
    """A town written in lower case right before the area it lies in ("chernihiv, Chernihiv
    Oblast", "louhi, Karelia"): the qualifier vouches for it; a word is no town of that area."""
    if after is None or len(t.words[i]) < 4 or not COMMA_GAP.match(t.text[t.ends[i]:after.start]):
        return None
    folded = fold(t.words[i])
    if folded in notplaces.COMMON_WORDS or folded in notplaces.FIRST_NAMES:
        return None
    admins = set(_admin_readings(g, after))
    key = skeleton(t.words[i])
    cands = tuple(c for c in g.index.get(key, ()) if g.kind[c] == TOWN
                  and (g.admin[c] in admins or g.admin_parent.get(g.admin[c]) in admins))
    if not cands:
        return None
    return _Span(t.starts[i], t.ends[i], i, i + 1, key, NAME, cands, ())


def _admin_readings(g: Gazetteer, s: _Span) -> tuple[int, ...]:
    """The admin areas a qualifying span may stand for (its own, or its towns')."""
    out = []
    for d in _qualifier_readings(g, s):
        if g.kind[d] == ADMIN:
            out.append(d)
        elif s.kind == DISTRICT_SPAN and g.admin[d] >= 0:
            out.append(g.admin[d])
    return tuple(dict.fromkeys(out))


def _not_place_phrase(t: _Text, i: int, first: str) -> int:
    for parts in _NOT_PLACE.get(first, ()):
        if i + len(parts) <= len(t.words) and all(
            skeleton(t.words[i + k]) == parts[k] for k in range(1, len(parts))
        ):
            return len(parts)
    return 0


def _make_span(t: _Text, g: Gazetteer, i: int, j: int, key: str) -> _Span | None:
    """A span for words i..j-1, read as an area or district when an area word follows."""
    nxt = t.folded(j) if j < len(t.words) and t.text[t.ends[j - 1]:t.starts[j]] in AREA_WORD_GAP else ""
    start, end = t.starts[i], t.ends[j - 1]
    quals = g.admin_index.get(key, ())
    if nxt in variants.ADMIN_WORDS:
        cands = _area_candidates(g, key, towns=nxt not in TOWN_REGION_WORDS)
        if not cands:
            # "the Nikopol region", "Kryvyi Rih region": a town that names no oblast names its raion
            # (oblasts are named after their capitals), at the town, not the oblast's middle.
            towns = _district_candidates(g, key)
            if towns:
                return _Span(start, t.ends[j], i, j + 1, key, DISTRICT_SPAN, towns, towns, plural=nxt in PLURAL_ADMIN)
            cands = _area_candidates(g, key)
        if cands:
            # "People's Republic" / "oblast'" read to their end.
            return _Span(start, t.ends[j], i, j + 1, key, ADMIN_SPAN, cands, cands, plural=nxt in PLURAL_ADMIN)
    if nxt in DIRECTION_WORDS:
        # "the Kupiansk direction", "Krasnolimansk direction": a front sector named after a town (in
        # its adjectival form too), reaching tens of km from it; the town is not what was hit.
        cands = _district_candidates(g, key)
        if cands:
            span = _Span(start, t.ends[j], i, j + 1, key, DISTRICT_SPAN, cands, cands, plural=nxt == "directions")
            span.sector = True
            return span
    if nxt in variants.DISTRICT_WORDS:
        cands = _district_candidates(g, key)
        if cands:
            return _Span(start, t.ends[j], i, j + 1, key, DISTRICT_SPAN, cands, cands, plural=nxt in PLURAL_ADMIN)
    if i > 0 and t.folded(i - 1) in ("oblast", "oblasts") and t.text[t.ends[i - 1]:start] == " ":
        cands = _area_candidates(g, key)  # "Oblast Kherson": the area word first
        if cands:
            return _Span(t.starts[i - 1], end, i, j, key, ADMIN_SPAN, cands, cands)
    if nxt in notplaces.STREET_WORDS:
        return None  # "Moskovskoye Shosse", "Sumska Street": a street, named after the place
    cands = _candidates(g, key)
    if not cands and not quals:
        return None
    if j - i == 1 and key not in g.exact and (fold(t.words[i]) in notplaces.COMMON_WORDS or len(key) < 3):
        return None  # a word
    if j - i == 1 and key not in g.exact and t.words[i].isupper() and len(t.words[i]) <= 4 and not any(
            g.flags[c] & NOTABLE or g.kind[c] != TOWN for c in cands + quals):
        return None  # an acronym ("BLA", "PACE"), unless a known name in capitals ("KYIV")
    if _touches_digit(t.text, start, end):
        return None  # a model name: "T-72B3", "AN30B", "Su-25"
    if i > 0 and t.text[t.ends[i - 1]:start] == "-" and t.folded(i - 1) in ("pro", "anti"):
        return None  # "pro-Kiev", "anti-Moscow": a stance, not a place
    span = _Span(start, end, i, j, key, NAME, cands, quals)
    if j - i == 1 and fold(t.words[i]) in notplaces.FIRST_NAMES:
        if j < len(t.words) and t.joined(j) and _capitalised(t.words[j]):
            return None  # "Yaroslav Karliychuk", "Vladimir Putin"
        span.weak = True  # "[Volodymyr] Zelensky": a place only with a cue ("in Vladimir")
    return span


# Per gazetteer (held, so that its id is not reused): name key -> `_candidates`.
_CANDIDATES: dict[int, tuple[Gazetteer, dict[str, tuple[int, ...]]]] = {}


def _candidates(g: Gazetteer, key: str) -> tuple[int, ...]:
    """The entries a name key may stand for: the index's, and where those are only villages or towns
    that had the name once (or none), Ukraine's towns named so in Ukrainian spelling when the key is
    a Russian form ("Peski" is Pisky, "Marinovka" Marynivka, "Alexandrovka" an Oleksandrivka rather
    than Donetsk, once so called; sitroom.resolve.russian).  A town the key names outright
    ("Belgorod") keeps the name to itself."""
    held = _CANDIDATES.get(id(g))
    if held is None:
        if len(_CANDIDATES) >= 4:
            _CANDIDATES.clear()
        held = _CANDIDATES[id(g)] = (g, {})
    memo = held[1]
    found = memo.get(key)
    if found is not None:
        return found
    own = g.index.get(key, ())
    found = own
    if not any(g.kind[c] != TOWN or (not g.is_minor(c) and g.main_key(c) == key) for c in own):
        extra = [c for form in russian.ukrainian_keys(key) for c in g.index.get(form, ())
                 if g.kind[c] == TOWN and g.country[c] == "UA" and c not in own]
        if extra:
            found = own + tuple(dict.fromkeys(extra))
    if len(memo) > 200_000:
        memo.clear()
    memo[key] = found
    return found


def _named_so(g: Gazetteer, c: int, key: str) -> bool:
    """Whether entry c bears the name today, in its own spelling or as its Russian form ("Peski" Pisky)."""
    main = g.main_key(c)
    return main == key or (g.country[c] == "UA" and main in russian.ukrainian_keys(key))


def _touches_digit(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    if before == "-" and start > 1:
        before = text[start - 2]
    after = text[end] if end < len(text) else " "
    if after == "-" and end + 1 < len(text):
        after = text[end + 1]
    return before.isdigit() or after.isdigit()


def _area_candidates(g: Gazetteer, key: str, towns: bool = True) -> tuple[int, ...]:
    """Admin areas (or named areas) that "<key> oblast/region" may mean; with ``towns``, also the
    admin areas of towns so named (else only areas named so)."""
    direct = tuple(dict.fromkeys(
        [c for c in g.admin_index.get(key, ())]
        + [c for c in g.index.get(key, ()) if g.kind[c] in (ADMIN, AREA)]
    ))
    if direct:
        return direct
    misspelt = fuzzy.admin_area(g, key)
    if misspelt >= 0:
        return (misspelt,)
    if not towns:
        return ()
    for k in (key, *_adjective_stems(key)):
        towns = [c for c in g.index.get(k, ()) if g.kind[c] == TOWN and g.admin[c] >= 0]
        if towns:
            towns.sort(key=g.prior, reverse=True)
            return tuple(dict.fromkeys(g.admin[c] for c in towns))
    return ()


def _district_candidates(g: Gazetteer, key: str) -> tuple[int, ...]:
    """Towns whose raion "<key> district" may be (districts are named after their centre town)."""
    for k in (key, *_adjective_stems(key)):
        towns = tuple(c for c in _candidates(g, k) if g.kind[c] == TOWN)
        if towns:
            return towns
    return ()


def _spread_plural_areas(t: _Text, g: Gazetteer, spans: list[_Span]) -> None:
    """ "Donetsk, Kharkiv and Kherson oblasts": the area word at the end covers the whole list."""
    for k in range(len(spans) - 1, 0, -1):
        last = spans[k]
        if last.kind == NAME or not last.plural:
            continue
        m = k - 1
        while m >= 0 and spans[m].kind == NAME and LIST_GAP.match(t.text[spans[m].end:spans[m + 1].start]):
            prev = spans[m]
            cands = _area_candidates(g, prev.key) if last.kind == ADMIN_SPAN else _district_candidates(g, prev.key)
            if not cands:
                break
            spans[m] = _Span(prev.start, prev.end, prev.ti, prev.tj, prev.key, last.kind, cands, cands, plural=True)
            m -= 1


# --- qualifying and resolving -------------------------------------------------------------------


def _fits(g: Gazetteer, c: int, d: int, qualifier_kind: int) -> bool:
    """Whether entry c can lie in the qualifying entry d."""
    kd = g.kind[d]
    if kd == COUNTRY:
        return g.country[c] == g.country[d]
    if kd == ADMIN:
        return c == d or g.admin[c] == d or g.admin_parent.get(g.admin[c]) == d
    if kd == AREA:
        within = g.area_admins.get(d)
        if within is not None:  # "Pivdenne in Donbas": in Donetsk or Luhansk oblast, not 240 km off
            return c in within or g.admin[c] in within
        return (not g.country[d] or g.country[c] == g.country[d]) and g.km(c, d) <= 250
    if g.kind[c] in (ADMIN, AREA, COUNTRY):
        return False
    limit = DISTRICT_KM if qualifier_kind == DISTRICT_SPAN else QUALIFIER_TOWN_KM
    return c != d and g.km(c, d) <= limit


def _qualifier_readings(g: Gazetteer, q: _Span) -> tuple[int, ...]:
    if q.kind != NAME:
        return q.cands
    return tuple(dict.fromkeys(q.cands + q.quals))


def _can_qualify(g: Gazetteer, a: _Span, b: _Span, comma: bool = True) -> bool:
    """Whether b can narrow a down: b is coarser and some reading of a lies in some reading of b."""
    readings = _qualifier_readings(g, b)
    for d in readings:
        coarse = g.kind[d] in (COUNTRY, ADMIN, AREA) or b.kind == DISTRICT_SPAN
        if not coarse and not comma:
            continue
        for c in a.cands:
            if not _fits(g, c, d, b.kind):
                continue
            if coarse:
                return True
            # A town qualifying a town: the qualified one is a village or quarter of it.
            if g.is_minor(c) or g.pop[c] * 3 <= g.pop[d]:
                return True
    return False


def _link(t: _Text, g: Gazetteer, spans: list[_Span]) -> dict[int, set[str]]:
    """Join names to their qualifiers; return the spans of villages that no reading fits.

    "Kamianka, Kharkiv oblast" where the gazetteer knows no Kamianka there: the village is too small
    for it, and a namesake elsewhere would be wrong, so the oblast stands for it instead."""
    unfit: dict[int, set[str]] = {}
    for a, b in zip(spans, spans[1:]):
        gap = t.text[a.end:b.start]
        if a.kind == NAME and b.kind == NAME and a.key == b.key:
            continue  # "in Myla in Myla, Kyiv Oblast": the same name twice, not one inside the other
        if COMMA_GAP.match(gap) and _is_district(a) != _is_district(b) and NAME in (a.kind, b.kind):
            district, city = (a, b) if _is_district(a) else (b, a)
            if city.kind == NAME and _city_district(g, district, city):
                # "Shevchenkivskyi district, Kharkiv", "Kharkiv, Kyivskyi district": a district of
                # the city (city districts are not in the data; the city stands for them).
                unfit[id(district)] = {g.country[d] for d in city.cands}
                continue
        if b.owner is None and a.qual is None and QUALIFIER_GAP.match(gap):
            if _can_qualify(g, a, b, comma=bool(COMMA_GAP.match(gap))):
                a.qual, b.owner = b, a
            elif a.kind == NAME and a.cands and _is_area(g, b) and _namesakes_only(g, a, b):
                unfit[id(a)] = {g.country[d] for d in _qualifier_readings(g, b)}
            elif a.kind == DISTRICT_SPAN and _is_area(g, b):
                # "Zavodskoy Rayon, Oryol": no raion of that name near Oryol, so a city district
                # (city districts are not in the data; the city stands for them); "the Orekhovo
                # district of the Zaporozhye region": a raion the data lacks, which the oblast places.
                unfit[id(a)] = {g.country[d] for d in _qualifier_readings(g, b)}
        elif (POSSESSIVE_GAP.match(gap) and a.owner is None and b.qual is None
              and any(g.kind[d] in (COUNTRY, ADMIN, AREA) for d in _qualifier_readings(g, a))
              and _can_qualify(g, b, a)):
            b.qual, a.owner = a, b
    return unfit


CITY_WITH_DISTRICTS_POP = 100_000


def _is_district(s: _Span) -> bool:
    """A district span, or a name that ends in a district word ("Shevchenkivskyi district")."""
    return s.kind == DISTRICT_SPAN or (s.kind == NAME and s.key.rpartition(" ")[2] in variants.DISTRICT_WORDS)


def _city_district(g: Gazetteer, district: _Span, city: _Span) -> bool:
    """Whether a district named beside a city is one of the city's own: the city is big enough
    to have districts and no raion of that name lies near it."""
    cities = [c for c in city.cands if g.kind[c] == TOWN and g.pop[c] >= CITY_WITH_DISTRICTS_POP]
    return bool(cities) and not any(g.km(c, d) <= DISTRICT_KM for c in cities for d in district.cands)


def _is_area(g: Gazetteer, s: _Span) -> bool:
    """Whether a span names an area (oblast, district, country), in any of its readings."""
    return s.kind != NAME or any(g.kind[d] in (COUNTRY, ADMIN) for d in s.cands + s.quals)


def _namesakes_only(g: Gazetteer, a: _Span, b: _Span) -> bool:
    """Whether every reading of a, none lying in the area b, is a namesake rather than a listed
    place: a village or quarter, or anything in another country than the area's."""
    if b.kind == ADMIN_SPAN:  # "Donets'ke, Kharkiv Oblast": not Donetsk city, whatever its size
        return all(g.kind[c] == TOWN for c in a.cands)
    # the qualifier's likeliest reading says which country it is in ("Kirov, Donetsk": Donetsk in
    # Ukraine, not its namesake in Rostov Oblast, so Kirov is a quarter there, not the Russian city)
    readings = _qualifier_readings(g, b)
    countries = {g.country[max(readings, key=g.prior)]} if readings else set()
    return _all_namesakes(g, a.cands, countries)


def _all_namesakes(g: Gazetteer, cands: tuple[int, ...], countries: set[str]) -> bool:
    return all(g.kind[c] == TOWN and (g.pop[c] < UNFIT_POP or g.flags[c] & SECTION or g.country[c] not in countries)
               for c in cands)


def _has_cue(t: _Text, s: _Span) -> bool:
    prev = t.folded(s.ti - 1)
    if prev in PLACE_CUES or (prev in WEAK_CUES and t.folded(s.ti - 2) in PLACE_CUES):
        return True  # "in X", "the village of X"
    return t.folded(s.tj) in PLACE_AFTER


def _alone(t: _Text, s: _Span, dateline: bool = True) -> bool:
    """A headline of its own ("Chervonosilske"), a list of names, or (with ``dateline``) a dateline
    ("Kharkiv: ...")."""
    text = t.text
    seg_start = max(text.rfind(";", 0, s.start), text.rfind("\n", 0, s.start), text.rfind("|", 0, s.start))
    before = text[seg_start + 1:s.start]
    if not _SEGMENT_EDGE.match(before):
        return False
    after_end = min((k for k in (text.find(";", s.end), text.find("\n", s.end), text.find("|", s.end)) if k >= 0),
                    default=len(text))
    return bool(_SEGMENT_EDGE.match(text[s.end:after_end])) or (
        dateline and bool(DATELINE_AFTER.match(text[s.end:s.end + 3])))


def _lone_fits(g: Gazetteer, c: int, key: str) -> bool:
    """Whether a name standing alone in its segment, with nothing else to vouch for it, may be entry c.

    Feeds and agencies put bylines, sources and victims' surnames in segments of their own
    ("Babenko", "Gura", "Kozyr"); a lone word is a place where it names a place of the war (a
    place of a frontline area, by any of its names), a town of the countries at war by the name it
    bears today (not an old or foreign alias of a small town), or a city or notable place abroad."""
    if g.kind[c] != TOWN or g.flags[c] & (FRONTLINE | NOTABLE):
        return True  # ("Telmanovo", "Uglegorsk": a frontline town by its Russian-era name)
    if g.pop[c] < UNFIT_POP and not _named_so(g, c, key):
        return False
    if g.country[c] in ("UA", "RU", "BY"):
        return not g.is_minor(c)
    return g.pop[c] >= WORLD_MINOR_POP


def _surname_shaped(word: str) -> bool:
    """A capitalised word with an East Slavic surname ending ("Yaroshenko", "Kovalchuk"):
    a misspelt village is not guessed from it."""
    return fold(word).endswith(SURNAME_ENDINGS)


def _is_person(t: _Text, s: _Span) -> bool:
    prev = t.folded(s.ti - 1)
    if s.ti > 0 and _capitalised(t.words[s.ti - 1]) and t.joined(s.ti):
        if prev in notplaces.FIRST_NAMES or prev in notplaces.TITLES:
            return True
    return False


class _Evidence:
    """What the text's confident places say about the ambiguous ones: their admin areas, countries
    and points, with each span's own share kept apart so that no span backs itself."""

    NEAR_KM = 50.0
    NEAR_DEG = 0.5  # a cheap latitude test before the great-circle distance (50 km < 0.5 degrees)

    def __init__(self, g: Gazetteer, context: PlaceContext | None):
        self.g = g
        self.admins: dict[int, float] = {}
        self.countries: dict[str, float] = {}
        self.points: list[tuple[int, float, float, int]] = []  # (span index, lat, lon, entry or -1)
        self.own_admins: dict[int, dict[int, float]] = {}
        self.own_countries: dict[int, dict[str, float]] = {}
        if context is not None:
            for name in context.admin1:
                a = g.admin_id(name)
                if a >= 0:
                    self.admins[a] = self.admins.get(a, 0.0) + 1.0
            for cc in context.countries:
                self.countries[cc] = self.countries.get(cc, 0.0) + 1.0
            for p in context.places[:20]:
                if p.precision is Precision.POINT and p.geonameid:
                    self.points.append((-1, p.lat, p.lon, -1))

    def add(self, k: int, c: int) -> None:
        g = self.g
        kind = g.kind[c]
        if kind == COUNTRY:
            return
        admin = c if kind == ADMIN else g.admin[c]
        weight = 1.0 if kind == ADMIN else 0.5
        # "Donbas" speaks for the oblasts it spans, less than a town for its own: not enough alone
        # to admit a village without a cue
        within = (admin,) if admin >= 0 else g.area_admins.get(c, ())
        if len(within) > 1:
            weight /= len(within)
        for a in within:
            self.admins[a] = self.admins.get(a, 0.0) + weight
            mine = self.own_admins.setdefault(k, {})
            mine[a] = mine.get(a, 0.0) + weight
        cc = g.country[c]
        if cc:
            self.countries[cc] = self.countries.get(cc, 0.0) + 0.5
            mine_c = self.own_countries.setdefault(k, {})
            mine_c[cc] = mine_c.get(cc, 0.0) + 0.5
        if kind == TOWN and len(self.points) < 20:
            self.points.append((k, g.lat[c], g.lon[c], c))

    def bonus(self, k: int, c: int) -> float:
        if not (self.admins or self.countries or self.points):
            return 0.0
        g = self.g
        score = 0.0
        admin = c if g.kind[c] == ADMIN else g.admin[c]
        if admin >= 0 and admin in self.admins:
            others = self.admins[admin] - self.own_admins.get(k, {}).get(admin, 0.0)
            if others > 0:
                score += 2.0 * min(1.0, others)
        cc = g.country[c]
        if cc in self.countries and self.countries[cc] - self.own_countries.get(k, {}).get(cc, 0.0) > 0:
            score += 1.0
        if g.kind[c] == TOWN and self.points:
            lat, lon = g.lat[c], g.lon[c]
            for k2, plat, plon, entry in self.points:
                if k2 == k or entry == c or abs(plat - lat) > self.NEAR_DEG:
                    continue
                if haversine_km(lat, lon, plat, plon) <= self.NEAR_KM:
                    score += 1.5
                    break
        return score


def _resolve(t: _Text, g: Gazetteer, spans: list[_Span], context: PlaceContext | None) -> list[_Span]:
    """Choose an entry for each span; drop the spans that are no place."""
    kept = []
    for s in spans:
        if s.kind == NAME and _is_person(t, s):
            continue
        s.evidence = s.kind != NAME or _has_cue(t, s) or _alone(t, s)
        s.lone = s.kind == NAME and s.evidence and not _has_cue(t, s) and _alone(t, s, dateline=False)
        s.weak_cue = t.folded(s.ti - 1) in WEAK_CUES
        if s.kind == NAME and not s.evidence and t.folded(s.tj) in SPEAKS and not any(
                g.flags[c] & NOTABLE or g.pop[c] >= 100_000 or g.kind[c] != TOWN for c in s.cands):
            continue  # "Kamianka said": a person of that name, not the town
        kept.append(s)
    unfit = _link(t, g, kept)
    # A village we lack under a qualifier is the same village wherever else the text names it.
    unfit_keys: dict[str, set[str]] = {}
    for s in kept:
        if id(s) in unfit:
            unfit_keys.setdefault(s.key, set()).update(unfit[id(s)])
    spans = [s for s in kept if id(s) not in unfit and not (
        s.key in unfit_keys and (s.qual is None or all(g.kind[d] == COUNTRY for d in _qualifier_readings(g, s.qual)))
        and _all_namesakes(g, s.cands, unfit_keys[s.key]))]
    alive = {id(s) for s in spans}
    for s in spans:
        if s.qual is not None and id(s.qual) not in alive:
            s.qual = None
        if s.owner is not None and id(s.owner) not in alive:
            s.owner = None
        if s.qual is not None or s.owner is not None:
            s.evidence = True
    index_of = {id(s): k for k, s in enumerate(spans)}
    ev = _Evidence(g, context)

    named: dict[int, frozenset[int]] = {}  # per span: its readings that bear the name today
    villages: dict[int, bool] = {}  # per span: whether all those readings are villages

    def own(c: int, s: _Span) -> float:
        prior = g.prior(c)
        if s.kind == NAME and g.kind[c] == TOWN:
            bearers = named.get(id(s))
            if bearers is None:
                bearers = named[id(s)] = frozenset(d for d in s.cands if _named_so(g, d, s.key))
                villages[id(s)] = _villages_only(g, tuple(bearers) or s.cands)
            if s.qual is None and villages[id(s)] and _village(g, c):
                prior -= 0.5 * (math.log10(max(g.pop[c], 100)) - 2.0)
            if c in bearers:
                prior += MAIN_NAME_BONUS  # named so today, not by an old or foreign name
            elif any(g.country[d] == "UA" for d in bearers):
                prior -= OLD_NAME_PENALTY  # "Alexandrovka" is a village's name, and only once Donetsk's
        return prior + ev.bonus(index_of[id(s)], c)

    def allowed(s: _Span) -> tuple[int, ...]:
        if s.lone and s.qual is None and s.owner is None:
            return tuple(c for c in s.cands if _lone_fits(g, c, s.key))
        if s.kind != NAME or s.evidence:
            return s.cands
        if s.weak:
            return ()
        k = index_of[id(s)]
        out = []
        for c in s.cands:
            # A small town matched by an old or foreign name only wants a strong cue.
            by_alias = (g.kind[c] == TOWN and g.pop[c] < UNFIT_POP and not g.flags[c] & NOTABLE
                        and g.main_key(c) != s.key)
            if by_alias:
                continue
            if not g.is_minor(c) or s.weak_cue or ev.bonus(k, c) >= 2.0:
                out.append(c)
        return tuple(out)

    def choose(s: _Span, done: set[int]) -> None:
        if id(s) in done:
            return
        done.add(id(s))
        q = s.qual
        if q is not None:
            choose(q, done)
        cands = allowed(s)
        if s.owner is not None and s.kind == NAME:
            cands = tuple(dict.fromkeys(cands + s.quals))
        if not cands:
            s.choice = -1
            return
        best, best_score = -1, -math.inf
        for c in cands:
            score = own(c, s)
            if q is not None and q.choice >= 0:
                if _fits(g, c, q.choice, q.kind):
                    score += 10.0
                elif any(_fits(g, c, d, q.kind) for d in _qualifier_readings(g, q)):
                    score += 6.0
            if score > best_score:
                best, best_score = c, score
        s.choice = best
        # The qualified name may settle which reading the qualifier meant ("Odessa, Texas").
        if q is not None and q.choice >= 0 and not _fits(g, best, q.choice, q.kind):
            fitting = [d for d in _qualifier_readings(g, q) if _fits(g, best, d, q.kind)
                       and (q.qual is None or q.qual.choice < 0 or _fits(g, d, q.qual.choice, q.qual.kind))]
            if fitting:
                q.choice = max(fitting, key=lambda d: own(d, q))

    # First by prior and qualifiers alone; then again with the confident places as evidence.
    done: set[int] = set()
    for s in spans:
        choose(s, done)
    for k, s in enumerate(spans):
        if s.choice >= 0 and (s.qual is not None or s.kind != NAME or not g.is_minor(s.choice)):
            ev.add(k, s.choice)
    done = set()
    for s in spans:
        choose(s, done)
    # One sense per text: a name read under a qualifier is read so wherever it recurs.
    settled = {s.key: s.choice for s in spans if s.qual is not None and s.choice >= 0 and s.kind == NAME}
    out = []
    for s in spans:
        if s.kind == NAME and s.qual is None and s.key in settled and settled[s.key] in s.cands:
            s.choice = settled[s.key]
        if s.choice < 0:
            continue
        if s.kind == NAME and not s.cands and s.owner is None:
            continue  # an area name that only qualifies ("Texas") with nothing to qualify
        if s.kind == NAME and g.kind[s.choice] == ADMIN and s.choice not in s.cands and s.owner is None:
            continue
        out.append(s)
    return out


def _villages_only(g: Gazetteer, cands: tuple[int, ...]) -> bool:
    """Whether a name stands only for villages of one country (namesakes, none of them a town or a
    notable place); across a border the country prior and size still decide.  Asked of the places
    that bear the name today, where there are any ("Petrivske", not a town once so called)."""
    return len(cands) > 1 and len({g.country[c] for c in cands}) == 1 and all(_village(g, c) for c in cands)


def _village(g: Gazetteer, c: int) -> bool:
    return g.kind[c] == TOWN and g.pop[c] < VILLAGE_POP and not g.flags[c] & NOTABLE


def _precision(g: Gazetteer, s: _Span) -> Precision | None:
    if s.kind == DISTRICT_SPAN and g.kind[s.choice] == TOWN:
        return Precision.DISTRICT
    return None


def find_places(text: str, gazetteer: Gazetteer | None = None, context: PlaceContext | None = None
                ) -> list[PlaceMention]:
    """Every place the text names, in order, with offsets into ``text``."""
    if not text:
        return []
    g = gazetteer or load_gazetteer()
    t = _Text(text)
    spans = _resolve(t, g, _scan(t, g), context)
    mentions = [PlaceMention(text[s.start:s.end], s.start, s.end,
                             _sector_place(g, s.choice) if s.sector else g.place(s.choice, _precision(g, s)))
                for s in spans]
    mentions = _unknown_villages(t, mentions)
    return references.capital_mentions(text, mentions, g, context.countries if context else ())


def _sector_place(g: Gazetteer, c: int) -> Place:
    """A front sector named after town c ("Kupiansk direction"): at the town's point, as coarse as a
    district, and no GeoNames entry of its own."""
    town = g.place(c)
    return Place(f"{town.name} direction", town.lat, town.lon, town.admin1, town.country, Precision.DISTRICT, None)


def _area_place(p: Place) -> bool:
    """An oblast or a district itself (a codifier village also has district precision)."""
    return p.precision is Precision.OBLAST or eventplace.is_district(p)


def _unknown_villages(t: _Text, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """Villages the data lacks, placed by the area that qualifies them: "near the village of
    Gorbakha in the Ivanovo District", "the village of Veselaya Lopan, Belgorod Oblast".

    The village keeps its own name, at the area's point and precision (a district's or an
    oblast's), so that a reader sees the village and how coarsely it is placed.  It needs a
    village word before it ("the village of"), or "near" / "outside" / "in" with a district after."""
    if t.lower or not any(_area_place(m.place) for m in mentions):
        return mentions
    covered = bytearray(len(t.words))
    for m in mentions:
        for k in range(bisect_left(t.starts, m.start), bisect_left(t.starts, m.end)):
            covered[k] = 1
    added = []
    for n, q in enumerate(mentions):
        if not _area_place(q.place):
            continue
        owner_start = q.start
        if n > 0 and mentions[n - 1].place.precision is Precision.COUNTRY and \
                POSSESSIVE_GAP.match(t.text[mentions[n - 1].end:q.start]):
            owner_start = mentions[n - 1].start  # "in Belarus' Ivanovo District"
        # the words of the village: a capitalised run before a qualifier gap (", ", " in the ")
        before = bisect_right(t.ends, owner_start) - 1
        k = next((k for k in range(before, max(before - 3, -1), -1) if _capitalised(t.words[k])), -1)
        if k < 0:
            continue
        gap = t.text[t.ends[k]:owner_start]
        if not QUALIFIER_GAP.match(gap) or ("," not in gap and " in " not in f" {gap} "):
            continue
        last = k
        while k >= 0 and last - k < 3 and not covered[k] and _name_word(t, k) and (k == last or t.joined(k + 1)):
            k -= 1
        first = k + 1
        if first > last or _sentence_start(t, first):
            continue
        cue, cue2 = t.folded(first - 1), t.folded(first - 2)
        village_word = cue in VILLAGE_WORDS or (cue == "of" and cue2 in VILLAGE_WORDS)
        if not (village_word or (cue in NEAR_CUES and q.place.precision is Precision.DISTRICT)):
            continue
        start, end = t.starts[first], t.ends[last]
        place = Place(t.text[start:end], q.place.lat, q.place.lon, q.place.admin1, q.place.country,
                      q.place.precision, None)
        added.append(PlaceMention(t.text[start:end], start, end, place))
    if not added:
        return mentions
    return sorted(mentions + added, key=lambda m: m.start)


def event_place(text: str, mentions: list[PlaceMention] | None = None, context: PlaceContext | None = None,
                gazetteer: Gazetteer | None = None) -> PlaceMention | None:
    """The one place where the text's event happened, or None when it names no place."""
    g = gazetteer or load_gazetteer()
    if mentions is None:
        mentions = find_places(text, g, context)
    return eventplace.choose(text, mentions, g.capitals)


def geocode(text: str, gazetteer: Gazetteer | None = None, context: PlaceContext | None = None) -> dict:
    """Places and the event's place of a text, as plain JSON-ready data (``sitroom geocode``)."""
    mentions = find_places(text, gazetteer, context)
    chosen = event_place(text, mentions, context)
    return {
        "places": [{"text": m.text, "start": m.start, "end": m.end, **m.place.as_dict()} for m in mentions],
        "event_place": chosen.place.as_dict() if chosen else None,
    }
