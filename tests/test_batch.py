"""The batch screen (DuckDB over an activity table) agrees with the pure Python metrics on generated
histories, and refuses bad tables with the column or row named and no partial output."""

from __future__ import annotations

import csv
import statistics
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kneecheck.load import Session, Shoe, acwr_ewma, acwr_rolling, build_report, daily
from kneecheck.load._metrics import performance, progression
from kneecheck.screen._batch import InputProblem, screen_table

AS_OF = date(2026, 11, 20)
ZONES = ["UTC", "Europe/Berlin", "America/Los_Angeles", "Pacific/Auckland"]
FIELDS = ["athlete_id", "start_utc", "time_zone", "sport", "moving_s", "elapsed_s", "distance_m"]
OPTIONAL = ["descent_m", "rpe", "shoe_id", "surface"]
SHOE_LIMIT = 60.0  # low, so that generated histories wear shoes out

activity = st.tuples(
    st.integers(0, 80),  # days before AS_OF
    st.integers(0, 23),  # hour (UTC)
    st.sampled_from(["running", "running", "cycling", "walking"]),
    st.integers(10, 150),  # minutes
    st.one_of(st.none(), st.floats(500, 30_000)),  # distance, sometimes unknown
    st.one_of(st.none(), st.integers(0, 900)),  # descent
    st.integers(1, 10),  # RPE, given for every session of a rated athlete, some sessions of the others
    st.sampled_from([None, "s1", "s2"]),  # shoes
    st.sampled_from([None, "road_or_concrete", "road_or_concrete", "trail", "track"]),  # surface
)
# an athlete: time zone, whether every session carries an RPE, the activities
athletes = st.lists(
    st.tuples(st.sampled_from(ZONES), st.booleans(), st.lists(activity, min_size=1, max_size=30)),
    min_size=1,
    max_size=4,
)


def write_table(path, people, as_of: date = AS_OF) -> dict[str, list[Session]]:
    """People as (zone, activities) or (zone, rated, activities); an activity's fields past the
    distance are optional."""
    sessions: dict[str, list[Session]] = {}
    with path.open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow(FIELDS + OPTIONAL)
        for n, person in enumerate(people):
            zone, rated, acts = person if len(person) == 3 else (person[0], False, person[1])
            seen = set()
            for days, hour, sport, minutes, metres, *more in acts:
                descent, rpe, shoe, surface = [*more, None, None, None, None][:4]
                if not rated and rpe is not None and rpe % 3:
                    rpe = None  # an unrated athlete still rates a third of the sessions
                start = datetime.combine(as_of - timedelta(days=days), datetime.min.time(), UTC) + timedelta(hours=hour)
                if (start, sport) in seen:
                    continue
                seen.add((start, sport))
                out.writerow([f"a{n}", start.strftime("%Y-%m-%d %H:%M:%S"), zone, sport, minutes * 60, minutes * 60,
                              "" if metres is None else metres, "" if descent is None else descent,
                              "" if rpe is None else rpe, shoe or "", surface or ""])  # fmt: skip
                local = start.astimezone(ZoneInfo(zone)).date()
                sessions.setdefault(f"a{n}", []).append(
                    Session(local, sport, minutes * 60.0, metres, descent, rpe, surface, shoe)
                )
    return sessions


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(athletes, st.sampled_from([AS_OF, date(2026, 11, 22), date(2026, 11, 23)]))  # a Friday, Sunday, Monday
def test_duckdb_agrees_with_the_python_metrics(tmp_path, people, AS_OF):
    table = tmp_path / "acts.csv"
    python = write_table(table, people, AS_OF)
    rows = {r["athlete_id"]: r for r in screen_table(table, AS_OF, shoe_limit_km=SHOE_LIMIT)}
    for athlete, sessions in python.items():
        upto = [s for s in sessions if s.local_date <= AS_OF]
        if not upto:
            assert athlete not in rows
            continue
        row = rows[athlete]
        p = progression(upto, "running", AS_OF)
        if p is None:
            assert row["unit"] is None
        else:
            assert (row["unit"], row["last7"], row["prev7"], row["mean_week28"]) == (
                p.unit,
                p.last7,
                p.prev7,
                p.mean_week28,
            )
            assert (row["change_pct"], row["change_vs_mean_pct"], row["days_off_before"]) == (
                p.change_pct, p.change_vs_mean_pct, p.days_off_before)  # fmt: skip
        days = daily(upto, last=AS_OF)
        ratio = acwr_rolling(days, AS_OF).value
        assert row["acwr_rolling"] == (pytest.approx(ratio, rel=1e-9) if ratio is not None else None)
        ewma = acwr_ewma(days, AS_OF).value
        assert row["acwr_ewma"] == (pytest.approx(ewma, rel=1e-9) if ewma is not None else None)
        worn = sorted({s.shoe for s in upto if s.shoe and s.sport in ("running", "walking", "hiking")})
        shoes = [Shoe(name, sum(d.by_shoe.get(name, 0.0) for d in days)) for name in worn]
        report = build_report(athlete, upto, shoes, as_of=AS_OF, weeks=8, with_daily=False, shoe_limit_km=SHOE_LIMIT)
        got = row["flags"].split(",") if row["flags"] else []
        assert got == list(dict.fromkeys(f["id"] for f in report.flags))  # each flag once, in the report's order
        assert row["shoes_km"] == ",".join(f"{s.name}={round(s.distance_km, 1)}" for s in shoes)
        this_week = report.weeks[-1]
        assert row["monotony"] == (
            pytest.approx(this_week["monotony"], abs=0.006) if this_week["monotony"] is not None else None
        )
        assert (row["monotony_load"], row["constant_load"]) == (this_week["load_unit"], this_week["constant_load"])
        assert row["notes"] == ("monotony" if any(n["id"] == "monotony" for n in report.notes) else "")
        shifted = [f["week"] for f in report.flags if f["id"] == "hard_surface"]
        assert str(row["hard_surface_week"]) == (max(shifted) if shifted else "None")
        descent = sum(s.descent_m or 0 for s in upto if s.local_date > AS_OF - timedelta(days=7))
        assert (row["descent7_m"] or 0) == pytest.approx(descent)
        perf = performance(days, AS_OF)
        assert perf is not None
        assert row["fitness"] == pytest.approx(perf.fitness, rel=1e-9, abs=1e-9)
        assert row["fatigue"] == pytest.approx(perf.fatigue, rel=1e-9, abs=1e-9)


