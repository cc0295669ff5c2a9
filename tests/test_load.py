"""Training-load metrics on hand-made histories whose answers are known."""

from __future__ import annotations

import json
import math
import re
import threading
from dataclasses import asdict
from datetime import date, timedelta

import pytest
from conftest import kneecheck
from hypothesis import given, settings
from hypothesis import strategies as st

from kneecheck import assess
from kneecheck.load import (
    HeartRateProfile,
    Session,
    Shoe,
    acwr_ewma,
    acwr_rolling,
    build_report,
    daily,
    history_factors,
    trimp,
    weekly,
)

MONDAY = date(2026, 10, 5)


def run(day: date, minutes: float, km: float = 0.0, **extra) -> Session:
    return Session(local_date=day, sport="running", duration_s=minutes * 60, distance_m=km * 1000, **extra)


def steady(weeks: int, minutes_per_day: float = 30.0, start: date = MONDAY) -> list[Session]:
    return [run(start + timedelta(days=i), minutes_per_day, 5) for i in range(7 * weeks)]


def test_weekly_volume_and_change_with_the_10_and_30_percent_bands():
    sessions = steady(1) + [run(MONDAY + timedelta(days=7 + i), 33, 5) for i in range(7)]
    sessions += [run(MONDAY + timedelta(days=14 + i), 45, 5) for i in range(7)]
    weeks = weekly(daily(sessions))
    assert [round(w.minutes) for w in weeks] == [210, 231, 315]
    assert weeks[1].change_pct == pytest.approx(10.0)
    assert weeks[1].change_flag is None  # exactly 10 % is within the guideline
    assert weeks[2].change_pct == pytest.approx(36.4, abs=0.1)
    assert weeks[2].change_flag == "above 30 %"
    assert weeks[0].by_sport["running"].distance_km == pytest.approx(35)


def test_weeks_are_calendar_weeks_starting_monday():
    sunday, monday = date(2026, 10, 11), date(2026, 10, 12)
    weeks = weekly(daily([run(sunday, 30), run(monday, 40)]))
    assert [w.monday for w in weeks] == [date(2026, 10, 5), date(2026, 10, 12)]


def test_acwr_needs_28_days_and_is_one_for_a_steady_load():
    sessions = steady(6)
    days = daily(sessions)
    assert acwr_rolling(days, MONDAY + timedelta(days=20)).value is None
    steady_ratio = acwr_rolling(days, MONDAY + timedelta(days=41))
    assert steady_ratio.value == pytest.approx(1.0)
    assert "every day" in steady_ratio.note
    assert acwr_ewma(days, MONDAY + timedelta(days=41)).value == pytest.approx(1.0, abs=0.05)


def test_acwr_rolling_is_uncoupled_and_spikes_with_a_hard_week():
    sessions = steady(3) + [run(MONDAY + timedelta(days=21 + i), 60, 10) for i in range(7)]
    ratio = acwr_rolling(daily(sessions), MONDAY + timedelta(days=27))
    # acute 60 min/day against a chronic 30 min/day from the 21 days before (not including them)
    assert ratio.value == pytest.approx(2.0)


def test_days_without_records_are_reported_not_hidden():
    sessions = [run(MONDAY + timedelta(days=i), 30) for i in range(0, 35, 2)]
    ratio = acwr_rolling(daily(sessions), MONDAY + timedelta(days=34))
    assert "have no recorded session" in ratio.note and "only if every session is recorded" in ratio.note
    told = acwr_rolling(daily(sessions), MONDAY + timedelta(days=34), complete=True)
    assert "were rest days (you said every session is recorded)" in told.note
    assert told.value == ratio.value


def test_report_flags_in_words_with_sources_and_shoes_past_their_band():
    sessions = steady(4) + [run(MONDAY + timedelta(days=28 + i), 60, 10, surface="road_or_concrete") for i in range(7)]
    report = build_report("me", sessions, [Shoe("Pegasus", 820.0, 300.0)], as_of=MONDAY + timedelta(days=34))
    ids = [f["id"] for f in report.flags]
    assert "too_much_too_soon" in ids and "acwr_spike" in ids and "worn_shoes" in ids
    rise = next(f for f in report.flags if f["id"] == "too_much_too_soon")
    assert "+100 %" in rise["text"] and "Buist" in rise["source"] and "did not confirm" in rise["caveat"]
    assert report.weeks[-1]["hard_surface_pct"] == 100
    assert report.acwr["rolling_uncoupled"]["caveat"].startswith("The 0.8-1.3")
    assert {m["id"] for m in report.metrics} >= {"weekly_volume_change", "acwr_ewma", "monotony"}


