"""`kneecheck screen`: every athlete in a database, one line each, what needs attention first."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from kneecheck.cli._errors import fail
from kneecheck.knowledge import shoe_warning_km
from kneecheck.screen import ranked, sparkline
from kneecheck.screen._records import row_from_records
from kneecheck.store import Store, default_db_path

out = Console()


def screen_command(
    db: Annotated[Path | None, typer.Option("--db", help="Database file (default: the local database).")] = None,
    table: Annotated[
        Path | None, typer.Option("--input", help="An activity table (.parquet or .csv) to screen in batch.")
    ] = None,
    out_path: Annotated[
        Path | None, typer.Option("--out", help="With --input: write the rows (.csv or .parquet).")
    ] = None,
    engine: Annotated[str, typer.Option("--engine", help="With --input: duckdb (in process) or spark.")] = "duckdb",
    master: Annotated[str, typer.Option("--master", help="With --engine spark: the Spark master.")] = "local[2]",
    as_of: Annotated[str | None, typer.Option("--as-of", help="YYYY-MM-DD (default: today).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Screen many athletes: who needs attention first.

    Every athlete in the database with the load status, the flags and their numbers, the latest
    urgency and pain. With --input, an activity table screened in batch by DuckDB or Spark (columns:
    athlete_id, start_utc, time_zone, sport, moving_s, elapsed_s, distance_m; optional: descent_m,
    rpe, avg_hr, shoe_id, surface)."""
    if table is not None:
        _batch(table, out_path, engine, master, as_of, as_json)
        return
    path = db or default_db_path()
    if not path.exists():
        fail(f"{path}: no database yet")
    try:
        day = date.fromisoformat(as_of) if as_of else date.today()
    except ValueError:
        fail(f"--as-of: {as_of!r} is not a date like 2026-11-30")
    limit = shoe_warning_km()
    with Store(path) as store:
        rows = []
        for (name,) in store.db.execute("SELECT name FROM athletes ORDER BY name").fetchall():
            athlete = store.find_athlete(name)
            assert athlete is not None
            rows.append(
                row_from_records(store, athlete, name.removeprefix("user:"), day, shoe_limit_km=limit, health=True)
            )
    rows = ranked(rows)
    if as_json:
        print(json.dumps([r.as_json() for r in rows], indent=2))
        return
    listing = Table(title=f"Screening on {day}")
    for column in ("athlete", "status", "flags", "8 weeks", "urgency", "pain", "last workout"):
        listing.add_column(column)
    for r in rows:
        flags = "; ".join(f["id"].replace("_", " ") for f in r.flags) + ("; worn shoes" if r.worn_shoes else "")
        listing.add_row(r.athlete, r.status, flags, sparkline(r.weekly_minutes), r.urgency or "",
                        f"{r.pain_now}/10" if r.pain_now is not None else "", r.last_workout or "-")  # fmt: skip
    out.print(listing)


def _batch(table: Path, out_path: Path | None, engine: str, master: str, as_of: str | None, as_json: bool) -> None:
    from kneecheck.screen._batch import InputProblem, screen_table

    if engine not in ("duckdb", "spark"):
        fail(f"--engine {engine}: use duckdb or spark")
    try:
        day = date.fromisoformat(as_of) if as_of else date.today()
        rows = screen_table(table, day, out_path, engine, master, shoe_warning_km())
    except ValueError as problem:  # InputProblem included
        fail(str(problem) if isinstance(problem, InputProblem) else f"--as-of: {as_of!r} is not a date")
    if as_json or out_path is None:
        print(json.dumps(rows, indent=2, default=str))
    else:
        out.print(f"{len(rows)} athletes screened; written to {out_path}")
