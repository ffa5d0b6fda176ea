"""HTML fragments to Paragraphs: the one place that decides what a live-blog block body, a
feed item's content or a Guardian bodyHtml holds, so that every reader gives captions,
embedded posts, related links and quotes the same roles.

It walks the tree itself (selectolax, iteratively: broken or deeply nested markup cannot
exhaust the stack) rather than asking for `p` elements, because real bodies carry text
outside any `<p>` and `<br>`-separated lines.  The small helpers at the end (times,
chronological order, lines of plain text) are shared by the html, feed and Guardian readers.
"""

from __future__ import annotations

import html as htmllib
import re
from datetime import date, datetime, timezone

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..model import Entry, Paragraph, Role
from ..textshape import caption_lines, embed_lines, normalise_space, strip_bullet

# Elements whose content is never text a reader wants.
DROP_TAGS = frozenset(
    "script style noscript template img picture source svg canvas video audio track map object "
    "embed button input select option textarea form head title meta link -comment".split()
)
# Elements that end the paragraph before them and start a new one.
BLOCK_TAGS = frozenset(
    "p div li ul ol dl dt dd h1 h2 h3 h4 h5 h6 blockquote figure figcaption section article aside "
    "header footer main nav table thead tbody tfoot tr td th caption pre address hr iframe details "
    "summary fieldset center body html".split()
)
EMBED_CLASS_RE = re.compile(
    r"twitter-(?:tweet|video|timeline)|instagram-media|tiktok-embed|fb-(?:post|video|xfbml)|"
    r"\bfacebook\b|telegram-post|element-(?:tweet|embed|instagram|social)|social-embed|embed-(?:tweet|social)|"
    r"\btweet\b|reddit-embed|youtube",
    re.IGNORECASE,
)
RELATED_CLASS_RE = re.compile(
    r"rich-?link|related|read-?more|more-on|see-also|story-package|onward|recommended|promo",
    re.IGNORECASE,
)
PULLQUOTE_CLASS_RE = re.compile(r"pull-?quote", re.IGNORECASE)
BOILERPLATE_CLASS_RE = re.compile(r"byline|contributor|author-name|share|social-links|newsletter", re.IGNORECASE)
RELATED_TEXT_RE = re.compile(
    r"^(?:Related|Read more|Read also|Also read|See also|More on this|Read the full story)\s*[:–—-]",
    re.IGNORECASE,
)
# A post's sign-off at the END of a line, as plain-text copies print it after the post's text.
TRAILING_SIGNOFF_RE = re.compile(
    r"(?:^|\s)(?:[—–]|--?)\s*[^—–\n]{1,80}\(@\w{1,30}\)\s+[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4}\s*$"
)


# ---------------------------------------------------------------- fragments to paragraphs

LINE_BREAK = "\x1e"  # stands for <br> in running text; source newlines are only spaces


def parse(fragment: str) -> LexborHTMLParser:
    """A tolerant parse: lexbor accepts anything, truncated tags included."""
    return LexborHTMLParser(fragment or "")


def _classes(node: LexborNode) -> str:
    attrs = node.attributes
    return " ".join(filter(None, (attrs.get("class"), attrs.get("data-component"), attrs.get("data-gu-name"))))


def _short(node: LexborNode, limit: int) -> bool:
    """Class names are matched loosely, so a class only sets the role of a short element:
    a wrapper such as `js-share-container article-body` must not swallow a whole body."""
    return len(node.text(deep=True) or "") <= limit


def _own_role(node: LexborNode, inherited: Role) -> Role:
    """The role an element gives its text: embeds and related links outrank everything."""
    if inherited in (Role.EMBED, Role.RELATED, Role.BOILERPLATE):
        return inherited
    tag, classes = node.tag, _classes(node)
    if tag == "iframe":
        return Role.EMBED
    if classes and EMBED_CLASS_RE.search(classes) and (tag == "blockquote" or _short(node, 2000)):
        return Role.EMBED
    if tag == "aside" and PULLQUOTE_CLASS_RE.search(classes):
        return Role.QUOTE
    if tag == "aside" or (classes and RELATED_CLASS_RE.search(classes) and _short(node, 400)):
        return Role.RELATED
    if classes and BOILERPLATE_CLASS_RE.search(classes) and tag != "blockquote" and _short(node, 300):
        return Role.BOILERPLATE
    if tag == "figcaption":
        return Role.CAPTION
    if tag == "blockquote":
        return Role.QUOTE
    if tag == "figure":
        return Role.CAPTION  # loose text in a figure is its caption or credit
    return inherited