def test_history_feeds_the_assessment_training_factors():
    sessions = steady(4) + [run(MONDAY + timedelta(days=28 + i), 60, 10) for i in range(7)]
    onset = MONDAY + timedelta(days=35)
    factors = history_factors(sessions, [], onset)
    result = assess({"age": 30, "where": ["around_kneecap"]}, history=factors)
    too_much = next(f for f in result.training_factors if f.id == "too_much_too_soon")
    assert too_much.evidence.startswith("from your workouts")
    assert "+100 %" in too_much.evidence


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(10, 180)), min_size=1, max_size=40), st.randoms())
def test_metrics_do_not_depend_on_the_order_of_sessions(entries, rng):
    sessions = [run(MONDAY + timedelta(days=d), m, m / 6) for d, m in entries]
    shuffled = sessions[:]
    rng.shuffle(shuffled)
    as_of = MONDAY + timedelta(days=60)
    assert build_report("me", sessions, [], as_of=as_of) == build_report("me", shuffled, [], as_of=as_of)


def test_cli_report_json_after_manual_entries(tmp_path):
    db = str(tmp_path / "k.db")

    def cli(*args):
        done = kneecheck("load", "--db", db, *args)
        assert done.returncode == 0, done.stderr
        return done.stdout

    cli("shoes", "add", "Pegasus", "--initial-km", "690", "--default-for", "running")
    for i in range(10):
        cli(
            "add",
            "--sport",
            "running",
            "--date",
            str(MONDAY + timedelta(days=i)),
            "--duration-min",
            "40",
            "--distance-km",
            "8",
            "--rpe",
            "5",
            "--shoes",
            "Pegasus",
        )
    report = json.loads(cli("report", "--json", "--as-of", str(MONDAY + timedelta(days=9)), "--weeks", "2"))
    assert [w["week"] for w in report["weeks"]] == ["2026-10-05", "2026-10-12"]
    assert report["weeks"][0]["srpe_load"] == 7 * 5 * 40
    assert report["shoes"][0]["distance_km"] == pytest.approx(770)
    assert report["shoes"][0]["past_band"] is True
    cli("shoes", "retire", "Pegasus")
    shoes = json.loads(cli("shoes", "list", "--json"))
    assert shoes[0]["retired"] is True and shoes[0]["distance_km"] == pytest.approx(770)


@pytest.mark.parametrize("suffix", [".png", ".svg", ".html"])
def test_weekly_chart_files_are_written_and_self_contained(tmp_path, suffix):
    from kneecheck.reports import weekly_volume_chart

    sessions = steady(2) + [run(MONDAY + timedelta(days=14 + i), 60, 10) for i in range(7)]
    report = build_report("me", sessions, [], as_of=MONDAY + timedelta(days=20), weeks=3)
    path = tmp_path / f"load{suffix}"
    weekly_volume_chart(report, path)
    data = path.read_bytes()
    if suffix == ".png":
        assert data.startswith(b"\x89PNG")
    else:
        assert b"<svg" in data and b"+100%" in data
        # nothing is fetched from the network: no external href, src or url() (namespaces are fine)
        assert not re.search(rb"(href|src)=[\"']https?:|url\(\s*['\"]?https?:", data)


def test_a_sudden_shift_to_hard_surfaces_is_flagged():
    trail = [run(MONDAY + timedelta(days=i), 40, 7, surface="trail") for i in range(21)]
    road = [run(MONDAY + timedelta(days=21 + i), 40, 7, surface="road_or_concrete") for i in range(7)]
    report = build_report("me", trail + road, [], as_of=MONDAY + timedelta(days=27))
    shift = [f for f in report.flags if f["id"] == "hard_surface"]
    assert shift and "sudden change of surface" in shift[0]["text"]


