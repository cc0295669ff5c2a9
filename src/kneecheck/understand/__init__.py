"""Understanding free text: a person's own words or a clinician's note, into structured answers."""

from kneecheck.understand._extract import Mention, TextProblem, Understood, parse_duration, understand

__all__ = ["Mention", "TextProblem", "Understood", "parse_duration", "understand"]
