"""Pydantic models of the knowledge files: what a physio may edit, checked when it is loaded."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Urgency = Literal["emergency", "urgent", "routine", "self_care"]
URGENCY_ORDER: tuple[Urgency, ...] = ("self_care", "routine", "urgent", "emergency")
"""Least to most urgent; the index of a level is its rank."""

EXPERT = "expert"
"""The source id for numbers no study gives; such entries must say why in `basis`."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Cited(_Strict):
    """Anything medical carries a source id from sources.yaml, or `expert` with its basis."""

    source: str
    basis: str | None = None

    @model_validator(mode="after")
    def _expert_estimates_explain_themselves(self) -> Cited:
        if self.source == EXPERT and not (self.basis and len(self.basis) >= 20):
            raise ValueError("an expert estimate needs a 'basis' saying why (20+ characters)")
        return self


class Source(_Strict):
    authors: str
    title: str
    year: int | None = None
    published_in: str = Field(description="Journal with volume and pages, or the publisher.")
    note: str | None = None


class Test(_Strict):
    """A three-valued test over the answers: true, false, or unknown.

    Leaves look at one answer (`field` with one operator) or at a named finding (`finding`);
    `all`, `any` (optionally `at_least` n of them) and `not` combine tests. On a list answer,
    `includes` treats the list as complete (not chosen means no) while `mentions` treats it as
    positive-only (not chosen stays unknown); `is_unknown` asks whether an item was left open.
    `if_unknown` says what an unknown result counts as (for example "onset time unknown" counts
    as recent in a rule about acute injuries).
    """

    field: str | None = None
    finding: str | None = None
    is_: str | int | float | None = Field(None, alias="is")
    in_: list[str] | None = Field(None, alias="in")
    includes: str | None = None
    includes_any: list[str] | None = None
    mentions: str | None = None
    is_unknown: bool | None = None
    gt: float | None = None
    ge: float | None = None
    lt: float | None = None
    le: float | None = None
    all_of: list[Test] | None = Field(None, alias="all")
    any_of: list[Test] | None = Field(None, alias="any")
    not_: Test | None = Field(None, alias="not")
    at_least: int | None = Field(None, ge=1, description="With `any`: how many must be true.")
    if_unknown: bool | None = None

    @model_validator(mode="after")
    def _one_shape(self) -> Test:
        kinds = [k for k in ("field", "finding", "all_of", "any_of", "not_") if getattr(self, k) is not None]
        if len(kinds) != 1:
            raise ValueError("a test has exactly one of: field, finding, all, any, not")
        operators = [k for k in self.operator_names() if getattr(self, k) is not None]
        if self.field is not None and len(operators) != 1:
            raise ValueError(f"test on field {self.field!r} needs exactly one operator")
        if self.field is None and operators:
            raise ValueError("operators (is, in, includes, gt, …) only go with 'field'")
        if self.at_least is not None and self.any_of is None:
            raise ValueError("'at_least' only goes with 'any'")
        return self

    @staticmethod
    def operator_names() -> tuple[str, ...]:
        return (
            "is_",
            "in_",
            "includes",
            "includes_any",
            "mentions",
            "is_unknown",
            "gt",
            "ge",
            "lt",
            "le",
        )

    def children(self) -> list[Test]:
        return [*(self.all_of or []), *(self.any_of or []), *([self.not_] if self.not_ else [])]


class Question(_Strict):
    field: str
    label: str = Field(description="A few words, used in summaries: 'Swelling'.")
    question: str = Field(description="The question as a person reads it.")
    help: str
    red_flag: bool = False
    clinician: bool = Field(False, description="An examination test: read from a clinician's note, never asked.")
    options: dict[str, str] = Field(default_factory=dict, description="value -> plain label")
    ask_if: Test | None = Field(None, description="Skip the question when this is false.")


class Finding(_Strict):
    text: str
    when: Test


class RedFlagRule(Cited):
    id: str
    urgency: Urgency
    when: Test
    text: str = Field(description="What the person reads: what it may mean and what to do.")


class LikelihoodRatio(Cited):
    finding: str
    lr_pos: float = Field(gt=0, description="Multiplier on the odds when the finding is present.")
    lr_neg: float = Field(1.0, gt=0, description="Multiplier when it is known to be absent.")


class WarningRatios(_Strict):
    """Ratios for warning findings, merged into the benign conditions that do not produce them."""

    applies_to: list[str] = Field(min_length=1)
    ratios: list[LikelihoodRatio] = Field(min_length=1)
    # the overuse causes that never rank first while a warning finding is present, whatever their own
    # evidence (wear and referred hip pain co-exist with an injury or an infection, so they are not here)
    never_first: list[str] = Field(default_factory=list)


class Referral(_Strict):
    who: str
    when: str


class ConditionEntry(_Strict):
    id: str
    name: str
    lay_name: str
    icd10: str
    description: str
    priors: dict[str, float] = Field(description="Prior probability by sport context.")
    age_factor: dict[str, float] = Field(default_factory=dict)
    female_factor: float = 1.0
    prior_source: Cited
    likelihood_ratios: list[LikelihoodRatio]
    self_care: list[str]
    avoid: list[str]
    see: Referral
    prevention: list[str] = Field(default_factory=list)
    sources: list[str] = Field(min_length=1)


class SportContext(_Strict):
    sports: list[str]


