"""Why me, why now: the person's own training in the weeks before the pain began.

Counted back from the onset date, not by calendar week. Each factor says what changed, by how
much and when, with its source; the factors are ranked by how far they are over their line. It
never changes the triage urgency; it explains, beside it.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from kneecheck.form import latest_measured
from kneecheck.knowledge import Knowledge, load_knowledge
from kneecheck.load import Session, Shoe, build_report
from kneecheck.load._metrics import SMALL_RISE

WINDOWS = (7, 14, 28)
FOOT = ("running", "walking", "hiking")


@dataclass(frozen=True)
class Factor:
    id: str
    text: str
    evidence: str
    source: str
    score: float
    """How far over its line (1 = on the line): the order of the list."""


@dataclass
class Why:
    onset: str
    onset_from: str
    factors: list[Factor] = field(default_factory=list)
    windows: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Per sport and window (7, 14, 28 days before onset): the volume and the same length before."""
    summary: str = ""

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def why(
    sessions: list[Session],
    shoes: list[Shoe],
    onset: date,
    *,
    onset_from: str,
    answers: dict[str, Any] | None = None,
    shoe_limit_km: float = 700.0,
    first_record: date | None = None,
    form_checks: list[dict[str, Any]] | None = None,
    kb: Knowledge | None = None,
) -> Why:
    """`first_record`: the day the records start, when `sessions` is only a window of them."""
    kb = kb or load_knowledge()
    entries = {t.id: t for t in kb.training_factors}
    before = [s for s in sessions if s.local_date < onset]
    result = Why(onset=onset.isoformat(), onset_from=onset_from)
    records_start = first_record or min((s.local_date for s in sessions), default=None)
    factors: list[Factor] = []

    # volume in the 7, 14 and 28 days before onset against the same length before that
    for sport in sorted({s.sport for s in before if s.local_date >= onset - timedelta(days=56)}):
        mine = [s for s in before if s.sport == sport]
        unit = "km" if all(s.distance_m for s in mine if s.local_date >= onset - timedelta(days=56)) else "min"
        per_window: dict[str, Any] = {}
        for days in WINDOWS:
            now = _amount(mine, onset - timedelta(days=days), onset, unit)
            then = _amount(mine, onset - timedelta(days=2 * days), onset - timedelta(days=days), unit)
            # compared only when the records cover the whole period before (else a half-empty
            # 'before' makes a rise out of nothing)
            covered = records_start is not None and records_start <= onset - timedelta(days=2 * days)
            change = round(100 * (now - then) / then, 1) if then > 0 and covered else None
            per_window[str(days)] = {
                "unit": unit,
                "volume": round(now, 1),
                "before": round(then, 1),
                "change_pct": change,
                "compared": covered,
            }
            rise = change is not None and change > 10 and now - then >= SMALL_RISE[unit] * days / 7
            if rise and sport in (*FOOT, "cycling"):
                entry = entries["too_much_too_soon"]
                strong = change is not None and change > (entry.strong_threshold or 30)
                factors.append(
                    Factor(
                        "too_much_too_soon",
                        entry.text,
                        f"{sport} went from {then:.0f} to {now:.0f} {unit} ({change:+.0f} %) in the {days} days before "
                        f"the pain started, against the {days} days before that; the 10 % guideline advises at most "
                        "+10 % a week"
                        + (" and rises over 30 % were linked to knee overuse injuries" if strong else ""),
                        kb.cite_id(entry.strong_source) if strong and entry.strong_source else kb.cite(entry),
                        (change or 0) / 10,
                    )
                )
        result.windows[sport] = per_window
    factors = _best_per_sport(factors)

    # the report's flags up to the day before onset: comeback, ratio spikes, surface, shoes
    report = build_report(
        "", before, shoes, as_of=onset - timedelta(days=1), weeks=6, shoe_limit_km=shoe_limit_km,
        period="the 7 days before the pain began", with_daily=False,
    )  # fmt: skip
    for flag in report.flags:
        if flag["id"] == "comeback":
            factors.append(Factor("new_activity", entries["new_activity"].text, flag["text"], flag["source"], 4.0))
        elif flag["id"] == "acwr_spike" and not any(f.id == "too_much_too_soon" for f in factors):
            factors.append(
                Factor("too_much_too_soon", entries["too_much_too_soon"].text, flag["text"], flag["source"], 1.5)
            )
        elif flag["id"] == "hard_surface":
            factors.append(
                Factor(
                    "hard_surface", entries["hard_surface"].text, flag["text"], kb.cite(entries["hard_surface"]), 1.5
                )
            )
        elif flag["id"] == "worn_shoes":
            factors.append(
                Factor("worn_shoes", entries["worn_shoes"].text, flag["text"], kb.cite(entries["worn_shoes"]), 1.2)
            )

    # a sport new in the two weeks before onset (none in the four weeks before that)
    for sport in sorted({s.sport for s in before if s.local_date >= onset - timedelta(days=14)}):
        earlier = [
            s
            for s in before
            if s.sport == sport and onset - timedelta(days=42) <= s.local_date < onset - timedelta(days=14)
        ]
        recent = [s for s in before if s.sport == sport and s.local_date >= onset - timedelta(days=14)]
        has_history = any(s.local_date < onset - timedelta(days=14) for s in before)
        if not earlier and has_history and not any(f.id == "new_activity" and sport in f.evidence for f in factors):
            factors.append(
                Factor(
                    "new_activity", entries["new_activity"].text,
                    f"{sport}: {len(recent)} sessions in the 2 weeks before the pain, none in the 4 weeks before that",
                    kb.cite(entries["new_activity"]), 2.0,
                )
            )  # fmt: skip

    # more downhill running (descent) in the week before onset
    runs = [s for s in before if s.sport == "running"]
    down_now = sum(s.descent_m or 0 for s in runs if s.local_date >= onset - timedelta(days=7))
    down_then = sum(
        s.descent_m or 0 for s in runs if onset - timedelta(days=14) <= s.local_date < onset - timedelta(days=7)
    )
    downhill = kb.insight.downhill
    if down_now - down_then >= downhill.rise_m and (down_then == 0 or down_now / down_then > downhill.rise_share):
        factors.append(
            Factor(
                "too_much_too_soon", downhill.text,
                f"{down_now:.0f} m of descent in the 7 days before the pain, {down_then:.0f} m in the 7 before",
                kb.cite(downhill), 1.3,
            )
        )  # fmt: skip

    # a pair of shoes first worn shortly before onset
    new_shoes = kb.insight.new_shoes
    first_worn: dict[str, date] = {}
    for s in sorted(before, key=lambda s: s.local_date):
        if s.shoe:
            first_worn.setdefault(s.shoe, s.local_date)
    for name, day in first_worn.items():
        if day >= onset - timedelta(days=new_shoes.within_days) and any(s.local_date < day for s in runs):
            factors.append(
                Factor(
                    "new_activity", new_shoes.text,
                    f"'{name}' first worn on {day:%d %b %Y}, {(onset - day).days} days before the pain",
                    kb.cite(new_shoes), 1.0,
                )
            )  # fmt: skip

    # squat form: the latest form check that measured anything, else the answers
    entry = entries["poor_squat_form"]
    checked = latest_measured(form_checks or [])
    if checked and checked["result"].get("flagged"):
        worst = max((r["fppa_deg"] for r in checked["result"]["reps"] if r["fppa_deg"] is not None), default=0)
        evidence = (
            f"the form check of {checked['file_name']} ({checked['at_utc'][:10]}) flagged "
            f"{checked['result']['flagged']} of {checked['result']['measured']} reps, the knee caving in "
            f"{worst:.0f} degrees at worst"
        )
        factors.append(Factor("poor_squat_form", entry.text, evidence, kb.cite(entry), 2.0))
    elif (answers or {}).get("knee_caves_in_on_squat") == "yes":
        said = "you said the knee caves in on squats or lunges"
        factors.append(Factor("poor_squat_form", entry.text, said, kb.cite(entry), 1.5))

    result.factors = sorted(factors, key=lambda f: -f.score)
    if result.factors:
        result.summary = f"{len(result.factors)} possible contributing factors in your own data, the strongest first."
    elif not before:
        result.summary = "No workouts are stored before the pain began, so kneecheck cannot look for a training error."
    else:
        result.summary = (
            "Your stored workouts show no training error before the pain began: no sudden rise, no return "
            "after a break, no new activity, no change of surface or worn shoes."
        )
    return result


def _amount(sessions: list[Session], start: date, end: date, unit: str) -> float:
    """Volume on days start..end-1 (fsum: the order of sessions does not matter)."""
    return math.fsum(
        ((s.distance_m or 0) / 1000 if unit == "km" else s.minutes) for s in sessions if start <= s.local_date < end
    )


def _best_per_sport(factors: list[Factor]) -> list[Factor]:
    """One rise per sport: the window furthest over the line."""
    best: dict[str, Factor] = {}
    for f in factors:
        sport = f.evidence.split(" ", 1)[0]
        if sport not in best or f.score > best[sport].score:
            best[sport] = f
    return list(best.values())
