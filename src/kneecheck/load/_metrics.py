"""Training-load metrics: pure functions over one athlete's sessions, each declared with its unit,
window, bands and source (as GoldenCheetah declares its ride metrics).

Days without a recorded session are not silently taken as rest: every windowed figure reports how
many of its days had a record, and the ratio metrics say when they rest on that assumption.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass(frozen=True)
class Session:
    local_date: date
    sport: str
    duration_s: float
    distance_m: float | None = None
    descent_m: float | None = None
    rpe: int | None = None
    surface: str | None = None
    shoe: str | None = None
    avg_hr: float | None = None

    @property
    def minutes(self) -> float:
        return self.duration_s / 60

    @property
    def srpe_load(self) -> float | None:
        """Session-RPE load (Foster): effort 1-10 times minutes."""
        return self.rpe * self.minutes if self.rpe is not None else None


@dataclass(frozen=True)
class Band:
    label: str
    low: float | None
    high: float | None
    note: str
    above_only: bool = False
    """True when the band starts strictly above `low` ("above 10 %"), not at it."""

    def contains(self, value: float) -> bool:
        above_low = self.low is None or (value > self.low if self.above_only else value >= self.low)
        below_high = self.high is None or (value <= self.high if self.above_only else value < self.high)
        return above_low and below_high


@dataclass(frozen=True)
class Metric:
    id: str
    name: str
    unit: str
    window: str
    source: str
    caveat: str = ""
    bands: tuple[Band, ...] = ()

    def band(self, value: float | None) -> Band | None:
        if value is None:
            return None
        return next((band for band in self.bands if band.contains(value)), None)


WEEK_OVER_WEEK = Metric(
    id="weekly_volume_change",
    name="Week-over-week change in training time",
    unit="%",
    window="calendar week against the week before",
    source="Buist et al. 2008 (Am J Sports Med 36:33-39); Nielsen et al. 2014 (JOSPT 44:739-747)",
    caveat="The 10 % rule is a common guideline; the one randomised trial of it (Buist 2008) found "
    "no fewer injuries. Rises above 30 % were linked to knee-type overuse injuries (Nielsen 2014).",
    bands=(
        Band("within the 10 % guideline", None, 10, "no flag", above_only=True),
        Band("above the 10 % guideline", 10, 30, "a common guideline, not a proven limit", above_only=True),
        Band(
            "above 30 %", 30, None, "linked to overuse injuries such as runner's knee and IT band pain", above_only=True
        ),
    ),
)


ACWR_ROLLING = Metric(
    id="acwr_rolling_uncoupled",
    name="Acute:chronic workload ratio (rolling, uncoupled)",
    unit="ratio",
    window="last 7 days against the 21 days before them",
    source="Gabbett 2016 (Br J Sports Med 50:273-280); Lolli et al. 2019 (uncoupled form); "
    "Impellizzeri et al. 2020 (criticism)",
    caveat="The 0.8-1.3 and 1.5 bands come from team sports and are disputed; read them as a rough "
    "guide to sudden spikes, not as an injury prediction.",
    bands=(
        Band("low (under 0.8)", None, 0.8, "less than usual"),
        Band("0.8-1.3", 0.8, 1.3, "the team-sport 'sweet spot' heuristic"),
        Band("1.3-1.5", 1.3, 1.5, "rising"),
        Band("1.5 or more", 1.5, None, "the team-sport 'danger zone' heuristic (disputed)"),
    ),
)

ACWR_EWMA = Metric(
    id="acwr_ewma",
    name="Acute:chronic workload ratio (EWMA)",
    unit="ratio",
    window="EWMA with lambda = 2/(N+1), N = 7 and 28 days, over the 49 days ending on the day; the mean "
    "of the last 7 days' ratios",
    source="Williams et al. 2017 (Br J Sports Med 51:209-210); Gabbett 2016",
    caveat=ACWR_ROLLING.caveat,
    bands=ACWR_ROLLING.bands,
)

FITNESS = Metric(
    id="fitness_ctl",
    name="Fitness (chronic training load)",
    unit="minutes/day",
    window="42-day exponentially weighted average, alpha = 1 - exp(-1/42)",
    source="Coggan's performance manager as implemented in GoldenCheetah (PMCData)",
)
FATIGUE = Metric(
    id="fatigue_atl",
    name="Fatigue (acute training load)",
    unit="minutes/day",
    window="7-day exponentially weighted average, alpha = 1 - exp(-1/7)",
    source=FITNESS.source,
)
FORM = Metric(
    id="form_tsb",
    name="Form (fitness minus fatigue, yesterday's values)",
    unit="minutes/day",
    window="42 and 7 days",
    source=FITNESS.source,
)
MONOTONY = Metric(
    id="monotony",
    name="Training monotony (Foster)",
    unit="ratio",
    window="calendar week: mean daily session-RPE load (minutes where a session has no RPE) / standard deviation",
    source="Foster 1998 (Med Sci Sports Exerc 30:1164-1168)",
    caveat="A threshold of 2 is often quoted but was not confirmed in the original paper.",
    bands=(Band("2 or more", 2.0, None, "often quoted as risky; unconfirmed"),),
)
STRAIN = Metric(
    id="strain",
    name="Training strain (Foster)",
    unit="load x monotony",
    window="calendar week",
    source=MONOTONY.source,
)
HARD_SURFACE = Metric(
    id="hard_surface_share",
    name="Share of running on road or concrete",
    unit="%",
    window="calendar week",
    source="van der Worp et al. 2015 (PLoS One 10:e0114937)",
)

METRICS = (
    WEEK_OVER_WEEK, ACWR_ROLLING, ACWR_EWMA, FITNESS, FATIGUE, FORM, MONOTONY, STRAIN, HARD_SURFACE,
)  # fmt: skip


# ---------------------------------------------------------------------------- daily series
@dataclass
class Volume:
    """Training volume of one sport: time, distance, descent and session-RPE load."""

    minutes: float = 0.0
    distance_km: float = 0.0
    descent_m: float = 0.0
    srpe: float = 0.0

    def add(self, s: Session) -> None:
        self.minutes += s.minutes
        self.distance_km += (s.distance_m or 0) / 1000
        self.descent_m += s.descent_m or 0
        self.srpe += s.srpe_load or 0

    def merge(self, other: Volume) -> None:
        self.minutes += other.minutes
        self.distance_km += other.distance_km
        self.descent_m += other.descent_m
        self.srpe += other.srpe

    def rounded(self) -> dict[str, float]:
        return {
            "minutes": round(self.minutes, 1),
            "distance_km": round(self.distance_km, 2),
            "descent_m": round(self.descent_m),
            "srpe_load": round(self.srpe),
        }


@dataclass
class Day:
    day: date
    minutes: float = 0.0
    distance_km: float = 0.0
    descent_m: float = 0.0
    srpe: float = 0.0
    sessions: int = 0
    rated_sessions: int = 0
    by_sport: dict[str, Volume] = field(default_factory=dict)
    hard_running_km: float = 0.0
    running_km: float = 0.0
    surfaced_running_km: float = 0.0  # running whose surface is known
    by_shoe: dict[str, float] = field(default_factory=dict)  # km on foot in each pair of shoes
    trimp: float = 0.0  # heart-rate load of the sessions with a heart rate
    hr_minutes: float = 0.0  # minutes of those sessions


def daily(
    sessions: Iterable[Session],
    first: date | None = None,
    last: date | None = None,
    profile: HeartRateProfile | None = None,
) -> list[Day]:
    """One entry per calendar day from the first to the last session (or the given range).
    With a heart-rate profile, each day also sums the TRIMP of sessions with a heart rate."""
    by_day: dict[date, Day] = {}
    for s in sessions:
        d = by_day.get(s.local_date)
        if d is None:
            d = by_day[s.local_date] = Day(s.local_date)
        minutes, km = s.minutes, (s.distance_m or 0) / 1000
        points = trimp(s, profile) if profile is not None else None
        if points is not None:
            d.trimp += points
            d.hr_minutes += minutes
        d.minutes += minutes
        d.distance_km += km
        d.descent_m += s.descent_m or 0
        d.srpe += s.srpe_load or 0
        d.sessions += 1
        d.rated_sessions += s.rpe is not None
        volume = d.by_sport.get(s.sport)
        if volume is None:
            volume = d.by_sport[s.sport] = Volume()
        volume.add(s)
        if s.shoe and s.sport in ("running", "walking", "hiking"):
            d.by_shoe[s.shoe] = d.by_shoe.get(s.shoe, 0.0) + km
        if s.sport == "running":
            d.running_km += km
            if s.surface is not None:  # an unknown surface stays unknown: neither hard nor soft
                d.surfaced_running_km += km
            if s.surface == "road_or_concrete":
                d.hard_running_km += km
    if not by_day and (first is None or last is None):
        return []
    start = first or min(by_day)
    end = last or max(by_day)
    calendar = (start + timedelta(days=i) for i in range((end - start).days + 1))
    return [by_day.get(day) or Day(day) for day in calendar]


# ---------------------------------------------------------------------------- weekly
@dataclass
class Week:
    monday: date
    minutes: float
    distance_km: float
    descent_m: float
    srpe: float
    sessions: int
    days_with_sessions: int
    by_sport: dict[str, Volume]
    change_pct: float | None = None
    change_flag: str | None = None
    monotony: float | None = None
    strain: float | None = None
    hard_surface_pct: float | None = None
    partial: bool = False  # the records cover only part of this calendar week
    by_shoe: dict[str, float] = field(default_factory=dict)  # km on foot in each pair of shoes
    trimp: float = 0.0
    hr_minutes: float = 0.0
    load_unit: str = "min"  # what monotony and strain were computed on: "sRPE" or "min"
    constant_load: bool = False  # the same load on all seven days (monotony unbounded)


def _shoes_in(days: list[Day]) -> list[str]:
    return sorted({name for d in days for name in d.by_shoe})


def _spread(loads: list[float], mean: float) -> float:
    """The population standard deviation in floating point (statistics.pstdev is exact but slow):
    exactly 0 when every value is the same."""
    if max(loads) == min(loads):
        return 0.0
    return math.sqrt(math.fsum((x - mean) ** 2 for x in loads) / len(loads))


def weekly(days: list[Day]) -> list[Week]:
    groups: dict[date, list[Day]] = defaultdict(list)
    for d in days:
        groups[d.day - timedelta(days=d.day.weekday())].append(d)
    weeks: list[Week] = []
    for monday in sorted(groups):
        items = groups[monday]
        # one pass over the week's days (the sums add in day order, as a sum() per field would)
        total = Day(monday)
        by_sport: dict[str, Volume] = defaultdict(Volume)
        by_shoe: dict[str, float] = {}
        days_with_sessions, rated = 0, True
        for d in items:
            total.minutes += d.minutes
            total.distance_km += d.distance_km
            total.descent_m += d.descent_m
            total.srpe += d.srpe
            total.sessions += d.sessions
            total.surfaced_running_km += d.surfaced_running_km
            total.hard_running_km += d.hard_running_km
            total.trimp += d.trimp
            total.hr_minutes += d.hr_minutes
            days_with_sessions += d.sessions > 0
            rated = rated and d.rated_sessions == d.sessions
            for sport, volume in d.by_sport.items():
                by_sport[sport].merge(volume)
            for name, km in d.by_shoe.items():
                by_shoe[name] = by_shoe.get(name, 0.0) + km
        # Foster defines monotony and strain on session-RPE load: used when every session of the
        # week has an RPE, minutes otherwise
        rated = rated and days_with_sessions > 0
        loads = [d.srpe if rated else d.minutes for d in items] + [0.0] * (7 - len(items))
        mean = sum(loads) / 7
        spread = _spread(loads, mean)
        monotony = mean / spread if spread > 0 else None
        # the same load every day: no variation at all, monotony without bound (reported as a note)
        constant = spread == 0 and mean > 0
        running = total.surfaced_running_km
        week = Week(
            monday=monday,
            minutes=total.minutes,
            distance_km=total.distance_km,
            descent_m=total.descent_m,
            srpe=total.srpe,
            sessions=total.sessions,
            days_with_sessions=days_with_sessions,
            by_sport=dict(by_sport),
            monotony=monotony,
            strain=sum(loads) * monotony if monotony is not None else None,
            hard_surface_pct=100 * total.hard_running_km / running if running else None,
            by_shoe={name: by_shoe[name] for name in sorted(by_shoe)},
            trimp=total.trimp,
            hr_minutes=total.hr_minutes,
            load_unit="sRPE" if rated else "min",
            constant_load=constant,
        )
        week.partial = len(items) < 7
        # a calendar week is compared only whole with a whole week: a half-recorded first week or
        # the week still running would make a +200 % out of nothing. Only the 30 % band is marked
        # on the week (the alarms themselves come from rolling 7-day windows: `progression`)
        if weeks and weeks[-1].minutes > 0 and not week.partial and not weeks[-1].partial:
            week.change_pct = round(100 * (week.minutes - weeks[-1].minutes) / weeks[-1].minutes, 6)
            band = WEEK_OVER_WEEK.band(week.change_pct)
            week.change_flag = band.label if band and band.low == 30 else None
        weeks.append(week)
    return weeks


# ---------------------------------------------------------------------------- ratios
MIN_HISTORY_DAYS = 28
EWMA_SPAN = 49
"""The EWMA ratio is run over the 7 weeks ending on its day: the seed's weight in the chronic
average is then under 5 %."""


@dataclass
class Ratio:
    value: float | None
    days_of_history: int
    days_recorded_in_window: int
    window_days: int
    note: str


def acwr_rolling(days: list[Day], on: date, complete: bool = False) -> Ratio:
    window = [d for d in days if on - timedelta(days=27) <= d.day <= on]
    history = len([d for d in days if d.day <= on])
    recorded = sum(1 for d in window if d.sessions)
    if history < MIN_HISTORY_DAYS:
        return Ratio(None, history, recorded, 28, f"needs {MIN_HISTORY_DAYS} days of history")
    acute = sum(d.minutes for d in window if d.day > on - timedelta(days=7)) / 7
    chronic = sum(d.minutes for d in window if d.day <= on - timedelta(days=7)) / 21
    value = acute / chronic if chronic > 0 else None
    return Ratio(value, history, recorded, 28, _gap_note(recorded, 28, complete))


def acwr_ewma(days: list[Day], on: date, complete: bool = False) -> Ratio:
    acute_l, chronic_l = 2 / (7 + 1), 2 / (28 + 1)
    # over the EWMA_SPAN days ending `on`, seeded with the mean of their first week (so a steady
    # load starts at a ratio of 1, and the value does not depend on how far back records go)
    history = len([d for d in days if d.day <= on])
    days = [d for d in days if on - timedelta(days=EWMA_SPAN - 1) <= d.day <= on]
    first_week = [d.minutes for d in days[:7]]
    acute = chronic = sum(first_week) / len(first_week) if first_week else 0.0
    last_week: list[float] = []
    for d in days:
        acute = d.minutes * acute_l + (1 - acute_l) * acute
        chronic = d.minutes * chronic_l + (1 - chronic_l) * chronic
        if d.day > on - timedelta(days=7) and chronic > 0:
            last_week.append(acute / chronic)
    window = [d for d in days if on - timedelta(days=27) <= d.day <= on]
    recorded = sum(1 for d in window if d.sessions)
    if history < MIN_HISTORY_DAYS:
        return Ratio(None, history, recorded, 28, f"needs {MIN_HISTORY_DAYS} days of history")
    # the day's ratio swings with a weekly rhythm (three runs a week read 'low' every Sunday on a
    # steady load): the mean of the last 7 days' ratios keeps the EWMA weighting without the swing
    value = sum(last_week) / len(last_week) if len(last_week) == 7 else None
    return Ratio(value, history, recorded, 28, _gap_note(recorded, 28, complete))


def _gap_note(recorded: int, window: int, complete: bool) -> str:
    """Days without a record count as rest in the sums; say so unless the person told us their
    history is complete."""
    missing = window - recorded
    if missing == 0:
        return "every day of the window has a recorded session"
    if complete:
        return f"{missing} of {window} days were rest days (you said every session is recorded)"
    return (
        f"{missing} of {window} days have no recorded session; they count as rest days, which is "
        "right only if every session is recorded"
    )


@dataclass
class Performance:
    fitness: float
    fatigue: float
    form: float
    ramp_rate: float = 0.0
    """Fitness today minus fitness 7 days before (GoldenCheetah's and WKO's ramp rate)."""


def performance(days: list[Day], on: date) -> Performance | None:
    """Fitness (42-day) and fatigue (7-day) with alpha = 1 - exp(-1/N), form from yesterday."""
    a_fit, a_fat = 1 - math.exp(-1 / 42), 1 - math.exp(-1 / 7)
    fit = fat = 0.0
    yesterday = (0.0, 0.0)
    fitness_by_day: list[float] = []
    for d in days:
        if d.day > on:
            break
        yesterday = (fit, fat)
        fit = d.minutes * a_fit + fit * (1 - a_fit)
        fat = d.minutes * a_fat + fat * (1 - a_fat)
        fitness_by_day.append(fit)
    if not fitness_by_day:
        return None
    week_ago = fitness_by_day[-8] if len(fitness_by_day) >= 8 else 0.0
    return Performance(fitness=fit, fatigue=fat, form=yesterday[0] - yesterday[1], ramp_rate=fit - week_ago)


# ---------------------------------------------------------------------------- heart-rate load
TRIMP = Metric(
    id="trimp",
    name="Heart-rate training load (Banister's TRIMP)",
    unit="TRIMP points",
    window="per session: minutes x HRr x a x e^(k x HRr), HRr = (average HR - resting HR) / (max HR - resting HR)",
    source="Banister's TRIMP as GoldenCheetah implements it (TRIMPPoints): a = 0.64, k = 1.92 for men; "
    "a = 0.86, k = 1.67 for women (Morton, Fitz-Clarke & Banister 1990, J Appl Physiol 69:1171-1177)",
    caveat="Needs the athlete's resting and maximum heart rate; from a session's average heart rate it "
    "underrates intervals a little. Without a sex given, the men's constants are used.",
)


@dataclass(frozen=True)
class HeartRateProfile:
    resting: float
    maximum: float
    female: bool = False


def trimp(session: Session, profile: HeartRateProfile | None) -> float | None:
    """Banister's TRIMP for one session from its average heart rate, or None without one."""
    if profile is None or session.avg_hr is None or profile.maximum <= profile.resting:
        return None
    reserve = min(1.0, max(0.0, (session.avg_hr - profile.resting) / (profile.maximum - profile.resting)))
    a, k = (0.86, 1.67) if profile.female else (0.64, 1.92)
    return session.minutes * reserve * a * math.exp(k * reserve)


