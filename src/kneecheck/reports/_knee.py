"""The knee report: one document a person can read or hand to a physio or doctor.

The latest assessment (urgency, reasons, ranked causes and why, advice), the pain diary with its
trend and follow-up rules, the weekly load with the onset marked, and the contributing factors
from the person's own training. HTML (self-contained: charts inline as SVG, no network) or PDF
(fpdf2, with the same charts as images).
"""

from __future__ import annotations

import html
import io
import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from kneecheck.diary import PainEntry, as_json, check, trend
from kneecheck.insight import Why
from kneecheck.insight._records import onset_from_records, why_for
from kneecheck.knowledge import load_knowledge, shoe_warning_km
from kneecheck.load import LoadReport, build_report
from kneecheck.store import Athlete, Store
from kneecheck.triage import Assessment


@dataclass
class KneeReport:
    athlete: str
    made_utc: str
    knowledge_version: str
    disclaimer: str
    assessment: Assessment | None
    assessment_at: str | None
    entries: list[PainEntry]
    follow_up: list[dict[str, Any]]
    trend: dict[str, Any]
    load: LoadReport | None
    onset: date | None
    why: Why | None
    notes: list[str] = field(default_factory=list)


def gather(store: Store, athlete: Athlete) -> KneeReport:
    """Everything the report shows, from the person's own records."""
    kb = load_knowledge()
    kept = store.assessments(athlete)
    assessment = assessment_at = None
    if kept:
        assessment = Assessment.model_validate_json(store.assessment_result(kept[0]["id"]))
        assessment_at = kept[0]["at_utc"]
    entries = store.entries(athlete)
    t = trend(entries)
    found = onset_from_records(kept, entries)
    onset = found[0] if found else None
    sessions = store.sessions(athlete)
    load = None
    insight = None
    if sessions:
        last = max(s.local_date for s in sessions)
        end = max(last, onset) if onset else last
        load = build_report(
            athlete.name, sessions, store.shoes(athlete), as_of=min(end, date.today()), weeks=12,
            shoe_limit_km=shoe_warning_km(), with_daily=False, heart_rate=store.heart_rate_profile(athlete),
        )  # fmt: skip
        if onset is not None:
            insight = why_for(store, athlete, onset)
    notes = []
    if assessment is None:
        notes.append("No assessment is kept yet: run kneecheck assess to add one.")
    elif assessment.knowledge_version != kb.version:
        notes.append(
            f"The assessment was made with knowledge {assessment.knowledge_version}; this kneecheck has "
            f"{kb.version}. Assess again for the current rules."
        )
    return KneeReport(
        athlete=athlete.name,
        made_utc=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        knowledge_version=kb.version,
        disclaimer=kb.manifest.disclaimer,
        assessment=assessment,
        assessment_at=assessment_at,
        entries=entries,
        follow_up=as_json(check(entries)),
        trend={"direction": t.direction, "slope_per_day": t.slope_per_day, "entries": t.entries, "days": t.days},
        load=load,
        onset=onset,
        why=insight,
        notes=notes,
    )


# ---------------------------------------------------------------------------- charts
def _figure_bytes(fig: Any, fmt: str) -> bytes:
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt)
    plt.close(fig)
    return buffer.getvalue()


def pain_chart(entries: list[PainEntry], fmt: str = "svg") -> bytes | None:
    """Pain now (and worst in 24 h) over time."""
    if not entries:
        return None
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["svg.fonttype"] = "none"
    import matplotlib.pyplot as plt

    ordered = sorted(entries, key=lambda e: e.at)
    fig, ax = plt.subplots(figsize=(7, 2.8), dpi=120)
    ax.plot(
        [e.at for e in ordered],  # type: ignore[arg-type]
        [e.pain_now for e in ordered],
        marker="o",
        color="#2e6f9e",
        label="pain now",
    )
    worst = [(e.at, e.pain_worst_24h) for e in ordered if e.pain_worst_24h is not None]
    if worst:
        ax.plot(*zip(*worst, strict=True), marker="^", linestyle="--", color="#b03a2e", label="worst in 24 h")
    ax.set_ylim(0, 10)
    first, last = ordered[0].at, ordered[-1].at
    pad = max(timedelta(hours=12), (last - first) / 20)  # one entry: a day around it, not years
    ax.set_xlim(first - pad, last + pad)  # type: ignore[arg-type]
    ax.set_ylabel("pain (0-10)")
    ax.set_title("Pain diary", fontsize=10)
    ax.legend(fontsize=8, loc="upper right")
    fig.autofmt_xdate()
    fig.tight_layout()
    return _figure_bytes(fig, fmt)


