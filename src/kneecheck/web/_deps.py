"""Per-request access to the store and to the person the request is about.

Local mode: the one person on this machine, no login. Multi-user mode: the logged-in user's own
records, or (for a coach) an athlete who granted access, chosen with `?athlete=USERNAME`. Every
state-changing request must carry the session's CSRF token (form field `csrf` or header
`X-CSRF-Token`).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from kneecheck.store import DEFAULT_ATHLETE, Athlete, Store
from kneecheck.web import _accounts
from kneecheck.web._settings import Settings

SESSION_COOKIE = "kneecheck_session"
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
# POST routes that only compute from the athlete's records and store nothing: a coach with a
# grant may use them for that athlete. Every other unsafe method is the account owner's alone.
READ_ONLY_POSTS = {"/api/v1/assess", "/assess"}
# Paths that show health records beyond the training load: a grant must name 'health' for them.
HEALTH_PREFIXES = (
    "/api/v1/diary", "/api/v1/assessments", "/api/v1/why", "/api/v1/report", "/api/v1/export", "/api/v1/plan",
    "/api/v1/form", "/diary", "/why", "/report.", "/plan", "/form", "/api/v1/assess", "/assess",
)  # fmt: skip


class LoginRequired(Exception):
    """No valid session in multi-user mode: pages redirect to /login, the API answers 401."""


class StaleForm(Exception):
    """A page's form came back without the session's current CSRF token (an old tab, a new login):
    the page offers to send the same answers again with the current token, so nothing is lost."""


def settings(request: Request) -> Settings:
    value: Settings = request.app.state.settings
    return value


def store(request: Request) -> Iterator[Store]:
    """One SQLite connection per request (WAL lets readers and a writer work side by side)."""
    opened = Store(settings(request).db_path)
    try:
        yield opened
    finally:
        opened.close()


async def person(request: Request, db: Annotated[Store, Depends(store)]) -> Athlete:
    if not settings(request).multi_user:
        return db.athlete(DEFAULT_ATHLETE)
    # a change request's session was already looked up before its body was read (web/_app.py)
    info = getattr(request.state, "session", None) or _accounts.session(db, request.cookies.get(SESSION_COOKIE))
    if info is None:
        raise LoginRequired()
    request.state.user = info.user
    request.state.csrf = info.csrf_token
    if request.method in UNSAFE_METHODS:
        sent = request.headers.get("x-csrf-token")
        if sent is None and "form" in request.headers.get("content-type", ""):
            sent = str((await request.form()).get("csrf") or "")
        if not sent or not secrets.compare_digest(sent, info.csrf_token):
            if not request.url.path.startswith("/api/"):
                raise StaleForm()
            raise HTTPException(403, "missing or wrong CSRF token")
    chosen = request.query_params.get("athlete")
    if chosen and chosen != info.user.username:
        found = _accounts.coached_athlete(db, info.user, chosen)
        if found is None:
            raise HTTPException(404, "no such athlete, or no access granted")
        athlete, scope = found
        # a grant gives only what it names: the training load, or health records too
        if scope != "health" and request.url.path.startswith(HEALTH_PREFIXES):
            raise HTTPException(403, "this athlete shares their training load only, not their health records")
        # least privilege: a grant lets a coach read an athlete's records, never change or delete them
        if request.method in UNSAFE_METHODS and request.url.path not in READ_ONLY_POSTS:
            raise HTTPException(403, "a coach's access is read-only: only the athlete can change their records")
        request.state.read_only = True  # a read-only post computes for the athlete, never stores
        return athlete
    return info.user.athlete


Person = Annotated[Athlete, Depends(person)]
DB = Annotated[Store, Depends(store)]
