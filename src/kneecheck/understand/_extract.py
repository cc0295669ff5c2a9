"""Free text to structured answers, as a pipeline of named stages:

1. normalise  (`_normalise`): lower case, shorthand, texting and spellings into one form
2. match      lexicon phrases (knowledge/text/lexicon.yaml, regular expressions) and concepts
              over lemmas (`_concepts`, knowledge/text/concepts.yaml)
3. context    (`_context`): negated, uncertain, historical, hypothetical, another person,
              another body part
4. numbers    (`_numbers`): age, onset, temperature, weekly change, shoe distance, pain score
5. resolve    one value per answer: a stated value beats a negated one, a warning value beats a
              reassuring one; each answer validated alone, so one bad value loses only itself
6. fail safe  (`_failsafe`): warning words the reader could not place, hedged warning signs

Every answer keeps the span of the person's own text it came from, so it can be shown and
corrected; what was seen but set aside is kept too, with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from pydantic import ValidationError

from kneecheck.answers import Answers
from kneecheck.understand._concepts import find_concepts
from kneecheck.understand._context import (
    Scope,
    about_other_body_part,
    clause_of,
    clause_span,
    dated_recent_past,
    dated_weeks_ago,
    doubted_inside,
    find_scopes,
    list_body_part,
    listed_of_other_part,
    modifiers,
    narrative_past,
    negation_start,
    opens_years_ago,
    sentence_span,
)
from kneecheck.understand._failsafe import Unplaced, find_unplaced
from kneecheck.understand._normalise import Normalised, normalise
from kneecheck.understand._numbers import (
    NUMBER_READERS,
    RECENT_IN_CLAUSE,
    clause_around,
    dated_just_before,
    operation_age_hours,
    read_low_oxygen,
    read_morning_stiffness,
    read_sepsis_vitals,
    read_temperature,
    text_today,
    time_later,
)
from kneecheck.understand._resources import text_resource

MAX_TEXT_CHARS = 20_000
CALF_SENSITIVE = {"swelling", "warmth_or_redness", "swelling_onset", "swelling_where"}
CALVES = {"calf", "calves"}
KNEE_AND_CALF = re.compile(
    r"\bknees? (?:and|or|&|/|,) (?:the |my |his |her |their )?(?:\w+ )?calf\b"
    r"|\bcalf (?:and|or|&|/|,) (?:the |my |his |her |their )?(?:\w+ )?knee"
)
"""The knee and the calf named together: a swelling said of both is the knee's too."""
# a list negation ("denies swelling/pop, FWB") may run past its list: it never reverses an ability
ABILITIES = {"can_bear_weight", "can_bend_90", "can_straight_leg_raise", "trend"}
LIST_FIELDS = ("where", "worse_with", "sports", "how_it_started", "character")
PAST_STILL_COUNTS = {
    "previous_knee_injury",  # a past injury is what it asks about ("badly hurt this knee in my twenties")
    "clot_risk",
    "gout_or_inflammatory_arthritis",
    "diabetes_or_immunosuppressed",
    "known_knee_arthritis",
    "joint_replacement",  # a knee replaced years ago is still a knee replacement
}
"""Findings that are true of the person when said of the past: a clot years ago is a clot risk now,
and a "history of gout", diabetes or arthritis is a condition the person has."""
# states that are over when said to be over and dated to the last weeks ("a fever with a cold last
# week, all better now"); a lock or a giving way said to be over is still what happened (asked first)
OVER_WHEN_SAID_SO = {"fever_or_unwell", "warmth_or_redness", "swelling"}
# warning signs that a story told of the past may say were so then and are not now ("as I was carried
# off the field", "not able to put weight on it for a couple of days"): asked first (context.yaml)
NARRATIVE_HEDGES = {
    "can_bear_weight", "deformity", "kneecap_slipped_out", "true_locking", "giving_way", "swelling",
    "swelling_onset", "pop", "can_straight_leg_raise", "foot_numb_cold_or_pale", "knee_dislocated",
    "pain_out_of_proportion", "limp", "gap_near_kneecap",
    "fever_or_unwell", "breathless_or_chest_pain",  # "I had a temperature last month with flu"
}  # fmt: skip
# in a text about the writer's own knee, a condition or operation said of "he" or "she" ("my dad
# tells me bad knees run in the family; he's had operations on his") is that person's, not the writer's
# in a text about "he" or "she", someone named as the patient's ("his mother has diabetes", "her friend
# with a clot") is someone else; "my brother's knee" in a text about someone else is the patient's own
PATIENTS_OWN = re.compile(r"(?:his|her|their) ")
# a year written straight after an operation, as notes list them: "TKR 2015", "ACL recon (2019)"
YEAR_JUST_AFTER = re.compile(r"s?\W{1,3}((?:19|20)\d\d)\b")
CLOT_NAMED = re.compile(r"clot|thromb|embol|dvt|\bpe\b", re.IGNORECASE)
PERSON_HISTORY = PAST_STILL_COUNTS | {"recent_surgery_or_injection", "previous_knee_injury"}
# (not "he had to operate", a surgeon's work on the writer's knee)
THIRD_PERSON_HAS = re.compile(r"\b(?:he|she|they)(?:'s|'ve| has| had| have| is| was)\b(?! to\b)")
FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|i'd|my|me|mine|myself)\b")
# an injury told as past history is a previous injury, not today's mechanism or sign
INJURY_FIELDS = {
    "how_it_started", "pop", "giving_way", "kneecap_slipped_out", "true_locking", "deformity", "swelling",
    "recent_surgery_or_injection",  # an operation long ago ("a scope two years ago") is a knee with a past
}  # fmt: skip

