"""Evaluate the triage engine on clinical vignettes with gold labels.

A vignette file is a YAML list in the format of the shared development set (id, gold_urgency,
gold_condition, acceptable_conditions, optional acceptable_urgency), where each vignette also
carries `answers`: the structured answers encoded from its facts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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
    answers: Answers


class VignetteResult(BaseModel):
    id: str
    gold_urgency: Urgency
    urgency: Urgency
    urgency_ok: bool
    under_triage: bool
    over_triage: bool
    gold_condition: str
    top3: list[str]
    top1_ok: bool
    top3_ok: bool
    top3_gold: bool
    top1_probability: float
    gold_probability: float


class Evaluation(BaseModel):
    n: int
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
    under_triage_ids: list[str]
    over_triage_ids: list[str]
    details: list[VignetteResult]


def _rank(level: Urgency) -> int:
    return URGENCY_ORDER.index(level)


def judge(vignette: Vignette, result: Assessment) -> VignetteResult:
    accepted_urgency = {vignette.gold_urgency, *vignette.acceptable_urgency}
    least_accepted = min(accepted_urgency, key=_rank)
    most_accepted = max(accepted_urgency, key=_rank)
    accepted_conditions = {vignette.gold_condition, *vignette.acceptable_conditions}
    top3 = [c.id for c in result.conditions[:3]]
    return VignetteResult(
        id=vignette.id,
        gold_urgency=vignette.gold_urgency,
        urgency=result.urgency,
        urgency_ok=result.urgency in accepted_urgency,
        under_triage=_rank(result.urgency) < _rank(least_accepted),
        over_triage=_rank(result.urgency) > _rank(most_accepted),
        gold_condition=vignette.gold_condition,
        top3=top3,
        top1_ok=top3[0] in accepted_conditions,
        top3_ok=bool(accepted_conditions & set(top3)),
        top3_gold=vignette.gold_condition in top3,
        top1_probability=result.conditions[0].probability,
        gold_probability=next((c.probability for c in result.conditions if c.id == vignette.gold_condition), 0.0),
    )


def evaluate_vignettes(raw: list[dict[str, Any]], assessor: Callable[[Answers], Assessment] = assess) -> Evaluation:
    vignettes = [Vignette.model_validate(v) for v in raw]
    details = [judge(v, assessor(v.answers)) for v in vignettes]
    n = len(details)

    def share(flags: list[bool]) -> float:
        return round(sum(flags) / n, 4) if n else 0.0

    serious = {"urgent", "emergency"}
    return Evaluation(
        n=n,
        urgency_exact=share([d.urgency_ok for d in details]),
        under_triage=sum(d.under_triage for d in details),
        under_triage_serious=sum(d.under_triage and d.gold_urgency in serious for d in details),
        over_triage=sum(d.over_triage for d in details),
        top1=share([d.top1_ok for d in details]),
        top3=share([d.top3_ok for d in details]),
        top3_gold_only=share([d.top3_gold for d in details]),
        mean_top1_probability=round(sum(d.top1_probability for d in details) / n, 4) if n else 0.0,
        mean_gold_probability=round(sum(d.gold_probability for d in details) / n, 4) if n else 0.0,
        under_triage_ids=[d.id for d in details if d.under_triage],
        over_triage_ids=[d.id for d in details if d.over_triage],
        details=details,
    )
