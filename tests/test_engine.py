"""What an assessment says for typical people, and how it explains itself."""

from __future__ import annotations

import math

import pytest

from kneecheck import Answers, assess
from kneecheck.knowledge import load_knowledge
from kneecheck.triage import Engine

RUNNER = {
    "age": 28,
    "sex": "female",
    "sports": ["running"],
    "how_it_started": ["no_injury"],
    "where": ["around_kneecap"],
    "worse_with": ["stairs", "sitting_bent_knees"],
    "swelling": "none",
    "can_bear_weight": "yes",
    "hours_since_onset": 72,
    "trend": "better",
}


def test_overuse_without_red_flags_is_self_care_with_a_48_hour_recheck():
    result = assess(RUNNER)
    assert result.urgency == "self_care"
    assert result.urgency_reasons == []
    assert result.conditions[0].id == "patellofemoral_pain"
    assert "48 hours" in result.advice.recheck
    assert any("ice" in line.lower() for line in result.advice.now)
    assert any("ibuprofen" in line.lower() for line in result.advice.now)


def test_hot_swollen_knee_with_fever_is_an_emergency_for_a_septic_joint():
    result = assess({**RUNNER, "swelling": "pronounced", "warmth_or_redness": "yes", "fever_or_unwell": "yes"})
    assert result.urgency == "emergency"
    assert "septic_joint" in [r.rule for r in result.urgency_reasons]
    assert "septic_arthritis" in [c.id for c in result.conditions[:3]]


@pytest.mark.parametrize(
    ("extra", "septic"),
    [
        ({}, True),  # swelling after an operation, nothing else known: an infection until shown not
        ({"trend": "better"}, True),  # warmth not asked yet
        ({"trend": "better", "warmth_or_redness": "no"}, False),  # the operation's normal course
        ({"trend": "better", "warmth_or_redness": "no", "fever_or_unwell": "yes"}, True),
        ({"trend": "worse", "warmth_or_redness": "no"}, True),
        ({"trend": "better", "warmth_or_redness": "yes"}, True),
    ],
)
def test_swelling_after_surgery_is_a_joint_infection_unless_it_is_settling_without_heat_or_fever(extra, septic):
    result = assess({"recent_surgery_or_injection": "yes", "swelling": "mild", **extra})
    assert ("septic_joint" in [r.rule for r in result.urgency_reasons]) is septic
    assert (result.urgency == "emergency") is septic


@pytest.mark.parametrize(
    ("extra", "fires"),
    [
        ({}, True),  # swelled within a day, nothing else known
        ({"how_it_started": ["no_injury"]}, True),  # an acute swelling without injury: infection or crystals
        ({"trend": "better"}, False),  # already going down
        ({"hours_since_onset": 24 * 30}, False),  # a month ago
    ],
)
def test_a_knee_swollen_within_a_day_is_a_same_day_check_unless_it_is_settling(extra, fires):
    result = assess({"swelling": "mild", "swelling_onset": "within_24_hours", **extra})
    assert ("acute_swelling" in [r.rule for r in result.urgency_reasons]) is fires
    if fires:
        assert result.urgency in ("urgent", "emergency")


def test_every_fired_rule_is_listed_most_urgent_first():
    result = assess({**RUNNER, "night_pain": "yes", "giving_way": "yes", "deformity": "yes"})
    rules = [r.rule for r in result.urgency_reasons]
    assert {"night_pain", "giving_way", "deformity_or_dislocation"} <= set(rules)
    assert rules[0] == "deformity_or_dislocation"
    assert all(r.source for r in result.urgency_reasons)


def test_cannot_bear_weight_is_urgent_and_after_trauma_an_emergency():
    no_trauma = assess({**RUNNER, "can_bear_weight": "no"})
    trauma = assess({**RUNNER, "can_bear_weight": "no", "how_it_started": ["fall"]})
    assert no_trauma.urgency == "urgent"
    assert trauma.urgency == "emergency"


def test_ottawa_rule_after_a_fall_is_urgent_even_when_walking():
    result = assess({"age": 58, "how_it_started": ["fall"], "can_bear_weight": "yes", "hours_since_onset": 3})
    assert result.urgency == "urgent"
    assert "ottawa_rule_positive" in [r.rule for r in result.urgency_reasons]


def test_unknown_answers_do_not_clear_red_flags_and_are_reported_as_missing():
    result = assess({"sports": ["running"]})
    assert result.urgency == "routine"  # too little is known to call it self-care
    assert "can_bear_weight" in result.missing_fields
    assert len(result.missing) == len(result.missing_fields)


