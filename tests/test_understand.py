"""Reading free text: lay and clinical wording, negation, uncertainty, numbers, spans."""

from __future__ import annotations

import itertools
import json
import re
from datetime import date

import pytest
import yaml
from conftest import ENCODED_VIGNETTES, ENCODED_VOICES, kneecheck

from kneecheck import assess_text
from kneecheck.evaluation import evaluate_vignettes
from kneecheck.knowledge import URGENCY_ORDER
from kneecheck.understand import TextProblem, understand
from kneecheck.understand._concepts import lemma_of
from kneecheck.understand._context import names_other_part_next
from kneecheck.understand._normalise import normalise
from kneecheck.understand._resources import text_resource
from kneecheck.understand._spelling import known_words

WEDNESDAY = date(2026, 11, 25)


def read(text: str) -> dict:
    return understand(text, today=WEDNESDAY).answers.known()


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("It hurts on the outside of my knee.", "where", ["outside"]),
        ("The pain is just below the kneecap.", "where", ["below_kneecap"]),
        ("I can't put weight on it.", "can_bear_weight", "no"),
        ("Unable to weight bear since the fall.", "can_bear_weight", "no"),
        ("It gave way twice on the stairs.", "giving_way", "yes"),
        ("It clicks and gets stuck.", "catching_or_clicking", "yes"),
        ("Positive Lachman on examination.", "exam_lachman", "yes"),
        ("Moderate effusion, afebrile.", "swelling", "mild"),
        ("Moderate effusion, afebrile.", "fever_or_unwell", "no"),
        ("Tender over the medial joint line.", "where", ["inside"]),
        ("I'm 52 and run three times a week.", "age", 52),
        ("Significant swelling of the right knee in comparison to the left knee.", "side", "right"),
        ("A 24-year-old runner presents with knee pain.", "age", 24),
    ],
)
def test_lay_and_clinical_wording(text, field, value):
    assert read(text)[field] == value


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        ("No swelling at all.", "swelling", "none"),
        ("It's not really swollen.", "swelling", "none"),
        ("Denies fever.", "fever_or_unwell", "no"),
        ("didnt hear a pop walking with a limp", "can_bear_weight", "yes"),
        ("no swelling no locking denies trauma fwb", "can_bear_weight", "yes"),
        ("pain at the top of both kneecaps coming out of the bottom of a squat", "kneecap_slipped_out", None),
        ("I don't think it's warm.", "warmth_or_redness", None),
        ("Maybe a little swollen, I'm not sure.", "swelling", None),
        ("It has never locked and never given way.", "giving_way", "no"),
        ("It has never locked and never given way.", "true_locking", "no"),
        ("No swelling, no injury, and I walk normally.", "can_bear_weight", "yes"),
    ],
)
def test_negated_findings_are_no_and_uncertain_ones_stay_unknown(text, field, expected):
    assert read(text).get(field) == expected


def test_locks_up_meaning_stiffness_is_not_a_locked_knee():
    answers = read(
        "My knee locks up every morning but loosens after a few minutes. "
        "It has never got stuck so that I couldn't straighten it."
    )
    assert answers.get("true_locking") == "no"
    assert answers["morning_stiffness"] == "under_30_min"


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("It started 3 days ago.", 72),
        ("I've had this knee pain for two weeks.", 336),
        ("The knee has been sore since Saturday.", 96),  # Wednesday back to Saturday
        ("I twisted it yesterday.", 24),
        # how long a habit has lasted is not how long the pain has
        ("I have been running for 2 years and 3 months ago my knee started to hurt.", 3 * 730),
        ("Been running 5ks for several years - the last 5 months I have a pain on the outside.", 5 * 730),
        ("It has hurt when I run for 3 weeks.", 504),
        ("He fell off his skateboard three weeks prior to presentation; ACL reconstruction three years prior.", 504),
    ],
)
def test_durations_and_dates(text, hours):
    assert read(text)["hours_since_onset"] == pytest.approx(hours)


def test_it_or_this_for_a_swelling_said_before_carries_how_fast_it_came():
    answers = read("Significant swelling of the right knee. This developed one hour after training, no injury.")
    assert answers.get("swelling_onset") == "within_2_hours"
    assert answers.get("swelling") == "pronounced"
    assert read("The pain developed one hour after the match.").get("swelling_onset") is None


def test_an_ability_that_hurts_is_asked_not_read_as_lost():
    """ "Could not straighten it all the way without pain" is a painful knee, not a locked one; each
    such ability is asked first instead of being read either way."""
    result = understand(
        "She could not straighten it all the way without pain. Could not lift her leg while sitting without pain.",
        today=WEDNESDAY,
    )
    assert "true_locking" not in result.answers.known()
    assert "can_straight_leg_raise" not in result.answers.known()
    assert {"true_locking", "can_straight_leg_raise"} <= {m.field for m in result.possible}
    assert read("I can't straighten my knee since the tackle.").get("true_locking") == "yes"
    assert read("She's been off her legs since the fall.").get("can_bear_weight") == "no"
    assert read("She could not step off of her leg while walking.").get("can_bear_weight") == "no"
    assert read("After the fall I am able to bear weight without pain.").get("can_bear_weight") == "yes"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Last night my knee went out as my dad needed me, he was steady.", None),
        ("My wife says my knee looks swollen, she thinks I should go.", None),
        ("I am a 45-year-old woman and my knee hurts.", "female"),
        ("26, bloke, my knee is swollen.", "male"),
        ("My son hurt his knee.", "male"),
    ],
)
def test_a_writer_with_their_own_knee_is_not_the_he_or_she_they_mention(text, expected):
    assert read(text).get("sex") == expected


def test_a_queried_fracture_is_a_same_day_check():
    assert assess_text("L knee pain post fall, ?#.").urgency in ("urgent", "emergency")


def test_an_x_ray_advised_is_a_warning_word_and_one_said_normal_settles_it():
    """'They said get it x-rayed' was a booked visit: the hyphenated verb was not read as an X-ray. An
    X-ray said to be normal or to show nothing is not left open as a possible fracture."""
    assert assess_text("Went to the minor injuries unit, they said get it x-rayed.").urgency == "urgent"
    assert assess_text("I had x-rays last month and they didn't show anything.").urgency == "routine"
    # as people tell it: "the doc said there were no broken bones", "nothing broken"
    for text in [
        "I fell on it. Had an x-ray and the doc said there were no broken bones.",
        "Had an xray, nothing broken.",
    ]:
        assert not [u for u in understand(text).unplaced if "x" in u.text.lower()], text


@pytest.mark.parametrize(
    "text", ["Nothing happened to it, it just aches.", "It came on by itself.", "It just started on its own."]
)
def test_a_pain_that_began_by_itself_is_no_injury(text):
    assert read(text).get("how_it_started") == ["no_injury"]


def test_a_knee_that_will_not_hold_or_go_straight():
    assert read("My knee won't hold me.").get("giving_way") == "yes"
    assert "can_bear_weight" in {m.field for m in understand("My leg won't hold me up.", today=WEDNESDAY).possible}
    assert read("The knee is stuck and won't go straight.").get("true_locking") == "yes"


def test_a_doubtful_weight_bearing_after_an_injury_is_asked_first():
    result = understand(
        "Twisted my knee at football yesterday, difficulty weight-bearing and swelling.", today=WEDNESDAY
    )
    assert "can_bear_weight" in {m.field for m in result.possible}
    walking_not_normal = understand("I can't walk normally since the fall.", today=WEDNESDAY)
    assert "can_bear_weight" in {m.field for m in walking_not_normal.possible}


