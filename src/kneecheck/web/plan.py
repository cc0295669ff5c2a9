"""The plan on the web page and under /api/v1, with the CLI's JSON shape."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from kneecheck.knowledge import load_knowledge
from kneecheck.plan import to_html, to_ics
from kneecheck.plan._records import NoPlan, PlanRefused, latest_plan, new_plan, updated_plan
from kneecheck.web._deps import DB, Person, person
from kneecheck.web._render import render

api = APIRouter(prefix="/api/v1", tags=["plan"])
pages = APIRouter(include_in_schema=False)


class PlanRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    weeks: int = Field(8, ge=2, le=26)
    start: date | None = Field(None, description="The first day (default: next Monday).")


@api.get("/plan")
def plan_get(db: DB, who: Person) -> dict[str, Any]:
    """The latest plan."""
    plan = latest_plan(db, who)
    if plan is None:
        raise HTTPException(404, "no plan yet")
    return plan.as_json()


@api.post("/plan", status_code=201)
def plan_make(body: PlanRequest, db: DB, who: Person) -> dict[str, Any]:
    """A new plan from the latest assessment, the diary and the last 4 weeks of workouts (422 for
    an urgent knee: a clinician first)."""
    try:
        _, plan = new_plan(db, who, body.weeks, body.start)
    except (NoPlan, PlanRefused) as problem:
        raise HTTPException(422, str(problem)) from None
    return plan.as_json()


@api.post("/plan/update")
def plan_update(db: DB, who: Person) -> dict[str, Any]:
    """Apply the pain-monitoring rule to the diary since the plan began."""
    try:
        _, plan = updated_plan(db, who)
    except NoPlan as problem:
        raise HTTPException(404, str(problem)) from None
    return plan.as_json()


@pages.get("/plan", response_class=HTMLResponse)
def plan_page(request: Request, db: DB, who: Person) -> HTMLResponse:
    return render(request, "plan/plan.html", {"plan": latest_plan(db, who), "error": None})


@pages.post("/plan", response_class=HTMLResponse)
async def plan_post(request: Request, db: DB, who: Person) -> Response:
    form = await request.form()
    try:
        if form.get("update"):
            updated_plan(db, who)
        else:
            new_plan(db, who)
    except (NoPlan, PlanRefused) as problem:
        return render(request, "plan/plan.html", {"plan": latest_plan(db, who), "error": str(problem)}, 422)
    return RedirectResponse("/plan", status_code=303)


@pages.get("/plan.{kind}", dependencies=[Depends(person)])
def plan_file(kind: str, db: DB, who: Person) -> Response:
    plan = latest_plan(db, who)
    if plan is None:
        raise HTTPException(404, "no plan yet")
    if kind == "ics":
        made = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        return Response(to_ics(plan, made), media_type="text/calendar; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="knee-plan.ics"'})  # fmt: skip
    if kind == "html":
        return Response(to_html(plan, load_knowledge().manifest.disclaimer), media_type="text/html; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="knee-plan.html"'})  # fmt: skip
    raise HTTPException(404, "the plan is plan.ics or plan.html")
