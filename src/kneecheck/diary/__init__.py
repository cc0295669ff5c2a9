"""The pain diary: entries over time, the follow-up rules that read them, and their trend."""

from kneecheck.diary._models import PainEntry, warning_sign_fields
from kneecheck.diary._rules import (
    Escalation,
    Trend,
    as_json,
    check,
    current_episode,
    escalation_level,
    follow_up,
    trend,
)

__all__ = [
    "Escalation",
    "PainEntry",
    "Trend",
    "as_json",
    "check",
    "current_episode",
    "escalation_level",
    "follow_up",
    "trend",
    "warning_sign_fields",
]