# What a text must be read as, grouped by what it tests: (text, answer, value, or None when that
# answer must not be read).
READINGS: dict[str, list[tuple[str, str, object]]] = {
    "the Ottawa rule's tender bones in lay words, and how an injury happened": [
        (
            "The knobbly bone at the side just below my knee, on the outside, is really sore when I prod it.",
            "tender_fibula_head",
            "yes",
        ),
        ("There's a tender bony lump on the outer side of my leg just under the knee.", "tender_fibula_head", "yes"),
        ("The top of my shin on the outside is tender as anything.", "tender_fibula_head", "yes"),
        ("Hurts if I poke the bony knob on the outside under my knee.", "tender_fibula_head", "yes"),
        (
            "There's a spot on the bone just under the knee on the outside that I can't press without wincing.",
            "tender_fibula_head",
            "yes",
        ),
        ("I can't touch my kneecap without it hurting.", "tender_kneecap_bone", "yes"),
        ("The bony bit on the outside just below my knee isn't tender at all.", "tender_fibula_head", "no"),
        ("The bone on the outside below my knee is fine, the pain is on the inside.", "tender_fibula_head", None),
        ("If I press on my kneecap it really hurts, right on the bone.", "tender_kneecap_bone", "yes"),
        ("My kneecap is painful when I touch it.", "tender_kneecap_bone", "yes"),
        ("Pt fell at home, TTP patella, ROM limited.", "tender_kneecap_bone", "yes"),
        ("Fell on it, tender to touch just below the kneecap.", "tender_kneecap_bone", None),
        ("It will hurt if I run on it.", "worse_with", None),
        ("Skidded off my scooter an hour ago.", "how_it_started", ["fall"]),
        ("Tripped over a kerb and my knee took the full force.", "how_it_started", ["direct_blow", "fall"]),
        ("Grandma slid off the edge of the bed and went down on her knee.", "how_it_started", ["fall"]),
        ("She went down hard in the tackle.", "how_it_started", ["direct_blow", "fall"]),
        ("He went down on one knee and proposed.", "how_it_started", None),
        ("The brace slipped off my knee.", "how_it_started", None),
        ("Landed on my kneecap, cant really bend it more than like half way.", "can_bend_90", "no"),
        ("Bumped my knee on the coffee table last night.", "how_it_started", ["direct_blow"]),
        ("I have a bump below my knee.", "how_it_started", None),
        ("Coaching a runner who bumped her weekly volume from 30 to 55 km.", "how_it_started", None),
        ("Cried for a minute then ran off to play again.", "can_bear_weight", "yes"),
        ("A striker's boot caught me right on the knee.", "how_it_started", ["direct_blow"]),
        ("Toddler rolled off the changing table and landed on the floor.", "how_it_started", ["fall"]),
        ("She keeps holding her knee and won't crawl on it.", "can_bear_weight", None),
        ("The dog pulled me over on the ice yesterday.", "how_it_started", ["fall"]),
        ("Was pushed over in a crowd last night.", "how_it_started", ["fall"]),
        ("Caught my foot on the rug and went sprawling.", "how_it_started", ["fall"]),
        ("Got tangled in the duvet and ended up on the floor.", "how_it_started", ["fall"]),
        ("Missed the last rung coming down the loft ladder.", "how_it_started", ["fall"]),
        ("I walked into the open dishwasher door and cracked my knee on it.", "how_it_started", ["direct_blow"]),
        ("Kneeling on the patio I put all my weight down onto a stone.", "how_it_started", ["direct_blow"]),
        ("Someone trod on my knee.", "how_it_started", ["direct_blow"]),
        ("I stood on my left leg for the balance test.", "how_it_started", None),
        ("Ran into someone from work at the shops.", "how_it_started", None),
        ("I pulled over at the services.", "how_it_started", None),
        ("52M, blunt trauma to R knee today.", "how_it_started", ["direct_blow"]),
        ("My knee cracks on the stairs.", "how_it_started", None),
        ("I walked into the room and my knee hurt.", "how_it_started", None),
    ],
    "an age said as a bare figure, on its own or between commas, reached, part of a decade or a school year": [
        ("Got tangled in the duvet and ended up on the floor. 80. Knee sore.", "age", 80),
        ("Missed the last rung. 64, walking, bruised.", "age", 64),
        ("45, sore knee for weeks.", "age", 45),
        ("Temp? 39. Knee hot.", "age", None),
        ("Ran 10k. 55, 60 min.", "age", None),
        ("12. Squats with bad form.", "age", None),
        ("Temp was 37.95, knee hot.", "age", None),
    ],
    "when it began, said as days are": [
        ("Fell the day before yesterday.", "hours_since_onset", 48.0),
        ("Fell this arvo at footy.", "hours_since_onset", 6.0),
        ("Sixty-two and still playing tennis.", "age", 62),
        ("Retired postman, 66, tripped on the kerb.", "age", 66),
        ("Squats, 20, then lunges.", "age", None),
        ("I'm in my late fifties.", "age", 57),
        ("A man in his mid-fifties.", "age", 55),
        ("I turned 60 last month.", "age", 60),
        ("Just hit 57 and my knees know it.", "age", 57),
        ("Hit 30 reps today.", "age", None),
        ("Twenty minutes in it hurt.", "age", None),
        ("Year 4 pupil fell in the playground at lunch.", "age", 9),
        ("She's in year 9 and plays netball.", "age", 14),
        ("Year 10 of running and my first injury.", "age", None),
        ("Teenage daughter has a hard lump on the side of her knee.", "age", 15),
        ("Since I was a teenager my knee clicks.", "age", None),
    ],
    "weight said as what goes through the leg": [
        ("Since landing on it at basketball, no real weight through it.", "can_bear_weight", "no"),
        ("I can only touch my toes to the floor.", "can_bear_weight", None),
    ],
    "a learner's English: regular past tenses, pain as a quality, 'not possible to', a knee that 'become big'": [
        ("My knee was hitted by other player in football.", "how_it_started", ["direct_blow"]),
        ("My son falled from tree to ground this morning.", "how_it_started", ["fall"]),
        ("The bone outside under knee is very pain when I touch.", "tender_fibula_head", "yes"),
        ("Knee cap is very pain when pressing on it.", "tender_kneecap_bone", "yes"),
        ("My knee is not possible to bend more than half.", "can_bend_90", "no"),
        ("After I twist my knee on volleyball it become big very fast.", "swelling_onset", "within_2_hours"),
        ("After I twist my knee on volleyball it become big very fast.", "how_it_started", ["twist_or_pivot"]),
        ("When I twist my knee it hurts.", "how_it_started", None),
    ],
    "a story of years ago and a new event: the story's recovery is not today's trend": [
        (
            "Years ago I dislocated my kneecap a couple of times. It had settled down completely. Yesterday it went "
            "again and this time it's stayed out to the side.",
            "deformity",
            "yes",
        ),
        (
            "Years ago I dislocated my kneecap a couple of times. It had settled down completely. Yesterday it went "
            "again and this time it's stayed out to the side.",
            "trend",
            None,
        ),
        ("Had a sore knee last week. It is better now.", "trend", "better"),
    ],
    "body parts said together: the knee is one of them": [
        ("Now my knee and ankle are swollen and hot.", "swelling", "mild"),
        ("Swelling in my knee/ankle.", "swelling", "mild"),
        ("My knee is fine, my ankle is swollen.", "swelling", None),
        ("When I press the bone of my kneecap I flinch.", "tender_kneecap_bone", "yes"),
    ],
    "swelling later the same day, told in the past (not every evening)": [
        ("Twisted it at tennis, by evening it was noticeably puffier.", "swelling_onset", "within_24_hours"),
        ("It had swollen up by bedtime.", "swelling_onset", "within_24_hours"),
        ("That evening it swelled up.", "swelling_onset", "within_24_hours"),
        ("My knees are swollen by the evening.", "swelling_onset", None),
        ("I swell up by the evening if I stand all day.", "swelling_onset", None),
    ],
    "advice kept when the 'if' is the writer's own question, in another clause": [
        (
            "The GP on the phone said I should get seen at urgent care today about my knee, but I'm wondering if I can leave it.",
            "advised_same_day_care",
            "yes",
        ),
        ("111 said to go to A&E if the swelling gets worse.", "advised_emergency_care", None),
    ],
    "when the pain began: 'since' after a day of activity, a new injury on an old complaint": [
        ("Spin class on Monday, and since yesterday my thighs are sore down to my knees.", "hours_since_onset", 24.0),
        (
            "Last Sunday I knelt on the path and scraped my knee. Since yesterday it has blown up.",
            "hours_since_onset",
            24.0,
        ),
        ("I twisted it on Monday and since yesterday it is swollen.", "hours_since_onset", 24.0 * 2),
        (
            "Sore knee for a few weeks. This afternoon he slipped on wet grass and can't stand.",
            "hours_since_onset",
            6.0,
        ),
        ("It has clicked for about a year. Last night he twisted it and it got stuck.", "hours_since_onset", 12.0),
        (
            "I didn't hurt them and it gets better when I have a few days off. Sore on and off for three weeks.",
            "hours_since_onset",
            504.0,
        ),
        ("I heard it stepping off a curb about two and a half weeks ago.", "hours_since_onset", 420.0),
        ("Did legs at the gym on sat and my thighs are so sore.", "hours_since_onset", 96.0),
        ("Spin class on Monday and since last night my thighs are sore.", "hours_since_onset", 12.0),
        # the text's own today: read on a Wednesday, written "Today (Monday)"
        ("Ski lessons on Saturday. Today (Monday) her thighs are sore.", "hours_since_onset", 48.0),
        ("did legs on sat and now its monday, thighs so sore", "hours_since_onset", 48.0),
        ("Tweaked knee at Saturday's match. Walking on it today (Sunday) with a limp.", "hours_since_onset", 24.0),
        ("its kinda better today than sunday", "trend", "better"),
        # morning stiffness said with its minutes; walking however it looks; a touch too much to bear
        ("They're stiff as a board for ten minutes in the morning.", "morning_stiffness", "under_30_min"),
        ("AM stiffness ~20 min.", "morning_stiffness", "under_30_min"),
        ("Stiff for forty-five minutes in the morning.", "morning_stiffness", "over_30_min"),
        ("I can't stand anything touching it.", "can_bear_weight", None),
        ("Stiff for an hour in the morning.", "morning_stiffness", "over_30_min"),
        ("Stiff for an hour in the morning.", "hours_since_onset", None),
        ("My knee is stiff after sitting for 20 minutes.", "morning_stiffness", None),
        ("I walk like a robot.", "can_bear_weight", "yes"),
        ("It is painful to walk on, though I can manage with my stick.", "can_bear_weight", "yes"),
        ("I can't even bear the duvet touching it.", "can_bear_weight", None),
        ("I can't bear weight on it.", "can_bear_weight", "no"),
        ("Woke at 3am with my knee on fire, the skin's all shiny and angry.", "warmth_or_redness", "yes"),
        ("I am angry that my knee still hurts after running.", "warmth_or_redness", None),
        # where a blow landed is not where it hurts, when a place of pain is said too
        ("Studs right into the outside of my left knee. The inside of my knee is really sore.", "where", ["inside"]),
        ("Got kicked on the outside of my knee and it hurts there.", "where", ["outside"]),
        ("Pain on the inside and outside.", "where", ["inside", "outside"]),
        # a foot that drops; legs weaker day by day are asked first
        ("foot keeps catching and dragging when i walk", "foot_numb_cold_or_pale", "yes"),
        ("Now I'm dragging my foot and can't point my toes up.", "foot_numb_cold_or_pale", "yes"),
        ("I dragged my foot through the puddle.", "foot_numb_cold_or_pale", None),
        ("legs getting weaker every day this week", "foot_numb_cold_or_pale", None),
        ("Pain on both sides of my knee.", "where", ["inside", "outside"]),
        ("it is not better than sunday", "trend", "same"),
    ],
    "'barely' walking the stairs is the stairs; the hollow below the kneecap is a place": [
        ("I can barely walk up the stairs.", "worse_with", ["stairs"]),
        ("I can barely walk up the stairs.", "can_bear_weight", None),
        ("I can hardly sleep with the pain.", "can_bear_weight", None),
        ("This pain is generally in the gap below the knee cap.", "gap_near_kneecap", None),
        ("This pain is generally in the gap below the knee cap.", "where", ["below_kneecap"]),
        ("There is a gap above my kneecap.", "gap_near_kneecap", "yes"),
    ],
    "what is done to the leg and what it does, told across a comma": [
        ("When the doctor pressed my calf, it hurt.", "calf_pain", "yes"),
        ("If I squeeze my calf, it is really sore.", "calf_pain", "yes"),
        ("When the examinee presses your right calf, say that it hurts.", "calf_pain", "yes"),
        ("When I press on his calf, he says it hurts.", "calf_pain", "yes"),
        ("If anything, it was a little worse.", "trend", "worse"),
        ("No swelling when I walk, it is locked.", "true_locking", "yes"),
        ("If it swells, it is serious.", "swelling", None),
    ],
    "a leg bigger than its pair, a wound come open, a calf tight from calf raises": [
        ("one leg is bigger than the other", "calf_swelling", "yes"),
        ("my left leg is fatter than my right", "calf_swelling", "yes"),
        ("my knee is bigger than the other one", "calf_swelling", None),
        ("the wound has opened", "deep_wound_over_knee", "yes"),
        ("the stitches came apart", "deep_wound_over_knee", "yes"),
        ("I had my stitches out yesterday", "deep_wound_over_knee", None),
        ("I wound up in A&E", "skin_wound_over_knee", None),
        ("My calf feels a bit tight after the calf raises", "calf_swelling", None),
        ("My calf is tight and swollen after the run", "calf_swelling", "yes"),
        ("my calf is tight since the flight", "calf_swelling", "yes"),
    ],
    "'if I do X, it hurts' is what happens each time, as 'when' is; 'if it swells' is still a possibility": [
        ("If I kneel it hurts.", "worse_with", ["kneeling"]),
        ("If I squeeze my calf it hurts.", "calf_pain", "yes"),
        ("If I press my calf it is tender.", "calf_pain", "yes"),
        ("If it swells I will ice it.", "swelling", None),
        ("If I get a fever I will go to A&E.", "fever_or_unwell", None),
        ("Should I go to A&E if it swells?", "swelling", None),
        ("If I fall again it will be bad.", "how_it_started", None),
    ],
    "case notes count from the visit; an operation 'before' is earlier; a shoe's numbness is the shoe's": [
        ("The swelling had started 9 days previously.", "hours_since_onset", 216.0),
        ("Nine months prior to presentation, the pain began.", "hours_since_onset", 9 * 730.0),
        ("I have had surgery on this knee before. It is swollen.", "recent_surgery_or_injection", None),
        ("I had surgery before the holiday and now it is hot.", "recent_surgery_or_injection", "yes"),
        ("I had keyhole surgery. Now it is hot and swollen.", "recent_surgery_or_injection", "yes"),
        ("I have numbness in my toes depending upon the shoe I wear.", "foot_numb_cold_or_pale", None),
        (
            "The top of my foot goes numb in tight laces, it goes away when I loosen them.",
            "foot_numb_cold_or_pale",
            None,
        ),
        ("I twisted my knee and now my foot is numb.", "foot_numb_cold_or_pale", "yes"),
    ],
    "running on through the pain is bearing weight; not managing to is not": [
        ("My knees hurt whenever I start to run, although I do manage to run through it.", "can_bear_weight", "yes"),
        ("I was running through the woods when I twisted my knee.", "can_bear_weight", None),
        ("I got hit with a hockey stick on the knee.", "can_bear_weight", None),
        ("I get about with a stick.", "can_bear_weight", "yes"),
        ("I can't run through the pain.", "can_bear_weight", None),
        ("I am unable to run through it.", "can_bear_weight", None),
    ],
    "a sentence that opens years ago dates what it says, and a journey is not a trip over": [
        ("Twenty years ago, at age 16, I had both my knees replaced. It is warm.", "recent_surgery_or_injection", None),
        ("Twenty years ago, at age 16, I had both my knees replaced. It is warm.", "age", None),
        ("I'm 45. A few years back I had keyhole surgery.", "age", 45),
        ("A few years back I had keyhole surgery.", "recent_surgery_or_injection", None),
        ("I had keyhole surgery last week.", "recent_surgery_or_injection", "yes"),
        ("Went to the physio for trip number two on Monday.", "how_it_started", None),
        ("I had a trip on the stairs and hurt my knee.", "how_it_started", ["fall"]),
        ("I fell on my knee and it popped out again and it's stuck.", "deformity", "yes"),
        ("My kneecap popped out and now I am stuck on the sofa.", "deformity", None),
    ],
    "how it has changed over the days, and what only relieves it": [
        ("It has improved only slightly.", "trend", "same"),
        ("Minimal improvement.", "trend", "same"),
        ("Deloaded for 2 weeks, still the same.", "trend", "same"),
        ("He sat out two sessions and says it's noticeably better.", "trend", "better"),
        ("Over the past eighteen months my knee has become increasingly painful.", "trend", "worse"),
        ("It eases a bit once she's warm.", "trend", None),
        ("It settles with paracetamol.", "trend", None),
        ("It came back in exactly the same spot.", "trend", None),
    ],
    "where it hurts, as the kneecap's poles and edges, the inner shin and the shin's bump are named": [
        ("29M, c/o pain sup pole patella bilat after sessions.", "where", ["above_kneecap"]),
        ("11M, 7/52 pain inferior pole R patella with landing.", "where", ["below_kneecap"]),
        ("C/o severe pain over patella.", "where", ["around_kneecap"]),
        ("A sore spot on the inside of my right leg just under the knee.", "where", ["inside_below_joint_line"]),
        ("Point tenderness 5 cm below medial joint line over pes anserine.", "where", ["inside_below_joint_line"]),
        ("The top of her shin just below the knee is really swollen.", "where", ["top_of_shin_bump"]),
        ("Her kneecap slipped out to the side.", "where", None),
    ],
    "an activity new to the person, and the sports named by their words": [
        ("First ever spin class AND a body pump class on Monday.", "new_activity", "yes"),
        ("I joined a netball team three weeks ago.", "new_activity", "yes"),
        ("49F restarted running after 6/12 off and added hills.", "new_activity", "yes"),
        ("My knee started hurting after the gym.", "new_activity", None),
        ("He started to walk with a limp.", "new_activity", None),
        ("The first time it locked was last year.", "new_activity", None),
        ("I started going to the gym and my knee hurts.", "sports", ["gym_strength"]),
        ("I think it is going to give way.", "giving_way", None),
        ("72M, walks 5 km daily.", "sports", ["walking_hiking"]),
        ("Doing breaststroke kick.", "sports", ["swimming"]),
        ("Centre back at Sunday league.", "sports", ["field_sports"]),
        ("I slipped and fell directly onto my left kneecap.", "how_it_started", ["direct_blow", "fall"]),
        ("I fell on my bum.", "how_it_started", ["fall"]),
    ],
    "how long a complaint has lasted, as notes write it": [
        ("Child 8yo limping 3/7, refuses to weight bear this am.", "hours_since_onset", 72.0),
        ("47M. Swelling front of L kneecap 4/7, now red and warm since yesterday.", "hours_since_onset", 96.0),
        ("Started depth-jump programme 1/52 ago; c/o pain after sessions x3/7.", "hours_since_onset", 72.0),
        ("R knee hot, swollen, red since this am.", "hours_since_onset", 6.0),
        ("TKR 3/52 ago, wound red.", "recent_surgery_or_injection", "yes"),
    ],
    "words with a 'not' or 'no' that deny nothing (pseudo-negations)": [
        # (a runner's account of a clot, its commas dropped as a text message drops them)
        (
            "i was altering my breathing to not have to take full deep breaths which were painful",
            "breathless_or_chest_pain",
            "yes",
        ),
        ("Not only swollen but hot.", "swelling", "mild"),
        ("No increase in the swelling since yesterday.", "swelling", "mild"),
        ("It's not just sore, it's swollen.", "swelling", "mild"),
        ("I didn't have to use crutches, no swelling.", "swelling", "none"),
    ],
    "a doubt between a pattern's words is the writer's doubt": [
        # (a teaching case: "He thinks he may have hurt it playing basketball but does not remember any
        # direct trauma")
        ("My physio said it might lock if I ignore the exercises.", "true_locking", None),
        ("The knee may have given way.", "giving_way", None),
        ("My knee locked this morning.", "true_locking", "yes"),
        ("It locked, maybe twice.", "true_locking", "yes"),
    ],
    "a question or heading answered, as forms and notes write it": [
        ("Fever: nil.", "fever_or_unwell", "no"),
        ("Weight bearing: no.", "can_bear_weight", "no"),
        ("Weight bearing - nope.", "can_bear_weight", "no"),
        ("Swollen? No.", "swelling", "none"),
        ("Giving way? Not once.", "giving_way", "no"),
        ("Locking: no.", "true_locking", "no"),
        ("Can I walk? Not really.", "can_bear_weight", "no"),
        ("Can weight bear: no", "can_bear_weight", "no"),
        ("Has it locked? Never.", "true_locking", "no"),
        ("Is it hot? No.", "warmth_or_redness", "no"),
        ("Is it hot? Very.", "warmth_or_redness", "yes"),
        ("Is there any swelling? No.", "swelling", "none"),
        ("Was there a pop? No.", "pop", "no"),
        ("History: no trauma, sudden swelling.", "swelling_onset", "within_24_hours"),
        ("Weight bearing: yes but limping.", "can_bear_weight", "yes"),
        # an examiner's answer keeps the notes' order: before, "Pulses: absent." read nothing at all
        ("Pulses: absent.", "foot_numb_cold_or_pale", "yes"),
        ("Sensation: absent.", "foot_numb_cold_or_pale", "yes"),
        ("Sensation: intact.", "foot_numb_cold_or_pale", "no"),
        ("No sensation in the foot.", "foot_numb_cold_or_pale", "yes"),
        ("No sensation of swelling.", "foot_numb_cold_or_pale", None),
        ("SLR: absent.", "can_straight_leg_raise", "no"),
        ("Lachman: neg.", "exam_lachman", "no"),
        ("McMurray: positive", "exam_mcmurray", "yes"),
        ("Swelling: massive.", "swelling", "pronounced"),
        ("Swelling? Loads.", "swelling", "pronounced"),
        ("Heaps of fluid on the knee.", "swelling", "pronounced"),
        ("Swelling: a little.", "swelling", "mild"),
        ("He said: a bad sprain.", "swelling", None),
    ],
    "an ability denied the long way round, a try that failed, two denials that cancel": [
        ("Hurt my knee skiing this morning, not a chance I can stand on it.", "can_bear_weight", "no"),
        ("I wouldn't say I can walk on it, more like drag it.", "can_bear_weight", "no"),
        ("Tried to walk it off, couldn't, had to be carried to the car.", "can_bear_weight", "no"),
        ("I tried to stand but couldn't.", "can_bear_weight", "no"),
        ("He had to be carried to the car.", "can_bear_weight", "no"),
        ("I tried to run but couldn't keep up so I walk now.", "can_bear_weight", None),
        ("I carried on playing.", "can_bear_weight", "yes"),
        ("Knee aches after long runs. Nothing I can't walk off.", "can_bear_weight", "yes"),
    ],
    "a pain that comes with each breath, a walk-in centre and not the walking": [
        # (a runner's account of a clot in another's words: "deep, breaths, which were painful")
        (
            "I was altering my breathing to not have to take full, deep, breaths, which were painful.",
            "breathless_or_chest_pain",
            "yes",
        ),
        ("My calf aches and tonight it hurts when I take a deep breath.", "breathless_or_chest_pain", "yes"),
        ("A stabbing pain in my side every time I breathe in.", "breathless_or_chest_pain", "yes"),
        ("I can't take a full breath without it hurting.", "breathless_or_chest_pain", "yes"),
        ("Sharp pain in the knee every time I take the stairs, breathing fine.", "breathless_or_chest_pain", "no"),
        ("It hurts when I walk, no problems with my breathing.", "breathless_or_chest_pain", None),
        ("The nurse told me to go to the walk-in centre today.", "advised_same_day_care", "yes"),
        ("They advised walk-in centre.", "advised_same_day_care", "yes"),
        ("I was willing her to tell me to go back to walking.", "advised_same_day_care", None),
        ("She said go for a walk.", "advised_same_day_care", None),
        ("I twisted my knee, which swelled up straight away.", "swelling_onset", "within_2_hours"),
    ],
    "a word that begins with a symptom's word is not it": [
        # (another project's patient message: "the snapshot of the slight swelling")
        ("I also attached the snapshot of the slight swelling below my kneecap.", "catching_or_clicking", None),
        ("We had a catch-up about my knee.", "catching_or_clicking", None),
        ("It catches and clicks on the stairs.", "catching_or_clicking", "yes"),
        ("Something snapped as I landed.", "catching_or_clicking", "yes"),
        ("I was huffing and puffing up the hill and my knee ached after.", "swelling", None),
        ("A pivotal moment in the game, and my knee hurts after.", "how_it_started", None),
        ("I pivoted and felt a pop.", "how_it_started", ["twist_or_pivot"]),
        ("It's all going swimmingly apart from my sore knee.", "sports", None),
    ],
    "a knee caught in something, a foot kept off the ground": [
        ("My grandson's knee got caught in the spokes, it's swollen.", "how_it_started", ["direct_blow"]),
        ("My leg got jammed under the car door.", "true_locking", None),
        ("My knee got jammed and I can't straighten it.", "true_locking", "yes"),
        ("My knee gets caught in a funny position and clicks.", "how_it_started", None),
        ("He won't let it touch the ground since the fall.", "can_bear_weight", "no"),
        ("She can't touch her foot to the floor.", "can_bear_weight", "no"),
        ("I can't touch the floor with my hands, my hamstrings are tight.", "can_bear_weight", None),
    ],
    "a doctor's visit as the patient says it (from transcripts of clinic visits)": [
        ("I'm not able to go back to work yet because of the steps.", "deformity", None),
        ("I'm not able to go back to work yet because of the steps.", "can_bear_weight", None),
        ("Her kneecap won't go back.", "deformity", "yes"),
        ("It won't go back in.", "deformity", "yes"),
        ("my knee cap is like on the side of my leg and it wont go back", "deformity", "yes"),
        ("I'm not able to go back yet because of going up and down steps.", "deformity", None),
        ("No, well, first thing in the morning it aches.", "fever_or_unwell", None),
        ("I was flying down this black diamond and fell.", "clot_risk", None),
        ("I flew back from Spain yesterday and my calf is swollen.", "clot_risk", "yes"),
        ("I had Lasik surgery and my knee is swollen.", "recent_surgery_or_injection", None),
        ("I had surgery last week and my knee is swollen.", "recent_surgery_or_injection", "yes"),
    ],
    "a doubt said after a finding, without a comma, is about the cause": [
        # (texting drops the comma; the doubt does not reach back over the breathlessness)
        (
            "ive been a bit out of breath climbing the stairs today probably just tired",
            "breathless_or_chest_pain",
            "yes",
        ),
    ],
    "a misspelling near a warning word and a commoner word is read as the warning word": [
        ("My knee loked and swelled up after my walk yesterday.", "true_locking", "yes"),
        ("My knee loocked this morning.", "true_locking", "yes"),
    ],
    "on after a knock is bearing weight": [
        ("Took a knock to the knee at football but played on and finished the game.", "can_bear_weight", "yes"),
        ("Fell on my knee on the run, kept running and finished my 10k.", "can_bear_weight", "yes"),
        ("Knocked my knee at work, carried on with my shift.", "can_bear_weight", "yes"),
        ("Twisted my knee and couldn't finish the game.", "can_bear_weight", None),
        ("The pain kept going all night.", "can_bear_weight", None),
    ],
    "'before' ending its clause is 'previously'": [
        ("I had surgery on my right knee before. Now it is swollen after skiing.", "recent_surgery_or_injection", None),
        ("I had knee surgery two weeks before.", "recent_surgery_or_injection", "yes"),
        ("It locked the day before.", "true_locking", "yes"),
    ],
    "a learner's English": [
        ("Doctor, my knee is out from place, the bone of knee is going to the side, very pain.", "deformity", "yes"),
    ],
    "a knee put down on something sharp": [
        ("kneeling on glass, theres still some in there", "deep_wound_over_knee", None),  # asked first (possible)
        ("I fell on the glass table, knee sore.", "deep_wound_over_knee", None),
    ],
    "Scots and Australian words": [
        ("Ma knee's swelled up efter the fitba, cannae walk on it at aw.", "can_bear_weight", "no"),
        ("He didnae fall, it just started hurting.", "how_it_started", ["no_injury"]),
        ("Fit as a fiddle, but my knee is sore after runs.", "foot_numb_cold_or_pale", None),
        ("Slipped on the ice, knee's bent the wrang way and ma fit's gone numb.", "foot_numb_cold_or_pale", "yes"),
        ("The wi-fi is down and my knee is sore.", "fever_or_unwell", None),
        # the Australian "crook" is ill or sore, not crooked
        ("Knee's been a bit crook after the long run Sunday.", "deformity", None),
        ("His knee looks crooked since the fall.", "deformity", "yes"),
        ("Feeling real crook, and my knee is hot and swollen.", "fever_or_unwell", "yes"),
        ("My knee feels crook on the stairs.", "fever_or_unwell", None),
    ],
    "a person unwell, as British and Indian English say it": [
        # a knee that "feels awful" is the knee, not the person
        ("I've got the dreaded lurgy and now my knee is hot and swollen.", "fever_or_unwell", "yes"),
        ("Feeling really ropey and my knee is swollen.", "fever_or_unwell", "yes"),
        ("Feeling like death warmed up, knee hot.", "fever_or_unwell", "yes"),
        ("My knee feels awful after the run.", "fever_or_unwell", None),
        ("My knee feels a bit ropey on the stairs.", "fever_or_unwell", None),
        ("I feel awful and my knee is hot.", "fever_or_unwell", "yes"),
        ("I am not feeling well and my knee is hot and swollen.", "fever_or_unwell", "yes"),
        ("He hasn't been well since Tuesday, and his knee is red.", "fever_or_unwell", "yes"),
        ("Diabetes not well controlled, knee sore after walks.", "fever_or_unwell", None),
        ("The wound is not healing well.", "fever_or_unwell", None),
        ("I have not been well enough to run.", "fever_or_unwell", None),
        # a temperature said without its article, as Indian English says it
        ("Knee is swollen and I have temperature.", "fever_or_unwell", "yes"),
        ("Temperature is there since yesterday, knee is red.", "fever_or_unwell", "yes"),
        ("I have temperature 37.2 and my knee is sore.", "fever_or_unwell", "no"),
        ("I had my temperature taken and it was normal.", "fever_or_unwell", None),
        ("I had temperature checks at work.", "fever_or_unwell", None),
        ("Temp 39 degrees today, knee hot.", "fever_or_unwell", "yes"),  # the space after the unit kept
    ],
    "a learner's English (own probe)": [
        ("Knee make big sound like crack, now it is swollen big and I cannot straight the leg.", "pop", "yes"),
        (
            "Knee make big sound like crack, now it is swollen big and I cannot straight the leg.",
            "swelling",
            "pronounced",
        ),
        ("Knee make big sound like crack, now it is swollen big and I cannot straight the leg.", "true_locking", "yes"),
        ("The car made a noise like a gunshot.", "pop", None),
        ("I cannot go straight home after work.", "true_locking", None),
        ("It's stuck and won't go straight.", "true_locking", "yes"),
        ("Fall on the stairs, unable to SLR, palpable gap above patella.", "true_locking", None),
    ],
    "a parent's or coach's words for an injury or a fever": [
        ("My son hurt his knee.", "how_it_started", ["injury_unspecified"]),
        ("My teenager hurt their knee.", "how_it_started", ["injury_unspecified"]),
        ("My son says his knee hurts.", "how_it_started", None),
        ("My daughter feels hot and her knee is red.", "fever_or_unwell", "yes"),
    ],
    "terse words from one-line probes": [
        ("My kneecap is out!", "deformity", "yes"),
        ("Knee crushed between the car and the wall.", "how_it_started", ["direct_blow"]),
        ("Trapped my leg under the bike.", "how_it_started", ["direct_blow"]),
        ("I crushed it at parkrun, knee a bit sore.", "how_it_started", None),
        ("I have a trapped nerve in my leg and my knee aches.", "how_it_started", None),
        ("Pop then swelling in my knee.", "how_it_started", ["injury_unspecified"]),
        ("My knee pops and swells after long runs.", "how_it_started", None),
        ("The dog bit me on the knee.", "how_it_started", ["injury_unspecified"]),
        ("Went through the windscreen, knee hurts.", "how_it_started", ["injury_unspecified"]),
        ("The physio said go to hospital today.", "advised_same_day_care", "yes"),
        ("The physio said I should go to hospital today.", "advised_same_day_care", "yes"),
        ("I said I would go to hospital if it got worse.", "advised_same_day_care", None),
        ("The glass is still on the table, knee sore after my run.", "deep_wound_over_knee", None),
        ("Kneecap out to the side after netball.", "kneecap_slipped_out", "yes"),
        ("My kneecap is out of line when I squat.", "kneecap_slipped_out", None),
        ("Cut my knee on the gravel, it is bleeding.", "skin_wound_over_knee", "yes"),
        ("The surgeon cut my knee open to fix it last year.", "skin_wound_over_knee", None),
    ],
    "durations and ages that date the problem": [
        # a note without its commas: the duration before the complaint is its length, not a habit's
        ("45f recreational runner 6/52 l knee medial pain", "hours_since_onset", 1008.0),
        ("I have been a runner 6 years and love it.", "hours_since_onset", None),
        # an age at the time dates an event to the past (another project's diary text)
        ("Then my knee gave out at 26 and I never got back to it.", "giving_way", None),
        ("My knee gave out at 10 this morning.", "giving_way", "yes"),
        ("My knee gave out at 26 km into the race.", "giving_way", "yes"),
        ("I am aged 45 and my knee gave out yesterday.", "giving_way", "yes"),
    ],
    "a cut said by what it looks like or how it bleeds (own British probe)": [
        (
            "Caught his knee on the pallet truck, nasty flap of skin, bleeding like a stuck pig.",
            "deep_wound_over_knee",
            "yes",
        ),
        ("Fell on the gravel, the skin is hanging off my knee.", "deep_wound_over_knee", "yes"),
        ("Skin peeling off my sunburnt legs, knee sore after my run.", "deep_wound_over_knee", None),
    ],
    "words the lemma table or the tokenizer would confuse": [
        # the lemma table reads "number" as "numb" and "worse" as "wrong": these are matched as written
        ("My feet are fine but the number of miles went up a lot.", "foot_numb_cold_or_pale", None),
        ("Foot strike drills a number of times, knee sore after.", "foot_numb_cold_or_pale", None),
        ("My toes are numb since the fall.", "foot_numb_cold_or_pale", "yes"),
        ("My knee looks worse today than yesterday.", "deformity", None),
        ("My knee is in worse shape after the long run.", "deformity", None),
        ("My knee looks wrong, like it's bent the wrong way.", "deformity", "yes"),
        ("My knee looks worse today than yesterday.", "trend", "worse"),
        ("It is more swollen than this morning.", "trend", "worse"),
        ("It is no worse than yesterday.", "trend", "same"),
        ("Wearing my puffer jacket on the run, knee a bit sore after.", "swelling", None),
        ("My knee puffs up after long runs.", "swelling", "mild"),
        ("It puffed up within the hour.", "swelling_onset", "within_2_hours"),
        ("I did 50 crunches and my knee was sore after squats.", "grinding_or_creaking", None),
        ("My knee crunches on the stairs.", "grinding_or_creaking", "yes"),
        ("Back to the grind at the gym, knee aches a bit.", "grinding_or_creaking", None),
        ("I wore a jumper and my knee ached after.", "sports", None),
        # the lemma table merges words that must stay apart: these are matched as written
        ("What's even more confusing is that it only hurts on stairs.", "fever_or_unwell", None),
        ("He has been confused since this morning.", "fever_or_unwell", "yes"),
        ("Last night it was achy and I believe a little swollen.", "trend", None),
        ("It is less swollen than yesterday.", "trend", "better"),
        # a pattern word the tokenizer splits is matched as its tokens, not by its first one
        ("I'm training for a 5K in August.", "sports", ["running"]),
        ("I play 5-a-side on Mondays.", "sports", ["field_sports"]),
        ("I did five sets of squats.", "sports", None),
        # a lost ability in any of its forms: "can't", "unable to", "impossible to"
        ("I was suddenly unable to straighten my right leg.", "true_locking", "yes"),
        ("It is impossible to straighten it since the pop.", "true_locking", "yes"),
        # clinicians' wording met in case texts by others
        ("He was able to bear weight immediately.", "can_bear_weight", "yes"),
        ("He was not able to bear weight.", "can_bear_weight", "no"),
        ("A big defect, just above the patella was found.", "gap_near_kneecap", "yes"),
        ("72 hours ago she underwent an infiltration in her right knee.", "recent_surgery_or_injection", "yes"),
        ("His range of movement is markedly reduced in flexion and extension.", "can_bend_90", "no"),
        (
            "The patient describes an acute onset shortly after a minor trauma.",
            "how_it_started",
            ["injury_unspecified"],
        ),
        ("History of knee injury 5 years ago; now gradual pain.", "hours_since_onset", None),
        # the event said with any verb
        ("Kneecap shot out to the side and popped back.", "kneecap_slipped_out", "yes"),
        ("My knee went the wrong way when I landed.", "how_it_started", ["landing_from_jump"]),
        ("My calf swelled up when I landed in Spain.", "how_it_started", None),
        ("She's been off her legs since the fall.", "can_bear_weight", "no"),
        ("By 8 AM my knee was a giant ball.", "swelling", "pronounced"),
        ("My knee is now the size of my head.", "swelling", "pronounced"),
        ("The pain was immediate, white-hot.", "warmth_or_redness", None),
        ("My foot went out from under me.", "how_it_started", ["fall"]),
        # an examiner's shorthand for the nerve and blood supply, Ottawa findings, a graded effusion
        ("Dorsalis pedis not palpable, foot cool.", "foot_numb_cold_or_pale", "yes"),
        ("Reduced sensation over dorsum of foot.", "foot_numb_cold_or_pale", "yes"),
        ("NVI distally.", "foot_numb_cold_or_pale", "no"),
        ("Tender over fibular head.", "tender_fibula_head", "yes"),
        ("Tender patella.", "tender_kneecap_bone", "yes"),
        ("Tender around the kneecap.", "tender_kneecap_bone", None),
        ("Patella laterally displaced, knee held flexed.", "kneecap_slipped_out", "yes"),
        ("Effusion +++, hot to touch.", "swelling", "pronounced"),
        ("c/o R knee pain x3/7 post twisting injury.", "hours_since_onset", 72.0),
        # a parent's child and a British writer's own words about themselves
        ("Our son is 14. He is 6' 2\" and still growing.", "age", 14),
        ("My daughter is 12 and plays netball.", "sex", "female"),
        ("My son is 12 in May and his knee hurts.", "age", 12),  # "in" after a number is not inches
        ("26, bloke, never had any bother with it before.", "age", 26),
        ("Planted my foot, turned, heard a proper pop.", "how_it_started", ["twist_or_pivot"]),
        ("R medial knee pain below joint line.", "where", ["inside_below_joint_line"]),
        ("R medial knee pain below joint line.", "side", "right"),
        # a child's knee pain from the hip, and who is who in a parent's note
        ("My 14-year-old son has recurrent pain in his right hip and knee.", "hip_or_groin_symptoms", "yes"),
        ("My 14-year-old son has recurrent pain in his right hip and knee.", "side", "right"),
        ("My nephew, Leo, then 13, came limping off the field.", "age", 13),
        ("An 8-year-old boy; his mother says she has given him ibuprofen.", "sex", "male"),
        ("He reports no trauma, fever, vomiting, or numbness.", "fever_or_unwell", "no"),
        # a denial list ends where a new statement starts: the red flag after it stands
        ("Denies swelling, it gave way twice.", "giving_way", "yes"),
        ("Negative for fever, knee gave way on stairs.", "giving_way", "yes"),
        ("Denies fever and the knee gave way twice.", "giving_way", "yes"),
        ("My foot is maybe a bit numb.", "foot_numb_cold_or_pale", "yes"),  # a hedge inside a sign: the safer reading
        ("It jammed and won't move.", "true_locking", "yes"),
        ("The knee looks out of shape.", "deformity", "yes"),
        ("My lower leg is swollen.", "calf_swelling", "yes"),
        ("Flu-like, since last night.", "fever_or_unwell", "yes"),
        # patterns whose alternatives had been split at a space, so they never matched
        ("It swelled within minutes.", "swelling_onset", "within_2_hours"),
        ("I've been off work with it.", "stops_daily_tasks", "yes"),
        ("The lower leg is tense.", "pain_out_of_proportion", "yes"),
        ("Pain on passive toe movement.", "pain_out_of_proportion", "yes"),
        # British and lay ways of saying the warning signs
        ("It came up like an egg.", "swelling", "pronounced"),
        ("It's ballooned.", "swelling", "pronounced"),
        ("It keeps going on me.", "giving_way", "yes"),
        ("I keep going on about it.", "giving_way", None),
        ("Couldn't get my foot down.", "can_bear_weight", "no"),
        ("It's a funny shape now.", "deformity", "yes"),
        ("I can't do a leg raise.", "can_straight_leg_raise", "no"),
        ("Jarred my knee landing.", "how_it_started", ["injury_unspecified"]),
        ("Denies fever and it locked this morning.", "true_locking", "yes"),
        ("No history of injury and it gives way.", "giving_way", "yes"),
        ("No history of injury and it gives way.", "previous_knee_injury", None),
    ],
    "phrases whose parts mean something else": [
        # what a person can do only with something, read as the whole phrase, not as its parts
        ("Unable to walk without a limp.", "can_bear_weight", "yes"),
        ("Unable to walk without a limp.", "limp", "yes"),
        ("I can't walk without crutches after I twisted my knee yesterday.", "can_bear_weight", "no"),
        ("I can't walk without crutches after I twisted my knee yesterday.", "how_it_started", ["twist_or_pivot"]),
        ("Twisted it yesterday and I can't walk without pain.", "can_bear_weight", None),  # asked first
        ("Difficulty weight-bearing since the tackle.", "can_bear_weight", None),  # asked first, not "yes"
        ("Fully weight-bearing, no limp.", "can_bear_weight", "yes"),
        # a heading is not a finding; a family's illnesses are not the patient's
        ("Red flags: no red flags reported.", "warmth_or_redness", None),
        (
            "Family history: father with osteoarthritis, mother with gout. O/E: knee not swollen.",
            "known_knee_arthritis",
            None,
        ),
        (
            "Family history: father with osteoarthritis, mother with gout. O/E: knee not swollen.",
            "gout_or_inflammatory_arthritis",
            None,
        ),
        ("FH: mother with rheumatoid arthritis\nO/E: hot swollen knee", "warmth_or_redness", "yes"),
        # a parent carrying the writer is about the writer
        ("I fell and my dad had to carry me home.", "can_bear_weight", "no"),
    ],
    "patterns and British wording": [
        # five patterns had a phrase among options, which binds to one token ("at night|in bed")
        ("There's a bit of bone poking through the cut.", "deformity", "yes"),
        ("The pain at night is the worst.", "night_pain", "yes"),
        ("Felt a pop in my knee when I landed.", "pop", "yes"),
        ("My knee bent backwards on landing.", "how_it_started", ["hyperextension"]),
        ("It hurts on the outside when I run.", "where", ["outside"]),
        # British and lay ways of saying an injury and its signs
        ("Done my knee in at the gym yesterday.", "how_it_started", ["injury_unspecified"]),
        ("Came off my bike onto the kerb.", "how_it_started", ["fall"]),
        ("His knee's all out of shape.", "deformity", "yes"),
        ("His foot's gone a funny grey colour.", "foot_numb_cold_or_pale", "yes"),
        ("My knee is still proper swollen.", "swelling", "pronounced"),
        ("I can't put it down without nearly fainting.", "can_bear_weight", None),  # asked first
    ],
    "Ottawa signs and swelling onset": [
        # the Ottawa rule's flexion test and bony tenderness, as people and notes say them
        ("After the fall I can only bend it a little bit.", "can_bend_90", "no"),
        ("She can't bend it anywhere near a right angle.", "can_bend_90", "no"),
        ("Unable to flex beyond 40 degrees.", "can_bend_90", "no"),
        ("Unable to flex to 90.", "can_bend_90", "no"),
        ("He can't bend it and can barely stand.", "can_bend_90", "no"),
        ("I can't bend it fully since the run.", "can_bend_90", None),
        ("The kneecap itself is very tender when I press on it.", "tender_kneecap_bone", "yes"),
        ("He can't straighten the knee or do a straight leg raise.", "can_straight_leg_raise", "no"),
        # how fast a swelling came, in notes and in lay words
        ("Effusion within 1 h of the tackle.", "swelling_onset", "within_2_hours"),
        ("It swelled up in like half an hour.", "swelling_onset", "within_2_hours"),
        ("Twisted it at football an hour ago and it has already swollen up.", "swelling_onset", "within_2_hours"),
        ("It's swollen up like a melon, came up within the hour.", "swelling_onset", "within_2_hours"),
        # a kneecap out of place, a hollow above it, a knee that "goes down"
        ("Patella visibly displaced laterally.", "deformity", "yes"),
        ("Now over the kneecap is like a hole.", "gap_near_kneecap", "yes"),
        ("He cannot walk, the knee go down.", "giving_way", "yes"),
        ("The swelling in my knee went down overnight.", "giving_way", None),
    ],
    "negations end at a new clause": [
        # a negation ends where a new clause starts even without a comma, as in texting
        ("didnt twist anything i can walk", "can_bear_weight", "yes"),
        ("no falls walking is fine", "can_bear_weight", "yes"),
        ("never hurt it it is swollen today", "swelling", "mild"),
        ("No swelling & walks fine.", "can_bear_weight", "yes"),
        ("No swelling & walks fine.", "swelling", "none"),
        # a denial list does not deny an ability that follows it
        ("Denies trauma, FWB.", "can_bear_weight", "yes"),
        ("Denies fever.", "fever_or_unwell", "no"),
    ],
    "a knee that goes out": [
        ("Last night my knee went out on the stairs.", "giving_way", "yes"),
        ("I went out for a run and it hurt.", "giving_way", None),
        ("It is impossible to bend down with my knees and going down stairs is the worst.", "giving_way", None),
        ("My knee just went down under me.", "giving_way", "yes"),
        # "he isn't limping" says nothing of whether he can walk
        ("He isn't limping except sometimes after a game.", "can_bear_weight", None),
        ("I'm limping.", "can_bear_weight", "yes"),
        # a belief is a doubt: asked, not read as said
        ("Last night it was very achy and I believe a little swollen.", "swelling", None),
        ("I used a cane to ease the pain.", "trend", None),
        ("It is easing now.", "trend", "better"),
    ],
    "a prefix or a relative clause": [
        # "non-" denies the finding it joins, not a compound ("non-contact injury" is an injury)
        ("Calf soft, non-tender, no oedema.", "calf_pain", "no"),
        ("Knee non-tender, non-swollen.", "swelling", "none"),
        ("Non-contact pivot injury R knee yesterday.", "how_it_started", ["twist_or_pivot"]),
        # a relative clause ends a history's scope: the presenting complaint is now
        ("A woman with a DVT 6 years ago who presented with calf swelling and pain.", "calf_swelling", "yes"),
    ],
    "ages in words and a complaint of the hip": [
        ("Twelve year old, been limping a fortnight.", "age", 12),
        ("My son is fourteen, limping for 2 weeks.", "age", 14),
        ("A twenty-two-year-old woman.", "age", 22),
        ("My son is one of the best players, he is 12.", "age", 12),
        ("Complains of his hip and knee, no injury.", "hip_or_groin_symptoms", "yes"),
        ("5yo, refusing to weight bear since yesterday.", "can_bear_weight", "no"),
        ("She refused to walk on it.", "can_bear_weight", "no"),
    ],
    "a flight, or a fall through the air": [
        ("After flying through the air I got up with a gash.", "clot_risk", None),
        ("I went flying over the handlebars.", "clot_risk", None),
        ("I flew out to Spain last week.", "clot_risk", "yes"),
        ("Our Kieran's 12 and a big lad.", "age", 12),
        ("My pain is 7/10.", "age", None),
        ("My weight is 85.", "age", None),
        ("My mileage is 30 a week.", "age", None),
        ("Snapped something above my kneecap coming down the steps.", "how_it_started", ["injury_unspecified"]),
    ],
    "slips of typing": [
        # a negation with its apostrophe out of place or a letter swapped or dropped
        ("I do'nt think it's bad but I coulnd't walk on it.", "can_bear_weight", "no"),
        ("I ca't walk on it.", "can_bear_weight", "no"),
        # two swapped letters of a rare word that make a pattern word; a short prefix's inflections
        ("I landed baldy.", "how_it_started", ["landing_from_jump"]),
        ("I was kikced in the knee.", "how_it_started", ["direct_blow"]),
        # a corrected word is rewritten as its right spelling would be ("pattella" -> "patella" -> "kneecap")
        ("L pattella visibly displaced.", "deformity", "yes"),
        # a letter typed three times
        ("It's sooo swollen and it feeels tight.", "swelling", "pronounced"),
    ],
    "a length said without a number": [
        ("My knees have been bad for years.", "hours_since_onset", 17520.0),
        ("Swelling on and off for months.", "hours_since_onset", 2190.0),
        ("I've been running for years, yesterday my knee swelled.", "hours_since_onset", 24.0),
        ("Over the past month the knee has ached at night.", "hours_since_onset", 730.0),
        ("Sore since a ski lesson a week and a half ago.", "hours_since_onset", 252.0),
        ("Twisted my knee playing football last month, still sore.", "hours_since_onset", 730.0),
        ("Twisted it the week before last.", "hours_since_onset", 240.0),
        ("I'm running a marathon in April and my knee hurts.", "hours_since_onset", None),
        ("I fall on my knee in the street one month before, it have a bruise.", "hours_since_onset", 730.0),
        ("I fell one week before the race.", "hours_since_onset", None),
        ("A couple days ago I fell.", "hours_since_onset", 48.0),
        ("Few days back it started.", "hours_since_onset", 72.0),
        ("Swollen since the weekend.", "hours_since_onset", 96.0),
        ("It has ached for the past few days.", "hours_since_onset", 72.0),
        ("My skis went apart and I felt it on the inside.", "how_it_started", ["twist_or_pivot"]),
    ],
    "a knee that dislocated and went back": [
        ("O/E: multidirectional instability, ACL/PCL lax.", "knee_dislocated", "yes"),
        ("Knee went completely sideways and popped back after a tackle.", "knee_dislocated", "yes"),
        ("My kneecap went sideways and popped back.", "knee_dislocated", None),
        ("Tibiofemoral dislocation, spontaneously reduced.", "how_it_started", ["injury_unspecified"]),
        ("ACL reconstruction 2019, PCL intact.", "knee_dislocated", None),
    ],
    "compartment, open fracture and bleeding words": [
        ("Shin feels rock solid and it kills when I move my toes.", "pain_out_of_proportion", "yes"),
        ("Pain through the roof even with codeine.", "pain_out_of_proportion", "yes"),
        ("Fat globules in the wound, bone palpable.", "deformity", "yes"),
        ("Haemophiliac, knee swelling after a knock.", "anticoagulants", "yes"),
        ("He dropped a barbell on his knee.", "how_it_started", ["direct_blow"]),
        ("There's a deep cut and I can see something white in it.", "deformity", "yes"),
    ],
    "a brief catch is not a true lock": [
        # questions.yaml: a true lock is stuck until something moves or clicks free
        ("It sometimes locks for a second.", "true_locking", None),
        ("It sometimes locks for a second.", "catching_or_clicking", "yes"),
        ("My knee locks now and then but I can always straighten it.", "true_locking", "no"),
        ("It gets stuck and I can't straighten it until it clicks.", "true_locking", "yes"),
        ("My knee is locked and I can't straighten it.", "true_locking", "yes"),
    ],
    "a word inside a longer word": [
        ("I put a pillow under my knee.", "clot_risk", None),
        ("I was on the pill.", "clot_risk", "yes"),
        ("I put my sweatshirt on.", "fever_or_unwell", None),
        ("Night sweats.", "fever_or_unwell", "yes"),
        ("This brings us bang up to date.", "how_it_started", None),
        ("It had swollen up loads.", "swelling", "pronounced"),
        ("I do triple jump and my knee hurts after training.", "how_it_started", None),
        ("I tripped on the kerb.", "how_it_started", ["fall"]),
        ("Obs stable, breathing comfortably on room air.", "breathless_or_chest_pain", "no"),
        ("Sharp stabbing pain when I breathe in.", "breathless_or_chest_pain", "yes"),
    ],
    "moments of injury": [
        # a pop or tear heard or felt is the moment of an injury, even when the way is not said
        ("I heard a sickening pop as I landed.", "how_it_started", ["landing_from_jump"]),
        ("There was a loud crack and I went down.", "how_it_started", ["injury_unspecified"]),
        ("I feel a pop when I squat.", "how_it_started", None),
        ("A misplaced step and down I went.", "how_it_started", ["injury_unspecified"]),
        ("I stepped in a pothole on my run.", "how_it_started", ["twist_or_pivot"]),
        ("No injury, I just hear a crack on the stairs.", "how_it_started", ["no_injury"]),
        # out and back again is a kneecap that went back, not one still out of place
        ("My knee suddenly moved out of place and moved back!", "kneecap_slipped_out", "yes"),
        ("My knee suddenly moved out of place and moved back!", "deformity", None),
        # going out is an outing, not a kneecap going out
        ("My kneecap hurts when I go out running.", "kneecap_slipped_out", None),
        ("My kneecap went out to the side.", "kneecap_slipped_out", "yes"),
        # gone back in is not out of place now; still out is
        ("My kneecap slipped out and popped back in.", "deformity", "no"),
        ("It popped out and went back into place on its own.", "deformity", "no"),
        ("It went back in but it's still out of place at the side.", "deformity", "yes"),
        ("Range of movement reduced, swelling reduced.", "deformity", None),
        ("Dislocation, spontaneously reduced.", "deformity", "no"),
        ("My knee went out to the side.", "giving_way", "yes"),
        ("The kneecap is out of place.", "deformity", "yes"),
        ("Now his leg below the knee looks bent and he's screaming.", "deformity", "yes"),
        ("It doesn't look broken.", "deformity", "no"),
    ],
    "numbers": [
        ("VAS 7 at rest.", "pain_now", 7),
        ("Pain score of 6.", "pain_now", 6),
        ("Pain for 3 days.", "pain_now", None),
        ("F45, knee pain.", "age", 45),
        ("F45, knee pain.", "sex", "female"),
        ("I'm 52 and run three times a week.", "sex", None),
        ("He fell from 2 m onto his knee.", "age", None),  # a height, not an age
        ("He had a 3 m fall from the wall.", "age", None),
        ("I'm forty-five and my knee aches.", "age", 45),
        ("Sore for 2 mo.", "hours_since_onset", 1460),
        ("Pain for 3 mths.", "hours_since_onset", 2190),
        ("Pain   for 3   weeks.", "hours_since_onset", 504),
        ("My shoes have 600 km on them.", "shoe_km", 600),
        ("I ran 40 miles this week, up from 25.", "weekly_volume_increase_pct", 60),
    ],
    "notes symbols": [
        # arrows, ticks and crosses as notes write them
        ("Sensation \u2193 over dorsum of foot.", "foot_numb_cold_or_pale", "yes"),
        ("Pedal pulses \u2193.", "foot_numb_cold_or_pale", "yes"),
        ("Temp \u2191 38.9", "fever_or_unwell", "yes"),
        ("SLR \u2717.", "can_straight_leg_raise", "no"),
        ("WB \u2717.", "can_bear_weight", "no"),
        ("SLR \u2713, WB \u2713.", "can_bear_weight", "yes"),
        ("DP absent.", "foot_numb_cold_or_pale", "yes"),
        ("ROM 0-30\u00b0.", "can_bend_90", "no"),
        ("ROM 0-130\u00b0.", "can_bend_90", None),
        ("#patella on XR.", "how_it_started", ["injury_unspecified"]),
        ("Straight leg raise impossible.", "can_straight_leg_raise", "no"),
    ],
    "a differential, a measured temperature": [
        # a differential lists what it might be: each is left open, not said
        ("Differential diagnosis includes cellulitis, gout, and septic joint.", "gout_or_inflammatory_arthritis", None),
        ("X-ray to rule out a fracture.", "how_it_started", None),
        ("History of gout, knee hot and swollen.", "gout_or_inflammatory_arthritis", "yes"),
        # a temperature with its number is read from the number (99.5 F is 37.5 C: neither)
        ("Vital signs normal except for a temperature of 99.5 F.", "fever_or_unwell", None),
        ("He had a temperature of 102 F.", "fever_or_unwell", "yes"),
        ("She has a temperature and the knee is hot.", "fever_or_unwell", "yes"),
    ],
    "a word's other senses, another person's history": [
        # "won't go into detail" says nothing of walking; "bashed" is a blow
        ("I won't go into detail, but I fell on my knee.", "can_bear_weight", None),
        ("I couldn't walk past the cake shop without stopping.", "can_bear_weight", None),
        ("I bashed my knee on a rock.", "how_it_started", ["direct_blow"]),
        # in a text about the writer's knee, "he's had operations" is someone else's
        (
            "My knee is bad again. My dad says bad knees run in the family; he's had operations on his.",
            "recent_surgery_or_injection",
            None,
        ),
        ("My knee is swollen. I had an operation on it 2 weeks ago.", "recent_surgery_or_injection", "yes"),
        ("My knee is swollen. The surgeon said he had to operate last week.", "recent_surgery_or_injection", "yes"),
        ("They operated on my knee last week.", "recent_surgery_or_injection", "yes"),
        ("I can't operate the clutch yet.", "recent_surgery_or_injection", None),
    ],
    "how a pain feels, a puzzled writer, a weekly habit": [
        ("A sharp, hot pain shot through my knee.", "warmth_or_redness", None),
        ("A sharp, hot pain shot through my knee.", "character", ["burning", "sharp"]),
        ("The knee is hot and red.", "warmth_or_redness", "yes"),
        ("I was grounded, confused, and in pain.", "fever_or_unwell", None),
        ("Mum has been confused since this morning and her knee is hot.", "fever_or_unwell", "yes"),
        ("I found mum confused and her knee hot.", "fever_or_unwell", "yes"),
        ("He's been drowsy all day.", "fever_or_unwell", "yes"),
        # "at the weekend" after what someone does every week is when, not since when
        (
            "I do a bit of wrestling at the weekend. The lump has been there about a fortnight.",
            "hours_since_onset",
            336,
        ),
        ("I played football at the weekend and my knee hurts.", "hours_since_onset", 96),
        # a length said without a number: "these past few months"
        ("These past few months I've gone from running to resting every few steps.", "hours_since_onset", 2190),
        # losing weight on purpose is a plan, not a warning sign
        ("I am doing running since 3 months for weight loss.", "weight_loss", None),
        ("I'm on a weight loss journey and my knee aches.", "weight_loss", None),
        ("Unexplained weight loss and the knee aches at night.", "weight_loss", "yes"),
    ],
    "what is planned, an operation's words": [
        ("I'm booked in for an arthroscopy next month and the knee locks.", "recent_surgery_or_injection", None),
        ("He is on the waiting list for a knee replacement.", "recent_surgery_or_injection", None),
        # waiting for something now is not a plan
        ("We're waiting for the ambulance.", "can_bear_weight", "no"),
        ("I'm waiting for the swelling to go down.", "swelling", "mild"),
        ("Had a scope 2 weeks ago and now it's hot.", "recent_surgery_or_injection", "yes"),
        ("The old knee was removed and the bone scraped.", "skin_wound_over_knee", None),
        ("Scraped my knee on the tarmac.", "skin_wound_over_knee", "yes"),
    ],
    "a swelling's size": [
        ("My knee was now swollen up to the size of a regulation baseball.", "swelling", "pronounced"),
        ("A swelling the size of a golf ball on the front of the kneecap.", "sports", None),
        ("I play golf twice a week.", "sports", ["other"]),
    ],
    "a story told of the past": [
        # a warning sign told in the past tense in a story dated weeks or years ago is asked, not read
        (
            "It was my junior year of high school. I landed awkwardly and was carried off the field.",
            "can_bear_weight",
            None,
        ),
        (
            "Several weeks ago I did flips on the trampoline. I wasn't able to put any weight on it for a couple of days.",
            "can_bear_weight",
            None,
        ),
        # a story dated by its day and year, or "before Christmas", told with irregular past verbs
        ("It was May 3, 2011 and we were in the final. I could not walk.", "can_bear_weight", None),
        ("Around November of 2021 my knee gave way. I could not stand.", "can_bear_weight", None),
        (
            "Sometime before Christmas I woke with it bent. For weeks I found it impossible to stand.",
            "can_bear_weight",
            None,
        ),
        ("Sometime before Christmas I twisted it. Today I can't put any weight on it.", "can_bear_weight", "no"),
        # a recent day, "now" or a present tense ends the story
        ("Six weeks ago I tore my ACL. On Saturday it gave way again and I couldn't walk.", "can_bear_weight", "no"),
        ("I hurt my knee two weeks ago playing rugby. I still can't put weight on it.", "can_bear_weight", "no"),
        ("Two days ago I fell off my bike and couldn't walk.", "can_bear_weight", "no"),
        # "it popped out" after the kneecap, "stuck out to the side"
        ("Years ago I dislocated my kneecap. Today it popped out again.", "kneecap_slipped_out", "yes"),
        ("Today it popped out again and it's stuck out to the side.", "deformity", "yes"),
        ("My kneecap aches. It pops out of the bottom of the squat.", "kneecap_slipped_out", None),
    ],
    "a torn extensor as notes write it": [
        ("On examination he has a low-lying patella.", "gap_near_kneecap", "yes"),
        ("The pain was of sudden onset, whilst he was sprinting during a match.", "how_it_started", None),
        (
            "The pain was of sudden onset and happened whilst he was sprinting during a match.",
            "how_it_started",
            ["injury_unspecified"],
        ),
    ],
    "a deep cut": [
        ("He bashed his knee on a rock and got a huge hole in it.", "deep_wound_over_knee", "yes"),
        ("Split my knee open on the kerb, it won't stop bleeding.", "deep_wound_over_knee", "yes"),
        ("A 4 cm laceration over the patella.", "deep_wound_over_knee", "yes"),
        # said in other words: wide open, what is seen inside it, bleeding that goes on
        ("Came off the bike, knee's cut wide open.", "deep_wound_over_knee", "yes"),
        ("There's a cut and you can see white stuff inside.", "deep_wound_over_knee", "yes"),
        ("Fell on the gravel and it's bleeding loads.", "deep_wound_over_knee", "yes"),
        # a kneecap's bone seen out of place, a cut said plainly, an operation's cut are not
        ("My kneecap went out, I can see the bone on the side.", "deep_wound_over_knee", None),
        ("Cut my knee open on a stone, cleaned it myself.", "deep_wound_over_knee", None),
        ("The surgeon cut it open to repair the tendon.", "deep_wound_over_knee", None),
        # a graze, stitches after an operation and a shoe with a hole are not
        ("Grazed my knee on the track.", "deep_wound_over_knee", None),
        ("Had my arthroscopy last week, 2 stitches come out on Friday.", "deep_wound_over_knee", None),
        ("My trainers have a hole in them and my knee aches.", "deep_wound_over_knee", None),
    ],
    "lists, journeys, hopes and times to come": [
        # "no X, Y or Z" denies each item; "no reported" is a denial, not a report
        ("There was no catching, popping or giving way.", "giving_way", "no"),
        ("There was no catching, popping or giving way.", "pop", "no"),
        ("No reported popping.", "pop", "no"),
        ("No bruising, the knee is hot or red.", "warmth_or_redness", "yes"),
        ("No fever, can not walk or stand.", "can_bear_weight", "no"),
        # a trip that is a journey is not a fall
        ("It hurts on her weekly shopping trips.", "how_it_started", None),
        ("I had a trip on the stairs.", "how_it_started", ["fall"]),
        # a British surgery that is the doctor's premises is not an operation
        ("I hobbled in to the surgery on crutches.", "recent_surgery_or_injection", None),
        ("Since my surgery it has been swollen.", "recent_surgery_or_injection", "yes"),
        # a hope is not an improvement
        ("I iced it, hoping it would feel better by morning.", "trend", None),
        ("It is already a bit better.", "trend", "better"),
        # a time still to come is not an onset; a range is read at its longer end
        ("My knee aches. I have a race in 3 weeks.", "hours_since_onset", None),
        ("Knee pain for 2 to 3 weeks, worse for 5 days.", "hours_since_onset", 504.0),
        # osteoarthritis as notes write it; a length said "over months"
        ("68F, OA knees, worse over months.", "known_knee_arthritis", "yes"),
        ("68F, OA knees, worse over months.", "hours_since_onset", 2190.0),
        # a lost ability said as a noun; an older adult said without a number, or by decade
        ("An elderly patient with a swollen knee and inability to bear weight.", "can_bear_weight", "no"),
        ("An elderly patient with a swollen knee and inability to bear weight.", "age", 65),
        ("My mum, in her seventies, fell on her knee.", "age", 70),
        ("A man in his 60s twisted his knee.", "age", 60),
        # an acute arthritis of one joint is a hot, swollen joint as notes name it
        ("Acute monoarthritis of the knee, no fever.", "warmth_or_redness", "yes"),
        ("Acute monoarthritis of the knee, no fever.", "swelling", "mild"),
        # falling asleep or behind is not a fall; a leg gone numb from sitting is not a nerve sign
        ("I fell asleep with the ice on it.", "how_it_started", None),
        ("I fell behind with my physio exercises.", "how_it_started", None),
        ("My leg went numb from sitting on it.", "foot_numb_cold_or_pale", None),
        # a pain score in words; a texting "nothings swollen"
        ("It hurts about a six out of ten on the stairs.", "pain_now", 6),
        ("nothings swollen and i can walk", "swelling", "none"),
        # a knee loose in several directions after an injury: a dislocated knee that went back
        ("Thrown off a quad bike, the knee is grossly unstable in several directions.", "knee_dislocated", "yes"),
        # a child's age said as "a girl of two", "is 4 this year"; both calves are the muscles, not a clot sign
        ("This girl of two has been limping for a week.", "age", 2),
        ("Joel is 4 this year and has a fever.", "age", 4),
        ("My calves are tight and sore after the hills.", "calf_pain", None),
        # still playing or training on it is bearing weight; "can't play football" says nothing of walking
        ("It doesn't swell and I can still play.", "can_bear_weight", "yes"),
        ("I can't play football at the moment.", "can_bear_weight", None),
        # a length said without "for"
        ("It's been going on about a month.", "hours_since_onset", 730.0),
        # a kick said with the knee as its object is a blow
        ("Someone kicked my knee in the match.", "how_it_started", ["direct_blow"]),
        # another person named by their own knee, or after the word ("an ambulance for another player")
        ("My knee clicks. I saw a video of someone dislocating their kneecap.", "kneecap_slipped_out", None),
        # a torn kneecap or thigh tendon named, a kneecap up in the thigh: the extensor is gone
        ("I tore my patellar tendon at football yesterday.", "can_straight_leg_raise", "no"),
        ("I tore my patellar tendon at football yesterday.", "how_it_started", ["injury_unspecified"]),
        ("I looked down and my kneecap had shot up into my thigh.", "gap_near_kneecap", "yes"),
        # a doubt about how it happened is not a denial; an injury whose how is unknown is an injury
        ("Not sure if I knocked it, it aches after runs.", "how_it_started", None),
        ("No idea how I hurt it, but it is swollen.", "how_it_started", ["injury_unspecified"]),
        # a time of life is the past; an old injury still counts as a previous injury
        ("I tore a ligament skiing in my thirties.", "age", None),
        ("I badly hurt this knee in my twenties.", "previous_knee_injury", "yes"),
        ("I'm in my seventies and my knee aches.", "age", 70),
        # a calf that cramps during a run is the muscle; one that aches and swells still counts
        ("My knee aches after runs. I cramped up in my calf at mile 10.", "calf_pain", None),
        ("My calf aches after the run and is swollen.", "calf_pain", "yes"),
        # "my knee is very big" is how a swelling is said in other languages' English; "big knees" is not
        ("Since 3 days my knee is very big and I cannot sleep.", "swelling", "pronounced"),
        ("I have very big knees, they ache after hikes.", "swelling", None),
        # a kick scooter or a horse is not a bike
        ("Twisted it while riding a kick scooter.", "worse_with", None),
        ("Began activities again and the stiffness went.", "new_activity", None),
    ],
    "an operation's date, the other knee, a knee that will not bend": [
        # an operation is recent within the Wells rule's 12 weeks; one dated further back is history
        ("I'm 7 months post surgery now and the knee aches.", "recent_surgery_or_injection", None),
        ("I'm 7 months post surgery now and the knee aches.", "previous_knee_injury", "yes"),
        ("I had an arthroscopy 2 weeks ago and my calf hurts.", "recent_surgery_or_injection", "yes"),
        ("6 weeks post op from ACL reconstruction.", "recent_surgery_or_injection", "yes"),
        # a time that dates something else in the clause does not date the operation
        ("I tore it 6 months ago and had surgery last week.", "recent_surgery_or_injection", "yes"),
        ("6 months after my ACL tear I had surgery.", "recent_surgery_or_injection", "yes"),
        ("It is 5 months after my knee replacement.", "recent_surgery_or_injection", None),
        ("Had a scope in 2019, the knee has ached since.", "recent_surgery_or_injection", None),
        # a past injury to the other knee is not this knee's
        ("Tore my ACL in the other knee 5 years ago so I'm paranoid.", "previous_knee_injury", None),
        # "got back up and the knee popped" is not the back of the knee
        ("I got back up and the knee popped again.", "where", None),
        ("It hurts at the back of my knee.", "where", ["back_of_knee"]),
        # "it won't bend" after the knee is named; an expected recovery is not how long it has hurt
        ("My knee popped and now it won't bend.", "can_bend_90", "no"),
        ("My knee won't bend properly after squats.", "can_bend_90", None),
        ("Complete ACL tear with an estimated 9 months recovery.", "hours_since_onset", None),
        # an operation told in a story of childhood is not recent; a fall told so is a past injury
        (
            "When I was a kid I fell off my BMX. After surgery it took weeks to recover.",
            "recent_surgery_or_injection",
            None,
        ),
        ("When I was a kid I fell off my BMX. After surgery it took weeks to recover.", "how_it_started", None),
        (
            "Years ago I had an arthroscopy. Three weeks ago I had a steroid injection.",
            "recent_surgery_or_injection",
            "yes",
        ),
        # a calf or the back of the leg said to be red or hot is asked about first, not read as swollen
        ("My calf is red and hot.", "calf_swelling", None),
        ("I stretched my calves to warm up.", "calf_swelling", None),
        # pain worse than what explains it, worst when the toes move
        ("The pain is far worse than expected and much worse when my toes move.", "pain_out_of_proportion", "yes"),
    ],
    "a season, walking with discomfort, what 'it' points back to": [
        # a clinician's note: the visit's "today" is not when it began; a known numbness is not new;
        # how far a person can go is not whether they can walk
        ("She presents to the clinic today after a skiing fall last weekend.", "hours_since_onset", 96.0),
        ("Numbness and tingling in his right foot, however this is not new.", "foot_numb_cold_or_pale", None),
        ("My feet have been numb for years from diabetes.", "foot_numb_cold_or_pale", None),
        ("My foot is numb since the fall and my knee has ached for years.", "foot_numb_cold_or_pale", "yes"),
        ("She runs 5 miles a day but now is unable to go 0.5 miles because of the pain.", "can_bear_weight", None),
        ("I can't walk 4 steps.", "can_bear_weight", "no"),
        # a warm-up is exercise, not a warm knee
        ("My knee gave way during warm-up.", "warmth_or_redness", None),
        # sweat pants are clothes
        ("Paramedics cut open my sweat pants.", "fever_or_unwell", None),
        ("I've been sweating all night and my knee is hot.", "fever_or_unwell", "yes"),
        # the American "fall" is also the season; "after the fall" is still a fall
        ("Throughout the fall, I had been playing pickup basketball.", "how_it_started", None),
        ("Last fall my knee started aching on runs.", "how_it_started", None),
        ("After the fall she couldn't walk.", "how_it_started", ["fall"]),
        # walking that is uncomfortable is walking; the weight-bearing question is left to be asked
        ("The pain got so bad I could not walk comfortably.", "can_bear_weight", None),
        ("I could not walk at all.", "can_bear_weight", "no"),
        # "it", "the area" in a clause naming no part, after the calf was named last, is the calf
        ("My calf feels weird. It's not like a normal cramp. It's swollen and hot.", "calf_swelling", "yes"),
        ("My calf feels weird. It's not like a normal cramp. It's swollen and hot.", "warmth_or_redness", None),
        ("My calf aches. My knee is swollen and it is hot.", "warmth_or_redness", "yes"),
        ("My calf aches. My knee is swollen and it is hot.", "calf_swelling", None),
    ],
    "an operation letter, a note's dates and its descriptions": [
        # an operation recommended, chosen or consented to is planned; the risks a consent lists could happen
        ("Surgery was recommended due to the instability of the fragment.", "recent_surgery_or_injection", None),
        ("Surgery was recommended due to the instability of the fragment.", "giving_way", None),
        ("She elected to proceed with the surgical intervention.", "recent_surgery_or_injection", None),
        (
            "Risks of surgery include infection, bleeding, changes in sensation and significant postoperative swelling.",
            "swelling",
            None,
        ),
        ("I had surgery 2 weeks ago and the physio recommended rest.", "recent_surgery_or_injection", "yes"),
        # a date as notes write it; a knee joint's compartment that collapsed is not a knee that gives way
        ("Knee pain since 03/10/03 after falling on ice.", "hours_since_onset", 207864.0),
        ("Complete collapse and wear of the lateral compartment.", "giving_way", None),
        ("My knee collapsed under me.", "giving_way", "yes"),
        ("She had two knee arthroscopies in the years preceding this.", "recent_surgery_or_injection", None),
        # shortness of breath as notes write it
        ("He has shortness of breath.", "breathless_or_chest_pain", "yes"),
    ],
    "misspellings": [
        # a misspelt word the patterns look for is read as meant
        ("I lnaded badly off the box and it's sweling.", "how_it_started", ["landing_from_jump"]),
        ("I lnaded badly off the box and it's sweling.", "swelling", "mild"),
        # swapped or doubled letters in words the lexicon writes out or a pattern word's inflection
        ("Subtle eryhtema and wramth around the left knee.", "warmth_or_redness", "yes"),
        ("I have two open woounds on my knee.", "skin_wound_over_knee", "yes"),
        # a dropped letter that makes another word: the robustness benchmark's one serious slip
        ("My kneecap went out of pace to the outside and it's still there.", "deformity", "yes"),
        ("Twsited my knee at football and now I'm limpign.", "limp", "yes"),
        ("Shiverign all night and the knee is hot.", "fever_or_unwell", "yes"),
        # a word the lexicon or the normalisation rules write out is a target too ("inflated")
        ("My knee looks inflaated since the match.", "swelling", "mild"),
        # an apostrophe typed twice
        ("I can''t put any weight on it.", "can_bear_weight", "no"),
        # a real word is never changed, even one letter from a pattern word
        ("My knees creaks on the stairs.", "how_it_started", None),
        ("A niggle on the outside after runs.", "pain_out_of_proportion", None),
    ],
    "an op, a wound gone angry": [
        ("Since my op last week it's been sore.", "recent_surgery_or_injection", "yes"),
        ("Bought a knee support at the op shop.", "recent_surgery_or_injection", None),
        ("Like the OP said, ice it and rest.", "recent_surgery_or_injection", None),
        ("It's gone angry red round the stitches.", "skin_wound_over_knee", "yes"),
        ("The stitches look red and hot.", "warmth_or_redness", "yes"),
        ("Staples are still there, when will they remove?", "warmth_or_redness", None),
    ],
    "a case stem's history, relatives and the hip": [
        # a complaint's own length is not the past, and it dates the pain
        ("A 1-month history of intermittent right knee pain, worse in the past day.", "hours_since_onset", 730.0),
        ("A 1-month history of intermittent right knee pain.", "side", "right"),
        # an age of the past is the past, not a duration
        ("He broke his tibia at the age of 8 years in a skateboarding accident.", "how_it_started", None),
        ("He broke his tibia at the age of 8 years in a skateboarding accident.", "hours_since_onset", None),
        # a cast or a flight of the past is no clot risk now; a clot of the past is
        ("Long flight 3 years ago.", "clot_risk", None),
        ("History of DVT 5 years ago.", "clot_risk", "yes"),
        # the patient's relatives in a note about him or her; a writer's brother is the patient
        ("His mother has type 2 diabetes mellitus.", "diabetes_or_immunosuppressed", None),
        ("He has diabetes and his knee is swollen.", "diabetes_or_immunosuppressed", "yes"),
        ("His wife has diabetes, his knee is swollen.", "diabetes_or_immunosuppressed", None),
        ("My brother knee came out of place in volleyball, it is still out.", "deformity", "yes"),
        ("There is tenderness to palpation of the anterior aspect of the right hip.", "hip_or_groin_symptoms", "yes"),
    ],
    "a straight leg raise and blood drawn from the knee": [
        ("Not able to SLR after slip on stairs.", "can_straight_leg_raise", "no"),
        ("No pain on straight leg raise.", "can_straight_leg_raise", None),
        ("Knee aspirate: frank blood.", "swelling_onset", "within_2_hours"),
        ("They drained blood from my knee at the clinic.", "swelling_onset", "within_2_hours"),
        ("Blood tests were normal.", "swelling_onset", None),
    ],
    "a blocked artery": [
        ("He was diagnosed with a peripheral arterial embolism.", "foot_numb_cold_or_pale", "yes"),
        ("The artery in my leg is blocked.", "foot_numb_cold_or_pale", "yes"),
        ("The artery in my leg is blocked.", "true_locking", None),
        ("My knee is blocked, I can't straighten it.", "true_locking", "yes"),
    ],
    "a story's own times, a runner's foot strike, a recent history": [
        # a time between two past events says nothing of now; a visit's "later" does
        ("I injured my knee playing football. I then trained 2 days later on my own.", "hours_since_onset", None),
        ("I fell and was seen in clinic 3 days later.", "hours_since_onset", 72.0),
        # a month opening the sentence of an injury dates it (Wednesday 25 November: nine months back)
        ("In February, I injured my knee playing football.", "hours_since_onset", 9 * 730.0),
        ("I have been concentrating on a low impact forefoot strike.", "how_it_started", None),
        ("I was struck on the knee by a hockey stick.", "how_it_started", ["direct_blow"]),
        # a recent history is of now: "a recent history of a fall" is a fall
        ("A recent history of a fall onto the knee.", "how_it_started", ["direct_blow", "fall"]),
        ("A history of a fall onto the knee.", "how_it_started", None),
        # a recent period is not the past; years are
        ("He had dislocated his knee three times in the past couple of years.", "knee_dislocated", None),
        # an operation dated just before it across a comma, and the same one named again later
        ("He was last seen on 03/04/2021, where he received a steroid injection.", "recent_surgery_or_injection", None),
        (
            "He had an injection on 03/04/2021. The injection he received then only helped for a few weeks.",
            "recent_surgery_or_injection",
            None,
        ),
        ("I had a scope in 2019. The new operation last week has left it hot.", "recent_surgery_or_injection", "yes"),
        # this year's date does not make an operation old (Wednesday 25 November 2026)
        ("In 2026, after a fall, I had a scope.", "recent_surgery_or_injection", "yes"),
        ("In 2019, after a fall, I had a scope.", "recent_surgery_or_injection", None),
        ("I had an injection on 11/20/2026, now my knee is hot.", "recent_surgery_or_injection", "yes"),
    ],
    "a hyphen in weight-bear, a twist that makes it hurt, warm water": [
        ("Since the tackle I can't weight-bear on it.", "can_bear_weight", "no"),
        ("Non-weight-bearing since Saturday.", "can_bear_weight", "no"),
        # a twist said in the present after "when I", "and", "with" is what makes it hurt, not how it began
        ("It catches on the inner side when I twist.", "how_it_started", None),
        ("My knee aches when I squat and twist.", "how_it_started", None),
        ("Pain with twisting and kneeling.", "how_it_started", None),
        ("It hurt when I twisted it at rugby.", "how_it_started", ["twist_or_pivot"]),
        ("I was pivoting at netball when it went.", "how_it_started", ["twist_or_pivot"]),
        ("On changing direction the knee gave way.", "how_it_started", ["twist_or_pivot"]),
        # what is put on the knee is not the knee's warmth
        ("I sat in warm water to loosen it.", "warmth_or_redness", None),
        ("A hot water bottle helps at night.", "warmth_or_redness", None),
    ],
    "walking said to be normal, a present perfect inside a story": [
        ("No swelling, walking is normal.", "can_bear_weight", "yes"),
        ("She's running around normally at break.", "can_bear_weight", "yes"),
        ("Mobilising independently on the ward.", "can_bear_weight", "yes"),
        # walking, but not as before: asked, never the "yes" of "walk normally" inside it
        ("I can't walk normally since the fall.", "can_bear_weight", None),
        # "it hasn't locked" is now, not a sentence of the story the first sentence dates
        ("I upped my mileage 3 weeks ago. No swelling, it hasn't locked, walking fine.", "can_bear_weight", "yes"),
    ],
    "a football tackle as players say it, an injury denied in other words": [
        ("Caught a late challenge at five-a-side, right on the side of the knee.", "how_it_started", ["direct_blow"]),
        ("His studs went straight into my knee.", "how_it_started", ["direct_blow"]),
        ("My studs caught in the turf and I twisted.", "how_it_started", ["twist_or_pivot"]),
        ("I dug my studs into the turf and turned sharply.", "how_it_started", ["twist_or_pivot"]),
        ("I love a challenge.", "how_it_started", None),
        ("Never got kicked there, it just came on.", "how_it_started", ["no_injury"]),
        ("No bad landing that I remember.", "how_it_started", ["no_injury"]),
        # an ability lost is not an injury denied
        ("Since Saturday I can't kick or sprint.", "how_it_started", None),
        ("The ache won't let me fall asleep.", "how_it_started", None),
    ],
    "a neurovascular deficit as notes write it": [
        ("R knee inj, NV compromised distally.", "foot_numb_cold_or_pale", "yes"),
        ("Neurovascular deficit below the knee.", "foot_numb_cold_or_pale", "yes"),
        ("No neurovascular deficit.", "foot_numb_cold_or_pale", "no"),
        ("Knee inj at rugby today.", "how_it_started", ["injury_unspecified"]),
    ],
    "a knee that came out, a knee landed on": [
        # how people name a kneecap that went out; not a knee that came out of a brace
        ("My knee's come out again at netball.", "kneecap_slipped_out", "yes"),
        ("My knee popped out at training.", "kneecap_slipped_out", "yes"),
        ("My knee came out of the brace.", "kneecap_slipped_out", None),
        ("My knee scan came out clear.", "kneecap_slipped_out", None),
        ("My knee went out on me on the stairs.", "giving_way", "yes"),
        ("I was sick with the pain after I landed on it.", "how_it_started", ["direct_blow"]),
    ],
    "a replacement someone would like, a near-fall": [
        ("He would like a knee replacement so he can play golf again.", "joint_replacement", None),
        ("He would like a knee replacement so he can play golf again.", "recent_surgery_or_injection", None),
        ("I had a knee replacement in 2019.", "joint_replacement", "yes"),
        ("The knee gives out and he has had one near-fall.", "how_it_started", None),
        ("I nearly fell on the stairs.", "how_it_started", None),
        ("I fell on the stairs.", "how_it_started", ["fall"]),
    ],
    "an age said after 'then', without its commas": [
        ("my nephew leo then 13 came limping off the pitch", "age", 13),
        ("I ran 5 km then 3 days later it hurt.", "age", None),
    ],
    "a doctor addressed is not a surgeon's cut": [
        ("doctor i have a big open wound on my knee", "deep_wound_over_knee", "yes"),
        ("The surgeon left an open wound to drain.", "deep_wound_over_knee", None),
        ("The doctor cut it open to fix the tendon.", "deep_wound_over_knee", None),
    ],
    "keeping up is not being kept up at night": [
        ("Please slow down so I can keep up with you, my knee is sore.", "night_pain", None),
        ("My knee keeps locking up on the stairs.", "night_pain", None),
        ("The ache keeps me up most nights.", "night_pain", "yes"),
    ],
    "a list said of the calf or the ankle, pulses graded, a rate in breaths, a slight deformity": [
        # every item of a list ending on a body part is said of that part
        ("I have swelling, pain and warmth in my left calf.", "calf_swelling", "yes"),
        ("I have swelling, pain and warmth in my left calf.", "swelling", None),
        ("No swelling, redness or pain in the calf.", "calf_swelling", "no"),
        ("Swelling, bruising and pain in her ankle after the fall.", "swelling", None),
        ("My knee is swollen, some pain in my calf.", "swelling", "mild"),
        # the knee and the calf named together: both swollen
        ("The knee and calf are swollen.", "swelling", "mild"),
        ("The knee and calf are swollen.", "calf_swelling", "yes"),
        ("Increasing swelling and erythema of her right calf.", "calf_swelling", "yes"),
        # pulses graded as notes grade them are pulses felt
        ("Pulses +2 in both extremities.", "foot_numb_cold_or_pale", "no"),
        ("2+ dorsalis pedis and posterior tibial pulses.", "foot_numb_cold_or_pale", "no"),
        ("CV: symmetric pulses bilaterally.", "foot_numb_cold_or_pale", "no"),
        ("Pulses absent in the foot.", "foot_numb_cold_or_pale", "yes"),
        # a slight deformity is asked first, not read as an obvious one
        ("On inspection there was a mild deformity just above the joint.", "deformity", None),
        ("Obvious deformity of the knee.", "deformity", "yes"),
    ],
    "what relieves it is not a trend, a kneecap displaced as examiners say it": [
        ("Lateral knee pain for 6 weeks, settles with rest.", "trend", None),
        ("It improves with ice but comes back on every run.", "trend", None),
        ("It eases when I stop running.", "trend", None),
        ("It has improved a lot since Monday.", "trend", "better"),
        ("Improving slowly.", "trend", "better"),
        ("O/E: knee held in flexion, patella displaced laterally.", "deformity", "yes"),
        ("Laterally displaced patella on inspection.", "deformity", "yes"),
        ("The kneecap dislocated laterally and went back in.", "deformity", "no"),
    ],
    "a sign said to be over since": [
        ("Had a nasty fever last month with flu but that's long gone. Now my knee aches.", "fever_or_unwell", None),
        ("A fever last week which cleared up with antibiotics; knee sore after runs.", "fever_or_unwell", None),
        ("I have a fever and it hasn't gone away.", "fever_or_unwell", "yes"),
        ("I twisted and it's gone, can't stand.", "can_bear_weight", "no"),
    ],
    "a blow taken": [
        ("He took a boot to the side of the knee.", "how_it_started", ["direct_blow"]),
        ("I caught a knee to the thigh in training.", "how_it_started", ["direct_blow"]),
        ("Took a ball to the face last week, knee fine.", "how_it_started", None),
        ("I got a knee injury in my left knee last year.", "how_it_started", None),
    ],
    "pain that wakes, not a day that began": [
        ("Woke up on Sunday and the knee pain I had before was back.", "night_pain", None),
        ("Tuesday morning I woke up to take the dog for a run.", "night_pain", None),
        ("The pain wakes me up at night.", "night_pain", "yes"),
        ("I wake up with big pain.", "night_pain", "yes"),
        ("I woke at 3am last night with my right knee throbbing.", "night_pain", "yes"),
        ("Didn't hurt it, waking is fine.", "night_pain", None),  # "waking" for "walking": "is" is not "am"
        ("I keep waking up because of the pain.", "night_pain", "yes"),
    ],
    "a kneecap stuck where it went, gunk from a scar, me op": [
        ("Kneecap's popped out to the side and it's stuck there.", "deformity", "yes"),
        ("The knobbly bit under my kneecap sticks out more than it did.", "deformity", None),
        ("There's gunk coming out the scar.", "warmth_or_redness", "yes"),
        ("Swollen since me op last week.", "recent_surgery_or_injection", "yes"),
    ],
    "walking only with crutches, an ability denied with 'no way', a jump off a wall, 'I hurt it'": [
        ("Can only walk with crutches since Saturday, can't manage without them.", "can_bear_weight", "no"),
        ("I can only walk with a stick now, arthritis for years.", "can_bear_weight", "yes"),
        ("There's no chance I could take four steps on that leg.", "can_bear_weight", "no"),
        ("No way I can put weight on it.", "can_bear_weight", "no"),
        ("Jumped off the wall yesterday and it hurts.", "how_it_started", ["landing_from_jump"]),
        ("The knee has been sore since I hurt it on Saturday.", "how_it_started", ["injury_unspecified"]),
        ("It hurt my knee to kneel.", "how_it_started", None),
    ],
    "a dropped g, 'swole', a knee that went pop, a kneecap still out, 'it came out and went back'": [
        ("bro my knee keeps givin out on me n its all swole", "giving_way", "yes"),
        ("bro my knee keeps givin out on me n its all swole", "swelling", "mild"),
        ("my knee went pop at bball", "how_it_started", ["injury_unspecified"]),
        ("my knee went pop at bball", "sports", ["jumping_sports"]),
        ("my kneecap moved to the side n its still there", "deformity", "yes"),
        ("My knee feels like coming out; today it came out and went back.", "kneecap_slipped_out", "yes"),
        ("My kneecap slipped to the side but it went back.", "how_it_started", None),
        ("I slipped on the ice.", "how_it_started", ["fall"]),
        ("I fell out of bed onto my knee.", "how_it_started", ["fall"]),
        ("Inflammation of the IT band again.", "warmth_or_redness", None),
    ],
    "a lump where a swelling is, red and spreading, feeling off": [
        ("There's a soft lump behind my knee.", "swelling", "mild"),
        ("Lump in front of kneecap is red, hot and spreading.", "swelling", "mild"),
        ("Lump in front of kneecap is red, hot and spreading.", "warmth_or_redness", "yes"),
        ("I've been feeling a bit off since yesterday.", "fever_or_unwell", "yes"),
        ("I feel off balance when I stand on that leg.", "fever_or_unwell", None),
        ("Felt off the pace at parkrun.", "fever_or_unwell", None),
    ],
    "a small child's age in months or with a half, a child refusing to walk for days": [
        ("A 17-month-old girl with a limp.", "age", 1),
        ("My 14 month old won't stand.", "age", 1),
        ("It's a 3 month old injury.", "age", None),
        ("2 and a half-year-old, Tim, is brought in.", "age", 2),
        ("He has been refusing to walk for four days.", "can_bear_weight", "no"),
        ("I can't walk for long before it aches.", "can_bear_weight", None),
    ],
    "how an injury happened in a sentence that opens years ago is that old injury's": [
        ("Back in 2019 I couldn't walk for a week after a bad fall. Now it's a mild ache.", "how_it_started", None),
        (
            "Back in 2019 I couldn't walk for a week after a bad fall. Now it's a mild ache.",
            "previous_knee_injury",
            "yes",
        ),
        ("When I was 12 I fell off my bike onto this knee. It aches after runs now.", "how_it_started", None),
        (
            "Years ago I twisted it skiing. Yesterday I twisted it again and it swelled.",
            "how_it_started",
            ["twist_or_pivot"],
        ),
    ],
    "weight bearing as notes say it, a slash between two findings, locking denied": [
        ("Able to WB immediately and since.", "can_bear_weight", "yes"),
        ("Not able to weight bear.", "can_bear_weight", "no"),
        ("Can't weight bear.", "can_bear_weight", "no"),
        ("No locking/giving way.", "giving_way", "no"),
        ("No locking/giving way.", "true_locking", "no"),
        ("Denies locking.", "true_locking", "no"),
        ("No pain but locking at times.", "true_locking", None),
        ("Denies swelling, locking or giving way.", "true_locking", "no"),
        ("He denies trauma, swelling, catching or locking.", "true_locking", "no"),
        ("No injury. It keeps locking.", "true_locking", "yes"),
    ],
    "the head of the fibula tender, across brackets or in lay words": [
        (
            "The bony bump on the outside just below the knee (fibula head?) is really tender.",
            "tender_fibula_head",
            "yes",
        ),
        ("The fibula head is tender.", "tender_fibula_head", "yes"),
        ("No tenderness over the fibular head.", "tender_fibula_head", "no"),
    ],
    "a shin that dislocated is the knee joint": [
        ("He felt his right shin laterally dislocate as he turned.", "knee_dislocated", "yes"),
        ("I dislocated my shoulder and bruised my shin.", "knee_dislocated", None),
    ],
    "a knee that is stuck, an ability denied with neither-nor, 'inflamed' said of a tendon or band": [
        ("She explains that her right knee is stuck, and she can neither flex nor extend it.", "true_locking", "yes"),
        ("My knee's stuck and I can't move it.", "true_locking", "yes"),
        ("My knee is stuck in a brace for six weeks.", "true_locking", None),
        ("I could neither walk nor stand after the tackle.", "can_bear_weight", "no"),
        ("My knee is inflamed and sore.", "warmth_or_redness", "yes"),
        ("The knee was not inflamed.", "warmth_or_redness", "no"),
        ("I'm 90% sure it is the IT band inflamed on my knee.", "warmth_or_redness", None),
        ("The physio said my patellar tendon is inflamed.", "warmth_or_redness", None),
        ("Another flare of an inflamed tendon below the kneecap.", "warmth_or_redness", None),
    ],
    "a swelling said to be gone, double its size, heat felt, a knee that feels looser, a bruise up to the groin": [
        ("The swelling has gone but it still gives way on stairs.", "swelling", "none"),
        ("The swelling has gone down a bit.", "swelling", "mild"),
        ("Swollen to more than double its normal size.", "swelling", "pronounced"),
        ("I can feel the heat coming off it.", "warmth_or_redness", "yes"),
        ("There is heat in the knee.", "warmth_or_redness", "yes"),
        ("I put heat on it last night.", "warmth_or_redness", None),
        ("It felt much looser when riding.", "giving_way", None),
        ("My knee feels loose.", "giving_way", "yes"),
        ("Bruises from my mid-shin right up to my groin.", "hip_or_groin_symptoms", None),
        ("Pain radiating to my groin.", "hip_or_groin_symptoms", "yes"),
    ],
    "a denial that reaches a second action, hills are not a distance walked, a kneecap that slips out": [
        ("His knee is swollen and he won't bend it or walk.", "can_bear_weight", "no"),
        ("I can't walk up hills.", "can_bear_weight", None),
        ("I can't sit for long or walk up hills.", "can_bear_weight", None),
        ("She says it feels like it slips out sometimes during dance.", "how_it_started", None),
        ("I slipped on the ice.", "how_it_started", ["fall"]),
        ("I fell out of bed onto my knee.", "how_it_started", ["fall"]),
        ("Inflammation of the IT band again.", "warmth_or_redness", None),
    ],
    "a bend limited to a number, or not past a right angle": [
        ("idk what happened but i cant bend it past like 45", "can_bend_90", "no"),
        ("I can't bend it past 90 without pain.", "can_bend_90", None),
        ("I can't bend it more than 90 degrees.", "can_bend_90", None),
        ("I can't bend my left knee even to ninety.", "can_bend_90", "no"),
        ("Can't bend my knee 90 degrees.", "can_bend_90", "no"),
    ],
    "a full range of movement as examiners write it": [
        ("He has full range of motion of the knee.", "can_bend_90", "yes"),
        ("O: no effusion; full ROM.", "can_bend_90", "yes"),
        ("Not full range of motion.", "can_bend_90", None),
        ("Full range of motion of the hip.", "can_bend_90", None),
    ],
    "a knee held bent or blocked in an examiner's words, 'months back'": [
        (
            "O/E: knee held in 20 deg flexion, unable to actively or passively extend beyond this.",
            "true_locking",
            "yes",
        ),
        ("Springy block to extension.", "true_locking", "yes"),
        ("Knee held in flexion for comfort.", "true_locking", None),
        ("Had a steroid jab in my knee about 5 months back.", "recent_surgery_or_injection", None),
        ("Had a steroid jab in my knee two weeks back.", "recent_surgery_or_injection", "yes"),
        ("My back hurts and so does my knee.", "hours_since_onset", None),
    ],
    "British speech: a knee that 'just went', 'poorly', 'under the weather', a calf 'killing', a cricket ball's size": [
        ("My knee just went.", "giving_way", "yes"),
        ("Knee went on me on the stairs.", "giving_way", "yes"),
        ("I went for a run and my knee went stiff.", "giving_way", None),
        ("Trail race DNF, knee gone, can't put any weight on it.", "giving_way", None),
        ("He's been off his food and a bit poorly.", "fever_or_unwell", "yes"),
        ("She's under the weather and her knee is swollen.", "fever_or_unwell", "yes"),
        ("It healed poorly.", "fever_or_unwell", None),
        ("My kneecap is tracking poorly.", "fever_or_unwell", None),
        ("The wound has been healing poorly.", "fever_or_unwell", None),
        ("He felt a burning pain in his knee.", "fever_or_unwell", None),
        ("He's ever so hot and floppy.", "fever_or_unwell", "yes"),
        ("He's running a temperature.", "worse_with", None),
        ("I'm on the pill and my calf is killing.", "calf_pain", "yes"),
        ("It's come up like a cricket ball.", "swelling", "pronounced"),
        ("It's come up like a cricket ball.", "sports", None),
        ("I play cricket at weekends.", "sports", ["field_sports"]),
    ],
    "clinical notes: mobilising, an X-ray's 'no bony injury', an operation listed with its year, dorsiflexion": [
        ("Unable to mobilise since fall.", "can_bear_weight", "no"),
        ("Not mobilising since the fall.", "can_bear_weight", "no"),
        ("Mobilising independently.", "can_bear_weight", "yes"),
        ("XR: no bony injury.", "how_it_started", None),
        ("PMH: TKR 2015, now hot swollen knee.", "recent_surgery_or_injection", None),
        ("ACL reconstruction (2019).", "recent_surgery_or_injection", None),
        ("Walked 2000 steps after the op yesterday.", "recent_surgery_or_injection", "yes"),
        ("Unable to dorsiflex ankle.", "foot_numb_cold_or_pale", "yes"),
        ("Pain on dorsiflexion of the foot.", "foot_numb_cold_or_pale", None),
    ],
    "a bone seen, a knee that looks wonky, a knee seized solid": [
        ("I can see the bone.", "deformity", "yes"),
        ("On the x-ray you can see the bone is fine.", "deformity", None),
        ("My knee looks wonky compared to the other one.", "deformity", None),  # asked first
        ("My knee looks wonky compared to the other one.", "giving_way", None),
        ("My knee feels wonky on the stairs.", "giving_way", "yes"),
        ("Knee's seized solid since this morning.", "true_locking", "yes"),
        ("My back seized up.", "true_locking", None),  # asked first
    ],
    "'this time', 'fast forward', 'a week ago', 'last week' say the present after a story dated long ago": [
        (
            "Physio last year said it was patellar tendinitis. This time though it locked and won't straighten.",
            "true_locking",
            "yes",
        ),
        (
            "Five years ago I had a knee replacement. A week ago my knee became hot and swollen and I couldn't walk on it.",
            "can_bear_weight",
            "no",
        ),
        ("Three years ago I tore my ACL. Fast forward two years, the knee went hot and swollen.", "swelling", "mild"),
        (
            "A few months ago I had a steroid injection. Last week it swelled right up and went red and hot.",
            "swelling",
            "mild",
        ),
    ],
    "a story dated long ago of another person does not make the writer's next sentence the past": [
        ("My mate tore his ACL last year. I heard a pop at football and it swelled straight away.", "pop", "yes"),
        ("Two years ago I tore my ACL. I heard a pop and it swelled straight away.", "pop", None),  # asked first
    ],
    "Homans' sign as notes write it": [
        ("Homans sign positive on the right.", "calf_pain", "yes"),
        ("+ve Homans.", "calf_pain", "yes"),
        ("Homan's sign negative.", "calf_pain", None),
    ],
    "an oxygen saturation at the highest-risk level of NEWS2 is a breathing problem": [
        ("Pulse 118/min, oxygen saturation 89% on room air.", "breathless_or_chest_pain", "yes"),
        ("O2 sats of 88 after the knee op.", "breathless_or_chest_pain", "yes"),
        ("Sats 97% on air, calf swollen.", "breathless_or_chest_pain", None),
        ("SpO2 90% on 4L oxygen.", "breathless_or_chest_pain", None),  # on oxygen: not read
    ],
    "a heart rate written after a blood pressure": [
        ("BP 110/76 HR 118 RR 22 Temp 98.6 F.", "hours_since_onset", None),
        ("Knee pain for 2 hr 30 min.", "hours_since_onset", 2.0),
    ],
    "a knee that will not bend, a player who did not get up, a landing gone wrong": [
        ("I can't bend my knee.", "can_bend_90", "no"),
        ("I cannot bend my left knee since the fall.", "can_bend_90", "no"),
        ("I can't bend my knee fully.", "can_bend_90", None),
        ("She can't bend her left knee past 90.", "can_bend_90", None),
        ("He did not get up under his own power.", "can_bear_weight", "no"),
        ("He walked off under his own power.", "can_bear_weight", "yes"),
        ("He came down wrong off the top.", "how_it_started", ["landing_from_jump"]),
        ("My temperature came down hard overnight.", "how_it_started", None),
        ("My knee locked up.", "true_locking", None),  # asked first
        ("My knee locked up after squats yesterday.", "true_locking", "yes"),
    ],
    "grocery trips are journeys; jogging that is tolerable is walking": [
        ("I pause on stairs and limit grocery trips.", "how_it_started", None),
        ("She trips over things a lot and her knee hurts.", "how_it_started", ["fall"]),
        ("Cutting and pivoting hurt; straight-line jogging is tolerable.", "can_bear_weight", "yes"),
        ("Running isn't ok yet.", "can_bear_weight", None),
    ],
    "shoes replaced are not a knee replaced; surgery long ago; something done to a knee; one of them": [
        ("I replaced my running shoes last month and my knee hurts.", "recent_surgery_or_injection", None),
        ("I bought a replacement belt for the mower.", "recent_surgery_or_injection", None),
        ("I had a knee replacement in March.", "recent_surgery_or_injection", "yes"),
        ("I had it replaced 2 weeks ago.", "recent_surgery_or_injection", "yes"),
        ("All shoulders and ankles, my long-ago surgeries.", "recent_surgery_or_injection", None),
        ("I had surgery not long ago and it's swollen.", "recent_surgery_or_injection", "yes"),
        ("I did something to my knee at football.", "how_it_started", ["injury_unspecified"]),
        ("I need to do something to my knee to strengthen it.", "how_it_started", None),
        # (said beside the writer's own knee: in a text told of a patient, they may be the patient)
        ("My knee hurts. Only one of the lads was able to walk off the pitch.", "can_bear_weight", None),
        ("Both my knees ache and one of them is swollen.", "swelling", "mild"),
        ("No swollen joint photos to document this.", "swelling", None),
    ],
    "weather, a motorway and an operation spoken of are not signs": [
        ("It was a chilly November evening when my knee buckled.", "fever_or_unwell", None),
        ("I felt chilly all night and my knee is hot.", "fever_or_unwell", "yes"),
        ("The nurses were rushed off their feet as the cold snap hit.", "foot_numb_cold_or_pale", None),
        ("I hobble into the office with my wounded knee.", "skin_wound_over_knee", None),
        ("There is a wound on my knee.", "skin_wound_over_knee", "yes"),
        ("It was like rush hour on the M25.", "age", None),
        ("M25 with knee pain.", "age", 25),
        ("I sat contemplating my 1 hour 40 minute journey home.", "clot_risk", None),
        ("After long travel by bus 20 hour, my calf is big.", "clot_risk", "yes"),
        ("I haven't been on any long journeys.", "clot_risk", "no"),
        ("He mentioned rehab and a possible op.", "recent_surgery_or_injection", None),
        ("My doctor says I need a knee replacement. My knee is swollen.", "recent_surgery_or_injection", None),
        ("My doctor says I need a knee replacement.", "joint_replacement", None),
        ("She needs a new knee, it's swollen.", "recent_surgery_or_injection", None),
        ("I'm waiting for a knee replacement and it's swollen.", "recent_surgery_or_injection", None),
        ("I needed surgery after the accident last month.", "recent_surgery_or_injection", "yes"),
        ("We talked about a reconstruction.", "recent_surgery_or_injection", None),
        ("The surgeon discussed the option of an arthroscopy.", "recent_surgery_or_injection", None),
        ("I mentioned my knee surgery two weeks ago to the GP.", "recent_surgery_or_injection", "yes"),
        ("Her calf is twice the size since her hip op.", "recent_surgery_or_injection", "yes"),
        ("My knee op was 2 weeks ago.", "recent_surgery_or_injection", "yes"),
    ],
    "a swelling said to be sudden is one of the last day": [
        ("Elderly woman with sudden painful, swollen knee and no injury.", "swelling_onset", "within_24_hours"),
        ("A patient has one acutely hot swollen knee.", "swelling_onset", "within_24_hours"),
        ("My knee swells a bit after long runs.", "swelling_onset", None),
    ],
    "pain since last night is an onset, not night pain": [
        ("Calf pain since last night.", "night_pain", None),
        ("It hurt all last night and kept me awake.", "night_pain", "yes"),
        ("It aches every night.", "night_pain", "yes"),
        ("It throbs in the night.", "night_pain", "yes"),
    ],
    "symptom free at rest; a pain called hot": [
        ("He was symptom free at rest and only had pain while running.", "worse_with", ["running"]),
        ('Lateral left knee pain "hot", lasting only 30 seconds.', "warmth_or_redness", None),
        ("Knee pain, hot and swollen.", "warmth_or_redness", "yes"),
    ],
    "ambulatory, as notes say it": [
        ("He was non-ambulatory at the scene.", "can_bear_weight", "no"),
        ("He has been ambulatory since the incident.", "can_bear_weight", "yes"),
        ("He was not ambulatory.", "can_bear_weight", "no"),
    ],
    "kneed in a game; worse with an activity is not worse over the days; a surgery dated by 'later'": [
        ("He was accidentally kneed during practice.", "how_it_started", ["direct_blow"]),
        ("I'm walking bent-kneed.", "how_it_started", None),
        ("Pain worsened with basketball activities and improved with rest.", "trend", None),
        ("The pain has worsened over the last week.", "trend", "worse"),
        ("Already settling with rest.", "trend", "better"),
        (
            "I had arthroscopic surgery. 6 months later, despite surgery, the pain was no better.",
            "recent_surgery_or_injection",
            None,
        ),
        ("I had knee surgery. Two weeks later it swelled up and went red.", "recent_surgery_or_injection", "yes"),
    ],
    "British: a parent's age, in plaster, a kneecap still sat out, peaky": [
        ("Got a dead leg in rugby on Saturday, thigh's bruised.", "how_it_started", ["direct_blow"]),
        ("Got a dead leg in rugby on Saturday, thigh's bruised.", "foot_numb_cold_or_pale", None),
        ("Mum's 82 and had a fall in the kitchen.", "age", 82),
        ("Mum's 82nd birthday party, I danced all night and now my knee aches.", "age", None),
        ("He's been in plaster for his ankle for three weeks.", "clot_risk", "yes"),
        ("My kneecap slipped out at netball and it's still sat on the outside.", "deformity", "yes"),
        ("She's gone all peaky and off colour.", "fever_or_unwell", None),  # asked first
    ],
}


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("My knee feels like jelly.", True),
        ("Knee's been feeling like jelly since I jarred it, keeps wanting to go.", True),
        ("My legs were like jelly after the marathon.", False),
        ("It wants to go to the physio.", False),
    ],
)
def test_a_knee_like_jelly_or_wanting_to_go_is_asked_whether_it_gives_way(text, asked):
    note = understand(text, today=WEDNESDAY)
    assert "giving_way" not in note.answers.known()
    assert (("giving_way", "yes") in {(m.field, m.value) for m in note.possible}) is asked


