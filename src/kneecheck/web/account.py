"""Accounts (multi-user mode only): sign-up, log-in, log-out, and grants to coaches."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, Field

from kneecheck.web import _accounts
from kneecheck.web._deps import DB, SESSION_COOKIE, person, settings
from kneecheck.web._render import render

api = APIRouter(prefix="/api/v1", tags=["accounts"])
pages = APIRouter(include_in_schema=False)


def multi_user_only(request: Request) -> None:
    if not settings(request).multi_user:
        raise HTTPException(404, "accounts exist only in multi-user mode")


class Credentials(BaseModel):
    username: str = Field(min_length=1, max_length=40)
    password: str = Field(min_length=1, max_length=_accounts.MAX_PASSWORD)


class SignUp(Credentials):
    time_zone: str | None = Field(None, max_length=64, description="The browser's IANA time zone; UTC if absent.")


class GrantRequest(BaseModel):
    coach: str = Field(min_length=1, max_length=40)
    scope: str = Field("load", pattern="^(load|health)$", description="'load': workouts only; 'health': records too.")


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _set_session(request: Request, response: Response, token: str) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=_accounts.SESSION_DAYS * 86400,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )


@api.post("/accounts", status_code=201, dependencies=[Depends(multi_user_only)])
def sign_up(body: SignUp, request: Request, db: DB) -> dict[str, str]:
    try:
        user = _accounts.create_user(
            db,
            body.username,
            body.password,
            client=_client(request),
            signups_per_hour=settings(request).signups_per_hour,
            time_zone=body.time_zone,
        )
    except _accounts.TooManyAttempts as problem:
        raise HTTPException(429, str(problem)) from None
    except _accounts.AccountError as problem:
        raise HTTPException(422, str(problem)) from None
    return {"username": user.username, "role": user.role, "time_zone": user.athlete.time_zone}


@api.post("/session", dependencies=[Depends(multi_user_only)])
def log_in(body: Credentials, request: Request, response: Response, db: DB) -> dict[str, str]:
    try:
        token, csrf = _accounts.log_in(db, body.username, body.password, _client(request))
    except _accounts.TooManyAttempts as problem:
        raise HTTPException(429, str(problem)) from None
    except _accounts.AccountError as problem:
        raise HTTPException(401, str(problem)) from None
    _set_session(request, response, token)
    return {"username": body.username, "csrf": csrf}


@api.delete("/session", status_code=204, dependencies=[Depends(multi_user_only), Depends(person)])
def log_out(request: Request, db: DB) -> Response:
    _accounts.log_out(db, request.cookies.get(SESSION_COOKIE))
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE)
    return response


@api.post("/grants", status_code=201, dependencies=[Depends(multi_user_only), Depends(person)])
def grant(body: GrantRequest, request: Request, db: DB) -> dict[str, str]:
    try:
        _accounts.grant(db, request.state.user, body.coach, body.scope)
    except _accounts.AccountError as problem:
        raise HTTPException(404, str(problem)) from None
    return {"coach": body.coach, "status": "granted", "scope": body.scope}


@api.delete("/grants/{coach}", status_code=204, dependencies=[Depends(multi_user_only), Depends(person)])
def revoke(coach: str, request: Request, db: DB) -> Response:
    _accounts.revoke(db, request.state.user, coach)
    return Response(status_code=204)


# ---------------------------------------------------------------------------- pages
@pages.get("/login", response_class=HTMLResponse, dependencies=[Depends(multi_user_only)])
def login_page(request: Request) -> HTMLResponse:
    return render(request, "account/login.html", {"error": None, "signup": False})


@pages.post("/login", response_class=HTMLResponse, dependencies=[Depends(multi_user_only)])
async def login_post(request: Request, db: DB) -> Response:
    form = await request.form()
    username, password = str(form.get("username") or ""), str(form.get("password") or "")
    try:
        if form.get("signup"):
            _accounts.create_user(
                db,
                username,
                password,
                client=_client(request),
                signups_per_hour=settings(request).signups_per_hour,
                time_zone=str(form.get("tz") or "")[:64] or None,
            )
        token, _ = _accounts.log_in(db, username, password, _client(request))
    except _accounts.AccountError as problem:
        status = 429 if isinstance(problem, _accounts.TooManyAttempts) else 400
        return render(
            request, "account/login.html", {"error": str(problem), "signup": bool(form.get("signup"))}, status
        )
    response = RedirectResponse("/", status_code=303)
    _set_session(request, response, token)
    return response


@pages.post("/logout", dependencies=[Depends(multi_user_only), Depends(person)])
def logout_post(request: Request, db: DB) -> Response:
    _accounts.log_out(db, request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response
