"""The versioned rule files shipped with fazhi (taxonomy, rules, rubric, chrome patterns).

They are data so that a user can read and change them without touching code; a user's own copy
can be passed wherever a loaded file is accepted.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml


def data_path(name: str) -> Path:
    return Path(str(resources.files("fazhi.data").joinpath(name)))


@cache
def load_yaml(name: str) -> Any:
    """A shipped YAML file, parsed once per process (the files are read-only at run time)."""
    return yaml.safe_load(data_path(name).read_text(encoding="utf-8"))


def read_yaml_file(path: str | Path) -> Any:
    """A user's own rule file, read fresh each time so edits take effect."""
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


def layered_version(data: Mapping[str, Any], extra: Mapping[str, Any] | None) -> str:
    """The version of a shipped file with a user's file laid over it ("1+user"), so stored
    results say which rules made them."""
    version = str(data.get("version", "1"))
    return version + f"+{extra.get('version', 'user')}" if extra else version