def test_legs_weaker_day_by_day_are_asked_first_as_a_nerve_sign():
    read = understand("legs getting weaker every day this week", today=WEDNESDAY)
    assert ("foot_numb_cold_or_pale", "yes") in {(m.field, m.value) for m in read.possible}
    assert assess_text("legs getting weaker every day this week").urgency == "urgent"


def test_barely_walking_is_still_asked_first():
    """'Can barely walk' stays a question asked first (what is barely done, when it is the stairs or
    sleep, is not); the one-shot result of a new injury said so is a same-day check."""
    for text in ("I can barely walk.", "I can barely walk up the road.", "She can barely stand."):
        read = understand(text, today=WEDNESDAY)
        assert ("can_bear_weight", "no") in {(m.field, m.value) for m in read.possible}, text
    assert assess_text("I twisted my knee this morning and I can barely walk.").urgency == "urgent"


def test_a_warning_word_in_a_story_dated_years_ago_is_asked_without_a_same_day_floor():
    """An X-ray, an ambulance or a break told in a story whose opening is years ago is asked about
    first, but it rules out only home care; the same words of a new injury keep the same-day floor."""
    old = "Some 5 years ago I fell and hurt my knee. 2 years later after lots of X-rays I had an arthroscopy."
    result = assess_text(old + " The pain seems to be coming back.")
    assert result.urgency == "routine"
    assert result.could_be == "urgent"  # said plainly, with the deciding question asked first
    assert result.missing[0] == "Can you put weight on the leg and take four steps, even with a limp?"
    story = "Two years ago I fell off a ladder. They took me by ambulance and did an xray. It aches on stairs."
    assert assess_text(story).urgency == "routine"
    assert assess_text("I fell yesterday and had an xray.").urgency == "urgent"
    assert assess_text("I fell last week. They did an xray.").urgency == "urgent"
    # "broken" cartilage is no broken bone
    assert not understand("They cleaned out the broken cartilage under the kneecap.").unplaced


