"""The assessment result: the JSON contract of DESIGN.md, as pydantic models."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field

from kneecheck.knowledge import Urgency


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class UrgencyReason(_Out):
    rule: str
    urgency: Urgency
    text: str
    source: str


class Why(_Out):
    finding: str
    effect: Literal["+", "-"]
    weight: float = Field(description="The factor applied to the odds (above 1 raises, below 1 lowers).")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def sentence(self) -> str:
        """The reason in words, for a person: 'Pain around the kneecap makes this more likely'."""
        likely = "more likely" if self.effect == "+" else "less likely"
        if self.finding.startswith("not: "):
            return f'"{self.finding[5:]}" does not apply, which makes this {likely}'
        return f"{self.finding[:1].upper()}{self.finding[1:]} makes this {likely}"


class RankedCondition(_Out):
    id: str
    name: str
    lay_name: str
    icd10: str
    probability: float
    why: list[Why]
    see: str


class TrainingFactor(_Out):
    id: str
    text: str
    evidence: str
    source: str


class Advice(_Out):
    now: list[str]
    avoid: list[str]
    recheck: str
    prevention: list[str]
    come_back_if: list[str] = Field(default_factory=list, description="Signs to come back sooner.")


class Assessment(_Out):
    urgency: Urgency
    urgency_reasons: list[UrgencyReason]
    conditions: list[RankedCondition]
    something_else: float = Field(description="Probability left for causes that are not modelled.")
    context: str = Field(description="The sport context whose priors were used.")
    training_factors: list[TrainingFactor]
    advice: Advice
    understood: list[str]
    missing: list[str]
    missing_fields: list[str]
    knowledge_version: str
    disclaimer: str
    evidence: list[dict[str, Any]] = Field(
        default_factory=list, description="For answers read from text: field, value and the span it came from."
    )
    set_aside: list[dict[str, Any]] = Field(
        default_factory=list,
        description="For text: findings seen but not used, with the reason (past, someone else, another body part...).",
    )
    not_understood: list[dict[str, Any]] = Field(
        default_factory=list,
        description="For text: warning words kneecheck saw but could not place, and the questions that settle them.",
    )
    could_be: Urgency | None = Field(
        None, description="For text: the urgency the unsettled warning signs could give, when above `urgency`."
    )
    notes: list[str] = Field(default_factory=list)
    questions_asked: int | None = Field(None, description="How many questions the interactive assessment asked.")
