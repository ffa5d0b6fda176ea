"""Saved web pages: live blogs and articles as a browser or a crawler saved them.

A live blog is read block by block, from the schema.org `LiveBlogPosting` the page declares for
search engines and from its own block markup; the markup wins where both hold a block, because it
keeps captions and embedded posts apart, while times are taken from whichever has them.  Any other
page is read as an article through trafilatura's main-text extraction, with a plain selectolax
walk of `<article>`/`<main>`/`<body>` behind it for pages trafilatura gives up on (tiny or
truncated ones).  Page furniture (navigation, cookie notices, share buttons) never reaches entries.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..model import Document, Entry, EntryKind, Paragraph
from ..textshape import normalise_space
from .htmlblocks import (
    chronological,
    html_to_text,
    paragraphs_from_html,
    paragraphs_from_node,
    parse_when,
    standfirst_from_html,
)
from .liveblog import SUMMARY_RE

SNIFF_MARKERS = (("<!doctype html", 0.95), ("<html", 0.9), ("<head", 0.7), ("<body", 0.7))
WEAK_MARKERS = ("<div", "<p>", "<p ", "<article", "<section", "<main")
STRONG_BLOCK_SELECTOR = (
    'article[id^="block-"], [data-block-id], .live-blog-post, .liveblog-entry, .live-update, '
    '[itemprop="liveBlogUpdate"]'
)
BLOCK_SELECTOR = STRONG_BLOCK_SELECTOR + ", .block"
KEY_EVENT_RE = re.compile(r"key-?event|is-key-event|key_event|pinned", re.IGNORECASE)
SUMMARY_CLASS_RE = re.compile(r"summary", re.IGNORECASE)
UPDATED_CLASS_RE = re.compile(r"updated|modified", re.IGNORECASE)
# A block's own time line, as text: "10.35 GMT", "Updated at 10.35 GMT", "9:05am".
TIME_LINE_RE = re.compile(
    r"^(?:(?:last\s+)?updated(?:\s+at)?\s*)?\d{1,2}[.:]\d{2}\s*(?:am|pm)?\s*(?:[A-Z]{2,5}(?:[+-]\d{1,2})?)?$",
    re.IGNORECASE,
)
BLOCK_FURNITURE = 'time, [class*="block-time"], [class*="timestamp"], [class*="published-time"]'
# Removed before text is taken, wherever they stand.
FURNITURE_TAGS = "nav, footer, button, form, script, style, noscript, template, select, [role=navigation], [hidden]"
# Removed when short: matched by loose class names, so a long element is content, not furniture.
FURNITURE_CLASSES = (
    '[class*="cookie"], [id*="cookie"], [class*="consent"], [class*="share"], [class*="social"], '
    '[class*="newsletter"], [class*="subscribe"], [class*="advert"], [class*="paywall"], [class*="banner"], '
    '[class*="breadcrumb"], [class*="skip-link"], [class*="comments"], [class*="signup"], [class*="sign-up"]'
)
ARTICLE_TYPES = ("LiveBlogPosting", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "Article", "BlogPosting")
TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ")


def sniff(text: str) -> float:
    head = text.lstrip("\ufeff \t\r\n")[:4000]
    if "<" not in head or head.startswith(("{", "[")):
        return 0.0  # every marker below is a tag
    head = head.lower()
    html_at = head.find("<html")
    for feed_marker in ("<rss", "<feed", "<rdf:rdf"):
        at = head.find(feed_marker)
        if at >= 0 and (html_at < 0 or at < html_at):
            return 0.1
    for marker, score in SNIFF_MARKERS:
        if marker in head:
            return score
    if any(marker in head for marker in WEAK_MARKERS):
        return 0.5
    return 0.0


# ---------------------------------------------------------------- page metadata


@dataclass
class Page:
    """What the head and JSON-LD say about the page, gathered once."""

    meta: dict[str, str] = field(default_factory=dict)
    ld: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def first_meta(self, *names: str) -> str | None:
        return next((self.meta[name] for name in names if self.meta.get(name)), None)

    def main_ld(self) -> dict:
        """The JSON-LD object describing the page itself: the live blog or article."""
        for wanted in ARTICLE_TYPES:
            for obj in self.ld:
                if wanted in _types(obj):
                    return obj
        return {}


def _types(obj: dict) -> set[str]:
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    return {str(v).rsplit("/", 1)[-1] for v in values if v}


def _meta_tags(tree: LexborHTMLParser) -> dict[str, str]:
    found: dict[str, str] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or attrs.get("http-equiv")
        value = attrs.get("content")
        if key and value and value.strip():
            found.setdefault(key.strip().lower(), normalise_space(value))
    for node in tree.css("link[rel]"):
        rel = (node.attributes.get("rel") or "").lower().split()
        if "canonical" in rel and node.attributes.get("href"):
            found.setdefault("canonical", node.attributes["href"].strip())
    return found


def _flatten_ld(value, out: list[dict], depth: int = 0) -> None:
    """Top-level JSON-LD objects, out of lists and `@graph`s (not out of other properties)."""
    if depth > 10:
        return
    if isinstance(value, list):
        for item in value:
            _flatten_ld(item, out, depth + 1)
    elif isinstance(value, dict):
        if "@type" in value:
            out.append(value)
        if isinstance(value.get("@graph"), list):
            _flatten_ld(value["@graph"], out, depth + 1)


def _json_ld(tree: LexborHTMLParser, warnings: list[str]) -> list[dict]:
    objects: list[dict] = []
    for number, node in enumerate(tree.css('script[type="application/ld+json"]'), start=1):
        raw = (node.text(deep=True) or "").strip()
        if not raw:
            continue
        try:
            _flatten_ld(json.loads(raw, strict=False), objects)
        except (json.JSONDecodeError, RecursionError) as exc:
            warnings.append(f"skipped JSON-LD script {number}: not valid JSON ({getattr(exc, 'msg', exc)})")
    return objects


def _strip_site(title: str, site: str | None) -> str:
    """'Headline | Outlet' -> 'Headline' when the tail names the outlet."""
    if not site:
        return title
    for separator in TITLE_SEPARATORS:
        head, sep, tail = title.rpartition(separator)
        if sep and head and tail.strip().lower() in (site.lower(), site.lower().removeprefix("the ")):
            return head.strip()
    return title


def _ld_text(value) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url") or value.get("name")
    return normalise_space(str(value)) if value else None


def _language(tree: LexborHTMLParser, page: Page, main: dict) -> str | None:
    root = tree.css_first("html")
    lang = root.attributes.get("lang") if root is not None else None
    lang = lang or page.first_meta("og:locale", "content-language", "language") or _ld_text(main.get("inLanguage"))
    return lang.strip().replace("_", "-") if lang and lang.strip() else None


def _first_time(tree: LexborHTMLParser) -> str | None:
    node = tree.css_first("time[datetime]")
    return node.attributes.get("datetime") if node is not None else None


def _best_time(*candidates: str | None):
    """The first candidate with a time of day, else the first bare date: pages often give a
    `date` meta with the day only beside a JSON-LD time to the second."""
    parsed = [when for when in (parse_when(c) for c in candidates if c) if when is not None]
    return next((when for when in parsed if isinstance(when, datetime)), parsed[0] if parsed else None)


def _standfirst(tree: LexborHTMLParser, page: Page, main: dict) -> str | None:
    node = tree.css_first('[data-gu-name="standfirst"], .standfirst, .article-standfirst, .article__standfirst')
    if node is not None:
        text = standfirst_from_html(node.html or "")
        if text:
            return text
    text = page.first_meta("og:description", "description", "twitter:description") or _ld_text(main.get("description"))
    return html_to_text(text) or None


def _metadata(tree: LexborHTMLParser, page: Page, url: str | None) -> Document:
    main = page.main_ld()
    publisher = main.get("publisher") if isinstance(main.get("publisher"), dict) else {}
    source = page.first_meta("og:site_name", "application-name") or _ld_text(publisher.get("name"))
    title_node = tree.css_first("title")
    h1 = tree.css_first("h1")
    title = (
        page.first_meta("og:title", "twitter:title")
        or _ld_text(main.get("headline"))
        or (_strip_site(html_to_text(title_node.text()), source) if title_node is not None else None)
        or (html_to_text(h1.text()) if h1 is not None else None)
    )
    return Document(
        format="html",
        title=html_to_text(title) or None,
        url=page.first_meta("canonical", "og:url") or _ld_text(main.get("url")) or url,
        source=source,
        standfirst=_standfirst(tree, page, main),
        published_at=_best_time(
            page.first_meta("article:published_time"),
            _ld_text(main.get("datePublished")),
            page.first_meta("datepublished", "date", "dc.date", "dcterms.created", "pubdate", "parsely-pub-date"),
            _first_time(tree),
        ),
        updated_at=_best_time(
            page.first_meta("article:modified_time", "og:updated_time"),
            _ld_text(main.get("dateModified")),
            page.first_meta("datemodified", "last-modified", "dcterms.modified"),
        ),
        language=_language(tree, page, main),
    )


# ---------------------------------------------------------------- (a) JSON-LD live updates


def block_id(value) -> str | None:
    """One form for a block's id wherever it comes from: `block-abc`, `#block-abc`,
    `https://…/live/page#block-abc` and `abc` all give `abc` (the Guardian JSON's own form)."""
    if not value:
        return None
    text = str(value).strip()
    if "#" in text:
        text = text.rsplit("#", 1)[1]
    elif urlsplit(text).scheme in ("http", "https"):
        return text
    text = text.removeprefix("block-")
    return text or None


def _same(a: str | None, b: str | None) -> bool:
    return bool(a and b) and normalise_space(a).lower() == normalise_space(b).lower()


def _ld_update(update: dict, page_title: str | None) -> Entry:
    headline = html_to_text(_ld_text(update.get("headline")) or "") or None
    if _same(headline, page_title):
        headline = None  # some outlets repeat the page's headline on every update
    body = update.get("articleBody") or update.get("text") or ""
    return Entry(
        kind=EntryKind.SUMMARY if headline and SUMMARY_RE.match(headline) else EntryKind.UPDATE,
        paragraphs=paragraphs_from_html(body if isinstance(body, str) else ""),
        headline=headline,
        posted_at=parse_when(_ld_text(update.get("datePublished"))),
        updated_at=parse_when(_ld_text(update.get("dateModified"))),
        native_id=block_id(update.get("@id") or update.get("url")),
    )


def _ld_entries(page: Page, page_title: str | None) -> list[Entry]:
    updates: list[dict] = []
    for obj in page.ld:
        if "LiveBlogPosting" in _types(obj):
            value = obj.get("liveBlogUpdate") or []
            updates.extend(u for u in (value if isinstance(value, list) else [value]) if isinstance(u, dict))
    entries = [_ld_update(update, page_title) for update in updates]
    stamps = {(e.posted_at, e.updated_at) for e in entries}
    if len(entries) > 1 and len(stamps) == 1:
        # Every update carrying one time means the page's time was copied onto them.
        for entry in entries:
            entry.posted_at = entry.updated_at = None
        page.warnings.append("JSON-LD gives every update the same time (the page's); those times are not used")
    return entries


# ---------------------------------------------------------------- (b) live-blog markup


def _ancestor_in(node: LexborNode, ids: set[int]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.mem_id in ids:
            return True
        parent = parent.parent
    return False


def _has_time(node: LexborNode) -> bool:
    return node.css_first("time, [itemprop=datePublished]") is not None or any(
        key in node.attributes for key in ("data-timestamp", "data-published", "data-time")
    )


def _block_nodes(tree: LexborHTMLParser) -> list[LexborNode]:
    """Elements that are one block each: a match holding two or more other matches is the
    list around them, and a bare `.block` counts only when it carries a time."""
    matches = [
        node for node in tree.css(BLOCK_SELECTOR) if node.css_matches(STRONG_BLOCK_SELECTOR) or _has_time(node)
    ]
    ids = {node.mem_id for node in matches}
    inner_counts: dict[int, int] = {}
    for node in matches:
        parent = node.parent
        while parent is not None:
            if parent.mem_id in ids:
                inner_counts[parent.mem_id] = inner_counts.get(parent.mem_id, 0) + 1
            parent = parent.parent
    blocks = [node for node in matches if inner_counts.get(node.mem_id, 0) < 2]
    kept = {node.mem_id for node in blocks}
    return [node for node in blocks if not _ancestor_in(node, kept)]


def _times(node: LexborNode):
    """(posted, updated) from the block's time elements, itemprops or data attributes."""
    posted = updated = None
    for item in node.css("time, [itemprop=datePublished], [itemprop=dateModified]"):
        value = parse_when(item.attributes.get("datetime") or item.attributes.get("content"))
        if value is None:
            continue
        marked = f"{item.attributes.get('itemprop') or ''} {item.attributes.get('class') or ''}"
        parent = item.parent
        marked += f" {parent.attributes.get('class') or ''}" if parent is not None else ""
        if "dateModified" in marked or UPDATED_CLASS_RE.search(marked):
            updated = updated or value
        else:
            posted = posted or value
    for key in ("data-timestamp", "data-published", "data-time"):
        posted = posted or parse_when(node.attributes.get(key))
    return posted, updated


def remove_furniture(root: LexborNode) -> None:
    """Drop navigation, share buttons, cookie notices and the like from under `root`."""
    for node in root.css(FURNITURE_TAGS):
        node.decompose()
    for node in root.css(FURNITURE_CLASSES):
        if node.mem_id != root.mem_id and len(node.text(deep=True) or "") <= 600:
            node.decompose()


def _in_prose(item: LexborNode, block: LexborNode) -> bool:
    """True for a `<time>` inside a sentence ("on <time>Friday</time>"): that one is text."""
    parent = item.parent
    while parent is not None and parent.mem_id != block.mem_id:
        if parent.tag in ("p", "li", "blockquote", "td"):
            return True
        parent = parent.parent
    return False


def _block_entry(node: LexborNode) -> Entry:
    classes = " ".join(filter(None, (node.attributes.get("class"), node.attributes.get("data-gu-name"))))
    posted, updated = _times(node)
    heading = node.css_first("h2, h3, .block-title, [itemprop=headline]")
    headline = html_to_text(heading.text(separator=" ")) or None if heading is not None else None
    if heading is not None:
        heading.decompose()
    for item in node.css(BLOCK_FURNITURE):
        if not _in_prose(item, node):
            item.decompose()
    for item in node.css("header"):  # what is left of a block's header: contributor names, labels
        if len(item.text(deep=True) or "") <= 200:
            item.decompose()
    remove_furniture(node)
    paragraphs = [p for p in paragraphs_from_node(node) if not TIME_LINE_RE.match(p.text)]
    summary = bool(SUMMARY_CLASS_RE.search(classes)) or bool(headline and SUMMARY_RE.match(headline))
    raw_id = node.attributes.get("data-block-id") or node.attributes.get("id")
    return Entry(
        kind=EntryKind.SUMMARY if summary else EntryKind.UPDATE,
        paragraphs=paragraphs,
        headline=headline,
        posted_at=posted,
        updated_at=updated,
        key_event=bool(KEY_EVENT_RE.search(classes)) or node.attributes.get("data-key-event") in ("true", "1"),
        native_id=block_id(raw_id),
    )


def _unique(entries: list[Entry]) -> list[Entry]:
    """A pinned post shows twice (pinned on top and in its place): keep one, with both flags."""
    seen: dict[str, Entry] = {}
    out: list[Entry] = []
    for entry in entries:
        first = seen.get(entry.native_id) if entry.native_id else None
        if first is None:
            if entry.native_id:
                seen[entry.native_id] = entry
            out.append(entry)
        else:
            first.key_event = first.key_event or entry.key_event
    return out


def _markup_entries(tree: LexborHTMLParser) -> list[Entry]:
    return _unique([_block_entry(node) for node in _block_nodes(tree)])


def _merge(markup: list[Entry], from_ld: list[Entry], warnings: list[str]) -> list[Entry]:
    """Markup entries, with times and headlines they lack filled from the JSON-LD update of the
    same block, plus any JSON-LD updates the markup does not show."""
    by_id = {entry.native_id: entry for entry in from_ld if entry.native_id}
    pairs = [(m, by_id[m.native_id]) for m in markup if m.native_id in by_id]
    if not pairs and len(markup) == len(from_ld) and not any(m.native_id for m in markup):
        pairs = list(zip(markup, from_ld))  # no ids to match on: same count, same page order
    for mine, theirs in pairs:
        mine.posted_at = mine.posted_at or theirs.posted_at
        mine.updated_at = mine.updated_at or theirs.updated_at
        mine.headline = mine.headline or theirs.headline
    if not pairs:
        return markup
    matched = {id(theirs) for _, theirs in pairs}
    extra = [entry for entry in from_ld if id(entry) not in matched]
    if extra:
        warnings.append(f"{len(extra)} update(s) found only in the page's JSON-LD were read from it")
    return markup + extra


# ---------------------------------------------------------------- (c) article


def _trafilatura_paragraphs(text: str) -> list[Paragraph]:
    import trafilatura

    try:
        extracted = trafilatura.extract(
            text, output_format="html", include_comments=False, favor_precision=True,
            include_tables=True, include_images=False, include_links=False,
        )
    except Exception:  # noqa: BLE001 - trafilatura has many internal failure modes; the fallback covers them
        return []
    return paragraphs_from_html(extracted or "")


def _fallback_paragraphs(tree: LexborHTMLParser) -> list[Paragraph]:
    """The page's own article, main or body, furniture and asides removed."""
    root = tree.css_first("article") or tree.css_first("main") or tree.css_first("[role=main]") or tree.body
    if root is None:
        return []
    for node in root.css("header, aside"):
        node.decompose()
    remove_furniture(root)
    return paragraphs_from_node(root)


def _furniture_texts(tree: LexborHTMLParser) -> set[str]:
    """The texts of the page's navigation, header, footer and notices, to keep out of the body."""
    texts: set[str] = set()
    for node in tree.css(f"{FURNITURE_TAGS}, header, {FURNITURE_CLASSES}"):
        if len(node.text(deep=True) or "") <= 2000:
            texts.update(p.text.lower() for p in paragraphs_from_node(node))
    return texts


def _article_entry(text: str, tree: LexborHTMLParser, doc: Document) -> Entry | None:
    furniture = _furniture_texts(tree)
    paragraphs = [p for p in _trafilatura_paragraphs(text) if p.text.lower() not in furniture]
    if not paragraphs:
        paragraphs = _fallback_paragraphs(tree)
        if paragraphs:
            doc.warnings.append("trafilatura found no main text; read the page's own paragraphs instead")
    paragraphs = [p for p in paragraphs if not _same(p.text, doc.title)]
    if not paragraphs:
        return None
    return Entry(
        kind=EntryKind.ARTICLE, paragraphs=paragraphs, headline=doc.title,
        posted_at=doc.published_at, updated_at=doc.updated_at,
    )


# ---------------------------------------------------------------- the page


def _live_entries(tree: LexborHTMLParser, page: Page, title: str | None) -> list[Entry]:
    from_ld = _ld_entries(page, title)
    markup = _markup_entries(tree)
    if markup and from_ld:
        entries = _merge(markup, from_ld, page.warnings)
    elif markup:
        entries = markup
    else:
        entries = from_ld
        if entries:
            page.warnings.append("no live-blog markup found; read the updates from the page's JSON-LD")
    return [entry for entry in entries if entry.paragraphs or entry.headline]


def read(text: str, url: str | None = None) -> Document:
    tree = LexborHTMLParser(text)
    page = Page()
    page.ld = _json_ld(tree, page.warnings)
    page.meta = _meta_tags(tree)
    doc = _metadata(tree, page, url)
    entries = _live_entries(tree, page, doc.title)
    if entries:
        doc.entries = chronological(entries)
        if len(entries) > 1 and not any(entry.posted_at for entry in entries):
            page.warnings.append("no block has a time; took the page to list its newest block first")
    else:
        # The live-blog pass may have cut headings and furniture out of the tree: parse afresh.
        entry = _article_entry(text, LexborHTMLParser(text), doc)
        doc.entries = [entry] if entry else []
    doc.warnings.extend(page.warnings)
    if not any(entry.paragraphs for entry in doc.entries):
        raise ValueError("no readable text in the page")
    return doc
