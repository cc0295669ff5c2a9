"""The reader's resources: YAML files in knowledge/text/, loaded once."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from kneecheck.knowledge._yaml import load_yaml


@cache
def text_resource(name: str) -> Any:
    path = Path(str(resources.files("kneecheck.knowledge"))) / "text" / name
    return load_yaml(path.read_text(encoding="utf-8"))