def test_the_output_file_is_written_whole(tmp_path):
    table = tmp_path / "acts.csv"
    write_table(table, [("UTC", [(1, 7, "running", 40, 8000.0), (3, 7, "running", 40, 8000.0)])])
    out = tmp_path / "rows.parquet"
    rows = screen_table(table, AS_OF, out)
    assert out.exists() and not list(tmp_path.glob(".*.partial"))
    assert duckdb.connect().execute("SELECT count(*) FROM read_parquet(?)", [str(out)]).fetchone()[0] == len(rows) == 1


@pytest.mark.parametrize(
    ("header", "row", "message"),
    [
        (FIELDS[:-1], ["a0", "2026-11-19 07:00:00", "UTC", "running", 2400, 2400], "'distance_m' is missing"),
        (FIELDS, ["a0", "2026-11-19 07:00:00", "UTC", "running", "forty", 2400, 8000], "'forty' in column 'moving_s'"),
        (FIELDS, ["a0", "2026-11-19 07:00:00", "UTC", "running", -5, -5, 8000], "duration out of range"),
        (FIELDS, ["a0", "2026-11-19 07:00:00", "Mars/Olympus", "running", 2400, 2400, 8000], "not a time zone"),
        ([*FIELDS, "rpe"], ["a0", "2026-11-19 07:00:00", "UTC", "running", 2400, 2400, 8000, 14], "rpe 14 is outside"),
        (
            [*FIELDS, "surface"],
            ["a0", "2026-11-19 07:00:00", "UTC", "running", 2400, 2400, 8000, "lava"],
            "surface 'lava' is not one of",
        ),
    ],
    ids=["missing column", "wrong type", "absurd value", "bad zone", "absurd rpe", "unknown surface"],
)
def test_a_bad_table_names_the_column_or_row_and_writes_nothing(tmp_path, header, row, message):
    table = tmp_path / "bad.csv"
    with table.open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow(header)
        out.writerow(row)
        out.writerow([*row[:1], "2026-11-18 07:00:00", *row[2:]])
    with pytest.raises(InputProblem, match=message):
        screen_table(table, AS_OF, tmp_path / "rows.csv")
    assert not (tmp_path / "rows.csv").exists()


def test_a_duplicate_activity_is_named(tmp_path):
    table = tmp_path / "dup.csv"
    with table.open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow(FIELDS)
        out.writerows([["a0", "2026-11-19 07:00:00", "UTC", "running", 2400, 2400, 8000]] * 2)
    with pytest.raises(InputProblem, match="twice"):
        screen_table(table, AS_OF)


