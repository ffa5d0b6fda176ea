"""How the server reads: a few reader threads, each with its own read-only SQLite connection kept
open, taking jobs first come first served; a generation number that moves whenever the database
may have changed; and a cache of whole answers keyed by URL and generation.

Why this shape: every read is CPU work under one GIL, so running many at once in a large thread
pool only makes each take longer (a 10 ms answer shared eight ways takes 80 ms); a short queue in
front of a couple of threads answers each request about as fast as it can be computed, while
SQLite's own work (which releases the GIL) still overlaps with Python's.  The event-loop thread
only checks the generation and answers cache hits, so a hit never waits behind a slow query.

The generation is exact, not a guess from file times: each connection opens its read transaction
and reads `PRAGMA data_version` under one lock; the number differs from that connection's previous
reading exactly when another connection (the writer thread, `sitroom ingest` in another process)
has committed meanwhile, and then the generation moves on.  A snapshot therefore always carries
the generation of the newest data it could see, and an answer computed from an older snapshot is
stored under an older generation, which no later request asks for."""

from __future__ import annotations

import asyncio
import os
import queue
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar

from ..errors import StoreError
from ..store.sqlite import Store

T = TypeVar("T")
DEFAULT_CACHE_BYTES = 64 * 1024 * 1024
LARGEST_CACHED = 8 * 1024 * 1024  # answers above this are not kept: one would crowd out the rest


class Connection:
    """One thread's read-only Store and the `data_version` it last saw."""

    def __init__(self, path: str):
        self.key = (path, os.stat(path).st_ino)
        self.store = Store(path)
        self.store.db.execute("PRAGMA query_only=ON")
        self.data_version: int | None = None

    def close(self) -> None:
        self.store.close()