def test_assess_takes_training_factors_from_the_stored_history(tmp_path):
    db = str(tmp_path / "k.db")
    today = date.today()

    def kc(*args):
        done = kneecheck(*args)
        assert done.returncode == 0, done.stderr
        return done.stdout

    # four easy weeks, then a week of doubled training
    plan = [(back, "30", "5") for back in range(35, 7, -1)] + [(back, "75", "12") for back in range(7, 0, -1)]
    for back, minutes, km in plan:
        kc(
            "load",
            "--db",
            db,
            "add",
            "--sport",
            "running",
            "--date",
            str(today - timedelta(days=back)),
            "--duration-min",
            minutes,
            "--distance-km",
            km,
        )
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"age": 35, "where": ["outside"], "hours_since_onset": 12}))
    with_history = json.loads(kc("assess", "--answers", str(answers), "--db", db, "--json"))
    without = json.loads(kc("assess", "--answers", str(answers), "--db", db, "--no-history", "--json"))
    factor = next(f for f in with_history["training_factors"] if f["id"] == "too_much_too_soon")
    assert factor["evidence"].startswith("from your workouts")
    assert without["training_factors"] == []


def test_connections_opened_at_once_on_a_new_database_migrate_it_once(tmp_path):
    """A server's first requests arrive together: none may fail with 'table already exists'."""
    from concurrent.futures import ThreadPoolExecutor

    from kneecheck.store import Store

    path = tmp_path / "fresh.sqlite3"
    barrier = threading.Barrier(8)

    def open_store(_: int) -> int:
        barrier.wait()
        with Store(path) as store:
            return store.schema_version

    with ThreadPoolExecutor(8) as pool:
        versions = list(pool.map(open_store, range(8)))
    assert len(set(versions)) == 1 and versions[0] > 0


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 400), st.integers(10, 180), st.sampled_from(["road_or_concrete", "trail", None])),
        min_size=1,
        max_size=80,
    ),
    st.integers(0, 420),
)
def test_an_assessment_reads_only_the_weeks_it_needs_and_finds_the_same_factors(entries, onset_day):
    """The window read in SQL gives the same training factors as the whole history."""
    from datetime import UTC, datetime

    from kneecheck.load import history_before_onset, history_window_start

    sessions = [run(MONDAY + timedelta(days=d), m, km=m / 6, surface=s) for d, m, s in entries]
    now = datetime(MONDAY.year, MONDAY.month, MONDAY.day, 12, tzinfo=UTC) + timedelta(days=onset_day)
    hours = 24.0 * 3
    whole = history_before_onset(sessions, [], hours, now=now, shoe_limit_km=700)
    since = history_window_start(hours, now)
    window = [s for s in sessions if s.local_date >= since]
    earlier = any(s.local_date < since for s in sessions)
    windowed = history_before_onset(
        window, [], hours, now=now, shoe_limit_km=700, records_start=since if earlier else None
    )
    assert (windowed or []) == (whole or [])


# ------------------------------------------------------------------ flags a coach would sign
def three_a_week(weeks: int, km: float = 8.0, start: date = MONDAY) -> list[Session]:
    return [run(start + timedelta(days=7 * w + d), km * 6, km) for w in range(weeks) for d in (0, 2, 4)]


def test_steady_three_runs_a_week_raises_nothing_on_any_day():
    sessions = three_a_week(10)
    for back in range(7):
        report = build_report("me", sessions, [], as_of=MONDAY + timedelta(days=69 - back))
        assert report.flags == [] and report.status == "load is steady", (back, report.flags)
        assert report.acwr["ewma"]["band"] == "0.8-1.3", (back, report.acwr["ewma"])  # never 'low' on a Sunday


def test_a_comeback_after_three_weeks_off_is_its_own_flag():
    # 4 weeks of 24 km, 3 weeks off, then 48 km in 6 days
    sessions = three_a_week(4) + [run(MONDAY + timedelta(days=49 + d), 48, 8) for d in range(6)]
    report = build_report("me", sessions, [], as_of=MONDAY + timedelta(days=55))
    comeback = next(f for f in report.flags if f["id"] == "comeback")
    assert "running again after 23 days without it: 48 km in the last 7 days" in comeback["text"]
    assert report.status == "running again after 23 days off"  # last run on day 25, back on day 49


def test_a_switch_from_cycling_to_running_is_a_new_running_load():
    rides = [Session(MONDAY + timedelta(days=d), "cycling", 3600, 30_000) for d in range(0, 21)]
    runs = [run(MONDAY + timedelta(days=21 + d), 54, 9) for d in range(6)]
    report = build_report("me", rides + runs, [], as_of=MONDAY + timedelta(days=27))
    assert any(f["id"] == "comeback" and "54 km" in f["text"] for f in report.flags), report.flags


