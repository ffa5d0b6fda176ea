"""Plain-text copies of Guardian-style live blogs: title, "Last modified", standfirst, then
blocks newest first, each ending in an `Updated` line; "Summary" digests with bullets; photo
captions, embedded posts and a Contributors / Related Content trailer."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Callable

from ..model import Document, Entry, EntryKind, Paragraph, Role
from ..textshape import (
    caption_lines,
    embed_lines,
    ends_sentence,
    looks_like_headline,
    strip_bullet,
)

UPDATED_RE = re.compile(r"^\s*Updated(?:\s+at\s+[\d.:]+\s*\w*)?\s*$")
SUMMARY_RE = re.compile(r"^\s*(?:Summary|Key events|Recap|Round-?up)\b[^.!?]{0,40}$", re.IGNORECASE)
LAST_MODIFIED_RE = re.compile(
    r"^\s*Last modified:\s*(\d{1,2})\s*:\s*(\d{2})\s*(AM|PM)?\s*(?:GMT|UTC)?\s*([+-]\d{1,2})?", re.IGNORECASE
)
TRAILER_STARTS = ("Contributors", "Related Content", "The GuardianTramp")
BULLET_CHARS = "•●▪"
BULLETS = tuple(BULLET_CHARS)  # for str.startswith


def sniff(text: str) -> float:
    """Each test stops at the first (stripped) line that passes it: on a live blog that is
    near the top, so a long page is not matched line by line four times over."""
    lines = text.splitlines()[:4000]

    def any_line(test: Callable[[str], object], among: list[str] = lines) -> bool:
        return any(test(line.strip()) for line in among)

    score = 0.0
    if any_line(UPDATED_RE.match):
        score += 0.5
    if any_line(LAST_MODIFIED_RE.match, lines[:10]):
        score += 0.3
    if any_line(SUMMARY_RE.match):
        score += 0.2
    if any_line(lambda line: line.startswith(BULLETS)):
        score += 0.1
    if lines and "as it happened" in lines[0].strip():
        score += 0.2
    return min(score, 1.0)


def _last_modified(line: str, day) -> datetime | None:
    match = LAST_MODIFIED_RE.match(line)
    if not match or day is None:
        return None
    hour, minute, half, offset = match.groups()
    hour, minute = int(hour), int(minute)
    if half and half.upper() == "PM" and hour < 12:
        hour += 12
    if half and half.upper() == "AM" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    stamp = datetime(day.year, day.month, day.day, hour, minute, tzinfo=timezone.utc)
    if offset:
        from datetime import timedelta

        stamp -= timedelta(hours=int(offset))
    return stamp


def _split_trailer(lines: list[str]) -> tuple[list[str], list[Paragraph]]:
    """Cut the Contributors / Related Content furniture off the end of the page."""
    # The last `Updated` line, looked for from the end of the page, where it is.
    last_updated = next((i for i in range(len(lines) - 1, -1, -1) if UPDATED_RE.match(lines[i])), -1)
    for index in range(last_updated + 1, len(lines)):
        if lines[index].strip() in TRAILER_STARTS:
            extras: list[Paragraph] = []
            role = Role.BOILERPLATE
            for line in lines[index:]:
                if line.strip() == "Related Content":
                    role = Role.RELATED
                if line.strip():
                    extras.append(Paragraph(line.strip(), role=role))
            return lines[:index], extras
    return lines, []


def _blocks(paragraphs: list[str]) -> list[tuple[str | None, list[tuple[str, Role]]]]:
    """Split one `Updated`-delimited segment into blocks (headline, paragraphs with roles)."""
    captions = caption_lines(paragraphs)
    embeds = embed_lines(paragraphs)
    roles = [
        Role.CAPTION if i in captions else Role.EMBED if i in embeds else Role.TEXT for i in range(len(paragraphs))
    ]
    blocks: list[tuple[str | None, list[tuple[str, Role]]]] = []
    headline: str | None = None
    body: list[tuple[str, Role]] = []
    in_summary = False
    seen_bullet = False

    def flush() -> None:
        if headline is not None or body:
            blocks.append((headline, list(body)))

    for index, line in enumerate(paragraphs):
        role = roles[index]
        is_bullet = line.lstrip().startswith(BULLETS)
        starts_block = False
        new_summary = False
        if role is Role.TEXT and SUMMARY_RE.match(line) and not is_bullet:
            starts_block, new_summary = True, True
        elif role is Role.TEXT and in_summary and seen_bullet and not is_bullet:
            starts_block = True  # prose after a digest's bullets is the next block
        elif role is Role.TEXT and looks_like_headline(line) and index + 1 < len(paragraphs):
            previous_ok = not body or ends_sentence(body[-1][0]) or body[-1][1] is not Role.TEXT
            following = paragraphs[index + 1]
            starts_block = previous_ok and not looks_like_headline(following) and len(following) > len(line)
        if starts_block:
            flush()
            is_headline = new_summary or not (in_summary and seen_bullet and not looks_like_headline(line))
            headline = line.strip() if is_headline else None
            body = [] if is_headline else [(line, role)]
            in_summary, seen_bullet = new_summary, False
            continue
        if is_bullet:
            seen_bullet = True
        body.append((line, role))
    flush()
    return blocks


def read(text: str, day=None) -> Document:
    """`day` is the page's date where the caller knows it (from the file name); the text has none."""
    lines = [line.rstrip() for line in text.splitlines()]
    lines, extras = _split_trailer(lines)
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    if not nonblank:
        raise ValueError("no text before the trailer")
    doc = Document(format="liveblog_text", title=lines[nonblank[0]].strip(), extras=extras)
    doc.published_at = day
    cursor = nonblank[0] + 1
    rest = [i for i in nonblank if i >= cursor]
    has_header = bool(rest) and bool(LAST_MODIFIED_RE.match(lines[rest[0]]))
    if has_header:
        doc.updated_at = _last_modified(lines[rest[0]], day)
        rest = rest[1:]
    # The standfirst is the one paragraph between the header and the first block.
    if (
        len(rest) > 1
        and not UPDATED_RE.match(lines[rest[0]])
        and not SUMMARY_RE.match(lines[rest[0]])
        and (has_header or SUMMARY_RE.match(lines[rest[1]]))
    ):
        doc.standfirst = lines[rest[0]].strip()
        rest = rest[1:]

    segments: list[list[str]] = [[]]
    for i in rest:
        if UPDATED_RE.match(lines[i]):
            segments.append([])
        else:
            segments[-1].append(lines[i].strip())

    newest_first: list[Entry] = []
    for segment in segments:
        for headline, body in _blocks(segment):
            summary = headline is not None and bool(SUMMARY_RE.match(headline))
            paragraphs = []
            for line, role in body:
                stripped, bullet = strip_bullet(line)
                paragraphs.append(Paragraph(stripped, role=role, bullet=bullet))
            kind = EntryKind.SUMMARY if summary else EntryKind.UPDATE
            newest_first.append(Entry(kind=kind, headline=headline, paragraphs=paragraphs))
    doc.entries = [entry for entry in reversed(newest_first) if entry.paragraphs]
    for entry in doc.entries:
        entry.posted_at = day  # the page gives no times; its day is the best we know
    if not doc.entries:
        raise ValueError("found no entries between the header and the trailer")
    return doc