def load_chart(load: LoadReport, onset: date | None, fmt: str = "svg") -> bytes | None:
    """Weekly training hours, weeks over 30 % hatched, the week the pain began marked."""
    if not load.weeks:
        return None
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["svg.fonttype"] = "none"
    import matplotlib.pyplot as plt

    weeks = load.weeks
    fig, ax = plt.subplots(figsize=(7, 2.8), dpi=120)
    flagged = [bool(w["change_flag"]) for w in weeks]
    bars = ax.bar(range(len(weeks)), [w["minutes"] / 60 for w in weeks], edgecolor="black",
                  color=["#b03a2e" if f else "#2e6f9e" for f in flagged])  # fmt: skip
    for bar, flag in zip(bars, flagged, strict=True):
        if flag:
            bar.set_hatch("//")
    ax.set_xticks(range(len(weeks)), [w["week"] for w in weeks], rotation=60, fontsize=7)
    if onset is not None:
        monday = (onset - timedelta(days=onset.weekday())).isoformat()
        index = next((i for i, w in enumerate(weeks) if w["week"] == monday), None)
        if index is not None:
            ax.axvline(index, color="black", linestyle=":", linewidth=1.5)
            ax.annotate("pain began", (index, ax.get_ylim()[1] * 0.9), fontsize=8, ha="center")
    ax.set_ylim(bottom=0)
    ax.set_ylabel("hours per week")
    ax.set_title("Training per week (hatched: up over 30 % on the week before)", fontsize=10)
    fig.tight_layout()
    return _figure_bytes(fig, fmt)


# ---------------------------------------------------------------------------- HTML
def render_html(report: KneeReport) -> str:
    e = html.escape
    parts = [
        '<!doctype html><html lang="en"><head><meta charset="utf-8">',
        f"<title>kneecheck knee report - {e(report.athlete)}</title>",
        "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}"
        "h1,h2{line-height:1.2}.banner{padding:.8rem 1rem;border:3px solid #1a1a1a;font-weight:bold}"
        ".emergency{background:#fbe3e0}.urgent{background:#fdf0d5}.routine{background:#e8f0fb}"
        ".self_care{background:#e6f4ea}.source{color:#4a4a4a;font-size:.9rem}table{border-collapse:collapse}"
        "td,th{border:1px solid #bbb;padding:.2rem .5rem;text-align:left}figure{margin:1rem 0}</style></head><body>",
        "<h1>Knee report</h1>",
        f"<p>For {e(report.athlete)}, made {e(report.made_utc)}; knowledge version {e(report.knowledge_version)}.</p>",
        f'<p class="disclaimer"><strong>{e(report.disclaimer)}</strong></p>',
    ]
    parts += [f"<p>{e(n)}</p>" for n in report.notes]
    a = report.assessment
    if a is not None:
        parts.append(f"<h2>Assessment ({e(report.assessment_at or '')})</h2>")
        parts.append(f'<p class="banner {e(a.urgency)}">{e(a.urgency.upper().replace("_", " "))}</p>')
        parts.append(
            "<ul>"
            + "".join(f"<li>{e(r.text)} <span class='source'>{e(r.source)}</span></li>" for r in a.urgency_reasons)
            + "</ul>"
        )
        parts.append("<h3>Likely causes (estimates, not a diagnosis)</h3>")
        parts.append("<table><tr><th>cause</th><th>probability</th><th>why</th></tr>")
        for c in a.conditions[:6]:
            reasons = "; ".join(e(w.sentence) for w in c.why[:3])
            parts.append(f"<tr><td>{e(c.name)}</td><td>{c.probability:.0%}</td><td>{reasons}</td></tr>")
        parts.append("</table><h3>What to do</h3><ul>" + "".join(f"<li>{e(x)}</li>" for x in a.advice.now) + "</ul>")
        parts.append(f"<p>Re-check: {e(a.advice.recheck)}</p>")
    parts.append("<h2>Pain diary</h2>")
    chart = pain_chart(report.entries)
    if chart:
        parts.append(f'<figure aria-label="Pain over time">{chart.decode()}</figure>')
        parts.append(
            f"<p>Trend: {e(report.trend['direction'])}"
            + (
                f" ({report.trend['slope_per_day']:+.2f} points a day)"
                if report.trend["slope_per_day"] is not None
                else ""
            )
            + "</p>"
        )
        rules = [
            f"<li><strong>{e(rule['urgency'].upper())}</strong> {e(rule['text'])} "
            f"(entries {', '.join('#' + str(i) for i in rule['entries'])})</li>"
            for rule in report.follow_up
        ]
        parts.append("<ul>" + "".join(rules) + "</ul>" if rules else "<p>No follow-up rule fires.</p>")
    else:
        parts.append("<p>No diary entries yet (kneecheck diary add).</p>")
    parts.append("<h2>Training</h2>")
    if report.load is not None:
        chart = load_chart(report.load, report.onset)
        if chart:
            parts.append(f'<figure aria-label="Training per week">{chart.decode()}</figure>')
        parts.append(f"<p>{e(report.load.status.capitalize())}.</p>")
    else:
        parts.append("<p>No workouts stored (kneecheck load import).</p>")
    if report.why is not None:
        parts.append(f"<h2>Why now: your training before {e(report.why.onset)}</h2><p>{e(report.why.summary)}</p><ol>")
        parts += [
            f"<li><strong>{e(f.evidence)}</strong><br>{e(f.text)} <span class='source'>{e(f.source)}</span></li>"
            for f in report.why.factors
        ]
        parts.append("</ol>")
    parts.append(f'<p class="disclaimer">{e(report.disclaimer)}</p></body></html>')
    return "\n".join(parts)


