"""`kneecheck plan`: a prevention and return-to-activity plan, updated from the pain diary."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from kneecheck.cli._errors import fail
from kneecheck.knowledge import load_knowledge
from kneecheck.plan import HARDER_FROM_WEEK, Plan, to_html, to_ics
from kneecheck.plan._records import NoPlan, PlanRefused, new_plan, updated_plan
from kneecheck.store import DEFAULT_ATHLETE, Store, default_db_path

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
    out_path: Annotated[
        Path | None, typer.Option("--out", help="Also write it to print: plan.html or plan.pdf.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the plan as JSON.")] = False,
    db: Annotated[Path | None, typer.Option("--db", help="Database file (default: the local database).")] = None,
    athlete: Annotated[str, typer.Option("--athlete", help="Whose plan.")] = DEFAULT_ATHLETE,
) -> None:
    """A week-by-week prevention and return plan, updated from your diary.

    Warm-up, strength and cool-down chosen for your likely condition, and running, cycling and
    jumping targets that start from what you did and rise at most 10 % a week, with an easier week
    every fourth. Not for an urgent knee: see a clinician first."""
    path = db or default_db_path()
    if not path.exists():
        fail(f"{path}: no database yet (run kneecheck assess first)")
    with Store(path) as store:
        person = store.find_athlete(athlete)
        if person is None:
            fail(f"no athlete named {athlete!r} in this database")
        try:
            if refresh:
                _, plan = updated_plan(store, person)
            else:
                first = _day(start) if start else None
                _, plan = new_plan(store, person, weeks, first)
        except (NoPlan, PlanRefused) as problem:
            fail(f"no plan: {problem}")
    if ics is not None:
        ics.write_text(to_ics(plan, datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")), encoding="utf-8", newline="")
    if out_path is not None:
        _printable(plan, out_path)
    if as_json:
        print(json.dumps(plan.as_json(), indent=2))
        return
    render(plan)
    if ics is not None:
        out.print(f"calendar written to {ics}")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail(f"--start: {text!r} is not a date like 2026-12-01")


def _printable(plan: Plan, path: Path) -> None:
    page = to_html(plan, load_knowledge().manifest.disclaimer)
    if path.suffix.lower() == ".html":
        path.write_text(page, encoding="utf-8")
    elif path.suffix.lower() == ".pdf":
        from fpdf import FPDF

        from kneecheck.reports._knee import _unicode_font

        pdf = FPDF(format="A4")
        pdf.add_page()
        font = _unicode_font()
        if font:
            for style in ("", "B", "I", "BI"):  # one face for every style the page uses
                pdf.add_font("body", style, font)
        pdf.set_font("body" if font else "helvetica", size=10)
        pdf.write_html(page.split("<body>", 1)[1].split("</body>", 1)[0])
        pdf.output(str(path))
    else:
        fail(f"--out {path.name}: the plan can be .html or .pdf")
    out.print(f"plan written to {path}")


def render(plan: Plan) -> None:
    if plan.bridge:
        out.print(f"[bold]{plan.bridge}[/bold]")
    for reason in plan.reasons:
        out.print(f"  {reason}")
    table = Table(title=f"Plan from {plan.starts}")
    for column in ("week", "starts", "running min", "cycling min", "jumping min", "strength", "after the week"):
        table.add_column(column)
    for w in plan.weeks:
        table.add_row(
            f"{w.number}{' (easier)' if w.easier else ''}", w.starts,
            f"{w.targets['running']:.0f}" if "running" in w.targets else "",
            f"{w.targets['cycling']:.0f}" if "cycling" in w.targets else "",
            f"{w.targets['jumping']:.0f}" if "jumping" in w.targets else "",
            f"{w.strength_sessions} a week" + (", harder variants" if w.strength_level == "harder" else ""),
            w.decision or "",
        )  # fmt: skip
    out.print(table)
    for title, items in (("Warm-up, before every session", plan.warm_up), ("Strength", plan.strength),
                         ("Cool-down, after", plan.cool_down)):  # fmt: skip
        out.print(f"[bold]{title}[/bold]")
        for i in items:
            out.print(f"  • {i.name}: {i.dose}" + (f" [yellow]({i.note})[/yellow]" if i.note else ""))
            if i.harder and title == "Strength":
                later = f"harder (from week {HARDER_FROM_WEEK} if pain allows): {i.harder}"
                out.print(f"    [dim]easier: {i.easier}; {later}[/dim]")
    out.print("Pain during or after up to 3/10 and settled by the next morning: go on. More: hold or step back "
              "(kneecheck plan --update reads your diary).")  # fmt: skip
