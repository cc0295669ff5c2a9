"""A screening row from a person's stored records, as every face asks for it (the CLI's
`kneecheck screen` and the coach's list on the web)."""

from __future__ import annotations

from datetime import date

from kneecheck.screen import ScreenRow, screen_row, window_start
from kneecheck.store import Athlete, Store


def row_from_records(
    db: Store, athlete: Athlete, name: str, today: date, *, shoe_limit_km: float, health: bool
) -> ScreenRow:
    """Read only the weeks a row needs; `health`: the latest urgency and pain too (where the
    athlete shares health records)."""
    since = window_start(today)
    urgency, pain = db.latest_health(athlete) if health else (None, None)
    span = db.workout_span(athlete)
    return screen_row(
        name,
        db.sessions(athlete, since),
        db.shoes(athlete),
        today,
        shoe_limit_km=shoe_limit_km,
        urgency=urgency,
        pain_now=pain,
        first=since if span and span[1] < since else None,
        last_workout=span[2] if span else None,
    )