# ---------------------------------------------------------------------------- progression (rolling)
ROLLING_CHANGE = Metric(
    id="rolling_change",
    name="Change in one sport's volume over rolling 7-day windows",
    unit="%",
    window="the last 7 days against the 7 before, and against the mean week of the 28 days before those",
    source="Nielsen et al. 2014 (JOSPT 44:739-747); Buist et al. 2008 (Am J Sports Med 36:33-39)",
    caveat="Rises above 30 % were linked to knee-type overuse injuries in novice runners (Nielsen 2014); "
    "the 10 % guideline is a convention that one trial did not confirm (Buist 2008), so 10-30 % is shown "
    "as a note, not an alarm.",
    bands=WEEK_OVER_WEEK.bands,
)
COMEBACK_DAYS = 21
"""A return after this many days without the sport is its own flag: the weeks-ago load is gone."""
LONG_BREAK_DAYS = 42
"""Breaks longer than this are reported as 'more than six weeks' (the exact length can lie before
the stored window, and does not change the advice)."""
SMALL_RISE = {"km": 5.0, "min": 30.0}
"""A rise smaller than this (a 4 km week becoming 6 km) is a note even above 30 %."""


@dataclass(frozen=True)
class Progression:
    sport: str
    on: date
    unit: str  # "km" or "min"
    last7: float
    prev7: float
    mean_week28: float | None  # the mean week of the 28 days before the last 7 (None: too little history)
    change_pct: float | None  # last 7 against the 7 before (None when the 7 before were empty)
    change_vs_mean_pct: float | None
    days_off_before: int | None  # a break of COMEBACK_DAYS or more ending in the last 7 days (43: longer than 42)
    first_day_back: date | None = None

    @property
    def worst_pct(self) -> float | None:
        values = [v for v in (self.change_pct, self.change_vs_mean_pct) if v is not None]
        return max(values) if values else None


