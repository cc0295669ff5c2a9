"""The form check on the web page and under /api/v1 (the CLI's JSON shape)."""

from __future__ import annotations

import base64
import tempfile
from pathlib import Path, PurePath
from typing import Any

from fastapi import APIRouter, HTTPException, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from starlette.datastructures import UploadFile as StarletteUpload

from kneecheck.web._deps import DB, Person
from kneecheck.web._render import render
from kneecheck.web._uploads import save_upload

api = APIRouter(prefix="/api/v1", tags=["form check"])
pages = APIRouter(include_in_schema=False)
MAX_FORM_BYTES = 300 * 1024 * 1024
SUFFIXES = (".mp4", ".mov", ".m4v", ".webm", ".avi", ".mkv", ".png", ".jpg", ".jpeg")


async def _check(
    upload: StarletteUpload, exercise: str, leg: str, db: DB, who: Person
) -> tuple[dict[str, Any], list[str]]:
    """Save the upload privately, watch it in a worker thread, keep the result; the JSON result and
    the pictures as data URIs."""
    from kneecheck.form import EXERCISES, FormUnavailable, MediaProblem, as_json, check_form, pictures

    name = PurePath((upload.filename or "upload").replace("\\", "/")).name[:120] or "upload"
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise HTTPException(422, f"{name}: send a video (.mp4, .mov, .webm...) or a picture (.png, .jpg)")
    if exercise not in EXERCISES or leg not in ("auto", "left", "right"):
        raise HTTPException(422, "exercise is single_leg_squat, squat or lunge; leg is auto, left or right")
    with tempfile.TemporaryDirectory(prefix="kneecheck-form-") as folder:
        target = Path(folder) / f"upload{suffix}"
        await save_upload(upload, target, name, MAX_FORM_BYTES)
        try:
            result = await run_in_threadpool(check_form, target, exercise, None if leg == "auto" else leg)
        except FormUnavailable as problem:
            raise HTTPException(503, str(problem)) from None
        except MediaProblem as problem:
            raise HTTPException(422, str(problem).replace("upload" + suffix, name)) from None
        document = as_json(result)
        images = []
        if not result.refused:
            for path in await run_in_threadpool(pictures, result, target, Path(folder) / "out"):
                images.append("data:image/png;base64," + base64.b64encode(path.read_bytes()).decode())
    db.save_form_check(who, name, document)
    return document, images


@api.post("/form")
async def form_endpoint(
    file: UploadFile, db: DB, who: Person, exercise: str = "single_leg_squat", leg: str = "auto"
) -> dict[str, Any]:
    """Measure the knee's inward collapse rep by rep in a squat video (or one picture)."""
    document, _ = await _check(file, exercise, leg, db, who)
    return document


@api.get("/form")
def form_list(db: DB, who: Person) -> list[dict[str, Any]]:
    """The form checks kept, newest first."""
    return db.form_checks(who)


@pages.get("/form", response_class=HTMLResponse)
def form_page(request: Request, db: DB, who: Person) -> HTMLResponse:
    return render(request, "form/form.html", {"result": None, "images": [], "kept": db.form_checks(who)})


@pages.post("/form", response_class=HTMLResponse)
async def form_post(request: Request, db: DB, who: Person) -> HTMLResponse:
    form = await request.form()
    upload = form.get("video")
    if not isinstance(upload, StarletteUpload) or not upload.filename:
        return render(request, "form/form.html", {"result": None, "images": [], "kept": db.form_checks(who),
                                                  "error": "choose a video first"}, 422)  # fmt: skip
    try:
        document, images = await _check(upload, str(form.get("exercise") or "single_leg_squat"), "auto", db, who)
    except HTTPException as problem:
        return render(request, "form/form.html", {"result": None, "images": [], "kept": db.form_checks(who),
                                                  "error": problem.detail}, problem.status_code)  # fmt: skip
    return render(request, "form/form.html", {"result": document, "images": images, "kept": db.form_checks(who)})
