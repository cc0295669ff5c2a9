"""Workouts and training load: the JSON API and the pages (import, training)."""

from __future__ import annotations

import sqlite3
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict
from datetime import UTC, date, datetime
from pathlib import Path, PurePath
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, UploadFile
from fastapi import Path as FastAPIPath
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.datastructures import UploadFile as StarletteUpload

from kneecheck.answers import Answers
from kneecheck.importers import import_paths
from kneecheck.knowledge import shoe_warning_km
from kneecheck.load import LoadReport, build_report, history_before_onset, history_window_start
from kneecheck.store import Athlete, Store
from kneecheck.web._deps import DB, Person, person, settings
from kneecheck.web._render import render
from kneecheck.web._uploads import save_upload

api = APIRouter(prefix="/api/v1", tags=["training load"])
pages = APIRouter(include_in_schema=False)


def history_for(db: Store, who: Athlete, answers: Answers) -> list[Any] | None:
    now = datetime.now(UTC)
    since = history_window_start(answers.hours_since_onset, now)  # only the weeks it needs, in SQL
    found = history_before_onset(
        db.sessions(who, since),
        db.shoes(who),
        answers.hours_since_onset,
        now=now,
        shoe_limit_km=shoe_warning_km(),
        records_start=since if db.has_sessions_before(who, since) else None,
    )
    return None if found is None else list(found)


IMPORTING: Counter[int] = Counter()
"""Imports running in this server, per athlete id: deleting everything waits for them (409)."""


async def _import_uploads(
    request: Request, db: Store, who: Athlete, files: Sequence[StarletteUpload]
) -> dict[str, Any]:
    IMPORTING[who.id] += 1
    try:
        return await _save_and_import(request, db, who, files)
    except sqlite3.IntegrityError:
        # everything was deleted between this request's start and its first write
        raise HTTPException(409, "your data was deleted while this import started; import again") from None
    finally:
        IMPORTING[who.id] -= 1


async def _save_and_import(
    request: Request, db: Store, who: Athlete, files: Sequence[StarletteUpload]
) -> dict[str, Any]:
    """Save the uploads under their own (base) names in a private folder, then import them."""
    limit = settings(request).max_upload_bytes
    with tempfile.TemporaryDirectory(prefix="kneecheck-upload-") as folder:
        paths: list[Path] = []
        refused: list[dict[str, str]] = []
        total = 0
        for index, upload in enumerate(files):
            sent = upload.filename or f"upload-{index}"
            name = PurePath(sent.replace("\\", "/")).name
            problem = _bad_file_name(name)
            if problem:
                refused.append({"file": sent[:80], "reason": problem})
                continue
            target = Path(folder) / f"{index:04d}" / name
            target.parent.mkdir()
            total = await save_upload(upload, target, name, limit, total)
            paths.append(target)

        def shown(path: str) -> str:  # "<folder>/0003/export.zip:a.fit" -> "export.zip:a.fit"
            return path[len(folder) + 1 :].split("/", 1)[-1] if path.startswith(folder) else path

        # in a thread of this process: the event loop keeps answering, no child process is
        # started (none can outlive the server holding its port), one import uses one core
        report = await run_in_threadpool(
            import_paths,
            db,
            who,
            paths,
            label=shown,
            workers=1,
            max_total_bytes=settings(request).max_unpacked_bytes,
        )
        result = report.as_json()
        result["rejected"] = [*refused, *result["rejected"]]
        return result


MAX_FILE_NAME_BYTES = 200


def _bad_file_name(name: str) -> str | None:
    """Why an uploaded file's name cannot be used, or None. The file is refused, the rest go on."""
    if name in ("", ".", ".."):
        return "not a file name (a folder or a path that climbs out of the upload): refused"
    if "\x00" in name or any(ord(c) < 32 for c in name):
        return "the file name has control characters: refused"
    if len(name.encode("utf-8")) > MAX_FILE_NAME_BYTES:
        return f"the file name is longer than {MAX_FILE_NAME_BYTES} bytes: refused"
    return None


@api.post("/activities")
async def import_endpoint(request: Request, files: list[UploadFile], db: DB, who: Person) -> dict[str, Any]:
    """Import FIT, GPX, TCX or CSV files, zip archives, or a Strava or Garmin export."""
    return await _import_uploads(request, db, who, files)


class Activity(BaseModel):
    id: int
    local_date: str
    start_utc: str
    sport: str
    distance_m: float | None
    moving_s: float | None
    elapsed_s: float | None
    rpe: int | None
    surface: str | None
    source_file: str | None


@api.get("/activities", response_model=list[Activity])
def list_endpoint(db: DB, who: Person, limit: Annotated[int, Query(ge=1, le=10_000)] = 100) -> list[dict[str, Any]]:
    return db.activities(who, limit)


@api.delete("/activities/{activity_id}", status_code=204)
def delete_endpoint(activity_id: Annotated[int, FastAPIPath(ge=1, le=2**63 - 1)], db: DB, who: Person) -> Response:
    if not db.delete_activity(who, activity_id):
        raise HTTPException(404, "no such activity")
    return Response(status_code=204)


