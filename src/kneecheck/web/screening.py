"""The coach's list: every athlete who granted access, one row each, what needs attention first."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections import OrderedDict
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from kneecheck.knowledge import shoe_warning_km
from kneecheck.screen import ScreenRow, ranked, sparkline
from kneecheck.screen._records import row_from_records
from kneecheck.store import Store
from kneecheck.web import _accounts
from kneecheck.web._deps import DB, Person

api = APIRouter(prefix="/api/v1", tags=["screening"])
log = logging.getLogger("kneecheck.screening")
pages = APIRouter(include_in_schema=False)


class RowMemo:
    """Rows kept per athlete and grant scope until the athlete's records change (data_version) or
    the day turns: the coach's list recomputes only who changed. Bounded; per process. A kept row
    is shared between requests: read only."""

    def __init__(self, size: int = 20_000) -> None:
        self.size = size
        self.rows: OrderedDict[tuple[str, int, str], tuple[tuple[Any, ...], ScreenRow]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple[str, int, str], stamp: tuple[Any, ...]) -> ScreenRow | None:
        with self.lock:
            kept = self.rows.get(key)
            if kept is None or kept[0] != stamp:
                return None
            self.rows.move_to_end(key)
            return kept[1]

    def put(self, key: tuple[str, int, str], stamp: tuple[Any, ...], row: ScreenRow) -> None:
        with self.lock:
            self.rows[key] = (stamp, row)
            self.rows.move_to_end(key)
            while len(self.rows) > self.size:
                self.rows.popitem(last=False)


def _rows(request: Request, db: Store) -> list[ScreenRow]:
    user = getattr(request.state, "user", None)
    if user is None or user.role != "coach":
        raise HTTPException(403, "the screening list is for coach accounts")
    return coach_rows(db, user, request.app.state.screen_rows, date.today())


def coach_rows(db: Store, coach: _accounts.User, memo: RowMemo, today: date) -> list[ScreenRow]:
    """Every athlete who granted `coach` access, one row each (kept rows where nothing changed),
    what needs attention first."""
    limit = shoe_warning_km()
    coached = _accounts.coached_athletes(db, coach)
    versions = db.data_versions([athlete for _, athlete, _ in coached])
    rows = []
    for username, athlete, scope in coached:
        # a row with health records is never the row of a load-only grant: the scope is in the key
        key, stamp = (str(db.path), athlete.id, scope), (versions.get(athlete.id), today, limit, username)
        row = memo.get(key, stamp)
        if row is None:
            row = row_from_records(db, athlete, username, today, shoe_limit_km=limit, health=scope == "health")
            memo.put(key, stamp, row)
        rows.append(row)
    return ranked(rows)


WARM_EVERY_S = 300.0
"""How often the server brings every coach's list up to date in the background (a day's turn and
an athlete's new records are in it within this time, before the coach asks)."""


def keep_lists_ready(db_path: Path, memo: RowMemo, stop: threading.Event, every_s: float = WARM_EVERY_S) -> None:
    """Run in a background thread in server mode: compute each coach's rows now and again every
    `every_s` seconds, so that a coach's first look of the day finds them kept. Reads only; a
    failed pass is logged and the next one tries again."""
    while not stop.is_set():
        try:
            with Store(db_path) as db:
                for coach in _accounts.coaches(db):
                    if stop.is_set():
                        return
                    coach_rows(db, coach, memo, date.today())
        except (sqlite3.Error, OSError) as error:
            log.warning("the coaches' lists were not brought up to date: %s", error)
        stop.wait(every_s)


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
