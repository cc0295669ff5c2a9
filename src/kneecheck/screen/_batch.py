"""Screening an activity table (Parquet or CSV) with DuckDB, in process: the load metrics written
once as relational expressions over each athlete's days, checked against the pure Python metrics
(kneecheck.load) by a property test.

Input columns: athlete_id, start_utc (timestamp, UTC), time_zone (IANA name), sport (kneecheck's
families: running, cycling, ...), moving_s, elapsed_s, distance_m (may be empty); optional:
descent_m, rpe (1-10), avg_hr, shoe_id, surface (road_or_concrete, treadmill, track, trail, grass).
Output: one row per athlete with its running progression over rolling 7-day windows (the last 7
days, the 7 before, the usual week of the 28 before those, both changes), the return after a break,
both acute:chronic ratios on minutes, fitness and fatigue (GoldenCheetah's exponential averages),
this week's monotony (Foster: on session-RPE load when every session of the week is rated, minutes
otherwise), a sudden shift to hard surfaces, the distance on each pair of shoes, and the descent of
the last 7 days.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REQUIRED = {
    "athlete_id": ("VARCHAR", "BIGINT", "INTEGER"),
    "start_utc": ("TIMESTAMP", "TIMESTAMP WITH TIME ZONE", "TIMESTAMP_NS", "TIMESTAMP_MS", "TIMESTAMP_S", "VARCHAR"),
    "time_zone": ("VARCHAR",),
    "sport": ("VARCHAR",),
    "moving_s": ("DOUBLE", "FLOAT", "BIGINT", "INTEGER", "DECIMAL"),
    "elapsed_s": ("DOUBLE", "FLOAT", "BIGINT", "INTEGER", "DECIMAL"),
    "distance_m": ("DOUBLE", "FLOAT", "BIGINT", "INTEGER", "DECIMAL"),
}
OPTIONAL = {"descent_m": "DOUBLE", "rpe": "DOUBLE", "avg_hr": "DOUBLE", "shoe_id": "VARCHAR", "surface": "VARCHAR"}
SURFACES = ("road_or_concrete", "treadmill", "track", "trail", "grass")  # as kneecheck.importers
ON_FOOT = ("running", "walking", "hiking")  # the sports that wear shoes, as kneecheck.load.daily
A_FIT, A_FAT = 1 - math.exp(-1 / 42), 1 - math.exp(-1 / 7)
EWMA_SPAN = 49  # as kneecheck.load._metrics.EWMA_SPAN
COLUMNS = [
    "athlete_id", "unit", "last7", "prev7", "mean_week28", "change_pct", "change_vs_mean_pct", "days_off_before",
    "acwr_rolling", "acwr_ewma", "fitness", "fatigue", "monotony", "monotony_load", "constant_load",
    "hard_surface_week", "hard_surface_pct", "descent7_m", "shoes_km", "worn_shoes", "flags", "notes",
]  # fmt: skip


class InputProblem(ValueError):
    """The activity table cannot be screened; the message names the column or the row."""


DIALECTS = {
    # how each engine says: the local day of a UTC time, the days between two dates, a date n days back
    "duckdb": {
        "local_day": "CAST(timezone(time_zone, start_utc) AS DATE)",
        "days": "({a} - {b})",
        "back": "({d} - {n})",
        "joined": "string_agg({x}, ',' ORDER BY {x})",
        "calendar": (
            "SELECT f.athlete_id, CAST(g.d AS DATE) AS day FROM firsts f, generate_series("
            "CAST(GREATEST(f.first_day, {start}) AS TIMESTAMP), CAST({end} AS TIMESTAMP), INTERVAL 1 DAY) AS g(d)"
        ),
    },
    "spark": {
        "local_day": "CAST(from_utc_timestamp(start_utc, time_zone) AS DATE)",
        "days": "datediff({a}, {b})",
        "back": "date_sub({d}, {n})",
        "joined": "concat_ws(',', array_sort(collect_list({x})))",
        "calendar": "SELECT athlete_id, explode(sequence(greatest(first_day, {start}), {end})) AS day FROM firsts",
    },
}


def metrics_sql(dialect: str, as_of: date, shoe_limit_km: float = 700.0) -> str:
    """The metrics, written once: the same relational expressions for every engine."""
    words = DIALECTS[dialect]
    day0 = f"DATE '{as_of.isoformat()}'"
    monday = as_of - timedelta(days=as_of.weekday())
    week0 = f"DATE '{monday.isoformat()}'"  # this calendar week's Monday
    shown = f"DATE '{(monday - timedelta(weeks=7)).isoformat()}'"  # the first of the 8 weeks a report shows

    def back(n: int, d: str = day0) -> str:
        return words["back"].format(d=d, n=n)

    shoes_km = words["joined"].format(x="concat(shoe_id, '=', CAST(round(km, 1) AS STRING))")
    worn = words["joined"].format(x=f"CASE WHEN km >= {float(shoe_limit_km)!r} THEN shoe_id END")

    days_to = words["days"].format(a=day0, b="day")
    calendar = words["calendar"].format(start=back(EWMA_SPAN - 1), end=day0)
    la, lc = 2 / (7 + 1), 2 / (28 + 1)
    since_start = words["days"].format(a="c.day", b="s.start")
    target_to = words["days"].format(a="t.day", b="c.day")
    length = words["days"].format(a="t.day", b="s.start")
    return f"""
