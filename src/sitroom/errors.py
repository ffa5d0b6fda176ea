"""Errors a user sees: each names the input and says what is wrong with it, in one line."""

from __future__ import annotations


class SitroomError(Exception):
    """Base class: anything sitroom raises on purpose."""


class InputError(SitroomError):
    """An input could not be read.  `path` names it; the message says why."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class StoreError(SitroomError):
    """The database cannot be opened or is of a schema this version does not know."""