def test_the_rise_is_measured_on_rolling_windows_with_its_distance_over_the_line():
    # 4 weeks of 24 km, then 37 km: +54 % on the week before and on the usual week
    sessions = three_a_week(5) + [run(MONDAY + timedelta(days=35 + d), 60, 37 / 3) for d in (0, 2, 4)]
    report = build_report("me", sessions, [], as_of=MONDAY + timedelta(days=41))
    rise = next(f for f in report.flags if f["id"] == "too_much_too_soon")
    assert "running: 37 km in the last 7 days, +54 % on the 7 days before (24 km)" in rise["text"]
    assert "24 points over the 30 % line" in rise["text"]
    assert report.status == "running rose 54 % in the last 7 days"


def test_a_small_rise_is_a_note_not_an_alarm():
    sessions = [run(MONDAY + timedelta(days=7 * w), 25, 4) for w in range(5)] + [
        run(MONDAY + timedelta(days=35), 36, 6)
    ]
    report = build_report("me", sessions, [], as_of=MONDAY + timedelta(days=41))
    assert not [f for f in report.flags if f["id"] == "too_much_too_soon"]  # +50 %, but only 2 km
    assert any(n["id"] == "rise" and "+50 %" in n["text"] for n in report.notes)


def test_a_partial_first_week_and_the_week_still_running_are_not_compared():
    # records start on a Saturday; the report is read on a Wednesday
    sessions = [run(MONDAY + timedelta(days=5 + d), 30, 5) for d in range(2 + 7 + 3)]
    weeks = build_report("me", sessions, [], as_of=MONDAY + timedelta(days=16)).weeks
    assert [w["partial"] for w in weeks][-3:] == [True, False, True]
    assert weeks[-2]["change_pct"] is None and weeks[-1]["change_pct"] is None


def test_monotony_uses_session_rpe_and_a_constant_load_is_a_note():
    varied = [run(MONDAY + timedelta(days=d), 40, 6, rpe=3 if d % 2 else 8) for d in range(7)]
    week = weekly(daily(varied))[0]
    assert week.load_unit == "sRPE"
    loads = [(3 if d % 2 else 8) * 40 for d in range(7)]
    mean = sum(loads) / 7
    sd = (sum((x - mean) ** 2 for x in loads) / 7) ** 0.5
    assert week.monotony == pytest.approx(mean / sd)
    same = [run(MONDAY + timedelta(days=d), 40, 6, rpe=5) for d in range(7)]
    report = build_report("me", same, [], as_of=MONDAY + timedelta(days=6))
    assert report.weeks[-1]["constant_load"] and report.weeks[-1]["monotony"] is None
    assert any(n["id"] == "monotony" and "the same load every day" in n["text"] for n in report.notes)


def test_an_unknown_surface_stays_unknown():
    untagged = [run(MONDAY + timedelta(days=d), 40, 7) for d in range(21)]
    road = [run(MONDAY + timedelta(days=21 + d), 40, 7, surface="road_or_concrete") for d in range(7)]
    report = build_report("me", untagged + road, [], as_of=MONDAY + timedelta(days=27))
    assert [w["hard_surface_pct"] for w in report.weeks][-4:] == [None, None, None, 100]
    assert not [f for f in report.flags if f["id"] == "hard_surface"]


def test_the_onset_mid_week_reads_the_seven_days_before_the_pain():
    # the rise falls Thursday-Sunday, the pain begins on Monday: calendar weeks would split it
    sessions = three_a_week(4) + [run(MONDAY + timedelta(days=28 + d), 50, 8) for d in (0, 2)]
    sessions += [run(MONDAY + timedelta(days=31 + d), 60, 10) for d in range(4)]
    factors = history_factors(sessions, [], MONDAY + timedelta(days=35))
    rise = next(f for f in factors if f["id"] == "too_much_too_soon")
    assert "in the 7 days before the pain began" in rise["evidence"]
    assert "running: 56 km" in rise["evidence"]


def test_a_long_ago_history_ends_at_the_last_workout_with_empty_weeks_folded(tmp_path):
    log = tmp_path / "log.csv"
    days = [date(2024, 3, 4), date(2024, 3, 6), date(2024, 4, 29), date(2024, 5, 1)]
    log.write_text("date,sport,duration_min,distance_km\n" + "".join(f"{d},running,30,5\n" for d in days))
    db = str(tmp_path / "k.db")
    assert kneecheck("load", "--db", db, "import", str(log)).returncode == 0
    done = kneecheck("load", "--db", db, "report", "--weeks", "12")
    assert done.returncode == 0, done.stderr
    assert "Your last workout was on 01 May 2024: the report ends there" in done.stdout
    assert "2024-03-11 +6" in done.stdout and done.stdout.count("no workouts") == 1  # seven empty weeks, one line
    assert "acute:chronic" not in done.stdout  # after a break the comeback flag says it; a ratio on nothing does not


