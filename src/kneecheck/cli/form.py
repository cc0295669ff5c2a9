"""`kneecheck form`: the knee's inward collapse in squats, rep by rep, from a phone video."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from kneecheck.cli._errors import fail
from kneecheck.store import DEFAULT_ATHLETE, Store, default_db_path

out = Console()
err = Console(stderr=True)


def form_command(
    video: Annotated[Path, typer.Argument(help="A phone video (or a picture) of squats, filmed from the front.")],
    exercise: Annotated[str, typer.Option("--exercise", help="single_leg_squat, squat or lunge")] = "single_leg_squat",
    leg: Annotated[str, typer.Option("--leg", help="left, right or auto (the planted leg)")] = "auto",
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Folder for the picture of the worst rep and the chart.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    save: Annotated[bool, typer.Option("--save/--no-save", help="Keep the result with your records.")] = True,
    db: Annotated[Path | None, typer.Option("--db", help="Database file (default: the local database).")] = None,
    athlete: Annotated[str, typer.Option("--athlete", help="Whose records.")] = DEFAULT_ATHLETE,
) -> None:
    """Form check: how far the knee caves in, rep by rep, in a squat video.

    The frontal plane projection angle at the deepest point of each rep. A screening aid, not a
    diagnosis. Film with the phone 2-3 m in front at knee height, the whole body in the frame."""
    from kneecheck.form import FormUnavailable, MediaProblem, check_form, pictures
    from kneecheck.form import as_json as form_json

    if leg not in ("left", "right", "auto"):
        fail("--leg must be left, right or auto")
    try:
        with Progress(TextColumn("watching"), BarColumn(), MofNCompleteColumn(), console=err, transient=True) as bar:
            task = bar.add_task("frames", total=None)

            def tick(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total or None)

            result = check_form(video, exercise, None if leg == "auto" else leg, progress=tick)
    except (FormUnavailable, MediaProblem, ValueError) as problem:
        fail(str(problem))
    document = form_json(result)
    written = pictures(result, video, out_dir) if out_dir is not None and not result.refused else []
    if save:
        with Store(db or default_db_path()) as store:
            store.save_form_check(store.athlete(athlete), video.name, document)
    if as_json:
        print(json.dumps({**document, "files": [str(p) for p in written]}, indent=2))
        return
    if result.refused:
        out.print(f"[bold]Not measured:[/bold] {result.refused}")
        return
    for rep in result.reps:
        angle = f"{rep.fppa_deg:+.0f}°" if rep.fppa_deg is not None else "-"
        mark = {"flagged": "[bold red]flagged[/bold red]", "caution": "[yellow]caution[/yellow]"}.get(
            rep.verdict, rep.verdict
        )
        out.print(
            f"rep {rep.index} ({rep.leg} leg, at {rep.bottom_t:.1f} s): {angle} {mark}"
            + (f" - {rep.note}" if rep.note else "")
        )
    for note in result.notes:
        out.print(f"[dim]{note}[/dim]")
    for path in written:
        out.print(f"written: {path}")
