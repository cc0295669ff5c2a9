"""A prevention and return-to-activity plan for this person: warm-up, strength and cool-down
routines chosen for their likely condition, and weekly volume targets that start from what they
actually did and never rise more than the plan rules allow. Pure: records in, plan out.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from kneecheck.diary import PainEntry
from kneecheck.knowledge import Exercise, Knowledge, load_knowledge
from kneecheck.load import Session

VOLUME_SPORTS = {
    "running": ("running",),
    "cycling": ("cycling",),
    "jumping": ("basketball", "volleyball", "football", "tennis"),  # landing and cutting sports
}
"""The volumes the plan sets targets for, and the stored sports each one counts."""
HARDER_FROM_WEEK = 5
"""After the first easier week, strength work moves to the harder variants where pain allows."""
CONDITION_SHARE = 0.15
"""Conditions at or above this probability shape the exercise choice (and their 'avoid' lists)."""


class PlanRefused(ValueError):
    """No plan for an urgent or emergency result: a clinician first."""


@dataclass(frozen=True)
class Item:
    exercise: str
    name: str
    dose: str
    instructions: str
    cues: list[str]
    note: str | None = None  # how to modify it for this person's condition
    easier: str = ""
    harder: str = ""


@dataclass
class Week:
    number: int
    starts: str
    easier: bool
    targets: dict[str, float]  # sport -> minutes
    strength_sessions: int
    decision: str | None = None  # after --update: progress, hold or step back, and why
    strength_level: str = "base"  # "harder": the harder variants, once the first easier week is past


@dataclass
class Plan:
    starts: str
    weeks: list[Week]
    warm_up: list[Item]
    strength: list[Item]
    cool_down: list[Item]
    conditions: list[str]
    bridge: str | None
    reasons: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def from_json(data: dict[str, Any]) -> Plan:
    """A plan kept as JSON, back as a Plan."""
    return Plan(
        starts=data["starts"],
        weeks=[Week(**w) for w in data["weeks"]],
        warm_up=[Item(**i) for i in data["warm_up"]],
        strength=[Item(**i) for i in data["strength"]],
        cool_down=[Item(**i) for i in data["cool_down"]],
        conditions=list(data["conditions"]),
        bridge=data["bridge"],
        reasons=list(data["reasons"]),
        sources=list(data["sources"]),
    )


def build_plan(
    *,
    urgency: str | None,
    conditions: list[tuple[str, float]],
    sessions: list[Session],
    starts: date,
    weeks: int = 8,
    in_pain: bool = True,
    form_flagged: bool = False,
    kb: Knowledge | None = None,
) -> Plan:
    """`conditions`: (id, probability) from the latest assessment, most likely first."""
    kb = kb or load_knowledge()
    rules = kb.plan
    if urgency in ("urgent", "emergency"):
        raise PlanRefused(
            f"the latest assessment is {urgency.upper()}: see a clinician first; a plan comes after that visit"
        )
    chosen = [cid for cid, p in conditions if p >= CONDITION_SHARE][:3] or [cid for cid, _ in conditions[:1]]
    reasons: list[str] = []
    bridge = (
        "A bridge until your visit: the assessment says to book one (routine). Follow this plan until then, "
        "and stop and seek care sooner if a warning sign appears."
        if urgency == "routine"
        else None
    )

    targets: dict[str, float] = {}
    recent = {group: _minutes(sessions, group, starts - timedelta(days=28), starts) / 4 for group in VOLUME_SPORTS}
    for group, minutes in recent.items():
        if minutes > 0:
            share = rules.painful_start_share if in_pain else 1.0
            targets[group] = round(minutes * share, 1)
            reasons.append(
                f"{group}: {minutes:.0f} minutes a week on average in the 4 weeks before; the plan starts at "
                f"{targets[group]:.0f}" + (f" ({share:.0%}, as the knee hurts)" if share < 1 else "")
            )
    if form_flagged:
        reasons.append(
            "your form check flagged the knee caving in: the strength work starts with the hip abductors, "
            "rotators and glutes, which hold the knee over the foot"
        )
    if not targets:  # nothing recorded at all: a gentle running start, said as such
        targets["running"] = rules.no_history_minutes["running"]
        reasons.append(rules.no_history["running"])
    plan_weeks = _weeks(targets, weeks, starts, kb)
    plan = Plan(
        starts=starts.isoformat(),
        weeks=plan_weeks,
        warm_up=_pick(kb, "warm_up", chosen, 5),
        strength=_pick(kb, "strength", chosen, 7, hips_first=form_flagged),
        cool_down=_pick(kb, "cool_down", chosen, 4),
        conditions=chosen,
        bridge=bridge,
        reasons=reasons,
    )
    used = {
        x.source for x in kb.exercises if x.id in {i.exercise for i in plan.warm_up + plan.strength + plan.cool_down}
    }
    plan.sources = sorted({kb.cite_id(s) for s in used if s != "expert"} | {kb.cite(rules), kb.cite(rules.pain)})
    return plan


def _minutes(sessions: list[Session], group: str, start: date, end: date) -> float:
    sports = VOLUME_SPORTS[group]
    return math.fsum(s.minutes for s in sessions if s.sport in sports and start <= s.local_date < end)


def _weeks(start_targets: dict[str, float], count: int, starts: date, kb: Knowledge) -> list[Week]:
    rules = kb.plan
    out: list[Week] = []
    for n in range(1, count + 1):
        easier = n % rules.easier_every == 0
        sessions = rules.strength_sessions[min(n, len(rules.strength_sessions)) - 1]
        level = "harder" if n >= HARDER_FROM_WEEK and not easier else "base"
        monday = (starts + timedelta(weeks=n - 1)).isoformat()
        out.append(Week(n, monday, easier, dict(start_targets), 2 if easier else sessions, strength_level=level))
    _grow(out, 1, kb)
    return out


def _grow(weeks: list[Week], start: int, kb: Knowledge) -> None:
    """Weeks from `start` on: an easier week is a share of the week before it; any other week is
    at most the increase over the last full (not easier) week before it, so the week after an
    easier one returns to the level before it plus at most the increase."""
    rules = kb.plan
    for i in range(max(start, 1), len(weeks)):
        last_full = next((w for w in reversed(weeks[:i]) if not w.easier), weeks[i - 1])
        for sport in weeks[i].targets:
            if weeks[i].easier:
                weeks[i].targets[sport] = round(weeks[i - 1].targets[sport] * rules.easier_share, 1)
            else:
                weeks[i].targets[sport] = round(last_full.targets[sport] * (1 + rules.weekly_increase), 1)


HIP_TARGETS = ("hip abductors", "hip abductors (gluteus medius)", "hip external rotators", "gluteus medius", "glutes")


def _pick(kb: Knowledge, phase: str, conditions: list[str], count: int, hips_first: bool = False) -> list[Item]:
    """Exercises of a phase that no likely condition rules out: those chosen for the likely
    conditions first, then the rest for balance across muscle groups."""
    allowed = [x for x in kb.exercises if x.phase == phase and not set(x.avoid) & set(conditions)]
    suited = [x for x in allowed if set(x.suits) & set(conditions)]
    others = [x for x in allowed if x not in suited]
    if hips_first:  # a flagged form check: hip and glute work before anything else
        hips = [x for x in allowed if set(x.targets) & set(HIP_TARGETS)]
        suited, others = hips + [x for x in suited if x not in hips], [x for x in others if x not in hips]
    picked: list[Exercise] = []
    covered: set[str] = set()
    for x in suited + others:  # first, each exercise that adds a muscle group not yet trained
        if len(picked) < count and not set(x.targets) <= covered:
            picked.append(x)
            covered |= set(x.targets)
    for x in suited + others:  # then fill up, the ones chosen for the condition first
        if len(picked) < count and x not in picked:
            picked.append(x)
    return [_item(x, conditions) for x in picked]


def _item(x: Exercise, conditions: list[str]) -> Item:
    note = "; ".join(x.modify[c] for c in conditions if c in x.modify) or None
    return Item(x.id, x.name, x.dose.words(), x.instructions, list(x.cues), note, x.easier, x.harder)


def update(plan: Plan, entries: list[PainEntry], today: date, kb: Knowledge | None = None) -> Plan:
    """Apply the pain-monitoring rule to each finished week: the worst pain recorded in it (and
    whether it settled by the next morning) decides whether the next week progresses as planned,
    holds at the same targets, or steps back."""
    kb = kb or load_knowledge()
    rule = kb.plan.pain
    weeks = plan.weeks
    for index, week in enumerate(weeks[:-1]):
        start = date.fromisoformat(week.starts)
        end = start + timedelta(days=7)
        if end > today:
            break
        inside = [e for e in entries if start <= e.at.date() < end]
        if not inside:
            week.decision = "no diary entries this week: the plan goes on as written (record how the knee is)"
            continue
        worst = max(max(e.pain_now, e.pain_worst_24h or 0) for e in inside)
        mornings = {e.at.date(): e.pain_now for e in inside}
        unsettled = any(
            mornings.get(day + timedelta(days=1), -1) > mornings.get(day, 10) for day in mornings
        )  # pain higher the next day than the day before
        following = weeks[index + 1]
        if worst > rule.hold_max:
            following.targets = {s: round(v * rule.step_back, 1) for s, v in week.targets.items()}
            week.decision = (
                f"step back: pain up to {worst}/10 (over {rule.hold_max}); next week at {rule.step_back:.0%}"
            )
        elif worst > rule.progress_max or unsettled:
            following.targets = dict(week.targets)
            why = f"pain up to {worst}/10" if worst > rule.progress_max else "pain not settled by the next morning"
            week.decision = f"hold: {why}; next week stays at this week's targets"
        else:
            week.decision = f"progress: pain at most {worst}/10 and settled; next week as planned"
        _grow(weeks, index + 2, kb)  # the weeks after the decided one grow from it again
    return plan


# ---------------------------------------------------------------------------- iCalendar
STRENGTH_DAYS = (0, 2, 4)  # Monday, Wednesday, Friday


def to_ics(plan: Plan, made: str) -> str:
    """The plan as an iCalendar file (RFC 5545): an all-day event for each strength session with
    the routines in its description, and one on each Monday with the week's volume targets."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//kneecheck//plan//EN", "CALSCALE:GREGORIAN"]
    routine = "\n".join(
        [
            "Warm-up: " + "; ".join(f"{i.name} {i.dose}" for i in plan.warm_up),
            "Strength: " + "; ".join(f"{i.name} {i.dose}" + (f" ({i.note})" if i.note else "") for i in plan.strength),
            "Cool-down: " + "; ".join(f"{i.name} {i.dose}" for i in plan.cool_down),
            "Pain during or after up to 3/10 and settled by next morning is fine; more means step back.",
        ]
    )
    for week in plan.weeks:
        monday = date.fromisoformat(week.starts)
        monday -= timedelta(days=monday.weekday())
        targets = (
            ", ".join(f"{sport} {minutes:.0f} min" for sport, minutes in week.targets.items()) or "no volume target"
        )
        lines += _event(
            f"week{week.number}-targets", made, monday,
            f"Knee plan week {week.number}{' (easier week)' if week.easier else ''}: {targets}",
            "Weekly volume targets: " + targets + ". Warm up before every session, cool down after.",
        )  # fmt: skip
        for n, offset in enumerate(STRENGTH_DAYS[: week.strength_sessions], start=1):
            lines += _event(
                f"week{week.number}-strength{n}", made, monday + timedelta(days=offset),
                f"Knee plan: strength session {n} (week {week.number})", routine,
            )  # fmt: skip
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _event(uid: str, made: str, day: date, summary: str, description: str) -> list[str]:
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}-{made}@kneecheck",
        f"DTSTAMP:{made}",
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{_escape(summary)}",
        f"DESCRIPTION:{_escape(description)}",
        "END:VEVENT",
    ]


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded with CRLF and a space (RFC 5545, 3.1)."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts: list[str] = []
    current = b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


