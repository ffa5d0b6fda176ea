"""Plain data passed between stages: what a reader finds and what later stages annotate.

Every stage takes these objects and returns them (or new ones); none reaches into another
stage's internals.  They carry no database ids: the store assigns those.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum


class EntryKind(str, Enum):
    """What an entry is in its page: a page's own key points, a summary digest, an update, an article."""

    KEY_POINTS = "key_points"
    SUMMARY = "summary"
    UPDATE = "update"
    ARTICLE = "article"


class Role(str, Enum):
    """What a paragraph is for.  Only TEXT and QUOTE are analysed by later stages."""

    TEXT = "text"
    QUOTE = "quote"  # reported speech set apart by the page; analysed like text
    CAPTION = "caption"  # photo captions and credits
    EMBED = "embed"  # embedded social posts and their sign-off lines
    RELATED = "related"  # related-content cards, "read more" links
    BOILERPLATE = "boilerplate"  # contributors, sign-offs, page furniture

    @property
    def analysed(self) -> bool:
        return self in (Role.TEXT, Role.QUOTE)


@dataclass
class Paragraph:
    text: str
    role: Role = Role.TEXT
    bullet: bool = False
    # Set by dedupe: (entry index, paragraph index) within the same document, or a stored id.
    duplicate_of: "DuplicateRef | None" = None


@dataclass(frozen=True)
class DuplicateRef:
    """Points at the first occurrence: either inside the document being read or already stored."""

    entry_index: int | None = None  # index into Document.entries (chronological)
    paragraph_index: int | None = None
    stored_id: int | None = None  # id of a stored paragraph or entry
    similarity: float = 1.0


@dataclass
class Entry:
    kind: EntryKind
    paragraphs: list[Paragraph] = field(default_factory=list)
    headline: str | None = None
    posted_at: datetime | date | None = None
    updated_at: datetime | date | None = None
    key_event: bool = False
    # A stable identity within the document: the page's own block id when it has one.
    native_id: str | None = None
    duplicate_of: DuplicateRef | None = None

    @property
    def text(self) -> str:
        """The text later stages analyse: analysed paragraphs only, one per line."""
        return "\n".join(p.text for p in self.paragraphs if p.role.analysed)

    @property
    def raw_text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


@dataclass
class Document:
    """One page, file, feed item or API response, with its entries in chronological order."""

    format: str  # liveupdates_text | liveblog_text | html | feed | guardian_json
    title: str | None = None
    url: str | None = None
    source: str | None = None  # the outlet or account, where the input says
    standfirst: str | None = None
    published_at: datetime | date | None = None  # a date alone where the page gives no time
    updated_at: datetime | date | None = None
    language: str | None = None
    path: str | None = None  # where it was read from
    content_hash: str | None = None  # of the raw bytes the document came from
    entries: list[Entry] = field(default_factory=list)
    # Page furniture kept apart from entries: related links, contributors.
    extras: list[Paragraph] = field(default_factory=list)
    # Notes a reader wants a user to see (fallbacks taken, parts skipped).
    warnings: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        """What identifies this document across copies: its URL, else its title and date."""
        if self.url:
            return self.url
        when = self.published_at or self.updated_at
        day = when.date() if isinstance(when, datetime) else when
        return f"{(self.title or '').strip().lower()}|{day.isoformat() if day else ''}|{self.format}"


# --- What extraction and resolution add ---------------------------------------------------------
#
# extract finds mentions in an entry's sentences; resolve turns them into gazetteer points, canonical
# actors and calendar dates; the Event joins them.  Offsets are character offsets into the text the
# finder was given (a sentence, unless said otherwise).


class Precision(str, Enum):
    """How exactly a place pins down where something happened, finest first."""

    POINT = "point"  # a town, village or named site
    DISTRICT = "district"  # a raion / admin2 area
    OBLAST = "oblast"  # an admin1 area (oblast, krai, Crimea)
    REGION = "region"  # a named region that is no admin area: Donbas, the Black Sea
    COUNTRY = "country"


@dataclass(frozen=True)
class Place:
    name: str  # the gazetteer's own English name, e.g. "Makiivka"
    lat: float
    lon: float
    admin1: str | None = None  # e.g. "Donetsk Oblast"
    country: str | None = None  # ISO 3166-1 alpha-2, e.g. "UA"
    precision: Precision = Precision.POINT
    geonameid: int | None = None

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "lat": round(self.lat, 5),
            "lon": round(self.lon, 5),
            "admin1": self.admin1,
            "country": self.country,
            "precision": self.precision.value,
        }


@dataclass(frozen=True)
class PlaceMention:
    text: str  # as written: "Makeyevka", "Zaporizhzhia region"
    start: int
    end: int
    place: Place


