"""`kneecheck plan`: a prevention and return-to-activity plan, updated from the pain diary."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from kneecheck.cli._errors import fail
from kneecheck.plan import Plan, PlanRefused, build_plan, from_json, to_ics, update
from kneecheck.store import DEFAULT_ATHLETE, Athlete, Store, default_db_path
from kneecheck.triage import Assessment

out = Console()


def plan_command(
    weeks: Annotated[int, typer.Option("--weeks", min=2, max=26, help="How many weeks.")] = 8,
    start: Annotated[str | None, typer.Option("--start", help="First day (default: next Monday).")] = None,
    refresh: Annotated[
        bool, typer.Option("--update", help="Apply the pain-monitoring rule to the diary since the plan began.")
    ] = False,
    ics: Annotated[
        Path | None, typer.Option("--ics", help="Also write the sessions to a calendar file (.ics).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the plan as JSON.")] = False,
    db: Annotated[Path | None, typer.Option("--db", help="Database file (default: the local database).")] = None,
    athlete: Annotated[str, typer.Option("--athlete", help="Whose plan.")] = DEFAULT_ATHLETE,
) -> None:
    """A week-by-week plan: warm-up, strength and cool-down chosen for your likely condition, and
    running and cycling targets that start from what you did and rise at most 10 % a week, with an
    easier week every fourth. Not for an urgent knee: see a clinician first."""
    path = db or default_db_path()
    if not path.exists():
        fail(f"{path}: no database yet (run kneecheck assess first)")
    with Store(path) as store:
        person = store.find_athlete(athlete)
        if person is None:
            fail(f"no athlete named {athlete!r} in this database")
        if refresh:
            kept = store.latest_plan(person)
            if kept is None:
                fail("no plan to update yet: run kneecheck plan")
            plan_id, data = kept
            plan = update(from_json(data), store.entries(person), date.today())
            store.save_plan(person, plan.as_json(), plan_id)
        else:
            plan = _new_plan(store, person, weeks, start)
    if ics is not None:
        ics.write_text(to_ics(plan, datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")), encoding="utf-8", newline="")
    if as_json:
        print(json.dumps(plan.as_json(), indent=2))
        return
    render(plan)
    if ics is not None:
        out.print(f"calendar written to {ics}")


def _new_plan(store: Store, person: Athlete, weeks: int, start: str | None) -> Plan:
    kept = store.assessments(person)
    if not kept:
        fail("no assessment kept yet: run kneecheck assess first, so the plan fits the knee")
    row = store.db.execute("SELECT result FROM assessments WHERE id = ?", (kept[0]["id"],)).fetchone()
    result = Assessment.model_validate_json(row["result"])
    today = date.today()
    try:
        starts = date.fromisoformat(start) if start else today + timedelta(days=(7 - today.weekday()) % 7 or 7)
    except ValueError:
        fail(f"--start: {start!r} is not a date like 2026-12-01")
    entries = store.entries(person)
    in_pain = entries[-1].pain_now > 0 if entries else True
    try:
        plan = build_plan(
            urgency=result.urgency,
            conditions=[(c.id, c.probability) for c in result.conditions],
            sessions=store.sessions(person, since=starts - timedelta(days=28)),
            starts=starts,
            weeks=weeks,
            in_pain=in_pain,
        )
    except PlanRefused as refused:
        fail(f"no plan: {refused}")
    store.save_plan(person, plan.as_json())
    return plan


def render(plan: Plan) -> None:
    if plan.bridge:
        out.print(f"[bold]{plan.bridge}[/bold]")
    for reason in plan.reasons:
        out.print(f"  {reason}")
    table = Table(title=f"Plan from {plan.starts}")
    for column in ("week", "starts", "running min", "cycling min", "strength", "after the week"):
        table.add_column(column)
    for w in plan.weeks:
        table.add_row(
            f"{w.number}{' (easier)' if w.easier else ''}", w.starts,
            f"{w.targets['running']:.0f}" if "running" in w.targets else "",
            f"{w.targets['cycling']:.0f}" if "cycling" in w.targets else "",
            f"{w.strength_sessions} a week", w.decision or "",
        )  # fmt: skip
    out.print(table)
    for title, items in (("Warm-up, before every session", plan.warm_up), ("Strength", plan.strength),
                         ("Cool-down, after", plan.cool_down)):  # fmt: skip
        out.print(f"[bold]{title}[/bold]")
        for i in items:
            out.print(f"  • {i.name}: {i.dose}" + (f" [yellow]({i.note})[/yellow]" if i.note else ""))
    out.print("Pain during or after up to 3/10 and settled by the next morning: go on. More: hold or step back "
              "(kneecheck plan --update reads your diary).")  # fmt: skip
