"""The batch screen at scale: N athletes x one year of generated activities (generate_activities.py:
several sports, rest days, ramps, comebacks, shoes, surfaces), then screened with DuckDB; time and
peak memory reported, with the plain scan of the same file as the floor it is measured against.
Run: python benchmarks/screen_bench.py [ATHLETES] [--spark]  (default 100000: about 25 million activities)

For 100 million athletes (about 26 billion activities, some 600 GB of Parquet) no single machine
will do: the same SQL on Spark, input partitioned by athlete_id (about 5,000 files of 120 MB), the
per-athlete aggregates shuffled by athlete_id (the shuffle is the activity rows themselves, about
the input size, once), on the order of 100 executors of 4 cores and 16 GB for under an hour.
That is an estimate from the single-machine figures, not a measurement: no cluster is at hand."""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import duckdb
from generate_activities import generate

from kneecheck.screen._batch import screen_table

AS_OF = date(2026, 11, 20)


def main() -> None:
    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    athletes = int(numbers[0]) if numbers else 100_000
    with tempfile.TemporaryDirectory() as folder:
        table = Path(folder) / "activities.parquet"
        began = time.perf_counter()
        rows = generate(table, athletes)
        print(f"generated {rows:,} activities for {athletes:,} athletes in {time.perf_counter() - began:.1f} s")
        began = time.perf_counter()
        duckdb.connect().execute(f"SELECT athlete_id, sum(moving_s) FROM read_parquet('{table}') GROUP BY 1").fetchall()
        scan = time.perf_counter() - began
        began = time.perf_counter()
        screened = screen_table(table, AS_OF, Path(folder) / "rows.parquet")
        took = time.perf_counter() - began
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"plain scan and group: {scan:.1f} s")
        print(f"screen (DuckDB): {len(screened):,} athletes in {took:.1f} s = {took / scan:.1f} x the plain scan; "
              f"peak memory {peak_mb:,.0f} MB")  # fmt: skip
        if "--spark" in sys.argv:
            began = time.perf_counter()
            spark = screen_table(table, AS_OF, engine="spark")
            spark_took = time.perf_counter() - began
            print(f"screen (Spark local[2], same SQL): {len(spark):,} athletes in {spark_took:.1f} s "
                  f"= {spark_took / took:.1f} x DuckDB (start-up included)")  # fmt: skip


if __name__ == "__main__":
    main()
