"""Who says so: the organisation and the person a sentence attributes its claim to.

A fact-checker's first question is who first said a figure; war coverage answers it in a handful of
shapes, each read here from tokens (no parser):

- source before a verb of saying: "Kyiv Mayor Vitaliy Klitschko said", "Russia's defence ministry
  said", "the Kremlin spokesperson, Dmitry Peskov, told Interfax", "he said";
- verb before the source: "..., said Oleksiy Kuleba, deputy head of ...", "— he said";
- "according to the National Police", "citing the general staff", "RIA quotes him saying";
- a news agency alone: "Reuters reports" (where someone else is named the outlet is only the
  channel: "Budanov told the BBC" is Budanov's claim);
- a wire headline's tail: "... - Russian Defense Ministry";
- the passive "it was reported" (attributed, to nobody named).

Pronouns, bare nouns and titles ("he said", "it said", "the ministry said", "the mayor said") are
resolved from earlier in the sentence, then from the paragraph, as is a state named where its ministry
spoke before ("Moscow previously said").  A sentence with no attribution of its own takes the latest
one before it in its paragraph (a quotation also the one right after it: "... ” he said").  Verbs
of saying inside quotation marks belong to the quoted speech and are skipped.  Organisations are the
canonical names of the actors table (extract.actors), so every stage spells them one way; an
organisation the table lacks comes from a spaCy ORG entity or a capitalised name ending in "Fund",
"Agency", ... as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Sequence

from ..model import Actor, Attribution
from .actors import (
    ACTORS,
    ADVERBS,
    BOUNDARY,
    COUNTRY_WORDS,
    PERSON_ACTOR,
    SPEECH_VERBS,
    TITLE_WORDS,
    VERBS,
    Span,
    Tokens,
    resolve_bare,
    scan,
)

# Verbs after which the source follows the verb only when nothing stands before it ("..., said X").
_SAYING = SPEECH_VERBS - {"according", "citing", "cited", "quoted", "quotes", "believes", "believed", "suggests",
                          "suggested", "argues", "argued", "updated", "publishes", "published"}
# Verbs after which the source may follow: "..., said X" (not "told": its object is the channel).
_INVERTED = frozenset("said says added wrote noted stated explained insisted continued confirmed warned".split())
# Words before a verb of saying that make it no attribution: passive "were added", "to say".
_NOT_SAYING_BEFORE = frozenset("was were is are be been being to".split())
# Verbs of saying that always attribute, even when the one saying is not named well.
_STRONG = frozenset("said says say told tells added adds wrote writes".split())
# Cues that count only when their subject is a named source ("reports" is also a noun).
_WEAK = frozenset("reports reported report claims claimed claim confirmed denied noted notes warned".split())
_PERSON_PRONOUNS = frozenset(("he", "she", "him", "her"))
_ORG_PRONOUNS = frozenset(("it", "they", "them"))
# Nouns that can say something without naming who: "officials said", "the spokesperson told".
_SOURCE_NOUNS = frozenset(
    "officials official spokesperson spokesman spokeswoman source sources witnesses witness residents resident "
    "analysts analyst experts expert authorities police military army ministry office agency "
    "governor mayor administration command staff service forces observers monitors commander head chief "
    "representative minister president adviser advisor government council prosecutors investigators "
    "correspondent journalist journalists reporter reporters media outlet broadcaster channel bloggers blogger "
    "activists volunteers doctors medics survivors locals woman man people they mission headquarters hq "
    "department directorate committee ombudsman spokesmen report eyewitnesses militia".split()
)
# Words that may stand between a source and its verb: "the Kremlin on Tuesday said", "has said".
_BETWEEN = frozenset(
    "has have had also previously later earlier today yesterday tonight on late early monday tuesday wednesday "
    "thursday friday saturday sunday again publicly officially separately then just now already further "
    "repeatedly once 's".split()
) | ADVERBS
# Capitalised words that are not people's names (sentence openers, generic nouns, days, months).
_NOT_NAMES = frozenset(
    "officials witnesses residents experts analysts sources authorities police he she they it we this that "
    "these those locals observers reports critics others people soldiers troops the a an in on at officials "
    "meanwhile however earlier later also monday tuesday wednesday thursday friday saturday sunday january "
    "february march april may june july august september october november december ukraine russia "
    "moscow kyiv western telegram facebook twitter instagram youtube statement there here his her their its "
    "our my your one two some many several both neither all most photograph updated summary european "
    "western eastern southern northern african asian arab".split()
) | TITLE_WORDS
# Last words of capitalised names that are organisations, not people.
_ORG_WORDS = frozenset(
    "fund bank agency council committee ministry service office institute organisation organization union "
    "commission group party court university company corporation times news post forces army command "
    "directorate administration center centre foundation association network media press channel tv "
    "radio observatory program programme mission assembly parliament government authority department "
    "watch international monitor".split()
)
# Words before a capitalised run that make it a place: "in Madrid", "near Bakhmut".
_PLACE_WORDS = frozenset("in at from near to into across outside inside around toward towards over".split())
_LEADING_MARKS = "•·*-–— \t"
_CLAUSE_WORDS = frozenset(
    "is are was were be been has have had will would could can may might must appears appear seems did does "
    "do continues continue remains remain".split()
)
_PASSIVE_RE = re.compile(
    r"\b(?:it\s+(?:was|is|has\s+been|had\s+been)\s+(?:reported|claimed|announced|said|understood|alleged)"
    r"|(?:reports|media\s+reports)\s+(?:say|said|suggest(?:ed)?|indicate(?:d)?)"
    r"|according\s+to\s+(?:reports|media\s+reports|local\s+reports|preliminary\s+(?:data|information|reports)))\b",
    re.IGNORECASE,
)
_QUOTE_RE = re.compile(r"[\"“”]")
_DASH_TAIL_RE = re.compile(r"\s[-–—]{1,2}\s*([^-–—]{2,80}?)\s*[.!]?\s*$")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?…])[\"”’)\]]*\s+(?=[\"“‘(\[]*[A-Z0-9])|\n+")
_ABBREVIATIONS = ("Mr.", "Mrs.", "Ms.", "Dr.", "Gen.", "Lt.", "Col.", "St.", "No.", "U.S.", "U.K.", "U.N.", "Maj.",
                  "Sgt.", "Capt.", "Brig.", "Jan.", "Feb.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")


# How well a reading names its source; the best reading of a sentence wins.  An outlet alone ranks
# below everyone it could be quoting: "officials said, AFP reports" is the officials' claim.
PERSON_AND_ORG, NAMED, REFERRED, UNNAMED, CHANNEL, PASSIVE = 5, 4, 3, 2, 1, 0


@dataclass(frozen=True, slots=True)
class _Source:
    """One reading of who says it, before pronouns are resolved."""

    organisation: Actor | None
    organisation_text: str | None  # an organisation not in the table (from an ORG entity)
    person: str | None
    text: str
    score: int  # how well the source is named: one of the ranks above
    pronoun: str | None = None  # "he", "it", "subject" (of "..., and said") still to resolve
    bare_family: str | None = None  # "ministry", "mod", ... still to resolve
    at: int = 0  # token where the cue is
    state: bool = False  # the organisation is a whole state ("Moscow said"): the paragraph may narrow it
    final: bool = False  # the sentence's closing ", X said": the reporter's own attribution
    titled: bool = False  # "the mayor said": a title alone, whose holder the paragraph may name


def find_attribution(
    sentence: str,
    paragraph: str | None = None,
    ents: Sequence[tuple[int, int, str]] | None = None,
) -> Attribution | None:
    """Who the sentence says its claim comes from, or None.  `paragraph` (the text the sentence sits
    in) resolves "he said" / "the ministry said" and lends its attribution to a sentence without
    one; `ents` are spaCy-style (start, end, label) character spans of the sentence."""
    own = _own_source(sentence, ents)
    sentences = _paragraph_sources(paragraph) if paragraph and paragraph != sentence else ()
    where = _locate(paragraph, sentence) if sentences else -1
    before = [s for s in sentences if s[1] <= where] if where >= 0 else list(sentences)
    if own is not None:
        return _resolve(own, sentence, before)
    if not sentences:
        return None
    for _start, _end, attribution, _people, _orgs in reversed(before):
        if attribution is not None:
            return attribution
    if where >= 0 and _QUOTE_RE.search(sentence):
        # a quotation whose "he said" comes in the next sentence
        for start, _end, attribution, _people, _orgs in sentences:
            if start >= where + len(sentence) - 1:
                return attribution
    return None


# --- One sentence ---------------------------------------------------------------------------------------
def _own_source(sentence: str, ents: Sequence[tuple[int, int, str]] | None) -> _Source | None:
    found = scan(sentence, ents)
    tok, spans = found.tokens, found.spans
    low, n = tok.low, len(tok)
    best: _Source | None = None
    cited: _Source | None = None
    final: _Source | None = None
    quoted = _inside_quotes(tok)
    covered = {i for span in spans for i in range(span.first, span.last)}
    k = 0
    while k < n:
        word = low[k]
        source: _Source | None = None
        if quoted[k] or k in covered:
            k += 1
            continue
        if word == "according" and k + 1 < n and low[k + 1] == "to":
            source = _after(tok, spans, ents, k, k + 2)
        elif word == "citing" and k > 0:
            cited = cited or _after(tok, spans, ents, k, k + 1)
        elif word in ("quoted", "quotes", "quoting"):
            source = _quoted(tok, spans, ents, k)
        elif word in SPEECH_VERBS:
            source = _around(tok, spans, ents, k)
        if source is not None and (best is None or source.score > best.score):
            best = source
        if source is not None and source.final and source.score >= NAMED:
            final = source
        k += 2 if word == "according" else 1
    if cited is not None and cited.score >= REFERRED:
        best = cited if best is None or cited.score >= NAMED or best.score < NAMED else best
    if final is not None:
        best = final
    if best is None or best.score < NAMED:
        tail = _dash_tail(tok, spans, ents)
        if tail is not None and (best is None or tail.score > best.score):
            best = tail
    if best is None:
        match = _PASSIVE_RE.search(sentence)
        if match:
            best = _Source(None, None, None, match.group(0), PASSIVE)
    return best


def _inside_quotes(tok: Tokens) -> list[bool]:
    """For each token, whether it stands inside quotation marks (a verb of saying there belongs to
    the quoted speech, not to the reporter).  A sentence whose first curly quote closes began inside."""
    low = tok.low
    first_curly = next((w for w in low if w in ("“", "”")), None)
    inside = first_curly == "”"
    out = []
    for word in low:
        if word == "“":
            inside = True
        elif word == "”":
            out.append(True)
            inside = False
            continue
        elif word == '"':
            inside = not inside
            out.append(True)
            continue
        out.append(inside)
    return out


def _is_final(tok: Tokens, a: int, k: int) -> bool:
    """", an Elysee official said after a phone call.": a closing clause with nothing reported after."""
    low = tok.low
    if a == 0 or low[a - 1] != ",":
        return False
    return not any(w in VERBS or w in _CLAUSE_WORDS or w == "that" for w in low[k + 1:])


def _region_before(tok: Tokens, spans: Sequence[Span], k: int) -> tuple[int, int]:
    """Tokens [a, b) that name the source of the verb at k: back to the clause start, never cutting
    a named actor ("U.S. and Polish officials said")."""
    low = tok.low
    starts = {span.last: span.first for span in spans}
    b = k
    while b > 0 and low[b - 1] in _BETWEEN:
        b -= 1
    a = b
    while a > 0 and b - a < 14:
        if a in starts:
            a = starts[a]
            continue
        if low[a - 1] == ")":
            opening = next((p for p in range(a - 2, max(-1, a - 9), -1) if low[p] == "("), None)
            if opening is not None:
                a = opening
                continue
        if low[a - 1] in BOUNDARY or low[a - 1] in SPEECH_VERBS:
            break
        a -= 1
    return a, b


def _around(tok: Tokens, spans: Sequence[Span], ents, k: int) -> _Source | None:
    """A source before the verb of saying at k ("X said"), or after it ("..., said X")."""
    low = tok.low
    if k > 0 and (low[k - 1] in _NOT_SAYING_BEFORE):
        return None  # "13 others were added", "forced to say": not the reporter's attribution
    a, b = _region_before(tok, spans, k)
    verb_end = k + 1
    if low[k] == "saying" and k > 0 and low[k - 1] == ",":
        # "Zelenskiy spoke to Iohannis on Wednesday, saying": the sentence's subject says it
        return _Source(None, None, None, tok.raw(k - 1, k + 1), REFERRED, pronoun="subject", at=k)
    inverted: _Source | None = None
    if a == b and a > 0 and low[a - 1] in (",", "—", "–", "”", '"', ":") and low[k] in _INVERTED \
            and _starts_source(tok, spans, verb_end):
        after = _region_after(tok, spans, verb_end)
        inverted = _source_in(tok, spans, ents, [after], k, text=(a, after[1]), person_side="start")
        if inverted is not None and inverted.score < UNNAMED:
            inverted = None
    if a == b and a > 0 and low[a - 1] == ",":
        # "the Kremlin spokesperson, Dmitry Peskov, told Interfax": an apposition before the verb
        c = a - 2
        while c >= 0 and low[c] != "," and a - c < 14 and low[c] not in BOUNDARY:
            c -= 1
        if c >= 0 and low[c] == ",":
            head_a, head_b = _region_before(tok, spans, c)
            regions = [(head_a, head_b), (c + 1, a - 1)]
            if all(_name_word(tok, i) for i in range(c + 1, a - 1)):
                regions.reverse()  # "The founder of Pink Floyd, Roger Waters, called": the name speaks
            apposed = _source_in(tok, spans, ents, regions, k, text=(head_a, verb_end), person_side="end")
            if apposed is not None and (inverted is None or apposed.score > inverted.score):
                return apposed
        return inverted
    if inverted is None and ((a == b and a > 0 and low[a - 1] in ("and", "but"))
                             or (b > a and low[b - 1] in ("and", "but"))):
        # "Zelenskiy thanked Macron ..., and said": the sentence's subject said it
        return _Source(None, None, None, tok.raw(min(a, b - 1), verb_end), REFERRED, pronoun="subject", at=k)
    if a == b:
        return inverted
    if not _ends_in_source(tok, spans, _before_parens(tok, a, b)):
        if low[k] in _STRONG and any(w.isalpha() for w in low[a:b]):
            return _Source(None, None, None, tok.raw(a, verb_end), UNNAMED, at=k)  # "one woman who ... said"
        return inverted
    source = _source_in(tok, spans, ents, [(a, b)], k, text=(a, verb_end), person_side="end")
    if source is not None and low[k] in _WEAK and source.score == UNNAMED:
        return None
    if source is not None and _is_final(tok, a, k):
        source = replace(source, final=True)
    return source


def _starts_source(tok: Tokens, spans: Sequence[Span], c: int) -> bool:
    """Whether the words after an inverted verb name someone: ", said Kuleba", ", said the mayor"."""
    if c >= len(tok):
        return False
    word = tok.low[c]
    return (word in ("the", "a", "an") or word in TITLE_WORDS or word in _PERSON_PRONOUNS
            or word in _ORG_PRONOUNS or _name_word(tok, c) or any(span.first == c for span in spans))


def _before_parens(tok: Tokens, a: int, b: int) -> int:
    """Where a region ends once a closing "(OHCHR)" is set aside."""
    if b - a >= 3 and tok.low[b - 1] == ")":
        for p in range(b - 2, max(a, b - 8) - 1, -1):
            if tok.low[p] == "(":
                return p if p > a else b
    return b


def _ends_in_source(tok: Tokens, spans: Sequence[Span], b: int) -> bool:
    """Whether the words just before a verb of saying can be its subject: an actor, a name, a
    pronoun or a noun of sourcing ("officials said"), not "hard to tell" or "the reported"."""
    word = tok.low[b - 1]
    if any(span.first < b <= span.last for span in spans):
        return True
    return word in _PERSON_PRONOUNS or word in _ORG_PRONOUNS or word in _SOURCE_NOUNS or _name_word(tok, b - 1)


def _region_after(tok: Tokens, spans: Sequence[Span], c: int, apposition: bool = True) -> tuple[int, int]:
    """Tokens after a cue up to the clause end, one apposition included ("X, deputy head of Y");
    a named actor is never cut ("the United Nations (U.N.) Office of ...")."""
    low, n = tok.low, len(tok)
    ends = {span.first: span.last for span in spans}
    d, comma = c, -1
    while d < n:
        if d in ends:
            d = ends[d]
            continue
        word = low[d]
        if word == "," and not apposition:
            break
        if word == "," and comma < 0 and d > c:
            comma = d
        elif comma > 0 and (word in VERBS or word in _CLAUSE_WORDS):
            return c, comma  # "according to X, Russia appears to ...": a new clause, not an apposition
        elif word in BOUNDARY and word not in ("(", ")") or word in SPEECH_VERBS or word in ("saying", "as"):
            if comma > 0 and (word in SPEECH_VERBS or word == ","):
                return c, comma  # "according to X, Reuters reports": the apposition was a new clause
            break
        d += 1
    return c, d


def _after(tok: Tokens, spans: Sequence[Span], ents, k: int, c: int) -> _Source | None:
    """"according to X", "citing X".  Opening a sentence ("According to X, ...") the phrase ends at
    the comma: what follows is the claim, not an apposition."""
    region = _region_after(tok, spans, c, apposition=k > 1)
    return _source_in(tok, spans, ents, [region], k, text=(k, region[1]), person_side="start")


def _quoted(tok: Tokens, spans: Sequence[Span], ents, k: int) -> _Source | None:
    """"RIA quotes him saying", "Tass quoted Putin as saying": the quoted one is the source."""
    low, n = tok.low, len(tok)
    d = k + 1
    while d < n and low[d] not in ("saying", "as", ":", ",", ".") and d - k < 8:
        d += 1
    source = _source_in(tok, spans, ents, [(k + 1, d)], k, text=(_region_before(tok, spans, k)[0], min(n, d + 1)),
                        person_side="start")
    if source is not None and source.score >= UNNAMED:
        return source
    a, b = _region_before(tok, spans, k)
    return _source_in(tok, spans, ents, [(a, b)], k, text=(a, k + 1), person_side="end") if a < b else None


def _dash_tail(tok: Tokens, spans: Sequence[Span], ents) -> _Source | None:
    """A wire headline's tail: "... - Russian Defense Ministry", "... - mayor"."""
    match = _DASH_TAIL_RE.search(tok.text)
    if not match or len(match.group(1).split()) > 7:
        return None
    start = match.start(1)
    a = next((i for i, s in enumerate(tok.start) if s >= start), len(tok))
    b = len(tok)
    while b > a and tok.low[b - 1] in (".", "!"):
        b -= 1
    words = tok.low[a:b]
    if a >= b or not _ends_in_source(tok, spans, b) or words[-1] in _PERSON_PRONOUNS | _ORG_PRONOUNS \
            or any(w == "and" or w in _CLAUSE_WORDS or w in VERBS for w in words):
        return None  # "... - the prosecutor's office showed the consequences", "— X and Y", "– so it is"
    source = _source_in(tok, spans, ents, [(a, b)], a, text=(a, b), person_side="end")
    if source is None or source.score == PASSIVE:
        return None
    return source


