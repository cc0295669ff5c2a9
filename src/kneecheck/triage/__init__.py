"""Triage: red-flag rules decide the urgency; priors and likelihood ratios rank the causes."""

from kneecheck.triage._engine import Engine, assess, assess_text, default_engine
from kneecheck.triage._questions import Checklist, Questionnaire, Session, Step, simulate
from kneecheck.triage._result import (
    Advice,
    Assessment,
    RankedCondition,
    TrainingFactor,
    UrgencyReason,
    Why,
)

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
    "assess_text",
    "default_engine",
    "simulate",
]
