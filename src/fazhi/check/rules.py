"""Rule sets and local configuration, read from YAML.

The shipped ``data/rules.yaml`` and ``data/check_config.yaml`` are read once per process. A
user's file can stand alone (``from_file``) or be laid over the shipped one (``with_file``): a
rule with a new id is added, a rule with a shipped id changes only the keys it gives (so
``{id: timeliness.signed_in_quarter, enabled: false}`` is a whole file), and the result is
checked when loaded, so a typo in a rule file is reported before any report is read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from fazhi.check.registry import VERDICTS, get_kind, kind_names
from fazhi.data import layered_version, load_yaml, read_yaml_file
from fazhi.model import LEVELS

_MONTH_DAY = re.compile(r"^(\d{1,2})-(\d{1,2})$")
# One level of merging below a rule: a user's `params: {min_share: 0.4}` keeps the other params.
_NESTED = ("title", "params", "messages")


class RuleError(ValueError):
    """A rule, rubric or configuration file that cannot be used, and what to do about it."""


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    kind: str
    title: Mapping[str, str]
    basis: str | None
    params: Mapping[str, Any]
    # verdict (or verdict.reason, e.g. unknown.no_year) → language → template
    messages: Mapping[str, Mapping[str, str]]
    enabled: bool = True
    levels: frozenset[str] | None = None
    prepared: Any = None  # what the kind compiled from params (see registry.Kind.prepare)

    def title_in(self, lang: str) -> str:
        return self.title.get(lang) or self.title.get("zh") or self.id

    def template(self, verdict: str, lang: str, reason: str | None = None) -> str | None:
        return pick_template(self.messages, verdict, lang, reason)


def pick_template(
    messages: Mapping[str, Mapping[str, str]], verdict: str, lang: str, reason: str | None = None
) -> str | None:
    """The message for a verdict, the one for its reason first where there is one, in ``lang``
    or else in Chinese."""
    for key in (f"{verdict}.{reason}", verdict) if reason else (verdict,):
        by_lang = messages.get(key) or {}
        if text := by_lang.get(lang) or by_lang.get("zh"):
            return text
    return None


def alternation(patterns: list[str]) -> re.Pattern[str]:
    """One pattern for a rule's list of patterns, so a text costs one search; an empty list
    matches nothing."""
    return re.compile("|".join(f"(?:{p})" for p in patterns) or "(?!)")


@dataclass(frozen=True, slots=True)
class CheckConfig:
    """What differs between places rather than between rules: stricter local deadlines."""

    # level → (month, day) in the year after the report year; a report is late on that day.
    local_deadlines: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    version: str = "1"

    @classmethod
    def from_data(
        cls, data: Mapping[str, Any] | None, extra: Mapping[str, Any] | None = None
    ) -> CheckConfig:
        data = dict(data or {})
        raw = dict(data.get("local_deadlines") or {})
        if extra:
            raw.update(extra.get("local_deadlines") or {})
        return cls(
            local_deadlines={lv: _local_deadline(lv, v) for lv, v in raw.items() if v},
            version=layered_version(data, extra),
        )

    @classmethod
    def default(cls) -> CheckConfig:
        return _default_config()

    @classmethod
    def from_file(cls, path: str | Path) -> CheckConfig:
        return cls.from_data(read_rule_file(path))

    @classmethod
    def with_file(cls, path: str | Path) -> CheckConfig:
        return cls.from_data(load_yaml("check_config.yaml"), read_rule_file(path))


def month_day(value: Any) -> tuple[int, int]:
    """ "03-01" as (3, 1); a ValueError for anything that is not a day of every year (02-30,
    13-01, and 02-29, which most years lack)."""
    m = _MONTH_DAY.match(str(value).strip())
    if m is None:
        raise ValueError(f"{value!r} is not MM-DD")
    md = int(m.group(1)), int(m.group(2))
    dt.date(2001, *md)
    return md


def _local_deadline(level: str, value: Any) -> tuple[int, int]:
    if level not in LEVELS:
        raise RuleError(
            f"本地期限的层级「{level}」不存在。请使用 {', '.join(LEVELS)} 之一。"
            f" (unknown level {level!r} in local_deadlines)"
        )
    try:
        return month_day(value)
    except ValueError as exc:
        raise RuleError(
            f'层级 {level} 的本地期限「{value}」不是“月-日”格式。请写成 "03-01" 这样的形式。'
            f' (local deadline must look like "03-01")'
        ) from exc


@cache
def _default_config() -> CheckConfig:
    return CheckConfig.from_data(load_yaml("check_config.yaml"))


@dataclass(frozen=True, slots=True)
class RuleSet:
    version: str
    rules: tuple[Rule, ...]
    # Messages the engine itself gives (a rule limited to other levels, an unknown level).
    common: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    # Local settings carried with the rules, so ``analyze(text, rules=...)`` can pass both.
    config: CheckConfig | None = None

    @classmethod
    def from_data(cls, data: Mapping[str, Any], extra: Mapping[str, Any] | None = None) -> RuleSet:
        """The rules of ``data``, with ``extra`` laid over them id by id."""
        entries = _entries(data)
        kind_messages = dict(data.get("messages") or {})
        common = dict(data.get("common") or {})
        if extra:
            for rid, over in _entries(extra).items():
                entries[rid] = _merge(entries[rid], over) if rid in entries else over
            for k, msgs in (extra.get("messages") or {}).items():
                kind_messages[k] = {**kind_messages.get(k, {}), **msgs}
            common.update(extra.get("common") or {})
        rules = tuple(_build(d, kind_messages) for d in entries.values())
        return cls(version=layered_version(data, extra), rules=rules, common=common)

    @classmethod
    def default(cls) -> RuleSet:
        return _default_rules()

    @classmethod
    def from_file(cls, path: str | Path) -> RuleSet:
        """A user's complete rule set: none of the shipped rules, but their messages, so a
        rule of a shipped kind still speaks unless the file words it otherwise."""
        shipped = load_yaml("rules.yaml")
        words = {"messages": shipped.get("messages"), "common": shipped.get("common")}
        return cls.from_data(words, read_rule_file(path))

    @classmethod
    def with_file(cls, path: str | Path) -> RuleSet:
        """The shipped rules with a user's file laid over them."""
        return cls.from_data(load_yaml("rules.yaml"), read_rule_file(path))

    def configured(self, config: CheckConfig) -> RuleSet:
        return replace(self, config=config)

    def get(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    @property
    def enabled(self) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.enabled)