class AgeBand(_Strict):
    min_age: int
    max_age: int


class Manifest(_Strict):
    knowledge_version: str
    contexts: dict[str, SportContext]
    default_context: str
    age_bands: dict[str, AgeBand]
    something_else_prior: Cited
    something_else_share: float = Field(gt=0, lt=1)
    disclaimer: str


TrainingFactorId = Literal["too_much_too_soon", "poor_squat_form", "worn_shoes", "hard_surface", "new_activity"]
"""The factors the engine knows how to read from answers; their thresholds and texts are data."""


class TrainingFactorEntry(Cited):
    id: TrainingFactorId
    text: str
    threshold: float | None = None
    strong_threshold: float | None = None
    strong_source: str | None = None
    unit: str | None = None
    prevention: str | None = Field(None, description="What to change, shown when the factor is found.")


class AdviceItem(Cited):
    text: str
    when: Test | None = Field(None, description="Shown only when this is true for the answers.")
    if_unknown: bool = Field(False, description="Also shown when `when` cannot be decided (cautions).")


class GeneralAdvice(_Strict):
    now: list[AdviceItem]
    while_waiting: list[AdviceItem]
    emergency: list[AdviceItem] = Field(default_factory=list, description="How to get to care, for emergencies.")
    avoid: list[AdviceItem]
    come_back_if: list[AdviceItem] = Field(default_factory=list, description="Signs to come back sooner.")
    recheck: dict[Urgency, str]
    prevention: list[AdviceItem]


# ---------------------------------------------------------------------------- follow_up.yaml
class Improvement(Cited):
    """A clinically meaningful fall in pain on the 0-10 scale: either threshold is enough."""

    points: float = Field(gt=0, le=10)
    percent: float = Field(gt=0, le=100)


class FollowUpRule(Cited):
    id: str
    urgency: Urgency
    text: str


class FollowUp(_Strict):
    improvement: Improvement
    persistent_hours: float = Field(gt=0)
    rules: list[FollowUpRule]

    def rule(self, rule_id: str) -> FollowUpRule:
        return next(r for r in self.rules if r.id == rule_id)


# ---------------------------------------------------------------------------- exercises.yaml, plan.yaml
class Dose(_Strict):
    sets: int = Field(ge=1, le=10)
    reps: int | None = Field(None, ge=1, le=50)
    seconds: int | None = Field(None, ge=5, le=600)
    per_side: bool = False
    rest_s: int = Field(0, ge=0, le=600)

    @model_validator(mode="after")
    def _reps_or_seconds(self) -> Dose:
        if self.reps is None and self.seconds is None:
            raise ValueError("a dose gives reps, seconds or both")
        return self

    def words(self) -> str:
        amount = " x ".join(
            part
            for part in (f"{self.reps} reps" if self.reps else "", f"{self.seconds} s" if self.seconds else "")
            if part
        )
        side = " each side" if self.per_side else ""
        rest = f", rest {self.rest_s} s" if self.rest_s else ""
        return f"{self.sets} x {amount}{side}{rest}"


class Exercise(Cited):
    id: str
    name: str
    phase: Literal["warm_up", "strength", "cool_down"]
    targets: list[str]
    equipment: list[str] = Field(default_factory=list)
    instructions: str
    cues: list[str]
    dose: Dose
    easier: str
    harder: str
    suits: list[str] = Field(default_factory=list, description="Conditions it is chosen for.")
    avoid: list[str] = Field(default_factory=list, description="Conditions it must never be given for.")
    modify: dict[str, str] = Field(default_factory=dict, description="Condition -> how to change it.")


class PainRule(Cited):
    """The pain-monitoring rule that decides whether the next week progresses, holds or steps back."""

    progress_max: int = Field(ge=0, le=10, description="Pain during or after up to this, settled by next morning.")
    hold_max: int = Field(ge=0, le=10, description="Above progress_max up to this, or not settled: hold.")
    step_back: float = Field(gt=0, lt=1, description="The share of the week's targets after a step back.")


class PlanRules(Cited):
    weekly_increase: float = Field(gt=0, le=0.3, description="The most a week rises on the highest week before it.")
    easier_every: int = Field(ge=3, le=4, description="An easier week every this many weeks.")
    easier_share: float = Field(gt=0, lt=1)
    painful_start_share: float = Field(gt=0, le=1, description="Start at this share of recent volume when it hurts.")
    strength_sessions: list[int] = Field(description="Strength sessions a week, by plan week (the last repeats).")
    pain: PainRule
    no_history: dict[str, str] = Field(description="Sport -> the starting week without recent history, in words.")
    no_history_minutes: dict[str, float]


# ---------------------------------------------------------------------------- insight.yaml
class DownhillRule(Cited):
    text: str
    rise_m: float = Field(gt=0)
    rise_share: float = Field(gt=1)


class NewShoesRule(Cited):
    text: str
    within_days: int = Field(ge=1, le=60)


class InsightRules(_Strict):
    downhill: DownhillRule
    new_shoes: NewShoesRule


# ---------------------------------------------------------------------------- form.yaml
class FormBands(Cited):
    caution_from: float = Field(ge=0, le=45)
    flagged_from: float = Field(ge=0, le=45)


class FormKnowledge(_Strict):
    single_leg_squat: FormBands
    squat: FormBands
    measurement_error_deg: float = Field(gt=0, le=20)
    measurement_source: str
    measurement_basis: str
