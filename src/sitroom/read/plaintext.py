"""The fallback for text in no known layout: an article whose first line is its title and whose
paragraphs are separated by blank lines (or are one a line when there are none)."""

from __future__ import annotations

import re

from ..model import Document, Entry, EntryKind, Paragraph
from ..textshape import strip_bullet


def sniff(text: str) -> float:
    return 0.1  # anything that is text can be read this way; every other reader outranks it


def read(text: str, day=None) -> Document:
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]
    if len(blocks) == 1:
        blocks = [line.strip() for line in blocks[0].splitlines() if line.strip()]
    if not blocks:
        raise ValueError("no text")
    title = blocks[0] if len(blocks) > 1 and len(blocks[0]) <= 200 else None
    body = blocks[1:] if title else blocks
    paragraphs = []
    for block in body:
        for line in block.splitlines() if _is_list(block) else [block]:
            stripped, bullet = strip_bullet(line)
            paragraphs.append(Paragraph(" ".join(stripped.split()), bullet=bullet))
    entry = Entry(kind=EntryKind.ARTICLE, headline=title, paragraphs=paragraphs, posted_at=day)
    return Document(format="plain_text", title=title, published_at=day, entries=[entry])


def _is_list(block: str) -> bool:
    lines = block.splitlines()
    return len(lines) > 1 and all(strip_bullet(line)[1] for line in lines)
