"""Latency of one assessment, over the 60 encoded development vignettes.

Run: python benchmarks/assess_latency.py [repeats]

No peer library does knee triage, so there is nothing to race in the same run; the figure is
reported against the issue's budget ("well under a millisecond per assessment") instead.
This is a benchmark, not a test: it never fails.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import yaml

from kneecheck import Answers, assess

VIGNETTES = Path(__file__).resolve().parents[1] / "tests" / "vignettes" / "dev_encoded.yaml"
BUDGET_US = 1000.0


def main(repeats: int = 200) -> None:
    cases = [Answers.model_validate(v["answers"]) for v in yaml.safe_load(VIGNETTES.read_text())]
    assess(cases[0])  # load the knowledge base outside the timing
    per_call: list[float] = []
    for _ in range(repeats):
        for answers in cases:
            start = time.perf_counter()
            assess(answers)
            per_call.append((time.perf_counter() - start) * 1e6)
    per_call.sort()
    median = statistics.median(per_call)
    p95 = per_call[int(len(per_call) * 0.95)]
    print(f"{len(per_call)} assessments: median {median:.0f} us, p95 {p95:.0f} us")
    print(f"median / 1 ms budget = {median / BUDGET_US:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
