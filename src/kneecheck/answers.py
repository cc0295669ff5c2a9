"""The structured answers a person (or a clinician on their behalf) gives to kneecheck.

Every item can be left out or answered "unknown"; both mean the same thing, and neither is ever
read as "no". Lists (where it hurts, what makes it worse, sports) are `None` when unknown.
The wording of each question lives in `knowledge/questions.yaml`, not here.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

YesNo = Literal["yes", "no", "unknown"]

Mechanism = Literal[
    "no_injury", "twist_or_pivot", "direct_blow", "fall", "landing_from_jump", "hyperextension", "injury_unspecified"
]
Location = Literal[
    "around_kneecap",
    "below_kneecap",
    "above_kneecap",
    "outside",
    "inside",
    "inside_below_joint_line",
    "back_of_knee",
    "whole_knee",
    "top_of_shin_bump",
    "front_of_thigh",
]
Character = Literal["dull_ache", "sharp", "burning", "throbbing"]
Aggravator = Literal[
    "stairs",
    "sitting_bent_knees",
    "squatting",
    "kneeling",
    "jumping",
    "running",
    "running_downhill",
    "cycling",
    "twisting",
    "walking",
    "rest_or_night",
]
Sport = Literal[
    "running",
    "trail_running",
    "cycling",
    "jumping_sports",
    "field_sports",
    "racquet_sports",
    "skiing",
    "gym_strength",
    "walking_hiking",
    "gymnastics_dance",
    "rowing",
    "kneeling_sports",
    "swimming",
    "other",
]

_LIST_FIELDS = ("how_it_started", "where", "character", "worse_with", "sports")
_NUMBER_FIELDS = ("age", "hours_since_onset", "pain_now", "weekly_volume_increase_pct", "shoe_km")


class Answers(BaseModel):
    """Answers to the kneecheck questionnaire. Omitted items are unknown."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # who and which knee
    age: int | None = Field(None, ge=1, le=110, description="Age in years.")
    sex: Literal["female", "male", "other", "unknown"] = "unknown"
    side: Literal["left", "right", "both", "unknown"] = "unknown"

    # how it started and how it is going
    how_it_started: list[Mechanism] | None = Field(None, min_length=1)
    pop: YesNo = "unknown"
    hours_since_onset: float | None = Field(None, ge=0, le=24 * 365 * 50)
    trend: Literal["better", "same", "worse", "unknown"] = "unknown"
    pain_now: int | None = Field(None, ge=0, le=10)

    # what it is like
    where: list[Location] | None = Field(None, min_length=1)
    character: list[Character] | None = None
    worse_with: list[Aggravator] | None = None
    sports: list[Sport] | None = None

    # swelling and signs of inflammation
    swelling: Literal["none", "mild", "pronounced", "unknown"] = "unknown"
    swelling_onset: Literal["within_2_hours", "within_24_hours", "gradually", "unknown"] = "unknown"
    swelling_where: Literal["whole_knee", "front_of_kneecap", "back_of_knee", "one_spot", "unknown"] = "unknown"
    warmth_or_redness: YesNo = "unknown"
    fever_or_unwell: YesNo = "unknown"
    sepsis_signs: YesNo = "unknown"

    # function and mechanics
    can_bear_weight: YesNo = "unknown"
    can_bend_90: YesNo = "unknown"
    true_locking: YesNo = "unknown"
    giving_way: YesNo = "unknown"
    deformity: YesNo = "unknown"
    kneecap_slipped_out: YesNo = "unknown"
    can_straight_leg_raise: YesNo = "unknown"
    gap_near_kneecap: YesNo = "unknown"
    knee_dislocated: YesNo = "unknown"
    pain_out_of_proportion: YesNo = "unknown"
    catching_or_clicking: YesNo = "unknown"
    grinding_or_creaking: YesNo = "unknown"
    morning_stiffness: Literal["none", "under_30_min", "over_30_min", "unknown"] = "unknown"
    limp: YesNo = "unknown"
    hip_or_groin_symptoms: YesNo = "unknown"

    # circulation, nerves and clots
    foot_numb_cold_or_pale: YesNo = "unknown"
    calf_pain: YesNo = "unknown"
    calf_swelling: YesNo = "unknown"
    breathless_or_chest_pain: YesNo = "unknown"
    clot_risk: YesNo = "unknown"
    anticoagulants: YesNo = "unknown"

    # care a clinician or a helpline has already advised for this knee
    advised_emergency_care: YesNo = "unknown"
    advised_same_day_care: YesNo = "unknown"

    # how much it interferes
    night_pain: YesNo = "unknown"
    stops_daily_tasks: YesNo = "unknown"

    # history
    gout_or_inflammatory_arthritis: YesNo = "unknown"
    recent_surgery_or_injection: YesNo = "unknown"
    joint_replacement: YesNo = "unknown"
    diabetes_or_immunosuppressed: YesNo = "unknown"
    injecting_drug_use: YesNo = "unknown"
    weight_loss: YesNo = "unknown"
    cancer_history: YesNo = "unknown"
    skin_wound_over_knee: YesNo = "unknown"
    deep_wound_over_knee: YesNo = "unknown"
    previous_knee_injury: YesNo = "unknown"
    known_knee_arthritis: YesNo = "unknown"
    started_day_after_exercise: YesNo = "unknown"

    # examination items a person can check themselves (Ottawa knee rule)
    tender_kneecap_bone: YesNo = "unknown"
    tender_fibula_head: YesNo = "unknown"

    # a clinician's examination ("yes" = the test is positive); never asked of a lay person
    exam_lachman: YesNo = "unknown"
    exam_anterior_drawer: YesNo = "unknown"
    exam_pivot_shift: YesNo = "unknown"
    exam_mcmurray: YesNo = "unknown"
    exam_joint_line_tenderness: YesNo = "unknown"
    exam_thessaly: YesNo = "unknown"
    exam_patellar_apprehension: YesNo = "unknown"
    # recorded and shown, not weighted: no diagnostic-accuracy study of these was found
    exam_ober: YesNo = "unknown"
    exam_noble: YesNo = "unknown"

    # training context
    weekly_volume_increase_pct: float | None = Field(None, ge=-100, le=10_000)
    new_activity: YesNo = "unknown"
    shoe_km: float | None = Field(None, ge=0, le=20_000)
    surface: Literal["road_or_concrete", "treadmill", "track", "trail", "grass", "mixed", "unknown"] = "unknown"
    knee_caves_in_on_squat: YesNo = "unknown"

    @model_validator(mode="before")
    @classmethod
    def _unknown_means_not_given(cls, data: Any) -> Any:
        """Every item accepts null, and lists and numbers the word "unknown", as yes/no items do."""
        if isinstance(data, dict):
            # null means unknown for every item; "unknown" also for lists and numbers
            data = {k: v for k, v in data.items() if v is not None}
            for name in (*_LIST_FIELDS, *_NUMBER_FIELDS):
                if data.get(name) == "unknown":
                    del data[name]
            # "worse at rest or at night" answers the night-pain question (it asks both): one fact,
            # one answer, so a rule and the questions cannot see it differently
            # a known swelling onset says the knee swelled: "none" beside it is read as a swelling
            # (the safer reading), so the rules and the questions cannot see the two differently
            onset = data.get("swelling_onset", "unknown")
            if onset not in ("unknown", None) and data.get("swelling", "unknown") in ("unknown", "none"):
                data["swelling"] = "mild"
            worse = data.get("worse_with")
            if isinstance(worse, list) and "rest_or_night" in worse and data.get("night_pain", "unknown") == "unknown":
                data["night_pain"] = "yes"
        return data

    @field_validator(*_LIST_FIELDS)
    @classmethod
    def _no_repeats(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else sorted(set(value))

    @field_validator("how_it_started")
    @classmethod
    def _no_injury_excludes_injuries(cls, value: list[str] | None) -> list[str] | None:
        if value and "no_injury" in value and len(value) > 1:
            raise ValueError("'no_injury' cannot be combined with an injury mechanism")
        if value and "injury_unspecified" in value and len(value) > 1:  # a named way says more
            value = [v for v in value if v != "injury_unspecified"]
        return value

    def known(self) -> dict[str, Any]:
        """The answered items only (unknown ones left out), in questionnaire order."""
        return {name: value for name, value in self.model_dump().items() if value is not None and value != "unknown"}


AnswerKind = Literal["yesno", "choice", "list", "number", "duration"]


def answer_kind(field: str) -> AnswerKind:
    """How an item is answered: yes/no, one choice, several choices, a number, or a duration."""
    if field == "hours_since_onset":
        return "duration"
    annotation = str(Answers.model_fields[field].annotation)
    if "list" in annotation:
        return "list"
    if "float" in annotation or "int" in annotation:
        return "number"
    if "'yes'" in annotation:
        return "yesno"
    return "choice"


def answers_schema() -> dict[str, Any]:
    """The published JSON Schema of the answers document, each item described by its question."""
    from kneecheck.knowledge import load_knowledge  # the wording lives in the knowledge base

    schema = Answers.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "kneecheck answers"
    kb = load_knowledge()
    for name, prop in schema["properties"].items():
        q = kb.question(name)
        prop["description"] = f"{q.question} {q.help}"
        if q.options:
            prop["x-labels"] = q.options
    return schema