def _source_in(
    tok: Tokens,
    spans: Sequence[Span],
    ents,
    regions: list[tuple[int, int]],
    cue: int,
    text: tuple[int, int],
    person_side: str,
) -> _Source | None:
    """The organisation and person named in the regions (the first region is the main one)."""
    low = tok.low
    organisation: Actor | None = None
    org_kind = ""
    org_rank = -1
    person: str | None = None
    person_actor: Actor | None = None
    bare: str | None = None
    for r, (a, b) in enumerate(regions):
        if a >= b:
            continue
        for span in spans:
            if span.last <= a or span.first >= b:
                continue
            if r > 0 and span.kind == "person" and person is not None:
                continue  # "Semyon Pegov, a war correspondent decorated by Putin, said": Pegov speaks
            if span.kind == "person":
                if person is None or (r == 0 and person_actor is None):
                    person, person_actor = span.person, span.actor
                rank = 1
            elif span.kind == "bare" and span.actor is None:
                bare = bare or span.family
                continue
            else:
                rank = _org_rank(span)
            if span.actor is not None and rank > org_rank:
                organisation, org_rank, org_kind = span.actor, rank, span.kind
        if person is None:
            person = _entity(tok, ents, a, b, "PERSON")
        if person is None:
            run = _name_run(tok, spans, a, b, person_side, cue)
            if run is not None and tok.low[run[1] - 1] in _ORG_WORDS:
                if organisation is None and r == 0:  # "the International Monetary Fund said"
                    return _Source(None, tok.raw(*run), None, tok.raw(*text), NAMED, at=cue)
            elif run is not None:
                person = tok.raw(*run)
        if organisation is None and r == 0:
            org_text = _entity(tok, ents, a, b, "ORG")
            if org_text:
                return _Source(None, org_text, person, tok.raw(*text), NAMED, at=cue)
    if person_actor is not None and (organisation is None or org_rank <= 1 or organisation is person_actor):
        organisation = person_actor
    main_a, main_b = regions[0]
    words = [w for w in low[main_a:main_b] if w not in ("the", "a", "an")]
    pronoun = words[0] if len(words) == 1 and words[0] in _PERSON_PRONOUNS | _ORG_PRONOUNS else None
    titled = len(words) == 1 and words[0] in TITLE_WORDS
    if organisation is None and person is None:
        if titled:
            return _Source(None, None, None, tok.raw(*text), REFERRED, pronoun="he", at=cue)
        if pronoun is not None:
            return _Source(None, None, None, tok.raw(*text), REFERRED, pronoun=pronoun, at=cue)
        if bare is not None:
            return _Source(None, None, None, tok.raw(*text), REFERRED, bare_family=bare, at=cue)
        if any(w.isalpha() for w in words) and len(words) <= 8:
            return _Source(None, None, None, tok.raw(*text), UNNAMED, at=cue)
        return None
    if organisation is not None and organisation.sector == "media" and person is None:
        score = CHANNEL
    elif person is not None and organisation is not None:
        score = PERSON_AND_ORG
    else:
        score = NAMED
    state = org_kind in ("country", "capital") and person is None
    return _Source(organisation, None, person, tok.raw(*text), score, at=cue, state=state, titled=titled)


