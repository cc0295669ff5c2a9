"""Why-now from a person's stored records, as every face asks for it (the CLI, the web, the report)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from kneecheck.diary import PainEntry, current_episode
from kneecheck.insight import Why, why
from kneecheck.knowledge import shoe_warning_km
from kneecheck.store import Athlete, Store


def onset_from_records(kept: list[dict[str, Any]], entries: list[PainEntry]) -> tuple[date, str] | None:
    """The day the pain began: the latest assessment's time less 'how long ago it started', else
    the first entry of the diary's current episode; with where it came from. None when neither says."""
    if kept and kept[0]["answers"].get("hours_since_onset") is not None:
        at = datetime.fromisoformat(kept[0]["at_utc"].replace("Z", "+00:00"))
        return (
            at - timedelta(hours=float(kept[0]["answers"]["hours_since_onset"]))
        ).date(), f"assessment #{kept[0]['id']}"
    episode = current_episode(entries)
    if episode:
        return episode[0].at.date(), f"diary entry #{episode[0].id}"
    return None


def why_for(store: Store, athlete: Athlete, onset: date | None = None) -> Why | None:
    """Why-now over the athlete's records, from `onset` or the one the records give (None if none)."""
    kept = store.assessments(athlete)
    found = (onset, "--onset") if onset is not None else onset_from_records(kept, store.entries(athlete))
    if found is None:
        return None
    return why(
        store.sessions(athlete), store.shoes(athlete), found[0], onset_from=found[1],
        answers=kept[0]["answers"] if kept else None, shoe_limit_km=shoe_warning_km(),
        form_checks=store.form_checks(athlete),
    )  # fmt: skip
