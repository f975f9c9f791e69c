"""How Chinese text becomes search tokens, and a query becomes index lookups.

Chinese has no spaces, and a word-level tokenizer answers only for the words it cut out: jieba
cuts 人民调解委员会 into 人民调解 / 委员会, so a search for 调解 misses it. The default here is
overlapping character bigrams: 行政复议 → 行政 政复 复议. A two-character query is one bigram and
so is found inside any longer word; a longer query looks up all its bigrams, and the passages
found are then checked for the query itself (fazhi.store.search), so the index keeps no word
positions (a third of the size, and half the time to build, measured). A one-character query
looks up the bigrams that begin with it (a character is missed only at the very end of a
clause). The jieba alternative (``cut_for_search``) is kept to be measured against it
(bench/corpus_bench.py).

Tokens are computed in Python and handed to the database as space-separated words, so SQLite
FTS5 and PostgreSQL index exactly the same tokens; neither needs a Chinese tokenizer installed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from operator import add

# A run is a stretch of letters and digits (Chinese characters included); punctuation and
# spaces end it, and no token crosses a run's edge.
_RUN = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower case, character for character (a search mark's offsets stay valid; the few
    characters whose lower case is longer, like İ, are kept as they are)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def runs(text: str) -> list[str]:
    return _RUN.findall(fold(text))


def _bigram_tokens(text: str) -> list[str]:
    """The bigrams of every run (行政复议 → 行政 政复 复议; a one-character run is itself), in
    one loop: this is the ingest's busiest."""
    out: list[str] = []
    for run in runs(text):
        if len(run) > 1:
            out.extend(map(add, run, run[1:]))
        else:
            out.append(run)
    return out


@cache
def _jieba() -> object:
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    return jieba


def _jieba_tokens(text: str) -> list[str]:
    jieba = _jieba()
    out: list[str] = []
    for run in runs(text):
        out += jieba.cut_for_search(run, HMM=False)  # type: ignore[attr-defined]
    return out


@dataclass(frozen=True, slots=True)
class Term:
    """One query term: the tokens a passage must all have, or (for a single character) the
    prefix its tokens may begin with. ``text`` is what the passage must then contain."""

    text: str
    tokens: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Tokenizer:
    name: str
    tokens: Callable[[str], list[str]]

    def index(self, text: str) -> str:
        """The distinct tokens of ``text`` as one space-separated string, for the index."""
        return " ".join(dict.fromkeys(self.tokens(text)))

    def query(self, query: str) -> list[Term]:
        """The terms of a query: its words, split at spaces and punctuation; a passage must
        contain every one."""
        terms: list[Term] = []
        for run in dict.fromkeys(runs(query)):
            if len(run) == 1:
                terms.append(Term(run, (run,), prefix=True))
            else:
                terms.append(Term(run, tuple(dict.fromkeys(self.tokens(run)))))
        return terms


TOKENIZERS: dict[str, Tokenizer] = {
    "bigram": Tokenizer("bigram", _bigram_tokens),
    "jieba": Tokenizer("jieba", _jieba_tokens),
}


def get_tokenizer(name: str) -> Tokenizer:
    try:
        return TOKENIZERS[name]
    except KeyError:
        raise ValueError(
            f"未知的分词方式 {name!r}；可用：{', '.join(TOKENIZERS)}。"
            f" Unknown tokenizer {name!r}; use one of {', '.join(TOKENIZERS)}."
        ) from None