# ---------------------------------------------------------------------------- PDF
def render_pdf(report: KneeReport, path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    font = _unicode_font()
    if font:
        pdf.add_font("body", "", font)
        pdf.add_font("body", "B", font)
        family = "body"
    else:
        family = "helvetica"

    def text(value: str, size: int = 10, bold: bool = False) -> None:
        pdf.set_font(family, "B" if bold else "", size)
        safe = value if font else value.encode("latin-1", "replace").decode("latin-1")
        pdf.multi_cell(0, size * 0.5, safe)
        pdf.ln(1)

    text("Knee report", 18, True)
    text(f"For {report.athlete}, made {report.made_utc}; knowledge version {report.knowledge_version}.")
    text(report.disclaimer, 9, True)
    for n in report.notes:
        text(n)
    a = report.assessment
    if a is not None:
        text(f"Assessment ({report.assessment_at}): {a.urgency.upper().replace('_', ' ')}", 13, True)
        for r in a.urgency_reasons:
            text(f"- {r.text}")
        text("Likely causes (estimates, not a diagnosis)", 11, True)
        for c in a.conditions[:6]:
            text(f"{c.name}: {c.probability:.0%}. " + "; ".join(w.sentence for w in c.why[:3]))
        text("What to do", 11, True)
        for x in a.advice.now:
            text(f"- {x}")
        text(f"Re-check: {a.advice.recheck}")
    text("Pain diary", 13, True)
    png = pain_chart(report.entries, "png")
    if png:
        pdf.image(io.BytesIO(png), w=170)
        text(f"Trend: {report.trend['direction']}")
        for rule in report.follow_up:
            text(f"{rule['urgency'].upper()}: {rule['text']}")
    else:
        text("No diary entries yet.")
    text("Training", 13, True)
    if report.load is not None:
        png = load_chart(report.load, report.onset, "png")
        if png:
            pdf.image(io.BytesIO(png), w=170)
        text(report.load.status.capitalize() + ".")
    if report.why is not None:
        text(f"Why now: your training before {report.why.onset}", 13, True)
        text(report.why.summary)
        for rank, f in enumerate(report.why.factors, start=1):
            text(f"{rank}. {f.evidence}. {f.text}")
    text(report.disclaimer, 9, True)
    pdf.output(str(path))


def _unicode_font() -> str | None:
    """A TrueType font from matplotlib's own data (DejaVu Sans ships with it): full Unicode in the
    PDF with nothing fetched."""
    try:
        from matplotlib import font_manager

        return str(font_manager.findfont("DejaVu Sans", fallback_to_default=False))
    except (ImportError, ValueError):
        return None


def as_json_document(report: KneeReport) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(
        json.dumps(
            {
                "athlete": report.athlete,
                "made_utc": report.made_utc,
                "knowledge_version": report.knowledge_version,
                "assessment": report.assessment.model_dump(mode="json") if report.assessment else None,
                "diary": [e.model_dump(mode="json") for e in report.entries],
                "follow_up": report.follow_up,
                "trend": report.trend,
                "why": report.why.as_json() if report.why else None,
            },
            default=str,
        )
    )
    return document