@dataclass(frozen=True)
class Figure:
    """A number the text states about the war, with what it counts."""

    measure: str  # killed | injured | launched | intercepted | evacuated | ... (see extract.figures)
    value: float | None  # the stated value; None for a range with no single value
    low: float | None = None  # lower bound: "more than 70,000" -> low 70000
    high: float | None = None  # upper bound: "up to 10" -> high 10
    group: str | None = None  # civilians | soldiers | children | ...
    item: str | None = None  # what is counted where it is not people: "missiles", "Shahed drones", "airstrikes"
    text: str = ""
    start: int = 0
    end: int = 0
    unit: str | None = None  # "percent" where the figure is a share
    previous: float | None = None  # "89, up from 63" -> previous 63


class Certainty(str, Enum):
    CONFIRMED = "confirmed"  # an authority confirms it, or the reporter saw it
    REPORTED = "reported"  # stated as news by the outlet or an official source
    CLAIMED = "claimed"  # a party to the war says so about its own success or the enemy's losses
    UNVERIFIED = "unverified"  # flagged as not independently verified, unconfirmed, alleged
    DENIED = "denied"  # someone denies it


@dataclass(frozen=True)
class Attribution:
    organisation: str | None = None  # canonical where known: "Russian Ministry of Defence"
    person: str | None = None  # "Vitaliy Klitschko"
    text: str = ""  # the words that attribute: "Kyiv mayor Vitaliy Klitschko said"


@dataclass(frozen=True)
class Actor:
    id: str  # stable key: "ru_armed_forces"
    name: str  # "Russian armed forces"
    country: str | None = None  # ISO 3166-1 alpha-2
    sector: str = "military"  # military | government | civilians | international | media | armed_group | police


@dataclass(frozen=True)
class ActorMention:
    actor: Actor
    text: str
    start: int
    end: int
    role: str | None = None  # "actor" (who acted) | "target" (who or what was hit) | None


@dataclass(frozen=True)
class DateRef:
    """When a text says something happened, resolved against the time it was written."""

    start: date
    end: date  # equal to start for a single day
    text: str = ""  # the words that gave it: "on New Year's Eve", "overnight"


@dataclass
class Event:
    """One reported happening of one type in one place, from one sentence (or a few) of one entry."""

    type: str  # top level of sitroom.extract.types.EVENT_TYPES
    subtype: str  # second level
    evidence: str  # the sentence(s) it rests on
    date: DateRef | None = None
    place: Place | None = None
    places: list[PlaceMention] = field(default_factory=list)  # every place the evidence names
    actors: list[ActorMention] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    weapon: str | None = None
    attribution: Attribution | None = None
    certainty: Certainty = Certainty.REPORTED
    start: int = 0  # offsets of the evidence in the entry text (-1 when read from the headline)
    end: int = 0


@dataclass(frozen=True)
class Mention:
    """A span of an entry's text that extraction recognised, for showing the text with marks."""

    kind: str  # place | actor | figure | weapon | date | attribution
    start: int  # offsets in the entry's analysed text
    end: int
    text: str
    value: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass
class Incident:
    """The real-world happening behind one or more Events, across entries, documents and sources."""

    id: int
    type: str
    subtype: str
    title: str
    place: Place | None
    date_start: str | None  # ISO dates
    date_end: str | None
    first_reported: str | None  # when the earliest report of it was posted
    document_ids: list[int] = field(default_factory=list)
    sources: int = 0  # distinct outlets reporting it
    event_ids: list[int] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)  # the current claim per measure and source
    killed: float | None = None
    injured: float | None = None


@dataclass
class IncidentMember:
    """An event of an incident with what its summary and claims need of the report it came from."""

    event: dict  # the event record (the JSONL shape)
    reported_at: str | None  # when its entry was posted
    outlet: str  # the document's source, else its key
    date_text: str | None  # the words that dated it (None: dated by when it was reported)
    date_end: str | None
    place_text: str | None
    kind: str  # the entry's kind


@dataclass(frozen=True)
class Claim:
    """One figure about an incident from one attributed source at one time."""

    measure: str
    group: str | None
    value: float | None
    low: float | None
    high: float | None
    scope: str  # the place the figure covers: "54 of 69" across Ukraine is not "16" over Kyiv
    source: str  # who says it: an organisation or person, else the outlet
    side: str | None  # the country the source speaks for, when known
    reported_at: str | None
    entry_id: int
    event_id: int
    text: str
    previous: float | None = None  # the value the source gave before, when the text says so


@dataclass
class BriefPoint:
    text: str
    incident_id: int | None
    entry_ids: list[int]
    score: float


@dataclass
class Brief:
    """The key points of a day, each citing the entries it rests on."""

    date: str | None  # ISO date, or None for the whole store
    points: list[BriefPoint] = field(default_factory=list)


def plain_number(value: float | None) -> float | int | None:
    """A figure as JSON shows it: 89, not 89.0 (SQLite gives REALs back as floats)."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value
