"""The words that tell one happening from another, for matching a later report to an incident.

Two reports of the Makiivka strike share "barracks", "vocational", "Makiivka", "servicemen"; two
reports of different strikes share only "Russian", "strike", "said".  So the terms are the content
words of the evidence minus the vocabulary every war report uses."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]", re.UNICODE)

# Function words and the words every report of this war uses: sharing them says nothing.
_COMMON = frozenset(
    """
    a about above after again against all almost also although among an and another any are around as at
    back be because been before being between both but by came can could day days did do does during
    each early earlier either else even ever every few for from further had has have having he her here
    him his how however if in including into is it its itself just last late later least less like made
    make many may me more most much must my near nearly new next no nor not now of off on once one only
    or other others our out over own part per said same say saying says she should since so some still
    such than that the their them then there these they this those though three through thursday to today
    told too tuesday two under until up upon us very via was we wednesday week were what when where
    whether which while who whom whose why will with within without would year years yesterday yet you
    monday friday saturday sunday overnight morning evening night afternoon time times
    russia russian russians ukraine ukrainian ukrainians kyiv moscow war country forces military army
    officials official according reported reports report statement added people city region area
    attack attacks strike strikes struck hit hits killed dead injured wounded least more than
    armed shelling shelled shell shells died die dies kill kills killing civilians civilian person
    resident residents enemy destroyed destroy lost losses loss result due troops soldier soldiers
    serviceman militiaman militiamen units direction directions east eastern south southern north
    northern west western past hours federation dpr lpr apu afu jfo invaders occupiers fighting
    clashes amid four five six seven eight nine ten dozens several
    """.split()
)

# "the strike", "Saturday's attack", "the Makiivka tragedy": the writer refers back to a happening
# already reported, so a later undated mention may join an earlier incident.
BACK_REFERENCE = re.compile(
    r"\b(?:the|that|this|its|last\s+week['’]s|(?:mon|tues|wednes|thurs|fri|satur|sun)day['’]s|weekend|"
    r"new\s+year['’]s(?:\s+eve)?|recent|previous|earlier|deadly|latest)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:strikes?|attacks?|shelling|bombing|explosions?|blasts?|incident|tragedy|raid|assault|massacre)\b",
    re.IGNORECASE,
)


def terms(text: str) -> frozenset[str]:
    """Lower-cased content words of a text, with the vocabulary every war report shares removed."""
    words = (w.lower().replace("’", "'").removesuffix("'s") for w in _WORD.findall(text))
    return frozenset(w for w in words if len(w) > 2 and w not in _COMMON)


def overlap(event_terms: frozenset[str], incident_terms: frozenset[str] | set[str]) -> float:
    """Share of an event's terms found in an incident's: how much of what this report says the
    incident already said."""
    if not event_terms:
        return 0.0
    return len(event_terms & incident_terms) / min(len(event_terms), 12)


# "died as a result of the shelling of Donetsk", "injured during the attack on the market": the
# happening is the cause of what this report tells, so the report is the news, not a look back.
_CAUSE_BEFORE = re.compile(r"\b(?:due\s+to|result\s+of|during)\s+$", re.IGNORECASE)
# "the shelling of Donetsk" names ongoing shelling afresh; "the hospital shelling" means one.
_BARE_SHELLING = re.compile(r"^(?:the|its|this|that)\s+shelling\b", re.IGNORECASE)


def refers_back(text: str) -> bool:
    """The text refers back to a happening already reported ("the Makiivka strike", "Saturday's
    attack") rather than reporting one."""
    for found in BACK_REFERENCE.finditer(text):
        if _BARE_SHELLING.match(found.group(0)):
            continue
        if _CAUSE_BEFORE.search(text, max(0, found.start() - 20), found.start()):
            continue
        return True
    return False
