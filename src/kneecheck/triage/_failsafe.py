"""Failing safe on free text: what the result could be if the warning signs the text leaves open
turned out to be there, and how far a one-shot result is raised toward it
(policy and its basis in knowledge/text/failsafe.yaml)."""

from __future__ import annotations

import typing
from dataclasses import dataclass, field
from typing import Any

from kneecheck.answers import Answers
from kneecheck.knowledge import URGENCY_ORDER, Urgency
from kneecheck.triage._engine import Engine
from kneecheck.triage._logic import evaluate
from kneecheck.triage._result import UrgencyReason
from kneecheck.understand import Understood, acute_injury, failsafe_policy

RULE = "text_leaves_warning_signs_open"


@dataclass(frozen=True)
class Check:
    reasons: list[UrgencyReason] = field(default_factory=list)
    ask_first: list[str] = field(default_factory=list)
    could_be: Urgency | None = None
    notes: list[str] = field(default_factory=list)


def _choices(name: str) -> list[Any]:
    """The answers an item accepts, other than unknown."""
    annotation = Answers.model_fields[name].annotation
    literal = next((a for a in typing.get_args(annotation) if typing.get_origin(a) is typing.Literal), annotation)
    return [v for v in typing.get_args(literal) if v != "unknown"]


def _rank(level: Urgency) -> int:
    return URGENCY_ORDER.index(level)


def fail_safe(engine: Engine, answers: Answers, read: Understood) -> Check:
    policy = failsafe_policy()
    known = answers.known()
    # each open question, with the answer that would make it a warning sign and what said so
    open_items: list[tuple[dict[str, Any], str, str]] = []  # (answers as if, what said so, kind)
    for u in read.unplaced:
        as_if = {k: v for k, v in u.as_if.items() if k not in known}
        if as_if:
            kind = "unplaced_strong_word" if u.strong else "unplaced_word"
            if u.strong and read.in_old_story(u.start):
                kind = "unplaced_in_old_story"  # "Some 5 years ago I fell ... after lots of X-rays"
            open_items.append((as_if, f"'{u.text}'", kind))
    hours = answers.hours_since_onset
    long_standing = (
        hours is not None
        and hours > policy.long_standing_after_hours
        # an injury is long-standing only past the window of a new one ("twisted it 3 weeks ago")
        and (not set(answers.how_it_started or []) - {"no_injury"} or hours > policy.long_standing_after_injury_hours)
        and not policy.recent_time.search(read.text.lower())
    )
    hedged = "hedged_long_standing" if long_standing else "hedged_warning_sign"
    doubted = {m.field: m.value for m in read.possible if m.field not in known}
    # a sign said in a story whose opening is dated years ago is as long-standing as the story
    in_story = {m.start for m in read.possible if read.in_old_story(m.start)}
    for m in read.possible:
        if m.field not in known:
            kind = "hedged_long_standing" if m.start in in_story else hedged
            open_items.append(({m.field: m.value}, f"'{m.text}' (said with doubt)", kind))
    if len(doubted) > 1:
        # what was said with doubt, taken together: "I think I dislocated my knee" is an injury and a
        # dislocated knee, and the rule reads the two together
        doubts = [m for m in read.possible if m.field in doubted]
        said = ", ".join(dict.fromkeys(f"'{m.text}'" for m in doubts))
        together = "hedged_long_standing" if all(m.start in in_story for m in doubts) else hedged
        open_items.append((doubted, f"{said} (said with doubt)", together))
    if acute_injury(answers) and not all(name in known for name in policy.settled_by):
        kind = "acute_injury_walking" if known.get("can_bear_weight") == "yes" else "acute_injury_unsettled"
        for name in policy.deciders:
            if name not in known:
                open_items.append(({name: _worst(engine, answers, name)}, "an injury without this answer", kind))
    for near in policy.one_answer_away:
        set_aside = near.unless is not None and evaluate(near.unless, known, {}) is True
        if (
            not set_aside
            and not any(name in known for name in near.open)
            and any(known.get(k) == v for k, v in near.signs.items())
        ):
            open_items.append((dict(near.open), near.said, near.kind))
    if not open_items:
        return Check()

    now = engine.urgency(answers)
    worst: Urgency = now
    floor: Urgency = now
    deciding: list[str] = []
    because: list[str] = []
    for as_if, why, kind in open_items:
        level = engine.urgency(answers.model_copy(update=as_if))
        if _rank(level) > _rank(now):
            deciding += [f for f in as_if if f not in deciding]
            if why not in because:
                because.append(why)
            worst = max(worst, level, key=_rank)
            floor = max(floor, min(level, typing.cast(Urgency, policy.floors[kind]), key=_rank), key=_rank)
    if worst == now:
        return Check()
    questions = [engine.kb.question(f).question for f in deciding[:3]]
    worst_words = worst.replace("_", " ")
    text = (
        f"The text leaves open warning signs ({', '.join(because[:4])}) that could make this {worst_words}. "
        f"Answer first: {' '.join(questions)}"
    )
    reasons = []
    if _rank(floor) > _rank(now):
        reasons.append(UrgencyReason(rule=RULE, urgency=floor, text=text, source=f"Expert estimate: {policy.basis}"))
    note = f"this may be more urgent ({worst.replace('_', ' ')}): answer {', '.join(questions)}"
    return Check(reasons=reasons, ask_first=deciding, could_be=worst, notes=[note])


def _worst(engine: Engine, answers: Answers, name: str) -> Any:
    levels = [(engine.urgency(answers.model_copy(update={name: v})), v) for v in _choices(name)]
    return max(levels, key=lambda lv: _rank(lv[0]))[1]
