"""Screening many athletes: the same flags as each one's own report, what needs attention first."""

from __future__ import annotations

import json
from datetime import date, timedelta

from conftest import kneecheck
from hypothesis import given, settings
from hypothesis import strategies as st

from kneecheck.load import Session, Shoe, build_report
from kneecheck.screen import ranked, screen_row

AS_OF = date(2026, 11, 22)


def runs(km_by_week: list[float]) -> list[Session]:
    out = []
    for week, km in enumerate(km_by_week):
        for d in (0, 2, 4):
            day = AS_OF - timedelta(days=7 * (len(km_by_week) - week) - 1 - d)
            out.append(Session(day, "running", km / 3 * 360, km / 3 * 1000))
    return out


def test_a_row_carries_the_same_flags_as_the_athletes_own_report_and_the_riskiest_comes_first():
    steady, ramp = runs([24, 24, 24, 24, 24]), runs([24, 24, 24, 24, 37])
    worn = [Shoe("Old pair", 900.0)]
    rows = ranked([
        screen_row("steady", steady, [], AS_OF, shoe_limit_km=700),
        screen_row("ramp", ramp, [], AS_OF, shoe_limit_km=700),
        screen_row("worn", steady, worn, AS_OF, shoe_limit_km=700),
        screen_row("hurting", steady, [], AS_OF, shoe_limit_km=700, urgency="urgent", pain_now=6),
    ])  # fmt: skip
    assert [r.athlete for r in rows] == ["hurting", "ramp", "worn", "steady"]
    ramp_row = next(r for r in rows if r.athlete == "ramp")
    own = build_report("ramp", ramp, [], as_of=AS_OF, weeks=8, shoe_limit_km=700)
    assert ramp_row.flags == own.flags and ramp_row.running_change_pct == own.progression["running"]["change_pct"]
    assert next(r for r in rows if r.athlete == "worn").worn_shoes == ["Old pair"]
    assert len(ramp_row.weekly_minutes) >= 5


def test_kneecheck_screen_lists_every_athlete_in_a_database(tmp_path):
    db = str(tmp_path / "k.db")
    rows = "date,sport,duration_min,distance_km\n" + "".join(f"2026-11-{d:02d},running,40,7\n" for d in range(1, 22, 2))
    (tmp_path / "log.csv").write_text(rows)
    for name in ("ann", "ben"):
        assert kneecheck("load", "--db", db, "--athlete", name, "import", str(tmp_path / "log.csv")).returncode == 0
    listed = json.loads(kneecheck("screen", "--db", db, "--as-of", "2026-11-22", "--json").stdout)
    assert sorted(r["athlete"] for r in listed) == ["ann", "ben"]
    assert all(r["status"] for r in listed)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 200),  # days before AS_OF
            st.sampled_from(["running", "running", "cycling", "walking"]),
            st.integers(10, 150),  # minutes
            st.one_of(st.none(), st.floats(500, 30_000)),
            st.sampled_from([None, "road_or_concrete", "trail"]),
            st.one_of(st.none(), st.integers(1, 10)),  # RPE
        ),
        min_size=1,
        max_size=80,
    ),
    st.sampled_from([AS_OF, AS_OF + timedelta(days=1), AS_OF + timedelta(days=4)]),  # a Sunday, Monday, Thursday
)
def test_a_row_from_the_window_it_needs_equals_the_row_from_all_the_history(acts, as_of):
    from kneecheck.screen import window_start

    history = [
        Session(as_of - timedelta(days=back), sport, minutes * 60.0, metres, rpe=rpe, surface=surface)
        for back, sport, minutes, metres, surface, rpe in acts
    ]
    since = window_start(as_of)
    window = [s for s in history if s.local_date >= since]
    first = since if any(s.local_date < since for s in history) else None
    whole = screen_row("x", history, [], as_of, shoe_limit_km=700)
    last = max(s.local_date for s in history)
    cut = screen_row("x", window, [], as_of, shoe_limit_km=700, first=first, last_workout=last)
    assert cut.as_json() == whole.as_json()


def test_the_server_keeps_each_coachs_list_ready_and_recomputes_only_who_changed(tmp_path):
    import threading
    import time

    from kneecheck.store import Store
    from kneecheck.web import screening
    from kneecheck.web._accounts import coaches, create_user, grant

    path = tmp_path / "clinic.sqlite3"
    today = date.today()
    with Store(path) as db:
        create_user(db, "coach_kim", "correct horse battery", role="coach")
        for name in ("ann", "ben"):
            athlete = create_user(db, name, "correct horse battery")
            grant(db, athlete, "coach_kim")
            for back in range(1, 30, 2):
                db.add_session(athlete.athlete, sport="running", source_sport="running",
                               day=today - timedelta(days=back), minutes=40, distance_km=7)  # fmt: skip
    memo, stop = screening.RowMemo(), threading.Event()
    worker = threading.Thread(target=screening.keep_lists_ready, args=(path, memo, stop, 0.05), daemon=True)
    worker.start()
    deadline = time.monotonic() + 10
    while len(memo.rows) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    stop.set()
    worker.join(timeout=5)
    assert len(memo.rows) == 2  # both rows made before any coach asked
    with Store(path) as db:
        coach = coaches(db)[0]
        kept = {r.athlete: r for r in screening.coach_rows(db, coach, memo, today)}
        assert set(kept) == {"ann", "ben"}
        assert all(memo.rows[key][1] is kept[row.athlete] for key, (_, row) in memo.rows.items())
        ben = db.find_athlete("user:ben")
        assert ben is not None
        db.add_session(ben, sport="running", source_sport="running", day=today, minutes=95, distance_km=16)
        again = {r.athlete: r for r in screening.coach_rows(db, coach, memo, today)}
    assert again["ann"] is kept["ann"]  # nothing changed: the kept row
    assert again["ben"] is not kept["ben"] and again["ben"].last_workout == today.isoformat()


def test_a_kept_row_never_carries_health_records_to_a_load_only_grant(tmp_path):
    from kneecheck.diary import PainEntry
    from kneecheck.store import Store
    from kneecheck.web import screening
    from kneecheck.web._accounts import coaches, create_user, grant

    path, today = tmp_path / "clinic.sqlite3", date.today()
    with Store(path) as db:
        create_user(db, "coach_all", "correct horse battery", role="coach")
        create_user(db, "coach_load", "correct horse battery", role="coach")
        ann = create_user(db, "ann", "correct horse battery")
        grant(db, ann, "coach_all", "health")
        grant(db, ann, "coach_load", "load")
        db.add_session(ann.athlete, sport="running", source_sport="running", day=today, minutes=40, distance_km=7)
        db.add_entry(ann.athlete, PainEntry(pain_now=7))
        memo = screening.RowMemo()
        by_name = {c.username: c for c in coaches(db)}
        for _ in range(2):  # asked in turn, each from its kept row the second time
            full = screening.coach_rows(db, by_name["coach_all"], memo, today)
            narrow = screening.coach_rows(db, by_name["coach_load"], memo, today)
            assert full[0].pain_now == 7 and narrow[0].pain_now is None
        assert screening.coach_rows(db, by_name["coach_load"], memo, today)[0] is narrow[0]
