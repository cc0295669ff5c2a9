"""`kneecheck diary`: record the knee over time; the follow-up rules read the record."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.prompt import IntPrompt, Prompt
from rich.table import Table

from kneecheck.cli._errors import fail
from kneecheck.diary import PainEntry
from kneecheck.diary import follow_up as diary_follow_up
from kneecheck.store import DEFAULT_ATHLETE, Athlete, Store

diary_app = typer.Typer(
    help="A pain diary: how the knee is over time, and when to get it checked.", no_args_is_help=True
)
out = Console()
_options: dict[str, Path | str | None] = {}


@diary_app.callback()
def _diary_options(
    db: Annotated[
        Path | None, typer.Option("--db", help="Database file (default: KNEECHECK_DB or the user data folder).")
    ] = None,
    athlete: Annotated[str, typer.Option("--athlete", help="Whose diary.")] = DEFAULT_ATHLETE,
) -> None:
    _options["db"] = db
    _options["athlete"] = athlete


def _open() -> tuple[Store, Athlete]:
    """The store and the athlete: the default one is created on first use, another must exist."""
    store = Store(_options.get("db"))
    name = str(_options["athlete"])
    athlete = store.athlete(name) if name == DEFAULT_ATHLETE else store.find_athlete(name)
    if athlete is None:
        store.close()
        fail(f"no athlete named {name!r} in this database - nothing stored")
    return store, athlete


Pain = Annotated[int | None, typer.Option("--pain", min=0, max=10, help="Pain now, 0-10.")]
Worst = Annotated[int | None, typer.Option("--worst", min=0, max=10, help="Worst pain in the last 24 hours, 0-10.")]
Activity = Annotated[str | None, typer.Option("--activity", help="The activity it came with (running, squats...).")]
Timing = Annotated[str | None, typer.Option("--timing", help="during, after or at_rest")]
Where = Annotated[list[str] | None, typer.Option("--where", help="Where it hurts (repeat): around_kneecap, outside...")]
Swelling = Annotated[str | None, typer.Option("--swelling", help="none, mild or pronounced")]
Warm = Annotated[bool | None, typer.Option("--warm/--not-warm", help="Warm or red.")]
Woke = Annotated[bool | None, typer.Option("--woke/--slept", help="The pain woke you at night.")]
Stopped = Annotated[bool | None, typer.Option("--stopped/--not-stopped", help="It stopped an everyday task.")]
Signs = Annotated[
    list[str] | None, typer.Option("--sign", help="A warning-sign answer, FIELD=VALUE (repeat): can_bear_weight=no")
]
Notes = Annotated[str | None, typer.Option("--notes")]
At = Annotated[
    str | None, typer.Option("--at", help="When (default now): 2026-11-25 18:30, local time, or ISO with a zone.")
]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def _fields(
    pain: int | None,
    worst: int | None,
    activity: str | None,
    timing: str | None,
    where: list[str] | None,
    swelling: str | None,
    warm: bool | None,
    woke: bool | None,
    stopped: bool | None,
    signs: list[str] | None,
    notes: str | None,
    at: str | None,
) -> dict[str, Any]:
    given: dict[str, Any] = {
        "pain_now": pain, "pain_worst_24h": worst, "activity": activity, "timing": timing, "where": where,
        "swelling": swelling, "warm_or_red": warm, "woke_at_night": woke, "stopped_daily_task": stopped,
        "notes": notes,
    }  # fmt: skip
    if signs:
        pairs = [s.split("=", 1) for s in signs]
        if any(len(p) != 2 for p in pairs):
            raise typer.BadParameter(
                "write each sign as FIELD=VALUE, for example can_bear_weight=no", param_hint="--sign"
            )
        given["signs"] = dict(pairs)
    if at:
        try:
            moment = datetime.fromisoformat(at)
        except ValueError:
            raise typer.BadParameter(f"{at!r} is not a time like 2026-11-25 18:30", param_hint="--at") from None
        given["at"] = moment if moment.tzinfo else moment.astimezone()  # a time without a zone is local
    return {k: v for k, v in given.items() if v is not None}


def _entry(data: dict[str, Any]) -> PainEntry:
    try:
        return PainEntry.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "entry"
        fail(f"diary entry: {where}: {first['msg'].removeprefix('Value error, ')} - nothing stored")


def _ask() -> dict[str, Any]:
    """The entry, asked question by question (Enter skips a question)."""
    data: dict[str, Any] = {"pain_now": IntPrompt.ask("Pain now, 0 (none) to 10 (worst imaginable)", console=out)}
    worst = Prompt.ask("Worst pain in the last 24 hours, 0-10 (Enter to skip)", default="", console=out)
    if worst.strip():
        data["pain_worst_24h"] = int(worst)
    activity = Prompt.ask("During or after which activity? (Enter to skip)", default="", console=out)
    if activity.strip():
        data["activity"] = activity.strip()
    swelling = Prompt.ask("Swelling", choices=["none", "mild", "pronounced", ""], default="", console=out)
    if swelling:
        data["swelling"] = swelling
    for field, question in (
        ("warm_or_red", "Is the knee warm or red?"),
        ("woke_at_night", "Did the pain wake you last night?"),
        ("stopped_daily_task", "Did it stop you doing an everyday task?"),
    ):
        reply = Prompt.ask(question, choices=["y", "n", ""], default="", console=out)
        if reply:
            data[field] = reply == "y"
    notes = Prompt.ask("Notes (Enter to skip)", default="", console=out)
    if notes.strip():
        data["notes"] = notes.strip()
    return data


def follow_up(store: Store, athlete: Athlete) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The follow-up rules over the athlete's diary and the trend (diary.follow_up)."""
    kept = store.assessments(athlete)
    found = diary_follow_up(store.entries(athlete), kept[0]["answers"] if kept else None)
    return found["follow_up"], found["trend"]


