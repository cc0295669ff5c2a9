"""The follow-up rules applied to a pain diary, and its trend. Pure: entries in, findings out.

The rules and their thresholds are knowledge data (knowledge/follow_up.yaml); this module only
applies them. Every escalation names the entries it rests on. The order in which entries were
added never matters: they are read in the order of their times.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from kneecheck.diary._models import PainEntry
from kneecheck.knowledge import URGENCY_ORDER, Knowledge, Urgency, load_knowledge

RECENT = timedelta(days=14)
"""Swelling, night pain and stopped tasks count from the 14 days before the latest entry."""


@dataclass(frozen=True)
class Escalation:
    rule: str
    urgency: Urgency
    text: str
    source: str
    entries: list[int] = field(default_factory=list)
    """The ids of the entries the escalation rests on."""


@dataclass(frozen=True)
class Trend:
    direction: str  # "improving", "stable", "worsening" or "too few entries"
    slope_per_day: float | None
    change: float | None  # the fitted change in pain over the span, in points
    entries: int
    days: float


def ordered(entries: Iterable[PainEntry]) -> list[PainEntry]:
    """By time, then by content: the same entries give the same order however they were added."""
    return sorted(entries, key=lambda e: (e.at, e.model_dump_json(exclude={"id"})))


def current_episode(entries: Iterable[PainEntry]) -> list[PainEntry]:
    """The entries since the last pain-free one (pain 0 ends an episode)."""
    episode: list[PainEntry] = []
    for entry in ordered(entries):
        episode = [] if entry.pain_now == 0 else [*episode, entry]
    return episode


def improved(before: int, after: int, kb: Knowledge | None = None) -> bool:
    """A clinically meaningful fall in pain: at least the points or the percent of follow_up.yaml."""
    rule = (kb or load_knowledge()).follow_up.improvement
    fall = before - after
    return fall >= rule.points or (before > 0 and 100 * fall / before >= rule.percent)


def check(
    entries: Iterable[PainEntry],
    *,
    triage: Any = None,
    kb: Knowledge | None = None,
) -> list[Escalation]:
    """The follow-up rules that fire, most urgent first. `triage(signs) -> (urgency, reason, source)`
    runs the triage again with the warning signs an entry recorded (the caller joins them to the
    latest assessment's answers)."""
    kb = kb or load_knowledge()
    rules = kb.follow_up
    timeline = ordered(entries)
    found: list[Escalation] = []
    if not timeline:
        return found
    latest = timeline[-1]

    episode = current_episode(timeline)
    if episode:
        first, last = episode[0], episode[-1]
        lasted = last.at - first.at
        if lasted > timedelta(hours=rules.persistent_hours) and not improved(first.pain_now, last.pain_now, kb):
            rule = rules.rule("not_improving_after_48h")
            found.append(
                Escalation(rule.id, rule.urgency, _with_numbers(rule.text, first, last), kb.cite(rule), _ids(episode))
            )

    recent = [e for e in timeline if latest.at - e.at <= RECENT]
    swollen = [e for e in recent if e.swelling in ("mild", "pronounced") or e.warm_or_red]
    if swollen and swollen[-1].at - swollen[0].at > timedelta(hours=24):
        rule = rules.rule("swelling_warmth_or_redness_persisting")
        found.append(Escalation(rule.id, rule.urgency, rule.text, kb.cite(rule), _ids(swollen)))

    disturbed = [e for e in recent if e.woke_at_night or e.stopped_daily_task]
    if disturbed:
        rule = rules.rule("night_waking_or_daily_tasks")
        found.append(Escalation(rule.id, rule.urgency, rule.text, kb.cite(rule), _ids(disturbed)))

    signs: dict[str, str] = {}
    signed = [e for e in recent if e.signs]
    for entry in signed:
        signs.update(entry.signs)  # the latest answer to each sign wins
    if signs and triage is not None:
        urgency, reason, source = triage(signs)
        found.append(Escalation("new_warning_sign", urgency, reason, source, _ids(signed)))
    return sorted(found, key=lambda e: -URGENCY_ORDER.index(e.urgency))


def _ids(entries: list[PainEntry]) -> list[int]:
    return [e.id for e in entries if e.id is not None]


def _with_numbers(text: str, first: PainEntry, last: PainEntry) -> str:
    hours = (last.at - first.at).total_seconds() / 3600
    span = f"{hours:.0f} hours" if hours < 72 else f"{hours / 24:.0f} days"
    return f"{text} (pain {first.pain_now}/10 on {_day(first.at)}, {last.pain_now}/10 {span} later)"


def _day(moment: datetime) -> str:
    return moment.strftime("%d %b %H:%M UTC")


def trend(entries: Iterable[PainEntry], kb: Knowledge | None = None) -> Trend:
    """Least-squares slope of pain over the current episode (or the last 14 days when there is no
    episode); the direction uses the same clinically meaningful change as the rules."""
    kb = kb or load_knowledge()
    timeline = ordered(entries)
    chosen = current_episode(timeline) or [e for e in timeline if timeline and timeline[-1].at - e.at <= RECENT]
    if len(chosen) < 2 or chosen[-1].at == chosen[0].at:
        return Trend("too few entries", None, None, len(chosen), 0.0)
    start = chosen[0].at
    xs = [(e.at - start).total_seconds() / 86400 for e in chosen]
    ys = [float(e.pain_now) for e in chosen]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
    span = xs[-1]
    change = slope * span
    fitted_start = mean_y - slope * mean_x
    if change < 0 and improved(round(fitted_start), round(fitted_start + change), kb):
        direction = "improving"
    elif change >= kb.follow_up.improvement.points:
        direction = "worsening"
    else:
        direction = "stable"
    return Trend(direction, round(slope, 3), round(change, 2), len(chosen), round(span, 2))


def escalation_level(escalations: Iterable[Escalation]) -> Urgency | None:
    levels = [e.urgency for e in escalations]
    return max(levels, key=URGENCY_ORDER.index) if levels else None


def as_json(escalations: Iterable[Escalation]) -> list[dict[str, Any]]:
    return [
        {"rule": e.rule, "urgency": e.urgency, "text": e.text, "source": e.source, "entries": e.entries}
        for e in escalations
    ]


def follow_up(entries: list[PainEntry], latest_answers: dict[str, Any] | None) -> dict[str, Any]:
    """The rules and the trend, as every face shows them: a warning sign recorded in an entry
    runs the triage again on the latest assessment's answers with the sign added."""
    from kneecheck.answers import Answers
    from kneecheck.triage import assess

    base = dict(latest_answers or {})

    def triage(signs: dict[str, str]) -> tuple[Urgency, str, str]:
        result = assess(Answers.model_validate({**base, **signs}))
        reason = result.urgency_reasons[0] if result.urgency_reasons else None
        said = ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in signs.items())
        text = f"A warning sign was recorded ({said}); the triage now says {result.urgency.upper()}"
        text += f": {reason.text}" if reason else "."
        return result.urgency, text, reason.source if reason else "the triage rules"

    escalations = check(entries, triage=triage)
    t = trend(entries)
    return {
        "follow_up": as_json(escalations),
        "trend": {
            "direction": t.direction, "slope_per_day": t.slope_per_day, "change": t.change,
            "entries": t.entries, "days": t.days, "level": escalation_level(escalations),
        },
    }  # fmt: skip
