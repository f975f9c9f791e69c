"""The bundled seeds and gold are exact copies of the shared ones (never edited to pass)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers import GOLD, ROOT, SEEDS


def _shared() -> Path | None:
    for cand in (os.environ.get("FAZHI_SHARED"), ROOT.parent / "shared", Path("/work/shared")):
        if cand and (Path(cand) / "gold").is_dir():
            return Path(cand)
    return None


def test_bundled_copies_equal_shared():
    shared = _shared()
    if shared is None:
        pytest.skip("../shared is not present on this machine; nothing to compare against")
    for g in (shared / "gold").glob("*.json"):
        assert (GOLD / g.name).read_bytes() == g.read_bytes(), f"gold copy {g.name} differs"
    for s in (shared / "corpus" / "seeds").glob("*.txt"):
        assert (SEEDS / s.name).read_bytes() == s.read_bytes(), f"seed copy {s.name} differs"


def test_there_are_seeds_and_gold():
    assert len(list(SEEDS.glob("*.txt"))) == 5
    assert len(list(GOLD.glob("*.json"))) == 5
