"""Stage 6: fail safe. Warning words the reader could not place (knowledge/text/failsafe.yaml)
and whether an acute injury is described without the facts that decide its urgency."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol

from kneecheck.answers import Answers
from kneecheck.knowledge import Test
from kneecheck.understand._context import names_other_part_next
from kneecheck.understand._resources import text_resource

# a warning word said of the past ("broke my leg years ago") is the past's: the reader placed it
SETTLED = {"negated", "negated_list", "hypothetical", "other_person", "historical"}
EXERTION_WORDS = {"breathless_or_chest_pain", "fever_or_unwell"}  # what hard exercise does, said of it

if TYPE_CHECKING:
    from kneecheck.understand._context import Scope
    from kneecheck.understand._normalise import Normalised


class _Span(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


@dataclass(frozen=True)
class Unplaced:
    """A warning word seen in the text that no finding took, and the answers that would settle it."""

    text: str
    start: int
    end: int
    as_if: dict[str, Any]
    strong: bool = False

    def public(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "asks": sorted(self.as_if)}


@dataclass(frozen=True)
class _Word:
    pattern: re.Pattern[str]
    as_if: dict[str, Any]
    only_after_injury: bool
    only_with_swelling: bool
    strong: bool
    named: bool  # a condition named: open even where a finding took its words ("?DVT" is also a clot risk)


@dataclass(frozen=True)
class OneAnswerAway:
    """Signs read that leave a same-day rule one answer away (`open`, asked first while unknown)."""

    kind: str
    said: str
    signs: dict[str, Any]
    open: dict[str, Any]
    unless: Test | None  # a test on the known answers that sets the kind aside ("a small swollen spot")


@dataclass(frozen=True)
class FailSafePolicy:
    floors: dict[str, str]
    basis: str
    acute_within_hours: float
    long_standing_after_hours: float
    long_standing_after_injury_hours: float
    recent_time: re.Pattern[str]
    deciders: tuple[str, ...]
    settled_by: tuple[str, ...]
    words: tuple[_Word, ...]
    one_answer_away: tuple[OneAnswerAway, ...]


@cache
def failsafe_policy() -> FailSafePolicy:
    data = text_resource("failsafe.yaml")
    words = []
    for entry in data["warning_words"]:
        Answers.model_validate(entry["as_if"])  # the answers named must exist, at load
        words.append(
            _Word(
                re.compile(rf"\b(?:{entry['words']})"),
                dict(entry["as_if"]),
                bool(entry.get("only_after_injury")),
                bool(entry.get("only_with_swelling")),
                bool(entry.get("strong")),
                bool(entry.get("named")),
            )
        )
    near = tuple(
        OneAnswerAway(
            str(entry["kind"]),
            str(entry["said"]),
            Answers.model_validate(entry["signs"]).known(),  # the answers named must exist, at load
            Answers.model_validate(entry["open"]).known(),
            Test.model_validate(entry["unless"]) if "unless" in entry else None,
        )
        for entry in data["one_answer_away"]
    )
    kinds = {
        "unplaced_word",
        "unplaced_strong_word",
        "unplaced_in_old_story",
        "hedged_warning_sign",
        "hedged_long_standing",
        "acute_injury_unsettled",
        "acute_injury_walking",
        *(n.kind for n in near),
    }
    floors = data["floors"]
    if set(floors) != kinds or not set(floors.values()) <= {"emergency", "urgent", "routine", "self_care"}:
        raise ValueError(f"knowledge/text/failsafe.yaml: floors must give an urgency for each of {sorted(kinds)}")
    acute = data["acute_injury"]
    for name in [*acute["deciders"], *acute["settled_by"]]:
        if name not in Answers.model_fields:
            raise ValueError(f"knowledge/text/failsafe.yaml: unknown answer {name!r}")
    return FailSafePolicy(
        floors={str(k): str(v) for k, v in data["floors"].items()},
        basis=" ".join(str(data["basis"]).split()),
        acute_within_hours=float(acute["within_hours"]),
        long_standing_after_hours=float(data["long_standing_after_hours"]),
        long_standing_after_injury_hours=float(data["long_standing_after_injury_hours"]),
        recent_time=re.compile(data["recent_time"]),
        deciders=tuple(acute["deciders"]),
        settled_by=tuple(acute["settled_by"]),
        words=tuple(words),
        one_answer_away=near,
    )


def acute_injury(answers: Answers) -> bool:
    """An injury (not a gradual onset) in the last days, or at an unknown time."""
    mechanisms = set(answers.how_it_started or []) - {"no_injury"}
    if not mechanisms:
        return False
    hours = answers.hours_since_onset
    return hours is None or hours <= failsafe_policy().acute_within_hours


def find_unplaced(norm: Normalised, scopes: list[Scope], *taken: list[Any], answers: Answers) -> list[Unplaced]:
    """Warning words that no finding took and that are not denied or said as a possibility."""
    policy = failsafe_policy()
    spans = [(m.start, m.end) for group in taken for m in group]
    known = answers.known()
    injured = acute_injury(answers)
    swollen = known.get("swelling") in ("mild", "pronounced")
    found: list[Unplaced] = []
    seen: set[tuple[int, int]] = set()
    for word in policy.words:
        if (word.only_after_injury and not injured) or (word.only_with_swelling and not swollen):
            continue
        open_answers = {k: v for k, v in word.as_if.items() if k not in known}
        if not open_answers:
            continue
        for m in word.pattern.finditer(norm.text):
            settled = SETTLED
            if set(word.as_if) <= EXERTION_WORDS:
                settled = settled | {"exertion"}  # "my chest was heaving after the sprint"
            if any(s.category in settled and s.start <= m.start() < s.end for s in scopes):
                continue
            if names_other_part_next(norm.text, m.end()):
                continue  # "I did break my arm in sixth grade", "numbness in both hands"
            start, end = norm.span(m.start(), m.end())
            if (start, end) in seen or (not word.named and any(s < end and start < e for s, e in spans)):
                continue
            seen.add((start, end))
            found.append(Unplaced(norm.original[start:end], start, end, open_answers, word.strong))
    found.sort(key=lambda u: u.start)
    return found
