"""Does an assessment's cost grow with years of stored workouts?

Times the assessment path of the web API (read the training factors from the store, then assess)
for a person with no workouts and for one with 5,000 workouts over ten years, the last one a year
before the pain began. The target is within 20 % of the empty database.

Run: python benchmarks/history_cost.py [repeats]
A benchmark, not a test: it prints figures and never fails.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kneecheck import Answers, assess
from kneecheck.store import Store
from kneecheck.web.load import history_for

ANSWERS = Answers(hours_since_onset=72, how_it_started=["no_injury"], where=["outside"], sports=["running"])


def fill(store: Store, count: int) -> None:
    athlete = store.athlete("me")
    last = datetime.now(UTC).date() - timedelta(days=365)
    first = last - timedelta(days=3650)
    for i in range(count):
        day = first + timedelta(days=i * 3650 // count)
        store.add_session(athlete, sport="running", source_sport="running", day=day, minutes=40, distance_km=8)


def per_assessment(store: Store, repeats: int) -> float:
    athlete = store.athlete("me")
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        assess(ANSWERS, history=history_for(store, athlete, ANSWERS))
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main(repeats: int = 200) -> None:
    with tempfile.TemporaryDirectory() as folder:
        empty, full = Store(Path(folder) / "empty.sqlite3"), Store(Path(folder) / "full.sqlite3")
        fill(full, 5000)
        base = per_assessment(empty, repeats)
        loaded = per_assessment(full, repeats)
        print(f"assessment with no workouts: {base:.2f} ms; with 5,000 over ten years: {loaded:.2f} ms")
        print(f"ratio {loaded / base:.2f} (target: at most 1.20)")
        empty.close()
        full.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