def _org_rank(span: Span) -> int:
    """Which named organisation speaks when a region names several: a body over a country, any
    speaker over the outlet that carries it."""
    actor = span.actor
    if actor is None:
        return -1
    if actor.sector == "media":
        return 0
    if span.kind in ("country", "capital"):
        return 2
    if actor.sector in ("civilians", "infrastructure"):
        return -1
    return 3


def _entity(tok: Tokens, ents, a: int, b: int, label: str) -> str | None:
    if not ents or a >= b:
        return None
    s, e = tok.start[a], tok.end[b - 1]
    for es, ee, lab in ents:
        if lab == label and s <= es and ee <= e:
            return tok.text[es:ee]
    return None


def _name_run(tok: Tokens, spans: Sequence[Span], a: int, b: int, side: str, cue: int) -> tuple[int, int] | None:
    """Tokens of a name written in capitals next to the cue or after a title: "Reva said",
    "Mayor Oleksii Reva wrote", "said Serhii Deineko of ..."."""
    taken = set()
    for span in spans:
        if span.kind != "person":
            taken.update(range(span.first, span.last))
    low = tok.low
    runs: list[tuple[int, int]] = []
    i = a
    while i < b:
        if _name_word(tok, i) and i not in taken:
            j = i
            while j < b and _name_word(tok, j) and j not in taken and j - i < 4:
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    if not runs:
        return None
    if side == "end":
        run = runs[-1]
    else:  # after the cue: the name opening the region, else the one closing it ("... Food Taras Vysotskyi")
        run = runs[0] if runs[0][0] == a else next((r for r in runs if r[1] == b), runs[0])
    i, j = run
    adjacent = (side == "end" and j == b) or (side == "start" and i == a)
    titled = i > 0 and (low[i - 1] in TITLE_WORDS or low[i - 1] in (",",) and j - i >= 2)
    if i > 0 and low[i - 1] in _PLACE_WORDS:
        return None  # "in Madrid": a place
    if j - i == 1 and not (adjacent or titled):
        return None
    if j - i == 1 and i == 0 and (low[i].endswith("s") or low[cue] not in _STRONG):
        return None  # "Officials said", "Video posted online": a capitalised opener is no surname
    if j - i >= 2 or adjacent or titled:
        return i, j
    return None


