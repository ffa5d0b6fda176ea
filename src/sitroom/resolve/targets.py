"""The places one act struck together: "Russian forces struck Kramatorsk, Zaporizhzhia and Kherson".

`eventplace.choose` picks the one place where a sentence's event happened.  When that place stands
in a list of places of its own kind joined by "and" ("Kramatorsk, Zaporizhzhia and Kherson",
"shelling of Nikopol and Marhanets", "Kharkiv and Sumy regions"), and the list as a whole is where
something landed ("in", "on", "struck", "shelling of", "three cities - ..."), each place of the list
was struck: `struck_together` returns them, the chosen one first, each with where the text between
it and the list member before it begins, so that callers can tell a count given to one place
("killed two in Kherson and three in Nikopol") from one given to the whole list.

Not lists of targets: places joined otherwise ("from Belgorod towards Kharkiv", "between Bakhmut
and Soledar"), a place and its qualifier ("Izium, Kharkiv oblast", "Kamianka village, Izium
district"), a comma-only pair ("Saltivka, Kharkiv"), places of another kind than the chosen one (a
town and an oblast), sides that act or speak ("Kyiv and Moscow traded blame"), and holders of
offices ("the governors of Kharkiv and Sumy said").
"""

from __future__ import annotations

import re

from sitroom.model import PlaceMention, Precision
from sitroom.resolve.cues import DESCRIBING, EVENT_BEFORE, POSSESSIVE_GAP, QUALIFIER_GAP
from sitroom.resolve.eventplace import PRECISION_SCORE, is_side, place_fits, words_before

_COUNT = (r"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+further|another|"
          r"dozens|several|many)")
# Between two members of a list of places; a member may come with its own count ("killed two in
# Kherson and three in Nikopol").
MEMBER_GAP = re.compile(
    r"^\s*(?:,|,?\s*(?:and|as\s+well\s+as)|&)\s*"
    rf"(?:(?:[a-z]+\s+){{0,2}}?{_COUNT}(?:\s+[a-z]+){{0,2}}?\s+(?:in|on|at|near|around|outside)\s+)?"
    r"(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?$",
    re.IGNORECASE,
)
AND_GAP = re.compile(r"\band\b|&|\bas\s+well\s+as\b", re.IGNORECASE)
# Before a list: "in three cities - A, B and C", "the regions of A and B:".
LIST_INTRO = re.compile(
    r"\b(?:cities|towns|villages|settlements|regions|oblasts|districts|areas|communities)\s*(?:of\s*|[-–—:]\s*)$",
    re.IGNORECASE,
)
# "of" makes a list a target only after a word of attack: "shelling of Nikopol and Marhanets",
# not "the governors of Kharkiv and Sumy".
ATTACK_NOUNS = frozenset(
    "shelling shellings bombing bombings bombardment bombardments attack attacks strike strikes airstrike "
    "airstrikes assault assaults raid raids outskirts".split()
)
KINDS = {Precision.POINT: "town", Precision.DISTRICT: "town", Precision.OBLAST: "area"}


def struck_together(text: str, mentions: list[PlaceMention], chosen: PlaceMention | None,
                    capitals: frozenset[int] = frozenset()) -> list[tuple[PlaceMention, int]]:
    """The places of `text` struck with `chosen` as one list of targets, `chosen` first, each with
    the offset where the text between it and the list member before it begins (its own start for
    the list's first member); [] when `chosen` stands in no such list (or is None)."""
    kind = KINDS.get(chosen.place.precision) if chosen is not None else None
    if kind is None:
        return []
    ordered = sorted(mentions, key=lambda m: m.start)
    heads = _heads(text, ordered)
    if not any(m is chosen for m, _ in heads):
        return []
    index = next(k for k, (m, _) in enumerate(heads) if m is chosen)
    first = last = index
    while first > 0 and _joined(text, heads[first - 1], heads[first][0], kind):
        first -= 1
    while last + 1 < len(heads) and _joined(text, heads[last], heads[last + 1][0], kind):
        last += 1
    if first == last:
        return []
    members = heads[first:last + 1]
    gaps = [text[members[k - 1][1]:members[k][0].start] for k in range(1, len(members))]
    if not any(AND_GAP.search(gap) for gap in gaps) or not _targeted(text, members[0][0].start):
        return []
    if any(is_side(text, m, capitals) for m, _ in members):
        return []
    listed = [(members[0][0], members[0][0].start)]
    listed += [(members[k][0], members[k - 1][1]) for k in range(1, len(members))]
    return [item for item in listed if item[0] is chosen] + [item for item in listed if item[0] is not chosen]


def _heads(text: str, ordered: list[PlaceMention]) -> list[tuple[PlaceMention, int]]:
    """The mentions that are no qualifier of another, each with the end of its qualifiers
    ("Bakhmut, Donetsk oblast" ends after "oblast")."""
    heads: list[tuple[PlaceMention, int]] = []
    for k, m in enumerate(ordered):
        if heads:
            head, end = heads[-1]
            gap = text[end:m.start]
            coarser = PRECISION_SCORE[m.place.precision] < PRECISION_SCORE[head.place.precision]
            if QUALIFIER_GAP.match(gap) and coarser and place_fits(head.place, m.place):
                heads[-1] = (head, m.end)  # "Izium, Kharkiv oblast": the oblast qualifies Izium
                continue
        if k + 1 < len(ordered) and POSSESSIVE_GAP.match(text[m.end:ordered[k + 1].start]) and \
                PRECISION_SCORE[m.place.precision] < PRECISION_SCORE[ordered[k + 1].place.precision]:
            continue  # "Ukraine's Kharkiv": the owner qualifies what follows
        heads.append((m, m.end))
    return heads


def _joined(text: str, before: tuple[PlaceMention, int], after: PlaceMention, kind: str) -> bool:
    return KINDS.get(after.place.precision) == kind and bool(MEMBER_GAP.match(text[before[1]:after.start]))


def _targeted(text: str, start: int) -> bool:
    """Whether the words before a list make it where something landed ("in", "struck", "shelling of",
    "in three cities -"), not where it came from or who speaks ("from", "between", "governors of")."""
    if LIST_INTRO.search(text[max(0, start - 40):start]):
        return True
    before = words_before(text, start, 6)
    while before and before[-1] in DESCRIBING and before[-1] != "of":
        before.pop()
    if not before:
        return False
    if before[-1] == "of":
        return len(before) >= 2 and before[-2] in ATTACK_NOUNS
    return EVENT_BEFORE.get(before[-1], 0.0) > 0
