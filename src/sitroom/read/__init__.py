"""Readers: turn a file into Documents, choosing the reader by what the content looks like.

Each reader module has `sniff(text) -> float` (how sure it is that the text is its format) and a
function that reads it.  The highest score wins; plain text is the fallback for any text."""

from __future__ import annotations

import functools
import importlib
import os
import re
from dataclasses import dataclass
from datetime import date
from typing import Callable, Iterator

from ..errors import InputError
from ..model import Document
from . import decode

FILENAME_DATE_RE = re.compile(r"(20\d{2})[-_]?(\d{2})[-_]?(\d{2})")
# Names a folder walk passes over: our own notes, code, databases and media.
SKIP_NAMES_RE = re.compile(r"^(?:readme|license|licence|changelog|notice|authors)(?:\.\w+)?$", re.IGNORECASE)
SKIP_EXTENSIONS = frozenset(
    ".py .pyc .db .sqlite .sqlite3 .db-wal .db-shm .png .jpg .jpeg .gif .webp .svg .ico .pdf .zip .gz .bz2 .xz "
    ".tar .mp3 .mp4 .mov .woff .woff2 .ttf .css .js .map .lock".split()
)


@dataclass(frozen=True)
class Reader:
    """A reader module, imported on first use: HTML and feed parsers are slow to load."""

    name: str
    module: str
    read_with: Callable[[object, str, str], list[Document]]

    def _module(self):
        return _import(self.module)

    def sniff(self, text: str) -> float:
        return self._module().sniff(text)

    def read(self, text: str, path: str) -> list[Document]:
        return self.read_with(self._module(), text, path)


@functools.cache
def _import(module: str):
    """A reader module, imported once: detect asks every reader about every file, and
    importlib's lookup costs more than some of their sniffs."""
    return importlib.import_module(f"{__name__}.{module}")


def _date_from_name(path: str) -> date | None:
    match = FILENAME_DATE_RE.search(os.path.basename(path))
    if not match:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


READERS: list[Reader] = [
    Reader("guardian_json", "guardian_json", lambda m, text, path: [m.read(text)]),
    Reader("feed", "feed", lambda m, text, path: m.read_feed(text)),
    Reader("html", "html", lambda m, text, path: [m.read(text)]),
    Reader("liveupdates_text", "liveupdates", lambda m, text, path: [m.read(text)]),
    Reader("liveblog_text", "liveblog", lambda m, text, path: [m.read(text, _date_from_name(path))]),
    Reader("plain_text", "plaintext", lambda m, text, path: [m.read(text, _date_from_name(path))]),
]
READER_NAMES = [reader.name for reader in READERS]


def detect(text: str) -> Reader:
    """The reader most sure of the text; earlier readers win ties."""
    head = text.lstrip()[:1]
    if head in "{[" and head:
        return READERS[0]  # JSON: only the Guardian reader takes it, and says why when it cannot
    best = max(READERS, key=lambda reader: reader.sniff(text))
    return best


def read_file(path: str, max_bytes: int = decode.DEFAULT_MAX_BYTES, format: str | None = None) -> list[Document]:
    """Read one file into Documents, or raise InputError naming the file and the problem."""
    return read_data(decode.read_bytes(path, max_bytes), path, format)


def read_data(data: bytes, name: str, format: str | None = None) -> list[Document]:
    """Read the bytes of a file held in memory (an upload, or a file already read) into
    Documents, or raise InputError naming `name` and the problem.  `name` stands for the file:
    errors name it, a date in it dates a plain-text page, and documents record it as their path."""
    decoded = decode.decode(data, name)
    if format is not None:
        reader = next((r for r in READERS if r.name == format), None)
        if reader is None:
            raise InputError(name, f"unknown format {format!r}; choose from {', '.join(READER_NAMES)}")
    else:
        reader = detect(decoded.text)
    try:
        documents = reader.read(decoded.text, name)
    except InputError:
        raise
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError) as exc:
        raise InputError(name, f"not a readable {reader.name.replace('_', ' ')}: {exc}") from None
    for doc in documents:
        doc.path = name
        doc.content_hash = decoded.content_hash
    return documents


def iter_inputs(paths: list[str]) -> Iterator[tuple[str, str | None]]:
    """Yield (file path, reason to skip or None) for every file named or found under a folder."""
    for path in paths:
        if not os.path.isdir(path):
            yield path, None
            continue
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
            for name in sorted(files):
                full = os.path.join(folder, name)
                if name.startswith("."):
                    continue
                if SKIP_NAMES_RE.match(name) or os.path.splitext(name)[1].lower() in SKIP_EXTENSIONS:
                    yield full, "not coverage (by its name)"
                    continue
                yield full, None