def _name_word(tok: Tokens, i: int) -> bool:
    word = tok.low[i]
    raw = tok.text[tok.start[i]:tok.end[i]]
    return (
        tok.cap(i)
        and not (raw.isupper() and len(raw) > 1)  # an acronym ("HQ", "SBU") is not a name
        and word.replace("-", "").replace("'", "").isalpha()
        and word not in _NOT_NAMES
        and word not in COUNTRY_WORDS
        and len(word) > 1
    )


# --- Resolving pronouns and carrying through the paragraph ---------------------------------------------
_Context = tuple[int, int, "Attribution | None", tuple[tuple[str, "Actor | None"], ...], tuple[Actor, ...]]


def _resolve(source: _Source, sentence: str, before: Sequence[_Context]) -> Attribution:
    organisation, person = source.organisation, source.person
    if source.pronoun is not None or source.bare_family is not None:
        organisation, person = _antecedent(source, sentence, before)
    elif source.state and organisation is not None:
        organisation = _narrower(organisation, before) or organisation
    elif source.titled and person is None:
        person = _holder(organisation, before)
    if person is not None and " " not in person and person not in PERSON_ACTOR:
        full = _full_name(person, before)
        if full is not None:
            person = full
            if organisation is None:
                organisation = PERSON_ACTOR.get(full) or _org_of(full, before)
    name = organisation.name if organisation is not None else source.organisation_text
    return Attribution(organisation=name, person=person, text=source.text.lstrip(_LEADING_MARKS))


