"""Generated activity tables for the batch screen: N athletes x M days, written as Parquet by DuckDB
itself (fast enough for 100,000 athletes x one year on a laptop), in the columns that
`kneecheck screen --input` reads.

Each athlete gets a profile drawn from their number: a home time zone, a sport mix (runner,
triathlete, cyclist, walker), a usual session length, 3-6 training days a week with rest days, and
some of them a pattern the screen should find: a ramp over the last three weeks (about one athlete
in five), a break of about a month and a return (one in ten), a move from trails to roads in the
last two weeks (one in ten). Running and walking wear pairs of shoes that are replaced every four
months; about half the athletes rate every session (RPE), the others none; a heart rate and a
descent go with most sessions.

Run: python benchmarks/generate_activities.py OUT.parquet [--athletes N] [--days M] [--as-of DATE]
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

import duckdb

ZONES = ["UTC", "Europe/London", "Europe/Berlin", "America/New_York", "America/Los_Angeles", "Asia/Tokyo",
         "Australia/Sydney", "America/Sao_Paulo"]  # fmt: skip


def generate(path: Path, athletes: int, days: int = 365, as_of: date = date(2026, 11, 20)) -> int:
    """Write the table; return how many activities it holds."""
    zones = "[" + ", ".join(f"'{z}'" for z in ZONES) + "]"
    duckdb.connect().execute(f"""
        COPY (
          WITH a AS (
            SELECT range AS n, {zones}[1 + CAST(hash(range, 'zone') % {len(ZONES)} AS BIGINT)] AS zone,
                   hash(range, 'style') % 100 AS style,       -- which pattern, if any
                   hash(range, 'mix') % 10 AS mix,            -- 0-5 runner, 6-7 triathlete, 8 cyclist, 9 walker
                   3 + hash(range, 'days') % 4 AS per_week,   -- training days a week
                   30 + hash(range, 'len') % 50 AS usual_min, -- a usual session, minutes
                   hash(range, 'rated') % 2 = 0 AS rated
            FROM range({athletes})
          ),
          d AS (SELECT range AS day FROM range({days})),
          s AS (
            SELECT a.*, d.day, hash(n, day, 'sport') % 10 AS pick,
                   CASE WHEN style < 20 AND day < 21 THEN 1.0 + (21 - day) / 30.0 ELSE 1.0 END AS ramp
            FROM a, d
            WHERE hash(n, day, 'train') % 7 < per_week                  -- rest days
              AND NOT (style BETWEEN 20 AND 29 AND day BETWEEN 5 AND 35)  -- a month off, back this week
          ),
          t AS (
            SELECT *, CASE
                WHEN mix <= 5 THEN CASE WHEN pick < 8 THEN 'running' WHEN pick < 9 THEN 'strength' ELSE 'cycling' END
                WHEN mix <= 7 THEN CASE WHEN pick < 4 THEN 'running' WHEN pick < 7 THEN 'cycling' ELSE 'swimming' END
                WHEN mix = 8 THEN CASE WHEN pick < 9 THEN 'cycling' ELSE 'running' END
                ELSE CASE WHEN pick < 8 THEN 'walking' ELSE 'hiking' END
              END AS sport,
              usual_min * ramp * (0.6 + (hash(n, day, 'var') % 90) / 100.0) AS minutes
            FROM s
          )
          SELECT 'a' || n AS athlete_id,
                 TIMESTAMP '{as_of}' - INTERVAL (day) DAY + INTERVAL (5 + hash(n, day, 'hour') % 15) HOUR AS start_utc,
                 zone AS time_zone, sport,
                 round(minutes * 60) AS moving_s,
                 round(minutes * 60 * (1.05 + (hash(n, day, 'stop') % 20) / 100.0)) AS elapsed_s,
                 CASE WHEN sport = 'strength' OR hash(n, day, 'gps') % 25 = 0 THEN NULL
                      ELSE round(minutes * 60 * CASE sport WHEN 'running' THEN 2.9 WHEN 'cycling' THEN 7.5
                           WHEN 'swimming' THEN 0.6 ELSE 1.4 END * (0.85 + (hash(n, day, 'pace') % 30) / 100.0))
                 END AS distance_m,
                 CASE WHEN sport IN ('running', 'cycling', 'hiking', 'walking')
                      THEN round(minutes * (hash(n, 'hills') % 12)) END AS descent_m,
                 CASE WHEN rated THEN 2 + hash(n, day, 'rpe') % 8 END AS rpe,
                 CASE WHEN sport <> 'swimming' AND hash(n, day, 'hr') % 10 < 8
                      THEN 110 + hash(n, day, 'bpm') % 60 END AS avg_hr,
                 CASE WHEN sport IN ('running', 'walking', 'hiking')
                      THEN 'a' || n || '-pair' || ((({days} - day) // 120)) END AS shoe_id,
                 CASE WHEN sport <> 'running' THEN NULL
                      WHEN style BETWEEN 30 AND 39 THEN CASE WHEN day < 14 THEN 'road_or_concrete' ELSE 'trail' END
                      WHEN hash(n, 'terrain') % 3 = 0 THEN 'trail'
                      WHEN hash(n, day, 'tread') % 10 = 0 THEN 'treadmill'
                      ELSE 'road_or_concrete' END AS surface
          FROM t
        ) TO '{path.as_posix()}' (FORMAT PARQUET)
    """)
    return int(duckdb.connect().execute("SELECT count(*) FROM read_parquet(?)", [str(path)]).fetchone()[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--athletes", type=int, default=1000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 11, 20))
    args = parser.parse_args()
    rows = generate(args.out, args.athletes, args.days, args.as_of)
    print(f"{rows:,} activities for {args.athletes:,} athletes x {args.days} days written to {args.out}")


if __name__ == "__main__":
    main()
