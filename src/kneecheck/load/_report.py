"""The load report and the training factors an assessment takes from stored history."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date, datetime, timedelta
from typing import Any

from kneecheck.load._metrics import (
    ACWR_EWMA,
    ACWR_ROLLING,
    LONG_BREAK_DAYS,
    REPORTED_METRICS,
    ROLLING_CHANGE,
    HeartRateProfile,
    Progression,
    Ratio,
    Session,
    acwr_ewma,
    acwr_rolling,
    daily,
    daily_series,
    is_alarm,
    performance,
    progression,
    weekly,
)


@dataclass(frozen=True)
class Shoe:
    name: str
    distance_km: float
    initial_km: float = 0.0
    retired: bool = False


@dataclass
class LoadReport:
    athlete: str
    as_of: str
    weeks: list[dict[str, Any]]
    acwr: dict[str, Any]
    performance: dict[str, float] | None
    shoes: list[dict[str, Any]]
    flags: list[dict[str, str]]
    metrics: list[dict[str, Any]] = field(default_factory=list)
    notes: list[dict[str, str]] = field(default_factory=list)
    """Smaller changes worth knowing that are not alarms (a 10-30 % rise, another sport's rise)."""
    status: str = ""
    """One line for the top of the report: 'load is steady', 'running rose 54 % in the last 7 days'."""
    progression: dict[str, Any] = field(default_factory=dict)
    """Per sport: the last 7 days against the 7 before and the mean week of the 28 before those."""
    daily: list[dict[str, Any]] = field(default_factory=list)
    """Day by day over the weeks shown: load, fitness, fatigue, form and both ratios."""


def _ratio(metric_id: str, ratio: Ratio) -> dict[str, Any]:
    metric = ACWR_ROLLING if metric_id == ACWR_ROLLING.id else ACWR_EWMA
    band = metric.band(ratio.value)
    return {
        "value": round(ratio.value, 3) if ratio.value is not None else None,
        "band": band.label if band else None,
        "days_of_history": ratio.days_of_history,
        "days_recorded_in_window": ratio.days_recorded_in_window,
        "note": ratio.note,
        "caveat": metric.caveat,
        "source": metric.source,
    }


def build_report(
    athlete: str,
    sessions: list[Session],
    shoes: list[Shoe],
    *,
    as_of: date,
    weeks: int = 12,
    shoe_limit_km: float = 700.0,
    complete_history: bool = False,
    first: date | None = None,
    period: str = "the last 7 days",
    with_daily: bool = True,
    heart_rate: HeartRateProfile | None = None,
) -> LoadReport:
    """`first`: the day the records start, when `sessions` is a window of a longer history.
    `period` names the 7 days that end `as_of` in the flags' words."""
    days = daily(sessions, first=first, last=as_of, profile=heart_rate) if sessions or first is not None else []
    all_weeks = weekly(days)
    first_shown = as_of - timedelta(days=as_of.weekday()) - timedelta(weeks=weeks - 1)
    shown = [w for w in all_weeks if w.monday >= first_shown]
    flags: list[dict[str, str]] = []
    notes: list[dict[str, str]] = []
    week_of = (as_of - timedelta(days=as_of.weekday())).isoformat()
    sports = sorted({s.sport for s in sessions if as_of - timedelta(days=35) < s.local_date <= as_of})
    rises = {sport: p for sport in sports if (p := progression(sessions, sport, as_of, first)) is not None}
    for sport, p in rises.items():
        entry = {"week": week_of, "source": ROLLING_CHANGE.source, "caveat": ROLLING_CHANGE.caveat}
        # the running rules read running; another sport's rise is shown beside them as a note
        if p.days_off_before is not None:
            text = _comeback_text(p, period)
            (flags if sport == "running" else notes).append({"id": "comeback", "text": text, **entry})
        elif sport == "running" and is_alarm(p):
            flags.append({"id": "too_much_too_soon", "text": _rise_text(p, period), **entry})
        elif p.worst_pct is not None and p.worst_pct > 10:
            notes.append({"id": "rise", "text": _rise_text(p, period), **entry})
    for w in shown[-1:]:
        if w.constant_load or (w.monotony is not None and w.monotony >= 2):
            level = "the same load every day" if w.constant_load else f"monotony {w.monotony:.1f}"
            notes.append(
                {
                    "id": "monotony",
                    "week": w.monday.isoformat(),
                    "text": f"week of {w.monday:%d %b %Y}: {level} ({w.load_unit} load) - little variation between "
                    "hard, easy and rest days",
                    "source": "Foster 1998 (Med Sci Sports Exerc 30:1164-1168)",
                    "caveat": "A monotony of 2 is often quoted but was not confirmed in the original paper.",
                }
            )
    for index, week in enumerate(all_weeks):
        if week.monday < first_shown or week.hard_surface_pct is None:
            continue
        earlier = [w.hard_surface_pct for w in all_weeks[max(0, index - 3) : index] if w.hard_surface_pct is not None]
        if week.hard_surface_pct >= 50 and earlier and max(earlier) < 20:
            flags.append(
                {
                    "id": "hard_surface",
                    "week": week.monday.isoformat(),
                    "text": f"week of {week.monday:%d %b %Y}: {week.hard_surface_pct:.0f} % of running on road or "
                    f"concrete, after under 20 % in the weeks before (a sudden change of surface)",
                    "source": "van der Worp et al. 2015 (PLoS One 10:e0114937)",
                    "caveat": "Running on concrete was a risk factor in women in this review; the evidence is modest.",
                }
            )
    rolling = acwr_rolling(days, as_of, complete_history)
    ewma = acwr_ewma(days, as_of, complete_history)
    spikes = [
        (name, r.value) for name, r in (("rolling", rolling), ("EWMA", ewma)) if r.value is not None and r.value >= 1.5
    ]
    if spikes and not any(f["id"] == "comeback" for f in flags):  # a ratio against a break says nothing more
        flags.append(
            {
                "id": "acwr_spike",
                "week": week_of,
                "text": f"acute:chronic ratio {' and '.join(f'{v:.2f} ({name})' for name, v in spikes)} for "
                f"{period}, at or over the 1.5 line",
                "source": ACWR_ROLLING.source,
                "caveat": ACWR_ROLLING.caveat,
            }
        )
    shoe_rows = []
    for shoe in shoes:
        past = shoe.distance_km >= shoe_limit_km and not shoe.retired
        shoe_rows.append({**_flat(shoe), "past_band": past, "limit_km": shoe_limit_km})
        if past:
            flags.append(
                {
                    "id": "worn_shoes",
                    "week": "",
                    "text": f"shoes '{shoe.name}' have done {shoe.distance_km:.0f} km "
                    f"(warning at {shoe_limit_km:.0f} km)",
                    "source": "Cook, Kester & Brunet 1985 (Am J Sports Med 13:248-253)",
                    "caveat": "Wear also shows in comfort and the sole; the distance is a rule of thumb.",
                }
            )
    perf = performance(days, as_of)
    return LoadReport(
        athlete=athlete,
        as_of=as_of.isoformat(),
        weeks=[
            {
                "week": w.monday.isoformat(),
                "minutes": round(w.minutes, 1),
                "distance_km": round(w.distance_km, 2),
                "descent_m": round(w.descent_m, 0),
                "srpe_load": round(w.srpe, 0),
                "sessions": w.sessions,
                "days_with_sessions": w.days_with_sessions,
                "by_sport": {sport: volume.rounded() for sport, volume in sorted(w.by_sport.items())},
                "change_pct": round(w.change_pct, 1) if w.change_pct is not None else None,
                "change_flag": w.change_flag,
                "partial": w.partial,
                "by_shoe_km": {name: round(km, 2) for name, km in w.by_shoe.items()},
                # heart-rate load beside the minutes: None without a heart-rate profile
                "trimp": round(w.trimp) if heart_rate is not None else None,
                "trimp_minutes_pct": round(100 * w.hr_minutes / w.minutes) if heart_rate and w.minutes else None,
                "load_unit": w.load_unit,
                "constant_load": w.constant_load,
                "monotony": round(w.monotony, 2) if w.monotony is not None else None,
                "strain": round(w.strain, 0) if w.strain is not None else None,
                "hard_surface_pct": round(w.hard_surface_pct, 0) if w.hard_surface_pct is not None else None,
            }
            for w in shown
        ],
        acwr={
            "rolling_uncoupled": _ratio(ACWR_ROLLING.id, rolling),
            "ewma": _ratio(ACWR_EWMA.id, ewma),
        },
        performance=None if perf is None else {k: round(v, 1) for k, v in _flat(perf).items()},
        shoes=shoe_rows,
        flags=flags,
        notes=notes,
        status=_status(flags, rises.get("running"), period),
        progression={sport: _public(p) for sport, p in rises.items()},
        daily=daily_series(days, first_shown) if with_daily else [],
        metrics=[
            {
                "id": m.id,
                "name": m.name,
                "unit": m.unit,
                "window": m.window,
                "source": m.source,
                "caveat": m.caveat,
            }
            for m in REPORTED_METRICS
        ],
    )


def _flat(record: Any) -> dict[str, Any]:
    """A flat dataclass as a dict (dataclasses.asdict deep-copies every value: slow in a loop)."""
    return {f.name: getattr(record, f.name) for f in fields(record)}


def _public(p: Progression) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in _flat(p).items()}


