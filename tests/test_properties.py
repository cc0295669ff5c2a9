"""Invariants of the triage engine, over any valid answers."""

from __future__ import annotations

import math

import pytest
import yaml
from conftest import ENCODED_VIGNETTES, ENCODED_VOICES, ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import answers_documents

from kneecheck import Answers, assess, assess_text
from kneecheck.knowledge import URGENCY_ORDER

# Each entry is one red-flag finding as the answers that state it.
RED_FLAGS = [
    {"can_bear_weight": "no"},
    {"deformity": "yes"},
    {"can_straight_leg_raise": "no"},
    {"gap_near_kneecap": "yes"},
    {"foot_numb_cold_or_pale": "yes"},
    {"calf_pain": "yes", "calf_swelling": "yes"},
    {"calf_swelling": "yes"},
    {"breathless_or_chest_pain": "yes"},
    {"fever_or_unwell": "yes"},
    {"fever_or_unwell": "yes", "warmth_or_redness": "yes"},
    {"sepsis_signs": "yes"},
    {"recent_surgery_or_injection": "yes"},
    {"warmth_or_redness": "yes"},
    {"swelling": "pronounced"},
    {"swelling_onset": "within_2_hours"},
    {"true_locking": "yes"},
    {"giving_way": "yes"},
    {"kneecap_slipped_out": "yes"},
    {"night_pain": "yes"},
    {"stops_daily_tasks": "yes"},
    {"hours_since_onset": 96, "trend": "same"},
    {"trend": "worse"},
    {"tender_kneecap_bone": "yes"},
    {"tender_fibula_head": "yes"},
    {"can_bend_90": "no"},
    {"limp": "yes"},
    {"hip_or_groin_symptoms": "yes"},
    {"catching_or_clicking": "yes"},
    {"pop": "yes"},
    {"knee_dislocated": "yes"},
    {"pain_out_of_proportion": "yes"},
    {"anticoagulants": "yes"},
    {"joint_replacement": "yes"},
    {"injecting_drug_use": "yes"},
    {"weight_loss": "yes"},
    {"cancer_history": "yes"},
    {"skin_wound_over_knee": "yes"},
    {"diabetes_or_immunosuppressed": "yes"},
    {"advised_emergency_care": "yes"},
    {"advised_same_day_care": "yes"},
]

# Red flags that decide the urgency on their own, whatever else was answered.
STANDALONE = [
    ({"deformity": "yes"}, "emergency"),
    ({"foot_numb_cold_or_pale": "yes"}, "emergency"),
    ({"calf_pain": "yes", "calf_swelling": "yes"}, "urgent"),
    ({"calf_pain": "yes", "calf_swelling": "yes", "breathless_or_chest_pain": "yes"}, "emergency"),
    ({"knee_dislocated": "yes", "how_it_started": ["fall"]}, "emergency"),
    (
        {"swelling": "mild", "warmth_or_redness": "yes", "swelling_where": "whole_knee", "joint_replacement": "yes"},
        "emergency",
    ),
    ({"calf_pain": "yes", "recent_surgery_or_injection": "yes"}, "urgent"),
    ({"night_pain": "yes", "weight_loss": "yes"}, "urgent"),
    ({"fever_or_unwell": "yes", "warmth_or_redness": "yes"}, "emergency"),
    ({"breathless_or_chest_pain": "yes"}, "emergency"),
    ({"sepsis_signs": "yes"}, "emergency"),
    # a clinician's or a helpline's advice is a floor: never less than they advised
    ({"advised_emergency_care": "yes"}, "emergency"),
    ({"advised_same_day_care": "yes"}, "urgent"),
    ({"fever_or_unwell": "yes"}, "urgent"),
    ({"can_bear_weight": "no"}, "urgent"),
    ({"true_locking": "yes"}, "urgent"),
    ({"giving_way": "yes"}, "routine"),
    ({"giving_way": "yes", "hours_since_onset": 48}, "urgent"),
    ({"kneecap_slipped_out": "yes"}, "urgent"),
    ({"swelling_onset": "within_2_hours"}, "urgent"),
    ({"night_pain": "yes"}, "routine"),
    ({"stops_daily_tasks": "yes"}, "routine"),
    ({"swelling": "pronounced"}, "routine"),
    ({"hours_since_onset": 96, "trend": "same"}, "routine"),
]


def rank(level: str) -> int:
    return URGENCY_ORDER.index(level)


@settings(max_examples=300, deadline=None)
@given(answers_documents)
def test_adding_a_red_flag_never_lowers_urgency(document):
    before = rank(assess(document).urgency)
    for flag in RED_FLAGS:
        if "hours_since_onset" in flag and document.get("hours_since_onset") is not None:
            continue  # a duration is a fact of the history, not a finding added: it is not overwritten
        after = rank(assess({**document, **flag}).urgency)
        assert after >= before, (flag, document)


@settings(max_examples=200, deadline=None)
@given(answers_documents)
def test_standalone_red_flags_set_at_least_their_urgency(document):
    for flag, level in STANDALONE:
        assert rank(assess({**document, **flag}).urgency) >= rank(level), (flag, document)