def test_a_knee_that_will_not_straighten_fully_is_asked_whether_it_is_locked():
    """'Can't straighten it fully' may be a block or only stiffness: asked first. After a new injury the
    one-shot result is a same-day check; months after an old injury, with no recent word, a booked visit
    (the hedged floor of a long-standing problem, whether or not it began with an injury)."""
    new = "My knee popped yesterday and I can't straighten it fully."
    note = understand(new, today=WEDNESDAY)
    assert "true_locking" not in note.answers.known()
    assert ("true_locking", "yes") in {(m.field, m.value) for m in note.possible}
    assert assess_text(new).urgency == "urgent"
    old = (
        "I first hurt my knee in January and spent a few months doing physiotherapy. I still can't extend "
        "my leg fully. It hasn't improved one bit over the last few months."
    )
    assert assess_text(old).urgency == "routine"
    assert (
        understand("It's locked and I can't straighten it at all.", today=WEDNESDAY).answers.known()["true_locking"]
        == "yes"
    )


def test_a_knee_that_will_not_bend_properly_after_a_fall_is_asked_first_not_home_care():
    """'Won't bend his knee properly' may or may not reach a right angle (the Ottawa rule's test): it is
    asked first, so a child limping after a fall from a trampoline is not told to manage at home."""
    text = "My lad came off the trampoline and now he's limping and won't bend his knee properly, no swelling."
    note = understand(text, today=WEDNESDAY)
    assert "can_bend_90" not in note.answers.known()
    assert ("can_bend_90", "no") in {(m.field, m.value) for m in note.possible}
    assert assess_text(text).urgency in ("routine", "urgent")