class _Collector:
    """Gathers running text into paragraphs; a block boundary or a role change flushes it."""

    def __init__(self) -> None:
        self.paragraphs: list[Paragraph] = []
        self.buffer: list[str] = []
        self.role = Role.TEXT
        self.bullet = False

    def add(self, text: str, role: Role, bullet: bool) -> None:
        if (role, bullet) != (self.role, self.bullet):
            self.flush()
            self.role, self.bullet = role, bullet
        self.buffer.append(text)

    def flush(self) -> None:
        for line in "".join(self.buffer).split(LINE_BREAK):
            text = normalise_space(line)
            if text:
                self.paragraphs.append(Paragraph(text, role=self.role, bullet=self.bullet))
        self.buffer = []


def _iframe_text(node: LexborNode) -> str:
    """An iframe's children are its fallback markup, kept as raw text by the parser."""
    raw = node.text(deep=True) or ""
    return html_to_text(raw) if "<" in raw else raw


def paragraphs_from_node(root: LexborNode | None) -> list[Paragraph]:
    """Paragraphs of an element already parsed: see `paragraphs_from_html`."""
    if root is None:
        return []
    out = _Collector()
    # Each stack item: (node, role, bullet) to enter, or None to mark a block's end.
    stack: list[tuple[LexborNode, Role, bool] | None] = [(root, Role.TEXT, False)]
    while stack:
        item = stack.pop()
        if item is None:
            out.flush()
            continue
        node, role, bullet = item
        tag = node.tag
        if tag == "-text":
            out.add((node.text_content or "").replace(LINE_BREAK, " "), role, bullet)
            continue
        if tag in DROP_TAGS or tag is None or tag.startswith("-"):
            continue
        if tag == "br":
            out.add(LINE_BREAK, role, bullet)
            continue
        if tag in BLOCK_TAGS:  # inline elements never change a role: that would split a sentence
            role = _own_role(node, role)
        bullet = bullet or tag in ("li", "dd")
        if tag == "iframe":
            out.flush()
            out.add(_iframe_text(node), Role.EMBED, bullet)
            out.flush()
            continue
        if tag in BLOCK_TAGS:
            out.flush()
            stack.append(None)
        children = list(node.iter(include_text=True))
        stack.extend((child, role, bullet) for child in reversed(children))
    out.flush()
    return refine_roles(out.paragraphs)


def paragraphs_from_html(fragment: str) -> list[Paragraph]:
    """One Paragraph per `<p>`/`<li>`/heading/loose text run, with roles set by where it sits:
    figcaption -> CAPTION, social embeds -> EMBED, asides and rich links -> RELATED, other
    blockquotes -> QUOTE.  Never raises on broken HTML; returns [] for an empty fragment."""
    if not fragment or not fragment.strip():
        return []
    if "<" not in fragment:  # plain text: no parse needed, keep its line breaks
        return paragraphs_from_lines(htmllib.unescape(fragment).splitlines())
    tree = parse(fragment)
    return paragraphs_from_node(tree.body or tree.root)


def html_to_text(fragment: str | None) -> str:
    """Plain text of a short field (title, standfirst): tags and scripts gone, spaces normalised."""
    if not fragment:
        return ""
    if "<" not in fragment:
        return normalise_space(htmllib.unescape(fragment))
    tree = parse(fragment)
    for node in tree.css("script, style, noscript, template"):
        node.decompose()
    root = tree.body or tree.root
    return normalise_space(root.text(separator=" ") if root is not None else "")


def standfirst_from_html(fragment: str | None) -> str | None:
    """A standfirst's own prose, without the link lists some outlets append to it."""
    paragraphs = paragraphs_from_html(fragment or "")
    prose = [p.text for p in paragraphs if p.role.analysed and not p.bullet]
    text = " ".join(prose) or html_to_text(fragment)
    return text or None


