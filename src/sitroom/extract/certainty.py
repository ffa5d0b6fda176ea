"""How sure the text is: confirmed, reported, claimed, unverified or denied.

Users who log strikes or check facts must not mistake a belligerent's tally for a verified one.
The reporter's own hedges decide first (precedence, strongest first):

1. denied     - "denied", "rejected claims", "dismissed reports", "called it fake";
2. unverified - "could not be independently verified", "unconfirmed", "reportedly", "allegedly",
                "purportedly", "it is not clear", "appears to"; also a caveat sentence later in the
                same paragraph ("The reports have not been independently verified.");
3. confirmed  - an independent monitor is the source (the UN human rights office only publishes what
                it verified; the UN, IAEA, ICRC, OSCE, HRW, Amnesty with "verified/recorded/documented"),
                or a journalist saw it;
4. claimed    - "claimed"/"claims", or a party to the war (Russia or Ukraine, and the forces and
                authorities on their sides) speaking of its own success or the enemy's losses:
                "Russia's defence ministry said it destroyed ...", "Ukraine's air force shot down 54";
5. confirmed  - "confirmed", "acknowledged" (a party conceding its own losses lands here);
6. reported   - everything else that is stated as news.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Attribution, Certainty
from .actors import ACTORS, find_actors, successes
from .attribution import find_attribution, split_sentences

_DENIED_RE = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)(?!\s+(?:access|entry|visas?|permission|him|her|them)\b)"
    r"|(?:reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|refut(?:e|es|ed|ing)|rebuff(?:s|ed)?|disput(?:e|es|ed|ing))"
    r"\s+(?:\w+\s+){0,3}?(?:claims?|reports?|allegations?|accusations?|assertions?|statements?)"
    r"|refut(?:e|es|ed|ing)"
    r"|(?:called|calling|dismissed|branded|described|labelled|labeled)\s+(?:\w+\s+){0,5}?(?:as\s+)?"
    r"(?:fake|false|a\s+fake|a\s+lie|lies|fabricat\w+|disinformation|a\s+provocation|propaganda|a\s+hoax|nonsense)"
    r"|fake\s+news|(?:is|are|was|were)\s+(?:a\s+)?(?:fake|false|untrue|fabricated|a\s+lie|a\s+hoax)"
    r"|no\s+truth\s+(?:to|in))\b",
    re.IGNORECASE,
)
_NEGATED_BEFORE_RE = re.compile(r"\b(?:not|n't|never|no)\s+(?:\w+\s+){0,1}$", re.IGNORECASE)
_NEG_VERIFY = (
    r"(?:could\s*not|couldn't|cannot|can't|can\s+not|(?:was|were|is|are)\s+not\s+able\s+to|unable\s+to"
    r"|not\s+(?:been\s+)?(?:able|possible)\s+to|(?:has|have|had)\s+not|hasn't|haven't|hadn't|did\s+not|didn't"
    r"|does\s+not|doesn't|would\s+not|wouldn't|not\s+yet|yet\s+to|(?:was|were|is|are)\s+not|no\s+way\s+to)"
    r"\s+(?:\w+\s+){0,3}?(?:verif|confirm|corroborat|authenticat)\w*"
)
_UNVERIFIED_RE = re.compile(
    r"\b(?:" + _NEG_VERIFY +
    r"|unverified|unconfirmed|uncorroborated|reportedly|allegedly|purportedly|purport(?:s|ed|ing)?\s+to"
    r"|it\s+(?:is|was|remains|remained)\s+(?:not\s+(?:yet\s+)?clear|unclear)|(?:is|was|remains|remained)\s+unclear"
    r"|not\s+immediately\s+clear|unclear\s+(?:whether|if|how|who|what)|appears?\s+to|appeared\s+to|apparently"
    r"|(?:said|believed|thought|understood)\s+to\s+(?:be|have)|no\s+independent\s+(?:confirmation|verification)"
    r"|alleged|suspected|rumou?r(?:s|ed)?|unknown\s+(?:whether|if)|not\s+known\s+(?:whether|if|how)"
    r"|could\s+not\s+be\s+reached|unsubstantiated|without\s+(?:providing\s+)?(?:evidence|proof))\b",
    re.IGNORECASE,
)
# A caveat sentence that covers the sentences before it: short, about verification.
_CAVEAT_RE = re.compile(
    r"\b(?:" + _NEG_VERIFY + r"|unverified|unconfirmed|no\s+independent\s+(?:confirmation|verification))",
    re.IGNORECASE,
)
_CAVEAT_MAX_WORDS = 25
_CONFIRMED_RE = re.compile(
    r"\b(?:confirm(?:s|ed|ing)?|acknowledg(?:e|es|ed|ing)|verified|geolocated|documented|recorded|corroborated"
    r"|(?:our|a|an|the)\s+(?:\w+\s+){0,2}(?:correspondent|reporter|journalist|photographer)s?\s+"
    r"(?:saw|witnessed|counted|visited|heard)"
    r"|(?:reuters|afp|ap|guardian)\s+(?:journalists|reporters|correspondents|witnesses)\s+"
    r"(?:saw|counted|heard|witnessed))\b",
    re.IGNORECASE,
)
_VERIFY_WORD_RE = re.compile(r"\b(?:verified|recorded|documented|confirmed|corroborated|geolocated)\b", re.IGNORECASE)
_CLAIM_RE = re.compile(
    r"\bclaim(?:s|ed|ing)?\b(?!\s+(?:the\s+lives|(?:\w+\s+)?lives|\d[\d,]*\s+lives|victims))", re.IGNORECASE
)
# Monitors whose published figures are verified ones.
_VERIFIERS = frozenset({"un_ohchr", "osce"})
# Independent bodies that verify when they say so.
_INDEPENDENT = frozenset({"un", "un_ohchr", "iaea", "icrc", "osce", "amnesty", "hrw", "icc"})
# Parties to the war: the side each actor is on (Actor.country of every row on that side).
_BELLIGERENTS = frozenset({"RU", "UA"})
_PARTY_SECTORS = frozenset({"military", "government", "intelligence", "police", "armed_group", "emergency_services"})
_BY_NAME = {a.name: a for a in ACTORS.values()}
# Verbs that, with no subject named, still tell of the speaker's side's success ("54 of 69 missiles
# were shot down", "troops repelled 12 attacks").
_OWN_SUCCESS = frozenset(
    "intercepted intercept intercepts shot shoot downed down destroyed destroy destroys repelled repel repels "
    "repulsed repulse eliminated eliminate liquidated liquidate neutralised neutralized liberated liberate "
    "recaptured recapture retook retaken sank sunk".split()
)
# ... and those that do so in the passive too ("54 of 69 missiles were shot down"); "the building was
# destroyed" may be the speaker's own loss.
_INTERCEPTED = frozenset(
    "intercepted shot downed repelled repulsed eliminated liquidated neutralised neutralized".split()
)


def certainty(sentence: str, paragraph: str | None = None, attribution: Attribution | None = None) -> Certainty:
    """How sure `sentence` says its claim is.  `paragraph` brings caveats that follow the sentence
    ("This could not be independently verified."); `attribution` (else found here) tells who speaks,
    for claims by a party to the war."""
    denied = _DENIED_RE.search(sentence)
    if denied and not _NEGATED_BEFORE_RE.search(sentence, 0, denied.start()):
        return Certainty.DENIED
    if _UNVERIFIED_RE.search(sentence) or (paragraph and _caveat_follows(paragraph, sentence)):
        return Certainty.UNVERIFIED
    if attribution is None:
        attribution = find_attribution(sentence, paragraph)
    source = _BY_NAME.get(attribution.organisation) if attribution and attribution.organisation else None
    if source is not None and source.id in _INDEPENDENT:
        if source.id in _VERIFIERS or _VERIFY_WORD_RE.search(sentence):
            return Certainty.CONFIRMED
    claim = _CLAIM_RE.search(sentence)
    if claim and _NEGATED_BEFORE_RE.search(sentence, 0, claim.start()):
        claim = None
    if claim or _party_claim(sentence, source):
        return Certainty.CLAIMED
    if _CONFIRMED_RE.search(sentence):
        return Certainty.CONFIRMED
    return Certainty.REPORTED


def _party_claim(sentence: str, source) -> bool:
    """A party to the war on its own success or the enemy's losses."""
    if source is None or source.country not in _BELLIGERENTS or source.sector not in _PARTY_SECTORS:
        return False
    side = source.country
    for success in successes(sentence):
        if success.passive:
            # "54 Russian missiles were shot down": the one named before the verb was hit
            if success.subject not in (None, side, "speaker"):
                return True  # another side, or "militants"/"the enemy"
            if success.subject is None and success.verb in _INTERCEPTED:
                return True
            continue
        if success.subject in (side, "speaker"):
            return True
        if success.object == "enemy" and success.subject in (None, side, "speaker", "enemy"):
            return True
        if success.subject is None and (success.verb in _OWN_SUCCESS or success.object not in (None, side)):
            return True
    for mention in find_actors(sentence):
        actor = mention.actor
        if mention.role == "target" and actor.country in _BELLIGERENTS and actor.country != side \
                and actor.sector in ("military", "armed_group"):
            return True  # the enemy's losses: "Russia lost 500 soldiers", "Ukrainian losses"
    return False


def _caveat_follows(paragraph: str, sentence: str) -> bool:
    """A short caveat sentence after this one in the same paragraph."""
    caveats = _caveats(paragraph)
    if not caveats:
        return False
    where = paragraph.find(sentence)
    if where < 0:
        where = paragraph.find(sentence.strip()[:60])
    if where < 0:
        return any(paragraph[s:e].strip() != sentence.strip() for s, e in caveats)
    end = where + len(sentence)
    return any(s >= end - 1 for s, _e in caveats)


@lru_cache(maxsize=512)
def _caveats(paragraph: str) -> tuple[tuple[int, int], ...]:
    if not _CAVEAT_RE.search(paragraph):
        return ()
    found = []
    for start, end in split_sentences(paragraph):
        piece = paragraph[start:end]
        if len(piece.split()) <= _CAVEAT_MAX_WORDS and _CAVEAT_RE.search(piece):
            found.append((start, end))
    return tuple(found)
