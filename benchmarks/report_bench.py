"""Time of `kneecheck load report` on ten years of daily history (about 5,000 activities).

Run: python benchmarks/report_bench.py
A benchmark, not a test: it prints figures and never fails. Bar from the load issue: under 1 s.
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from kneecheck.load import build_report
from kneecheck.store import Store


def fill(db: Path, activities: int = 5000) -> None:
    rng = random.Random(7)
    with Store(db) as store:
        athlete = store.athlete()
        day = date(2016, 1, 1)
        rows = []
        for i in range(activities):
            day += timedelta(days=rng.choice([0, 1, 1, 1, 2]))
            minutes = rng.uniform(20, 120)
            rows.append(
                (
                    athlete.id,
                    rng.choice(["running", "cycling", "walking"]),
                    f"{day}T07:00:{i % 60:02d}Z",
                    day.isoformat(),
                    minutes * 60,
                    minutes * 60,
                    minutes * 150,
                    rng.choice([None, 5, 7]),
                )
            )
        with store.transaction() as db_:
            db_.executemany(
                "INSERT INTO activities (athlete_id, sport, start_utc, local_date, elapsed_s, moving_s,"
                " distance_m, rpe) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "ten-years.sqlite3"
        fill(db)
        with Store(db) as store:
            athlete = store.athlete()
            start = time.perf_counter()
            sessions = store.sessions(athlete)
            report = build_report(athlete.name, sessions, store.shoes(athlete), as_of=date(2026, 1, 1), weeks=12)
            inside = time.perf_counter() - start
        print(
            f"{len(sessions)} activities over {len(report.weeks)} shown weeks: "
            f"load + report in process {inside * 1000:.0f} ms"
        )
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "kneecheck", "load", "--db", str(db), "report", "--json", "--as-of", "2026-01-01"],
            check=True,
            capture_output=True,
        )
        print(
            f"`kneecheck load report --json` as a command (with Python start-up): "
            f"{time.perf_counter() - start:.2f} s (bar: under 1 s)"
        )


if __name__ == "__main__":
    main()