def test_why_explains_the_probability_exactly():
    kb = load_knowledge()
    engine = Engine(kb)
    result = engine.assess(__import__("kneecheck").Answers(**RUNNER))
    top = result.conditions[0]
    condition = next(c for c in kb.conditions if c.id == top.id)
    odds_change = math.prod(w.weight for w in top.why)
    score = engine._prior(condition, result.context) * odds_change
    # posterior = score / total, and the total is the same for every condition
    other = result.conditions[1]
    other_condition = next(c for c in kb.conditions if c.id == other.id)
    other_score = engine._prior(other_condition, result.context) * math.prod(w.weight for w in other.why)
    assert top.probability / other.probability == pytest.approx(score / other_score, rel=1e-2)


def test_training_factors_come_with_their_evidence():
    result = assess(
        {
            **RUNNER,
            "weekly_volume_increase_pct": 40,
            "shoe_km": 900,
            "surface": "road_or_concrete",
            "knee_caves_in_on_squat": "yes",
        }
    )
    factors = {f.id: f for f in result.training_factors}
    assert set(factors) == {"too_much_too_soon", "worn_shoes", "hard_surface", "poor_squat_form"}
    assert "40 %" in factors["too_much_too_soon"].evidence
    assert "30 %" in factors["too_much_too_soon"].evidence  # the stronger Nielsen band
    assert "Nielsen" in factors["too_much_too_soon"].source
    assert "900 km" in factors["worn_shoes"].evidence


def test_shoe_warning_distance_is_configurable():
    answers = {**RUNNER, "shoe_km": 600}
    assert "worn_shoes" not in [f.id for f in assess(answers).training_factors]
    assert "worn_shoes" in [f.id for f in assess(answers, shoe_limit_km=500).training_factors]


def test_a_small_rise_in_training_is_not_flagged():
    assert assess({**RUNNER, "weekly_volume_increase_pct": 8}).training_factors == []


def test_results_carry_version_and_disclaimer():
    result = assess(RUNNER)
    assert result.knowledge_version == load_knowledge().version
    assert "not a diagnosis" in result.disclaimer


def test_understood_lists_the_answers_in_plain_words():
    understood = assess(RUNNER).understood
    assert "Age: 28" in understood
    assert "Swelling: none" in understood
    assert "Where it hurts: around or under the kneecap" in understood


def test_urgent_and_emergency_results_give_first_aid_not_home_treatment():
    result = assess({**RUNNER, "deformity": "yes"})
    assert result.advice.now[0].startswith("Go now")
    top = next(c for c in load_knowledge().conditions if c.id == result.conditions[0].id)
    assert not set(top.self_care) & set(result.advice.now)


def test_empty_lists_for_where_and_how_it_started_are_refused():
    with pytest.raises(ValueError, match="where"):
        assess({"where": []})
    with pytest.raises(ValueError, match="how_it_started"):
        assess({"how_it_started": []})