def _print_follow_up(found: list[dict[str, Any]], direction: dict[str, Any]) -> None:
    if direction["slope_per_day"] is not None:
        out.print(
            f"trend: [bold]{direction['direction']}[/bold] ({direction['slope_per_day']:+.2f} points a day over "
            f"{direction['days']:.1f} days, {direction['entries']} entries)"
        )
    if not found:
        out.print("No follow-up rule fires: keep recording; come back if a warning sign appears.")
    for e in found:
        ids = ", ".join(f"#{i}" for i in e["entries"])
        out.print(f"[bold]{e['urgency'].upper()}[/bold] {e['text']}  [dim](entries {ids}; {e['source']})[/dim]")


def _show(entry: PainEntry, found: list[dict[str, Any]], direction: dict[str, Any], said: str, as_json: bool) -> None:
    """An entry just saved, with what the diary now says (the same shape as the API's)."""
    if as_json:
        print(json.dumps({"entry": entry.model_dump(mode="json"), "follow_up": found, "trend": direction}, indent=2))
        return
    out.print(said)
    _print_follow_up(found, direction)


@diary_app.command("add")
def add_command(
    pain: Pain = None, worst: Worst = None, activity: Activity = None, timing: Timing = None, where: Where = None,
    swelling: Swelling = None, warm: Warm = None, woke: Woke = None, stopped: Stopped = None, sign: Signs = None,
    notes: Notes = None, at: At = None, as_json: AsJson = False,
) -> None:  # fmt: skip
    """Add an entry (questions one by one without --pain); the follow-up rules run after it."""
    data = _fields(pain, worst, activity, timing, where, swelling, warm, woke, stopped, sign, notes, at)
    if pain is None:
        data = {**_ask(), **data}
    entry = _entry(data)
    store, athlete = _open()
    with store:
        saved = store.add_entry(athlete, entry)
        found, direction = follow_up(store, athlete)
    said = f"entry #{saved.id} saved ({saved.at:%d %b %Y %H:%M} UTC, pain {saved.pain_now}/10)"
    _show(saved, found, direction, said, as_json)


@diary_app.command("list")
def list_command(as_json: AsJson = False) -> None:
    """Every entry, oldest first."""
    store, athlete = _open()
    with store:
        entries = store.entries(athlete)
    if as_json:
        print(json.dumps([e.model_dump(mode="json") for e in entries], indent=2))
        return
    table = Table(title=f"{athlete.name}: pain diary")
    for column in ("#", "when (UTC)", "pain", "worst 24 h", "swelling", "night/tasks", "notes"):
        table.add_column(column)
    for e in entries:
        table.add_row(
            str(e.id), f"{e.at:%Y-%m-%d %H:%M}", f"{e.pain_now}/10",
            f"{e.pain_worst_24h}/10" if e.pain_worst_24h is not None else "",
            (e.swelling or "") + (" warm/red" if e.warm_or_red else ""),
            ", ".join(w for w, on in (("woke", e.woke_at_night), ("stopped a task", e.stopped_daily_task)) if on),
            e.notes or "",
        )  # fmt: skip
    out.print(table)


@diary_app.command("edit")
def edit_command(
    entry_id: Annotated[int, typer.Argument(help="The entry's number (diary list).")],
    pain: Pain = None, worst: Worst = None, activity: Activity = None, timing: Timing = None, where: Where = None,
    swelling: Swelling = None, warm: Warm = None, woke: Woke = None, stopped: Stopped = None, sign: Signs = None,
    notes: Notes = None, at: At = None, as_json: AsJson = False,
) -> None:  # fmt: skip
    """Change what an entry says; what is not given stays."""
    store, athlete = _open()
    with store:
        current = store.entry(athlete, entry_id)
        if current is None:
            fail(f"no diary entry #{entry_id}")
        changes = _fields(pain, worst, activity, timing, where, swelling, warm, woke, stopped, sign, notes, at)
        entry = _entry({**current.model_dump(), **changes})
        store.update_entry(athlete, entry)
        found, direction = follow_up(store, athlete)
    _show(entry, found, direction, f"entry #{entry_id} changed", as_json)


@diary_app.command("delete")
def delete_command(entry_id: Annotated[int, typer.Argument(help="The entry's number (diary list).")]) -> None:
    """Delete one entry."""
    store, athlete = _open()
    with store:
        if not store.delete_entry(athlete, entry_id):
            fail(f"no diary entry #{entry_id}")
    out.print(f"entry #{entry_id} deleted")


@diary_app.command("check")
def check_command(as_json: AsJson = False) -> None:
    """Apply the follow-up rules to the whole diary, and show the trend."""
    store, athlete = _open()
    with store:
        found, direction = follow_up(store, athlete)
    if as_json:
        print(json.dumps({"follow_up": found, "trend": direction}, indent=2))
        return
    _print_follow_up(found, direction)
