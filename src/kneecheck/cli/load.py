"""`kneecheck load …`: import workouts and look at the training history (a face over importers
and the store)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from kneecheck.importers import SURFACES, import_paths, sport_family
from kneecheck.knowledge import shoe_warning_km
from kneecheck.load import build_report
from kneecheck.reports import weekly_volume_chart
from kneecheck.store import DEFAULT_ATHLETE, Store

load_app = typer.Typer(help="Import workouts and check the training load.", no_args_is_help=True)
out = Console()
err = Console(stderr=True)
_options: dict[str, Path | str | None] = {}


@load_app.callback()
def _load_options(
    db: Annotated[
        Path | None,
        typer.Option("--db", help="Database file (default: KNEECHECK_DB or the user data folder)."),
    ] = None,
    athlete: Annotated[str, typer.Option("--athlete", help="Whose workouts.")] = DEFAULT_ATHLETE,
) -> None:
    _options["db"] = db
    _options["athlete"] = athlete


def _open() -> Store:
    return Store(_options.get("db"))


@load_app.command("athlete")
def athlete_command(
    tz: Annotated[
        str | None, typer.Option("--tz", help="Time zone (IANA name, such as Europe/Berlin) that decides each day.")
    ] = None,
    hr_rest: Annotated[float | None, typer.Option("--hr-rest", help="Resting heart rate (for TRIMP).")] = None,
    hr_max: Annotated[float | None, typer.Option("--hr-max", help="Maximum heart rate (for TRIMP).")] = None,
    sex: Annotated[str | None, typer.Option("--sex", help="female or male: the TRIMP constants.")] = None,
) -> None:
    """Show the athlete, or set the time zone that decides which day each workout falls on and the
    heart rates that turn a session's average heart rate into a training load (TRIMP)."""
    with _open() as store:
        athlete = store.athlete(str(_options["athlete"]))
        if tz is not None:
            try:
                athlete, moved = store.set_time_zone(athlete, tz)
            except ValueError as problem:
                raise typer.BadParameter(str(problem), param_hint="--tz") from None
            out.print(f"time zone set to {tz}; {moved} stored workouts moved to another day")
        if (hr_rest, hr_max, sex) != (None, None, None):
            try:
                store.set_heart_rate_profile(athlete, resting=hr_rest, maximum=hr_max, sex=sex)
            except ValueError as problem:
                raise typer.BadParameter(str(problem)) from None
        profile = store.heart_rate_profile(athlete)
        hr = (
            f"heart rate {profile.resting:.0f}-{profile.maximum:.0f}" if profile else "no heart-rate profile (no TRIMP)"
        )
        out.print(f"{athlete.name}: time zone {athlete.time_zone}; {hr}")


