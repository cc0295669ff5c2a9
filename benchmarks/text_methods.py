"""How the free-text reader's parts earn their place: the development vignettes read from text
with the full reader, without the uncertainty scope, and without any negation handling.

Run: python benchmarks/text_methods.py
A measurement, not a test: it prints figures and never fails.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

import kneecheck.understand._extract as reader
from kneecheck.evaluation import evaluate_vignettes

VIGNETTES = Path(__file__).resolve().parents[1] / "tests" / "vignettes" / "dev_encoded.yaml"
NEVER = re.compile(r"(?!x)x")


def measure(label: str, raw: list[dict]) -> None:
    r = evaluate_vignettes(raw, from_text=True)
    print(
        f"{label:<44} precision {r.finding_precision:.3f}  recall {r.finding_recall:.3f}  "
        f"urgency exact {r.urgency_exact:.1%}  under-triage {r.under_triage}  top-1 {r.top1:.1%}  top-3 {r.top3:.1%}"
    )


def main() -> None:
    raw = yaml.safe_load(VIGNETTES.read_text())
    negation, uncertain = reader.NEGATION, reader.UNCERTAIN
    measure("lexicon + negation + uncertainty scopes", raw)
    reader.UNCERTAIN = NEVER
    measure("lexicon + negation, no uncertainty scope", raw)
    reader.NEGATION = NEVER
    measure("lexicon only (no negation, no uncertainty)", raw)
    reader.NEGATION, reader.UNCERTAIN = negation, uncertain


if __name__ == "__main__":
    main()