def progression(sessions: Iterable[Session], sport: str, on: date, first: date | None = None) -> Progression | None:
    """One sport's volume in the 7 days ending `on` against the 7 before and the 28 before those
    (distance where every session in the 35 days has one, else minutes). `first`: the day the
    records start, when `sessions` is only a window of them. None when nothing of the sport was
    done in the 35 days and no break ended in them."""
    mine = sorted((s for s in sessions if s.sport == sport and s.local_date <= on), key=lambda s: s.local_date)
    window = [s for s in mine if s.local_date > on - timedelta(days=35)]
    if not window:
        return None
    unit = "km" if all(s.distance_m for s in window) else "min"

    def amount(low: int, high: int) -> float:  # days on-high+1 .. on-low (fsum: order does not matter)
        return math.fsum(
            ((s.distance_m or 0) / 1000 if unit == "km" else s.minutes)
            for s in window
            if on - timedelta(days=high) < s.local_date <= on - timedelta(days=low)
        )

    last7, prev7, before = amount(0, 7), amount(7, 14), amount(7, 35)
    everything = [s.local_date for s in sessions if s.local_date <= on]
    start = first or min(everything)
    enough = (on - start).days + 1 >= 35
    mean28 = before / 4 if enough else None
    recent = [s for s in mine if s.local_date > on - timedelta(days=7)]
    days_off, back = None, None
    if recent:
        # a return: none of this sport in the 21 days before the first day back, with records
        # going back that far (a break, or a sport new to this person)
        back = recent[0].local_date
        earlier = [s.local_date for s in mine if s.local_date < back]
        gap = (back - earlier[-1]).days - 1 if earlier else (back - start).days
        if gap >= COMEBACK_DAYS and (back - start).days >= COMEBACK_DAYS:
            days_off = min(gap, LONG_BREAK_DAYS + 1)
    change = round(100 * (last7 - prev7) / prev7, 1) if prev7 > 0 else None
    vs_mean = round(100 * (last7 - mean28) / mean28, 1) if mean28 else None
    return Progression(sport, on, unit, round(last7, 2), round(prev7, 2), None if mean28 is None else round(mean28, 2),
                       change, vs_mean, days_off, back if days_off is not None else None)  # fmt: skip


