"""Free text to structured answers: a lexicon of phrases (knowledge/lexicon.yaml) read with a
negation and uncertainty scope in the manner of NegEx/ConText, plus number and duration readers.

Every answer taken from the text keeps the span it came from, so a person can see and correct it.
A negated mention ("no swelling") gives the field's negated value; an uncertain one ("I don't
think it's warm", "maybe") is left unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from kneecheck.answers import Answers

MAX_TEXT_CHARS = 20_000
CALF_SENSITIVE = {"swelling", "warmth_or_redness"}

NEGATION = re.compile(
    r"\b(?:no|not|never|without|denies|denied|none|nothing|neither|nor|"
    r"don'?t|doesn'?t|didn'?t|isn'?t|aren'?t|wasn'?t|weren'?t|haven'?t|hasn'?t|hadn'?t|won'?t)\b"
)
UNCERTAIN = re.compile(
    r"\b(?:maybe|might|possibly|perhaps|not sure|unsure|i (?:do not|don'?t) think|i think|"
    r"could be|may be|wonder(?:ing)? if|not certain)\b"
)
# a cue's scope ends at punctuation, a conjunction that starts a new statement, or 6 words
TERMINATOR = re.compile(
    r"[.,;:!?()]|\b(?:but|and|although|though|however|except|which|so(?! that)|because|since|while|yet|then)\b"
)
SCOPE_WORDS = 6


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

    def public(self) -> dict[str, Any]:
        return {"field": self.field, "value": self.value, "text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Understood:
    answers: Answers
    mentions: list[Mention]
    notes: list[str]


@dataclass(frozen=True)
class _Entry:
    value: str
    patterns: list[re.Pattern[str]]
    negated: str | None


@cache
def _lexicon(folder: str | None = None) -> tuple[dict[str, list[_Entry]], dict[str, dict[str, list[re.Pattern[str]]]]]:
    base = Path(folder) if folder else Path(str(resources.files("kneecheck.knowledge")))
    data = yaml.safe_load((base / "text/lexicon.yaml").read_text(encoding="utf-8"))
    lists = data.pop("lists")
    fields = set(Answers.model_fields)
    scalar: dict[str, list[_Entry]] = {}
    for field, entries in data.items():
        if field not in fields:
            raise ValueError(f"knowledge/lexicon.yaml: unknown field {field!r}")
        scalar[field] = [
            _Entry(str(e["value"]), [re.compile(rf"\b(?:{p})") for p in e["patterns"]], e.get("negated"))
            for e in entries
        ]
    items = {
        field: {item: [re.compile(rf"\b(?:{p})") for p in patterns] for item, patterns in values.items()}
        for field, values in lists.items()
    }
    # every value named must be one the answers accept (a typo fails loudly, at load)
    for field, values in items.items():
        for value in values:
            Answers.model_validate({field: [value]})
    for field, entries in scalar.items():
        for entry in entries:
            Answers.model_validate({field: entry.value})
            if entry.negated is not None:
                Answers.model_validate({field: entry.negated})
    return scalar, items


def _scopes(text: str, cue: re.Pattern[str]) -> list[tuple[int, int, int]]:
    """(cue start, scope start, scope end) for every cue in the text."""
    scopes = []
    for match in cue.finditer(text):
        rest = text[match.end() :]
        stop = TERMINATOR.search(rest)
        limit = stop.start() if stop else len(rest)
        words = list(re.finditer(r"\S+", rest[:limit]))
        end = match.end() + (words[SCOPE_WORDS - 1].end() if len(words) >= SCOPE_WORDS else limit)
        scopes.append((match.start(), match.end(), end))
    return scopes


def _covered(scopes: list[tuple[int, int, int]], start: int, end: int) -> bool:
    """True when a cue's scope covers the mention, or a cue sits inside it (not at its start:
    a phrase that opens with its own negation, such as "never locked", carries its meaning)."""
    return any((cue_end <= start < scope_end) or (start < cue_start < end) for cue_start, cue_end, scope_end in scopes)


def understand(text: str, *, today: date | None = None) -> Understood:
    if not text or not text.strip():
        raise TextProblem("the text is empty: describe the knee in a few sentences, or answer the questions")
    if len(text) > MAX_TEXT_CHARS:
        raise TextProblem(
            f"the text is {len(text):,} characters; kneecheck reads up to {MAX_TEXT_CHARS:,}. "
            "Describe the knee in a few sentences, or answer the questions"
        )
    lowered = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    negations = _scopes(lowered, NEGATION)
    doubts = _scopes(lowered, UNCERTAIN)
    scalar, lists = _lexicon()
    mentions: list[Mention] = []
    values: dict[str, Any] = {}

    for field, entries in scalar.items():
        found = []
        for rank, entry in enumerate(entries):
            for pattern in entry.patterns:
                for m in pattern.finditer(lowered):
                    if _covered(doubts, m.start(), m.end()):
                        continue
                    if field in CALF_SENSITIVE and "calf" in _clause_around(lowered, m.start(), m.end()):
                        continue  # "the calf is swollen and warm" is about the calf, not the knee
                    negated = _covered(negations, m.start(), m.end())
                    if negated and entry.negated is None:
                        continue
                    value = entry.negated if negated else entry.value
                    found.append(
                        (negated, rank, Mention(field, value, m.start(), m.end(), text[m.start() : m.end()], negated))
                    )
        if found:
            # a stated value beats a negated one; among stated values the lexicon's order decides
            found.sort(key=lambda f: (f[0], f[1], f[2].start))
            best = found[0][2]
            values[field] = best.value
            mentions.append(best)

    for field, items in lists.items():
        chosen: dict[str, Mention] = {}
        for item, patterns in items.items():
            for pattern in patterns:
                for m in pattern.finditer(lowered):
                    if _covered(doubts, m.start(), m.end()):
                        continue
                    if _covered(negations, m.start(), m.end()) and item != "no_injury":
                        continue
                    chosen.setdefault(item, Mention(field, item, m.start(), m.end(), text[m.start() : m.end()]))
        if field == "how_it_started" and len(chosen) > 1:
            chosen.pop("no_injury", None)  # an injury was described, whatever else was said
        if field == "where" and "inside_below_joint_line" in chosen:
            chosen.pop("inside", None)  # the more precise place
        if chosen:
            values[field] = sorted(chosen)
            mentions.extend(chosen.values())

    for field, reader in NUMBER_READERS.items():
        hit = reader(lowered, today or date.today())
        if hit is not None:
            number, start, end = hit
            values[field] = number
            mentions.append(Mention(field, number, start, end, text[start:end]))

    notes = []
    try:
        answers = Answers.model_validate(values)
    except ValueError as error:  # a reading the model refuses is dropped, never a crash
        notes.append(f"part of the text could not be used ({error.__class__.__name__})")
        answers = Answers()
        mentions = []
    if not mentions:
        notes.append("nothing in the text was recognised as a knee symptom: please answer the questions")
    mentions.sort(key=lambda m: m.start)
    return Understood(answers=answers, mentions=mentions, notes=notes)


# ---------------------------------------------------------------------------- numbers
WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "a few": 3,
    "couple of": 2, "several": 3,
}  # fmt: skip
NUMBER = (
    r"(\d+(?:\.\d+)?|a couple of|couple of|a few|several|an|a|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
)
UNIT_HOURS = {"minute": 1 / 60, "hour": 1, "day": 24, "night": 24, "week": 168, "month": 730, "year": 8760}
UNIT = r"(minute|hour|day|night|week|month|year)s?"
PAIN_WORDS = re.compile(
    r"ache|aching|achy|pain|hurt|sore|swell|swollen|injur|twist|pop|happened|tender|stiff|"
    r"lump|knee|kneecap|fell|landed|since then"
)
DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def _number(word: str) -> float:
    return float(word) if word[0].isdigit() else float(WORD_NUMBERS[word])


def _clause_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(".", 0, start), text.rfind(";", 0, start))
    right_candidates = [i for i in (text.find(".", end), text.find(";", end)) if i != -1]
    return text[left + 1 : min(right_candidates) if right_candidates else len(text)]


def _read_onset(text: str, today: date) -> tuple[float, int, int] | None:
    candidates: list[tuple[int, float, int, int]] = []  # (preference, hours, start, end)
    for m in re.finditer(
        rf"\b(?:for|over) (?:about |around |roughly |nearly |almost |over |the (?:last|past) )*{NUMBER} {UNIT}\b", text
    ):
        candidates.append((0, _number(m.group(1)) * UNIT_HOURS[m.group(2)], m.start(), m.end()))
    for m in re.finditer(rf"\b(?:about |around )?{NUMBER} {UNIT} ago\b", text):
        candidates.append((0, _number(m.group(1)) * UNIT_HOURS[m.group(2)], m.start(), m.end()))
    for m in re.finditer(rf"\b(?:it'?s been|that was|it happened|injury) (?:about )?{NUMBER} {UNIT}\b", text):
        candidates.append((0, _number(m.group(1)) * UNIT_HOURS[m.group(2)], m.start(), m.end()))
    for m in re.finditer(rf"\b(\d+(?:\.\d+)?) ?{UNIT}\b(?! ago| later)", text):  # a bare "3 days"
        candidates.append((3, float(m.group(1)) * UNIT_HOURS[m.group(2)], m.start(), m.end()))
    for m in re.finditer(rf"\b{NUMBER} {UNIT} later\b", text):
        candidates.append((0, _number(m.group(1)) * UNIT_HOURS[m.group(2)], m.start(), m.end()))
    fixed = {
        r"this morning|this afternoon|this evening|tonight|earlier today|today": 6.0,
        r"last night": 12.0,
        r"since yesterday|yesterday|(?:over )?the (?:past|last) day": 24.0,
        r"last week|past week|over the past week": 168.0,
        r"(?:over )?the (?:past|last) year": 8760.0,
    }
    for pattern, hours in fixed.items():
        for m in re.finditer(rf"\b(?:{pattern})\b", text):
            candidates.append((2, hours, m.start(), m.end()))
    for m in re.finditer(r"\b(?:since|on|last) (monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", text):
        back = (today.weekday() - DAYS.index(m.group(1))) % 7 or 7
        candidates.append((1, back * 24.0, m.start(), m.end()))
    # "after sitting at my desk for an hour" is how long a position lasts, not how long the pain has
    position = re.compile(r"sitting|\bsat\b|standing|\bdesk\b")
    candidates = [c for c in candidates if not position.search(text[max(0, c[2] - 30) : c[2]])]
    relevant = [c for c in candidates if PAIN_WORDS.search(_clause_around(text, c[2], c[3]))]
    pool = relevant or candidates
    if not pool:
        return None
    pool.sort(key=lambda c: (c[0], c[2]))
    _, hours, start, end = pool[0]
    return hours, start, end


def _read_age(text: str, _: date) -> tuple[int, int, int] | None:
    for pattern in (
        r"\b(\d{1,3})[- ]years?[- ]old\b",
        r"\b(?:i'?m|i am) (?:an? )?(\d{1,3})\b(?! ?(?:km|kg|%|minutes|hours|days|weeks|months))",
        r"\b(?:aged?|age:?) (\d{1,3})\b",
    ):
        m = re.search(pattern, text)
        if m and 1 <= int(m.group(1)) <= 110:
            return int(m.group(1)), m.start(), m.end()
    return None


def _read_volume(text: str, _: date) -> tuple[float, int, int] | None:
    m = re.search(r"same as always|no change in (?:my )?training|haven'?t changed (?:my )?training", text)
    if m:
        return 0.0, m.start(), m.end()
    m = re.search(
        r"\bfrom (?:about |around )?(\d+(?:\.\d+)?) ?(?:km|miles|mi|hours|k)?(?: a week| per week)? to (\d+(?:\.\d+)?)",
        text,
    )
    if m and float(m.group(1)) > 0:
        return round(100 * (float(m.group(2)) - float(m.group(1))) / float(m.group(1))), m.start(), m.end()
    m = re.search(r"\b(\d+(?:\.\d+)?) ?(?:km|miles) (?:a|per) week,? up from (\d+(?:\.\d+)?)", text)
    if m and float(m.group(2)) > 0:
        return round(100 * (float(m.group(1)) - float(m.group(2))) / float(m.group(2))), m.start(), m.end()
    return None


def _read_shoes(text: str, _: date) -> tuple[float, int, int] | None:
    m = re.search(
        r"shoes? (?:have|has) (?:done|covered) (?:well )?(?:over |about |more than )?(\d[\d,]*) ?(km|miles)", text
    )
    if m:
        km = float(m.group(1).replace(",", ""))
        return (km * 1.609 if m.group(2) == "miles" else km), m.start(), m.end()
    return None


def _read_pain(text: str, _: date) -> tuple[int, int, int] | None:
    m = re.search(r"\b(10|\d) ?(?:/|out of) ?10\b", text)
    return (int(m.group(1)), m.start(), m.end()) if m else None


NUMBER_READERS = {
    "age": _read_age,
    "hours_since_onset": _read_onset,
    "weekly_volume_increase_pct": _read_volume,
    "shoe_km": _read_shoes,
    "pain_now": _read_pain,
}


_HOURS_PER = {"h": 1, "d": 24, "w": 168, "m": 730, "y": 8760}


def parse_duration(reply: str) -> float:
    """A typed duration in hours: '36', '6 hours', '3 days', '2 weeks', '4 months'."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([hdwmy]?)[a-z]*", reply.strip().lower())
    if not match:
        raise ValueError("type a number of hours, or for example 3 days or 2 weeks")
    return float(match.group(1)) * _HOURS_PER[match.group(2) or "h"]
