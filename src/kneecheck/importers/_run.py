"""`kneecheck load import`: files, folders, zip archives and Strava bulk exports into the store.

Each file is read and checked on its own (in parallel, one process per core); each file's
activities are written in one transaction. A bad file is reported by name with the reason, and
the rest of the import goes on.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import multiprocessing
import os
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path, PurePosixPath
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kneecheck.importers._read import MAX_FILE_BYTES, read_activities
from kneecheck.importers._strava import StravaRow, read_rows
from kneecheck.importers._summary import ActivitySummary, ImportProblem, NotAnActivity
from kneecheck.store import Athlete, Store
from kneecheck.store._sqlite import GEAR_KIND, utc_now

ACTIVITY_SUFFIXES = (".fit", ".gpx", ".tcx", ".csv", ".fit.gz", ".gpx.gz", ".tcx.gz")
MAX_ZIP_RATIO = 200  # a member that unpacks to over 200 times its packed size is refused
SAME_ACTIVITY_WINDOW = timedelta(seconds=120)
BATCH = 256  # at most this many files are read, parsed and stored together ...
BATCH_BYTES = 64 * 1024 * 1024  # ... and at most this many bytes (one larger file goes alone)
NOT_READ = "not an activity file (only .fit, .gpx, .tcx and .csv files, also gzipped, are read)"
TOO_DEEP = "a zip inside a zip inside a zip is not opened: unpack it and import its files"
EARLIEST_START = datetime(1990, 1, 1, tzinfo=UTC)

# Sport as files name it -> the sport kneecheck stores.
SPORT_FAMILIES = {
    "running": "running", "run": "running", "trail_running": "running", "trail run": "running",
    "virtualrun": "running", "virtual run": "running", "treadmill": "running",
    "cycling": "cycling", "biking": "cycling", "ride": "cycling", "virtualride": "cycling",
    "virtual ride": "cycling", "e_biking": "cycling", "e-bike ride": "cycling",
    "mountain bike ride": "cycling", "gravel ride": "cycling",
    "walking": "walking", "walk": "walking", "hiking": "hiking", "hike": "hiking",
    "mountaineering": "hiking", "swimming": "swimming", "swim": "swimming",
    "rowing": "rowing", "transition": "transition", "training": "strength", "strength": "strength",
    "gym": "strength", "yoga": "other",
    "weight training": "strength", "weighttraining": "strength", "workout": "strength",
    "fitness_equipment": "fitness_equipment", "basketball": "basketball", "soccer": "football",
    "tennis": "tennis", "cross_country_skiing": "skiing", "alpine_skiing": "skiing",
}  # fmt: skip

# Fastest plausible average speed (km/h) by sport; above it the values are refused.
MAX_SPEED_KMH = {
    "running": 30.0,
    "walking": 15.0,
    "hiking": 15.0,
    "swimming": 10.0,
    "cycling": 80.0,
}
VEHICLE_KMH = 80.0  # an average above this, in any sport, is a car or a train
FOOT = ("running", "walking", "hiking")
MAX_DISTANCE_M = 1_000_000.0  # 1,000 km in one activity
MAX_DURATION_S = 7 * 24 * 3600.0


def sport_family(source_sport: str | None) -> str:
    if not source_sport:
        return "other"
    return SPORT_FAMILIES.get(source_sport.strip().lower(), "other")


@dataclass
class FileReport:
    file: str
    activities: list[dict[str, Any]] = field(default_factory=list)
    reason: str | None = None


@dataclass
class ImportReport:
    imported: list[FileReport] = field(default_factory=list)
    duplicates: list[FileReport] = field(default_factory=list)
    skipped: list[FileReport] = field(default_factory=list)
    rejected: list[FileReport] = field(default_factory=list)

    def as_json(self) -> dict[str, list[dict[str, Any]]]:
        return {
            "imported": [
                {
                    "file": f.file,
                    "activities": f.activities,
                    **({"note": f.reason} if f.reason else {}),
                }
                for f in self.imported
            ],
            "duplicates": [{"file": f.file, "reason": f.reason} for f in self.duplicates],
            "skipped": [{"file": f.file, "reason": f.reason} for f in self.skipped],
            "rejected": [{"file": f.file, "reason": f.reason} for f in self.rejected],
        }


@dataclass
class _Candidate:
    name: str
    path: Path | None = None
    data: bytes | None = None
    problem: str | None = None
    skip: str | None = None
    strava: StravaRow | None = None
    summaries: list[ActivitySummary] | None = None  # already read (a hand-entered export row)
    sha256: str = ""


@dataclass
class _Parsed:
    name: str
    sha256: str
    activities: list[ActivitySummary] | None = None
    notes: list[str] = field(default_factory=list)
    skip: str | None = None
    reject: str | None = None
    strava: StravaRow | None = None


# ---------------------------------------------------------------------------- finding files
def _candidates(paths: list[Path]) -> Iterator[_Candidate]:
    for path in paths:
        if not path.exists():
            yield _Candidate(str(path), problem="no such file or folder")
        elif path.is_dir():
            yield from _folder(path)
        elif zipfile.is_zipfile(path):
            yield from _zip(path)
        else:
            yield _Candidate(str(path), path=path)


def _folder(folder: Path) -> Iterator[_Candidate]:
    """Every file below the folder: activity files are read, zip archives opened (an export
    unpacked once still holds zips), and every other file named as skipped."""
    index = folder / "activities.csv"
    strava = _strava_index(read_rows(index.read_bytes())) if _is_strava_index(index) else None
    if strava is not None:
        yield from _strava_manual(str(index), read_rows(index.read_bytes()))
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder).as_posix()
        if relative == "activities.csv" and strava is not None:
            continue
        if relative.lower().endswith(".zip") and zipfile.is_zipfile(path):
            yield from _zip(path)
        elif relative.lower().endswith(ACTIVITY_SUFFIXES):
            yield _Candidate(str(path), path=path, strava=(strava or {}).get(relative))
        else:
            yield _Candidate(str(path), skip=NOT_READ)


def _zip(path: Path) -> Iterator[_Candidate]:
    yield from _zip_bytes(path, None, 0)


def _zip_bytes(path: Path, data: bytes | None, depth: int) -> Iterator[_Candidate]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data) if data is not None else path)
    except (zipfile.BadZipFile, OSError) as error:
        yield _Candidate(str(path), problem=f"unreadable zip archive ({error})")
        return
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        strava: dict[str, StravaRow] = {}
        index = next((m for m in members if m.filename == "activities.csv"), None)
        if index is not None and _member_problem(index) is None:
            rows = read_rows(archive.read(index))
            strava = _strava_index(rows)
            yield from _strava_manual(f"{path}:activities.csv", rows)
        for member in members:
            label = f"{path}:{member.filename}"
            problem = _member_problem(member)
            if problem:
                yield _Candidate(label, problem=problem)
                continue
            nested = member.filename.lower().endswith(".zip")
            if member is index:
                continue
            if nested and depth > 0:
                yield _Candidate(label, skip=TOO_DEEP)
                continue
            if not (nested or member.filename.lower().endswith(ACTIVITY_SUFFIXES)):
                yield _Candidate(label, skip=NOT_READ)
                continue
            try:
                with archive.open(member) as stream:
                    data = stream.read(MAX_FILE_BYTES + 1)
            except (zipfile.BadZipFile, OSError, EOFError) as error:
                yield _Candidate(label, problem=f"corrupt zip member ({error})")
                continue
            if len(data) > MAX_FILE_BYTES:
                yield _Candidate(label, problem="refused: unpacks to more than the size limit (a zip bomb?)")
                continue
            if nested:  # one level deep, with the same limits
                inner = path.parent / f"{path.name}:{member.filename}"
                yield from _zip_bytes(inner, data, depth + 1)
                continue
            yield _Candidate(label, data=data, strava=strava.get(member.filename))


def _member_problem(member: zipfile.ZipInfo) -> str | None:
    name = PurePosixPath(member.filename.replace("\\", "/"))
    if name.is_absolute() or ".." in name.parts or member.filename.startswith(("/", "\\")) or ":" in name.parts[0]:
        return "refused: the archive path points outside the archive (path traversal)"
    if member.file_size > MAX_FILE_BYTES:
        return "refused: unpacks to more than the size limit (a zip bomb?)"
    if (
        member.compress_size
        and member.file_size > 1_000_000
        and member.file_size / member.compress_size > MAX_ZIP_RATIO
    ):
        return f"refused: compressed more than {MAX_ZIP_RATIO} to 1 (a zip bomb?)"
    return None


def _is_strava_index(path: Path) -> bool:
    if not path.is_file():
        return False
    with path.open("rb") as stream:
        head = stream.read(4096).decode("utf-8-sig", errors="replace").split("\n", 1)[0]
    return head.count(",") >= 4 and "date,sport,duration_min" not in head.lower()


def _strava_index(rows: list[StravaRow]) -> dict[str, StravaRow]:
    """activities.csv of a Strava bulk export, by the file each row references."""
    return {row.filename: row for row in rows if row.filename}


def _strava_manual(where: str, rows: list[StravaRow]) -> Iterator[_Candidate]:
    """Rows of activities.csv with no file (entered by hand in Strava), as activities."""
    for row in rows:
        if row.filename:
            continue
        label = f"{where} line {row.line}"
        if row.start_utc is None:
            yield _Candidate(label, problem=f"a hand-entered activity whose date {row.date_text!r} cannot be read")
            continue
        seconds = row.moving_s or row.elapsed_s
        if not seconds or seconds <= 0:
            yield _Candidate(label, problem="a hand-entered activity without a duration")
            continue
        summary = ActivitySummary(
            sport=row.type,
            start_time_utc=row.start_utc,
            elapsed_s=row.elapsed_s or seconds,
            moving_s=seconds,
            distance_m=row.distance_m or None,
            shoes=row.gear,
        )
        data = f"strava row|{row.start_utc.isoformat()}|{row.type}|{seconds}|{row.distance_m}|{row.name}".encode()
        yield _Candidate(label, data=data, strava=row, summaries=[summary])


# ---------------------------------------------------------------------------- parsing (workers)
def _parse(candidate: _Candidate) -> _Parsed:
    data = candidate.data or b""
    parsed = _Parsed(candidate.name, candidate.sha256, strava=candidate.strava)
    if candidate.summaries is not None:
        parsed.activities = candidate.summaries
        if candidate.strava is not None and candidate.strava.distance_note:
            parsed.notes.append(candidate.strava.distance_note)
        return parsed
    try:
        parsed.activities, parsed.notes = read_activities(candidate.name, data)
    except NotAnActivity as why:
        parsed.skip = f"not an activity: {why}"
    except ImportProblem as why:
        parsed.reject = str(why)
    return parsed


def _parse_all(candidates: list[_Candidate], workers: int | None) -> Iterator[_Parsed]:
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if workers <= 1 or len(candidates) < 8:
        yield from map(_parse, candidates)
        return
    # spawned, not forked: a worker holds nothing of its parent (no server socket, no database)
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        yield from pool.map(_parse, candidates, chunksize=8)


# ---------------------------------------------------------------------------- storing
def import_paths(
    store: Store,
    athlete: Athlete,
    paths: list[Path],
    *,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    label: Callable[[str], str] | None = None,
    max_total_bytes: int | None = None,
) -> ImportReport:
    """Import files, folders and archives. `label` turns a path into the name shown and stored
    (the web face uses it to hide its private upload folder). `max_total_bytes` bounds what one
    import unpacks in all: files past it are refused by name (the server sets it per request)."""
    report = ImportReport()
    known = {
        row["sha256"]: row["name"]
        for row in store.db.execute("SELECT sha256, name FROM imported_files WHERE athlete_id = ?", (athlete.id,))
    }
    zone = _zone(athlete.time_zone)
    batch: list[_Candidate] = []
    batch_bytes = unpacked = 0
    total = _count(paths) if progress else 0
    done = 0

    def flush() -> None:
        nonlocal done, batch_bytes
        for parsed in _parse_all(batch, workers):
            _store(store, athlete, zone, parsed, report)
            done += 1
            if progress:
                progress(done, max(total, done))
        batch.clear()
        batch_bytes = 0

    # batches keep memory bounded: at most BATCH files and BATCH_BYTES are held at a time
    for c in _candidates(paths):
        if label is not None:
            c.name = label(c.name)
        if c.skip:
            report.skipped.append(FileReport(c.name, reason=c.skip))
            continue
        if c.problem is None and c.data is None and c.path is not None:
            try:
                c.data = _read_file(c.path)
            except OSError as error:
                c.problem = f"cannot read ({error.strerror or error})"
        if c.problem is None and max_total_bytes is not None:
            unpacked += len(c.data or b"")
            if unpacked > max_total_bytes:
                c.problem = (
                    f"refused: this import unpacks to more than {max_total_bytes // (1024 * 1024)} MB in all;"
                    " import the rest separately"
                )
                c.data = None
        if c.problem:
            report.rejected.append(FileReport(c.name, reason=c.problem))
            continue
        c.sha256 = hashlib.sha256(c.data or b"").hexdigest()
        if c.sha256 in known:  # the same bytes were imported before: nothing to read again
            report.duplicates.append(
                FileReport(c.name, reason=f"the same file was imported before ({known[c.sha256]})")
            )
            continue
        known[c.sha256] = c.name
        if batch and batch_bytes + len(c.data or b"") > BATCH_BYTES:
            flush()
        batch.append(c)
        batch_bytes += len(c.data or b"")
        if len(batch) >= BATCH:
            flush()
    flush()
    return report


def _read_file(path: Path) -> bytes:
    """A file's bytes, refusing to hold more than the size limit (the parser would refuse it)."""
    with path.open("rb") as stream:
        data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise OSError(f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    return data


def _count(paths: list[Path]) -> int:
    """How many activity files the paths hold, without reading them (for the progress bar)."""
    count = 0
    for path in paths:
        if path.is_dir():
            count += sum(1 for p in path.rglob("*") if p.name.lower().endswith(ACTIVITY_SUFFIXES))
        elif path.is_file() and zipfile.is_zipfile(path):
            with contextlib.suppress(zipfile.BadZipFile, OSError), zipfile.ZipFile(path) as archive:
                count += sum(1 for n in archive.namelist() if n.lower().endswith(ACTIVITY_SUFFIXES))
        else:
            count += 1
    return count


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _store(store: Store, athlete: Athlete, zone: ZoneInfo, parsed: _Parsed, report: ImportReport) -> None:
    if parsed.reject:
        report.rejected.append(FileReport(parsed.name, reason=parsed.reject))
        return
    if parsed.skip:
        report.skipped.append(FileReport(parsed.name, reason=parsed.skip))
        return
    assert parsed.activities is not None
    rows, problems = [], []
    for summary in parsed.activities:
        row, problem = _row(summary, parsed, zone)
        if problem:
            problems.append(problem)
        elif row is not None:
            rows.append(row)
    if problems and not rows:
        report.rejected.append(FileReport(parsed.name, reason="; ".join(problems)))
        return
    fresh, replaced = [], []
    log = any(a.entry_line is not None for a in parsed.activities)
    updated = 0
    with store.transaction() as db:
        if log and _edited_copy(db, athlete.id, parsed.name, parsed.sha256, rows):
            # an edited copy of a hand-written log replaces what its earlier copy brought
            updated = db.execute(
                "DELETE FROM activities WHERE athlete_id = ? AND source_file = ? AND file_sha256 != ?",
                (athlete.id, parsed.name, parsed.sha256),
            ).rowcount
            db.execute(
                "DELETE FROM imported_files WHERE athlete_id = ? AND name = ? AND sha256 != ?",
                (athlete.id, parsed.name, parsed.sha256),
            )
        for r in rows:
            existing = _same_activity(db, athlete.id, r, other_files_only=log)
            if existing is not None and _preference(existing) >= _preference(r):
                continue
            if existing is not None:  # keep the better copy whatever the import order
                db.execute("DELETE FROM activities WHERE id = ?", (existing["id"],))
                replaced.append(existing["source_file"])
            inserted = db.execute(
                """INSERT INTO activities (athlete_id, sport, source_sport, name, start_utc,
                   local_date, elapsed_s, moving_s, distance_m, ascent_m, descent_m,
                   avg_heart_rate, surface, rpe, source_file, file_sha256, local_date_given, shoe_id)
                   VALUES (:athlete_id, :sport, :source_sport, :name, :start_utc, :local_date,
                   :elapsed_s, :moving_s, :distance_m, :ascent_m, :descent_m, :avg_heart_rate,
                   :surface, :rpe, :source_file, :file_sha256, :local_date_given,
                   (SELECT id FROM shoes WHERE athlete_id = :athlete_id AND retired = 0
                    AND default_for_sport = :sport LIMIT 1))""",
                {**r, "athlete_id": athlete.id},
            )
            if r["gear"]:
                db.execute(
                    "INSERT OR IGNORE INTO shoes (athlete_id, name, kind) VALUES (?, ?, ?)",
                    (athlete.id, r["gear"], GEAR_KIND.get(r["sport"], "shoes")),
                )
                db.execute(
                    "UPDATE activities SET shoe_id = (SELECT id FROM shoes WHERE athlete_id = ?"
                    " AND name = ?) WHERE id = ?",
                    (athlete.id, r["gear"], inserted.lastrowid),
                )
            fresh.append(r)
        db.execute(
            "INSERT INTO imported_files (athlete_id, sha256, name, imported_utc) VALUES (?, ?, ?, ?)",
            (athlete.id, parsed.sha256, parsed.name, utc_now()),
        )
    if not fresh:
        report.duplicates.append(
            FileReport(parsed.name, reason="the same activity is already stored from another file")
        )
        return
    problems += [f"replaces the copy from {name}" for name in replaced]
    if updated:
        problems.append(f"an edited copy: replaces the {updated} workouts its earlier copy brought")
    notes = [*parsed.notes, *problems]
    report.imported.append(
        FileReport(parsed.name, activities=[_public(r) for r in fresh], reason="; ".join(notes) or None)
    )


def _row(summary: ActivitySummary, parsed: _Parsed, zone: ZoneInfo) -> tuple[dict[str, Any] | None, str | None]:
    start = summary.start_time_utc or summary.first_record_utc
    strava = parsed.strava
    if start is None:
        return None, "the file states no date or time for the activity"
    start = start.astimezone(UTC)
    if start < EARLIEST_START:
        return (
            None,
            f"the start time ({start:%Y-%m-%d}) is before 1990: the device clock was not set",
        )
    if start > datetime.now(UTC) + timedelta(days=1):
        return None, f"the start time ({start:%Y-%m-%d}) is in the future"
    source_sport = summary.sport or (strava.type if strava else None)
    sport = sport_family(source_sport)
    problem = _implausible(sport, summary)
    if problem:
        return None, problem
    return {
        "sport": sport,
        "source_sport": source_sport,
        "name": strava.name if strava else None,
        "start_utc": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "local_date": summary.local_day or start.astimezone(zone).date().isoformat(),
        # a day the file states (a hand entry, a device's own local time) stays when the zone changes
        "local_date_given": int(summary.local_day is not None),
        "elapsed_s": summary.elapsed_s,
        "moving_s": summary.moving_s,
        "distance_m": summary.distance_m,
        "ascent_m": summary.ascent_m,
        "descent_m": summary.descent_m,
        "avg_heart_rate": summary.avg_heart_rate,
        "surface": summary.surface or _surface_from_type(source_sport),
        "rpe": summary.rpe,
        "source_file": parsed.name,
        "file_sha256": parsed.sha256,
        "gear": summary.shoes or (strava.gear if strava else None),
    }, None


def _surface_from_type(source_sport: str | None) -> str | None:
    kind = (source_sport or "").strip().lower()
    if kind in ("treadmill", "virtualrun", "virtual run"):
        return "treadmill"
    if kind in ("trail run", "trail_running"):
        return "trail"
    return None


def _implausible(sport: str, summary: ActivitySummary) -> str | None:
    distance, duration = summary.distance_m or 0.0, summary.moving_s or summary.elapsed_s or 0.0
    if distance > MAX_DISTANCE_M:
        return f"refused: {distance / 1000:,.0f} km in one activity is not plausible"
    if duration > MAX_DURATION_S:
        return f"refused: {duration / 3600:,.0f} hours in one activity is not plausible"
    limit = MAX_SPEED_KMH.get(sport, VEHICLE_KMH)
    if duration > 60 and distance / 1000 / (duration / 3600) > limit:
        speed = distance / 1000 / (duration / 3600)
        what = "a vehicle, not a workout" if speed > VEHICLE_KMH or sport in FOOT else f"not plausible for {sport}"
        return f"refused: an average of {speed:.0f} km/h is {what}"
    return None


def _edited_copy(db: Any, athlete_id: int, name: str, sha256: str, rows: list[dict[str, Any]]) -> bool:
    """A log of the same name whose days and sports overlap at least half of what the earlier copy
    brought is an edited copy of it; a different log that happens to share a name (two months'
    'log.csv') is not, and both are kept."""
    earlier = {
        (r["local_date"], r["sport"])
        for r in db.execute(
            "SELECT local_date, sport FROM activities WHERE athlete_id = ? AND source_file = ? AND file_sha256 != ?",
            (athlete_id, name, sha256),
        )
    }
    if not earlier:
        return False
    now = {(r["local_date"], r["sport"]) for r in rows}
    return len(earlier & now) * 2 >= len(earlier)


def _same_activity(db: Any, athlete_id: int, row: dict[str, Any], *, other_files_only: bool = False) -> Any:
    """The same workout already stored from another source: same sport, start within 2 min.
    `other_files_only`: entries of one hand-written log are never duplicates of each other (two
    runs on one day are two runs)."""
    start = datetime.fromisoformat(row["start_utc"])
    low = (start - SAME_ACTIVITY_WINDOW).strftime("%Y-%m-%dT%H:%M:%SZ")
    high = (start + SAME_ACTIVITY_WINDOW).strftime("%Y-%m-%dT%H:%M:%SZ")
    return db.execute(
        "SELECT * FROM activities WHERE athlete_id = ? AND sport = ? AND start_utc BETWEEN ? AND ?"
        " AND NOT (? AND source_file IS ?) LIMIT 1",
        (athlete_id, row["sport"], low, high, other_files_only, row["source_file"]),
    ).fetchone()


_FORMAT_RANK = {".fit": 3, ".tcx": 2, ".gpx": 1}


def _preference(row: Any) -> tuple[int, int, int, str]:
    """Which copy of one workout to keep: the richer format, then the more complete, then a
    fixed tie-break, so that the stored history does not depend on the order of import."""
    name = str(row["source_file"] or "").lower().removesuffix(".gz")
    rank = next((v for k, v in _FORMAT_RANK.items() if name.endswith(k)), 0)
    complete = (row["moving_s"] is not None) + (row["distance_m"] is not None)
    return (rank, complete, 0, "~" if not row["file_sha256"] else _invert(row["file_sha256"]))


def _invert(digest: str) -> str:
    """Smaller digests win ties: invert so that a larger tuple means preferred."""
    return "".join(f"{15 - int(c, 16):x}" for c in digest)


def _public(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "sport": row["sport"],
        "start_time_utc": row["start_utc"],
        "distance_m": row["distance_m"],
        "moving_s": row["moving_s"],
        "elapsed_s": row["elapsed_s"],
    }
