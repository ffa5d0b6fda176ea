"""Clean entries: normalise whitespace, drop empty paragraphs, and set the role of paragraphs a
reader left as plain text (captions, embedded posts, furniture, quotes) so that only what a
journalist wrote, and the speech they quote, reaches extraction."""

from __future__ import annotations

import re

from .model import Document, Entry, Paragraph, Role
from .textshape import caption_lines, embed_lines, normalise_space

FURNITURE_RE = re.compile(
    r"^(?:more (?:details|to follow|soon|on this (?:shortly|soon))\b.{0,20}"
    r"|this (?:blog|live blog) is (?:now )?closed\b.{0,60}"
    r"|(?:read|see) (?:more|also|our)\b.{0,100}:\s*$"
    r"|(?:follow|sign up|subscribe)\b.{0,80}(?:newsletter|live|here).{0,20}"
    r"|advertisement|skip past newsletter promotion|after newsletter promotion)$",
    re.IGNORECASE,
)
RELATED_RE = re.compile(r"^(?:related|read more|see also|explainer|analysis|opinion)\s*[:|–-]\s*\S", re.IGNORECASE)


def clean_paragraphs(paragraphs: list[Paragraph]) -> list[Paragraph]:
    kept = []
    for paragraph in paragraphs:
        text = normalise_space(paragraph.text)
        if text:
            kept.append(Paragraph(text, role=paragraph.role, bullet=paragraph.bullet))
    texts = [p.text for p in kept]
    captions = caption_lines(texts)
    embeds = embed_lines(texts)
    for index, paragraph in enumerate(kept):
        if paragraph.role is not Role.TEXT:
            continue
        if index in captions:
            paragraph.role = Role.CAPTION
        elif index in embeds:
            paragraph.role = Role.EMBED
        elif RELATED_RE.match(paragraph.text):
            paragraph.role = Role.RELATED
        elif FURNITURE_RE.match(paragraph.text):
            paragraph.role = Role.BOILERPLATE
        elif index > 0 and _introduces_quote(kept[index - 1]):
            paragraph.role = Role.QUOTE
    return kept


def _introduces_quote(previous: Paragraph) -> bool:
    """'RIA quotes him saying:' or 'Reuters reports:' sets the next paragraph apart as speech."""
    return previous.role is Role.TEXT and not previous.bullet and previous.text.endswith(":")


def clean_entry(entry: Entry) -> Entry:
    entry.paragraphs = clean_paragraphs(entry.paragraphs)
    if entry.headline is not None:
        entry.headline = normalise_space(entry.headline) or None
    return entry


def clean(doc: Document) -> Document:
    """Clean every entry in place; entries left with no paragraphs at all are dropped."""
    doc.entries = [clean_entry(entry) for entry in doc.entries]
    doc.entries = [entry for entry in doc.entries if entry.paragraphs]
    for field in ("title", "standfirst", "source"):
        value = getattr(doc, field)
        if value is not None:
            setattr(doc, field, normalise_space(value) or None)
    doc.extras = clean_paragraphs(doc.extras)
    return doc