# ------------------------------------------------------------------ red flags of the clinical review
@pytest.mark.parametrize(
    ("answers", "urgency", "rule"),
    [
        # a hot swollen knee is infected until shown otherwise when a risk factor is there, fever or not
        (
            {"swelling": "mild", "warmth_or_redness": "yes", "fever_or_unwell": "no", "joint_replacement": "yes"},
            "emergency",
            "septic_joint_risk_factor",
        ),
        (
            {"swelling": "mild", "warmth_or_redness": "yes", "diabetes_or_immunosuppressed": "yes"},
            "emergency",
            "septic_joint_risk_factor",
        ),
        ({"swelling": "mild", "warmth_or_redness": "yes", "age": 84}, "emergency", "septic_joint_risk_factor"),
        (
            {"swelling": "mild", "warmth_or_redness": "yes", "injecting_drug_use": "yes"},
            "emergency",
            "septic_joint_risk_factor",
        ),
        # a hot bursa in front of the kneecap over a graze: same day, not the emergency department
        (
            {
                "swelling": "mild",
                "swelling_where": "front_of_kneecap",
                "warmth_or_redness": "yes",
                "skin_wound_over_knee": "yes",
                "fever_or_unwell": "no",
            },
            "urgent",
            "hot_swollen_joint",
        ),
        # the example: calf pain and swelling a few days after knee surgery
        (
            {
                "calf_pain": "yes",
                "calf_swelling": "yes",
                "recent_surgery_or_injection": "yes",
                "hours_since_onset": 72,
                "how_it_started": ["no_injury"],
                "can_bear_weight": "yes",
                "swelling": "none",
                "trend": "same",
            },
            "urgent",
            "calf_swelling",
        ),
        ({"calf_pain": "yes", "clot_risk": "yes"}, "urgent", "calf_swelling"),
        (
            {"calf_pain": "yes", "calf_swelling": "yes", "breathless_or_chest_pain": "yes"},
            "emergency",
            "pulmonary_embolism_signs",
        ),
        ({"night_pain": "yes", "weight_loss": "yes", "age": 60}, "urgent", "bone_pain_warning"),
        ({"night_pain": "yes", "cancer_history": "yes"}, "urgent", "bone_pain_warning"),
        ({"night_pain": "yes", "age": 14}, "urgent", "bone_pain_warning"),
        ({"age": 7, "limp": "yes", "fever_or_unwell": "yes"}, "emergency", "child_limp_with_fever"),
        ({"age": 5, "can_bear_weight": "no", "fever_or_unwell": "yes"}, "emergency", "child_limp_with_fever"),
        # the Ottawa rule covers injuries of the last 7 days; an older one that stops walking is same-day
        (
            {"how_it_started": ["fall"], "can_bear_weight": "no", "hours_since_onset": 504},
            "urgent",
            "cannot_bear_weight",
        ),
        ({"how_it_started": ["fall"], "can_bear_weight": "no"}, "emergency", "injury_cannot_bear_weight"),
        (
            {"age": 6, "limp": "yes", "hours_since_onset": 240, "how_it_started": ["no_injury"]},
            "urgent",
            "child_limp_over_a_week",
        ),
        ({"age": 16, "limp": "yes", "how_it_started": ["no_injury"]}, "urgent", "child_limp_hip"),
        (
            {"how_it_started": ["direct_blow"], "pain_out_of_proportion": "yes", "can_bear_weight": "yes"},
            "emergency",
            "compartment_syndrome",
        ),
        (
            {"how_it_started": ["fall"], "knee_dislocated": "yes", "can_bear_weight": "yes"},
            "emergency",
            "knee_dislocation",
        ),
        (
            {"how_it_started": ["fall"], "swelling": "mild", "anticoagulants": "yes", "can_bear_weight": "yes"},
            "urgent",
            "bleeding_risk_after_injury",
        ),
        ({"giving_way": "yes", "hours_since_onset": 24, "how_it_started": ["twist_or_pivot"]}, "urgent", "giving_way"),
        # a knee badly swollen in the last days is seen the same day, injury or not (not a bursa's lump)
        (
            {"swelling": "pronounced", "how_it_started": ["no_injury"], "hours_since_onset": 24},
            "urgent",
            "new_pronounced_swelling",
        ),
        ({"swelling": "pronounced", "swelling_where": "whole_knee"}, "urgent", "new_pronounced_swelling"),
        # a deep cut over the knee is closed within hours and checked for an opened joint, walking or not
        (
            {"how_it_started": ["fall"], "deep_wound_over_knee": "yes", "can_bear_weight": "yes"},
            "emergency",
            "deep_wound_over_knee",
        ),
    ],
)
def test_red_flags_of_the_clinical_review(answers, urgency, rule):
    result = assess(answers)
    assert result.urgency == urgency
    assert rule in [r.rule for r in result.urgency_reasons]


def test_giving_way_for_months_with_no_new_injury_is_routine():
    result = assess({"giving_way": "yes", "hours_since_onset": 24 * 120, "how_it_started": ["no_injury"],
                     "can_bear_weight": "yes", "swelling": "none", "trend": "same"})  # fmt: skip
    assert result.urgency == "routine"
    assert "giving_way_long_standing" in [r.rule for r in result.urgency_reasons]
    # a new giving way is the same-day rule alone (the long-standing rule's "for weeks" does not fit it)
    new = assess({"giving_way": "yes", "hours_since_onset": 24})
    assert [r.rule for r in new.urgency_reasons if r.rule.startswith("giving_way")] == ["giving_way"]


def test_a_painful_swollen_calf_alone_is_a_same_day_scan_not_an_emergency():
    result = assess({"calf_pain": "yes", "calf_swelling": "yes", "breathless_or_chest_pain": "no"})
    assert result.urgency == "urgent"


# ------------------------------------------------------------------ advice that fits the case
def _advice(answers):
    return assess(answers).advice


def test_a_fresh_injury_gets_injury_care_and_no_anti_inflammatories_in_the_first_two_days():
    advice = _advice({"how_it_started": ["twist_or_pivot"], "hours_since_onset": 24, "can_bear_weight": "yes",
                      "swelling": "none", "trend": "better"})  # fmt: skip
    text = " ".join(advice.now)
    assert "protect the knee" in text and "first 48 hours" in text
    assert "Relative rest" not in text  # load management is for pain without an injury
    assert any("in stages" in p for p in advice.prevention)


def test_overuse_pain_gets_load_management_not_injury_care():
    advice = _advice({"how_it_started": ["no_injury"], "hours_since_onset": 72, "can_bear_weight": "yes",
                      "swelling": "none", "trend": "better", "where": ["around_kneecap"]})  # fmt: skip
    text = " ".join(advice.now)
    assert "Relative rest" in text
    assert "protect the knee" not in text and "first 48 hours" not in text
    assert not any("72 hours after an injury" in a for a in advice.avoid)


