"""Assessing from free text: the reader's answers, what it set aside or could not place, and the
fail-safe (triage/_failsafe.py) that keeps an unsettled text from being told to stay at home."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kneecheck.answers import Answers
from kneecheck.triage._engine import default_engine
from kneecheck.triage._failsafe import fail_safe
from kneecheck.triage._result import Assessment
from kneecheck.understand import Understood, understand


def assess_text(
    text: str,
    answers: Answers | Mapping[str, Any] | None = None,
    *,
    shoe_limit_km: float | None = None,
    history: list[Mapping[str, str]] | None = None,
) -> Assessment:
    """Assess from free text (a person's words or a clinical note), with optional structured
    answers that take precedence over what the text says. The result lists, in `evidence`, the
    span of text behind each answer read from it, in `set_aside` what was seen but not used, and in
    `not_understood` the warning words it could not place. Raises TextProblem for empty or huge text."""
    return assess_read(understand(text), answers, shoe_limit_km=shoe_limit_km, history=history)


def assess_read(
    read: Understood,
    answers: Answers | Mapping[str, Any] | None = None,
    *,
    shoe_limit_km: float | None = None,
    history: list[Mapping[str, str]] | None = None,
) -> Assessment:
    """The assessment of a text already read, with `answers` (given or asked) taking precedence."""
    given = answers.known() if isinstance(answers, Answers) else Answers.model_validate(answers or {}).known()
    merged = Answers.model_validate({**read.answers.known(), **given})
    engine = default_engine()
    check = fail_safe(engine, merged, read)
    result = engine.assess(
        merged, shoe_limit_km=shoe_limit_km, history=history, extra_reasons=check.reasons, ask_first=check.ask_first
    )
    from_text = read.answers.known()
    kept = {name for name in from_text if name not in given or given[name] == from_text[name]}
    return result.model_copy(
        update={
            "evidence": [m.public() for m in read.mentions if m.field in kept],
            "set_aside": [s.public() for s in read.set_aside],
            "not_understood": [u.public() for u in read.unplaced if not set(u.as_if) <= set(given)],
            "could_be": check.could_be,
            "notes": [*read.notes, *check.notes],
        }
    )


def questions_first(read: Understood) -> list[str]:
    """The questions a text leaves open that could make it more urgent: to be asked first."""
    return fail_safe(default_engine(), read.answers, read).ask_first
