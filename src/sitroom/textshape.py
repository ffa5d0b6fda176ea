"""What a line of page text looks like: one place for the rules that tell captions, embedded
posts, headlines and bullets from prose.  Readers use them to segment plain text; the cleaner
uses them to set paragraph roles."""

from __future__ import annotations

import re
import unicodedata

BULLET_RE = re.compile(r"^\s*(?:[•●▪◦‣∙·*]|-(?=\s)|–(?=\s))\s+")
# "Photograph: Anadolu Agency/Getty Images", "Photo: Reuters", "Illustration: ..."
PHOTO_CREDIT_RE = re.compile(
    r"\b(?:Photograph|Photo|Photos|Picture|Illustration|Composite|Video|Image|Footage)\s*(?:credit)?\s*:\s*\S.{0,120}$"
)
_CREDIT_WORDS = ("Photo", "Picture", "Illustration", "Composite", "Video", "Image", "Footage")
# "— Ministry of Defence 🇬🇧 (@DefenceHQ) January 4, 2023"
EMBED_SIGNOFF_RE = re.compile(r"^\s*[—–-]{1,2}\s*.{1,80}\(@\w{1,30}\)\s+\w+\.?\s+\d{1,2},\s+\d{4}\s*$")
EMBED_LINK_RE = re.compile(r"pic\.twitter\.com/\w+|https?://t\.co/\w+|https?://\S+|#\w+")
TERMINAL_RE = re.compile(r"[.!?:;…]$|\.\.\.$")
_TERMINALS = (".", "!", "?", ":", ";", "…")  # what TERMINAL_RE matches at the end of a stripped line
_TRAILING_QUOTES = "\"'”’»)]"
SMALL_WORDS = frozenset(
    "a an and as at but by for from in into is of on or over the to up via vs with amid after "
    "near says say said".split()
)


def strip_bullet(line: str) -> tuple[str, bool]:
    match = BULLET_RE.match(line)
    if match:
        return line[match.end():].strip(), True
    return line.strip(), False


def has_photo_credit(line: str) -> bool:
    # A credit has a colon and one of the words: cheap tests that spare most lines the scan.
    return ":" in line and any(word in line for word in _CREDIT_WORDS) and bool(PHOTO_CREDIT_RE.search(line))


def without_photo_credit(line: str) -> str:
    return PHOTO_CREDIT_RE.sub("", line).strip()


def is_embed_signoff(line: str) -> bool:
    return "(@" in line and bool(EMBED_SIGNOFF_RE.match(line))


def has_embed_link(line: str) -> bool:
    return ("#" in line or "://" in line or "pic.twitter.com/" in line) and bool(EMBED_LINK_RE.search(line))


def ends_sentence(line: str) -> bool:
    """True when the line ends like a sentence (after any closing quotes or brackets)."""
    core = line.rstrip().rstrip(_TRAILING_QUOTES).rstrip()
    return core.endswith(_TERMINALS)


def word_count(line: str) -> int:
    return len(line.split())


def is_title_case(line: str) -> bool:
    """Most words capitalised, as in 'Nearly All of Bakhmut Evacuated Amid Shelling'."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’\-]*", line)]
    content = [w for w in words if w.lower() not in SMALL_WORDS]
    if len(content) < 2:
        return False
    capital = sum(1 for w in content if w[0].isupper())
    return capital / len(content) >= 0.75


def looks_like_headline(line: str, max_words: int = 22) -> bool:
    """A short line that does not end like a sentence and starts with a capital or digit."""
    text = line.strip()
    if not text or BULLET_RE.match(text):
        return False
    if ends_sentence(text) or is_embed_signoff(text) or has_embed_link(text):
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "‘'\"“"):
        return False
    return 2 <= word_count(text) <= max_words


def normalise_space(text: str) -> str:
    """One space between words, no soft hyphens or zero-width characters, NFC."""
    if not text.isascii():
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        text = text.replace("\u00ad", "").replace("\u200b", "").replace("\ufeff", "")
    if _single_spaced(text):
        return text  # most paragraphs: splitting and joining them again would give the same text
    return " ".join(text.split())  # str.split and re's \s agree on what is white space


def _single_spaced(text: str) -> bool:
    """True when the only white space in the text is single spaces between words.  Every white
    space character but the ASCII space is a control character or a separator, which
    str.isprintable rejects."""
    return text.isprintable() and "  " not in text and not text.startswith(" ") and not text.endswith(" ")


def _token_set(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def overlap(a: str, b: str) -> float:
    """Share of the smaller text's words found in the other: for caption pairs and near copies."""
    sa, sb = _token_set(a), _token_set(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


EMBED_BUDGET = 300  # a post is at most 280 characters; a little slack for link expansion


def embed_start(lines: list[str], signoff: int) -> int:
    """Index of the first line of the embedded post that ends with the sign-off at `signoff`.

    Walks back over lines that carry post links or hashtags, then over short lines while the
    post stays within a post's length; a line ending with a colon is the writer's lead-in.
    """
    start = signoff
    used = 0
    index = signoff - 1
    while index >= 0:
        line = lines[index].strip()
        if not line or is_embed_signoff(line) or has_photo_credit(line):
            break
        if line.endswith(":"):
            break
        used += len(line)
        if used > EMBED_BUDGET and index != signoff - 1:
            break
        start = index
        index -= 1
        if has_embed_link(line) and len(EMBED_LINK_RE.sub("", line).strip()) > 60:
            break  # prose ending in a link: the post's own text, so the post starts here
    return start


def caption_lines(lines: list[str]) -> set[int]:
    """Indexes of photo-caption lines: a line with a credit, and the bare copy printed before it."""
    found: set[int] = set()
    for index, line in enumerate(lines):
        if not has_photo_credit(line):
            continue
        found.add(index)
        if index > 0:
            bare = without_photo_credit(line)
            previous = lines[index - 1].strip()
            if previous and len(previous) <= len(bare) + 40 and overlap(previous, bare) >= 0.5:
                found.add(index - 1)
    return found


def embed_lines(lines: list[str]) -> set[int]:
    """Indexes of lines that belong to embedded posts (text, links and sign-off)."""
    found: set[int] = set()
    for index, line in enumerate(lines):
        if is_embed_signoff(line):
            found.update(range(embed_start(lines, index), index + 1))
    return found