def _antecedent(source: _Source, sentence: str, before: Sequence[_Context]) -> tuple[Actor | None, str | None]:
    """Whom "he", "it", "the ministry" stand for: earlier in the sentence, then in the paragraph."""
    spans = [s for s in scan(sentence).spans if s.first < source.at and s.actor is not None]
    if source.pronoun == "subject":
        if spans:
            first = spans[0]
            return first.actor, first.person
        return None, None
    if source.pronoun in _PERSON_PRONOUNS:
        for span in spans:
            if span.kind == "person":
                return span.actor, span.person
        for _s, _e, attribution, people, _orgs in reversed(before):
            if attribution is not None and attribution.person:
                return _actor_named(attribution.organisation), attribution.person
            if people:
                person, actor = people[-1]
                return actor, person
        return None, None
    if source.bare_family is not None:
        context = [a for _s, _e, _a, _p, orgs in before for a in orgs] + [s.actor for s in spans]
        return resolve_bare(source.bare_family, context), None
    # "it said", "they said": the organisation that is the subject earlier, else the paragraph's
    for span in spans:
        if span.kind != "person" and span.head not in _NOT_SPEAKERS \
                and span.actor.sector not in ("media", "civilians", "infrastructure"):
            return span.actor, None
    for _s, _e, attribution, _people, orgs in reversed(before):
        if attribution is not None and attribution.organisation:
            return _actor_named(attribution.organisation), None
        if orgs:
            return orgs[-1], None
    return None, None


