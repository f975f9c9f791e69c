"""Checks: each report held against the law, every verdict with the rule it comes from and the
spans of text that prove it, and a score whose every point can be traced.

Rules, the rubric and local deadlines are data (``data/rules.yaml``, ``data/rubric.yaml``,
``data/check_config.yaml``); the code holds only the kinds of check they name.
"""

from __future__ import annotations

from fazhi.check.engine import evaluate
from fazhi.check.registry import KINDS, Outcome, kind, kind_names
from fazhi.check.rules import CheckConfig, Rule, RuleError, RuleSet
from fazhi.check.score import Rubric

__all__ = [
    "KINDS",
    "CheckConfig",
    "Outcome",
    "Rubric",
    "Rule",
    "RuleError",
    "RuleSet",
    "evaluate",
    "kind",
    "kind_names",
]