def test_an_x_ray_said_to_show_arthritis_is_not_a_warning_word_to_ask_about():
    note = understand(
        "The doctor showed me X-rays and said I have arthritis in all parts of the knee.", today=WEDNESDAY
    )
    assert [u.text for u in note.unplaced] == []
    assert [u.text for u in understand("Had an xray, not sure what it showed.", today=WEDNESDAY).unplaced] == ["xray"]


def test_a_settling_swelling_after_an_operation_asks_for_fever_before_anything_else():
    """Two weeks after an arthroscopy, a little swelling that is improving, no redness or warmth: not the
    septic joint emergency, but not home care either until the fever question is answered."""
    text = "I had arthroscopic surgery two weeks ago. A little swelling but improving. No redness or warmth."
    result = assess_text(text)
    assert result.urgency == "routine" and result.could_be == "emergency"
    assert "septic_joint" not in [r.rule for r in result.urgency_reasons]
    assert assess_text(text + " I've had a fever since last night.").urgency == "emergency"


def test_a_knee_that_locked_up_once_is_asked_first_and_one_that_locks_up_each_morning_is_not():
    """'My knee gave way and locked up' may be a lock or a knee gone stiff: asked first, and a one-shot
    result says it may be more urgent; 'locks up every morning' is stiffness and only a word to ask."""
    once = understand("My knee gave way and locked up.", today=WEDNESDAY)
    assert ("true_locking", "yes") in {(m.field, m.value) for m in once.possible}
    assert assess_text("My knee locked up.").urgency == "urgent"
    mornings = understand("My knee locks up every morning.", today=WEDNESDAY)
    assert "true_locking" not in {m.field for m in mornings.possible}


