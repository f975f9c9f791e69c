"""Helpers of the web tests: a seeded corpus with one user of each role, apps over copies of
it, clients that log in, and the HTML checks several tests share."""

from __future__ import annotations

import re
import shutil
import warnings
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from fastapi import FastAPI

from fazhi.store.service import ingest, open_corpus
from fazhi.web import create_app
from fazhi.web.accounts import add_user, create_token, migrate_accounts
from helpers import SEEDS

with warnings.catch_warnings():  # starlette's note that it prefers httpx2; httpx is what we have
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

PASSWORD = "correct-horse-9"
ROLES = ("viewer", "reviewer", "admin")


@dataclass(frozen=True)
class Corpus:
    """A SQLite corpus of the five seeds with a user (and an API token) per role."""

    db: Path
    tokens: dict[str, str]


def build_corpus(folder: Path) -> Corpus:
    db = folder / "seeded.db"
    engine = open_corpus(f"sqlite:///{db}")
    summary = ingest(engine, sorted(SEEDS.glob("*.txt")), jobs=1)
    assert summary.added == 5, summary
    migrate_accounts(engine)
    tokens = {}
    for role in ROLES:
        user = add_user(engine, role, PASSWORD, role)
        tokens[role] = create_token(engine, user.id, "tests")[1]
    engine.dispose()
    return Corpus(db, tokens)


def app_on_copy(corpus: Corpus, folder: Path, **options: object) -> FastAPI:
    """An app over a fresh copy of the corpus (tests may change it), data dir in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "corpus.db"
    shutil.copy(corpus.db, db)
    options.setdefault("frame_ttl", 0.0)
    return create_app(f"sqlite:///{db}", folder / "data", **options)  # type: ignore[arg-type]


def client(app: FastAPI, token: str | None = None) -> TestClient:
    c = TestClient(app, base_url="http://testserver")
    if token:
        c.headers["Authorization"] = f"Bearer {token}"
    return c


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html) or re.search(
        r'<meta name="csrf-token" content="([^"]+)"', html
    )
    assert found, "no CSRF token on the page"
    return found.group(1)


def logged_in(app: FastAPI, username: str, password: str = PASSWORD) -> TestClient:
    """A client with a session cookie, as a browser has after the login form."""
    c = client(app)
    page = c.get("/login")
    r = c.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": csrf_of(page.text)},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    return c


class Links(HTMLParser):
    """Every URL a page makes the browser load or offers as a link."""

    ATTRS = ("src", "href", "action", "data-api")

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in self.ATTRS and value is not None:
                self.urls.append((tag, name, value))


def urls_of(html: str) -> list[tuple[str, str, str]]:
    parser = Links()
    parser.feed(html)
    return parser.urls


def is_local(url: str) -> bool:
    """A URL on this server: a path, a fragment or a query; never a scheme or //host."""
    return not re.match(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*:|//|\\\\)", url)
