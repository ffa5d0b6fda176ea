"""Run every extractor over entries and join what they find into Events.

spaCy splits paragraphs into sentences and finds people and organisations; the rule modules
(classify, figures, places, actors, attribution, certainty, dates, weapons) each read one
sentence.  This module owns only the joining: which figures belong to which event, where an event
without a place of its own happened, when one without a date of its own did, which places struck
together get an event each, and which text is read at all.  Models and the gazetteer are
loaded once per Extractor and reused for every entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Iterable, Iterator

from ..model import ActorMention, DateRef, Event, Figure, Mention, PlaceMention, Precision
from ..resolve import places as place_rules
from ..resolve import targets
from ..resolve.gazetteer import load_gazetteer
from ..resolve.places import PlaceContext
from . import actors as actor_rules
from . import attribution as attribution_rules
from . import certainty as certainty_rules
from . import classify as type_rules
from . import dates as date_rules
from . import figures as figure_rules
from . import weapons as weapon_rules
from .nlp import chunks, load_nlp
from .types import FIGURE_MEASURES

# Bump when a rule changes what is extracted: `sitroom extract` then redoes older entries.
VERSION = 6

# Paragraphs mostly in another script are not read: the rules are English rules, and a guess in
# a language they do not know is an invented event.
MIN_LATIN_SHARE = 0.6

# Acts that strike a place: a sentence naming several places struck together gives one event per
# place ("shelling of Nikopol and Marhanets"); tolls, statements, aid and the like stay one event.
SPLIT_TYPES = frozenset({"explosion", "civilian_violence", "battle", "infrastructure", "military_losses"})
# A figure right before a place of such a list is that place's own: "killed two in Kherson and
# three in Nikopol".
TIED_BEFORE = re.compile(r"^\s*(?:[^\W\d]+\s+){0,3}?(?:in|on|at|near|around|outside)\s+(?:the\s+)?$", re.IGNORECASE)

# A counted item names its event outright: "7 missile strikes, 18 air raids and 85 MLRS attacks".
ITEM_SUBTYPES: tuple[tuple[re.Pattern, str], ...] = (
    (re.compile(r"missile", re.I), "missile_attack"),
    (re.compile(r"air ?raid|air ?strike|drone|bomb|aerial", re.I), "air_strike"),
    (re.compile(r"MLRS|rocket|artillery|shell|mortar", re.I), "shelling"),
)
# A running count is dated by the span it covers ("since February 24"), not by one day: tolls
# always, other events when told in the perfect ("nearly 500 drones have been shot down since").
CUMULATIVE_SUBTYPES = frozenset({"casualty_toll"})
PERFECT = re.compile(r"\b(?:have|has)\s+(?:now\s+|so\s+far\s+)?been\b", re.I)
# Statements are dated when they are made ("warned on Tuesday", else the entry's day), not by the
# time they speak of ("fighting in March"), and placed nowhere: the places they name are what
# they speak about.  Other events are dated by what happened: a date of saying ("the ministry said
# on Monday that 63 were killed") does not date the deaths (extract.dates), which take another
# date of their sentence, else the last one their paragraph gave, else the entry's day, or the
# earlier day the sentence says they were spoken of.
DATED_WHEN_SAID = frozenset({"statement"})


@dataclass
class EntryInput:
    """One stored entry as extraction needs it."""

    entry_id: int
    document_id: int
    text: str  # the entry's analysed text (paragraphs joined by newlines)
    headline: str | None = None
    anchor: datetime | date | None = None  # when it was written: resolves "yesterday", "Thursday"
    skip: list[tuple[int, int]] = field(default_factory=list)  # spans repeating text read elsewhere


@dataclass
class EntryResult:
    entry_id: int
    document_id: int
    events: list[Event]
    mentions: list[Mention]


@dataclass
class _Sentence:
    text: str
    start: int  # offset in the entry text; None-like -1 for the headline
    paragraph: str
    ents: list[tuple[int, int, str]]
    local: int = 0  # offset in its paragraph


class Extractor:
    """Holds the loaded models; `run` streams results in input order."""

    def __init__(self, nlp=None, gazetteer=None):
        self.nlp = nlp if nlp is not None else load_nlp()
        self.gazetteer = gazetteer if gazetteer is not None else load_gazetteer()

    def run(self, items: Iterable[EntryInput], batch_size: int = 32) -> Iterator[EntryResult]:
        batch: list[EntryInput] = []
        for item in items:
            batch.append(item)
            if len(batch) >= batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def extract(self, item: EntryInput) -> EntryResult:
        return next(iter(self._run_batch([item])))

    # -- one batch: spaCy over every paragraph at once, then rules per sentence ------------------

    def _run_batch(self, batch: list[EntryInput]) -> Iterator[EntryResult]:
        pieces: list[tuple[str, tuple[int, int, int, str]]] = []
        for index, item in enumerate(batch):
            for start, paragraph in _paragraphs(item):
                for offset, piece in chunks(paragraph):
                    pieces.append((piece, (index, start, offset, paragraph)))
            if not item.text.strip() and item.headline:
                pieces.append((item.headline, (index, -1, 0, item.headline)))
        sentences: list[list[_Sentence]] = [[] for _ in batch]
        for doc, (index, start, offset, paragraph) in self.nlp.pipe(pieces, as_tuples=True, batch_size=64):
            for sent in doc.sents:
                text = sent.text
                if not text.strip():
                    continue
                base = sent.start_char
                ents = [(e.start_char - base, e.end_char - base, e.label_) for e in sent.ents]
                local = offset + base
                where = -1 if start < 0 else start + local
                sentences[index].append(_Sentence(text, where, paragraph, ents, local))
        for item, item_sentences in zip(batch, sentences):
            yield self._entry(item, item_sentences)

    def _entry(self, item: EntryInput, sentences: list[_Sentence]) -> EntryResult:
        events: list[Event] = []
        mentions: list[Mention] = []
        context = PlaceContext()
        headline_place = None
        if item.headline:
            named = place_rules.find_places(item.headline, self.gazetteer)
            headline_place = place_rules.event_place(item.headline, named, gazetteer=self.gazetteer)
            context = PlaceContext.from_mentions(named)
        last_place: PlaceMention | None = None
        last_paragraph: str | None = None
        carried: DateRef | None = None  # the paragraph's last event date of its own
        for sentence in sentences:
            if sentence.paragraph is not last_paragraph:
                last_place, last_paragraph, carried = None, sentence.paragraph, None
            found = self._sentence(sentence, item, last_place or headline_place, context, carried)
            if found.place_mention is not None:
                last_place = found.place_mention
            if date_rules.carries(found.own_date, item.anchor):
                carried = found.own_date
            if found.places:
                context = PlaceContext.from_mentions(found.places, context)
            events.extend(found.events)
            if sentence.start >= 0:
                mentions.extend(found.mentions)
        events = _unique(events)
        _link_previous(events)
        _carry_organisations(events)
        return EntryResult(item.entry_id, item.document_id, events, mentions)

    def _sentence(
        self, sentence: _Sentence, item: EntryInput, inherited: PlaceMention | None, context: PlaceContext,
        carried: DateRef | None = None,
    ) -> "_Found":
        text, ents = sentence.text, sentence.ents
        matches = type_rules.classify(text)
        places = place_rules.find_places(text, self.gazetteer, context)
        figures = figure_rules.find_figures(text)
        actors = actor_rules.find_actors(text, ents=ents, context=sentence.paragraph[: sentence.local] or None)
        weapons = weapon_rules.find_weapons(text)
        own = place_rules.event_place(text, places, context, self.gazetteer) if places else None
        found = _Found(places=places, place_mention=own)
        found.mentions = _mentions(sentence.start, places, figures, actors, weapons)
        if not matches:
            return found
        attribution = attribution_rules.find_attribution(text, sentence.paragraph, ents=ents)
        certainty = certainty_rules.certainty(text, sentence.paragraph, attribution)
        dates = date_rules.sentence_dates(text, item.anchor)
        found.own_date = dates.event
        when = dates.event or carried or _no_later_than(dates.said, item.anchor)
        if inherited is not None and inherited.place.precision in (Precision.COUNTRY, Precision.REGION):
            inherited = None
        where = own or inherited
        weapon = weapons[0].name if weapons else None
        share = _share_figures(matches, figures)
        # Offsets in the entry text; -1 for an event read from the headline.
        start = sentence.start
        end = start + len(text) if start >= 0 else -1
        said = dates.said or _said_on(item.anchor)
        span = dates.period
        # "struck Kramatorsk, Zaporizhzhia and Kherson": one event per place struck; a running total
        # ("have shelled Kharkiv and Sumy since February") stays one.
        together = (targets.struck_together(text, places, own, self.gazetteer.capitals)
                    if own is not None and span is None and any(m.type in SPLIT_TYPES for m in matches) else [])
        for match, own_figures in zip(matches, share):
            if match.type in DATED_WHEN_SAID and said:
                day = said
            elif span and (match.subtype in CUMULATIVE_SUBTYPES or PERFECT.search(text)):
                day = span
            else:
                day = when
            event = Event(
                type=match.type,
                subtype=match.subtype,
                evidence=text,
                date=day,
                place=where.place if where and match.type not in DATED_WHEN_SAID else None,
                places=list(places),
                actors=list(actors),
                figures=own_figures,
                weapon=weapon,
                attribution=attribution,
                certainty=certainty,
                start=start,
                end=end,
            )
            found.events.append(event)
            if together and match.type in SPLIT_TYPES:
                found.events.extend(_struck_with(event, together, text))
        return found


@dataclass
class _Found:
    events: list[Event] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    place_mention: PlaceMention | None = None
    places: list[PlaceMention] = field(default_factory=list)
    own_date: DateRef | None = None  # the event date the sentence itself gives


# "Moscow previously said 63 soldiers were killed": a figure given as an earlier value.
PREVIOUS_CUE = re.compile(
    r"\b(?:previously|earlier|initially|at first|first reported|had (?:said|reported|put)|before that)\b", re.I
)


def _struck_with(event: Event, together: list[tuple[PlaceMention, int]], text: str) -> list[Event]:
    """The events at the other places struck with `event`'s (resolve.targets), each with the figures
    given to that place alone ("and three in Nikopol"), which leave `event`.  A figure for the whole
    list ("killed 5 people in Kramatorsk and Sloviansk") stays with `event` only: copied onto every
    place, it would be counted once per place."""
    others = []
    for mention, gap_start in together[1:]:
        tied = [f for f in event.figures if gap_start <= f.start and f.end <= mention.start
                and TIED_BEFORE.match(text[f.end:mention.start])]
        if tied:
            event.figures = [f for f in event.figures if not any(f is t for t in tied)]
        others.append(replace(event, place=mention.place, figures=tied, places=list(event.places),
                              actors=list(event.actors)))
    return others


def _link_previous(events: list[Event]) -> None:
    """A later sentence of the entry that gives an earlier value of a figure ("Moscow previously
    said 63") becomes the `previous` of the latest figure of that measure before it."""
    for index, event in enumerate(events):
        if not PREVIOUS_CUE.search(event.evidence):
            continue
        for old in event.figures:
            if old.value is None:
                continue
            for earlier in reversed(events[:index]):
                if earlier.evidence == event.evidence:
                    continue
                match = next(
                    (f for f in earlier.figures if f.measure == old.measure and f.previous is None
                     and f.value is not None and f.value != old.value and f.group == old.group),
                    None,
                )
                if match is not None:
                    revised = replace(match, previous=old.value)
                    for other in events:
                        other.figures = [revised if f is match else f for f in other.figures]
                    break


def _carry_organisations(events: list[Event]) -> None:
    """A person quoted by surname alone ("Reva said") takes the full name the entry gave earlier
    ("Mayor Oleksii Reva"); one quoted without an organisation takes the organisation the entry
    gave them earlier, else the one organisation the entry cites, if it cites only one."""
    full_names: dict[str, str] = {}
    by_person: dict[str, str] = {}
    cited: set[str] = set()
    for event in events:
        attribution = event.attribution
        if attribution is None:
            continue
        person, organisation = attribution.person, attribution.organisation
        if person:
            key = _surname(person)
            if " " in person.strip():
                full_names.setdefault(key, person)
            else:
                person = full_names.get(key, person)
            organisation = organisation or by_person.get(key)
            if organisation:
                by_person.setdefault(key, organisation)
        if organisation:
            cited.add(organisation)
        elif person and len(cited) == 1:
            organisation = next(iter(cited))
        if (person, organisation) != (attribution.person, attribution.organisation):
            event.attribution = replace(attribution, person=person, organisation=organisation)


def _surname(person: str) -> str:
    return person.split()[-1].lower()


def _no_later_than(said: DateRef | None, anchor: datetime | date | None) -> DateRef | None:
    """The date of an event its sentence gives no date of: the entry's day, or where the sentence
    reports what was said on an earlier day ("In October, Macron said Paris would ...") that day,
    since what was said then cannot have happened later."""
    today = _said_on(anchor)
    if said is not None and today is not None and said.end < today.start:
        return said
    return today


def _said_on(anchor: datetime | date | None) -> DateRef | None:
    if anchor is None:
        return None
    day = anchor.date() if isinstance(anchor, datetime) else anchor
    return DateRef(day, day, "")


def _paragraphs(item: EntryInput) -> Iterator[tuple[int, str]]:
    """(offset, text) of each paragraph worth reading: not a repeat, not in another script."""
    offset = 0
    for paragraph in item.text.split("\n"):
        start, end = offset, offset + len(paragraph)
        offset = end + 1
        if not paragraph.strip():
            continue
        if any(s <= start and end <= e for s, e in item.skip):
            continue
        if _latin_share(paragraph) < MIN_LATIN_SHARE:
            continue
        yield start, paragraph


def _latin_share(text: str) -> float:
    letters = [c for c in text[:2000] if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if c.isascii()) / len(letters)


def _share_figures(matches: list, figures: list[Figure]) -> list[list[Figure]]:
    """Give each figure to the events of the sentence that count it: the event its item names
    (ITEM_SUBTYPES), else every event whose type counts the measure (types.FIGURE_MEASURES), else the
    first event.  `matches` are the sentence's classify.TypeMatch results, one event each."""
    shares: list[list[Figure]] = [[] for _ in matches]
    if not matches:
        return shares
    if len(matches) == 1:
        shares[0] = list(figures)
        return shares
    subtypes = [m.subtype for m in matches]
    for figure in figures:
        named = _item_subtype(figure)
        if named in subtypes:
            shares[subtypes.index(named)].append(figure)
            continue
        taken = False
        for index, match in enumerate(matches):
            measures = FIGURE_MEASURES.get(match.subtype) or FIGURE_MEASURES.get(match.type) or ()
            if figure.measure in measures:
                shares[index].append(figure)
                taken = True
        if not taken:
            shares[0].append(figure)
    return shares


def _item_subtype(figure: Figure) -> str | None:
    if not figure.item or figure.measure != "strikes":
        return None
    for pattern, subtype in ITEM_SUBTYPES:
        if pattern.search(figure.item):
            return subtype
    return None


def _unique(events: list[Event]) -> list[Event]:
    """One event per subtype, place and sentence: two cues for the same thing are one event."""
    seen: set[tuple] = set()
    kept = []
    for event in events:
        place = (event.place.geonameid, event.place.name) if event.place else None
        key = (event.subtype, place, event.start, event.evidence)
        if key in seen:
            continue
        seen.add(key)
        kept.append(event)
    return kept


def _mentions(
    base: int,
    places: list[PlaceMention],
    figures: list[Figure],
    actors: list[ActorMention],
    weapons: list,
) -> list[Mention]:
    if base < 0:
        return []
    found = [Mention("place", base + p.start, base + p.end, p.text, p.place.as_dict()) for p in places]
    found += [
        Mention(
            "figure", base + f.start, base + f.end, f.text,
            {"measure": f.measure, "value": f.value, "low": f.low, "high": f.high, "group": f.group, "item": f.item},
        )
        for f in figures
    ]
    found += [
        Mention("actor", base + a.start, base + a.end, a.text, {"id": a.actor.id, "name": a.actor.name, "role": a.role})
        for a in actors
    ]
    found += [
        Mention("weapon", base + w.start, base + w.end, w.text, {"name": w.name, "class": w.weapon_class})
        for w in weapons
    ]
    return sorted(found, key=lambda m: (m.start, m.end))
