"""Server settings (upload limit, whether reads need a token) and API tokens.

Tokens are random 256-bit strings shown once when created.  Only a salted SHA-256 of each is kept
(in `<db>.tokens`, or $SITROOM_TOKENS_FILE), and checked with a constant-time comparison: a token
has full entropy, so a slow password hash would add nothing but latency.  $SITROOM_TOKEN, when
set, is hashed on start and its clear text is not kept."""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone

from ..errors import SitroomError

DEFAULT_MAX_UPLOAD = 20 * 1024 * 1024
DEFAULT_CACHE = 64 * 1024 * 1024
TOKEN_PREFIX = "sitroom_"
_SIZE_RE = re.compile(r"^\s*(\d+)\s*([kmg]i?b?|b)?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "b": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


class SettingsError(SitroomError):
    """A setting from the environment or the command line cannot be used."""


def parse_size(raw: str, name: str, allow_zero: bool = False) -> int:
    """Bytes from '20000000', '20M', '20MB' or '512k' (binary multiples)."""
    match = _SIZE_RE.match(raw)
    if not match:
        raise SettingsError(f"{name}: not a size in bytes: {raw!r} (use e.g. 20000000 or 20M)")
    value = int(match.group(1)) * _UNITS[(match.group(2) or "")[:1].lower()]
    if value < 0 or (value == 0 and not allow_zero):
        raise SettingsError(f"{name}: must be positive, got {raw!r}")
    return value


def parse_count(raw: str, name: str, low: int, high: int) -> int:
    """A whole number from low to high."""
    text = raw.strip()
    if not text.isdigit() or not low <= int(text) <= high:
        raise SettingsError(f"{name}: must be a whole number from {low} to {high}, got {raw!r}")
    return int(text)


def hash_token(token: str, salt: bytes | None = None) -> str:
    """'sha256$<salt hex>$<digest hex>' of a token."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.sha256(salt + token.encode("utf-8")).hexdigest()
    return f"sha256${salt.hex()}${digest}"


def token_matches(token: str, stored: str) -> bool:
    try:
        scheme, salt_hex, digest = stored.split("$")
        salt = bytes.fromhex(salt_hex)
    except ValueError:
        return False
    if scheme != "sha256":
        return False
    candidate = hashlib.sha256(salt + token.encode("utf-8")).hexdigest()
    return hmac.compare_digest(candidate, digest)


@dataclass(frozen=True)
class Settings:
    """What the server needs besides the database path.  `token_hashes` are extra accepted tokens
    (from $SITROOM_TOKEN), already hashed."""

    max_upload: int = DEFAULT_MAX_UPLOAD
    read_auth: bool = False
    tokens_file: str | None = None  # None: the database path + ".tokens"
    token_hashes: tuple[str, ...] = field(default=(), repr=False)
    read_threads: int = 2  # reader threads per server process (reads.py says why few)
    cache_bytes: int = DEFAULT_CACHE  # whole answers kept until the database changes; 0: none

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides) -> Settings:
        """Read SITROOM_MAX_UPLOAD, SITROOM_READ_AUTH, SITROOM_TOKENS_FILE, SITROOM_TOKEN,
        SITROOM_READ_THREADS and SITROOM_ANSWER_CACHE; keyword arguments (command-line flags) win over
        the environment."""
        env = os.environ if environ is None else environ
        settings = cls(
            max_upload=parse_size(env["SITROOM_MAX_UPLOAD"], "$SITROOM_MAX_UPLOAD")
            if env.get("SITROOM_MAX_UPLOAD") else DEFAULT_MAX_UPLOAD,
            read_auth=env.get("SITROOM_READ_AUTH", "").strip().lower() in ("1", "true", "yes", "on"),
            tokens_file=env.get("SITROOM_TOKENS_FILE") or None,
            token_hashes=(hash_token(env["SITROOM_TOKEN"]),) if env.get("SITROOM_TOKEN") else (),
            read_threads=parse_count(env["SITROOM_READ_THREADS"], "$SITROOM_READ_THREADS", 1, 64)
            if env.get("SITROOM_READ_THREADS") else 2,
            cache_bytes=parse_size(env["SITROOM_ANSWER_CACHE"], "$SITROOM_ANSWER_CACHE", allow_zero=True)
            if env.get("SITROOM_ANSWER_CACHE") else DEFAULT_CACHE,
        )
        return replace(settings, **{k: v for k, v in overrides.items() if v is not None})

    def tokens_path(self, db_path: str) -> str:
        return self.tokens_file or f"{db_path}.tokens"


@dataclass(frozen=True)
class TokenRecord:
    id: str  # the first 8 hex digits of the stored digest: names a token without revealing it
    created_at: str
    label: str
    hashed: str = field(repr=False)


class TokenFile:
    """One token per line: `<salted hash> <created ISO> <label>`; lines starting with # are notes.
    Read again whenever the file changes, so `sitroom token create` takes effect on a running server."""

    def __init__(self, path: str):
        self.path = path
        self._seen: tuple[float, int] | None = None
        self._records: list[TokenRecord] = []

    def records(self) -> list[TokenRecord]:
        try:
            stat = os.stat(self.path)
        except FileNotFoundError:
            self._seen, self._records = None, []
            return []
        key = (stat.st_mtime, stat.st_size)
        if key != self._seen:
            with open(self.path, encoding="utf-8") as handle:
                self._records = [r for r in (_parse_line(line) for line in handle) if r is not None]
            self._seen = key
        return self._records

    def create(self, label: str = "") -> str:
        """A new token; only its hash is written.  The clear token is returned to show once."""
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        created = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        clean_label = " ".join(label.split())
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as handle:
            handle.write(f"{hash_token(token)} {created} {clean_label}".rstrip() + "\n")
        return token

    def revoke(self, token_id: str) -> int:
        """Remove the token whose id starts with token_id (4 characters at least, and naming one
        token only); returns how many went: 1, or 0 when none has that id."""
        prefix = token_id.strip().lower()
        if len(prefix) < 4:
            raise SettingsError(f"token id {token_id!r} is too short: give 4 characters or more")
        if not os.path.exists(self.path):
            return 0
        with open(self.path, encoding="utf-8") as handle:
            lines = handle.readlines()
        kept = [line for line in lines if not ((r := _parse_line(line)) and r.id.startswith(prefix))]
        removed = len(lines) - len(kept)
        if removed > 1:
            raise SettingsError(f"token id {token_id!r} names {removed} tokens: give more characters")
        if removed:
            folder = os.path.dirname(os.path.abspath(self.path))
            fd, temporary = tempfile.mkstemp(dir=folder, prefix=".tokens-")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.writelines(kept)
            os.replace(temporary, self.path)
        return removed

    def verify(self, token: str) -> bool:
        return any([token_matches(token, record.hashed) for record in self.records()])  # noqa: C419 -- check all


def _parse_line(line: str) -> TokenRecord | None:
    parts = line.strip().split(" ", 2)
    if not parts[0] or parts[0].startswith("#") or not parts[0].startswith("sha256$"):
        return None
    digest = parts[0].rsplit("$", 1)[-1]
    return TokenRecord(digest[:8], parts[1] if len(parts) > 1 else "", parts[2] if len(parts) > 2 else "", parts[0])


class Tokens:
    """Every token the server accepts: those in the token file and the one from $SITROOM_TOKEN."""

    def __init__(self, settings: Settings, db_path: str):
        self.file = TokenFile(settings.tokens_path(db_path))
        self.extra = settings.token_hashes

    def any(self) -> bool:
        return bool(self.extra) or bool(self.file.records())

    def verify(self, token: str) -> bool:
        if not token:
            return False
        # Check every stored hash, so the time taken does not tell which (if any) matched.
        results = [token_matches(token, hashed) for hashed in self.extra]
        results.append(self.file.verify(token))
        return any(results)
