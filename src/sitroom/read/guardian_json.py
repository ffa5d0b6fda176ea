"""Guardian live blogs as JSON, in the three shapes found in the wild: the Open Platform content
API (`response.content.blocks.body`), a simplified export (`blocks` with `text` and epoch
milliseconds) and the front end's article model (`blocks` with typed `elements`).

JSON keeps what a saved page blurs: block ids, exact publication times, the key-event and summary
flags, and images, tweets and rich links as separate elements, so roles need no guessing.
"""

from __future__ import annotations

import html as htmllib
import json
from typing import Any

from ..model import Document, Entry, EntryKind, Paragraph, Role
from .htmlblocks import (
    chronological,
    from_epoch,
    html_to_text,
    paragraphs_from_html,
    paragraphs_from_lines,
    parse_when,
    standfirst_from_html,
)

SOURCE = "The Guardian"
NOT_GUARDIAN = "JSON is not a Guardian live blog (no blocks found)"


def _load(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise ValueError("invalid JSON: nested too deeply to read") from None


def _shape(data: Any) -> str | None:
    """Which of the three shapes `data` has: 'api', 'simple', 'frontend', or None."""
    if not isinstance(data, dict):
        return None
    response = data.get("response")
    if isinstance(response, dict) and isinstance(response.get("content"), dict):
        content = response["content"]
        if isinstance(content.get("blocks"), dict) or isinstance(content.get("fields"), dict):
            return "api"
    blocks = data.get("blocks")
    if not isinstance(blocks, list):
        return None
    dicts = [block for block in blocks if isinstance(block, dict)]
    if any(isinstance(block.get("elements"), list) for block in dicts):
        return "frontend"
    if any("attributes" in block or "text" in block for block in dicts):
        return "simple"
    if not blocks and ("webURL" in data or "headline" in data):
        return "simple"  # a live blog with no blocks yet: read() says so
    return None


def sniff(text: str) -> float:
    head = text.lstrip()[:1]
    if head != "{":
        return 0.0
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return 0.3 if '"blocks"' in text[:200000] else 0.05
    return 0.95 if _shape(data) else 0.1


# ---------------------------------------------------------------- shared block pieces


def _kind(attributes: Any, default: EntryKind = EntryKind.UPDATE) -> EntryKind:
    if isinstance(attributes, dict) and attributes.get("summary"):
        return EntryKind.SUMMARY
    return default


def _key_event(attributes: Any) -> bool:
    return bool(isinstance(attributes, dict) and attributes.get("keyEvent"))


def _headline(value: Any) -> str | None:
    return html_to_text(value) or None if isinstance(value, str) else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _finish(doc: Document, page_order: list[Entry]) -> Document:
    doc.entries = chronological(page_order)
    if not doc.entries:
        raise ValueError("Guardian JSON has blocks but none of them is published")
    return doc


# ---------------------------------------------------------------- (i) content API


def _api_block(block: dict, default_kind: EntryKind) -> Entry | None:
    """One content-API block; None for an unpublished draft."""
    if block.get("published") is False:
        return None
    paragraphs = paragraphs_from_html(block.get("bodyHtml") or "")
    if not paragraphs and _text(block.get("bodyTextSummary")):
        paragraphs = paragraphs_from_lines(block["bodyTextSummary"].splitlines())
    posted = next(
        (parse_when(block.get(key)) for key in ("firstPublishedDate", "publishedDate", "createdDate") if block.get(key)),
        None,
    )
    return Entry(
        kind=_kind(block.get("attributes"), default_kind),
        paragraphs=paragraphs,
        headline=_headline(block.get("title")),
        posted_at=posted,
        updated_at=parse_when(block.get("lastModifiedDate")),
        key_event=_key_event(block.get("attributes")),
        native_id=_text(block.get("id")),
    )


def _read_api(data: dict) -> Document:
    content = data["response"]["content"]
    fields = content.get("fields") if isinstance(content.get("fields"), dict) else {}
    doc = Document(
        format="guardian_json",
        title=html_to_text(fields.get("headline") or content.get("webTitle")) or None,
        url=_text(content.get("webUrl")),
        source=SOURCE,
        standfirst=standfirst_from_html(fields.get("standfirst")),
        published_at=parse_when(fields.get("firstPublicationDate") or content.get("webPublicationDate")),
        updated_at=parse_when(fields.get("lastModified")),
        language=_text(fields.get("lang")),
    )
    is_article = content.get("type") not in (None, "liveblog")
    default_kind = EntryKind.ARTICLE if is_article else EntryKind.UPDATE
    blocks = content.get("blocks") if isinstance(content.get("blocks"), dict) else {}
    body = [b for b in blocks.get("body") or [] if isinstance(b, dict)]
    if not body:
        return _api_without_blocks(doc, fields)
    entries = [entry for entry in (_api_block(b, default_kind) for b in body) if entry is not None]
    skipped = len(body) - len(entries)
    if skipped:
        doc.warnings.append(f"skipped {skipped} unpublished block{'s' if skipped != 1 else ''}")
    return _finish(doc, entries)


def _api_without_blocks(doc: Document, fields: dict) -> Document:
    """An API response asked for without `show-blocks`: the body field as one article entry."""
    paragraphs = paragraphs_from_html(fields.get("body") or "")
    if not paragraphs and _text(fields.get("bodyText")):
        paragraphs = paragraphs_from_lines(fields["bodyText"].splitlines())
    if not paragraphs:
        raise ValueError(NOT_GUARDIAN)
    doc.warnings.append("no blocks in the response (ask the API with show-blocks=all); read the body field")
    doc.entries = [
        Entry(kind=EntryKind.ARTICLE, paragraphs=paragraphs, headline=doc.title, posted_at=doc.published_at)
    ]
    return doc


# ---------------------------------------------------------------- (ii) simplified export


def _simple_block(block: dict) -> Entry:
    """Text is one paragraph a line, with HTML entities left escaped and a tweet's sign-off
    run onto the end of the tweet's line."""
    text = htmllib.unescape(block.get("text") or "")
    posted = from_epoch(block.get("firstPublished")) or from_epoch(block.get("createdOn"))
    return Entry(
        kind=_kind(block.get("attributes")),
        paragraphs=paragraphs_from_lines(text.splitlines()),
        headline=_headline(block.get("title")),
        posted_at=posted,
        updated_at=from_epoch(block.get("lastUpdated")),
        key_event=_key_event(block.get("attributes")),
        native_id=_text(block.get("id")),
    )


def _read_simple(data: dict) -> Document:
    doc = Document(
        format="guardian_json",
        title=html_to_text(data.get("headline") or data.get("webTitle")) or None,
        url=_text(data.get("webURL") or data.get("canonicalUrl")),
        source=SOURCE,
        standfirst=standfirst_from_html(data.get("standfirst_html") or data.get("standfirst")),
        published_at=parse_when(data.get("webPublicationDate")),
    )
    blocks = [b for b in data.get("blocks") or [] if isinstance(b, dict)]
    if not blocks:
        raise ValueError("Guardian live blog has no blocks")
    return _finish(doc, [_simple_block(b) for b in blocks if b.get("published") is not False])


# ---------------------------------------------------------------- (iii) front-end model


def _forced(paragraphs: list[Paragraph], role: Role) -> list[Paragraph]:
    for paragraph in paragraphs:
        paragraph.role = role
    return paragraphs


def _image_caption(element: dict) -> list[Paragraph]:
    data = element.get("data") if isinstance(element.get("data"), dict) else {}
    parts = [html_to_text(data.get("caption") or "")]
    if element.get("displayCredit", True):
        parts.append(html_to_text(data.get("credit") or ""))
    text = " ".join(part for part in parts if part)
    return [Paragraph(text, role=Role.CAPTION)] if text else []


def _rich_link(element: dict) -> list[Paragraph]:
    text = html_to_text(f"{element.get('prefix') or ''}{element.get('text') or ''}")
    return [Paragraph(text, role=Role.RELATED)] if text else []


def _quote(element: dict) -> list[Paragraph]:
    paragraphs = paragraphs_from_html(element.get("html") or "")
    for paragraph in paragraphs:
        if paragraph.role is Role.TEXT:
            paragraph.role = Role.QUOTE
    return paragraphs


def _element_paragraphs(element: Any, depth: int = 0) -> list[Paragraph]:
    """Paragraphs of one typed element; unknown types give nothing unless they nest elements."""
    if not isinstance(element, dict) or depth > 20:
        return []
    kind = str(element.get("_type") or "").rsplit(".", 1)[-1]
    if kind in ("TextBlockElement", "SubheadingBlockElement"):
        return paragraphs_from_html(element.get("html") or "")
    if kind == "ImageBlockElement":
        return _image_caption(element)
    if kind in ("TweetBlockElement", "EmbedBlockElement", "InstagramBlockElement", "SocialMediaEmbedBlockElement"):
        return _forced(paragraphs_from_html(element.get("html") or element.get("alt") or ""), Role.EMBED)
    if kind == "RichLinkBlockElement":
        return _rich_link(element)
    if kind == "BlockquoteBlockElement":
        return _quote(element)
    nested = list(element.get("elements") or [])
    for item in element.get("items") or []:
        if isinstance(item, dict):
            nested.extend(item.get("elements") or [])
    return [p for child in nested for p in _element_paragraphs(child, depth + 1)]


def _frontend_block(block: dict) -> Entry:
    elements = block.get("elements") or []
    posted = from_epoch(block.get("blockFirstPublished")) or from_epoch(block.get("blockCreatedOn"))
    return Entry(
        kind=_kind(block.get("attributes")),
        paragraphs=[p for element in elements for p in _element_paragraphs(element)],
        headline=_headline(block.get("title")),
        posted_at=posted,
        updated_at=from_epoch(block.get("blockLastUpdated")),
        key_event=_key_event(block.get("attributes")),
        native_id=_text(block.get("id")),
    )


def _frontend_blocks(data: dict) -> tuple[list[dict], int]:
    """The page's blocks, then the pinned post and the key events that the page shows from its
    other pages (full blocks too), each once; with how many came from outside `blocks`."""
    blocks = [b for b in data.get("blocks") or [] if isinstance(b, dict)]
    seen = {b.get("id") for b in blocks}
    extra = [data.get("pinnedPost")] + list(data.get("keyEvents") or [])
    added = 0
    for block in extra:
        if isinstance(block, dict) and isinstance(block.get("elements"), list) and block.get("id") not in seen:
            seen.add(block.get("id"))
            blocks.append(block)
            added += 1
    return blocks, added


def _read_frontend(data: dict) -> Document:
    open_graph = data.get("openGraphData") if isinstance(data.get("openGraphData"), dict) else {}
    doc = Document(
        format="guardian_json",
        title=html_to_text(data.get("headline") or data.get("webTitle")) or None,
        url=_text(data.get("canonicalUrl") or data.get("webURL")),
        source=SOURCE,
        standfirst=standfirst_from_html(data.get("standfirst")),
        published_at=parse_when(data.get("webPublicationDate")),
        updated_at=parse_when(open_graph.get("article:modified_time")),
        language=_text(data.get("lang")),
    )
    blocks, added = _frontend_blocks(data)
    pagination = data.get("pagination") if isinstance(data.get("pagination"), dict) else {}
    if (pagination.get("totalPages") or 1) > 1:
        doc.warnings.append(
            f"page {pagination.get('currentPage', '?')} of {pagination['totalPages']} of the live blog: "
            f"read its own blocks and {added} pinned or key-event block(s) it shows from other pages"
        )
    return _finish(doc, [_frontend_block(b) for b in blocks])


def read(text: str) -> Document:
    data = _load(text)
    shape = _shape(data)
    if shape == "api":
        return _read_api(data)
    if shape == "frontend":
        return _read_frontend(data)
    if shape == "simple":
        return _read_simple(data)
    raise ValueError(NOT_GUARDIAN)
