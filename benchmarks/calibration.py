"""Is the naive-Bayes ranking over- or under-confident, and would tempering the ratios help?

Raises every likelihood ratio (and age/sex factor) to a power a, fitted on dev.yaml only, and
prints the Brier score of the top cause and top-1 accuracy on dev and on the voices set for each a.
a < 1 tempers an over-confident model, a > 1 sharpens an under-confident one. The knowledge keeps
a = 1 unless a value improves both calibration and accuracy on dev and holds on voices.

Run: python benchmarks/calibration.py
A measurement, not a test: it prints figures and never fails.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from kneecheck.evaluation import evaluate_vignettes
from kneecheck.knowledge import load_knowledge
from kneecheck.triage import Engine

ROOT = Path(__file__).resolve().parents[1]
SETS = {
    name: yaml.safe_load((ROOT / "tests" / "vignettes" / f"{name}_encoded.yaml").read_text())
    for name in ("dev", "voices")
}


def engine_with_power(power: float) -> Engine:
    kb = load_knowledge()
    conditions = []
    for c in kb.conditions:
        ratios = [
            lr.model_copy(update={"lr_pos": lr.lr_pos**power, "lr_neg": lr.lr_neg**power}) for lr in c.likelihood_ratios
        ]
        conditions.append(c.model_copy(update={"likelihood_ratios": ratios}))
    return Engine(type(kb)(**{**kb.__dict__, "conditions": conditions}))


def main() -> None:
    print("power   dev: Brier  top-1   voices: Brier  top-1")
    for power in (0.6, 0.8, 1.0, 1.2, 1.4):
        engine = engine_with_power(power)
        row = []
        for raw in SETS.values():
            report = evaluate_vignettes(raw, assessor=engine.assess)
            row.append(f"{report.brier_top1:.3f}  {report.top1:6.1%}")
        print(f"{power:>5}        " + "        ".join(row))


if __name__ == "__main__":
    main()