def test_a_person_described_as_white_and_a_number_of_years_are_not_warning_words():
    note = understand("This is a 58-year-old white female with right knee pain for a number of years.", today=WEDNESDAY)
    assert [u.text for u in note.unplaced] == []
    # a foot that went white is still the circulation sign
    assert read("My foot went white and numb.")["foot_numb_cold_or_pale"] == "yes"


def test_a_story_of_a_past_year_whose_writer_has_recovered_is_the_past_and_without_that_is_asked():
    """Signs told in a story dated to a past calendar year are set aside as the past when the writer
    says they have recovered since; without that word they are asked first (a story told of 2019 may
    be told because it is not over)."""
    story = "In October 2021 I fell and my knee dislocated. I couldn't put any weight on it and my calf swelled."
    over = understand(f"{story} I'm now physically healed.", today=WEDNESDAY)
    assert {"can_bear_weight", "calf_swelling"} <= {s.field for s in over.set_aside if s.reason == "about the past"}
    assert not over.possible and "calf_swelling" not in over.answers.known()
    assert assess_text(f"{story} I'm now physically healed.").urgency in ("self_care", "routine")
    still = understand(story, today=WEDNESDAY)
    assert "can_bear_weight" in {m.field for m in still.possible}
    assert assess_text(story).urgency in ("urgent", "emergency")


def test_a_fever_told_in_a_story_weeks_ago_is_asked_not_taken_as_now():
    """A fever told in the past tense of a time weeks or more ago ("I had a temperature last month with
    flu") may be over: it is asked first, not read as a fever now; one dated to the last days is now."""
    old = understand("I had a temperature last month with flu. My knee aches after runs.", today=WEDNESDAY)
    assert "fever_or_unwell" not in old.answers.known()
    assert ("fever_or_unwell", "yes") in {(m.field, m.value) for m in old.possible}
    recent = "Two days ago I twisted my knee. I had a fever yesterday and it's hot and swollen."
    assert understand(recent, today=WEDNESDAY).answers.known().get("fever_or_unwell") == "yes"
    assert assess_text(recent).urgency == "emergency"


def test_a_sign_said_to_be_over_is_the_past_when_dated_weeks_ago_and_asked_when_recent():
    """'A fever last month, but that's long gone' is the past; 'a fever two days ago, which has
    passed' beside a hot swollen knee may not be over: it is asked first, and the result says it
    could be an emergency."""
    old = understand("Had a nasty fever last month with flu but that's long gone. Now my knee aches.", today=WEDNESDAY)
    assert "fever_or_unwell" not in old.answers.known()
    assert "fever_or_unwell" not in {m.field for m in old.possible}
    recent_text = "Had a fever two days ago which has passed, knee still hot and swollen."
    recent = understand(recent_text, today=WEDNESDAY)
    assert ("fever_or_unwell", "yes") in {(m.field, m.value) for m in recent.possible}
    result = assess_text(recent_text)
    assert result.urgency == "urgent" and result.could_be == "emergency"


def test_a_knee_put_down_on_something_sharp_asks_about_a_wound_first():
    """'Kneeling on glass, there's still some in there', 'I knelt on a nail': a wound to be seen,
    asked first; 'the glass table' is not something sharp."""
    for text in ("kneeling on glass, theres still some in there", "I knelt on a nail at work and it bled a bit."):
        assert ("deep_wound_over_knee", "yes") in {(m.field, m.value) for m in understand(text).possible}, text
        assert assess_text(text).urgency == "urgent", text
    table = understand("I fell on the glass table, knee sore.")
    assert "deep_wound_over_knee" not in {m.field for m in table.possible}


def test_what_a_person_started_does_not_date_the_pain():
    """'Started a new job two months ago' says nothing of when the knee began to hurt; 'it started
    two weeks ago' does."""
    job = understand("Started a new job two months ago. My knee started hurting after my run this morning.")
    assert job.answers.known().get("hours_since_onset") == 6.0
    assert understand("It started two weeks ago.").answers.known().get("hours_since_onset") == 336.0


def test_a_warning_word_said_of_another_part_of_the_body_is_not_left_open():
    """'I did break my arm in sixth grade' is the arm's; 'I broke my ankle and knee' is not settled."""
    assert understand("I did break my arm in sixth grade, knee aches.", today=WEDNESDAY).unplaced == []
    assert [u.text for u in understand("I broke my ankle and knee in the fall.", today=WEDNESDAY).unplaced] == ["broke"]
    assert [u.text for u in understand("Broke something, my knee is swollen.", today=WEDNESDAY).unplaced] == ["Broke"]
    assert names_other_part_next("broke my arm", len("broke"))
    # the foot, toes, calf and ankle are where the knee's own warning signs show: never set aside so
    for text in ("numbness in my foot", "tingling in my toes", "broke my ankle", "pain in my chest"):
        assert not names_other_part_next(text, text.index(" ")), text


def test_an_illness_or_swelling_said_to_be_over_and_dated_to_the_last_weeks_is_the_past():
    """'A fever with a cold last week, all better now' is over (even after a comma); the same words
    yesterday beside a hot knee are asked first; a lock said to be over is still what happened; and
    "I can walk fine now" is the present, not a sign that is over."""
    cold = "Had a bit of a fever with a cold last week, all better now. Knee aches since I went back to running."
    read_cold = understand(cold, today=WEDNESDAY)
    assert "fever_or_unwell" not in read_cold.answers.known()
    assert "fever_or_unwell" not in {m.field for m in read_cold.possible}
    assert assess_text(cold).urgency in ("self_care", "routine")
    swelled = understand("Knee swelled up last week but it's back to normal now, just a bit achy.", today=WEDNESDAY)
    assert "swelling" not in swelled.answers.known() and swelled.answers.known().get("previous_knee_injury") is None
    yesterday = understand("Had a fever yesterday, all better now, knee hot and swollen.", today=WEDNESDAY)
    assert ("fever_or_unwell", "yes") in {(m.field, m.value) for m in yesterday.possible}
    locked = understand("My knee locked last week, fine since.", today=WEDNESDAY)
    assert ("true_locking", "yes") in {(m.field, m.value) for m in locked.possible}
    over_it = understand("Had a bit of a temperature with a cold last week, over it now. Knee aches.", today=WEDNESDAY)
    assert "fever_or_unwell" not in over_it.answers.known()
    wobbly = understand("Knee felt a bit wobbly once on the stairs last year but it's been right as rain since.")
    assert "giving_way" not in wobbly.answers.known()
    walking = understand("I heard a pop in my knee but I can walk fine now.", today=WEDNESDAY)
    assert walking.answers.known().get("can_bear_weight") == "yes"


def test_a_red_or_hot_calf_and_pain_out_of_proportion_are_asked_first_and_raise_a_one_shot_result():
    """A red, hot calf (a clot or a skin infection) asks whether the calf is swollen and is a same-day
    check until answered; pain far worse than expected, worst on moving the toes, with no word of how
    it began, asks that first and is judged as the compartment rule would judge it."""
    calf = understand("My calf is red and hot.", today=WEDNESDAY)
    assert ("calf_swelling", "yes") in {(m.field, m.value) for m in calf.possible}
    assert assess_text("My calf is red and hot.").urgency == "urgent"
    pain = assess_text("The pain is far worse than expected and still climbing, and much worse when my toes move.")
    assert pain.urgency == "emergency"
    assert assess_text("I stretched my calves to warm up and my knee aches on stairs.").urgency in (
        "self_care",
        "routine",
    )


def test_a_story_told_before_an_operation_long_ago_is_history_not_a_question():
    """The signs of a story told before an operation the text dates beyond the recent window were so
    before the operation: set aside as the past, not asked first. A story with no such operation is
    still asked about."""
    story = "In March 2024 my knee popped. The leg wouldn't hold any weight."
    operated = understand(f"{story} I'm 7 months post surgery now.", today=WEDNESDAY)
    assert "can_bear_weight" not in {m.field for m in operated.possible}
    assert ("can_bear_weight", "about the past") in {(s.field, s.reason) for s in operated.set_aside}
    assert "can_bear_weight" in {m.field for m in understand(story, today=WEDNESDAY).possible}
    recent = understand(f"{story} I had surgery 3 weeks ago.", today=WEDNESDAY)
    assert "can_bear_weight" in {m.field for m in recent.possible}


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [pytest.param(*case, id=f"{topic} {n}") for topic, cases in READINGS.items() for n, case in enumerate(cases)],
)
def test_a_text_is_read_as_it_says(text, field, expected):
    assert read(text).get(field) == expected


def test_pain_said_as_a_quality_is_painful_but_a_pain_noun_stays():
    assert "very painful when i touch" in normalise("The bone is very pain when I touch.").text
    for text in ("The pain killers help.", "It is pain free now.", "My pain score is 4."):
        assert normalise(text).text == text.lower()


@pytest.mark.parametrize(
    ("note", "least"),
    [
        ("65F, TKR 3/52 ago, now increasing pain, wound erythema and ooze, T 37.9.", "emergency"),
        ("Imp: ?septic arthritis. Plan: aspirate, bloods, admit.", "urgent"),
    ],
)
def test_a_clinicians_note_of_a_possible_joint_infection_is_never_routine(note, least):
    """A replaced knee 3 weeks after surgery with a red wound is a joint infection until shown not;
    a named joint infection, even as a query, is a same-day check."""
    order = ["self_care", "routine", "urgent", "emergency"]
    assert order.index(assess_text(note).urgency) >= order.index(least)


def test_a_tense_leg_after_an_operation_is_the_compartment_rule():
    """Compartment syndrome follows fracture fixation as well as injury (BOAST 10): a fracture said
    as notes write it ("tib plateau #"), "post ORIF" and paraesthesia of the foot are read."""
    note = "Tib plateau #. 6h post ORIF, pain out of proportion, pain on passive stretch of toes, calf tense."
    assert assess_text(note).urgency == "emergency"
    answers = read("Paraesthesia dorsum of foot since the cast went on.")
    assert answers.get("foot_numb_cold_or_pale") == "yes"
    assert read("#kneepain #running day 3 of my plan").get("how_it_started") is None


@pytest.mark.parametrize(
    "text",
    [
        "Imp: ?SUFE. 12M knee pain for 3 weeks.",
        "Worried it's a haemarthrosis, knee swelled after football.",
        "Imp: ?DVT. Knee pain for 2 days.",
        "GP thinks it might be a quads tendon rupture, knee pain since Monday.",
        "Referred with ?compartment syndrome, shin pain after a kick.",
    ],
)
def test_a_serious_condition_named_even_as_a_query_rules_out_home_care_and_routine(text):
    """A clinician's query or a person's fear names what the warning signs would show: the reader
    cannot place it as a finding, so its questions are asked and the one-shot result is a same-day check."""
    assert assess_text(text).urgency in ("urgent", "emergency")


def test_a_clot_in_the_past_is_a_clot_risk_now_and_a_clear_scan_says_nothing_of_the_risk():
    assert read("I had a DVT 10 years ago. Knee aches after running.").get("clot_risk") == "yes"
    assert read("Knee pain for 2 weeks, no DVT on the scan.").get("clot_risk") is None
    assert read("My mum had a clot once. My knee aches after running.").get("clot_risk") is None
    # a clot of the past is read as a risk, not as a clot now: no same-day check for an aching knee
    assert assess_text("I had a clot in my leg 10 years ago. Knee aches after running.").urgency == "routine"


@pytest.mark.parametrize(
    ("text", "least"),
    [
        # a knee driven into a dashboard, a kick to the shin, a rebound landing: injuries as notes say them
        ("29F, direct blow to patella on dashboard, RTC. O: tender patella, small effusion.", "urgent"),
        (
            "19M, kicked in shin at football 6h ago, severe pain despite morphine, tense anterior compartment,"
            " pain on passive toe plantarflexion, numbness 1st web space.",
            "emergency",
        ),
        (
            "34M, landed from a rebound, felt a snap. O: patella alta, palpable defect, cannot perform active"
            " straight leg raise.",
            "emergency",
        ),
        # a sign the Ottawa rule reads after an injury, with no word of how it began: asked, same day
        ("29F. O: tender patella, small effusion, able to SLR.", "urgent"),
    ],
)
def test_injuries_and_their_signs_as_clinicians_note_them(text, least):
    order = ["self_care", "routine", "urgent", "emergency"]
    assert order.index(assess_text(text).urgency) >= order.index(least)


def test_calf_pain_without_a_word_of_the_calf_size_asks_it_first_and_is_a_same_day_check():
    """Calf pain or tenderness is one answer (a swollen calf) from the clot rule: it is asked first and
    a one-shot result does not wait; said with a normal calf, it stays a booked visit."""
    note = "70F c/o pain in L knee and calf. Knee XR early OA. Calf tenderness."
    result = assess_text(note)
    assert result.urgency == "urgent"
    assert result.missing[0] == "Is the calf on that side swollen compared with the other one?"
    assert assess_text("70F c/o pain in L knee and calf. Calf not swollen, no long journeys.").urgency == "routine"


