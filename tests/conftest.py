"""Shared fixtures: paths to the seeds and examples, and a fresh store per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.store.sqlite import Store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"


@pytest.fixture
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    return SEEDS


@pytest.fixture
def store(tmp_path):
    with Store(str(tmp_path / "test.db")) as opened:
        yield opened
