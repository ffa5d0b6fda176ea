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
