"""The batch screen (DuckDB over an activity table) agrees with the pure Python metrics on generated
histories, and refuses bad tables with the column or row named and no partial output."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kneecheck.load import Session, acwr_ewma, acwr_rolling, build_report, daily
from kneecheck.load._metrics import performance, progression
from kneecheck.screen._batch import InputProblem, screen_table

AS_OF = date(2026, 11, 20)
ZONES = ["UTC", "Europe/Berlin", "America/Los_Angeles", "Pacific/Auckland"]
FIELDS = ["athlete_id", "start_utc", "time_zone", "sport", "moving_s", "elapsed_s", "distance_m"]

activity = st.tuples(
    st.integers(0, 80),  # days before AS_OF
    st.integers(0, 23),  # hour (UTC)
    st.sampled_from(["running", "running", "cycling", "walking"]),
    st.integers(10, 150),  # minutes
    st.one_of(st.none(), st.floats(500, 30_000)),  # distance, sometimes unknown
)
athletes = st.lists(
    st.tuples(st.sampled_from(ZONES), st.lists(activity, min_size=1, max_size=30)), min_size=1, max_size=4
)


def write_table(path, people) -> dict[str, list[Session]]:
    sessions: dict[str, list[Session]] = {}
    with path.open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow(FIELDS)
        for n, (zone, acts) in enumerate(people):
            seen = set()
            for days, hour, sport, minutes, metres in acts:
                start = datetime.combine(AS_OF - timedelta(days=days), datetime.min.time(), UTC) + timedelta(hours=hour)
                if (start, sport) in seen:
                    continue
                seen.add((start, sport))
                out.writerow([f"a{n}", start.strftime("%Y-%m-%d %H:%M:%S"), zone, sport, minutes * 60, minutes * 60,
                              "" if metres is None else metres])  # fmt: skip
                local = start.astimezone(ZoneInfo(zone)).date()
                sessions.setdefault(f"a{n}", []).append(Session(local, sport, minutes * 60.0, metres))
    return sessions


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(athletes)
def test_duckdb_agrees_with_the_python_metrics(tmp_path, people):
    table = tmp_path / "acts.csv"
    python = write_table(table, people)
    rows = {r["athlete_id"]: r for r in screen_table(table, AS_OF)}
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
        report = build_report(athlete, upto, [], as_of=AS_OF, weeks=8, with_daily=False)
        expected = [f["id"] for f in report.flags if f["id"] in ("comeback", "too_much_too_soon", "acwr_spike")]
        got = row["flags"].split(",") if row["flags"] else []
        assert got == expected
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
    ],
    ids=["missing column", "wrong type", "absurd value", "bad zone"],
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
        (rng.choice(ZONES), [(rng.randint(0, 80), rng.randint(0, 23), rng.choice(["running", "running", "cycling"]),
                              rng.randint(10, 150), None if rng.random() < 0.1 else rng.uniform(500, 30_000))
                             for _ in range(rng.randint(1, 40))])
        for _ in range(8)
    ]  # fmt: skip
    table = tmp_path / "acts.csv"
    write_table(table, people)
    duck = screen_table(table, AS_OF)
    spark = screen_table(table, AS_OF, engine="spark")
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
