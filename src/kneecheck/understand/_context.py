"""Stage 3: context. Which findings are negated, uncertain, of the past, hypothetical, about
another person or about another part of the body (cues in knowledge/text/context.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from kneecheck.understand._resources import text_resource

CATEGORIES = (
    "negated",
    "uncertain",
    "historical",
    "hypothetical",
    "other_person",
    "comparison",
    "exertion",
    "brief",
    "hoped",
    "resolved",
)


@dataclass(frozen=True)
class Scope:
    category: str  # "negated_list": a negation that runs over a list ("denies swelling, heat, pop")
    cue_start: int
    cue_end: int
    start: int  # the stretch of text the cue modifies
    end: int


SENTENCE_END = re.compile(r"[.!?\n]")
SENTENCE = re.compile(r"[^.!?\n]+")  # a sentence: what lies between two SENTENCE_END marks


@dataclass(frozen=True)
class _Rules:
    terminators: re.Pattern[str]
    negation_stop: re.Pattern[str]  # a clause's end, or an "and" that starts a new statement
    list_terminators: re.Pattern[str]
    lists: dict[str, list[re.Pattern[str]]]
    to_sentence_end: dict[str, list[re.Pattern[str]]]  # cues whose scope is the rest of the sentence
    scope_words: int
    forward: dict[str, list[re.Pattern[str]]]
    backward: dict[str, list[re.Pattern[str]]]
    body_part_fields: frozenset[str]
    sections: dict[str, re.Pattern[str]]
    section_end: re.Pattern[str]
    knee_words: re.Pattern[str]
    other_body_words: re.Pattern[str]
    far_body_words: re.Pattern[str]  # parts far from the knee (names_other_part_next)
    doubt_inside_fields: frozenset[str]  # fields a doubt said inside their words makes a question
    story_anchor: re.Pattern[str]  # a story told of the past (`narrative`): its dated opening,
    story_now: re.Pattern[str]  # what says now and ends it,
    story_past: re.Pattern[str]  # and the past tense of its sentences;
    years_opening: re.Pattern[str]  # a sentence that opens with a time years ago
    story_year: re.Pattern[str]  # a calendar year that dates a story's opening (group 1),
    story_resolved: re.Pattern[str]  # and a writer's word that it is over
    resolved_recent: re.Pattern[str]  # a sign said to be over, dated to the last weeks


@cache
def _rules() -> _Rules:
    data = text_resource("context.yaml")
    unknown = set(data["cues"]) - set(CATEGORIES)
    if unknown:
        raise ValueError(f"knowledge/text/context.yaml: unknown cue categories {sorted(unknown)}")
    return _Rules(
        terminators=re.compile(data["terminators"]),
        negation_stop=re.compile(f"{data['terminators']}|{data['negation_terminators']}"),
        list_terminators=re.compile(data["list_terminators"]),
        lists={c: [re.compile(p) for p in v.get("forward_lists", [])] for c, v in data["cues"].items()},
        to_sentence_end={c: [re.compile(p) for p in v.get("to_sentence_end", [])] for c, v in data["cues"].items()},
        scope_words=int(data["scope_words"]),
        forward={c: [re.compile(p) for p in v.get("forward", [])] for c, v in data["cues"].items()},
        backward={c: [re.compile(p) for p in v.get("backward", [])] for c, v in data["cues"].items()},
        body_part_fields=frozenset(data["body_part_fields"]),
        sections={c: re.compile(p) for c, p in data.get("sections", {}).items()},
        section_end=re.compile(data["section_end"]),
        knee_words=re.compile(data["knee_words"]),
        other_body_words=re.compile(data["other_body_words"]),
        far_body_words=re.compile(data["far_body_words"]),
        doubt_inside_fields=frozenset(data["doubt_inside_fields"]),
        story_anchor=re.compile(data["narrative"]["anchor"]),
        story_now=re.compile(data["narrative"]["now"]),
        story_past=re.compile(data["narrative"]["past"]),
        years_opening=re.compile(data["narrative"]["years_opening"]),
        story_year=re.compile(data["narrative"]["year"]),
        story_resolved=re.compile(data["narrative"]["resolved"]),
        resolved_recent=re.compile(data["narrative"]["resolved_recent"]),
    )


def _forward_end(text: str, position: int, stop: re.Pattern[str], words: int) -> int:
    rest = text[position:]
    found = stop.search(text, position)  # from the position, so a look-behind sees the cue ("no reported")
    limit = found.start() - position if found else len(rest)
    tokens = list(re.finditer(r"\S+", rest[:limit]))
    return position + (tokens[words - 1].end() if len(tokens) >= words else limit)


def _backward_start(text: str, position: int, stop: re.Pattern[str], words: int) -> int:
    before = text[:position]
    ends = [m.end() for m in stop.finditer(before)]
    limit = ends[-1] if ends else 0
    tokens = list(re.finditer(r"\S+", before[limit:]))
    return limit + (tokens[-words].start() if len(tokens) >= words else 0)


def narrative_past(text: str, today: date) -> list[tuple[int, int, bool]]:
    """The sentences of a story told of the past (context.yaml, `narrative`): from a sentence that
    dates itself weeks or more ago (not one told of another person: in "My mate tore his ACL last
    year. I heard a pop at football" the pop is the writer's, now) to the first sentence that says
    now. Only sentences in the past tense count; the anchoring sentence is one of them. Each says
    whether its story is over: dated to a calendar year before this one ("In October 2021", "It was
    Memorial Day 2011") in a text whose writer says they have recovered since ("I'm now physically
    healed")."""
    rules = _rules()
    spans: list[tuple[int, int, bool]] = []
    in_story = dated = False
    over = rules.story_resolved.search(text) is not None
    for m in SENTENCE.finditer(text):
        sentence = m.group()
        says_now = rules.story_now.search(sentence) is not None
        if rules.story_anchor.search(sentence) and not any(
            cue.search(sentence) for cue in rules.forward.get("other_person", [])
        ):
            in_story = True
            dated = over and any(int(y.group(1)) < today.year for y in rules.story_year.finditer(sentence))
        elif says_now:
            in_story = False
        if in_story and not says_now and rules.story_past.search(sentence):
            spans.append((m.start(), m.end(), dated))
    return spans


def find_scopes(text: str) -> list[Scope]:
    rules = _rules()
    scopes = []
    for category in CATEGORIES:
        stop = rules.negation_stop if category == "negated" else rules.terminators
        for cue in rules.forward.get(category, []):
            for m in cue.finditer(text):
                scopes.append(
                    Scope(category, m.start(), m.end(), m.end(), _forward_end(text, m.end(), stop, rules.scope_words))
                )
        for cue in rules.lists.get(category, []):
            for m in cue.finditer(text):
                end = _forward_end(text, m.end(), rules.list_terminators, rules.scope_words + 4)
                # only a negation's list keeps its own name (abilities are not denied across a list)
                name = "negated_list" if category == "negated" else category
                scopes.append(Scope(name, m.start(), m.end(), m.end(), end))
        for cue in rules.to_sentence_end.get(category, []):
            for m in cue.finditer(text):
                ends = SENTENCE_END.search(text, m.end())  # the cue's own words too ("risks of surgery include")
                scopes.append(Scope(category, m.start(), m.end(), m.start(), ends.start() if ends else len(text)))
        # a sign said to be over is said so after a comma too ("a fever last week, all better now")
        back_stop = SENTENCE_END if category == "resolved" else stop
        for cue in rules.backward.get(category, []):
            for m in cue.finditer(text):
                reach = _backward_start(text, m.start(), back_stop, rules.scope_words)
                scopes.append(Scope(category, m.start(), m.end(), reach, m.start()))
    for category, heading in rules.sections.items():
        for m in heading.finditer(text):
            closing = rules.section_end.search(text, m.end())
            end_at = closing.start() if closing else len(text)
            scopes.append(Scope(f"{category}_section", m.start(), m.end(), m.end(), end_at))
    return scopes


# a doubt said between a concept pattern's words ("it might lock", "the knee may have given way"): no
# pattern has these as its own words (tests/test_understand.py checks), so where they fall inside a
# match they are the writer's doubt, as a cue before the finding would be
HEDGE_INSIDE = re.compile(r"\b(?:might|may|maybe|perhaps|possibly)\b")


def doubted_inside(text: str, field: str, start: int, end: int) -> bool:
    """Whether a concept match of `field` at text[start:end] has a doubt word between its own words,
    for the fields context.yaml lists (`doubt_inside_fields`); the others keep the safer reading."""
    return field in _rules().doubt_inside_fields and HEDGE_INSIDE.search(text, start, end) is not None


REACH_BACK_OVER = {"historical", "resolved"}


def modifiers(scopes: list[Scope], start: int, end: int, *, cue_inside_counts: bool) -> set[str]:
    """The context categories that apply to the finding at text[start:end]. A cue inside the
    finding counts only for a lexicon phrase that does not open with it ("it isn't swollen"); a
    concept pattern's own words ("couldn't walk") are part of its meaning."""
    found = set()
    for s in scopes:
        # a date or a word of recovery said after its finding reaches back over it: a finding whose
        # last words lie in that reach is under it ("Knee felt a bit wobbly once on the stairs last
        # year"); a doubt or a denial does not ("a bit out of breath on the stairs probably just tired"
        # is a doubt about the cause)
        reaches_back_into = s.category in REACH_BACK_OVER and s.end == s.cue_start and start < s.start < end
        if ((s.start <= start < s.end or reaches_back_into) and not (s.cue_start >= start and s.cue_end <= end)) or (
            cue_inside_counts and start < s.cue_start < end
        ):
            found.add(s.category)
    return found


def negation_start(scopes: list[Scope], start: int, end: int, *, reach: int = 40) -> int | None:
    """Where the nearest negation cue before a finding begins, if one within `reach` characters
    modifies it (so the finding can be shown with its negation); None otherwise."""
    before = [
        s.cue_start
        for s in scopes
        if s.category in ("negated", "negated_list") and s.start <= start < s.end and s.cue_end <= start
        and start - s.cue_start <= reach
    ]  # fmt: skip
    return max(before, default=None)


def sentence_span(text: str, position: int) -> tuple[int, int]:
    """Where the sentence holding `position` begins and ends (at a full stop, ! or ?, or a line's end)."""
    starts = [m.end() for m in SENTENCE_END.finditer(text, 0, position)]
    end = SENTENCE_END.search(text, position)
    return (starts[-1] if starts else 0), (end.start() if end else len(text))


def clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the clause a finding sits in begins and ends: the nearest terminator (or 12 words) either side."""
    rules = _rules()
    return _backward_start(text, start, rules.terminators, 12), _forward_end(text, end, rules.terminators, 12)


def clause_of(text: str, start: int, end: int) -> str:
    """The clause a finding sits in: up to the nearest terminator (or 12 words) either side."""
    left, right = clause_span(text, start, end)
    return text[left:right]


def about_other_body_part(text: str, field: str, start: int, end: int) -> bool:
    """True when, within the finding's clause, another body part is nearer than any knee word."""
    rules = _rules()
    if field not in rules.body_part_fields:
        return False
    left = _backward_start(text, start, rules.terminators, 12)
    right = _forward_end(text, end, rules.terminators, 12)

    def distance(pattern: re.Pattern[str]) -> int | None:
        gaps = []
        for m in pattern.finditer(text, left, right):
            if m.end() <= start:
                gaps.append(len(text[m.end() : start].split()))
            elif m.start() >= end:
                gaps.append(len(text[end : m.start()].split()))
            else:
                gaps.append(0)
        return min(gaps) if gaps else None

    other = distance(rules.other_body_words)
    if other is None:
        return False
    knee = distance(rules.knee_words)
    if knee is not None and _coordinated(text, left, right):
        return False  # "my knee and ankle are swollen": said of both, the knee too
    return knee is None or other < knee


JOINED = re.compile(
    r"\s*(?:,\s*(?:and\s+|&\s*)?|and\s+|&\s*|/\s*|or\s+)(?:(?:my|the|his|her|their|both|left|right)\s+)*"
)
"""What joins two body parts said together: "knee and ankle", "knee, ankle and hip", "knee/ankle"."""


def _coordinated(text: str, left: int, right: int) -> bool:
    """Whether a knee word and another body part are joined in one list within text[left:right]."""
    rules = _rules()
    knees = [(m.start(), m.end()) for m in rules.knee_words.finditer(text, left, right)]
    others = [(m.start(), m.end()) for m in rules.other_body_words.finditer(text, left, right)]
    return any(
        JOINED.fullmatch(text, a_end, b_start) is not None
        for a_start, a_end in knees + others
        for b_start, b_end in knees + others
        if a_end <= b_start and ((a_start, a_end) in knees) != ((b_start, b_end) in knees)
    )


LIST_TAIL = re.compile(
    r"(?:(?:\s*,\s*(?:and |or )?|\s+(?:and|or|&)\s+)[a-z]+(?:[ -][a-z]+)?){1,5}"
    r"\s+(?:in|of|to|over|around|at|on|behind|along|down)\s+"
    r"(?:(?:the|my|his|her|their|a|both|left|right|lower|upper|whole|entire|back of the)\s+){0,3}([a-z]+)"
)
"""A list that goes on past a finding and ends on the body part it is said of ("swelling, pain and
warmth in his left calf"): every item in it is said of that part."""


def list_body_part(text: str, start: int, end: int) -> str | None:
    """The body part a list running on from a finding names at its end, when the finding's own
    clause names no knee word ("I have swelling, pain and warmth in my left calf": the calf)."""
    m = LIST_TAIL.match(text, end)
    if m is None or _rules().knee_words.search(clause_of(text, start, end)):
        return None
    return m.group(1)


def listed_of_other_part(field: str, part: str | None) -> bool:
    """Whether a finding of `field`, one of a list ending on `part` (list_body_part), is said of
    another body part ("swelling, bruising and pain in her ankle")."""
    rules = _rules()
    return field in rules.body_part_fields and part is not None and rules.other_body_words.fullmatch(part) is not None


def dated_weeks_ago(text: str, position: int) -> bool:
    """Whether the sentence at `position` dates itself weeks or more ago ("last month", "two years
    ago"): the opening of a story told of the past (context.yaml, `narrative`)."""
    start, end = sentence_span(text, position)
    return _rules().story_anchor.search(text, start, end) is not None


PART_NAMED_NEXT = re.compile(
    r"\W{1,3}(?:(?:in|of|to|on) )?(?:my|his|her|their|your|a|an|the|both) (?:(?:left|right|little|big|other) )?(\w+)"
)


def names_other_part_next(text: str, end: int) -> bool:
    """Whether a part of the body far from the knee (context.yaml, `far_body_words`) is named right
    after `end` ("broke my arm", "numbness in both hands", "dislocated his shoulder") with no knee
    word just after it: the words before are about that part."""
    rules = _rules()
    after = PART_NAMED_NEXT.match(text[end : end + 60])
    if after is None or not rules.far_body_words.fullmatch(after.group(1)):
        return False
    tail = re.split(r"[,.;:!?]", text[end + after.end() : end + after.end() + 40])[0]
    return rules.knee_words.search(" ".join(tail.split()[:4])) is None  # (not "broke my ankle and knee")


def dated_recent_past(text: str, position: int) -> bool:
    """Whether the sentence at `position` dates itself to the last weeks ("last week", "ten days
    ago") or earlier (context.yaml, `resolved_recent`)."""
    start, end = sentence_span(text, position)
    return _rules().resolved_recent.search(text, start, end) is not None or dated_weeks_ago(text, position)


def opens_years_ago(text: str, position: int, today: date) -> bool:
    """Whether the sentence at `position` opens with a time years ago ("Back in 2019 ...", "Years ago
    I ...": a year named must be before this one) and does not come back to now within itself."""
    start, end = sentence_span(text, position)
    sentence = text[start:end]
    rules = _rules()
    opening = rules.years_opening.search(sentence)
    if opening is None or rules.story_now.search(sentence) is not None:
        return False
    year = re.search(r"(?:19|20)\d\d", opening.group())
    return year is None or int(year.group()) < today.year
