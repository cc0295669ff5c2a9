"""`kneecheck why`: the person's own training before the pain began, beside the triage."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from kneecheck.cli._errors import fail
from kneecheck.insight import Why
from kneecheck.insight._records import why_for
from kneecheck.store import DEFAULT_ATHLETE, Store, default_db_path

out = Console()


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
    onset = None
    if on is not None:
        try:
            onset = date.fromisoformat(on)
        except ValueError:
            fail(f"--onset: {on!r} is not a date like 2026-11-20")
    with Store(path) as store:
        person = store.find_athlete(athlete)
        if person is None:
            fail(f"no athlete named {athlete!r} in this database")
        found = why_for(store, person, onset)
        if found is None:
            if store.assessments(person):
                fail("the latest assessment does not say when the pain started: add a diary entry")
            fail("nothing says when the pain started: run kneecheck assess, or add a diary entry")
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
