"""The web app: one FastAPI object serving the pages and the JSON API from the same core."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from kneecheck import __version__
from kneecheck.web import account, assess, load
from kneecheck.web._deps import LoginRequired
from kneecheck.web._settings import Settings


def create_app(settings: Settings) -> FastAPI:
    app = FastAPI(
        title="kneecheck",
        version=__version__,
        description="Knee pain after exercise: urgency, likely causes, training load. Information, not a diagnosis.",
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
    )
    app.state.settings = settings
    app.mount("/static", StaticFiles(directory=str(Path(__file__).parent / "static")), name="static")
    for area in (assess, load, account):
        app.include_router(area.api)
        app.include_router(area.pages)

    @app.exception_handler(LoginRequired)
    async def _login_required(request: Request, _: LoginRequired) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": "log in first"}, status_code=401)
        return RedirectResponse("/login", status_code=303)

    return app
