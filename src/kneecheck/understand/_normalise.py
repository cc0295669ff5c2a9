"""Stage 1: normalise. Lower-case the text and rewrite shorthand, texting, misspellings and variant
spellings into one form (rules in knowledge/text/normalise.yaml), keeping for every character of
the result the position it came from, so that spans found later point at the person's own words."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial

from kneecheck.understand._resources import text_resource
from kneecheck.understand._spelling import CONTRACTION, WORD, contraction, correction

QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


@dataclass(frozen=True)
class Normalised:
    original: str
    text: str
    origin: tuple[int, ...]  # origin[i]: index in `original` of text[i]; one extra entry for the end

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span behind text[start:end]."""
        first = self.origin[start]
        last = self.origin[max(start, end - 1)] + 1 if end > start else first
        return first, max(first, last)


@cache
def _rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    data = text_resource("normalise.yaml")
    rules = []
    for number, rule in enumerate(data["rules"], start=1):
        if not (isinstance(rule, list) and len(rule) == 2):
            raise ValueError(f"knowledge/text/normalise.yaml: rule {number} must be [pattern, replacement]")
        rules.append((re.compile(rule[0]), rule[1]))
    return tuple(rules)


def _replace(
    current: str, origin: list[int], pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str]
) -> tuple[str, list[int]]:
    pieces: list[str] = []
    new_origin: list[int] = []
    last = 0
    for match in pattern.finditer(current):
        pieces.append(current[last : match.start()])
        new_origin.extend(origin[last : match.start()])
        new = replace(match)
        pieces.append(new)
        # every character of a replacement points at the start of what it replaced, the last at its end
        new_origin.extend([origin[match.start()]] * max(0, len(new) - 1))
        if new:
            new_origin.append(origin[max(match.start(), match.end() - 1)])
        last = match.end()
    pieces.append(current[last:])
    new_origin.extend(origin[last:])
    return "".join(pieces), new_origin


SPACES = re.compile(r"[ \t]{2,}")


def _one_space(_: re.Match[str]) -> str:
    return " "


def _expand(replacement: str, match: re.Match[str]) -> str:
    return match.expand(replacement)


def _contraction(match: re.Match[str]) -> str:
    return contraction(match.group()) or match.group()


def _corrected(match: re.Match[str]) -> str:
    return correction(match.group()) or match.group()


def normalise(text: str) -> Normalised:
    current = text.lower().translate(QUOTES)
    origin = list(range(len(current) + 1))
    # a negation typed with its apostrophe out of place is the negation ("do'nt", "coulnd't")
    if any(contraction(m.group()) for m in CONTRACTION.finditer(current)):
        current, origin = _replace(current, origin, CONTRACTION, _contraction)
    # a misspelt word the patterns look for is read as meant ("lnaded" -> "landed"), before the rules,
    # so that a corrected word is rewritten as its spelling would be ("pattella" -> "patella" -> "kneecap")
    if any(correction(m.group()) for m in WORD.finditer(current)):
        current, origin = _replace(current, origin, WORD, _corrected)
    for pattern, replacement in _rules():
        if pattern.search(current):
            current, origin = _replace(current, origin, pattern, partial(_expand, replacement))
    # runs of spaces, the writer's or left by a rule, are one space: a pattern's "~2" counts words
    if SPACES.search(current):
        current, origin = _replace(current, origin, SPACES, _one_space)
    return Normalised(original=text, text=current, origin=tuple(origin))
