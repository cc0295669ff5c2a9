"""A pain diary entry: what a person records about the knee at one moment."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from kneecheck.knowledge import answer_field_values, load_knowledge

Swelling = Literal["none", "mild", "pronounced"]
Timing = Literal["during", "after", "at_rest"]


def warning_sign_fields() -> dict[str, set[str]]:
    """The warning-sign questions a diary entry may answer anew ("can you put weight on it?"),
    with the values each takes."""
    values = answer_field_values()
    return {
        q.field: values[q.field] or set()
        for q in load_knowledge().questions
        if q.red_flag and not q.clinician and values.get(q.field) and q.field not in NOT_SIGNS
    }


NOT_SIGNS = {"age", "how_it_started", "hours_since_onset", "trend", "swelling", "swelling_onset", "swelling_where"}
"""Red-flag questions that describe the episode rather than a new sign (the entry has its own fields)."""


class PainEntry(BaseModel):
    """One diary entry. Times are stored in UTC; an entry may be for any past moment."""

    model_config = ConfigDict(extra="forbid")

    id: int | None = None
    at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    pain_now: int = Field(ge=0, le=10, description="Pain now, 0 (none) to 10 (worst imaginable).")
    pain_worst_24h: int | None = Field(None, ge=0, le=10, description="Worst pain in the last 24 hours.")
    activity: str | None = Field(None, max_length=80, description="The activity the pain came with.")
    timing: Timing | None = Field(None, description="During, after the activity, or at rest.")
    where: list[str] = Field(default_factory=list, description="Where it hurts (the answers' `where` values).")
    swelling: Swelling | None = None
    warm_or_red: bool | None = None
    woke_at_night: bool | None = None
    stopped_daily_task: bool | None = None
    signs: dict[str, str] = Field(
        default_factory=dict, description="Warning-sign answers given with this entry, e.g. {'can_bear_weight': 'no'}."
    )
    notes: str | None = Field(None, max_length=2000)

    @field_validator("at")
    @classmethod
    def _aware_and_not_in_the_future(cls, value: datetime) -> datetime:
        value = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        if value > datetime.now(UTC) + timedelta(minutes=5):
            raise ValueError("the entry's time is in the future")
        if value.year < 1990:
            raise ValueError("the entry's time is before 1990")
        return value.astimezone(UTC)

    @model_validator(mode="after")
    def _known_values(self) -> PainEntry:
        allowed_where = answer_field_values()["where"] or set()
        unknown = set(self.where) - allowed_where
        if unknown:
            raise ValueError(f"where: unknown places {sorted(unknown)}; use {', '.join(sorted(allowed_where))}")
        known = warning_sign_fields()
        for field, value in self.signs.items():
            if field not in known:
                raise ValueError(f"signs: {field!r} is not a warning sign kneecheck asks about")
            if value not in known[field]:
                raise ValueError(f"signs: {field} must be one of {', '.join(sorted(known[field]))}")
        if self.pain_worst_24h is not None and self.pain_worst_24h < self.pain_now:
            raise ValueError("the worst pain in the last 24 hours cannot be less than the pain now")
        return self