_BY_NAME: dict[str, Actor] = {a.name: a for a in ACTORS.values()}
# Mentions that name an actor by its deeds or belongings ("a Ukrainian strike"): never "it" who spoke.
_NOT_SPEAKERS = frozenset(("attack", "weapon", "object", "loss"))


def _actor_named(name: str | None) -> Actor | None:
    return _BY_NAME.get(name) if name else None


def _holder(organisation: Actor | None, before: Sequence[_Context]) -> str | None:
    """"Mayor Oleksii Reva wrote ... the mayor said": the person of that office named earlier."""
    for _s, _e, _attribution, people, _orgs in reversed(before):
        for name, actor in reversed(people):
            if organisation is None or actor is organisation:
                return name
    return None


def _narrower(state: Actor, before: Sequence[_Context]) -> Actor | None:
    """"Russia's defence ministry said ... Moscow previously said": the state is the body that spoke
    for it earlier in the paragraph."""
    for _s, _e, attribution, _people, _orgs in reversed(before):
        actor = _actor_named(attribution.organisation) if attribution is not None else None
        if actor is not None and actor.country == state.country and actor is not state \
                and actor.sector not in ("media", "civilians", "infrastructure"):
            return actor
    return None


def _org_of(person: str, before: Sequence[_Context]) -> Actor | None:
    """The organisation a person named earlier in the paragraph spoke for."""
    for _s, _e, attribution, people, _orgs in reversed(before):
        if attribution is not None and attribution.person == person and attribution.organisation:
            return _actor_named(attribution.organisation)
        for name, actor in people:
            if name == person and actor is not None:
                return actor
    return None