def test_the_json_gives_the_daily_series_and_each_pair_of_shoes_week_by_week():
    sessions = [run(MONDAY + timedelta(days=i), 30, 5, shoe="Pegasus" if i < 21 else "Clifton") for i in range(42)]
    report = build_report("me", sessions, [], as_of=MONDAY + timedelta(days=41), weeks=6)
    assert len(report.daily) == 42 and report.daily[-1]["day"] == (MONDAY + timedelta(days=41)).isoformat()
    assert report.daily[-1]["acwr_rolling"] == pytest.approx(1.0)
    assert report.daily[0]["acwr_rolling"] is None  # under 28 days of history
    assert 0 < report.daily[-1]["fitness"] < 30 and report.daily[-1]["minutes"] == 30
    assert [w["by_shoe_km"] for w in report.weeks][2:4] == [{"Pegasus": 35.0}, {"Clifton": 35.0}]
    json.dumps(asdict(report))  # plain JSON all through


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 80), st.integers(10, 180)), min_size=1, max_size=60))
def test_the_daily_series_agrees_with_the_ratios_of_the_day(entries):
    sessions = [run(MONDAY + timedelta(days=d), m, m / 6) for d, m in entries]
    as_of = MONDAY + timedelta(days=80)
    report = build_report("me", sessions, [], as_of=as_of, weeks=12)
    days = daily(sessions, last=as_of)
    for row in report.daily[-10:]:
        on = date.fromisoformat(row["day"])
        for key, ratio in (("acwr_rolling", acwr_rolling(days, on)), ("acwr_ewma", acwr_ewma(days, on))):
            expected = None if ratio.value is None else round(ratio.value, 3)
            assert row[key] == (pytest.approx(expected, abs=1e-3) if expected is not None else None)


def test_heart_rate_load_tells_hard_intervals_from_easy_jogging_and_ramp_rate_is_the_weekly_fitness_change():
    profile = HeartRateProfile(resting=50, maximum=190)
    easy = [run(MONDAY + timedelta(days=d), 60, 10, avg_hr=130) for d in range(0, 7, 2)]
    hard = [run(MONDAY + timedelta(days=7 + d), 60, 10, avg_hr=170) for d in range(0, 7, 2)]
    weeks = build_report("me", easy + hard, [], as_of=MONDAY + timedelta(days=13), heart_rate=profile).weeks
    reserve = (130 - 50) / 140
    assert weeks[-2]["trimp"] == round(4 * 60 * reserve * 0.64 * math.exp(1.92 * reserve))
    assert weeks[-2]["minutes"] == weeks[-1]["minutes"] and weeks[-1]["trimp"] > 1.5 * weeks[-2]["trimp"]
    female = trimp(hard[0], HeartRateProfile(50, 190, female=True))
    assert female == pytest.approx(60 * (120 / 140) * 0.86 * math.exp(1.67 * 120 / 140))
    assert trimp(run(MONDAY, 30), profile) is None  # no heart rate, no TRIMP
    # ramp rate: a constant 30 minutes a day for 30 days, fitness today minus a week ago
    a = 1 - math.exp(-1 / 42)
    perf = build_report("me", steady(5)[:30], [], as_of=MONDAY + timedelta(days=29)).performance
    assert perf is not None
    assert perf["ramp_rate"] == pytest.approx(round(30 * ((1 - a) ** 23 - (1 - a) ** 30), 1), abs=0.051)


def test_the_athlete_command_sets_the_zone_and_heart_rates_and_refuses_nonsense(tmp_path):
    db = str(tmp_path / "k.db")
    done = kneecheck("load", "--db", db, "athlete", "--tz", "Europe/Berlin", "--hr-rest", "50", "--hr-max", "190")
    assert done.returncode == 0, done.stderr
    assert "time zone Europe/Berlin; heart rate 50-190" in done.stdout
    assert kneecheck("load", "--db", db, "athlete", "--tz", "Mars/Olympus").returncode != 0
    refused = kneecheck("load", "--db", db, "athlete", "--hr-max", "400")
    assert refused.returncode != 0 and "between 100 and 240" in refused.stderr
