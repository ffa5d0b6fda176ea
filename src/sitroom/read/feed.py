"""RSS 2.0, RSS 1.0 and Atom feeds, through feedparser: one Document per item, because an item is
its own story with its own link, time and identity, whatever feed it came in.

feedparser reads the many dialects and broken feeds found in the wild; this module only decides
what to keep.  The text is handed over as a stream of UTF-8 bytes, never as a string, because
feedparser treats a string as a URL or a file name when it looks like one.
"""

from __future__ import annotations

import io
import re
import time
from datetime import datetime, timezone

import feedparser

from ..model import Document, Entry, EntryKind, Paragraph
from ..textshape import normalise_space
from .htmlblocks import html_to_text, paragraphs_from_html, paragraphs_from_lines

XML_DECLARATION_RE = re.compile(r"^(\s*<\?xml[^>]*?encoding\s*=\s*)([\"'])[^\"']*\2", re.IGNORECASE)
ATOM_NS = "http://www.w3.org/2005/atom"
# feedparser flags these as bozo although the items are read as they should be.
HARMLESS_BOZO = ("CharacterEncodingOverride", "NonXMLContentType")


def sniff(text: str) -> float:
    head = text.lstrip("\ufeff \t\r\n")[:3000]
    if "<" not in head or head.startswith("{"):
        return 0.0  # every marker below is a tag
    head = head.lower()
    html_at = head.find("<html")
    for marker in ("<rss", "<rdf:rdf"):
        at = head.find(marker)
        if at >= 0 and (html_at < 0 or at < html_at):
            return 0.95
    at = head.find("<feed")
    if at >= 0 and (html_at < 0 or at < html_at):
        return 0.95 if ATOM_NS in head else 0.6
    if "<channel" in head and "<item" in text[:20000].lower():
        return 0.5
    return 0.0


def _as_utf8_bytes(text: str) -> bytes:
    """The text is already decoded: say so in the XML declaration, so feedparser does not decode
    it a second time with the encoding the file was saved in."""
    return XML_DECLARATION_RE.sub(r"\1\2utf-8\2", text.lstrip("\ufeff"), count=1).encode("utf-8")


def _utc(parsed: time.struct_time | None) -> datetime | None:
    """feedparser gives times as UTC struct_time."""
    if not parsed:
        return None
    try:
        return datetime(*parsed[:6], tzinfo=timezone.utc)
    except (TypeError, ValueError):
        return None


def _problem(result) -> str:
    """feedparser's complaint, with "<unknown>:12:4: mismatched tag" made readable."""
    exc = result.get("bozo_exception")
    message = str(exc).strip() if exc is not None else "unknown problem"
    match = re.match(r"^<unknown>:(\d+):(\d+):\s*(.*)$", message)
    if match:
        line, column, what = match.groups()
        return f"{what} at line {line}, column {int(column) + 1}"
    return message


def _item_paragraphs(item) -> tuple[list[Paragraph], str | None]:
    """Paragraphs from the fullest text the item has, and its summary when that is something else."""
    summary = item.get("summary") or ""
    contents = [c for c in item.get("content") or [] if (c.get("value") or "").strip()]
    if contents:
        body = contents[0]
        if "plain" in (body.get("type") or ""):
            paragraphs = paragraphs_from_lines(body["value"].splitlines())
        else:
            paragraphs = paragraphs_from_html(body["value"])
        standfirst = html_to_text(summary) if summary and summary.strip() != body["value"].strip() else None
        return paragraphs, standfirst or None
    return paragraphs_from_html(summary), None


def _title(item) -> str | None:
    """Titles typed as text may hold a literal '<'; only HTML titles are parsed as markup."""
    raw = item.get("title") or ""
    kind = (item.get("title_detail") or {}).get("type") or ""
    return (html_to_text(raw) if "html" in kind else normalise_space(raw)) or None


def _document(item, feed_info) -> Document | None:
    """One item as a Document, or None when it has neither a title nor any text."""
    title = _title(item)
    paragraphs, standfirst = _item_paragraphs(item)
    if not title and not paragraphs:
        return None
    # dict.get: feedparser's own get() answers `updated` with the published time when there is none.
    published = _utc(dict.get(item, "published_parsed"))
    updated = _utc(dict.get(item, "updated_parsed"))
    item_id = item.get("id") or item.get("guid") or None
    entry = Entry(
        kind=EntryKind.ARTICLE,
        paragraphs=paragraphs,
        headline=title,
        posted_at=published or updated,
        updated_at=updated,
        native_id=item_id or item.get("link") or None,
    )
    return Document(
        format="feed",
        title=title,
        url=item.get("link") or item_id,
        source=html_to_text(feed_info.get("title")) or None,
        standfirst=standfirst,
        published_at=published,
        updated_at=updated,
        language=item.get("language") or feed_info.get("language") or None,
        entries=[entry],
    )


def read_feed(text: str) -> list[Document]:
    result = feedparser.parse(io.BytesIO(_as_utf8_bytes(text)), sanitize_html=False, resolve_relative_uris=False)
    items = result.get("entries") or []
    bozo = bool(result.get("bozo")) and type(result.get("bozo_exception")).__name__ not in HARMLESS_BOZO
    if not items:
        if bozo:
            raise ValueError(f"malformed feed: {_problem(result)}")
        if not result.get("version"):
            raise ValueError("not an RSS or Atom feed (no channel or feed element)")
        raise ValueError("feed has no items")
    documents: list[Document] = []
    skipped: list[int] = []
    for number, item in enumerate(items, start=1):
        doc = _document(item, result.get("feed") or {})
        if doc is None:
            skipped.append(number)
        else:
            documents.append(doc)
    if not documents:
        raise ValueError(f"feed has {len(items)} item(s) but none with a title or text")
    if bozo:
        documents[0].warnings.append(
            f"feed is not well-formed ({_problem(result)}); read the {len(items)} item(s) feedparser recovered"
        )
    if skipped:
        numbers = ", ".join(str(n) for n in skipped)
        documents[0].warnings.append(f"skipped item(s) {numbers}: no title and no text")
    return documents