def test_a_kneecap_said_out_without_a_word_that_it_went_back_asks_whether_it_is_still_out():
    result = assess_text("The lad's kneecap's shifted right round to the outside, he's in bits, we've rang 999.")
    assert result.urgency == "urgent"
    assert result.missing[0] == "Does the knee or kneecap look out of place or misshapen right now?"


def test_a_swollen_knee_with_a_cut_and_no_word_of_warmth_asks_warmth_first_and_is_a_same_day_check():
    """A cut or graze over a swollen knee is one answer (a warm or red knee) from the septic joint
    rule's risk factor: asked first, and a one-shot result does not wait; said not warm, it stays
    a booked visit."""
    result = assess_text("Knee pain and swelling, with a wound over the knee.")
    assert result.urgency == "urgent"
    assert result.missing[0] == "Is the knee warm to the touch or red compared with the other knee?"
    assert assess_text("Knee pain and swelling, a small cut over it, not warm or red.").urgency == "routine"


def test_a_warning_word_said_of_another_person_does_not_raise_the_writers_result():
    text = "The coach rang an ambulance for another player. Me, just an ache below my kneecap after jumps, no swelling."
    assert assess_text(text).urgency in ("self_care", "routine")


def test_a_numb_leg_is_asked_first_and_not_left_at_home_care():
    result = understand("My whole leg is completely numb.")
    assert ("foot_numb_cold_or_pale", "yes") in {(m.field, m.value) for m in result.possible}
    assert assess_text("My whole leg is completely numb.").urgency in ("urgent", "emergency")


def test_a_swollen_knee_with_no_word_of_warmth_asks_it_and_is_not_home_care():
    """A swollen knee is one answer (warm or red) from the same-day rule: warmth is asked first and
    the result is at least a booked visit; a small local puffy patch is not a swollen joint."""
    result = assess_text("My knee is swollen and puffy, I didn't hurt it.")
    assert result.urgency == "routine"
    assert result.missing[0] == "Is the knee warm to the touch or red compared with the other knee?"
    assert assess_text("Knee a bit swollen after my long run, not warm or red, already easing.").urgency in (
        "self_care",
        "routine",
    )
    patch = assess_text("There is a small soft puffy patch below the joint on the inside, easing since I rested.")
    assert "Is the knee warm to the touch or red compared with the other knee?" not in patch.missing[:1]


def test_an_infected_wound_on_the_knee_is_a_same_day_check():
    text = "Fell off my bike on Monday, grazed my knee. The cut is oozing and quite pussy now and getting painful."
    assert assess_text(text).urgency in ("urgent", "emergency")
    assert assess_text("Grazed my knee on Monday, it is scabbing over nicely, bit stiff.").urgency in (
        "self_care",
        "routine",
    )


@pytest.mark.parametrize(
    "text",
    [
        "There is some yellow fluid coming from the stiches",
        "Redness is spreading around the wound since yesterday",
        "Discharge from the wound has bad smell",
    ],
)
def test_a_wound_said_to_discharge_pus_or_spreading_redness_is_at_least_a_same_day_check(text):
    """Others' words for an infected wound (a knee-replacement patient's test lines): the infected
    wound rule (a cut, graze or operation wound that is red, warm or oozing pus) is a same-day check."""
    result = assess_text(text)
    assert result.urgency in ("urgent", "emergency")
    assert "infected_wound" in {r.rule for r in result.urgency_reasons} or result.urgency == "emergency"


def test_a_suspected_open_fracture_and_a_cold_blue_leg_are_emergencies():
    """Others' one-liners: a named open fracture is a warning even when only suspected (the doubt is
    about the name, not what is seen), and a leg said to be cold and blue is the blood supply sign."""
    assert assess_text("I think I have a compound fracture").urgency == "emergency"
    assert assess_text("my leg is cold and blue").urgency == "emergency"
    assert read("my leg is cold and blue")["foot_numb_cold_or_pale"] == "yes"
    assert "foot_numb_cold_or_pale" not in read("My leg was black and blue after the fall.")
    # an ordinary doubt still makes a question ("I think I twisted it")
    assert "how_it_started" not in read("I think I twisted it.")


def test_an_infection_said_beside_a_swollen_knee_asks_fever_first_and_is_a_same_day_check():
    """A case report by others: a swollen painful knee after a recent chest infection and diarrhoea
    was a booked visit; a joint can be seeded from an infection elsewhere and a fever is often absent."""
    text = "A 70-year-old man with a recent upper respiratory infection and diarrhoea has a swollen, painful knee, getting worse."
    result = assess_text(text)
    assert result.urgency in ("urgent", "emergency")
    assert result.missing[0] == "Do you have a fever or chills, or feel generally unwell?"
    # without a swollen knee an infection elsewhere is not raised so far
    assert assess_text("I had a chest infection last month and my knee aches after runs.").urgency in (
        "self_care",
        "routine",
    )


def test_a_swollen_knee_in_someone_at_risk_of_a_joint_infection_asks_warmth_first_and_is_a_same_day_check():
    """Own notes probe: 'Immunosuppressed renal transplant pt, new painful swollen L knee 24h, no trauma'
    was a booked visit; with a risk factor of the septic joint rule a hot swollen knee is an emergency
    even without fever, so warmth is asked first and a booked visit is ruled out."""
    for text in (
        "Immunosuppressed renal transplant pt, new painful swollen L knee 24h, no trauma.",
        "Knee replacement 5 years ago, now it's swollen.",
    ):
        result = assess_text(text)
        assert result.urgency in ("urgent", "emergency"), text
        assert result.missing[0] == "Is the knee warm to the touch or red compared with the other knee?", text
    assert assess_text("My knee is swollen.").urgency == "routine"
    assert read("I had a knee replacement in 2015.")["joint_replacement"] == "yes"  # still a replacement


def test_a_warm_or_red_knee_with_no_word_of_swelling_asks_it_first_and_is_a_same_day_check():
    """A phrase-matcher's test sentence in another project, "the knee is hot, red and very tender", was a
    booked visit: a hot, swollen knee is the same-day rule, so whether it is swollen is asked first."""
    result = assess_text("My knee went hot and red overnight and hurts to touch.")
    assert result.urgency == "urgent"
    assert result.missing[0] == "Is the knee swollen?"
    assert assess_text("The knee feels a bit warm after my run but it is not swollen.").urgency == "routine"


def test_vital_signs_at_a_sepsis_high_risk_level_confusion_and_mottled_skin_are_emergencies():
    """NICE NG51 high-risk criteria read from notes and people's words: a heart rate over 130, a
    systolic pressure of 90 or less, a breathing rate of 25 or more, new confusion, mottled skin."""
    for text in (
        "Hot swollen R knee, HR 135, BP 110/70.",
        "Knee swollen and hot. HR 140, temp 39. Ran 5k last week.",  # a sentence's end before HR
        "Hot swollen knee, HR 140, K 5.2, QT interval normal.",  # potassium and an ECG are not a run
        "Painful knee, T 38.4, BP 88/50.",
        "Knee pain and feeling awful, RR 28.",
        "My nan is confused and her knee is swollen.",
        "His knee hurts and his skin looks mottled.",
    ):
        result = assess_text(text)
        assert result.urgency == "emergency", text
        assert "sepsis_signs" in {r.rule for r in result.urgency_reasons}, text
    for text, field in (
        ("HR 121, BP 124/80, RR 18.", "sepsis_signs"),  # below the high-risk levels: not read
        ("Walked for 2 hr 30 min.", "sepsis_signs"),
        ("A mottled bruise on my shin.", "sepsis_signs"),
        ("I was confused about why it hurts.", "sepsis_signs"),
        ("My heart rate was 165.", "sepsis_signs"),  # a watch's reading during exercise
        ("Ran 8km, HR 158 avg, knee tight mile 3", "sepsis_signs"),  # another project's run log
        ("HR 158 avg, knee sore after.", "sepsis_signs"),  # a session's average, no run named
        ("Knee sore, heart rate 162 max on the hill.", "sepsis_signs"),
        ("Average heart rate 150 and my knee was sore after.", "sepsis_signs"),
        ("Intervals on the track, HR 172, knee achy.", "sepsis_signs"),
    ):
        assert field not in read(text), text
    assert read("PMHx T2DM, renal transplant.")["diabetes_or_immunosuppressed"] == "yes"
    assert read("Kidney transplant 2019, on tacrolimus.")["diabetes_or_immunosuppressed"] == "yes"
    assert "diabetes_or_immunosuppressed" not in read("I had a meniscal transplant in my knee.")


def test_a_wound_said_with_doubt_to_be_infected_is_not_left_at_a_booked_visit():
    """Another project's patient line: "I have this open wound on my leg and I think it's infected" was a
    booked visit - the wound took the words and the infection was lost; it stays an open warning."""
    assert assess_text("Doctor, I have this open wound on my leg and I think it's infected.").urgency in (
        "urgent",
        "emergency",
    )
    assert assess_text("I grazed my knee last week, it's healing well, not infected.").urgency in (
        "self_care",
        "routine",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Presents with a week's history of a hot swollen knee and rigors.",
        "A short history of knee swelling and fever.",
        "Presents with a history of knee locking since this morning.",
        "History of knee swelling since yesterday and fever.",
        "45M presents with a 2-day history of a hot, swollen R knee and fevers.",
        "Prior to presentation he noticed his calf was swollen and tender.",
        "In the past week the calf has become swollen and tender.",
        "He fell the previous day and has been unable to weight bear.",
    ],
)
def test_a_complaints_own_history_is_now_not_the_past(text):
    """Notes tell the present complaint as a "history of": its length ("a week's", "a short",
    "2-day"), "presents with" or a time of the last days makes it now (own probes: three were routine)."""
    assert assess_text(text).urgency in ("urgent", "emergency")


def test_a_knee_that_popped_is_an_injury_but_a_knee_that_pops_is_not():
    """Others' one-liners: "My knee popped and it's swelling" was a booked visit - the pop was read but
    not the injury it is the moment of, so the injury's deciding questions were never asked."""
    for text in ("My knee popped and it's swelling", "Systemic fatigue but my knee popped and is swollen"):
        result = assess_text(text)
        assert result.urgency in ("urgent", "emergency"), text
        assert read(text)["how_it_started"] == ["injury_unspecified"], text
    assert "how_it_started" not in read("My knee pops when I squat, no pain.")
    assert "how_it_started" not in read("Do I have a torn meniscus? My knee clicks when I bend it.")
    assert assess_text("Felt a pop in my knee, it's fine now, no swelling, walking normally.").urgency == "self_care"


def test_red_skin_that_spreads_or_grows_is_the_infected_wound_rule_but_a_red_knee_after_a_run_is_not():
    """Another project's triage test: "Red area on my leg getting bigger every hour, spreading up" was a
    booked visit; a spreading red patch or red streaks are an infected spot of skin (cellulitis)."""
    for text in ("Red area on my leg getting bigger every hour, spreading up", "Red streaks up my leg from the graze."):
        assert "infected_wound" in {r.rule for r in assess_text(text).urgency_reasons}, text
    assert "skin_wound_over_knee" not in read("My knee is a bit red after the run.")


def test_a_suspected_dislocation_is_a_same_day_check_and_asks_whether_it_is_still_out():
    """Others' patient lines: "I think I dislocated my knee" was routine - the doubt made the
    dislocation and the injury two questions, and neither alone reached the rule that needs both; a
    dislocation named as "it" was taken as an injury and its warning meaning lost."""
    for text in (
        "I think I dislocated my knee.",
        "I hurt my knee during a match last week and I'm having trouble walking. I think I might have dislocated it.",
    ):
        result = assess_text(text)
        assert result.urgency in ("urgent", "emergency"), text
        assert "Does the knee or kneecap look out of place or misshapen right now?" in result.missing[:3], text
    assert assess_text("I dislocated my kneecap 3 years ago, now it aches after runs.").urgency in (
        "self_care",
        "routine",
    )


def test_an_infected_looking_skin_by_a_wound_and_a_leg_swollen_beside_the_knee_are_not_left_routine():
    """Others' patient lines: a wound with the skin around it said to look infected is the
    infected-wound rule; a leg swollen beside the knee asks whether the calf is swollen first."""
    infected = assess_text("I have an open wound on my knee and the skin on my leg looks infected.")
    assert "infected_wound" in {r.rule for r in infected.urgency_reasons}
    legs = assess_text("I have groin pain for a few days, and my knee and leg are swollen as well.")
    assert legs.urgency in ("urgent", "emergency")
    assert legs.missing[0] == "Is the calf on that side swollen compared with the other one?"
    assert "calf_swelling" not in read("My knee and leg are swollen.")  # asked, not read


def test_the_marks_of_a_healing_operation_or_graze_are_not_raised():
    for text in (
        "My incision is itching alot, is it normal?",
        "Staples are still there, when will they remove?",
        "Grazed my knee on Monday, it is scabbing over nicely, bit stiff.",
        "My range of motion is stuck at 80 degrees, what excercise will help?",
    ):
        assert assess_text(text).urgency in ("self_care", "routine"), text
    assert read("My knee is stuck at 30 degrees and won't straighten.")["true_locking"] == "yes"


def test_a_hedge_in_a_problem_of_weeks_asks_first_and_rules_out_home_care_but_a_new_change_stays_same_day():
    old = "I'm 74 and my knees have been bad for years, arthritis. Some days I can barely walk to the shops."
    result = assess_text(old)
    assert result.urgency == "routine"
    assert result.missing[0] == "Can you put weight on the leg and take four steps, even with a limp?"
    assert assess_text("Knee hurting for 3 weeks, since yesterday I can barely walk on it.").urgency == "urgent"
    assert assess_text("Twisted it 3 weeks ago and I can barely walk.").urgency == "urgent"
    assert assess_text("I've had knee pain for years. It gave way and now I can barely walk.").urgency == "urgent"


IDIOM_BASE = (
    "I'm 30 and run 3 times a week. For 3 weeks I've had a dull ache around my kneecap on stairs and after "
    "sitting. No swelling, no injury, walking fine. "
)


@pytest.mark.parametrize(
    "said",
    [
        "I was out of breath at the top of the hill.",
        "My chest was heaving after the sprint.",
        "I was sweating after the run.",
        "I can't stand the treadmill.",
        "I can't bear running in the rain.",
        "I gave way to a cyclist on the path.",
        "It was freezing and I had cold feet the whole run.",
        "My toes went numb in the cold water at the lido.",
    ],
)
def test_what_exercise_does_and_everyday_idioms_are_not_warning_signs(said):
    assert assess_text(IDIOM_BASE + said).urgency in ("self_care", "routine")


def test_a_knee_that_dislocated_and_went_back_by_itself_is_an_emergency():
    """Knee dislocations often reduce before anyone sees them; a knee loose in every direction after an
    injury, or a dislocation said without how it happened, is one until shown otherwise (Medina 2014)."""
    assert (
        assess_text("Tibiofemoral dislocation, spontaneously reduced, 35F trampoline. Pulses palpable.").urgency
        == "emergency"
    )
    note = "Rugby tackle. O/E: multidirectional instability, ACL/PCL lax, foot warm, pulses present."
    assert assess_text(note).urgency == "emergency"


def test_what_severe_pain_looks_like_to_others_asks_about_weight_first():
    result = assess_text("My 7 year old fell off the swing and is screaming, she won't let us touch her knee.")
    assert result.urgency in ("urgent", "emergency")
    assert result.missing[0] == "Can you put weight on the leg and take four steps, even with a limp?"


def test_a_limp_only_after_matches_is_asked_but_a_limp_of_weeks_in_a_child_is_a_same_day_check():
    after_games = (
        "My 12 year old's knee hurts just below the kneecap after football, there's a tender bony bump, "
        "2 months now, he sometimes limps after matches but is fine the next day."
    )
    result = assess_text(after_games)
    assert result.urgency == "routine"
    assert result.missing[0] == "Are you limping?"
    assert assess_text("My 12 year old has been limping for 2 weeks since a match, no injury.").urgency == "urgent"


def test_a_holiday_dates_an_onset_to_the_last_one_before_today():
    from datetime import date

    from kneecheck.understand import understand

    said = understand("Slipped on ice before Christmas and landed on my knee.", today=date(2026, 11, 26))
    assert said.answers.hours_since_onset == (date(2026, 11, 26) - date(2025, 12, 25)).days * 24
    said = understand("Slipped on ice just after Christmas.", today=date(2027, 1, 10))
    assert said.answers.hours_since_onset == 16 * 24


def test_breath_lost_on_effort_counts_when_a_clot_is_in_view():
    text = "I get short of breath when I run now, since the knee op 10 days ago, and my calf is swollen."
    assert assess_text(text).urgency == "emergency"
    assert read("It gave way to the side.").get("giving_way") == "yes"
    assert read("i cant walk the pain is too much").get("can_bear_weight") == "no"
    # a fever or the shivers after a run still count
    assert read("I had the shivers after the run, knee swollen and hot.").get("fever_or_unwell") == "yes"
    # a cold, numb foot after an injury is an emergency whatever the weather
    assert assess_text("Fell skiing in the snow, my foot is cold and numb now.").urgency == "emergency"


def test_an_infected_wound_after_a_new_knee_is_an_emergency_but_clear_ooze_is_not_a_swollen_knee():
    text = "Got my new knee 3 weeks ago, the wound is leaking yellow stuff and I feel shivery and rough."
    assert assess_text(text).urgency == "emergency"
    assert read("Day 2 after arthroscopy, the wound is oozing a bit of clear fluid.").get("swelling") is None
    assert read("The knee is full of fluid.").get("swelling") == "mild"


def test_a_kneecap_tender_to_press_after_runs_without_injury_stays_routine():
    assert assess_text("My knee aches after running, no injury, kneecap tender to press.").urgency == "routine"


def test_an_injury_said_without_how_still_brings_the_injury_rules():
    """The Ottawa knee rule needs an injury: "injured it at football" is one even without the way."""
    result = assess_text("I injured my knee at football yesterday and now I can't bend it to a right angle.")
    assert result.urgency == "urgent"


def test_pain_behind_the_knee_after_a_long_flight_is_a_same_day_check():
    result = assess_text("After a 14 hour long-haul flight an ache started behind my right knee. It feels warm.")
    assert result.urgency == "urgent"
    assert any(r["rule"] == "back_of_knee_after_clot_risk" for r in result.model_dump()["urgency_reasons"])


def test_training_numbers():
    answers = read("I run about 40 km a week, up from 30, and my shoes have done over 900 km.")
    assert answers["weekly_volume_increase_pct"] == 33
    assert answers["shoe_km"] == 900


def test_spans_point_at_the_words_they_came_from():
    text = "I'm 30. My knee gave way and there is no swelling."
    for mention in understand(text).mentions:
        assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize("text", ["", "   ", "x" * 100_000])
def test_empty_or_huge_text_is_refused_with_a_message(text):
    with pytest.raises(TextProblem, match="questions"):
        understand(text)


@pytest.mark.parametrize("text", ["Mi rodilla duele mucho.", "asdf qwer zxcv", "12345 !!!"])
def test_other_languages_and_gibberish_ask_for_the_questions(text):
    result = assess_text(text)
    assert any("answer the questions" in note for note in result.notes)
    assert result.urgency in ("routine", "urgent", "emergency")  # never self-care on nothing
    assert result.missing


def test_structured_answers_take_precedence_over_the_text():
    result = assess_text("It gave way yesterday.", {"giving_way": "no"})
    assert "giving_way" not in [e["field"] for e in result.evidence]
    assert "giving_way" not in [r.rule for r in result.urgency_reasons]


run = kneecheck


def test_cli_assess_text_json_shows_the_spans():
    done = run(
        "assess",
        "--text",
        "A 24-year-old runner presents with lateral knee pain 5 km into runs, worse downhill. No swelling, full weight bearing.",
        "--json",
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["conditions"][0]["id"] == "itb_syndrome"
    spans = {e["field"]: e["text"] for e in result["evidence"]}
    assert spans["age"] == "24-year-old" and spans["swelling"] == "No swelling"  # shown with its negation


def test_cli_empty_text_exits_2_with_one_line():
    done = run("assess", "--text", " ", "--json")
    assert done.returncode == 2
    assert done.stderr.strip().startswith("kneecheck: --text: the text is empty")


def test_interactive_free_text_skips_what_it_understood():
    done = run("assess", stdin="I'm 40 and I can't put weight on my leg after a fall.\n" + "\n" * 80)
    assert done.returncode == 0, done.stderr
    assert "understood Can take four steps: no" in done.stdout
    assert "How old are you?" not in done.stdout  # the text said 40
    assert "EMERGENCY" in done.stdout


@pytest.fixture(scope="module")
def from_text():
    return evaluate_vignettes(yaml.safe_load(ENCODED_VIGNETTES.read_text()), from_text=True)


def test_text_alone_never_under_triages_an_urgent_or_emergency_vignette(from_text):
    assert from_text.under_triage_serious == 0, from_text.under_triage_ids


def test_text_alone_meets_the_accuracy_bar(from_text):
    assert from_text.urgency_exact >= 0.80
    assert from_text.top3 >= 0.80


def test_findings_read_from_text_agree_with_the_encoded_answers(from_text):
    assert from_text.finding_precision >= 0.90
    assert from_text.finding_recall >= 0.85


@pytest.fixture(scope="module")
def voices_tuning_part():
    """The two thirds of the voices set the reader was developed on (the untouched third, ids
    ending in 0, 3 or 7, is reported in the README, never tuned on, and not asserted here)."""
    voices = yaml.safe_load(ENCODED_VOICES.read_text())
    return evaluate_vignettes(voices, from_text=True, part="tuning")


def test_text_in_ten_voices_meets_the_bar_on_the_tuning_part(voices_tuning_part):
    assert voices_tuning_part.under_triage_serious == 0, voices_tuning_part.under_triage_ids
    assert voices_tuning_part.urgency_exact >= 0.90
    assert voices_tuning_part.top3 >= 0.90
    for voice, row in voices_tuning_part.by_voice.items():
        assert row.under_triage_serious == 0, voice


def test_voices_findings_read_from_text_agree_with_the_encoded_answers(voices_tuning_part):
    assert voices_tuning_part.finding_precision >= 0.85
    assert voices_tuning_part.finding_recall >= 0.70


def test_the_engine_meets_the_bar_on_every_voice_from_encoded_answers():
    report = evaluate_vignettes(yaml.safe_load(ENCODED_VOICES.read_text()))
    assert report.under_triage_serious == 0, report.under_triage_ids
    assert report.urgency_exact >= 0.95 and report.top3 >= 0.95


def test_dev_texts_meet_the_bar_through_the_whole_text_path(from_text):
    assert from_text.urgency_exact >= 0.90
    assert from_text.top3 >= 0.90


@pytest.mark.parametrize(
    ("text", "pct"),
    [
        ("since I upped my running by 50% my knee aches", 50),
        ("I increased my weekly km about 30 percent", 30),
        ("running 40% more than last month", 40),
        ("my pain went up by 50% this week", None),
        ("the knee is 50% better than on Monday", None),
    ],
)
def test_a_change_in_training_is_read_only_where_training_is_what_changed(text, pct):
    assert understand(text).answers.weekly_volume_increase_pct == pct


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("R knee: Thessaly +ve, McMurray -ve", {"exam_thessaly": "yes", "exam_mcmurray": "no"}),
        ("Lachman neg, patellar apprehension positive", {"exam_lachman": "no", "exam_patellar_apprehension": "yes"}),
        ("Ober test positive, Noble positive at 30 deg", {"exam_ober": "yes", "exam_noble": "yes"}),
        ("knee ballottable, sweep test positive", {"swelling": "mild"}),
    ],
)
def test_a_clinicians_examination_tests_are_read_as_the_tests(text, expected):
    known = understand(text).answers.known()
    assert {k: known.get(k) for k in expected} == expected