@api.get("/load/report")
def report_endpoint(
    db: DB,
    who: Person,
    weeks: Annotated[int, Query(ge=1, le=520)] = 12,
    as_of: Annotated[date | None, Query(description="YYYY-MM-DD, from 1990 to 2100 (default: today)")] = None,
) -> dict[str, Any]:
    if as_of is not None and not date(1990, 1, 1) <= as_of <= date(2100, 1, 1):
        raise HTTPException(422, "as_of must be a date from 1990 to 2100")
    return asdict(_report(db, who, weeks, as_of))


def _report(db: Store, who: Athlete, weeks: int, as_of: date | None) -> LoadReport:
    return build_report(
        who.name,
        db.sessions(who),
        db.shoes(who),
        as_of=as_of or date.today(),
        weeks=weeks,
        shoe_limit_km=shoe_warning_km(),
        heart_rate=db.heart_rate_profile(who),
    )


class Gear(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=100)
    initial_km: float = Field(0, ge=0, le=20_000)
    default_for: str | None = Field(None, max_length=40)
    surface: str | None = Field(None, pattern="^(road_or_concrete|treadmill|track|trail|grass)$")


@api.get("/gear")
def gear_list(db: DB, who: Person) -> list[dict[str, Any]]:
    return [{**asdict(s), "past_band": s.distance_km >= shoe_warning_km() and not s.retired} for s in db.shoes(who)]


@api.post("/gear", status_code=201)
def gear_add(body: Gear, db: DB, who: Person) -> dict[str, Any]:
    db.save_shoes(who, body.name, body.initial_km, body.default_for, body.surface)
    return body.model_dump()


@api.post("/gear/{name}/retire")
def gear_retire(name: str, db: DB, who: Person) -> dict[str, str]:
    if not db.retire_shoes(who, name):
        raise HTTPException(404, "no such shoes")
    return {"name": name, "status": "retired"}


class AthleteSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    time_zone: str = Field(min_length=1, max_length=64, description="IANA name, such as Europe/Berlin.")


@api.get("/athlete")
def athlete_endpoint(who: Person) -> dict[str, str]:
    """The time zone that decides which day each workout falls on."""
    return {"time_zone": who.time_zone}


@api.put("/athlete")
def athlete_update(body: AthleteSettings, db: DB, who: Person) -> dict[str, Any]:
    """Set the time zone: stored workouts move to the local day their start has there (except
    days a file or the person stated)."""
    try:
        athlete, moved = db.set_time_zone(who, body.time_zone)
    except ValueError as problem:
        raise HTTPException(422, str(problem)) from None
    return {"time_zone": athlete.time_zone, "workouts_moved_to_another_day": moved}


@api.get("/export")
def export_endpoint(db: DB, who: Person) -> dict[str, Any]:
    """Everything stored about this person, as JSON."""
    return {**db.export(who), "exported_utc": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}


@api.delete("/data", status_code=204)
def delete_everything(db: DB, who: Person) -> Response:
    """Delete this person and everything stored about them."""
    if IMPORTING[who.id]:
        raise HTTPException(409, "an import is still running; delete everything when it has finished")
    db.delete_athlete(who)
    return Response(status_code=204)


# ---------------------------------------------------------------------------- pages
@pages.get("/import", response_class=HTMLResponse, dependencies=[Depends(person)])
def import_page(request: Request) -> HTMLResponse:
    return render(request, "load/import.html", {"report": None})


@pages.post("/import", response_class=HTMLResponse)
async def import_post(request: Request, db: DB, who: Person) -> HTMLResponse:
    form = await request.form()
    files = [f for f in form.getlist("files") if isinstance(f, StarletteUpload) and f.filename]
    report = await _import_uploads(request, db, who, files) if files else None
    return render(request, "load/import.html", {"report": report})


@pages.post("/training/time-zone", response_class=HTMLResponse)
async def time_zone_post(request: Request, db: DB, who: Person) -> Response:
    form = await request.form()
    try:
        db.set_time_zone(who, str(form.get("tz") or "").strip()[:64])
    except ValueError as problem:
        raise HTTPException(422, str(problem)) from None
    return RedirectResponse("/training", status_code=303)


@pages.get("/training", response_class=HTMLResponse)
def training_page(
    request: Request,
    db: DB,
    who: Person,
    weeks: Annotated[int, Query(ge=1, le=104)] = 12,
    as_of: Annotated[date | None, Query()] = None,
) -> HTMLResponse:
    report = _report(db, who, weeks, as_of)
    span = db.workout_span(who)
    # old workouts only: say where they are instead of a chart of empty weeks
    empty = span is not None and not any(w["minutes"] for w in report.weeks)
    chart = _chart_svg(report) if report.weeks and not empty else ""
    context = {"report": report, "chart": chart, "span": span, "empty": empty, "weeks": weeks, "zone": who.time_zone}
    return render(request, "load/training.html", context)


def _chart_svg(report: LoadReport) -> str:
    from kneecheck.reports import weekly_volume_chart

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "chart.svg"
        weekly_volume_chart(report, path)
        svg = path.read_text(encoding="utf-8")
    start = svg.find("<svg")
    return svg[start:] if start >= 0 else ""
