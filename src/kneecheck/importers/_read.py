"""Turn one file's bytes into activity summaries, whatever its format; refuse what is unsafe.

The format is told from the content, not the extension (a `.fit` that is really GPX is read as
GPX, and the extension mismatch is reported). Gzip is unpacked with a hard size limit.
"""

from __future__ import annotations

import csv
import io
import re
import zlib
from datetime import UTC, date, datetime, time, timedelta

from kneecheck.importers._fit import RUNNING_SURFACES, FitError, scan_fit
from kneecheck.importers._summary import ActivitySummary, ImportProblem, NotAnActivity
from kneecheck.importers._xml import parse_gpx, parse_tcx

MAX_FILE_BYTES = 200 * 1024 * 1024
"""The largest file (after unpacking) accepted; a 10-hour 1 Hz FIT file is about 5 MB."""

NOT_ACTIVITY_FIT_TYPES = {
    "monitoring_a": "an all-day monitoring file",
    "monitoring_b": "an all-day monitoring file",
    "monitoring_daily": "an all-day monitoring file",
    "settings": "a device settings file",
    "workout": "a planned workout, not a recorded one",
    "course": "a course (planned route), not a recorded activity",
    "device": "a device description file",
    "sport": "a sport settings file",
    "schedules": "a schedule file",
    "totals": "a totals file",
    "goals": "a goals file",
    "weight": "a weight scale file",
    "blood_pressure": "a blood pressure file",
    "segment": "a segment file",
    "segment_list": "a segment list file",
    "activity_summary": "an activity summary file",
}


def gunzip(data: bytes, limit: int = MAX_FILE_BYTES) -> bytes:
    """Unpack gzip, refusing anything that would grow past `limit` (a gzip bomb)."""
    out = bytearray()
    stream = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        chunk = stream.decompress(data, limit + 1)
        out += chunk
        while stream.unconsumed_tail and len(out) <= limit:
            out += stream.decompress(stream.unconsumed_tail, limit + 1 - len(out))
    except zlib.error as error:
        raise ImportProblem(f"corrupt gzip data ({error})") from None
    if len(out) > limit:
        raise ImportProblem(f"refused: unpacks to more than {limit // (1024 * 1024)} MB (a gzip bomb?)")
    if not stream.eof:
        raise ImportProblem("truncated gzip data")
    return bytes(out)


def sniff(data: bytes) -> str:
    """'fit', 'gpx', 'tcx', 'csv' or 'unknown', from the first bytes."""
    if len(data) >= 12 and data[8:12] == b".FIT":
        return "fit"
    head = data[:2048].lstrip(b"\xef\xbb\xbf").lstrip()
    if head.startswith(b"<"):
        if re.search(rb"<(\w+:)?gpx[\s>]", head):
            return "gpx"
        if re.search(rb"<(\w+:)?TrainingCenterDatabase[\s>]", head):
            return "tcx"
        return "xml"
    try:
        first_line = head.split(b"\n", 1)[0].decode("utf-8")
    except UnicodeDecodeError:
        return "unknown"
    return "csv" if "," in first_line else "unknown"