WITH acts AS (
    SELECT CAST(athlete_id AS STRING) AS athlete_id, {words["local_day"]} AS day,
           sport, COALESCE(moving_s, elapsed_s, 0) / 60.0 AS minutes, distance_m, descent_m, rpe,
           NULLIF(shoe_id, '') AS shoe_id, NULLIF(surface, '') AS surface
    FROM src
),
upto AS (SELECT * FROM acts WHERE day <= {day0}),
firsts AS (SELECT athlete_id, MIN(day) AS first_day FROM upto GROUP BY athlete_id),
run AS (SELECT * FROM upto WHERE sport = 'running'),
win AS (
    SELECT athlete_id,
        bool_and(COALESCE(distance_m, 0) > 0) AS all_km,
        SUM(CASE WHEN day > {back(7)} THEN distance_m / 1000 END) AS km7,
        SUM(CASE WHEN day > {back(14)} AND day <= {back(7)} THEN distance_m / 1000 END) AS km_prev7,
        SUM(CASE WHEN day <= {back(7)} THEN distance_m / 1000 END) AS km_before,
        SUM(CASE WHEN day > {back(7)} THEN minutes END) AS min7,
        SUM(CASE WHEN day > {back(14)} AND day <= {back(7)} THEN minutes END) AS min_prev7,
        SUM(CASE WHEN day <= {back(7)} THEN minutes END) AS min_before
    FROM run WHERE day > {back(35)} GROUP BY athlete_id
),
back AS (SELECT athlete_id, MIN(day) AS back_day FROM run WHERE day > {back(7)} GROUP BY athlete_id),
gap AS (
    SELECT b.athlete_id, b.back_day, MAX(r.day) AS earlier
    FROM back b LEFT JOIN run r ON r.athlete_id = b.athlete_id AND r.day < b.back_day
    GROUP BY b.athlete_id, b.back_day
),
loads AS (
    SELECT athlete_id,
        SUM(CASE WHEN day > {back(7)} THEN minutes ELSE 0 END) / 7.0 AS acute,
        SUM(CASE WHEN day > {back(28)} AND day <= {back(7)} THEN minutes ELSE 0 END) / 21.0 AS chronic,
        SUM(minutes * {A_FIT!r} * power(1 - {A_FIT!r}, {days_to})) AS fitness,
        SUM(minutes * {A_FAT!r} * power(1 - {A_FAT!r}, {days_to})) AS fatigue
    FROM upto GROUP BY athlete_id
),
-- the EWMA ratio (kneecheck.load.acwr_ewma): one run over the span of EWMA_SPAN days ending as_of,
-- seeded with the mean of its first 7 days; the mean of the last 7 days' acute/chronic ratios
cal AS ({calendar}),
daily AS (
    SELECT c.athlete_id, c.day, COALESCE(SUM(u.minutes), 0) AS m, COALESCE(SUM(u.rpe * u.minutes), 0) AS srpe,
        COUNT(u.day) AS sessions, COUNT(u.rpe) AS rated
    FROM cal c LEFT JOIN upto u ON u.athlete_id = c.athlete_id AND u.day = c.day
    GROUP BY c.athlete_id, c.day
),
span AS (SELECT athlete_id, MIN(day) AS start FROM daily GROUP BY athlete_id),
seed AS (
    SELECT c.athlete_id, AVG(c.m) AS seed FROM daily c JOIN span s ON s.athlete_id = c.athlete_id
    WHERE {since_start} < 7 GROUP BY c.athlete_id
),
ewma AS (
    SELECT t.athlete_id, t.day,
        power(1 - {la!r}, {length} + 1) * MAX(e.seed)
          + SUM({la!r} * power(1 - {la!r}, {target_to}) * c.m) AS acute,
        power(1 - {lc!r}, {length} + 1) * MAX(e.seed)
          + SUM({lc!r} * power(1 - {lc!r}, {target_to}) * c.m) AS chronic
    FROM daily t
    JOIN span s ON s.athlete_id = t.athlete_id
    JOIN seed e ON e.athlete_id = t.athlete_id
    JOIN daily c ON c.athlete_id = t.athlete_id AND c.day <= t.day
    WHERE t.day > {back(7)}
    GROUP BY t.athlete_id, t.day, s.start
),
ratio AS (
    SELECT athlete_id, AVG(CASE WHEN chronic > 0 THEN acute / chronic END) AS ewma_ratio,
        SUM(CASE WHEN chronic > 0 THEN 1 ELSE 0 END) AS days_with_ratio
    FROM ewma GROUP BY athlete_id
),
-- this calendar week's monotony (kneecheck.load.weekly): the days up to as_of, the rest as zeros
wk AS (
    SELECT athlete_id, SUM(sessions) > 0 AND SUM(rated) = SUM(sessions) AS rated_week
    FROM daily WHERE day >= {week0} GROUP BY athlete_id
),
wkx AS (
    SELECT d.athlete_id, CASE WHEN w.rated_week THEN d.srpe ELSE d.m END AS x
    FROM daily d JOIN wk w ON w.athlete_id = d.athlete_id WHERE d.day >= {week0}
),
wkm AS (
    SELECT athlete_id, SUM(x) / 7.0 AS mean, COUNT(*) AS n, MIN(x) AS lo, MAX(x) AS hi FROM wkx GROUP BY athlete_id
),
mono AS (
    SELECT m.athlete_id, w.rated_week, MAX(m.mean) AS mean,
        MAX(m.lo) = MAX(m.hi) AND (MAX(m.n) = 7 OR MAX(m.hi) = 0) AS equal,
        (SUM((x.x - m.mean) * (x.x - m.mean)) + (7 - MAX(m.n)) * MAX(m.mean) * MAX(m.mean)) / 7.0 AS variance
    FROM wkx x JOIN wkm m ON m.athlete_id = x.athlete_id JOIN wk w ON w.athlete_id = x.athlete_id
    GROUP BY m.athlete_id, w.rated_week
),
-- the share of running on road or concrete by calendar week, of the running whose surface is known
surf AS (
    SELECT athlete_id, CAST(date_trunc('week', day) AS DATE) AS monday,
        100 * SUM(CASE WHEN surface = 'road_or_concrete' THEN COALESCE(distance_m, 0) ELSE 0 END)
          / SUM(CASE WHEN surface IS NOT NULL THEN COALESCE(distance_m, 0) ELSE 0 END) AS pct
    FROM run WHERE day >= {back(21, shown)} AND surface IS NOT NULL
    GROUP BY athlete_id, CAST(date_trunc('week', day) AS DATE)
    HAVING SUM(CASE WHEN surface IS NOT NULL THEN COALESCE(distance_m, 0) ELSE 0 END) > 0
),
-- a week of the eight shown at 50 % or more, after under 20 % in each of the three weeks before that have a share
shift AS (
    SELECT a.athlete_id, a.monday, MAX(a.pct) AS pct
    FROM surf a JOIN surf b
      ON b.athlete_id = a.athlete_id AND b.monday < a.monday AND b.monday >= {back(21, "a.monday")}
    WHERE a.monday >= {shown} AND a.pct >= 50
    GROUP BY a.athlete_id, a.monday HAVING MAX(b.pct) < 20
),
shifted AS (
    SELECT athlete_id, MAX(monday) AS hard_week, MAX_BY(pct, monday) AS hard_pct FROM shift GROUP BY athlete_id
),
-- the distance on each pair of shoes, on foot, over everything up to as_of
pairs AS (
    SELECT athlete_id, shoe_id, SUM(COALESCE(distance_m, 0)) / 1000 AS km
    FROM upto WHERE shoe_id IS NOT NULL AND sport IN {ON_FOOT!r} GROUP BY athlete_id, shoe_id
),
shoes AS (
    SELECT athlete_id, {shoes_km} AS shoes_km, {worn} AS worn
    FROM pairs GROUP BY athlete_id
),
drop7 AS (SELECT athlete_id, SUM(descent_m) AS descent7 FROM upto WHERE day > {back(7)} GROUP BY athlete_id)
SELECT f.athlete_id, f.first_day, w.all_km, w.km7, w.km_prev7, w.km_before, w.min7, w.min_prev7, w.min_before,
       g.back_day, g.earlier, l.acute, l.chronic, l.fitness, l.fatigue, r.ewma_ratio, r.days_with_ratio,
       m.rated_week, m.mean, m.equal, m.variance, h.hard_week, h.hard_pct, d.descent7, s.shoes_km, s.worn
