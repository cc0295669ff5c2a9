"""`kneecheck report` and `kneecheck export`: the knee report, and everything as JSON or FHIR."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from kneecheck.cli._errors import fail
from kneecheck.knowledge import load_knowledge
from kneecheck.reports import as_json_document, fhir_bundle, gather, render_html, render_pdf
from kneecheck.store import DEFAULT_ATHLETE, Athlete, Store, default_db_path

out = Console()
Db = Annotated[Path | None, typer.Option("--db", help="Database file (default: the local database).")]
Who = Annotated[str, typer.Option("--athlete", help="Whose records.")]


def _athlete(store: Store, name: str) -> Athlete:
    athlete = store.find_athlete(name)
    if athlete is None:
        fail(f"no athlete named {name!r} in this database")
    return athlete


def _store(db: Path | None) -> Store:
    path = db or default_db_path()
    if not path.exists():
        fail(f"{path}: no database yet (kneecheck assess, diary add or load import make one)")
    return Store(path)


def report_command(
    out_path: Annotated[
        Path | None, typer.Option("--out", help="report.html or report.pdf (default: report.html here).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report's content as JSON instead.")] = False,
    db: Db = None,
    athlete: Who = DEFAULT_ATHLETE,
) -> None:
    """The knee report to read or hand to a physio or doctor (HTML or PDF).

    The assessment, the diary's trend, the training with the onset marked, the contributing factors
    and the advice, in one document."""
    with _store(db) as store:
        report = gather(store, _athlete(store, athlete))
    if as_json:
        print(json.dumps(as_json_document(report), indent=2))
        return
    path = out_path or Path("report.html")
    suffix = path.suffix.lower()
    if suffix == ".html":
        path.write_text(render_html(report), encoding="utf-8")
    elif suffix == ".pdf":
        render_pdf(report, path)
    else:
        fail(f"--out {path.name}: the report can be .html or .pdf")
    out.print(f"knee report written to {path}")


def export_command(
    fhir: Annotated[
        bool, typer.Option("--fhir", help="FHIR R4 JSON (assessment and diary) for a clinic's system.")
    ] = False,
    out_path: Annotated[Path | None, typer.Option("--out", help="Write to this file (default: print).")] = None,
    db: Db = None,
    athlete: Who = DEFAULT_ATHLETE,
) -> None:
    """Everything stored about you as JSON, or the assessment and diary as FHIR R4."""
    with _store(db) as store:
        person = _athlete(store, athlete)
        if fhir:
            kept = store.assessments(person)
            document = fhir_bundle(
                person.name, kept[0] if kept else None, store.entries(person), load_knowledge().version
            )
        else:
            document = store.export(person)
    text = json.dumps(document, indent=2, default=str)
    if out_path is None:
        print(text)
    else:
        out_path.write_text(text, encoding="utf-8")
        out.print(f"written to {out_path}")
