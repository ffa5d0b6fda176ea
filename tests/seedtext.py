"""Sentences of the seed live blogs, read at test time and never copied into the project."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"•])")


def seed_sentence(seeds: Path, name: str, needle: str) -> str:
    """The sentence of a seed file that holds `needle`."""
    for line in (seeds / name).read_text(encoding="utf-8").splitlines():
        if needle in line:
            for sentence in SENTENCE_END.split(line.strip(" •-")):
                if needle in sentence:
                    return sentence
    pytest.fail(f"{needle!r} not in {name}")
