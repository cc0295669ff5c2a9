"""Evaluate the triage engine on clinical vignettes with gold labels.

A vignette file is a YAML list in the format of the shared development sets (id, gold_urgency,
gold_condition, acceptable_conditions, optional acceptable_urgency and voice). Scoring from the
encoded answers needs `answers` on each vignette (the structured answers encoded from its facts);
scoring from the text needs only `text` (and `answers`, where present, for finding agreement).

Serious under-triage, as the unseen sets are judged: a result less urgent than the least urgent
acceptable level, where that level is urgent or emergency.

The untouched part: before tuning the reader on a set, a third of it is put aside and its failures
are never looked at; its figures are reported separately. `UNTOUCHED_DIGITS` names that third.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from kneecheck.answers import Answers
from kneecheck.knowledge import URGENCY_ORDER, Urgency
from kneecheck.triage import Assessment, assess


class Vignette(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str
    gold_urgency: Urgency
    gold_condition: str
    acceptable_conditions: list[str] = Field(default_factory=list)
    acceptable_urgency: list[Urgency] = Field(default_factory=list)
    voice: str | None = None
    text: str | None = None
    answers: Answers | None = None


UNTOUCHED_DIGITS = "037"
"""Ids ending in one of these digits form the untouched third of a development set."""
Part = Literal["all", "tuning", "untouched"]


def in_part(vignette_id: str, part: Part) -> bool:
    if part == "all":
        return True
    return (vignette_id[-1:] in UNTOUCHED_DIGITS) == (part == "untouched")


class VignetteResult(BaseModel):
    id: str
    voice: str | None = None
    gold_urgency: Urgency
    urgency: Urgency
    urgency_ok: bool
    under_triage: bool
    under_triage_serious: bool
    over_triage: bool
    gold_condition: str
    top3: list[str]
    top1_ok: bool
    top3_ok: bool
    top3_gold: bool
    top1_probability: float
    gold_probability: float


class VoiceFigures(BaseModel):
    n: int
    urgency_ok: float
    under_triage_serious: int
    top3: float


class ReliabilityBin(BaseModel):
    """Cases whose top cause was given a probability in [low, high), and how often it was right."""

    low: float
    high: float
    n: int
    mean_stated: float | None
    observed: float | None


RELIABILITY_EDGES = (0.0, 0.4, 0.6, 0.8, 0.9, 1.0001)


def reliability(details: list[VignetteResult]) -> tuple[list[ReliabilityBin], float | None]:
    """The reliability table of the top cause's stated probability, and its Brier score
    (mean squared difference between that probability and whether the top cause was right)."""
    bins = []
    for low, high in itertools.pairwise(RELIABILITY_EDGES):
        rows = [d for d in details if low <= d.top1_probability < high]
        bins.append(
            ReliabilityBin(
                low=low,
                high=min(high, 1.0),
                n=len(rows),
                mean_stated=round(sum(d.top1_probability for d in rows) / len(rows), 3) if rows else None,
                observed=round(sum(d.top1_ok for d in rows) / len(rows), 3) if rows else None,
            )
        )
    brier = sum((d.top1_probability - d.top1_ok) ** 2 for d in details) / len(details) if details else None
    return bins, (round(brier, 4) if brier is not None else None)


class Evaluation(BaseModel):
    n: int
    source: str = Field("answers", description="'answers', 'text' or 'simulation' (adaptive questions)")
    questions_mean: float | None = None
    questions_max: int | None = None
    urgency_same_as_full_answers: int | None = None
    finding_precision: float | None = None
    finding_recall: float | None = None
    urgency_exact: float
    under_triage: int
    under_triage_serious: int
    over_triage: int
    top1: float
    top3: float
    top3_gold_only: float
    mean_top1_probability: float = Field(
        description="Average probability given to the top cause; compare with top1 for calibration."
    )
    mean_gold_probability: float
    brier_top1: float | None = Field(None, description="Brier score of the top cause's probability (lower is better).")
    reliability: list[ReliabilityBin] = Field(default_factory=list)
    under_triage_ids: list[str]
    over_triage_ids: list[str]
    by_voice: dict[str, VoiceFigures] = Field(default_factory=dict)
    details: list[VignetteResult]


class MissingAnswers(ValueError):
    """A vignette scored from its answers has none encoded."""


def _rank(level: Urgency) -> int:
    return URGENCY_ORDER.index(level)


def judge(vignette: Vignette, result: Assessment) -> VignetteResult:
    accepted_urgency = {vignette.gold_urgency, *vignette.acceptable_urgency}
    least_accepted = min(accepted_urgency, key=_rank)
    most_accepted = max(accepted_urgency, key=_rank)
    accepted_conditions = {vignette.gold_condition, *vignette.acceptable_conditions}
    top3 = [c.id for c in result.conditions[:3]]
    under = _rank(result.urgency) < _rank(least_accepted)
    return VignetteResult(
        id=vignette.id,
        voice=vignette.voice,
        gold_urgency=vignette.gold_urgency,
        urgency=result.urgency,
        urgency_ok=result.urgency in accepted_urgency,
        under_triage=under,
        under_triage_serious=under and least_accepted in ("urgent", "emergency"),
        over_triage=_rank(result.urgency) > _rank(most_accepted),
        gold_condition=vignette.gold_condition,
        top3=top3,
        top1_ok=top3[0] in accepted_conditions,
        top3_ok=bool(accepted_conditions & set(top3)),
        top3_gold=vignette.gold_condition in top3,
        top1_probability=result.conditions[0].probability,
        gold_probability=next((c.probability for c in result.conditions if c.id == vignette.gold_condition), 0.0),
    )


def _answer_items(answers: Answers) -> set[tuple[str, Any]]:
    """The answered items as comparable pairs; list answers give one pair per item."""
    items: set[tuple[str, Any]] = set()
    for field, value in answers.known().items():
        if isinstance(value, list):
            items |= {(field, v) for v in value}
        else:
            items.add((field, value))
    return items


def _same_number(field: str, got: float, want: float) -> bool:
    if field == "hours_since_onset":  # "a week ago" and "for 6 days" agree: within half
        return abs(got - want) <= 0.5 * want + 2
    return abs(got - want) <= 0.05 * abs(want) + 0.5


def finding_agreement(extracted: Answers, gold: Answers) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) of extracted answers against gold."""
    got, want = _answer_items(extracted), _answer_items(gold)
    gold_known = gold.known()
    tp = fp = 0
    for field, value in got:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            ok = field in gold_known and _same_number(field, float(value), float(gold_known[field]))
        else:
            ok = (field, value) in want
        tp += ok
        fp += not ok
    return tp, fp, len(want) - tp


