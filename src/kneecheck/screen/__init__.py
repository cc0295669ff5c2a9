"""Screening many athletes: one row each, with the same flags and numbers as the single-athlete
load report, sorted by what needs attention first. Pure: each athlete's records in, rows out."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from kneecheck.load import Session, Shoe, build_report

URGENT_LEVELS = ("emergency", "urgent")


@dataclass
class ScreenRow:
    athlete: str
    status: str
    flags: list[dict[str, str]]
    notes: list[dict[str, str]]
    running_last7_km: float | None
    running_change_pct: float | None
    acwr_rolling: float | None
    acwr_ewma: float | None
    comeback_days: int | None
    worn_shoes: list[str]
    weekly_minutes: list[float] = field(default_factory=list)  # the last 8 weeks, for a sparkline
    urgency: str | None = None  # the latest assessment's, where the athlete shares health records
    pain_now: int | None = None  # the latest diary entry's, likewise
    last_workout: str | None = None
    attention: int = 0

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def screen_row(
    athlete: str,
    sessions: list[Session],
    shoes: list[Shoe],
    as_of: date,
    *,
    shoe_limit_km: float,
    urgency: str | None = None,
    pain_now: int | None = None,
    first: date | None = None,
    last_workout: date | None = None,
) -> ScreenRow:
    """`first`: the day the records start, when `sessions` is only the window from `window_start`
    and there were workouts before it; `last_workout`: the day of the last one, when the window
    has none."""
    report = build_report(
        athlete, sessions, shoes, as_of=as_of, weeks=8, shoe_limit_km=shoe_limit_km, with_daily=False, first=first
    )
    running = report.progression.get("running", {})
    row = ScreenRow(
        athlete=athlete,
        status=report.status,
        flags=report.flags,
        notes=report.notes,
        running_last7_km=running.get("last7") if running.get("unit") == "km" else None,
        running_change_pct=running.get("change_pct"),
        acwr_rolling=report.acwr["rolling_uncoupled"]["value"],
        acwr_ewma=report.acwr["ewma"]["value"],
        comeback_days=running.get("days_off_before"),
        worn_shoes=[s["name"] for s in report.shoes if s["past_band"]],
        weekly_minutes=[w["minutes"] for w in report.weeks],
        urgency=urgency,
        pain_now=pain_now,
        last_workout=_iso(max(s.local_date for s in sessions) if sessions else last_workout),
    )
    row.attention = attention(row, as_of)
    return row


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def window_start(as_of: date) -> date:
    """The first day a row needs: the 8 calendar weeks shown and the 3 before them that a shift of
    surface is judged against (70-76 days, more than the 49 days of the EWMA ratio, the 35 of the
    running progression and the longest break it names, 43 days)."""
    return as_of - timedelta(days=as_of.weekday()) - timedelta(weeks=8 + 3)


def attention(row: ScreenRow, as_of: date) -> int:
    """Higher first: an urgent assessment, then load flags, then pain, then notes."""
    score = 0
    if row.urgency in URGENT_LEVELS:
        score += 1000
    score += 100 * len(row.flags)
    if row.pain_now is not None and row.pain_now >= 4:
        score += 50 + row.pain_now
    score += 10 * len(row.notes)
    if row.last_workout and date.fromisoformat(row.last_workout) < as_of - timedelta(days=28):
        score += 1  # gone quiet
    return score


def ranked(rows: list[ScreenRow]) -> list[ScreenRow]:
    return sorted(rows, key=lambda r: (-r.attention, r.athlete))


def sparkline(values: list[float]) -> str:
    """The weeks as block characters, for a terminal or a page."""
    blocks = " ▁▂▃▄▅▆▇█"
    top = max(values, default=0) or 1
    return "".join(blocks[min(8, round(8 * v / top))] for v in values)