@settings(max_examples=200, deadline=None)
@given(answers_documents, st.data())
def test_answering_unknown_changes_nothing(document, data):
    unanswered = [f for f in Answers.model_fields if f not in document]
    chosen = data.draw(st.lists(st.sampled_from(unanswered), unique=True)) if unanswered else []
    explicit = {**document, **{f: "unknown" for f in chosen}}
    as_null = {**document, **{f: None for f in chosen}}
    assert assess(explicit).model_dump() == assess(document).model_dump()
    assert assess(as_null).model_dump() == assess(document).model_dump()


@settings(max_examples=300, deadline=None)
@given(answers_documents)
def test_probabilities_are_probabilities(document):
    result = assess(document)
    probabilities = [c.probability for c in result.conditions]
    assert all(0 <= p <= 1 for p in probabilities)
    assert sum(probabilities) <= 1 + 1e-6
    assert 0 <= result.something_else <= 1
    assert probabilities == sorted(probabilities, reverse=True)
    for condition in result.conditions:
        assert all(w.weight > 0 and math.isfinite(w.weight) for w in condition.why)
        assert all((w.effect == "+") == (w.weight > 1) for w in condition.why)


@settings(max_examples=300, deadline=None)
@given(answers_documents)
def test_any_valid_answers_give_a_complete_result(document):
    result = assess(document)
    assert result.urgency in URGENCY_ORDER
    assert (result.urgency == "self_care") == (not result.urgency_reasons)
    assert result.advice.now and result.advice.recheck and result.disclaimer
    assert result.knowledge_version


# ------------------------------------------------------------------ the same, from free text
# the project's own copies of the development texts, so the property holds in any clone
_TEXTS = [v["text"] for path in (ENCODED_VIGNETTES, ENCODED_VOICES) for v in yaml.safe_load(path.read_text())]
_RED_FLAG_SENTENCES = [
    "I can't put any weight on it.",
    "It gave way again today.",
    "The kneecap is still out of place.",
    "My foot has gone numb and cold.",
    "I have a fever and feel shivery.",
    "Now I'm short of breath.",
    "It is locked and I can't straighten it.",
    "It swelled up within an hour.",
    "My calf is swollen and painful.",
]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(_TEXTS), st.sampled_from(_RED_FLAG_SENTENCES))
def test_adding_a_red_flag_sentence_to_a_text_never_lowers_urgency(text, sentence):
    before = rank(assess_text(text).urgency)
    after = rank(assess_text(f"{text} {sentence}").urgency)
    assert after >= before, sentence


# ------------------------------------------------------------------ ranking under warning findings
# the overuse causes among those the warning ratios apply to (wear and referred hip pain co-exist
# with an injury or an infection, so they are not held to this)
_OVERUSE = set(yaml.safe_load((ROOT / "src/kneecheck/knowledge/warning_ratios.yaml").read_text())["applies_to"]) - {
    "knee_osteoarthritis",
    "referred_hip_pain",
}
_WARNING_PICTURES = [
    # (answers that state the warning picture, the causes that must rank above every benign one)
    (
        {"fever_or_unwell": "yes", "warmth_or_redness": "yes", "swelling": "pronounced"},
        {"septic_arthritis", "gout_or_pseudogout"},
    ),
    ({"how_it_started": ["fall"], "can_bear_weight": "no"}, {"fracture"}),
    ({"how_it_started": ["direct_blow"], "deformity": "yes"}, {"fracture", "patellar_dislocation"}),
]


@settings(max_examples=300, deadline=None)
@given(answers_documents, st.sampled_from(_WARNING_PICTURES))
def test_an_overuse_cause_is_never_ranked_first_when_a_warning_picture_is_present(document, picture):
    answers, _ = picture
    result = assess({**document, **answers})
    assert result.conditions[0].id not in _OVERUSE, (answers, [(c.id, c.probability) for c in result.conditions[:4]])


def test_an_overuse_cause_with_strong_evidence_of_its_own_still_does_not_rank_first_under_a_warning_picture():
    """The counterexample the property above found once in CI (kept as a fixed case): muscle soreness
    after new gym work the day before, in both thighs and easing, scored above every other cause
    despite a fever, a hot, very swollen knee and no weight bearing. Warning ratios alone could not hold
    it; overuse causes are now held under the best other cause while a warning finding is present."""
    soreness = {
        "age": 12, "sports": ["gym_strength"], "new_activity": "yes", "started_day_after_exercise": "yes",
        "where": ["front_of_thigh", "above_kneecap"], "side": "both", "trend": "better", "hours_since_onset": 68,
        "how_it_started": ["no_injury"],
    }  # fmt: skip
    warning = {"fever_or_unwell": "yes", "warmth_or_redness": "yes", "swelling": "pronounced", "can_bear_weight": "no"}
    assert assess(soreness).conditions[0].id == "delayed_onset_muscle_soreness"
    assert assess({**soreness, **warning}).conditions[0].id not in _OVERUSE


@pytest.mark.parametrize(("answers", "serious"), _WARNING_PICTURES)
def test_in_a_runner_the_warning_picture_outranks_every_overuse_cause(answers, serious):
    """The review's example: a febrile, hot, very swollen knee in a runner who cannot bear weight
    ranked patellofemoral pain above septic arthritis."""
    runner = {"age": 30, "sports": ["running"], "where": ["around_kneecap"], "worse_with": ["stairs", "running"]}
    result = assess({**runner, "can_bear_weight": "no", **answers})
    probability = {c.id: c.probability for c in result.conditions}
    assert max(probability.get(c, 0.0) for c in serious) > max(probability.get(c, 0.0) for c in _OVERUSE)