# what a clause says "it" of, and the parts of the body that "it" may point back to
POINTER = re.compile(r"(?:and |but |now |then )?(?:it|it's|it is|it was|this|that|the area|the spot|the whole area)\b")
BODY_WORD = re.compile(r"\b(?:calf|calves|knees?|kneecaps?|legs?|shins?|thighs?|ankles?|feet|foot|hips?|joint)\b")
DENIAL = re.compile(r"\b(?:no|not|never|negative|denies|denied|without|isn'?t|doesn'?t|wasn'?t)\b")
# a numb or tingling foot said to be long-standing ("numbness in his right foot, however this is not
# new", "my feet have been numb for years from diabetes"): the red flag is a new numbness after an
# injury or an operation, so a known one is set aside (a new one is still read)
LONG_STANDING = re.compile(
    r"\b(?:not new|nothing new|isn'?t new|wasn'?t new|chronic(?:ally)?|long[- ]?standing|for (?:many |several )?years|"
    r"neuropath\w*|at (?:his |her |my |their )?baseline|always (?:been|had|has|have)|"
    # a numbness that comes and goes with the shoe worn is the shoe pressing, not a new sign
    r"depending (?:up)?on (?:the |which |what )?(?:shoes?|trainers?|boots?|footwear)|"
    r"(?:in|with|when i wear) (?:certain|some|tight|these|those|my) (?:shoes|trainers|boots|laces)|"
    r"(?:goes|go|went|wears) (?:away|off) when i (?:loosen|undo|take off|change|retie))\b"
)
# advice already acted on: a visit made and its outcome told after the advice ("my GP sent me to A&E,
# where they x-rayed it and said it was a sprain") is a story of care given, not advice still to follow
ADVISED = {"advised_emergency_care", "advised_same_day_care"}
VISIT_TOLD = re.compile(
    r"\b(?:(?:i|we|he|she|they) (?:went (?:in|there|to (?:the |an? )?(?:emergency|hospital|urgent|walk|minor))"
    r"|got there|was seen|were seen|waited (?:for|hours|\d)|attended)|where (?:they|i|he|she|we)"
    r"|(?:they|the doctors?|the nurse|the consultant|a doctor|the xray|the scan) (?:\w+ ){0,3}?"
    r"(?:said|told|diagnosed|found|xrayed|scanned|gave|put|sent (?:me|him|her|us) home|discharged|showed)"
    r"|(?:was|were) (?:seen|discharged|xrayed|scanned))\b"
)
VISIT_REACH = 250  # characters after the advice in which a visit's outcome is looked for
# advice that holds only if something happens in its own clause ("go to A&E if it swells") is
# safety-netting, not advice for now (not "... urgent care today, but I'm wondering if I can leave it":
# the writer's own question); advice from someone who is not a clinician ("my mum told me to go to
# A&E") is not a clinician's
ADVICE_IF = re.compile(r"\b(?:if|unless|in case|should (?:it|the|that|this|you|he|she))\b")
LAY_ADVISER = re.compile(
    r"\b(?:mother|father|dad|wife|husband|partner|friends?|mates?|boyfriend|girlfriend|coach|teacher|brother|sister"
    r"|son|daughter|family|flatmate|housemate|colleagues?|boss|everyone|people|somebody|someone)\b"
)
CLINICIAN = re.compile(
    r"\b(?:doctor|nurse|physio\w*|111|consultant|paramedic|pharmacist|surgeon|clinician|triage|hospital)\b"
)
NOT_NEW = re.compile(r"\b(?:this|it|that|which|these|they) (?:is|was|are|were|'s) (?:not|nothing) new\b")
BLOW_LANDED = re.compile(
    r"\b(?:studs|kick(?:ed)?|hit|struck|whack(?:ed)?|tackle[ds]?|challenge|boot|blow|knock(?:ed)?|bang(?:ed)?|"
    r"landed|fell|clattered|caught)\b[^.;,]*\b(?:into|onto|on|to|against|in) (?:the |my |his |her )?$"
)
"""What a blow landed on, just before a place of the knee ("studs right into the outside of my knee")."""
OTHER_KNEE = re.compile(r"\b(?:the|my|his|her|their) other (?:knee|leg|one|side)\b|\bopposite (?:knee|leg)\b")
SELF_DESCRIBED = re.compile(r"\b(?:i'?m|i am|im|as a)\b|\d")
"""Where a writer with their own knee says their sex: "I'm a 45-year-old woman", "26, bloke", "16m"."""
OWN_KNEE = re.compile(r"\b(?:my (?:own |left |right |bad |sore )*(?:knees?|kneecaps?|legs?)|mine)\b")
REASONS = {
    "uncertain": "said with doubt",
    "historical": "about the past",
    "historical_denied": "a past denied ('no history of ...')",
    "hypothetical": "said as a possibility ('if ...')",
    "other_person": "about someone else",
    "other_body_part": "about another part of the body",
    "comparison": "a comparison ('feels like I've been kicked'), not an event",
    "exertion": "what hard exercise does (out of breath after a sprint, a calf tight after calf raises)",
    "hoped": "a hope, not a change ('hoping it would feel better')",
    "long_standing": "said to be long-standing, not new ('numb feet, not new')",
    "over": "said to be over since ('a fever last week, all better now')",
}
COMPARISON_DISMISSES = {"how_it_started"}
"""A comparison sets these aside (it did not happen); any other finding it qualifies stays possible."""
EXERTION_DISMISSES = {"breathless_or_chest_pain", "fever_or_unwell"}
"""Said of the effort of exercise ("out of breath after the sprint", "sweating after the run"), these
are what exercise does, not warning signs; a calf or a knee that hurts after a run still counts."""
EXERTION_HEDGES = {"limp"}  # "he limps after matches": asked, not read as a limp of weeks
EFFORT_SIGNS = re.compile(r"sweat|shak|trembl")  # what effort does; a fever or shivers after a run still count
# a calf that cramps during a run is the muscle, not a clot (a calf that aches after one still counts)
CRAMP = re.compile(r"cramp")
TIGHT_ONLY = re.compile(r"\b(?:tight|tense|hard)\b")
SWOLLEN = re.compile(r"swell|swoll|puff|big|fat|larg|circumference")
CLOT_CONTEXT = ("calf_pain", "calf_swelling", "clot_risk", "recent_surgery_or_injection")
# what makes a foot cold, numb or white without harm: the weather, water, chalk
ENVIRONMENT = re.compile(
    r"\b(?:freezing|frozen|cold (?:water|weather|day|morning|run)|winter|snow\w*|icy|ice bath|lido|sea|swim\w*|"
    r"chalk|paint|the cold)\b"
)

