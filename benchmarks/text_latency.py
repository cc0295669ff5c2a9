"""Speed of reading free text: start-up of `kneecheck assess --text` and time per text after
start-up, against the issue's budget (start-up under 2 s, under 30 ms a text on these 2-core
machines) and against medspaCy's own pipeline (sentence splitting, target matcher, ConText) run
on the same texts in the same run, as the peer.

Run: pip install -e '.[bench]' && python benchmarks/text_latency.py [repeats]
A benchmark, not a test: it prints figures and never fails.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

from kneecheck import assess_text
from kneecheck.understand import understand

ROOT = Path(__file__).resolve().parents[1]
TEXTS = [
    v["text"]
    for name in ("dev.yaml", "voices.yaml")
    for v in yaml.safe_load((ROOT.parent / "shared" / "vignettes" / name).read_text())
]
STARTUP_BUDGET_S = 2.0
PER_TEXT_BUDGET_MS = 30.0


def startup(repeats: int) -> float:
    command = [sys.executable, "-m", "kneecheck", "assess", "--no-history", "--json", "--text", TEXTS[0]]
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def per_text(fn: object, repeats: int) -> float:
    call = fn  # type: ignore[assignment]
    call(TEXTS[0])  # load resources outside the timing
    times = []
    for _ in range(repeats):
        for text in TEXTS:
            start = time.perf_counter()
            call(text)
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main(repeats: int = 3) -> None:
    s = startup(5)
    print(f"start-up of kneecheck assess --text (median of 5): {s:.2f} s  (budget {STARTUP_BUDGET_S} s: "
          f"{s / STARTUP_BUDGET_S:.2f} of it)")  # fmt: skip
    read_ms = per_text(understand, repeats)
    whole_ms = per_text(assess_text, repeats)
    print(f"{len(TEXTS)} texts x {repeats}: reading {read_ms:.1f} ms, reading and assessing {whole_ms:.1f} ms "
          f"a text (median; budget {PER_TEXT_BUDGET_MS} ms: {whole_ms / PER_TEXT_BUDGET_MS:.2f} of it)")  # fmt: skip
    try:
        import medspacy
    except ImportError:
        print("medspaCy is not installed (pip install -e '.[bench]'): no peer figure", file=sys.stderr)
        return
    try:  # PyRuSH logs every sentence at debug level through loguru; that is not the peer's speed
        from loguru import logger

        logger.remove()
    except ImportError:
        pass
    nlp = medspacy.load()
    peer_ms = per_text(nlp, repeats)
    print(f"medspaCy default pipeline on the same texts: {peer_ms:.1f} ms a text; "
          f"kneecheck reading / medspaCy = {read_ms / peer_ms:.2f}")  # fmt: skip


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