@cache
def _default_rules() -> RuleSet:
    return RuleSet.from_data(load_yaml("rules.yaml"))


def read_rule_file(path: str | Path) -> dict[str, Any]:
    """A user's YAML file, or a RuleError that says which file and why."""
    try:
        data = read_yaml_file(path)
    except OSError as exc:
        raise RuleError(
            f"{path}: 无法读取（{exc.strerror or exc}）。请检查路径。 (cannot read the file)"
        ) from exc
    except yaml.YAMLError as exc:
        raise RuleError(
            f"{path}: 不是有效的 YAML（{exc}）。请检查缩进和引号。 (not valid YAML)"
        ) from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise RuleError(f"{path}: 文件内容应是一个映射（键: 值）。 (expected a mapping)")
    return data


def _entries(data: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for n, d in enumerate(data.get("rules") or []):
        if not isinstance(d, dict) or not d.get("id"):
            raise RuleError(f"第 {n + 1} 条规则没有 id。请为每条规则写上 id。 (rule without id)")
        out[str(d["id"])] = dict(d)
    return out


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    merged = {**base, **over}
    for key in _NESTED:
        if isinstance(base.get(key), dict) and isinstance(over.get(key), dict):
            merged[key] = {**base[key], **over[key]}
    return merged


def _build(d: dict[str, Any], kind_messages: Mapping[str, Any]) -> Rule:
    rid = str(d["id"])
    kind_name = d.get("kind")
    k = get_kind(str(kind_name)) if kind_name else None
    if k is None:
        raise RuleError(
            f"规则 {rid}：kind「{kind_name}」不存在。可用的 kind 有：{', '.join(kind_names())}。"
            f" (unknown kind)"
        )
    levels = d.get("levels")
    if levels is not None and not set(levels) <= set(LEVELS):
        raise RuleError(
            f"规则 {rid}：levels 只能取 {', '.join(LEVELS)}。 (unknown level in {levels})"
        )
    messages = {**kind_messages.get(k.name, {}), **(d.get("messages") or {})}
    if bad := {m for m in messages if m.split(".", 1)[0] not in VERDICTS}:
        raise RuleError(
            f"规则 {rid}：messages 的键应是 {', '.join(VERDICTS)} 之一（可加 .原因，如"
            f" unknown.no_year）。 (unknown message keys {sorted(bad)})"
        )
    title = d.get("title") or {}
    params = dict(d.get("params") or {})
    rule = Rule(
        id=rid,
        kind=k.name,
        title={"zh": title} if isinstance(title, str) else dict(title),
        basis=d.get("basis"),
        params=params,
        messages=messages,
        enabled=bool(d.get("enabled", True)),
        levels=frozenset(levels) if levels is not None else None,
    )
    if k.prepare is None:
        return rule
    try:
        return replace(rule, prepared=k.prepare(params))
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise RuleError(
            f"规则 {rid}（{k.name}）：参数有误（{type(exc).__name__}: {exc}）。"
            f"请对照 docs/checks.md 中该 kind 的参数说明修改。 (bad params)"
        ) from exc
