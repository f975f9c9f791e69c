"""Fixtures of the web tests: one seeded corpus per session, an app over a copy per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI

from fazhi.web import accounts
from web.web_helpers import Corpus, app_on_copy, build_corpus


@pytest.fixture(scope="session", autouse=True)
def quick_password_hashing() -> Iterator[None]:
    """Argon2 with the library's defaults takes a quarter of a second a login on the test
    machine; the tests log in hundreds of times, so they hash with the cheapest parameters
    (what is tested is that passwords are hashed and checked, not how slowly)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
        yield


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return build_corpus(tmp_path_factory.mktemp("web-corpus"))


@pytest.fixture
def app(corpus: Corpus, tmp_path: Path) -> FastAPI:
    return app_on_copy(corpus, tmp_path)


@pytest.fixture
def tokens(corpus: Corpus) -> dict[str, str]:
    return corpus.tokens