def _amount(value: float, unit: str) -> str:
    return f"{value:.0f} km" if unit == "km" else f"{value:.0f} min"


def _rise_text(p: Progression, period: str) -> str:
    parts = [f"{p.sport}: {_amount(p.last7, p.unit)} in {period}"]
    if p.change_pct is not None:
        parts.append(f"{p.change_pct:+.0f} % on the 7 days before ({_amount(p.prev7, p.unit)})")
    if p.change_vs_mean_pct is not None and p.mean_week28 is not None:
        parts.append(
            f"{p.change_vs_mean_pct:+.0f} % on the usual week of the 4 weeks before ({_amount(p.mean_week28, p.unit)})"
        )
    text = ", ".join(parts)
    worst = p.worst_pct
    if worst is not None and worst > 30:
        text += f"; {worst - 30:.0f} points over the 30 % line"
    elif worst is not None and worst > 10:
        text += "; above the 10 % guideline, under the 30 % line"
    return text


def _comeback_text(p: Progression, period: str) -> str:
    assert p.first_day_back is not None and p.days_off_before is not None
    off = "more than six weeks" if p.days_off_before > LONG_BREAK_DAYS else f"{p.days_off_before} days"
    return (
        f"{p.sport} again after {off} without it: {_amount(p.last7, p.unit)} in {period} "
        f"(from {p.first_day_back:%d %b %Y}); fitness built before a break of three weeks or more is partly lost, "
        "so build back up gradually"
    )