@load_app.command("import")
def import_command(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Files, folders or zip archives (Strava and Garmin exports)."),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    workers: Annotated[int | None, typer.Option("--workers", min=1, help="Processes (default: all cores).")] = None,
) -> None:
    """Import workouts; bad files are reported one by one and the rest goes on."""
    with _open() as store:
        athlete = store.athlete(str(_options["athlete"]))
        with Progress(
            TextColumn("importing"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=err,
            transient=True,
        ) as bar:
            task = bar.add_task("import", total=None)

            def tick(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            report = import_paths(store, athlete, paths, workers=workers, progress=tick)
    data = report.as_json()
    if as_json:
        print(json.dumps(data, indent=2))
        return
    count = sum(len(f["activities"]) for f in data["imported"])
    out.print(
        f"[bold]{count} activities[/bold] from {len(data['imported'])} files imported; "
        f"{len(data['duplicates'])} duplicates, {len(data['skipped'])} skipped, "
        f"{len(data['rejected'])} rejected."
    )
    for kind, label in (
        ("duplicates", "duplicate"),
        ("skipped", "skipped"),
        ("rejected", "rejected"),
    ):
        for line in _grouped(data[kind]):
            out.print(f"  {label}: {line}", highlight=False, soft_wrap=True)


def _grouped(items: list[dict[str, str]], shown: int = 3) -> Iterator[str]:
    """One line per file, except that many files with one reason (the hundreds of other files
    in an export) are named a few at a time and counted; --json lists every one."""
    by_reason: dict[str, list[str]] = {}
    for item in items:
        by_reason.setdefault(item["reason"], []).append(item["file"])
    for reason, files in by_reason.items():
        if len(files) <= shown + 1:
            yield from (f"{file}: {reason}" for file in files)
        else:
            yield f"{', '.join(files[:shown])} and {len(files) - shown} more: {reason}"


@load_app.command("add")
def add_command(
    sport: Annotated[str, typer.Option(help="running, cycling, walking, hiking, swimming, strength, …")],
    day: Annotated[str, typer.Option("--date", help="YYYY-MM-DD (local date).")],
    duration_min: Annotated[float, typer.Option("--duration-min", min=1, max=7 * 24 * 60)],
    distance_km: Annotated[float | None, typer.Option("--distance-km", min=0, max=1000)] = None,
    rpe: Annotated[int | None, typer.Option("--rpe", min=1, max=10, help="Session effort 1-10.")] = None,
    shoes: Annotated[str | None, typer.Option("--shoes", help="Name of the shoes worn.")] = None,
    surface: Annotated[
        str | None,
        typer.Option("--surface", help="road_or_concrete, treadmill, track, trail, grass"),
    ] = None,
) -> None:
    """Add one session by hand."""
    try:
        when = date.fromisoformat(day)
    except ValueError:
        raise typer.BadParameter(f"{day!r} is not a date like 2026-11-25", param_hint="--date") from None
    if surface is not None and surface not in SURFACES:
        raise typer.BadParameter(f"{surface!r}: use one of {', '.join(SURFACES)}", param_hint="--surface")
    family = sport_family(sport)
    with _open() as store:
        store.add_session(
            store.athlete(str(_options["athlete"])),
            sport=family if family != "other" else sport,
            source_sport=sport,
            day=when,
            minutes=duration_min,
            distance_km=distance_km,
            rpe=rpe,
            shoes=shoes,
            surface=surface,
        )
    out.print(f"added {sport} on {when}: {duration_min:g} min" + (f", {distance_km:g} km" if distance_km else ""))


@load_app.command("list")
def list_command(
    limit: Annotated[int, typer.Option("--limit", min=1)] = 20,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """The most recent activities."""
    with _open() as store:
        athlete = store.athlete(str(_options["athlete"]))
        rows = store.activities(athlete, limit)
    if as_json:
        print(json.dumps(rows, indent=2))
        return
    table = Table(title=f"{athlete.name}: latest activities")
    for column in ("date", "sport", "km", "moving", "source"):
        table.add_column(column)
    for r in rows:
        km = f"{r['distance_m'] / 1000:.1f}" if r["distance_m"] is not None else "-"
        moving = r["moving_s"] or r["elapsed_s"]
        table.add_row(
            r["local_date"],
            r["sport"],
            km,
            f"{moving / 60:.0f} min" if moving else "-",
            r["source_file"] or "",
        )
    out.print(table)


@load_app.command("report")
def report_command(
    weeks: Annotated[int, typer.Option("--weeks", min=1, max=520)] = 12,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    as_of: Annotated[str | None, typer.Option("--as-of", help="YYYY-MM-DD (default: today).")] = None,
    shoe_limit_km: Annotated[float | None, typer.Option("--shoe-limit-km", min=50)] = None,
    plot: Annotated[Path | None, typer.Option("--plot", help="Also draw the weekly chart: .png, .svg or .html")] = None,
    complete_history: Annotated[
        bool,
        typer.Option("--complete-history", help="Every session is recorded: days without one were rest days."),
    ] = False,
) -> None:
    """Weekly volume with flags in words, ACWR, fitness/fatigue, monotony and shoes."""
    day = date.fromisoformat(as_of) if as_of else date.today()
    with _open() as store:
        athlete = store.athlete(str(_options["athlete"]))
        span = store.workout_span(athlete)
        moved = None
        if as_of is None and span is not None and span[2] < day - timedelta(weeks=weeks):
            # the last workout is older than the whole window: end the report there, and say so
            moved, day = day, span[2]
        report = build_report(
            athlete.name,
            store.sessions(athlete),
            store.shoes(athlete),
            as_of=day,
            weeks=weeks,
            shoe_limit_km=shoe_limit_km or shoe_warning_km(),
            complete_history=complete_history,
            heart_rate=store.heart_rate_profile(athlete),
        )
    if plot is not None:
        if plot.suffix.lower() not in (".png", ".svg", ".html"):
            raise typer.BadParameter(f"{plot.name}: use .png, .svg or .html", param_hint="--plot")
        weekly_volume_chart(report, plot)
        err.print(f"chart written to {plot}")
    if as_json:
        print(json.dumps(asdict(report), indent=2))
        return
    if moved is not None:
        out.print(f"Your last workout was on {day:%d %b %Y}: the report ends there, not today ({moved:%d %b %Y}).")
    out.print(f"[bold]{report.status}[/bold]")
    if report.progression:
        out.print("last 7 days: " + "; ".join(_sport_line(p) for p in report.progression.values()))
    table = Table(title=f"{athlete.name}: training load, {weeks} weeks to {report.as_of}")
    for column in ("week", "hours", "km", "descent m", "change", "flag", "monotony"):
        table.add_column(column, justify="right" if column not in ("week", "flag") else "left")
    peak = max((w["minutes"] for w in report.weeks), default=0) or 1
    for w, empty_run in _folded(report.weeks):
        if empty_run:  # several empty weeks in a row take one line
            table.add_row(f"{w['week']} +{empty_run - 1} weeks", "no workouts", "", "", "", "", "")
            continue
        change = f"{w['change_pct']:+.0f} %" if w["change_pct"] is not None else ""
        bar = "█" * round(12 * w["minutes"] / peak)
        table.add_row(
            w["week"],
            f"{w['minutes'] / 60:.1f} {bar}",
            f"{w['distance_km']:.0f}",
            f"{w['descent_m']:.0f}",
            change,
            ("⚑ " + w["change_flag"]) if w["change_flag"] else "",
            f"{w['monotony']:.1f}" if w["monotony"] is not None else "",
        )
    out.print(table)
    for name, ratio in report.acwr.items():
        shown = f"{ratio['value']:.2f} ({ratio['band']})" if ratio["value"] is not None else "not shown"
        out.print(f"ACWR {name.replace('_', ' ')}: {shown} - {ratio['note']}")
    if report.acwr["rolling_uncoupled"]["value"] is not None:
        out.print(f"[dim]{report.acwr['rolling_uncoupled']['caveat']}[/dim]")
    if report.performance:
        p = report.performance
        out.print(
            f"fitness {p['fitness']:.0f}, fatigue {p['fatigue']:.0f}, form {p['form']:+.0f}, "
            f"ramp {p['ramp_rate']:+.1f} a week (minutes per day)"
        )
    trimps = [w["trimp"] for w in report.weeks if w["trimp"] is not None]
    if trimps:
        out.print("heart-rate load (TRIMP) by week: " + ", ".join(f"{t:.0f}" for t in trimps[-6:]))
    for shoe in report.shoes:
        mark = " ⚑ past the warning distance" if shoe["past_band"] else ""
        out.print(f"shoes {shoe['name']}: {shoe['distance_km']:.0f} km{' (retired)' if shoe['retired'] else ''}{mark}")
    for flag in report.flags:
        out.print(f"⚑ {flag['text']}  [dim]{flag['source']}[/dim]")
    for note in report.notes:
        out.print(f"• {note['text']}  [dim]{note['source']}[/dim]")


def _sport_line(p: dict[str, Any]) -> str:
    line = f"{p['sport']} {p['last7']:.0f} {p['unit']}"
    if p["change_pct"] is not None:
        line += f" ({p['change_pct']:+.0f} % on the 7 days before)"
    return line


def _folded(weeks: list[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], int]]:
    """Each week with 0, or the first of a run of two or more empty weeks with its length."""
    i = 0
    while i < len(weeks):
        j = i
        while j < len(weeks) and weeks[j]["sessions"] == 0:
            j += 1
        if j - i >= 2:
            yield weeks[i], j - i
            i = j
        else:
            yield weeks[i], 0
            i += 1


shoes_app = typer.Typer(help="Shoes and their distance.", no_args_is_help=True)
load_app.add_typer(shoes_app, name="shoes")


@shoes_app.command("add")
def shoes_add(
    name: Annotated[str, typer.Argument()],
    initial_km: Annotated[float, typer.Option("--initial-km", min=0, help="Distance already run in them.")] = 0.0,
    default_for: Annotated[
        str | None, typer.Option("--default-for", help="Sport whose imports get these shoes.")
    ] = None,
    surface: Annotated[str | None, typer.Option("--surface")] = None,
) -> None:
    """Add a pair of shoes (optionally the default for a sport's imported workouts)."""
    with _open() as store:
        store.save_shoes(store.athlete(str(_options["athlete"])), name, initial_km, default_for, surface)
    out.print(f"shoes {name}: {initial_km:g} km to start" + (f", default for {default_for}" if default_for else ""))


@shoes_app.command("retire")
def shoes_retire(name: Annotated[str, typer.Argument()]) -> None:
    """Retire a pair: its history stays, it is no longer assigned or warned about."""
    with _open() as store:
        changed = store.retire_shoes(store.athlete(str(_options["athlete"])), name)
    if not changed:
        raise typer.BadParameter(f"no shoes called {name!r}", param_hint="NAME")
    out.print(f"shoes {name} retired")


@shoes_app.command("list")
def shoes_list(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    with _open() as store:
        shoes = store.shoes(store.athlete(str(_options["athlete"])))
    if as_json:
        print(json.dumps([asdict(s) for s in shoes], indent=2))
        return
    for s in shoes:
        out.print(f"{s.name}: {s.distance_km:.0f} km{' (retired)' if s.retired else ''}")