def evaluate_vignettes(
    raw: list[dict[str, Any]],
    assessor: Callable[[Answers], Assessment] = assess,
    *,
    from_text: bool = False,
    simulate_questions: bool = False,
    part: Part = "all",
    today: date | None = None,
) -> Evaluation:
    """Score the engine on vignettes, from their encoded answers or (from_text) their text, read
    as `assess_text` reads it (fail-safe included) on `today` (default: the day it runs: a weekday
    in a text counts back from it)."""
    from kneecheck.triage import Questionnaire, assess_read, default_engine, simulate
    from kneecheck.understand import understand  # the text reader loads its resources on first use

    vignettes = [Vignette.model_validate(v) for v in raw]
    vignettes = [v for v in vignettes if in_part(v.id, part)]
    if not from_text:
        for v in vignettes:
            if v.answers is None:
                raise MissingAnswers(f"vignette {v.id} has no encoded `answers`: use --from-text to read its text")
    tp = fp = fn = 0
    details = []
    questionnaire = Questionnaire(default_engine()) if simulate_questions else None
    questions: list[int] = []
    same = 0
    for v in vignettes:
        if from_text:
            if not (v.text or "").strip():
                details.append(judge(v, assessor(Answers())))
                continue
            read = understand(v.text or "", today=today)
            if v.answers is not None:
                counts = finding_agreement(read.answers, v.answers)
                tp, fp, fn = tp + counts[0], fp + counts[1], fn + counts[2]
            details.append(judge(v, assess_read(read)))
            continue
        assert v.answers is not None
        answers = v.answers
        if questionnaire is not None:
            session = simulate(questionnaire, v.answers)
            answers = Answers.model_validate(session.answers)
            questions.append(session.count)
            same += assessor(answers).urgency == assessor(v.answers).urgency
        details.append(judge(v, assessor(answers)))
    n = len(details)

    def share(flags: list[bool]) -> float:
        return round(sum(flags) / n, 4) if n else 0.0

    voices: dict[str, list[VignetteResult]] = {}
    for d in details:
        if d.voice:
            voices.setdefault(d.voice, []).append(d)
    by_voice = {
        voice: VoiceFigures(
            n=len(rows),
            urgency_ok=round(sum(r.urgency_ok for r in rows) / len(rows), 4),
            under_triage_serious=sum(r.under_triage_serious for r in rows),
            top3=round(sum(r.top3_ok for r in rows) / len(rows), 4),
        )
        for voice, rows in voices.items()
    }
    bins, brier = reliability(details)
    return Evaluation(
        n=n,
        brier_top1=brier,
        reliability=bins,
        source="simulation" if simulate_questions else "text" if from_text else "answers",
        questions_mean=round(sum(questions) / len(questions), 2) if questions else None,
        questions_max=max(questions) if questions else None,
        urgency_same_as_full_answers=same if simulate_questions else None,
        finding_precision=round(tp / (tp + fp), 4) if from_text and tp + fp else None,
        finding_recall=round(tp / (tp + fn), 4) if from_text and tp + fn else None,
        urgency_exact=share([d.urgency_ok for d in details]),
        under_triage=sum(d.under_triage for d in details),
        under_triage_serious=sum(d.under_triage_serious for d in details),
        over_triage=sum(d.over_triage for d in details),
        top1=share([d.top1_ok for d in details]),
        top3=share([d.top3_ok for d in details]),
        top3_gold_only=share([d.top3_gold for d in details]),
        mean_top1_probability=round(sum(d.top1_probability for d in details) / n, 4) if n else 0.0,
        mean_gold_probability=round(sum(d.gold_probability for d in details) / n, 4) if n else 0.0,
        under_triage_ids=[d.id for d in details if d.under_triage],
        over_triage_ids=[d.id for d in details if d.over_triage],
        by_voice=by_voice,
        details=details,
    )
