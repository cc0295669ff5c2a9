from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ENCODED_VIGNETTES = ROOT / "tests" / "vignettes" / "dev_encoded.yaml"
ENCODED_VOICES = ROOT / "tests" / "vignettes" / "voices_encoded.yaml"
SHARED_VIGNETTES = ROOT.parent / "shared" / "vignettes" / "dev.yaml"


@pytest.fixture
def root() -> Path:
    return ROOT


CORPUS = ROOT.parent / "shared" / "corpus" / "activities"


def kneecheck(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the `kneecheck` command as a person would; without --db it sees an empty history,
    whatever the developer's own database holds."""
    fresh = os.path.join(tempfile.mkdtemp(prefix="kneecheck-test-"), "none.sqlite3")  # a new one each run
    env = {**os.environ, "KNEECHECK_DB": fresh}
    return subprocess.run(
        [sys.executable, "-m", "kneecheck", *args], input=stdin, capture_output=True, text=True, timeout=120, env=env
    )