FIRST_MENTION_FIELDS = {"sex"}
"""Fields where no value outranks another: the first one said wins."""


class TextProblem(ValueError):
    """Text that cannot be read (empty, too long); the message says what to do instead."""


@dataclass(frozen=True)
class Mention:
    field: str
    value: Any
    start: int
    end: int
    text: str
    negated: bool = False
    possible: bool = False

    def public(self) -> dict[str, Any]:
        return {"field": self.field, "value": self.value, "text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class SetAside:
    """A finding seen in the text but not used, and why."""

    field: str
    value: Any
    text: str
    start: int
    end: int
    reason: str

    def public(self) -> dict[str, Any]:
        return {"field": self.field, "value": self.value, "text": self.text, "start": self.start, "end": self.end,
                "reason": self.reason}  # fmt: skip


@dataclass(frozen=True)
class Understood:
    answers: Answers
    mentions: list[Mention]
    notes: list[str]
    set_aside: list[SetAside] = field(default_factory=list)
    possible: list[Mention] = field(default_factory=list)  # hedged warning signs, to ask first
    unplaced: list[Unplaced] = field(default_factory=list)  # warning words not understood
    text: str = ""  # the person's own words, as given
    # the stories whose opening is dated years ago ("Some 5 years ago I fell ..."), as spans of `text`:
    # a warning word or a hedged sign in one is asked first, but it is that story's
    old_stories: list[tuple[int, int]] = field(default_factory=list)

    def in_old_story(self, position: int) -> bool:
        return any(a <= position < b for a, b in self.old_stories)


@dataclass(frozen=True)
class _Entry:
    value: str
    patterns: list[re.Pattern[str]]
    negated: str | None


@dataclass(frozen=True)
class _Lexicon:
    scalar: dict[str, list[_Entry]]
    lists: dict[str, dict[str, list[re.Pattern[str]]]]
    order: dict[str, list[str]]  # per field, values most urgent first
    negated: dict[tuple[str, str], str]  # (field, value) -> the value a negated mention gives


@cache
def _lexicon() -> _Lexicon:
    data = dict(text_resource("lexicon.yaml"))
    lists = data.pop("lists")
    fields = set(Answers.model_fields)
    scalar: dict[str, list[_Entry]] = {}
    for name, entries in data.items():
        if name not in fields:
            raise ValueError(f"knowledge/text/lexicon.yaml: unknown field {name!r}")
        scalar[name] = [
            _Entry(str(e["value"]), [re.compile(rf"\b(?:{p})") for p in e["patterns"]], e.get("negated"))
            for e in entries
        ]
    items = {
        name: {item: [re.compile(rf"\b(?:{p})") for p in patterns] for item, patterns in values.items()}
        for name, values in lists.items()
    }
    order = {name: [e.value for e in entries] for name, entries in scalar.items()}
    negated = {(name, e.value): e.negated for name, entries in scalar.items() for e in entries if e.negated}
    from kneecheck.understand._concepts import concept_rules

    for rule in concept_rules():
        if rule.field not in fields:
            raise ValueError(f"knowledge/text/concepts.yaml: unknown field {rule.field!r}")
        Answers.model_validate({rule.field: [rule.value] if rule.field in LIST_FIELDS else rule.value})
        if rule.field not in LIST_FIELDS and rule.value not in order.setdefault(rule.field, []):
            order[rule.field].append(rule.value)
    for (name, value), neg in list(negated.items()):
        Answers.model_validate({name: value})
        Answers.model_validate({name: neg})
    for name, values in items.items():  # a typo in a value fails loudly, at load
        for value in values:
            Answers.model_validate({name: [value]})
    return _Lexicon(scalar, items, order, negated)


def _negated_value(lexicon: _Lexicon, name: str, value: str) -> str | None:
    if (name, value) in lexicon.negated:
        return lexicon.negated[(name, value)]
    if value == "yes":
        return "no"
    if name == "swelling" and value in ("mild", "pronounced"):
        return "none"
    return None


@dataclass
class _Candidate:
    field: str
    value: Any
    start: int  # in the normalised text
    end: int
    negated: bool
    possible: bool
    kind: str  # "lexicon" or "concept"
    negated_value: str | None = None
    cue_start: int | None = None  # where the negation that applies begins ("no swelling")
    overrides: bool = False  # a concept that replaces the readings of the same field inside it
    doubt_still_counts: bool = False  # a suspicion of it is the warning: doubt does not make it a question


@cache
def _recent_operation_hours() -> float:
    """An operation or injection is recent within this window (knowledge/text/numbers.yaml)."""
    return float(text_resource("numbers.yaml")["recent_operation_weeks"]) * 168


def _collect(
    norm: Normalised, scopes: list[Scope], today: date, told: list[tuple[int, int, bool]]
) -> tuple[list[_Candidate], list[tuple[_Candidate, str]]]:
    """Every finding matched in the text, with the context that applies to it."""
    text = norm.text
    lexicon = _lexicon()
    raw: list[_Candidate] = []
    for name, entries in lexicon.scalar.items():
        for entry in entries:
            for pattern in entry.patterns:
                for m in pattern.finditer(text):
                    raw.append(_Candidate(name, entry.value, m.start(), m.end(), False, False, "lexicon"))
    for name, values in lexicon.lists.items():
        for item, patterns in values.items():
            for pattern in patterns:
                for m in pattern.finditer(text):
                    raw.append(_Candidate(name, item, m.start(), m.end(), False, False, "lexicon"))
    for hit in find_concepts(text):
        raw.append(
            _Candidate(hit.rule.field, hit.rule.value, hit.start, hit.end, False,
                       hit.rule.possible or hit.painful_not_lost, "concept", hit.rule.negated,
                       overrides=hit.rule.overrides or hit.painful_not_lost,
                       doubt_still_counts=hit.rule.doubt_still_counts)
        )  # fmt: skip

    # a longer reading that says what its words mean together replaces the readings of its parts:
    # "unable to walk without a limp" is a limp, not "unable to walk" and "without a limp"
    wider = [(c.start, c.end, c.field) for c in raw if c.kind == "concept" and c.overrides]
    raw = [
        c for c in raw
        if not any(f == c.field and s <= c.start and c.end <= e and (s, e) != (c.start, c.end) for s, e, f in wider)
        or (c.kind == "concept" and c.overrides)
    ]  # fmt: skip

    # "my friend's knee" is someone else's only beside the writer's own knee; a parent, partner or
    # coach writing about the person is writing about the patient
    own_knee = OWN_KNEE.search(text) is not None
    story = [(a, b) for a, b, _ in told]
    dated_story = [(a, b) for a, b, dated in told if dated]
    # an operation the text dates beyond the recent window ("I'm 7 months post surgery now"): a story
    # told before it in the text is older still, so its warning signs were so then, before the operation
    operated_long_ago = {
        (c.start, c.end)
        for c in raw
        if c.field == "recent_surgery_or_injection" and c.value == "yes" and _long_ago(c, text, today, story)
    }
    if operated_long_ago:
        # the same operation named again later ("the injection he received ... at the last visit"), with
        # no time of its own, is as old as it was dated
        first_dated = min(start for start, _ in operated_long_ago)
        operated_long_ago |= {
            (c.start, c.end)
            for c in raw
            if c.field == "recent_surgery_or_injection"
            and c.value == "yes"
            and c.start > first_dated
            and SAME_ONE.search(text, max(0, c.start - 25), c.start)
            and _undated(clause_of(text, c.start, c.end), today)
        }
    operated_since = min((start for start, _ in operated_long_ago), default=None)
    kept: list[_Candidate] = []
    dismissed: list[tuple[_Candidate, str]] = []
    for c in raw:
        context = modifiers(scopes, c.start, c.end, cue_inside_counts=c.kind == "lexicon")
        if c.kind != "lexicon" and doubted_inside(text, c.field, c.start, c.end):
            context.add("uncertain")  # "it might lock": a doubt in a pattern's gap (never its own word)
        listed = list_body_part(text, c.start, c.end)  # "swelling, pain and warmth in his left calf"
        if c.field in CALF_SENSITIVE and ("calf" in clause_of(text, c.start, c.end) or listed in CALVES):
            # "the calf is swollen and warm" is about the calf; "the knee and calf are swollen", both
            if c.field == "swelling" and c.value != "none":
                denied = bool(context & {"negated", "negated_list"})
                kept.append(_Candidate("calf_swelling", "yes", c.start, c.end, denied, False, c.kind))
            if not KNEE_AND_CALF.search(clause_of(text, c.start, c.end)):
                dismissed.append((c, "other_body_part"))
                continue
        if listed_of_other_part(c.field, listed):
            dismissed.append((c, "other_body_part"))  # "swelling, bruising and pain in her ankle"
            continue
        if c.field == "foot_numb_cold_or_pale" and (
            LONG_STANDING.search(clause_of(text, c.start, c.end)) or NOT_NEW.search(clause_around(text, c.start, c.end))
        ):
            dismissed.append((c, "long_standing"))  # the nerve and blood supply signs are signs when new
            continue
        if c.field in CALF_SENSITIVE and _refers_to_the_calf(text, c.start, c.end):
            # "My calf feels weird. It's swollen and hot.": "it" is the calf named last
            if c.field == "swelling" and c.value != "none":
                kept.append(_Candidate("calf_swelling", "yes", c.start, c.end, False, False, c.kind))
            dismissed.append((c, "other_body_part"))
            continue
        if c.field in ADVISED and (set_aside := _advice_set_aside(c, text)):
            dismissed.append((c, set_aside))
            continue
        if about_other_body_part(text, c.field, c.start, c.end):
            dismissed.append((c, "other_body_part"))
            continue
        if own_knee and c.field == "sex" and not SELF_DESCRIBED.search(text, max(0, c.start - 25), c.end + 8):
            dismissed.append((c, "other_person"))  # "my dad needed help ... he": the writer is not "he"
            continue
        if own_knee and c.field in PERSON_HISTORY:
            clause = clause_of(text, c.start, c.end)
            if THIRD_PERSON_HAS.search(clause) and not FIRST_PERSON.search(clause):
                dismissed.append((c, "other_person"))
                continue
        if not own_knee and not any(
            s.category == "other_person" and s.start <= c.start < s.end and PATIENTS_OWN.match(text, s.cue_start)
            for s in scopes
        ):
            context.discard("other_person")  # "his knee" is the patient's; "his mother has" is not
        if "other_person_section" in context:  # "Family history: father with gout"
            context.add("other_person")
        if any(a <= c.start < b for a, b in dated_story):
            context.add("historical")  # a story dated to a past year: so then
        if c.field == "how_it_started" and c.value != "no_injury" and opens_years_ago(text, c.start, today):
            context.add("historical")  # "Back in 2019 I couldn't walk for a week after a bad fall"
        if "resolved" in context and not (c.field in ABILITIES and c.value == "yes"):  # ("walks fine now")
            # said to be over since: the past when its sentence is dated weeks ago, else asked first
            if dated_weeks_ago(text, c.start):
                context.add("historical")
            elif c.field in OVER_WHEN_SAID_SO and dated_recent_past(text, c.start):
                dismissed.append((c, "over"))  # "a fever with a cold last week, all better now"
                continue
            else:
                c.possible = True
        reason: str | None = next((r for r in ("other_person", "hypothetical", "historical") if r in context), None)
        if (
            reason == "historical"
            and c.field in PAST_STILL_COUNTS
            and not (c.field == "clot_risk" and not CLOT_NAMED.search(text[c.start : c.end]))
        ):
            reason = None  # (a clot of the past is a risk now; a cast or a flight of the past is not)
        if reason is None and c.field == "recent_surgery_or_injection" and (c.start, c.end) in operated_long_ago:
            reason = "historical"  # an operation dated beyond the window that makes it recent
        if reason == "historical" and ("negated" in context or "negated_list" in context):
            reason = "historical_denied"  # "no history of injury" is no previous injury
        if reason:
            dismissed.append((c, reason))
            continue
        if "comparison" in context and c.field in COMPARISON_DISMISSES:
            dismissed.append((c, "comparison"))
            continue
        if "hoped" in context and c.field == "trend" and c.value == "better":
            dismissed.append((c, "hoped"))  # "hoping it would feel better the next day"
            continue
        if "brief" in context and c.field == "true_locking" and c.value == "yes":
            c.field = "catching_or_clicking"  # a brief catch that frees itself is not a true lock
        if "exertion" in context and c.field in EXERTION_HEDGES:
            c.possible = True  # "he limps after matches": is he limping now? asked first
        elif "exertion" in context and _what_effort_does(c, text):
            dismissed.append((c, "exertion"))
            continue
        if ("uncertain" in context and not c.doubt_still_counts) or "comparison" in context:
            c.possible = True
        if c.field == "trend" and c.value == "better" and any(a <= c.start < b for a, b in story):
            dismissed.append((c, "historical"))  # "it had settled down completely" (years ago): not now
            continue
        if c.field in NARRATIVE_HEDGES and any(a <= c.start < b for a, b in story):
            if operated_since is not None and c.end <= operated_since:
                dismissed.append((c, "historical"))  # told of a story before an operation long ago
                continue
            c.possible = True  # told of a story weeks or years ago: was it so then, or is it now?
        if "negated" in context or ("negated_list" in context and c.field not in ABILITIES):
            c.negated = True
            c.cue_start = negation_start(scopes, c.start, c.end)
        kept.append(c)
    return kept, dismissed


def _advice_set_aside(c: _Candidate, text: str) -> str | None:
    """Why advice read in the text is not advice to follow now, or None: the visit it sent the person
    to is told after it, it holds only if something happens, or who gave it is not a clinician."""
    if VISIT_TOLD.search(text, c.end, c.end + VISIT_REACH):
        return "historical"
    if ADVICE_IF.search(text, *clause_span(text, c.start, c.end)):
        return "hypothetical"
    speaker = text[max(0, c.start - 40) : c.start]  # who gave the advice is named before its verb
    if LAY_ADVISER.search(speaker) and not CLINICIAN.search(speaker):
        return "other_person"
    return None


SAME_ONE = re.compile(r"\b(?:the|that|this|same) (?:\w+ ){0,2}$")
"""Words before an operation that point back to one already named ("the injection", "that steroid shot")."""


POINTS_BACK = re.compile(r"\b(?:despite|since|after) (?:the |my |his |her |their |this |that )?$")
"""Words before an operation that place it before the time just told ("6 months later, despite surgery")."""


PREVIOUSLY = re.compile(
    r"(?: (?:on|to|in) (?:it|them|(?:my|his|her|their|the|this|that) (?:\w+ ){0,2}?(?:knees?|legs?|one|side)))?"
    r" before(?=\s*(?:[.,;!?)]|$|(?:and|but|so|too|though|as well|twice|once|then)\b))"
)
"""An operation said to have been before, with nothing after it in its clause ("I've had surgery on
this knee before.", "had an injection before, and it helped"): earlier, not recent."""


def _undated(clause: str, today: date) -> bool:
    """Whether a clause gives an operation no time of its own, recent or past."""
    return not RECENT_IN_CLAUSE.search(clause) and operation_age_hours(clause, today) is None


def _long_ago(c: _Candidate, text: str, today: date, story: list[tuple[int, int]]) -> bool:
    """Whether an operation or injection is dated beyond the window that makes it recent, in its own
    clause ("7 months post surgery now", "a scope in 2019") or by the opening of the story it is told
    in ("When I was a kid I came off my BMX ... after surgery it took weeks")."""
    year = YEAR_JUST_AFTER.match(text, c.end)
    if year is not None and int(year.group(1)) < today.year:
        return True  # "TKR 2015": dated by the year written straight after it
    left, right = clause_span(text, c.start, c.end)
    if RECENT_IN_CLAUSE.search(text[left:right]):
        return False  # "the new operation last week": its own time, whatever the story's opening says
    if PREVIOUSLY.match(text, c.end):
        return True  # "I've had surgery on this knee before."
    age = operation_age_hours(text[left:right], today, (c.start - left, c.end - left))
    if age is None and opens_years_ago(text, c.start, today):
        return True  # its own sentence opens years ago ("Twenty years ago, at 16, I had both knees replaced")
    if age is None:
        opening = _story_opening(story, c.start, text)
        age = operation_age_hours(opening, today) if opening else None
    if age is None:  # a date just before it in its sentence, across a comma
        first, last = sentence_span(text, c.start)
        age = dated_just_before(text[max(first, c.start - 60) : c.start], text[first:last], today)
    if age is None:  # "underwent surgery. 6 months later, despite surgery": at least that long ago
        begin, end = sentence_span(text, c.start)
        _, following = sentence_span(text, end + 1) if end < len(text) else (end, end)
        age = time_later(text[c.end : following])
        if age is None and POINTS_BACK.search(text, max(begin, c.start - 20), c.start):
            age = time_later(text[begin : c.start])  # "6 months later, despite surgery, ..."
    return age is not None and age > _recent_operation_hours()


def _story_start(story: list[tuple[int, int]], position: int, text: str) -> int | None:
    """Which sentence of `story` opens the story told at `position`: the first of its run of
    consecutive story sentences (None when `position` is not in a story)."""
    index = next((i for i, (a, b) in enumerate(story) if a <= position < b), None)
    if index is None:
        return None
    while index > 0 and not text[story[index - 1][1] : story[index][0]].strip(" .!?\n"):
        index -= 1
    return index


def _story_opening(story: list[tuple[int, int]], position: int, text: str) -> str | None:
    """The first sentence of the story told at `position`: its run of consecutive story sentences."""
    index = _story_start(story, position, text)
    return None if index is None else text[story[index][0] : story[index][1]]


def _refers_to_the_calf(text: str, start: int, end: int) -> bool:
    """Whether a finding said of "it", "this" or "the area", in a clause naming no part of the body,
    is about the calf: the part named last before its sentence (within 240 characters) is the calf,
    and the calf was not denied there."""
    clause = clause_of(text, start, end).strip()
    pointer = POINTER.match(clause)
    if pointer is None or BODY_WORD.search(clause, pointer.end()):
        return False
    sentence_start, _ = sentence_span(text, start)
    before = list(BODY_WORD.finditer(text, max(0, start - 240), sentence_start))
    if not before or not before[-1].group().startswith("cal"):
        return False
    # the calf said of in an earlier sentence, not denied there ("negative for calf pain")
    return DENIAL.search(text, *sentence_span(text, before[-1].start())) is None


def _of_the_other_knee(text: str, position: int) -> bool:
    """Whether the sentence at `position` says it is about the other knee ("tore my ACL in the other
    knee 5 years ago", "keyhole surgery on my right knee ten years ago, but this is the other one")."""
    return OTHER_KNEE.search(text, *sentence_span(text, position)) is not None


def _what_effort_does(c: _Candidate, text: str) -> bool:
    """A finding said of hard exercise that is what exercise does: out of breath, sweating or shaking
    ("a fever or shivers after a run" still count), a calf that cramps ("at mile 10")."""
    if c.field == "fever_or_unwell":
        return EFFORT_SIGNS.search(text, c.start, c.end) is not None
    if c.field == "calf_pain":
        return CRAMP.search(clause_of(text, c.start, c.end)) is not None
    if c.field == "calf_swelling":
        # a calf that feels tight after calf raises or a run is the muscle worked; one said to swell still counts
        return TIGHT_ONLY.search(text, c.start, c.end) is not None and not SWOLLEN.search(text, c.start, c.end)
    return c.field in EXERTION_DISMISSES


def understand(text: str, *, today: date | None = None) -> Understood:
    if not text or not text.strip():
        raise TextProblem("the text is empty: describe the knee in a few sentences, or answer the questions")
    if len(text) > MAX_TEXT_CHARS:
        raise TextProblem(
            f"the text is {len(text):,} characters; kneecheck reads up to {MAX_TEXT_CHARS:,}. "
            "Describe the knee in a few sentences, or answer the questions"
        )
    norm = normalise(text)
    scopes = find_scopes(norm.text)
    day = text_today(norm.text, today or date.today())  # "Today (Monday) ...": weekdays count back from it
    told = narrative_past(norm.text, day)
    candidates, dismissed = _collect(norm, scopes, day, told)
    lexicon = _lexicon()

    def mention(c: _Candidate, value: Any, *, negated: bool = False, possible: bool = False) -> Mention:
        # a negated finding is shown with its negation: "no swelling", not "swelling"
        start, end = norm.span(c.cue_start if c.cue_start is not None else c.start, c.end)
        return Mention(c.field, value, start, end, text[start:end], negated, possible)

    values: dict[str, Any] = {}
    used: list[Mention] = []
    possible: list[Mention] = []
    set_aside = [
        SetAside(c.field, c.value, text[s:e], s, e, REASONS[reason])
        for c, reason in dismissed
        for s, e in [norm.span(c.start, c.end)]
    ]

    # scalar answers: a stated value beats a negated one; among stated values the field's order
    # (warning values first) decides, so a conflict never lowers the urgency
    by_field: dict[str, list[tuple[bool, int, int, _Candidate, Any]]] = {}
    for c in candidates:
        if c.field in LIST_FIELDS:
            continue
        if c.possible:
            if not c.negated and not any(p.field == c.field and p.value == c.value for p in possible):
                possible.append(mention(c, c.value, possible=True))
            continue
        value = c.value
        if c.negated:
            if c.kind == "lexicon":
                value = lexicon.negated.get((c.field, c.value))
            else:
                value = c.negated_value or _negated_value(lexicon, c.field, c.value)
            if value is None or value == "ignore":  # "no DVT on the scan" says nothing of the risk
                continue
        order = lexicon.order.get(c.field, [])
        rank = order.index(value) if value in order else len(order)
        if c.field in FIRST_MENTION_FIELDS:
            rank = 0  # no value is more urgent: the first said is the patient's ("a boy ... his mother says")
        by_field.setdefault(c.field, []).append((c.negated, rank, c.start, c, value))
    for name, found in by_field.items():
        found.sort(key=lambda f: (f[0], f[1], f[2]))
        negated, _, _, c, value = found[0]
        values[name] = value
        used.append(mention(c, value, negated=negated))

    # list answers: every item stated and not negated ("no injury" is itself a negation)
    chosen: dict[str, dict[str, _Candidate]] = {}
    for c in candidates:
        if c.field not in LIST_FIELDS:
            continue
        if c.possible:  # "I think I twisted it": an injury said with doubt is asked first, as a list answer
            if not c.negated and not any(p.field == c.field and p.value == [c.value] for p in possible):
                possible.append(mention(c, [c.value], possible=True))
            continue
        if c.negated and c.value != "no_injury":
            continue
        chosen.setdefault(c.field, {}).setdefault(c.value, c)
    for name, items in chosen.items():
        if name == "how_it_started" and len(items) > 1:
            items.pop("no_injury", None)  # an injury was described, whatever else was said
        if name == "where" and "inside_below_joint_line" in items:
            items.pop("inside", None)  # the more precise place
        if name == "where" and len(items) > 1:
            # where a blow landed is not where it hurts when a place of pain is also said ("studs right
            # into the outside of my knee. The inside of my knee's really sore")
            struck = {v for v, c in items.items() if BLOW_LANDED.search(norm.text, max(0, c.start - 45), c.start)}
            if struck and len(struck) < len(items):
                for value in struck:
                    items.pop(value)
        if items:
            values[name] = sorted(items)
            used.extend(mention(c, c.value) for c in items.values())

    # an injury of the past is a previous knee injury
    if "previous_knee_injury" not in values:
        past = next(
            (
                c for c, reason in dismissed
                if reason == "historical" and c.field in INJURY_FIELDS and not _of_the_other_knee(norm.text, c.start)
            ),
            None,
        )  # fmt: skip
        if past is not None:
            values["previous_knee_injury"] = "yes"
            start, end = norm.span(past.start, past.end)
            used.append(Mention("previous_knee_injury", "yes", start, end, text[start:end]))

    # where a swelling is says there is one ("a lump in front of the kneecap"): its size unsaid, mild
    place = next((m for m in used if m.field == "swelling_where" and m.value != "unknown"), None)
    if place is not None and "swelling" not in values:
        values["swelling"] = "mild"
        used.append(Mention("swelling", "mild", place.start, place.end, place.text))

    # numbers, each attached to what it measures
    for name, reader in NUMBER_READERS.items():
        hit = reader(norm.text, day)
        if hit is not None:
            number, s, e = hit
            start, end = norm.span(s, e)
            values[name] = number
            used.append(Mention(name, number, start, end, text[start:end]))
    stiffness = read_morning_stiffness(norm.text) if "morning_stiffness" not in values else None
    if stiffness is not None:
        start, end = norm.span(stiffness[1], stiffness[2])
        values["morning_stiffness"] = stiffness[0]
        used.append(Mention("morning_stiffness", stiffness[0], start, end, text[start:end]))
    temperature = read_temperature(norm.text, day)
    if temperature is not None and values.get("fever_or_unwell") != "yes":
        start, end = norm.span(temperature[1], temperature[2])
        fever = "yes" if temperature[0] else "no"
        if fever == "yes" or "fever_or_unwell" not in values:
            used = [m for m in used if m.field != "fever_or_unwell"]
            values["fever_or_unwell"] = fever
            used.append(Mention("fever_or_unwell", fever, start, end, text[start:end]))

    # a measured sign at a warning level answers its question "yes": a heart rate, blood pressure or
    # breathing rate of sepsis, an oxygen saturation of a breathing problem
    for reader, name in ((read_sepsis_vitals, "sepsis_signs"), (read_low_oxygen, "breathless_or_chest_pain")):
        hit = reader(norm.text, day)
        if hit is not None and values.get(name) != "yes":
            start, end = norm.span(hit[1], hit[2])
            used = [m for m in used if m.field != name]
            values[name] = "yes"
            used.append(Mention(name, "yes", start, end, text[start:end]))

    # breath lost with exercise is what exercise does, unless a clot is also in view: then it counts
    # (new breathlessness on effort after an operation, with a swollen calf, is how a clot in the lung shows)
    if "breathless_or_chest_pain" not in values and any(values.get(f) == "yes" for f in CLOT_CONTEXT):
        effort = next((c for c, r in dismissed if r == "exertion" and c.field == "breathless_or_chest_pain"), None)
        if effort is not None:
            values["breathless_or_chest_pain"] = "yes"
            used.append(mention(effort, "yes"))
            kept_at = norm.span(effort.start, effort.end)[0]
            set_aside = [a for a in set_aside if not (a.field == effort.field and a.start == kept_at)]

    # a foot cold, numb or white from the weather, water or chalk, with no injury or operation: asked,
    # not read as said ("cold feet on a freezing run"); after an injury the same words count
    foot = next((m for m in used if m.field == "foot_numb_cold_or_pale" and m.value == "yes"), None)
    injured_or_operated = (
        set(values.get("how_it_started", [])) - {"no_injury"} or values.get("recent_surgery_or_injection") == "yes"
    )
    weather = foot is not None and ENVIRONMENT.search(clause_around(text.lower(), foot.start, foot.end))
    if foot is not None and weather and not injured_or_operated:
        used.remove(foot)
        del values["foot_numb_cold_or_pale"]
        possible.append(Mention(foot.field, foot.value, foot.start, foot.end, foot.text, False, True))

    # a swelling already there within two hours of an injury came within two hours
    onset = next((m for m in used if m.field == "hours_since_onset"), None)
    injured = set(values.get("how_it_started", [])) - {"no_injury"}
    swollen = values.get("swelling") in ("mild", "pronounced") and "swelling_onset" not in values
    if onset is not None and onset.value <= 2 and injured and swollen:
        values["swelling_onset"] = "within_2_hours"
        used.append(Mention("swelling_onset", "within_2_hours", onset.start, onset.end, onset.text))

    # each answer is validated alone: a value the model refuses drops that answer only
    notes: list[str] = []
    answers, refused = _validated(values)
    for name in refused:
        notes.append(
            f"the text gives {name.replace('_', ' ')} as {values[name]!r}, which is not plausible: it was left out"
        )
    used = [m for m in used if m.field not in refused]
    possible = [m for m in possible if m.field not in values]

    # a warning word in a story dated to a past year ("In October 2021 ... a DVT") is of that time
    dated = [Scope("historical", a, a, a, b) for a, b, over in told if over]
    unplaced = find_unplaced(norm, [*scopes, *dated], used, possible, set_aside, answers=answers)
    if unplaced:
        words = ", ".join(sorted({f"'{u.text}'" for u in unplaced}))
        notes.append(
            f"kneecheck saw {words} but could not tell what it means for the knee: please answer the questions about it"
        )
    if possible:
        notes.append(
            "some warning signs were said with doubt ("
            + ", ".join(sorted({f"'{m.text}'" for m in possible}))
            + "): please answer those questions"
        )
    if not used:
        notes.append("nothing in the text was recognised as a knee symptom: please answer the questions")
    used.sort(key=lambda m: m.start)
    # a warning word or a hedged sign in a story whose opening is dated years ago ("Some 5 years ago I
    # fell ... after lots of X-rays") is asked first, but it is that story's
    story = [(a, b) for a, b, _ in told]
    old_stories = []
    for a, b in story:
        index = _story_start(story, a, norm.text)
        if index is not None and opens_years_ago(norm.text, story[index][0], day):
            old_stories.append(norm.span(a, b))
    return Understood(answers=answers, mentions=used, notes=notes, set_aside=set_aside, possible=possible,
                      unplaced=unplaced, text=text, old_stories=old_stories)  # fmt: skip


def _validated(values: dict[str, Any]) -> tuple[Answers, list[str]]:
    refused: list[str] = []
    good = dict(values)
    while True:
        try:
            return Answers.model_validate(good), refused
        except ValidationError as error:
            names = {str(e["loc"][0]) for e in error.errors() if e["loc"]}
            if not names or not names & set(good):
                return Answers(), [*refused, *good]
            for name in names & set(good):
                refused.append(name)
                del good[name]
