"""Per-request access to the store and the person the request is for."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import Request

from kneecheck.store import DEFAULT_ATHLETE, Athlete, Store
from kneecheck.web._settings import Settings


def settings(request: Request) -> Settings:
    value: Settings = request.app.state.settings
    return value


def store(request: Request) -> Iterator[Store]:
    """One SQLite connection per request (WAL lets readers and a writer work side by side)."""
    opened = Store(settings(request).db_path)
    try:
        yield opened
    finally:
        opened.close()


def athlete(db: Store) -> Athlete:
    """Local mode: the one person on this machine."""
    return db.athlete(DEFAULT_ATHLETE)