def is_alarm(p: Progression) -> bool:
    """Over 30 % on either comparison and by more than a small amount: a flag. Smaller rises
    (10-30 %, or a 4 km week becoming 6 km) are notes."""
    return any(
        pct is not None and base is not None and pct > 30 and p.last7 - base >= SMALL_RISE[p.unit]
        for pct, base in ((p.change_pct, p.prev7), (p.change_vs_mean_pct, p.mean_week28))
    )


def daily_series(days: list[Day], first_shown: date) -> list[dict[str, float | str | None]]:
    """Day by day from `first_shown`: the load, fitness, fatigue and form, and both ratios, for
    plotting elsewhere. One pass for fitness and fatigue; the ratios per day as defined above."""
    a_fit, a_fat = 1 - math.exp(-1 / 42), 1 - math.exp(-1 / 7)
    fit = fat = 0.0
    out: list[dict[str, float | str | None]] = []
    prefix = [0.0]
    for d in days:
        prefix.append(prefix[-1] + d.minutes)
    for i, d in enumerate(days):
        form = fit - fat  # yesterday's values
        fit = d.minutes * a_fit + fit * (1 - a_fit)
        fat = d.minutes * a_fat + fat * (1 - a_fat)
        if d.day < first_shown:
            continue
        rolling, ewma = _rolling_at(days, prefix, i), _ewma_at(days, i)
        out.append(
            {
                "day": d.day.isoformat(),
                "minutes": round(d.minutes, 1),
                "distance_km": round(d.distance_km, 2),
                "srpe_load": round(d.srpe),
                "fitness": round(fit, 2),
                "fatigue": round(fat, 2),
                "form": round(form, 2),
                "acwr_rolling": None if rolling is None else round(rolling, 3),
                "acwr_ewma": None if ewma is None else round(ewma, 3),
            }
        )
    return out


def _rolling_at(days: list[Day], prefix: list[float], i: int) -> float | None:
    """acwr_rolling on days[i] from prefix sums (the same definition, without the notes)."""
    if i + 1 < MIN_HISTORY_DAYS:
        return None
    acute = (prefix[i + 1] - prefix[i - 6]) / 7
    chronic = (prefix[i - 6] - prefix[i - 27]) / 21
    return acute / chronic if chronic > 0 else None


def _ewma_at(days: list[Day], i: int) -> float | None:
    """acwr_ewma on days[i] (the same definition, over the EWMA_SPAN days ending there)."""
    if i + 1 < MIN_HISTORY_DAYS:
        return None
    return acwr_ewma(days[max(0, i - EWMA_SPAN + 1) : i + 1], days[i].day).value


REPORTED_METRICS = (*METRICS, ROLLING_CHANGE, TRIMP)