# ---------------------------------------------------------------------------- printable
def to_html(plan: Plan, disclaimer: str) -> str:
    """The plan with the exercise instructions, to print or keep (self-contained, no network)."""
    import html

    e = html.escape
    rows = "".join(
        f"<tr><td>{w.number}{' (easier)' if w.easier else ''}</td><td>{e(w.starts)}</td>"
        f"<td>{e(', '.join(f'{s} {m:.0f} min' for s, m in w.targets.items()) or '-')}</td>"
        f"<td>{w.strength_sessions}</td><td>{e(w.decision or '')}</td></tr>"
        for w in plan.weeks
    )

    def block(title: str, items: list[Item]) -> str:
        cards = "".join(
            f"<li><strong>{e(i.name)}</strong> - {e(i.dose)}<br>{e(i.instructions)}<br>"
            f"<em>{e('; '.join(i.cues))}</em>{f'<br><strong>For you:</strong> {e(i.note)}' if i.note else ''}</li>"
            for i in items
        )
        return f"<h2>{e(title)}</h2><ol>{cards}</ol>"

    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>kneecheck plan</title>'
        "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}"
        "table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.2rem .5rem}li{margin:.5rem 0}</style>"
        f"</head><body><h1>Your knee plan from {e(plan.starts)}</h1>"
        + (f"<p><strong>{e(plan.bridge)}</strong></p>" if plan.bridge else "")
        + "".join(f"<p>{e(r)}</p>" for r in plan.reasons)
        + "<table><tr><th>week</th><th>starts</th><th>volume</th><th>strength sessions</th><th>after the week</th></tr>"
        + rows
        + "</table><p>Pain during or after exercise up to 3/10 and settled by the next morning: go on. "
        "More: hold or step back (the diary decides with kneecheck plan --update).</p>"
        + block("Warm-up, before every session", plan.warm_up)
        + block("Strength", plan.strength)
        + block("Cool-down, after", plan.cool_down)
        + "<h2>Sources</h2><ul>"
        + "".join(f"<li>{e(s)}</li>" for s in plan.sources)
        + f"</ul><p>{e(disclaimer)}</p></body></html>"
    )
