"""The coach's list for 300 athletes, end to end over HTTP: a real server (uvicorn, server mode, the
embedded SQLite database), a coach logged in, `GET /api/v1/screening` and the `/screening` page
timed from the client, each repeated; beside them, the floor: the same athletes' windowed sessions
read from the same database with no metrics at all.

Each athlete has a year of training (3-6 days a week, several sports, shoes, surfaces, RPE on half
of them); half granted the coach their health records too, with assessments and diary entries.

Run: python benchmarks/coach_page_bench.py [ATHLETES]   (default 300; the bar is 200 ms)
A benchmark, not a test: it prints figures and never fails.
"""

from __future__ import annotations

import json
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import httpx
import uvicorn

from kneecheck.screen import window_start
from kneecheck.store import Store
from kneecheck.web import Settings, create_app
from kneecheck.web._accounts import create_user
from kneecheck.web.screening import RowMemo

PASSWORD = "correct horse battery"
SPORTS = ["running"] * 6 + ["cycling", "cycling", "strength", "walking"]


def fill(db: Path, athletes: int) -> None:
    rng = random.Random(3)
    today = date.today()
    with Store(db) as store:
        coach_id = create_user(store, "coach", PASSWORD, role="coach").id
        digest = store.db.execute("SELECT password_hash FROM users WHERE id = ?", (coach_id,)).fetchone()[0]
        with store.transaction() as tx:
            for n in range(athletes):  # the accounts in SQL, sharing one password hash (hashing is not measured)
                athlete_id = tx.execute(
                    "INSERT INTO athletes (name, time_zone, created_utc) VALUES (?, 'UTC', ?)",
                    (f"user:athlete{n:03d}", f"{today}T00:00:00Z"),
                ).lastrowid
                tx.execute(
                    "INSERT INTO users (username, password_hash, role, athlete_id, created_utc) VALUES (?, ?, ?, ?, ?)",
                    (f"athlete{n:03d}", digest, "athlete", athlete_id, f"{today}T00:00:00Z"),
                )
                scope = "health" if n % 2 else "load"
                tx.execute(
                    "INSERT INTO grants (athlete_id, coach_user_id, granted_utc, scope) VALUES (?, ?, ?, ?)",
                    (athlete_id, coach_id, f"{today}T00:00:00Z", scope),
                )
                shoe = tx.execute(
                    "INSERT INTO shoes (athlete_id, name) VALUES (?, ?)", (athlete_id, f"pair {n}")
                ).lastrowid
                per_week, usual = rng.randint(3, 6), rng.uniform(30, 80)
                rated = rng.random() < 0.5
                rows = []
                for back in range(365):
                    if rng.random() > per_week / 7:
                        continue
                    day = today - timedelta(days=back)
                    sport = rng.choice(SPORTS)
                    minutes = usual * rng.uniform(0.6, 1.5)
                    rows.append((
                        athlete_id, sport, sport, f"{day}T07:00:00Z", day.isoformat(), minutes * 60, minutes * 60,
                        None if sport == "strength" else minutes * (170 if sport == "running" else 400),
                        rng.randint(2, 9) if rated else None, shoe if sport in ("running", "walking") else None,
                        rng.choice(["road_or_concrete", "trail"]) if sport == "running" else None,
                    ))  # fmt: skip
                tx.executemany(
                    """INSERT INTO activities (athlete_id, sport, source_sport, start_utc, local_date, elapsed_s,
                       moving_s, distance_m, rpe, shoe_id, surface) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    rows,
                )
                if scope == "health":
                    for k in range(5):
                        at = f"{today - timedelta(days=7 * k)}T08:00:00Z"
                        tx.execute(
                            """INSERT INTO assessments (athlete_id, at_utc, answers, knowledge_version, urgency,
                               result) VALUES (?, ?, '{}', 'bench', ?, '{}')""",
                            (athlete_id, at, rng.choice(["self_care", "routine", "urgent"])),
                        )
                        tx.execute(
                            "INSERT INTO diary (athlete_id, at_utc, pain_now, entry) VALUES (?, ?, ?, ?)",
                            (athlete_id, at, rng.randint(0, 7), json.dumps({"pain_now": 3})),
                        )


def floor(db: Path) -> float:
    """Only the reads: every granted athlete's windowed sessions, no metrics."""
    began = time.perf_counter()
    with Store(db) as store:
        since = window_start(date.today())
        for (athlete_id,) in store.db.execute("SELECT athlete_id FROM grants").fetchall():
            store.db.execute(
                "SELECT * FROM activities WHERE athlete_id = ? AND local_date >= ?", (athlete_id, since.isoformat())
            ).fetchall()
    return time.perf_counter() - began


def main() -> None:
    athletes = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "clinic.sqlite3"
        fill(db, athletes)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        app = create_app(Settings(db_path=db, multi_user=True))
        server = uvicorn.Server(uvicorn.Config(app, port=port, log_level="warning"))
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as coach:
            reply = coach.post("/api/v1/session", json={"username": "coach", "password": PASSWORD})
            reply.raise_for_status()
            coach.headers["X-CSRF-Token"] = reply.json()["csrf"]
            coach.get("/api/v1/screening").raise_for_status()  # the process warmed up (knowledge read)

            def timed(path: str, before: Callable[[], None]) -> list[float]:
                times = []
                for _ in range(9):
                    before()
                    began = time.perf_counter()
                    coach.get(path).raise_for_status()
                    times.append(time.perf_counter() - began)
                return times

            def new_day() -> None:  # every row computed again, as on the first request of a day
                app.state.screen_rows = RowMemo()

            def one_change() -> None:  # one athlete's new workout: that row computed again
                with Store(db) as store:
                    store.db.execute("UPDATE activities SET rpe = 5 WHERE id = (SELECT max(id) FROM activities)")

            for label, before in (("every row computed", new_day), ("nothing changed", lambda: None),
                                  ("one athlete changed", one_change)):  # fmt: skip
                for path in ("/api/v1/screening", "/screening"):
                    times = timed(path, before)
                    print(f"GET {path} ({label}): median {1000 * statistics.median(times):.0f} ms, "
                          f"slowest {1000 * max(times):.0f} ms")  # fmt: skip
            print(f"{len(coach.get('/api/v1/screening').json())} athletes listed")
        server.should_exit = True
        base = statistics.median(floor(db) for _ in range(5))
        print(f"floor (the windowed sessions read, no metrics): {1000 * base:.0f} ms")


if __name__ == "__main__":
    main()