class Generations:
    """The database's generation as this server has seen it (see the module's docstring)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.current = 0

    def begin(self, connection: Connection) -> int:
        """Open a read transaction on connection (its snapshot is taken here) and return the
        generation of that snapshot."""
        db = connection.store.db
        with self._lock:
            db.execute("BEGIN")
            try:
                version = db.execute("PRAGMA data_version").fetchone()[0]
            except BaseException:
                db.execute("ROLLBACK")
                raise
            if version != connection.data_version:
                connection.data_version = version
                self.current += 1
            return self.current


class AnswerCache:
    """Whole answers by key, for the newest generation only, least recently used dropped first
    once over max_bytes (0 keeps none); and beside them up to MEMO_ITEMS small figures that
    answers share (totals, the stats), kept even when answers are not.  Safe from any thread."""

    MEMO_ITEMS = 4096

    def __init__(self, max_bytes: int = DEFAULT_CACHE_BYTES):
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._answers: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._memo: OrderedDict[Hashable, Any] = OrderedDict()
        self._size = 0
        self.generation = 0
        self.hits = self.misses = 0

    def get(self, key: Hashable, generation: int) -> Any | None:
        """The answer kept for key at this generation, or None."""
        with self._lock:
            found = self._answers.get(key) if generation == self.generation else None
            if found is None:
                self.misses += 1
                return None
            self._answers.move_to_end(key)
            self.hits += 1
            return found[0]

    def put(self, key: Hashable, generation: int, value: Any, size: int) -> None:
        if size > min(LARGEST_CACHED, self.max_bytes):
            return
        with self._lock:
            if not self._advance(generation):
                return
            old = self._answers.pop(key, None)
            if old is not None:
                self._size -= old[1]
            self._answers[key] = (value, size)
            self._size += size
            while self._size > self.max_bytes:
                _, (_, dropped) = self._answers.popitem(last=False)
                self._size -= dropped

    def memo(self, key: Hashable, generation: int, compute: Callable[[], T]) -> T:
        """compute(), or what it gave before at this generation."""
        with self._lock:
            if generation == self.generation and key in self._memo:
                self._memo.move_to_end(key)
                return self._memo[key]
        value = compute()
        with self._lock:
            if self._advance(generation):
                self._memo[key] = value
                while len(self._memo) > self.MEMO_ITEMS:
                    self._memo.popitem(last=False)
        return value

    def _advance(self, generation: int) -> bool:
        """Move to generation (dropping everything older); False when it is older than ours."""
        if generation < self.generation:
            return False  # computed from an older snapshot: nobody will ask for it
        if generation > self.generation:
            self._answers.clear()
            self._memo.clear()
            self._size = 0
            self.generation = generation
        return True

    def __len__(self) -> int:
        return len(self._answers)


@dataclass
class Snapshot:
    """What a read job gets: a Store inside one read transaction, its generation, and memo() for
    figures that many answers share (a list's total is the same on every page)."""

    store: Store
    generation: int
    cache: AnswerCache

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        return self.cache.memo(key, self.generation, compute)


class Reads:
    """The reader threads, their connections, the generation and the answer cache of one app."""

    def __init__(self, db_path: str, threads: int = 2, cache_bytes: int = DEFAULT_CACHE_BYTES):
        self.db_path = db_path
        self.threads = max(1, threads)
        self.generations = Generations()
        self.cache = AnswerCache(cache_bytes)
        self._local = threading.local()
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._workers: list[threading.Thread] = []
        self._start_lock = threading.Lock()

    # -- connections --------------------------------------------------------------------------

    def connection(self) -> Connection:
        """This thread's connection, opened on first use and again when the file was replaced;
        StoreError when the database has gone (a read must never create an empty one)."""
        try:
            inode = os.stat(self.db_path).st_ino
        except FileNotFoundError:
            raise StoreError(f"{self.db_path}: the database has gone") from None
        connection: Connection | None = getattr(self._local, "connection", None)
        if connection is not None and connection.key == (self.db_path, inode):
            return connection
        if connection is not None:
            self._forget(connection)
        connection = Connection(self.db_path)
        self._local.connection = connection
        return connection

    def _forget(self, connection: Connection) -> None:
        connection.close()
        self._local.connection = None

    def generation(self) -> int:
        """The current generation, checked on this thread's connection (a few microseconds)."""
        connection = self.connection()
        generation = self.generations.begin(connection)
        connection.store.db.execute("ROLLBACK")
        return generation

    def snapshot_call(self, job: Callable[[Snapshot], T]) -> T:
        """Run job on this thread inside one read transaction."""
        connection = self.connection()
        generation = self.generations.begin(connection)
        try:
            return job(Snapshot(connection.store, generation, self.cache))
        finally:
            if connection.store.db.in_transaction:
                connection.store.db.execute("ROLLBACK")

    # -- the reader threads -------------------------------------------------------------------

    async def run(self, job: Callable[[Snapshot], T]) -> T:
        """Run job on a reader thread, after the jobs queued before it."""
        self._start()
        loop = asyncio.get_running_loop()
        future: asyncio.Future = loop.create_future()
        self._jobs.put((job, loop, future))
        return await future

    def _start(self) -> None:
        if len(self._workers) == self.threads:
            return
        with self._start_lock:
            while len(self._workers) < self.threads:
                worker = threading.Thread(target=self._work, name=f"sitroom-reader-{len(self._workers)}", daemon=True)
                worker.start()
                self._workers.append(worker)

    def _work(self) -> None:
        while True:
            item = self._jobs.get()
            if item is None:
                break
            job, loop, future = item
            if future.cancelled():
                continue  # the client went away while it waited
            try:
                result, error = self.snapshot_call(job), None
            except BaseException as exc:  # noqa: BLE001 -- handed to the awaiting request
                result, error = None, exc
            try:
                loop.call_soon_threadsafe(_settle, future, result, error)
            except RuntimeError:
                pass  # the loop has closed
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            self._forget(connection)

    def close(self) -> None:
        """Stop the reader threads (each closes its connection) and close this thread's."""
        workers, self._workers = self._workers, []
        for _ in workers:
            self._jobs.put(None)
        for worker in workers:
            worker.join(timeout=30)
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            self._forget(connection)


def _settle(future: asyncio.Future, result: Any, error: BaseException | None) -> None:
    if future.done():
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)
