"""Plain-text live-updates pages: a `date YYYY-MM-DD Title` line, key-point bullets, then
sections each under a Title Case headline, one paragraph a line."""

from __future__ import annotations

import re
from datetime import date

from ..model import Document, Entry, EntryKind, Paragraph
from ..textshape import is_title_case, looks_like_headline, strip_bullet

FIRST_LINE_RE = re.compile(r"^\s*date\s+(\d{4})-(\d{2})-(\d{2})\s+(\S.*?)\s*$", re.IGNORECASE)
SNIFF_HEAD = 4096  # characters split into lines first when looking for the first line


def sniff(text: str) -> float:
    return 1.0 if FIRST_LINE_RE.match(first_line(text)) else 0.0


def first_line(text: str) -> str:
    """The first line with any text on it.  The head of the page is split first, so that a long
    page is not split whole for its first line; the head's last line may be cut short, so it
    counts only when the whole page is searched."""
    complete = text[:SNIFF_HEAD].splitlines()[:-1]
    found = next((line for line in complete if line.strip()), None)
    if found is None:
        found = next((line for line in text.splitlines() if line.strip()), "")
    return found


def _is_section_headline(lines: list[str], index: int) -> bool:
    line = lines[index]
    if not (looks_like_headline(line, max_words=16) and is_title_case(line)):
        return False
    following = lines[index + 1] if index + 1 < len(lines) else ""
    # A headline leads into prose, not into another headline or the end of the page.
    return bool(following) and not (looks_like_headline(following, 16) and is_title_case(following))


def read(text: str) -> Document:
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    match = FIRST_LINE_RE.match(lines[0])
    if not match:
        raise ValueError("first line is not 'date YYYY-MM-DD Title'")
    year, month, day, title = match.groups()
    try:
        published = date(int(year), int(month), int(day))
    except ValueError:
        raise ValueError(f"first line has an impossible date {year}-{month}-{day}") from None
    doc = Document(format="liveupdates_text", title=title, published_at=published)

    body = lines[1:]
    key_points: list[Paragraph] = []
    index = 0
    while index < len(body):
        text, bullet = strip_bullet(body[index])
        if not bullet:
            break
        key_points.append(Paragraph(text, bullet=True))
        index += 1
    if key_points:
        doc.entries.append(Entry(kind=EntryKind.KEY_POINTS, headline="Key points", paragraphs=key_points))

    current: Entry | None = None
    for position in range(index, len(body)):
        line = body[position]
        if _is_section_headline(body, position):
            current = Entry(kind=EntryKind.UPDATE, headline=line)
            doc.entries.append(current)
            continue
        if current is None:  # prose before the first headline: the page's own lead
            current = Entry(kind=EntryKind.ARTICLE)
            doc.entries.append(current)
        text, bullet = strip_bullet(line)
        current.paragraphs.append(Paragraph(text, bullet=bullet))
    for entry in doc.entries:
        entry.posted_at = published
    if not doc.entries:
        raise ValueError("has a date line but no key points or sections under it")
    return doc