def read_activities(name: str, data: bytes) -> tuple[list[ActivitySummary], list[str]]:
    """Summaries of the activities in one file, and notes (such as an extension mismatch)."""
    notes: list[str] = []
    if data[:2] == b"\x1f\x8b":
        data = gunzip(data)
    elif len(data) > MAX_FILE_BYTES:
        raise ImportProblem(f"refused: larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    if not data:
        raise ImportProblem("empty file")
    kind = sniff(data)
    extension = name.lower().removesuffix(".gz").rsplit(".", 1)[-1]
    if kind in ("fit", "gpx", "tcx", "csv") and extension in ("fit", "gpx", "tcx", "csv") and extension != kind:
        notes.append(f"the content is {kind.upper()} although the name ends in .{extension}")
    if kind == "fit":
        return _fit(data, notes), notes
    if kind == "gpx":
        return parse_gpx(data), notes
    if kind == "tcx":
        return parse_tcx(data), notes
    if kind == "csv":
        try:
            return _sample_csv(name, data), notes
        except csv.Error as error:  # a stray carriage return, an unclosed quote...
            raise ImportProblem(
                f"a CSV file that cannot be read as a table ({error}): save it again as plain CSV"
            ) from None
    if kind == "xml":
        raise ImportProblem("an XML file that is neither GPX nor TCX")
    raise ImportProblem("not a FIT, GPX, TCX or CSV activity file")


def _fit(data: bytes, notes: list[str]) -> list[ActivitySummary]:
    try:
        summary = scan_fit(data)
    except FitError as error:
        raise ImportProblem(str(error)) from None
    if summary.file_type in NOT_ACTIVITY_FIT_TYPES:
        raise NotAnActivity(f"{NOT_ACTIVITY_FIT_TYPES[summary.file_type]} (FIT type {summary.file_type})")
    if not summary.sessions:
        raise NotAnActivity(f"FIT file of type {summary.file_type or 'unknown'} with no session")
    if summary.partial:
        notes.append("partial: the file is cut short (a device that stopped mid-activity?); read up to the cut")
    return [
        ActivitySummary(
            sport=s.sport,
            start_time_utc=s.start_time,
            elapsed_s=s.total_elapsed_time,
            moving_s=s.total_timer_time,
            distance_m=s.total_distance,
            ascent_m=s.total_ascent,
            descent_m=s.total_descent,
            avg_heart_rate=s.avg_heart_rate,
            first_record_utc=s.start_time,
            last_record_utc=s.timestamp,
            surface=RUNNING_SURFACES.get(s.sub_sport or 0) if s.sport == "running" else None,
            # the device's own local time (FIT local_timestamp) decides the day it was done on
            local_day=(
                (s.start_time + timedelta(seconds=summary.utc_offset_s)).date().isoformat()
                if s.start_time is not None and summary.utc_offset_s is not None
                else None
            ),
        )
        for s in summary.sessions
    ]


_STAMP = re.compile(r"(\d{4})_(\d{2})_(\d{2})_(\d{2})_(\d{2})_(\d{2})")


MANUAL_COLUMNS = ("date", "sport", "duration_min")
"""The manual-entry CSV: date (YYYY-MM-DD), sport, duration_min, and optionally distance_km,
rpe (1-10), shoes and surface (road_or_concrete, treadmill, track, trail, grass)."""
SURFACES = ("road_or_concrete", "treadmill", "track", "trail", "grass")


def _manual_csv(rows: list[dict[str, str]]) -> list[ActivitySummary]:
    out = []
    per_day: dict[date, int] = {}
    for line, row in enumerate(rows, start=2):
        try:
            day = date.fromisoformat(row["date"].strip())
            minutes = float(row["duration_min"])
            km = float(row["distance_km"]) if (row.get("distance_km") or "").strip() else None
            rpe = int(row["rpe"]) if (row.get("rpe") or "").strip() else None
        except (ValueError, KeyError) as error:
            raise ImportProblem(f"line {line}: {error}") from None
        surface = (row.get("surface") or "").strip() or None
        if not 0 < minutes <= 7 * 24 * 60 or (rpe is not None and not 1 <= rpe <= 10):
            raise ImportProblem(f"line {line}: duration must be 1 minute to 7 days and rpe 1-10")
        if surface is not None and surface not in SURFACES:
            raise ImportProblem(f"line {line}: surface must be one of {', '.join(SURFACES)}")
        # several entries on one day keep their order: noon, then a minute apart
        order = per_day[day] = per_day.get(day, -1) + 1
        out.append(
            ActivitySummary(
                sport=row["sport"].strip() or None,
                start_time_utc=datetime.combine(day, time(12), tzinfo=UTC) + timedelta(minutes=order),
                elapsed_s=minutes * 60,
                moving_s=minutes * 60,
                distance_m=km * 1000 if km is not None else None,
                surface=surface,
                rpe=rpe,
                shoes=(row.get("shoes") or "").strip() or None,
                local_day=day.isoformat(),
                entry_line=line,
            )
        )
    if not out:
        raise NotAnActivity("a manual-entry CSV with no rows")
    return out


def _sample_csv(name: str, data: bytes) -> list[ActivitySummary]:
    """A manual-entry CSV, or a per-sample CSV with Minutes and Km columns (PowerTap,
    GoldenCheetah's CSV export)."""
    text = data.decode("utf-8-sig", errors="replace")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in next(reader, [])]
    if all(column in header for column in MANUAL_COLUMNS):
        return _manual_csv(list(csv.DictReader(io.StringIO(text, newline=""), fieldnames=header))[1:])
    if "minutes" not in header or "km" not in header:
        raise NotAnActivity("a CSV that is neither a sample stream (Minutes, Km columns) nor a manual-entry file")
    minute_col, km_col = header.index("minutes"), header.index("km")
    rows = 0
    last_minutes = last_km = 0.0
    for row in reader:
        try:
            last_minutes, last_km = float(row[minute_col]), float(row[km_col])
        except (ValueError, IndexError):
            raise ImportProblem(f"line {rows + 2}: not a number in Minutes or Km") from None
        rows += 1
    if rows == 0:
        raise NotAnActivity("a CSV with no samples")
    stamp = _STAMP.search(name)
    start = None
    if stamp:
        year, month, day, hour, minute, second = (int(g) for g in stamp.groups())
        start = datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    sport = "cycling" if "watts" in header or "torq (n-m)" in header else None
    return [
        ActivitySummary(
            sport=sport,
            start_time_utc=None,
            elapsed_s=last_minutes * 60,
            moving_s=None,
            distance_m=last_km * 1000,
            records=rows,
            first_record_utc=start,
        )
    ]
