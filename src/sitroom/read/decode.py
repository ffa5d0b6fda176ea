"""Bytes to text: refuse binary files, detect the encoding, say where decoding failed."""

from __future__ import annotations

import codecs
import hashlib
import os
from dataclasses import dataclass

from ..errors import InputError

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Bytes that never appear in text files apart from \t \n \f \r and ESC.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    content_hash: str
    size: int


def max_bytes_from_env() -> int:
    raw = os.environ.get("SITROOM_MAX_BYTES")
    if not raw:
        return DEFAULT_MAX_BYTES
    try:
        value = int(raw)
    except ValueError:
        raise InputError("$SITROOM_MAX_BYTES", f"not a whole number of bytes: {raw!r}") from None
    if value <= 0:
        raise InputError("$SITROOM_MAX_BYTES", f"must be positive, got {value}")
    return value


def check_size(size: int, name: str, max_bytes: int) -> None:
    """Refuse input over the limit, before any work is spent on it."""
    if size > max_bytes:
        raise InputError(name, f"too large: {size:,} bytes, over the limit of {max_bytes:,} (--max-bytes)")


def read_bytes(path: str, max_bytes: int) -> bytes:
    """Read a file whole, refusing what is not a regular readable file or is over the limit."""
    if not os.path.exists(path):
        raise InputError(path, "no such file or directory")
    if os.path.isdir(path):
        raise InputError(path, "is a directory (pass it as a folder to read every file in it)")
    try:
        check_size(os.path.getsize(path), path, max_bytes)
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:  # grew while we read it, or a special file
        raise InputError(path, f"too large: over the limit of {max_bytes:,} bytes (--max-bytes)")
    return data


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes in the first 8 kB mean this is not text."""
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = len(head) - len(head.translate(None, _CONTROL))  # one pass: the bytes deleted
    return controls / len(head) > 0.02


def decode(data: bytes, path: str) -> Decoded:
    """Decode bytes as text: a BOM first, then strict UTF-8, then a detected legacy encoding."""
    content_hash = hashlib.sha256(data).hexdigest()
    if not data.strip():
        raise InputError(path, "empty file" if not data else "file holds only whitespace")
    if looks_binary(data):
        raise InputError(path, "binary file, not text (no reader for it)")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding, content_hash, len(data))
            except UnicodeDecodeError as exc:
                raise InputError(path, f"starts with a {encoding} byte-order mark but byte {exc.start} is not {encoding}") from None
    try:
        return Decoded(data.decode("utf-8"), "utf-8", content_hash, len(data))
    except UnicodeDecodeError as utf8_error:
        first_bad = utf8_error.start
    encoding = _detect_legacy(data)
    if encoding is None:
        line = data.count(b"\n", 0, first_bad) + 1
        raise InputError(
            path,
            f"not UTF-8 (invalid byte 0x{data[first_bad]:02x} at offset {first_bad}, line {line}) "
            "and no other encoding fits; convert it to UTF-8",
        )
    return Decoded(data.decode(encoding, errors="strict"), encoding, content_hash, len(data))


def _detect_legacy(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:262144]).best()
    if best is None:
        return None
    encoding = best.encoding
    try:
        data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return encoding


def read_text(path: str, max_bytes: int) -> Decoded:
    return decode(read_bytes(path, max_bytes), path)
