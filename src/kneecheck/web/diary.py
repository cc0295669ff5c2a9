"""The pain diary, why-now, the kept assessments, the knee report and the FHIR export, on the
web page and under /api/v1, with the same JSON shapes as the CLI's --json."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi import Path as FastAPIPath
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from kneecheck.diary import PainEntry, follow_up
from kneecheck.insight._records import why_for
from kneecheck.knowledge import load_knowledge
from kneecheck.reports import as_json_document, fhir_bundle, gather, render_html, render_pdf
from kneecheck.reports._knee import pain_chart
from kneecheck.store import Athlete, Store
from kneecheck.web._deps import DB, Person, person
from kneecheck.web._render import render

api = APIRouter(prefix="/api/v1", tags=["diary and report"])
pages = APIRouter(include_in_schema=False)
EntryId = Annotated[int, FastAPIPath(ge=1, le=2**62)]


def _follow_up(db: Store, who: Athlete) -> dict[str, Any]:
    kept = db.assessments(who)
    return follow_up(db.entries(who), kept[0]["answers"] if kept else None)


# ---------------------------------------------------------------------------- API
@api.get("/diary", response_model=list[PainEntry])
def diary_list(db: DB, who: Person) -> list[PainEntry]:
    """Every diary entry, oldest first."""
    return db.entries(who)


@api.post("/diary", status_code=201)
def diary_add(body: PainEntry, db: DB, who: Person) -> dict[str, Any]:
    """Add an entry; the follow-up rules run after it."""
    saved = db.add_entry(who, body.model_copy(update={"id": None}))
    return {"entry": saved.model_dump(mode="json"), **_follow_up(db, who)}


@api.put("/diary/{entry_id}")
def diary_edit(entry_id: EntryId, body: PainEntry, db: DB, who: Person) -> dict[str, Any]:
    """Replace what an entry says."""
    entry = body.model_copy(update={"id": entry_id})
    if not db.update_entry(who, entry):
        raise HTTPException(404, "no such diary entry")
    return {"entry": entry.model_dump(mode="json"), **_follow_up(db, who)}


@api.delete("/diary/{entry_id}", status_code=204)
def diary_delete(entry_id: EntryId, db: DB, who: Person) -> Response:
    if not db.delete_entry(who, entry_id):
        raise HTTPException(404, "no such diary entry")
    return Response(status_code=204)


@api.get("/diary/check")
def diary_check(db: DB, who: Person) -> dict[str, Any]:
    """The follow-up rules over the whole diary, and the trend."""
    return _follow_up(db, who)


@api.get("/assessments")
def assessments(db: DB, who: Person) -> list[dict[str, Any]]:
    """The kept assessments, newest first, with their answers, text and knowledge version."""
    return db.assessments(who)


def _why(db: Store, who: Athlete) -> dict[str, Any] | None:
    found = why_for(db, who)
    return None if found is None else found.as_json()


@api.get("/why")
def why_endpoint(db: DB, who: Person) -> dict[str, Any]:
    """Why me, why now: training errors in the weeks before the pain began, ranked."""
    found = _why(db, who)
    if found is None:
        raise HTTPException(404, "nothing says when the pain started: assess, or add a diary entry")
    return found


@api.get("/report")
def report_endpoint(db: DB, who: Person) -> dict[str, Any]:
    """The knee report's content as JSON (the page offers it as HTML and PDF)."""
    return as_json_document(gather(db, who))


@api.get("/export/fhir")
def fhir_endpoint(db: DB, who: Person) -> dict[str, Any]:
    """The latest assessment and the diary as a FHIR R4 Bundle."""
    kept = db.assessments(who)
    return fhir_bundle(who.name, kept[0] if kept else None, db.entries(who), load_knowledge().version)


# ---------------------------------------------------------------------------- pages
@pages.get("/diary", response_class=HTMLResponse)
def diary_page(request: Request, db: DB, who: Person) -> HTMLResponse:
    found = _follow_up(db, who)
    entries = db.entries(who)
    chart = pain_chart(entries)
    context = {"entries": entries, **found, "error": None, "chart": chart.decode() if chart else ""}
    return render(request, "diary/diary.html", context)


@pages.post("/diary", response_class=HTMLResponse)
async def diary_post(request: Request, db: DB, who: Person) -> Response:
    form = await request.form()

    def flag(name: str) -> bool | None:
        value = str(form.get(name) or "")
        return {"yes": True, "no": False}.get(value)

    data: dict[str, Any] = {
        "pain_now": form.get("pain_now"),
        "pain_worst_24h": form.get("pain_worst_24h") or None,
        "activity": str(form.get("activity") or "").strip() or None,
        "swelling": form.get("swelling") or None,
        "warm_or_red": flag("warm_or_red"),
        "woke_at_night": flag("woke_at_night"),
        "stopped_daily_task": flag("stopped_daily_task"),
        "notes": str(form.get("notes") or "").strip() or None,
    }
    if form.get("at"):
        data["at"] = str(form.get("at"))
    try:
        entry = PainEntry.model_validate({k: v for k, v in data.items() if v is not None})
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        message = f"{where.replace('_', ' ')}: {first['msg'].removeprefix('Value error, ')} - nothing was saved"
        context = {"entries": db.entries(who), **_follow_up(db, who), "error": message, "chart": ""}
        return render(request, "diary/diary.html", context, 422)
    db.add_entry(who, entry)
    return RedirectResponse("/diary", status_code=303)


@pages.get("/why", response_class=HTMLResponse)
def why_page(request: Request, db: DB, who: Person) -> HTMLResponse:
    return render(request, "diary/why.html", {"why": _why(db, who), "kept": db.assessments(who)})


@pages.get("/report.{kind}", dependencies=[Depends(person)])
def report_file(kind: str, db: DB, who: Person) -> Response:
    """The knee report as a file to keep or hand on (HTML or PDF)."""
    report = gather(db, who)
    if kind == "html":
        return Response(
            render_html(report), media_type="text/html; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="knee-report.html"'},
        )  # fmt: skip
    if kind == "pdf":
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "knee-report.pdf"
            render_pdf(report, path)
            data = path.read_bytes()
        return Response(
            data, media_type="application/pdf",
            headers={"Content-Disposition": 'attachment; filename="knee-report.pdf"'},
        )  # fmt: skip
    raise HTTPException(404, "the report is report.html or report.pdf")
