"""Hypothesis strategies for valid answers documents."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from kneecheck.answers import Answers
from kneecheck.knowledge import answer_field_values

NUMBERS: dict[str, st.SearchStrategy[Any]] = {
    "age": st.integers(1, 110),
    "pain_now": st.integers(0, 10),
    "hours_since_onset": st.floats(0, 20_000, allow_nan=False),
    "weekly_volume_increase_pct": st.floats(-100, 1_000, allow_nan=False),
    "shoe_km": st.floats(0, 5_000, allow_nan=False),
}
INJURIES = ["twist_or_pivot", "direct_blow", "fall", "landing_from_jump", "hyperextension"]


def _field_strategy(name: str, values: set[str] | None) -> st.SearchStrategy[Any]:
    if values is None:
        return NUMBERS[name]
    if name == "how_it_started":
        return st.one_of(st.just(["no_injury"]), st.lists(st.sampled_from(INJURIES), min_size=1, unique=True))
    annotation = str(Answers.model_fields[name].annotation)
    options = sorted(values - {"unknown"})
    if annotation.startswith("list") or "list[" in annotation:
        return st.lists(st.sampled_from(options), unique=True, min_size=1 if name == "where" else 0)
    return st.sampled_from(sorted(values))


FIELD_STRATEGIES = {name: _field_strategy(name, values) for name, values in answer_field_values().items()}

answers_documents = st.fixed_dictionaries({}, optional=FIELD_STRATEGIES)
