"""`kneecheck why`: the person's own training before the pain began, beside the triage."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from kneecheck.cli._errors import fail
from kneecheck.diary import current_episode
from kneecheck.insight import Why, why
from kneecheck.knowledge import shoe_warning_km
from kneecheck.store import DEFAULT_ATHLETE, Store, default_db_path

out = Console()


def onset_of(store: Store, athlete_name: str) -> tuple[date, str, dict[str, object] | None]:
    """The onset: from the latest assessment (its time less 'how long ago it started'), else
    the first entry of the diary's current episode."""
    athlete = store.find_athlete(athlete_name)
    if athlete is None:
        fail(f"no athlete named {athlete_name!r} in this database")
    kept = store.assessments(athlete)
    if kept:
        latest = kept[0]
        at = datetime.fromisoformat(latest["at_utc"].replace("Z", "+00:00"))
        hours = latest["answers"].get("hours_since_onset")
        if hours is not None:
            return (at - timedelta(hours=float(hours))).date(), f"assessment #{latest['id']}", latest["answers"]
    episode = current_episode(store.entries(athlete))
    if episode:
        return episode[0].at.date(), f"diary entry #{episode[0].id}", kept[0]["answers"] if kept else None
    if kept:
        fail("the latest assessment does not say when the pain started, and the diary is empty: add a diary entry")
    fail("nothing says when the pain started: run kneecheck assess, or add a diary entry")


def why_command(
    db: Annotated[Path | None, typer.Option("--db", help="Database file (default: the local database).")] = None,
    athlete: Annotated[str, typer.Option("--athlete", help="Whose history.")] = DEFAULT_ATHLETE,
    on: Annotated[
        str | None, typer.Option("--onset", help="The day the pain began (default: from the records).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Why me, why now: training errors in your workouts before the pain began.

    Ranked, with their evidence and sources. It explains; it never changes how urgent the knee is."""
    path = db or default_db_path()
    if not path.exists():
        fail(f"{path}: no database yet (import workouts with kneecheck load import)")
    with Store(path) as store:
        if on is not None:
            try:
                onset, source, answers = date.fromisoformat(on), "--onset", None
            except ValueError:
                fail(f"--onset: {on!r} is not a date like 2026-11-20")
            person = store.find_athlete(athlete)
            if person is None:
                fail(f"no athlete named {athlete!r} in this database")
        else:
            onset, source, answers = onset_of(store, athlete)
            person = store.find_athlete(athlete)
        assert person is not None
        found = why(
            store.sessions(person), store.shoes(person), onset, onset_from=source,
            answers=dict(answers) if answers else None, shoe_limit_km=shoe_warning_km(),
            form_checks=store.form_checks(person),
        )  # fmt: skip
    if as_json:
        print(json.dumps(found.as_json(), indent=2))
        return
    render(found)


def render(found: Why) -> None:
    out.print(f"[bold]Why now[/bold]: the pain began on {found.onset} (from {found.onset_from}).")
    out.print(found.summary)
    for rank, f in enumerate(found.factors, start=1):
        out.print(f"{rank}. [bold]{f.evidence}[/bold]")
        out.print(f"   {f.text}  [dim]{f.source}[/dim]")
    out.print("[dim]This explains; it does not change how urgent the knee is (kneecheck assess says that).[/dim]")
