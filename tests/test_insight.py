"""Why me, why now: factors from a person's own workouts, counted back from the onset."""

from __future__ import annotations

import json
from datetime import date, timedelta

from conftest import kneecheck

from kneecheck.insight import why
from kneecheck.load import Session

ONSET = date(2026, 11, 20)  # a Friday: calendar weeks would split the week before it


def run(days_before: int, km: float, **extra) -> Session:
    return Session(ONSET - timedelta(days=days_before), "running", km * 360, km * 1000, **extra)


def base(weeks: int = 8, km: float = 8.0) -> list[Session]:
    """Three runs a week for `weeks` weeks, ending 8 days before onset."""
    return [run(8 + 7 * w + d, km) for w in range(weeks) for d in (0, 2, 4)]


def test_a_rise_in_the_7_days_before_onset_is_ranked_first_with_its_numbers():
    sessions = base() + [run(d, 37 / 3) for d in (1, 3, 5)]
    found = why(sessions, [], ONSET, onset_from="test")
    top = found.factors[0]
    assert top.id == "too_much_too_soon"
    assert top.evidence.startswith("running went from 24 to 37 km (+54 %) in the 7 days before the pain started")
    assert "Nielsen" in top.source
    assert found.windows["running"]["7"] == {
        "unit": "km",
        "volume": 37.0,
        "before": 24.0,
        "change_pct": 54.2,
        "compared": True,
    }


def test_steady_training_says_plainly_that_there_is_no_training_error():
    sessions = base() + [run(d, 8) for d in (1, 3, 5)]
    found = why(sessions, [], ONSET, onset_from="test")
    assert found.factors == []
    assert found.summary.startswith("Your stored workouts show no training error")


def test_a_half_recorded_period_before_is_not_compared():
    sessions = base(weeks=2) + [run(d, 8) for d in (1, 3, 5)]  # records start 22 days before onset
    windows = why(sessions, [], ONSET, onset_from="test").windows["running"]
    assert windows["28"]["change_pct"] is None and windows["28"]["compared"] is False
    assert windows["7"]["change_pct"] == 0.0


def test_a_return_a_new_sport_new_shoes_and_squat_form_are_named():
    comeback = [run(40 + d, 8) for d in range(0, 21, 2)] + [run(d, 10) for d in (1, 3, 5)]
    assert any("running again after" in f.evidence for f in why(comeback, [], ONSET, onset_from="t").factors)
    rides = [Session(ONSET - timedelta(days=d), "cycling", 3600, 30000) for d in range(1, 50, 2)]
    jumps = [Session(ONSET - timedelta(days=d), "basketball", 3600) for d in (2, 4, 6, 9)]
    found = why(rides + jumps, [], ONSET, onset_from="t")
    assert any(f.id == "new_activity" and f.evidence.startswith("basketball: 4 sessions") for f in found.factors)
    shod = base() + [run(d, 8, shoe="Vaporfly") for d in (1, 3, 5)]
    found = why(shod, [], ONSET, onset_from="t", answers={"knee_caves_in_on_squat": "yes"})
    ids = {f.id for f in found.factors}
    assert "poor_squat_form" in ids
    assert any("'Vaporfly' first worn" in f.evidence for f in found.factors)


def test_kneecheck_why_counts_back_from_the_diary_or_the_assessment(tmp_path):
    db = str(tmp_path / "k.db")
    today = date.today()
    rows = ["date,sport,duration_min,distance_km"]
    rows += [f"{today - timedelta(days=b)},running,48,8" for b in range(60, 9, -2)]
    rows += [f"{today - timedelta(days=b)},running,75,12.5" for b in (9, 7, 5)]
    (tmp_path / "log.csv").write_text("\n".join(rows) + "\n")
    assert kneecheck("load", "--db", db, "import", str(tmp_path / "log.csv")).returncode == 0
    nothing = kneecheck("why", "--db", db)
    assert nothing.returncode == 2 and "nothing says when the pain started" in nothing.stderr
    onset = today - timedelta(days=4)
    assert kneecheck("diary", "--db", db, "add", "--pain", "5", "--at", f"{onset} 09:00").returncode == 0
    found = json.loads(kneecheck("why", "--db", db, "--json").stdout)
    assert found["onset"] == onset.isoformat() and found["onset_from"].startswith("diary entry #")
    assert found["factors"][0]["id"] == "too_much_too_soon"
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"age": 30, "how_it_started": ["no_injury"], "hours_since_onset": 24 * 30}))
    assert kneecheck("assess", "--db", db, "--answers", str(answers)).returncode == 0
    found = json.loads(kneecheck("why", "--db", db, "--json").stdout)
    assert found["onset_from"].startswith("assessment #") and found["onset"] == (today - timedelta(days=30)).isoformat()
