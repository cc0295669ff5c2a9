"""What every importer produces: one summary per activity (a multisport file gives several)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


class ImportProblem(ValueError):
    """A file that cannot be imported; the message says why in words a person can act on."""


class NotAnActivity(ImportProblem):
    """A valid file that holds no workout (settings, monitoring, a planned route): skipped."""


@dataclass(frozen=True)
class ActivitySummary:
    sport: str | None
    """The sport as the file names it (FIT sport enum name, TCX Sport attribute, GPX type)."""
    start_time_utc: datetime | None
    elapsed_s: float | None
    moving_s: float | None
    """FIT: session timer time; TCX: lap total time; GPX: time moving faster than 1 km/h."""
    distance_m: float | None
    ascent_m: float | None = None
    descent_m: float | None = None
    avg_heart_rate: float | None = None
    records: int = 0
    first_record_utc: datetime | None = None
    last_record_utc: datetime | None = None
    surface: str | None = None
    rpe: int | None = None
    shoes: str | None = None
    local_day: str | None = None
    """The local date the file states: a hand-written entry's day, or a device's own local time."""
    entry_line: int | None = None
    """For a hand-written file: the line of this entry (the file is then one person's log, and an
    edited copy imported again replaces what the earlier copy brought)."""


def elevation_change(elevations: list[float], threshold_m: float = 2.0) -> tuple[float, float]:
    """Total ascent and descent, ignoring wiggles smaller than `threshold_m` (GPS noise)."""
    ascent = descent = 0.0
    anchor: float | None = None
    for elevation in elevations:
        if anchor is None:
            anchor = elevation
        elif elevation - anchor >= threshold_m:
            ascent += elevation - anchor
            anchor = elevation
        elif anchor - elevation >= threshold_m:
            descent += anchor - elevation
            anchor = elevation
    return ascent, descent
