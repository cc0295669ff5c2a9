from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ENCODED_VIGNETTES = ROOT / "tests" / "vignettes" / "dev_encoded.yaml"
SHARED_VIGNETTES = ROOT.parent / "shared" / "vignettes" / "dev.yaml"


@pytest.fixture
def root() -> Path:
    return ROOT


CORPUS = ROOT.parent / "shared" / "corpus" / "activities"