def _full_name(surname: str, before: Sequence[_Context]) -> str | None:
    """"Reva" -> "Oleksii Reva" when the paragraph named him in full before."""
    for _s, _e, attribution, people, _orgs in reversed(before):
        candidates = [p for p, _a in people]
        if attribution is not None and attribution.person:
            candidates.append(attribution.person)
        for name in candidates:
            if name != surname and name.endswith(" " + surname):
                return name
    return None


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Rough sentence offsets for a paragraph (spaCy's boundaries are used where the pipeline has
    them; this only finds what came before a sentence)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END_RE.finditer(text):
        piece = text[start:match.start()].rstrip()
        if piece.endswith(_ABBREVIATIONS):
            continue
        if piece.strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


@lru_cache(maxsize=512)
def _paragraph_sources(paragraph: str) -> tuple[_Context, ...]:
    """For each sentence of a paragraph: its offsets, its resolved attribution, the people and the
    organisations it names (what later pronouns may point back to)."""
    out: list[_Context] = []
    for start, end in split_sentences(paragraph):
        sentence = paragraph[start:end]
        own = _own_source(sentence, None)
        attribution = _resolve(own, sentence, out) if own is not None else None
        spans = scan(sentence).spans
        people = tuple((s.person, s.actor) for s in spans if s.kind == "person" and s.person)
        if attribution is not None and attribution.person and not any(p == attribution.person for p, _ in people):
            people += ((attribution.person, _actor_named(attribution.organisation)),)
        orgs = tuple(s.actor for s in spans if s.actor is not None and s.kind != "person"
                     and s.actor.sector not in ("civilians", "infrastructure", "media"))
        out.append((start, end, attribution, people, orgs))
    return tuple(out)


def _locate(paragraph: str | None, sentence: str) -> int:
    if not paragraph:
        return -1
    where = paragraph.find(sentence)
    if where < 0:
        where = paragraph.find(sentence.strip()[:60])
    return where
