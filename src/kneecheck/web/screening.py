"""The coach's list: every athlete who granted access, one row each, what needs attention first."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from kneecheck.knowledge import shoe_warning_km
from kneecheck.screen import ScreenRow, ranked, screen_row, sparkline, window_start
from kneecheck.store import Store
from kneecheck.web import _accounts
from kneecheck.web._deps import DB, Person

api = APIRouter(prefix="/api/v1", tags=["screening"])
pages = APIRouter(include_in_schema=False)


def _rows(request: Request, db: Store) -> list[ScreenRow]:
    user = getattr(request.state, "user", None)
    if user is None or user.role != "coach":
        raise HTTPException(403, "the screening list is for coach accounts")
    today = date.today()
    since = window_start(today)
    rows = []
    for username, athlete, scope in _accounts.coached_athletes(db, user):
        urgency = pain = None
        if scope == "health":  # only what the grant names
            kept = db.assessments(athlete)
            urgency = kept[0]["urgency"] if kept else None
            entries = db.entries(athlete)
            pain = entries[-1].pain_now if entries else None
        rows.append(
            screen_row(
                username,
                db.sessions(athlete, since),  # only the weeks a row needs, in SQL
                db.shoes(athlete),
                today,
                shoe_limit_km=shoe_warning_km(),
                urgency=urgency,
                pain_now=pain,
                first=since if db.has_sessions_before(athlete, since) else None,
            )
        )
    return ranked(rows)


@api.get("/screening")
def screening_endpoint(request: Request, db: DB, who: Person) -> list[dict[str, Any]]:
    """For a coach: every athlete who granted access, with the load flags and their numbers (and the
    latest urgency and pain where the athlete shares health records), what needs attention first."""
    return [r.as_json() for r in _rows(request, db)]


@pages.get("/screening", response_class=HTMLResponse)
def screening_page(request: Request, db: DB, who: Person) -> HTMLResponse:
    rows = _rows(request, db)
    return render_page(request, rows)


def render_page(request: Request, rows: list[ScreenRow]) -> HTMLResponse:
    from kneecheck.web._render import render

    return render(request, "screening.html", {"rows": rows, "spark": sparkline})