def test_a_comparison_is_not_an_event():
    """'It feels like I have been kicked' says how it feels, not that it was kicked."""
    simile = understand("it feels like I have been kicked on the bone on the outside of the knee")
    assert simile.answers.how_it_started is None
    assert any("comparison" in s.reason for s in simile.set_aside)
    assert understand("I was kicked on the knee in a tackle").answers.how_it_started == ["direct_blow"]


RED_FLAG_STATEMENTS = [
    ("the knee gave way", "giving_way", "yes"),
    ("it locked", "true_locking", "yes"),
    ("I can't put weight on it", "can_bear_weight", "no"),
    ("my foot is numb", "foot_numb_cold_or_pale", "yes"),
    ("I have a fever", "fever_or_unwell", "yes"),
    ("the kneecap slipped out", "kneecap_slipped_out", "yes"),
    ("my calf is swollen", "calf_swelling", "yes"),
    ("the knee is hot and red", "warmth_or_redness", "yes"),
    ("I'm short of breath", "breathless_or_chest_pain", "yes"),
    ("it swelled up within an hour", "swelling_onset", "within_2_hours"),
    ("I can't lift my leg", "can_straight_leg_raise", "no"),
    ("the knee looks deformed", "deformity", "yes"),
]
CONTEXT_CLAUSES = [
    "Denies fever", "No swelling", "No history of injury", "I don't think it's broken", "Years ago I tore my ACL",
    "If it swells", "Negative for calf pain", "Not sure if it's bruised", "My friend's knee gave way once",
    "Without any trauma", "My mum had a DVT", "In case it swells", "No pain at rest", "Denies any injury",
    "Last season I sprained it", "Apparently nothing is broken", "I used to have a bad knee", "There is no rash",
    "Never had knee problems", "Not swollen this morning",
]  # fmt: skip


@pytest.mark.parametrize("context", CONTEXT_CLAUSES)
@pytest.mark.parametrize("join", [", ", " and ", "; ", ". ", " but ", " - ", ", and "])
def test_a_red_flag_said_after_a_denied_past_or_doubtful_clause_is_read_as_said(context, join):
    """A denial, a doubt, a past or someone else's knee in one clause never reaches a warning sign
    stated in the next: each sign is read as the writer said it. After a clause dated years ago, a
    sign told in the past tense may be the same old story: it may then be asked first (possible),
    never set aside or read as its opposite."""
    for statement, field, value in RED_FLAG_STATEMENTS:
        text = f"{context}{join}{statement}."
        if context in {"Years ago I tore my ACL", "Last season I sprained it"}:  # a story's opening
            result = understand(text, today=WEDNESDAY)
            asked = {(m.field, m.value) for m in result.possible}
            assert result.answers.known().get(field) == value or (field, value) in asked, (context, join, statement)
        else:
            assert read(text).get(field) == value, (context, join, statement)


def test_known_words_are_never_corrected():
    from kneecheck.understand._spelling import correction

    for word in ["creaks", "niggle", "squashy", "clamber", "crackled", "shivery", "palpated", "knee", "clock"]:
        assert correction(word) is None, word
    assert correction("lnaded") == "landed"
    # two letters swapped is the commonest typing slip: it is tried before a letter changed
    assert correction("looes") == "loose"
    assert correction("opnes") == "opens"
    # a rare known word that is a misspelling is read as meant: a letter left out or doubled
    assert correction("kiked") == "kicked"
    assert correction("stps") == "steps"
    assert correction("steeps") == "steps"
    # a word a normalisation rule reads is left to the rule ("aint" is "isn't", not "paint")
    assert correction("aint") is None
    # a first letter is not added or dropped: a fever word is never read as its denial
    assert correction("pyrexial") is None
    # a short word with a letter changed is often an abbreviation, not a misspelling ("SUFE", not "sure")
    assert correction("sufe") is None
    # a negation written without its apostrophe is a target ("didnnt" -> "didnt" -> "didn't")
    assert correction("didnnt") == "didnt"


def test_spans_still_point_at_the_misspelt_words():
    result = understand("Twsited my knee yesterday.", today=WEDNESDAY)
    mention = next(m for m in result.mentions if m.field == "how_it_started")
    assert mention.text == "Twsited"


def test_the_shipped_word_lists_are_those_of_the_installed_lookup_data(tmp_path):
    from kneecheck.understand import _spelling

    for built in _spelling.build(tmp_path):
        assert built.read_bytes() == _spelling._path(built.name).read_bytes(), built.name


SIGN_PHRASINGS = {
    ("can_bear_weight", "no"): [
        "{s} can't put any weight on it",
        "{s} couldn't put weight through the leg",
        "{s} is unable to weight-bear",
        "{s} has not been able to stand on it since",
        "{s} cannot take a step",
        "{s} could not walk at all",
        "{s} won't put the foot down",
        "{s} is non weight bearing",
        "{s} can not get any weight on it",
    ],
    ("true_locking", "yes"): [
        "{s} can't straighten the knee",
        "the knee won't straighten",
        "the knee is stuck bent and {s} can't get it straight",
        "the knee locked and won't unlock",
    ],
    ("giving_way", "yes"): [
        "the knee gave way under {s}",
        "the knee keeps buckling",
        "the knee collapsed under {s}",
        "the knee gives out on the stairs",
        "the knee went out on {s}",
    ],
    ("foot_numb_cold_or_pale", "yes"): [
        "{s} can't feel the foot",
        "the foot has gone cold",
        "the toes are blue",
        "the foot feels dead",
        "there are pins and needles in the foot",
    ],
    ("fever_or_unwell", "yes"): [
        "{s} has a temperature of 38.5",
        "{s} feels feverish and shivery",
        "{s} feels really unwell",
        "{s} is burning up",
        "{s} has had rigors",
    ],
    ("swelling_onset", "within_2_hours"): [
        "the knee blew up immediately",
        "it ballooned within minutes",
        "there was immediate swelling",
        "it was swollen within the hour",
        "the swelling came up fast",
    ],
    ("pop", "yes"): ["there was a loud crack", "{s} felt something snap", "there was a snap", "{s} heard a pop"],
    ("can_straight_leg_raise", "no"): [
        "{s} can't raise the leg off the bed",
        "{s} is unable to straight leg raise",
        "{s} cannot lift the leg when lying down",
    ],
}


def test_warning_signs_read_in_many_phrasings_subjects_and_settings():
    """Each warning sign in several phrasings, said of the writer or of another (a parent's, a
    coach's or a clinician's subject), in several settings: each must be read as said."""
    missed = []
    for (field, value), forms in SIGN_PHRASINGS.items():
        for form in forms:
            for subject in ("I", "He", "My son", "The patient"):
                for setting in ("After the tackle yesterday {x}.", "Since Saturday {x}.", "Today at netball {x}."):
                    text = setting.format(x=form.format(s=subject))
                    if read(text).get(field) != value:
                        missed.append(text)
    assert not missed, missed


def test_unable_to_fully_extend_after_an_injury_is_asked_first_and_a_same_day_check():
    """'Unable to fully extend it' may be a block or a swollen, stiff knee: asked first, and after a new
    injury the one-shot result is the same-day check the lock rule gives."""
    for subject in ("I", "He", "My son", "The patient"):
        text = f"After the tackle yesterday {subject} is unable to fully extend it."
        note = understand(text, today=WEDNESDAY)
        assert ("true_locking", "yes") in {(m.field, m.value) for m in note.possible}, text
        assert assess_text(text).urgency == "urgent", text


# Concept patterns where a list of options sits beside a small word ("at night|in bed" is "at",
# then "night" or "in", then "bed": not "at night" or "in bed"). Each listed here was read and is
# meant as written; a new one fails the test below until it is split or read and added.
OPTIONS_BESIDE_SMALL_WORDS_REVIEWED = {
    "tender|tenderness to palpation|touch over|of|on|at? the? kneecap",  # "tender to palpation over the kneecap"
    "=went down hard|heavily|awkwardly",  # a fall ("she went down hard"): "down", then how
    "medial|lateral ~1 to ~1 the? patella|kneecap",  # "a cord medial to the patella"
    "pain|tender|tenderness|sore ~2 over ~1 the? patella|kneecap",  # "severe pain over patella"
    # "not well", "never well": a denial written out, then "well" (not a spoken "no, well"): meant
    "not|never =well",
    # "kind of better", "sort of easier" (a lay "kinda" is written out so): the option list is meant
    "=kind|sort of =better|=easier",
    # "walks like a penguin", "I walk like a robot": how the walk looks, walking; "my knee on fire": meant
    "=walk|=walks|=walking|=walked ~1 like ~1 a? robot|penguin|duck|cowboy|zombie|pensioner|granny|grandad",
    "knee|kneecap|joint on =fire",
    "ABLE NOT bend|flex my|his|her|the|their|your knee|leg =properly|=right",  # "won't bend his knee properly"
    # "my op", "the last op", "her hip op": a possessive or a kind of operation, then "op": meant
    "my|me|his|her|their|the|knee|recent|an op|ops",
    "my|me|his|her|their|the|an knee|hip|joint|back|ankle|recent|last|first|second|acl|cartilage|meniscus|keyhole op|ops",
    # "trips", then where or how the foot went ("trips over", "trips and falls"): the verb, meant
    "=trips over|on|up|and|into|when|while|often",
    # "can't bend my knee", "won't bend her left leg": a possessive, then the knee or leg: meant
    "ABLE NOT bend|flex my|his|her|the|their|your|this|that|affected|injured|left|right knee|leg",
    "ABLE NOT bend|flex my|his|her|the|their|your left|right|injured|bad|sore|hurt knee|leg",
    # a blow taken, then the preposition that aims it ("took a boot to the side"): meant
    "take|took|taken|catch|caught|get|got ~1 a|an ~1 boot|kick|knee|knock|whack|smack|stud|studs|elbow|shoulder|ball"
    "|stick|bat|racket to|on|in|into ~3 knee|kneecap|leg|shin|thigh|side",
    "keep|keeps|kept|keeping me|him|her|us|them up",  # a verb, then a person, then "up": meant
    # "knee", an optional "'s" or "has", a verb, an optional "right" or "back", then "out": meant
    "knee 's|has|had|have? come|came|comes|coming|pop|popped|pops|popping right|back|clean|completely? out",
    "shin|calf|leg ~3 like|as ~1 a? rock|stone|brick",  # "like a rock", "hard as a rock": meant
    "carry|carried off",
    "back|backs of ~3 knee",  # "the back of my knee", "the backs of both knees": meant
    "have|had to hop",
    "go|went ~2 from under|underneath",
    "knee|leg ~1 go|goes|went|going down",
    "knee|knees|leg|it ~1 go|goes|went|gone|going out",
    "ABLE NOT ~3 bend|flex ~3 more than 10|20|30|40|45|50|60|70|80",
    "flex|flexion|bend ~3 limited|restricted|only|reduced ~2 to 10|20|30|40|45|50|60|70|80 ~1 degree*|°",
    "knee|kneecap|leg|it ~3 out of shape|alignment",
    "off work|school",
    "pop|crack|snap|clunk in it",
    "SWELLWORD ~4 straight|right away",
    "come|came a cropper",
    "take|took a tumble|fall|spill|dive",
    "jump*|leap*|header|rebound|block|dunk|spike ~6 come|came down",
    "do|done|did ~2 knee|leg in",
    "good|better than ~2 yesterday|before|last",
    "only|barely ~1 bend|flex ~2 it|knee|leg? ~1 a? tiny|little|bit|fraction|slightly|touch",
    "come|came|start|started|began|begin|appear|appeared ~3 by itself|herself|himself",
    "come|came|start|started|began|begin|appear|appeared ~3 on its|her|his|their own",
    "=heat in|around|over|on|from ~2 knee|joint|leg|it|calf|thigh|kneecap",  # "heat in the knee": meant
    "ABLE NOT =straight it|leg|knee|the|my|his|her",  # "cannot straight the leg": a verb, then its object
    "=pop|=popped then|and|followed|with ~1 =swelling|=swollen|=swelled|=swell",  # a pop, then a connective: meant
    "=crushed|=squashed|=trapped|=pinned my|his|her|the ~2 knee|leg|kneecap|shin",  # a verb, then its object: meant
}
SMALL_WORDS = {"not", "no", "than", "the", "a", "an", "at", "in", "on", "of", "to", "by", "up", "down", "out", "off",
               "from", "with", "for", "more", "right", "away", "side"}  # fmt: skip


def test_an_option_list_beside_a_small_word_was_read_and_meant():
    concepts = text_resource("concepts.yaml")
    macros = concepts["macros"]
    unreviewed = []
    for entry in concepts["concepts"]:
        for pattern in entry["patterns"]:
            tokens = pattern.split()
            for left, right in itertools.pairwise(tokens):
                if left.startswith("~") or right.startswith("~") or left in macros or right in macros:
                    continue
                a, b = left.rstrip("?").split("|"), right.rstrip("?").split("|")
                if len(a) == 1 and len(b) == 1:
                    continue
                if (set(a) | set(b)) & SMALL_WORDS and pattern not in OPTIONS_BESIDE_SMALL_WORDS_REVIEWED:
                    unreviewed.append(pattern)
                    break
    assert not unreviewed, unreviewed


def test_no_concept_pattern_has_a_doubt_word_of_its_own():
    # a doubt word inside a concept match is read as the writer's doubt ("it might lock"): that is only
    # right while no pattern has one of those words as its own
    from kneecheck.understand._context import HEDGE_INSIDE

    concepts = text_resource("concepts.yaml")
    own = [
        pattern
        for entry in concepts["concepts"]
        for pattern in entry["patterns"]
        for word in pattern.split()
        for option in word.rstrip("?").split("|")
        if HEDGE_INSIDE.fullmatch(option.lstrip("="))
    ]
    assert not own, own


def test_the_fields_a_doubt_inside_makes_a_question_are_answer_fields():
    from kneecheck.answers import Answers

    fields = text_resource("context.yaml")["doubt_inside_fields"]
    assert fields and set(fields) <= set(Answers.model_fields)


# Words in the shipped word list that a concept word reaches only through the lemma table, not as
# one of its regular forms (-s, -es, -ed, -ing, -n, -en): irregular forms ("took" for "take", "feet"
# for "foot"), comparatives ("bigger") and the table's merges. Each listed in
# tests/vignettes/lemma_reach_reviewed.txt was read and is meant. A new one fails the test below until
# its concept word is written "=word" (matched as written) or the reach is read and added: the table
# reads "number" as "numb" and "worse" as "wrong", and "the number of miles" beside "feet" was a numb
# foot (an emergency), "my knee looks worse today" a deformity.
def _regular_form(word: str, stem: str) -> bool:
    stems = {stem, stem.removesuffix("e"), stem[:-1] + "i" if stem.endswith("y") else stem, stem + stem[-1]}
    return any(word == s + ending for s in stems for ending in ("", "s", "es", "ed", "d", "ing", "n", "en"))


def test_a_concept_word_reaches_no_unreviewed_word_through_the_lemma_table():
    concepts = text_resource("concepts.yaml")
    macros = concepts["macros"]
    options = set()
    for entry in concepts["concepts"]:
        for pattern in entry["patterns"]:
            for token in pattern.split():
                for option in token.rstrip("?").split("|"):
                    for word in macros[option].split("|") if option in macros else [option]:
                        if re.fullmatch(r"[a-z']+", word):
                            options.add(word)
    by_lemma: dict[str, list[str]] = {}
    for word in known_words():
        by_lemma.setdefault(lemma_of(word), []).append(word)
    reached = {
        word
        for option in options
        for word in by_lemma.get(lemma_of(option), [])
        if word != option and not _regular_form(word, lemma_of(option)) and not _regular_form(word, option)
    }
    lines = (ENCODED_VIGNETTES.parent / "lemma_reach_reviewed.txt").read_text().splitlines()
    reviewed = {word for line in lines if not line.startswith("#") for word in line.split()}
    assert reached - reviewed == set()


@pytest.mark.parametrize(
    ("text", "unplaced"),
    [
        # a rest, a phrasal verb, lockdown and a knee held straight are not warning words
        ("I took a 2-3 week break and then the run broke down.", []),
        ("I keep my leg in a locked position. During lockdown I started running.", []),
        ("I think it's a break.", ["break"]),
        # a breathing rate measured in a note is not a complaint of breath
        ("Vitals: RR: 12 breaths/min, T 36.8.", []),
        ("I noticed my breaths are quicker.", ["breaths"]),
    ],
)
def test_a_word_in_another_sense_is_not_a_warning_word(text, unplaced):
    assert [w.text for w in understand(text, today=WEDNESDAY).unplaced] == unplaced


def test_a_warning_word_said_of_the_past_is_not_left_open():
    """'Broke my leg years ago' was placed by the reader as the past's: it raises nothing now."""
    past = understand("Used to play rugby years ago and broke my leg back then, now my knee aches after long walks.")
    assert [w.text for w in past.unplaced] == []
    now = understand("I think I broke something in my knee.")
    assert [w.text for w in now.unplaced] == ["broke"]


def test_unable_to_extend_the_knee_asks_whether_the_leg_can_be_lifted():
    """A knee that cannot be extended is locked, or its own muscle has failed (a torn tendon): both
    are same-day at least, and the straight-leg raise that tells them apart is asked first."""
    result = understand("He is unable to extend the leg.", today=WEDNESDAY)
    assert result.answers.known().get("true_locking") == "yes"
    assert ("can_straight_leg_raise", "no") in {(m.field, m.value) for m in result.possible}


@pytest.mark.parametrize(
    ("text", "least"),
    [
        ("The GP told me to go to A&E with my knee but the wait is six hours.", "emergency"),
        ("Rang 111 about my knee, they said I should go to casualty.", "emergency"),
        ("Pt advised to attend ED.", "emergency"),
        ("The GP told my son to go to A&E with his knee.", "emergency"),  # the son is the patient, not the adviser
        # advice not followed is still advice: going home is not the visit
        ("I was told to go to A&E by 111 but the wait was 8 hours so I went home.", "emergency"),
        ("Rang 111 about my knee and they said go to urgent care.", "urgent"),
        ("My physio wants me to get it seen today.", "urgent"),
    ],
)
def test_care_a_clinician_or_helpline_already_advised_is_a_floor(text, least):
    """An own probe, "Rang 111 about my knee, they said go to urgent care", was a booked visit: the
    result never advises less than a clinician or a helpline already did."""
    assert URGENCY_ORDER.index(assess_text(text).urgency) >= URGENCY_ORDER.index(least)


@pytest.mark.parametrize(
    "text",
    [
        "The nurse said to go to A&E if it swells up.",  # safety-netting, not advice for now
        "My mum told me to go to A&E with it.",  # not a clinician
        "111 told me to go to A&E, I went and they said it is a sprain.",  # followed, and the visit told
        "Do you think I should go to A&E with my knee?",  # a question put to the reader
        "I think I should go to A&E.",  # the writer's own thought
    ],
)
def test_advice_for_later_from_a_relative_or_already_followed_is_not_read_as_advice_now(text):
    assert "advised_emergency_care" not in read(text)
    assert "advised_same_day_care" not in read("The physio said to see how it feels within two weeks.")


@pytest.mark.parametrize(
    "text",
    [
        "I bought new running clothes last week and my knee aches after runs.",
        "I left my bag in the locker, and my knee was sore after the gym.",
        "Ate some crackers after my run, knee a bit sore.",
        "James says my knee is fine, just sore after football.",
    ],
)
def test_a_longer_word_that_starts_with_a_warning_word_leaves_no_warning_open(text):
    """'Clothes' began with 'clot' and left a clot open at the same-day level; 'locker', 'crackers'
    and 'James' began with lock, crack and jam: the fail-safe scan matches the words and their forms."""
    result = assess_text(text)
    assert "text_leaves_warning_signs_open" not in {r.rule for r in result.urgency_reasons}, text
    assert result.urgency in ("self_care", "routine"), text


@pytest.mark.parametrize(
    "text",
    [
        "My knee is infected.",
        "I think the joint is infected.",
        "Infection in my knee.",
        "I think my knee replacement is infected.",
        "My knee replacement infection.",
    ],
)
def test_a_knee_said_to_be_infected_is_not_left_at_a_booked_visit(text):
    """'My knee is infected' read nothing it could place and stopped at a booked visit: a joint said
    to be infected may be a septic joint, so fever and warmth are asked first at the same-day level."""
    result = assess_text(text)
    assert result.urgency in ("urgent", "emergency"), text
    assert result.could_be == "emergency" or result.urgency == "emergency", text


@pytest.mark.parametrize(
    "text",
    ["Had a knee infection years ago, fine now, sore after runs.", "The knee is not infected, just sore after runs."],
)
def test_an_infection_denied_or_long_over_raises_nothing(text):
    assert assess_text(text).urgency in ("self_care", "routine")


def test_a_knee_on_fire_and_grit_left_in_a_cut_are_asked_first():
    """One-line probes: 'my knee is on fire and swollen' and 'still gravel stuck in the graze' read
    nothing that raised them; each is now asked about (warmth, a wound to be seen) at the same-day level."""
    for text in ("My knee is on fire and swollen.", "There is still gravel stuck in the graze on my knee."):
        result = assess_text(text)
        assert result.urgency in ("urgent", "emergency"), text
    assert assess_text("My legs were on fire on the hill, knee a bit sore after.").urgency in ("self_care", "routine")