# ---------------------------------------------------------------- line rules


def _prose_runs(paragraphs: list[Paragraph]) -> list[list[int]]:
    """Indexes of consecutive paragraphs the markup left as prose (TEXT or QUOTE): the line
    rules look back over neighbours, and must not reach past an embed the markup already marked."""
    runs: list[list[int]] = [[]]
    for index, paragraph in enumerate(paragraphs):
        if paragraph.role in (Role.TEXT, Role.QUOTE):
            runs[-1].append(index)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def refine_roles(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Apply the shared line rules to paragraphs the markup left as prose: photo credits,
    post sign-offs (and the post before them), "Related:" links, typed bullets."""
    for run in _prose_runs(paragraphs):
        texts = [paragraphs[i].text for i in run]
        captions, embeds = caption_lines(texts), embed_lines(texts)
        for position, index in enumerate(run):
            paragraph = paragraphs[index]
            if position in embeds or TRAILING_SIGNOFF_RE.search(paragraph.text):
                paragraph.role = Role.EMBED
            elif position in captions and paragraph.role is Role.TEXT:
                paragraph.role = Role.CAPTION
            elif RELATED_TEXT_RE.match(paragraph.text):
                paragraph.role = Role.RELATED
    for paragraph in paragraphs:
        if paragraph.role is Role.TEXT and not paragraph.bullet:
            text, bullet = strip_bullet(paragraph.text)
            if bullet and text:
                paragraph.text, paragraph.bullet = text, True
    return paragraphs


def paragraphs_from_lines(lines: list[str]) -> list[Paragraph]:
    """Paragraphs of plain text, one per non-blank line, with the shared line rules applied."""
    paragraphs = [Paragraph(normalise_space(line)) for line in lines]
    return refine_roles([p for p in paragraphs if p.text])


# ---------------------------------------------------------------- times and order


ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def to_utc(moment: datetime) -> datetime:
    """Aware datetimes in UTC; a time with no zone is taken as UTC (pages rarely omit it)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def from_epoch(value) -> datetime | None:
    """Epoch seconds or milliseconds (Guardian JSON uses milliseconds) to UTC."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if number > 1e11:
        number /= 1000.0
    try:
        return datetime.fromtimestamp(number, tz=timezone.utc)
    except (OverflowError, OSError, ValueError):
        return None


def parse_when(value) -> datetime | date | None:
    """A page's time string to an aware UTC datetime, a bare `YYYY-MM-DD` to a date, junk to None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return from_epoch(value)
    text = str(value).strip()
    if not text:
        return None
    if text.isdigit() and len(text) in (10, 13):
        return from_epoch(text)
    if ISO_DATE_RE.match(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    from dateutil import parser as dateparser

    try:
        moment = dateparser.isoparse(text)
    except (ValueError, OverflowError):
        try:
            moment = dateparser.parse(text)
        except (ValueError, OverflowError, TypeError):
            return None
    return to_utc(moment)


def sort_key(when: datetime | date | None) -> datetime:
    """Dates and datetimes on one axis (a bare date counts as its midnight UTC)."""
    if when is None:
        return datetime.min.replace(tzinfo=timezone.utc)
    if isinstance(when, datetime):
        return to_utc(when)
    return datetime(when.year, when.month, when.day, tzinfo=timezone.utc)


def chronological(entries: list[Entry]) -> list[Entry]:
    """Entries as the page lists them to earliest first.

    Timed entries decide the page's direction (live blogs list newest first, some archives
    oldest first); when every entry has a time they are then sorted by it, which also puts a
    pinned post back where it belongs.  Entries with no time keep their place in that order.
    """
    times = [sort_key(e.posted_at) for e in entries if e.posted_at is not None]
    falling = sum(1 for a, b in zip(times, times[1:]) if a > b)
    rising = sum(1 for a, b in zip(times, times[1:]) if a < b)
    ordered = list(reversed(entries)) if falling >= rising else list(entries)
    if times and len(times) == len(entries):
        ordered.sort(key=lambda e: sort_key(e.posted_at))
    return ordered