FROM firsts f
LEFT JOIN win w ON w.athlete_id = f.athlete_id
LEFT JOIN gap g ON g.athlete_id = f.athlete_id
LEFT JOIN loads l ON l.athlete_id = f.athlete_id
LEFT JOIN ratio r ON r.athlete_id = f.athlete_id
LEFT JOIN mono m ON m.athlete_id = f.athlete_id
LEFT JOIN shifted h ON h.athlete_id = f.athlete_id
LEFT JOIN drop7 d ON d.athlete_id = f.athlete_id
LEFT JOIN shoes s ON s.athlete_id = f.athlete_id
ORDER BY f.athlete_id
"""


def screen_table(
    path: Path,
    as_of: date,
    out: Path | None = None,
    engine: str = "duckdb",
    master: str = "local[2]",
    shoe_limit_km: float = 700.0,
) -> list[dict[str, Any]]:
    """One row per athlete (see COLUMNS) by DuckDB in process (the default) or Apache Spark
    (local mode here; `spark-submit` or --master on a cluster); written to `out` (.csv or .parquet)
    when given, all at once (no partial file on error). InputProblem for a table that cannot be
    screened: the table is checked by DuckDB before either engine computes."""
    import duckdb

    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")  # a start time written without a zone is UTC, whatever the machine
    parquet = path.suffix.lower() == ".parquet"
    reader = f"read_parquet({_literal(path)})" if parquet else f"read_csv({_literal(path)}, all_varchar = true)"
    try:
        con.execute(f"CREATE VIEW raw AS SELECT * FROM {reader}")
        described = {row[0]: row[1] for row in con.execute("DESCRIBE raw").fetchall()}
    except duckdb.Error as error:
        raise InputProblem(f"{path.name}: cannot be read as a table ({str(error).splitlines()[0]})") from None
    for column, types in REQUIRED.items():
        if column not in described:
            raise InputProblem(f"{path.name}: the column {column!r} is missing")
        if parquet and not str(described[column]).upper().startswith(types):
            raise InputProblem(f"{path.name}: the column {column!r} is {described[column]}, not {types[0].lower()}")
    # every value cast to its type; one that will not cast is named with its row
    casts = {"athlete_id": "VARCHAR", "start_utc": "TIMESTAMPTZ", "time_zone": "VARCHAR", "sport": "VARCHAR",
             "moving_s": "DOUBLE", "elapsed_s": "DOUBLE", "distance_m": "DOUBLE",
             **{c: k for c, k in OPTIONAL.items() if c in described}}  # fmt: skip
    for column, kind in casts.items():
        bad = con.execute(
            f"SELECT row_number() OVER () + 1 AS line, {column} FROM raw QUALIFY {column} IS NOT NULL"
            f" AND CAST({column} AS VARCHAR) <> '' AND TRY_CAST({column} AS {kind}) IS NULL LIMIT 1"
        ).fetchone()
        if bad:
            raise InputProblem(f"{path.name}: row {bad[0]}: {bad[1]!r} in column {column!r} is not a {kind.lower()}")
    cast_list = ", ".join(
        f"TRY_CAST(NULLIF(CAST({c} AS VARCHAR), '') AS {k}) AS {c}"
        if k != "VARCHAR"
        else f"CAST({c} AS VARCHAR) AS {c}"
        for c, k in casts.items()
    )
    absent = "".join(f", CAST(NULL AS {k}) AS {c}" for c, k in OPTIONAL.items() if c not in described)
    con.execute(f"CREATE VIEW src AS SELECT {cast_list}{absent} FROM raw")
    _check_rows(con, path)
    try:
        raw = _compute(con, path, as_of, engine, master, shoe_limit_km)
    except duckdb.Error as error:
        raise InputProblem(f"{path.name}: {str(error).splitlines()[0]}") from None
    rows = [_row(r, as_of) for r in raw]
    if out is not None:
        _write(con, rows, out)
    return rows


def _compute(con: Any, path: Path, as_of: date, engine: str, master: str, limit: float) -> list[tuple[Any, ...]]:
    if engine == "duckdb":
        return list(con.execute(metrics_sql("duckdb", as_of, limit)).fetchall())
    if engine != "spark":
        raise InputProblem(f"engine {engine!r}: use duckdb or spark")
    return _spark(path, as_of, master, limit)


def _spark(path: Path, as_of: date, master: str = "local[2]", limit: float = 700.0) -> list[tuple[Any, ...]]:
    """The same SQL on Apache Spark. The session's time zone is UTC so that a start time written
    without a zone is UTC, as in DuckDB."""
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master(master).appName("kneecheck-screen")
        .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "8").getOrCreate()
    )  # fmt: skip
    spark.sparkContext.setLogLevel("ERROR")
    if path.suffix.lower() == ".parquet":
        raw = spark.read.parquet(str(path))
    else:
        raw = spark.read.option("header", "true").csv(str(path))
    raw.createOrReplaceTempView("raw")
    numbers = ["moving_s", "elapsed_s", "distance_m"] + [c for c, k in OPTIONAL.items() if k == "DOUBLE"]
    texts = [c for c, k in OPTIONAL.items() if k == "VARCHAR"]
    present = set(raw.columns)
    spark.sql(
        "SELECT CAST(athlete_id AS STRING) AS athlete_id, CAST(start_utc AS TIMESTAMP) AS start_utc, "
        "CAST(time_zone AS STRING) AS time_zone, CAST(sport AS STRING) AS sport, "
        + ", ".join(f"CAST(NULLIF(CAST({c} AS STRING), '') AS DOUBLE) AS {c}" for c in numbers if c in present)
        + "".join(f", CAST(NULL AS DOUBLE) AS {c}" for c in numbers if c not in present)
        + "".join(f", CAST({c} AS STRING) AS {c}" if c in present else f", CAST(NULL AS STRING) AS {c}" for c in texts)
        + " FROM raw"
    ).createOrReplaceTempView("src")
    return [tuple(r) for r in spark.sql(metrics_sql("spark", as_of, limit)).collect()]


def _check_rows(con: Any, path: Path) -> None:
    bad = con.execute(
        """SELECT athlete_id, start_utc, CASE
             WHEN COALESCE(moving_s, elapsed_s) IS NULL THEN 'no duration'
             WHEN COALESCE(moving_s, elapsed_s) NOT BETWEEN 0 AND 7 * 86400 THEN 'duration out of range'
             WHEN distance_m < 0 OR distance_m > 1000000 THEN 'distance out of range'
           END AS problem
           FROM src WHERE COALESCE(moving_s, elapsed_s) IS NULL OR COALESCE(moving_s, elapsed_s) < 0
             OR COALESCE(moving_s, elapsed_s) > 7 * 86400 OR distance_m < 0 OR distance_m > 1000000 LIMIT 1"""
    ).fetchone()
    if bad:
        raise InputProblem(f"{path.name}: athlete {bad[0]}, activity at {bad[1]}: {bad[2]}")
    limits = {"rpe": (1, 10), "descent_m": (0, 20_000), "avg_hr": (25, 250)}  # an RPE is Borg's CR-10
    for column, (low, high) in limits.items():
        bad = con.execute(
            f"SELECT athlete_id, start_utc, {column} FROM src WHERE {column} NOT BETWEEN {low} AND {high} LIMIT 1"
        ).fetchone()
        if bad:
            raise InputProblem(
                f"{path.name}: athlete {bad[0]}, activity at {bad[1]}: {column} {bad[2]:g} is outside {low}-{high}"
            )
    surface = con.execute(
        f"SELECT athlete_id, start_utc, surface FROM src WHERE NULLIF(surface, '') NOT IN {SURFACES!r} LIMIT 1"
    ).fetchone()
    if surface:
        raise InputProblem(
            f"{path.name}: athlete {surface[0]}, activity at {surface[1]}: surface {surface[2]!r} is not one of "
            + ", ".join(SURFACES)
        )
    zone = con.execute(
        "SELECT time_zone FROM src WHERE time_zone NOT IN (SELECT name FROM pg_timezone_names()) LIMIT 1"
    ).fetchone()
    if zone:
        raise InputProblem(f"{path.name}: {zone[0]!r} in column 'time_zone' is not a time zone name")
    duplicate = con.execute(
        "SELECT athlete_id, start_utc, sport FROM src GROUP BY ALL HAVING count(*) > 1 LIMIT 1"
    ).fetchone()
    if duplicate:
        raise InputProblem(f"{path.name}: athlete {duplicate[0]} has the same {duplicate[2]} at {duplicate[1]} twice")


def _row(r: tuple[Any, ...], as_of: date) -> dict[str, Any]:
    (athlete, first_day, all_km, km7, km_prev7, km_before, min7, min_prev7, min_before,
     back_day, earlier, acute, chronic, fitness, fatigue, ewma_ratio, days_with_ratio,
     rated_week, mean, equal, variance, hard_week, hard_pct, descent7, shoes_km, worn) = r  # fmt: skip
    row: dict[str, Any] = dict.fromkeys(COLUMNS)
    row["athlete_id"] = athlete
    if all_km is not None:  # running in the 35 days: the same rules as kneecheck.load.progression
        unit = "km" if all_km else "min"
        last7, prev7, before = (km7, km_prev7, km_before) if unit == "km" else (min7, min_prev7, min_before)
        last7, prev7, before = last7 or 0.0, prev7 or 0.0, before or 0.0
        enough = (as_of - first_day).days + 1 >= 35
        mean28 = before / 4 if enough else None
        row.update(
            unit=unit, last7=round(last7, 2), prev7=round(prev7, 2),
            mean_week28=None if mean28 is None else round(mean28, 2),
            change_pct=round(100 * (last7 - prev7) / prev7, 1) if prev7 > 0 else None,
            change_vs_mean_pct=round(100 * (last7 - mean28) / mean28, 1) if mean28 else None,
        )  # fmt: skip
        if back_day is not None:
            gap = (back_day - earlier).days - 1 if earlier is not None else (back_day - first_day).days
            if gap >= 21 and (back_day - first_day).days >= 21:
                row["days_off_before"] = min(gap, 43)
    history = (as_of - first_day).days + 1
    if history >= 28 and chronic:
        row["acwr_rolling"] = acute / chronic
    row["fitness"], row["fatigue"] = fitness, fatigue
    # all seven days need a ratio (a chronic load above zero), as in kneecheck.load.acwr_ewma
    row["acwr_ewma"] = ewma_ratio if history >= 28 and days_with_ratio == 7 else None
    # this week's monotony, as kneecheck.load.weekly: none when every day is the same
    row["monotony_load"] = "sRPE" if rated_week else "min"
    row["monotony"] = None if equal else mean / math.sqrt(variance)
    row["constant_load"] = bool(equal and mean > 0)
    row["hard_surface_week"] = hard_week.isoformat() if hard_week is not None else None  # a date in every format
    row["hard_surface_pct"] = hard_pct
    row["descent7_m"] = descent7
    row["shoes_km"] = shoes_km or ""
    row["worn_shoes"] = worn or ""
    row["flags"] = ",".join(flags(row, as_of))
    row["notes"] = "monotony" if row["constant_load"] or (row["monotony"] or 0) >= 2 else ""
    return row


def flags(row: dict[str, Any], as_of: date) -> list[str]:
    """The report's flags from the row's numbers, by the same rules and in the same order (kneecheck.load:
    is_alarm, the surface shift, the 1.5 line with no ratio flag on top of a comeback, worn shoes);
    each flag once."""
    from kneecheck.load._metrics import Progression, is_alarm

    found = []
    if row["unit"] is not None:
        p = Progression("running", as_of, row["unit"], row["last7"], row["prev7"], row["mean_week28"],
                        row["change_pct"], row["change_vs_mean_pct"], row["days_off_before"])  # fmt: skip
        if p.days_off_before is not None:
            found.append("comeback")
        elif is_alarm(p):
            found.append("too_much_too_soon")
    ratios = [row["acwr_rolling"], row["acwr_ewma"]]
    if row["hard_surface_week"] is not None:
        found.append("hard_surface")
    if "comeback" not in found and any(r is not None and r >= 1.5 for r in ratios):
        found.append("acwr_spike")
    if row["worn_shoes"]:
        found.append("worn_shoes")
    return found


def _literal(path: Path) -> str:
    """A path as an SQL string literal (DuckDB cannot take a parameter in CREATE VIEW or COPY)."""
    return "'" + str(path).replace("'", "''") + "'"


def _write(con: Any, rows: list[dict[str, Any]], out: Path) -> None:
    """Write all rows at once to a temporary name, then move it into place: never a partial file."""
    import json
    import os
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as tmp:
        json.dump(rows, tmp)
    staged = out.with_name(f".{out.name}.partial")
    try:
        fmt = "PARQUET" if out.suffix.lower() == ".parquet" else "CSV, HEADER"
        con.execute(f"COPY (SELECT * FROM read_json_auto(?)) TO '{staged.as_posix()}' (FORMAT {fmt})", [tmp.name])
        os.replace(staged, out)
    finally:
        os.unlink(tmp.name)
        if staged.exists():
            staged.unlink()