def test_pain_relief_cautions_fit_the_person():
    on_thinner = " ".join(_advice({"anticoagulants": "yes", "how_it_started": ["no_injury"]}).now)
    assert "blood thinner, so avoid anti-inflammatory" in on_thinner
    older = " ".join(_advice({"age": 70, "how_it_started": ["no_injury"]}).now)
    assert "65 or over" in older
    runner = " ".join(_advice({"sports": ["running"], "how_it_started": ["no_injury"]}).now)
    assert "kidney injury" in runner


def test_an_emergency_says_how_to_get_there_and_every_other_result_when_to_come_back():
    emergency = _advice({"deformity": "yes", "how_it_started": ["fall"]})
    assert any("Do not drive yourself" in a for a in emergency.now)
    assert any("emergency number" in a for a in emergency.now)
    assert emergency.come_back_if == []
    for answers in (
        {"giving_way": "yes", "hours_since_onset": 24},
        {"how_it_started": ["no_injury"], "trend": "better"},
    ):
        back = _advice(answers).come_back_if
        assert any("four steps" in b for b in back) and any("calf" in b for b in back)


def test_a_clinicians_positive_lachman_is_the_test_not_a_symptom_and_counts_once():
    one = assess({"how_it_started": ["twist_or_pivot"], "exam_lachman": "yes"})
    three = assess({"how_it_started": ["twist_or_pivot"], "exam_lachman": "yes", "exam_anterior_drawer": "yes",
                    "exam_pivot_shift": "yes"})  # fmt: skip
    acl = {c.id: c.probability for c in one.conditions}["acl_tear"]
    assert one.urgency == "urgent" and "ligament_laxity_on_examination" in [r.rule for r in one.urgency_reasons]
    assert "giving_way" not in [r.rule for r in one.urgency_reasons]
    assert {c.id: c.probability for c in three.conditions}["acl_tear"] == acl  # three tests of one laxity


def test_examination_tests_are_never_asked_of_a_person():
    from kneecheck.triage import Questionnaire, default_engine

    questionnaire = Questionnaire(default_engine())
    assert not [f for f in questionnaire._differential_fields if f.startswith("exam_")]


def test_the_reasons_for_a_cause_read_as_sentences():
    result = assess(
        Answers.model_validate(
            {"age": 35, "how_it_started": ["no_injury"], "where": ["around_kneecap"], "swelling": "none"}
        )
    )
    sentences = [w.sentence for c in result.conditions for w in c.why]
    assert "Pain around or under the kneecap makes this more likely" in sentences
    assert any(s.startswith('"the knee is swollen" does not apply, which makes this') for s in sentences)
    assert all("not:" not in s for s in sentences)
    assert "sentence" in result.model_dump(mode="json")["conditions"][0]["why"][0]


def test_examination_tests_are_not_listed_as_questions_for_the_person():
    kb = load_knowledge()
    exams = {q.question for q in kb.questions if q.clinician}
    lay = {"age": 28, "how_it_started": ["twist_or_pivot"], "hours_since_onset": 30, "swelling": "mild"}
    assert not exams & set(assess(Answers.model_validate(lay)).missing)
    noted = assess(Answers.model_validate({**lay, "exam_joint_line_tenderness": "yes"}))
    assert exams & set(noted.missing)  # a clinician's note: the other tests could change the result


def test_overlapping_meniscus_tests_are_counted_once():
    base = {"age": 35, "how_it_started": ["twist_or_pivot"], "hours_since_onset": 300, "swelling": "mild"}

    def meniscus(extra):
        result = assess(Answers.model_validate({**base, **extra}))
        return next(c.probability for c in result.conditions if c.id == "meniscal_tear")

    one = meniscus({"exam_thessaly": "yes"})
    assert one > meniscus({})
    assert meniscus({"exam_thessaly": "yes", "exam_joint_line_tenderness": "yes"}) == pytest.approx(one)


def test_a_positive_apprehension_test_raises_kneecap_instability():
    base = {"age": 19, "how_it_started": ["twist_or_pivot"], "hours_since_onset": 2000, "swelling": "none"}

    def share(extra):
        result = assess(Answers.model_validate({**base, **extra}))
        return next(c.probability for c in result.conditions if c.id == "patellar_dislocation")

    assert share({"exam_patellar_apprehension": "yes"}) > share({}) > share({"exam_patellar_apprehension": "no"})


def test_a_lump_on_the_kneecap_is_not_a_newly_swollen_joint():
    result = assess({"swelling": "pronounced", "swelling_where": "front_of_kneecap", "hours_since_onset": 24})
    assert "new_pronounced_swelling" not in [r.rule for r in result.urgency_reasons]
