"""YAML for the files kneecheck ships: read with libyaml's safe loader when PyYAML has it (its wheels
do), which reads the knowledge base several times faster than the pure-Python one; same results."""

from __future__ import annotations

from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_LOADER)