def _status(flags: list[dict[str, str]], running: Progression | None, period: str) -> str:
    if any(f["id"] == "comeback" for f in flags) and running is not None:
        days = running.days_off_before or 0
        return "running again after " + ("more than six weeks off" if days > LONG_BREAK_DAYS else f"{days} days off")
    if running is not None and is_alarm(running) and running.worst_pct is not None:
        return f"running rose {running.worst_pct:.0f} % in {period}"
    if any(f["id"] == "acwr_spike" for f in flags):
        return f"a spike in load in {period}"
    if running is None:
        return "no running in the last 5 weeks"
    return "load is steady"


# report flag -> the assessment's training factor it stands for
FLAG_TO_FACTOR = {
    "too_much_too_soon": "too_much_too_soon",
    "acwr_spike": "too_much_too_soon",
    "comeback": "too_much_too_soon",
    "worn_shoes": "worn_shoes",
    "hard_surface": "hard_surface",
}


def history_factors(
    sessions: list[Session], shoes: list[Shoe], onset: date, shoe_limit_km: float = 700.0, first: date | None = None
) -> list[Mapping[str, str]]:
    """Training factors from stored workouts in the weeks before the pain started: the report's
    flags up to the onset, plus a mostly hard surface in the last week."""
    report = build_report(
        "", sessions, shoes, as_of=onset - timedelta(days=1), weeks=3, shoe_limit_km=shoe_limit_km, first=first,
        period="the 7 days before the pain began", with_daily=False,
    )  # fmt: skip
    found = [
        {"id": FLAG_TO_FACTOR[f["id"]], "evidence": f"from your workouts: {f['text']}", "source": f["source"]}
        for f in report.flags
    ]
    hard = [w["hard_surface_pct"] for w in report.weeks if w["hard_surface_pct"] is not None]
    if hard and hard[-1] >= 50 and not any(f["id"] == "hard_surface" for f in found):
        found.append(
            {
                "id": "hard_surface",
                "evidence": f"from your workouts: {hard[-1]:.0f} % of running in the last week on road or concrete",
                "source": "van der Worp et al. 2015 (PLoS One 10:e0114937)",
            }
        )
    return list(found)


HISTORY_WINDOW = timedelta(weeks=8)
"""The weeks before the onset that the training factors read: the three weeks shown, the weeks their
changes and surface shifts are compared with, and the 28 days of the acute:chronic ratio."""


def onset_date(hours_since_onset: float | None, now: datetime) -> date:
    return (now - timedelta(hours=hours_since_onset or 0)).date()


def history_window_start(hours_since_onset: float | None, now: datetime) -> date:
    """The first day of stored workouts an assessment needs, so its cost does not grow with years."""
    onset = onset_date(hours_since_onset, now)
    monday = onset - timedelta(days=onset.weekday())
    return monday - HISTORY_WINDOW


def history_before_onset(
    sessions: list[Session],
    shoes: list[Shoe],
    hours_since_onset: float | None,
    *,
    now: datetime,
    shoe_limit_km: float,
    records_start: date | None = None,
) -> list[Mapping[str, str]] | None:
    """Training factors from stored workouts before the pain began (None without any workouts).
    `sessions` may be the window from `history_window_start`; `records_start` then says that the
    records go back at least that far (so the ratios know the history is long enough)."""
    if not sessions:
        return None
    return history_factors(sessions, shoes, onset_date(hours_since_onset, now), shoe_limit_km, first=records_start)
