"""The web app: one FastAPI object serving the pages and the JSON API from the same core."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from kneecheck import __version__
from kneecheck.store import Store
from kneecheck.web import _accounts, account, assess, diary, form, load, plan, screening
from kneecheck.web._deps import SESSION_COOKIE, UNSAFE_METHODS, LoginRequired, StaleForm
from kneecheck.web._render import render
from kneecheck.web._settings import Settings

LOOPBACK_NAMES = {"127.0.0.1", "localhost", "[::1]"}
SECURITY_HEADERS = {
    # no inline script anywhere; the result page sizes its bars with inline style attributes
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    # nothing leaks to other sites; "no-referrer" would make browsers send "Origin: null" on our own forms
    "Referrer-Policy": "same-origin",
}


def _refuse_foreign(request: Request, multi_user: bool) -> Response | None:
    """Keep other websites out. Local mode has no login, so it answers only its own loopback name
    (a foreign Host is DNS rebinding); in both modes a browser's change request must come from this
    site (Origin and Sec-Fetch-Site; a page on another site cannot forge them), which also stops
    login CSRF. Clients that are not browsers send neither header and are judged by the session."""
    host = request.headers.get("host", "")
    name = host[: host.index("]") + 1] if host.startswith("[") else host.rsplit(":", 1)[0]
    if not multi_user and name not in LOOPBACK_NAMES:
        return PlainTextResponse(
            "kneecheck in local mode answers only this computer's own address (127.0.0.1 or localhost)", 421
        )
    if request.method in UNSAFE_METHODS:
        origin = request.headers.get("origin")
        site = request.headers.get("sec-fetch-site")
        if (origin is not None and origin != f"{request.url.scheme}://{host}") or site in ("cross-site", "same-site"):
            return PlainTextResponse("refused: this request came from another website", 403)
    return None


# change requests that need no session: signing up and logging in
OPEN_CHANGES = {"/api/v1/accounts", "/api/v1/session", "/login"}


def login_first(request: Request) -> Response:
    """No live session: the API answers 401, a page sends the person to the log-in page."""
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": "log in first"}, status_code=401)
    return RedirectResponse("/login", status_code=303)


def _refuse_before_reading(request: Request, settings: Settings) -> Response | None:
    """Refuse a body before a byte of it is read: when it says it is larger than the limit, or, in
    multi-user mode, when a change request carries no live session (so no one can make the server
    spool gigabytes without logging in). A body sent without a length is still counted as it
    arrives, by the upload reader."""
    length = request.headers.get("content-length")
    if length is not None and (not length.isdigit() or int(length) > settings.max_upload_bytes):
        return PlainTextResponse(f"refused: a request may carry at most {settings.max_upload_bytes:,} bytes", 413)
    if settings.multi_user and request.method in UNSAFE_METHODS and request.url.path not in OPEN_CHANGES:
        with Store(settings.db_path) as db:
            info = _accounts.session(db, request.cookies.get(SESSION_COOKIE))
        if info is None:
            return login_first(request)
        request.state.session = info  # the request's dependencies use it instead of looking again
    return None


def create_app(settings: Settings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # server mode: every coach's list is kept up to date in the background (reads only)
        stop = threading.Event()
        if settings.multi_user:
            threading.Thread(
                target=screening.keep_lists_ready,
                args=(settings.db_path, app.state.screen_rows, stop),
                name="kneecheck-coach-lists",
                daemon=True,
            ).start()
        yield
        stop.set()

    app = FastAPI(
        lifespan=lifespan,
        title="kneecheck",
        version=__version__,
        description="Knee pain after exercise: urgency, likely causes, training load. Information, not a diagnosis.",
        docs_url=None,  # served below from the package: the default page loads Swagger UI from a CDN
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
    )
    app.state.settings = settings
    app.state.screen_rows = screening.RowMemo()  # the coach's list, kept per athlete until they change
    # Swagger UI 5 (it reads OpenAPI 3.1) from the swagger-ui-py package
    swagger = Path(str(resources.files("swagger_ui"))) / "static"
    app.mount("/static/swagger", StaticFiles(directory=str(swagger)), name="swagger")
    app.mount("/static", StaticFiles(directory=str(Path(__file__).parent / "static")), name="static")

    @app.get("/api/docs", include_in_schema=False)
    def api_docs() -> HTMLResponse:
        return HTMLResponse((Path(__file__).parent / "templates" / "api_docs.html").read_text(encoding="utf-8"))

    for area in (assess, load, diary, plan, form, screening, account):
        app.include_router(area.api)
        app.include_router(area.pages)

    @app.middleware("http")
    async def _other_websites_kept_out(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        refusal = _refuse_foreign(request, settings.multi_user) or _refuse_before_reading(request, settings)
        response = refusal or await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if not request.url.path.startswith("/static/"):
            response.headers["Cache-Control"] = "no-store"  # every page and answer may hold health data
        return response

    @app.exception_handler(RequestValidationError)
    async def _invalid_request(request: Request, error: RequestValidationError) -> Response:
        # say which field is wrong and why, but never echo what was sent: it may be a password
        problems = [{"loc": e.get("loc"), "msg": e.get("msg"), "type": e.get("type")} for e in error.errors()]
        return JSONResponse({"detail": problems}, status_code=422)

    @app.exception_handler(StaleForm)
    async def _stale_form(request: Request, _: StaleForm) -> Response:
        form = await request.form()
        fields = [(k, v) for k, v in form.multi_items() if k != "csrf" and isinstance(v, str)]
        context = {"action": request.url.path, "fields": fields}
        return render(request, "stale_form.html", context, status_code=403)

    @app.exception_handler(LoginRequired)
    async def _login_required(request: Request, _: LoginRequired) -> Response:
        return login_first(request)

    return app
