"""Understanding free text: a person's own words or a clinician's note, into structured answers."""

from kneecheck.understand._concepts import preload
from kneecheck.understand._extract import MAX_TEXT_CHARS, Mention, SetAside, TextProblem, Understood, understand
from kneecheck.understand._failsafe import Unplaced, acute_injury, failsafe_policy
from kneecheck.understand._numbers import parse_duration, parse_number

__all__ = [
    "MAX_TEXT_CHARS",
    "Mention",
    "SetAside",
    "TextProblem",
    "Understood",
    "Unplaced",
    "acute_injury",
    "failsafe_policy",
    "parse_duration",
    "parse_number",
    "preload",
    "understand",
]
