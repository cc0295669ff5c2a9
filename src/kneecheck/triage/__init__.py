"""Triage: red-flag rules decide the urgency; priors and likelihood ratios rank the causes."""

from kneecheck.triage._engine import Engine, assess, default_engine
from kneecheck.triage._questions import Checklist, Questionnaire, Session, Step, simulate
from kneecheck.triage._result import (
    Advice,
    Assessment,
    RankedCondition,
    TrainingFactor,
    UrgencyReason,
    Why,
)
from kneecheck.triage._text import assess_read, assess_text, questions_first

__all__ = [
    "Advice",
    "Assessment",
    "Checklist",
    "Engine",
    "Questionnaire",
    "RankedCondition",
    "Session",
    "Step",
    "TrainingFactor",
    "UrgencyReason",
    "Why",
    "assess",
    "assess_read",
    "assess_text",
    "default_engine",
    "questions_first",
    "simulate",
]