def test_kneecheck_screen_input_writes_the_rows_and_refuses_a_bad_table(tmp_path):
    from conftest import kneecheck

    table = tmp_path / "acts.csv"
    write_table(table, [("UTC", [(d, 7, "running", 40, 8000.0) for d in range(1, 40, 2)])])
    done = kneecheck("screen", "--input", str(table), "--as-of", AS_OF.isoformat(), "--out", str(tmp_path / "rows.csv"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "rows.csv").read_text().startswith("athlete_id,")
    (tmp_path / "bad.csv").write_text("athlete_id,sport\na0,running\n")
    refused = kneecheck("screen", "--input", str(tmp_path / "bad.csv"), "--out", str(tmp_path / "none.csv"))
    assert refused.returncode == 2 and "'start_utc' is missing" in refused.stderr
    assert not (tmp_path / "none.csv").exists()


def test_spark_agrees_with_duckdb(tmp_path):
    """The same SQL on Apache Spark in local mode (Java is on the machines) gives the same rows."""
    import random

    rng = random.Random(7)
    people = [
        (rng.choice(ZONES), rng.random() < 0.5,
         [(rng.randint(0, 80), rng.randint(0, 23), rng.choice(["running", "running", "cycling", "walking"]),
           rng.randint(10, 150), None if rng.random() < 0.1 else rng.uniform(500, 30_000), rng.randint(0, 500),
           rng.randint(1, 10), rng.choice([None, "s1", "s2"]), rng.choice([None, "trail", "road_or_concrete"]))
          for _ in range(rng.randint(1, 60))])
        for _ in range(10)
    ]  # fmt: skip
    table = tmp_path / "acts.csv"
    write_table(table, people)
    duck = screen_table(table, AS_OF, shoe_limit_km=SHOE_LIMIT)
    spark = screen_table(table, AS_OF, engine="spark", shoe_limit_km=SHOE_LIMIT)
    assert any(r["worn_shoes"] for r in duck) and any(r["monotony_load"] == "sRPE" for r in duck)
    assert [r["athlete_id"] for r in spark] == [r["athlete_id"] for r in duck]
    for a, b in zip(duck, spark, strict=True):
        for key in a:
            if isinstance(a[key], float):
                assert b[key] == pytest.approx(a[key], rel=1e-9), key
            else:
                assert b[key] == a[key], key


def test_the_batch_rows_carry_the_reports_flags(tmp_path):
    steady = [(d, 7, "running", 48, 8000.0) for d in range(8, 50, 2)]
    ramp = steady + [(d, 7, "running", 75, 12500.0) for d in (1, 3, 5)]
    comeback = [(d, 7, "running", 48, 8000.0) for d in range(40, 70, 2)] + [
        (d, 7, "running", 48, 8000.0) for d in (1, 3)
    ]
    table = tmp_path / "acts.csv"
    write_table(table, [("UTC", steady), ("UTC", ramp), ("UTC", comeback)])
    rows = {r["athlete_id"]: r["flags"] for r in screen_table(table, AS_OF)}
    assert rows["a0"] == "" and "too_much_too_soon" in rows["a1"] and rows["a2"] == "comeback"


def test_monotony_surface_and_shoes_on_hand_built_histories(tmp_path):
    sunday = date(2026, 11, 22)
    same_every_day = [(d, 7, "running", 60, 10_000.0) for d in range(0, 56)]
    little_variation = [(d, 7, "running", 55 + d % 3 * 5, 10_000.0) for d in range(0, 56)]
    to_the_road = [  # three runs a week, on trails until this week
        (d, 7, "running", 45, 8000.0, None, None, None, "trail" if d >= 7 else "road_or_concrete")
        for d in range(0, 42) if d % 7 in (0, 2, 4)
    ]  # fmt: skip
    worn_pair = [(d, 7, "running", 45, 8000.0, None, None, "old", None) for d in range(0, 40, 4)] + [
        (d, 7, "walking", 30, 3000.0, 150, None, "new", None) for d in range(1, 40, 4)
    ]
    table = tmp_path / "acts.csv"
    write_table(table, [("UTC", same_every_day), ("UTC", little_variation), ("UTC", to_the_road), ("UTC", worn_pair)],
                sunday)  # fmt: skip
    rows = {r["athlete_id"]: r for r in screen_table(table, sunday, shoe_limit_km=SHOE_LIMIT)}
    assert rows["a0"]["constant_load"] and rows["a0"]["monotony"] is None and rows["a0"]["notes"] == "monotony"
    assert rows["a1"]["monotony"] == pytest.approx(60 / statistics.pstdev([55, 60, 65, 55, 60, 65, 55]), rel=0.02)
    assert rows["a1"]["monotony"] > 2 and rows["a1"]["notes"] == "monotony"
    assert rows["a2"]["flags"] == "hard_surface" and str(rows["a2"]["hard_surface_week"]) == "2026-11-16"
    assert rows["a2"]["hard_surface_pct"] == 100 and rows["a2"]["notes"] == ""
    assert rows["a3"]["shoes_km"] == "new=30.0,old=80.0" and rows["a3"]["worn_shoes"] == "old"
    assert rows["a3"]["flags"] == "worn_shoes" and rows["a3"]["descent7_m"] == 300
