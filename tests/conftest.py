"""Shared fixtures (the helpers themselves are in helpers.py, importable as ``helpers``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import SEEDS, seed_pairs


@pytest.fixture(scope="session")
def seeds() -> list[tuple[str, dict]]:
    return seed_pairs()


@pytest.fixture(scope="session")
def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))
