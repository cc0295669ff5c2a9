"""Charts of the load report. Flagged weeks are marked by hatching and a label, not colour alone."""

from __future__ import annotations

import html
import io
from pathlib import Path

from kneecheck.load import LoadReport


def weekly_volume_chart(report: LoadReport, path: Path) -> None:
    """Weekly training hours with the flagged weeks marked; .png, .svg or .html (self-contained)."""
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["svg.fonttype"] = "none"  # keep text as text: searchable, read by screen readers
    import matplotlib.pyplot as plt

    suffix = path.suffix.lower()
    if suffix not in (".png", ".svg", ".html"):
        raise ValueError(f"{path.name}: the chart can be .png, .svg or .html")
    weeks = report.weeks
    labels = [w["week"] for w in weeks]  # with the year: a long history spans several
    hours = [w["minutes"] / 60 for w in weeks]
    flagged = [bool(w["change_flag"]) for w in weeks]
    # the width grows with the weeks up to a page (about 16 inches), then the bars get thinner
    fig, ax = plt.subplots(figsize=(min(16, max(6, len(weeks) * 0.6)), 3.6), dpi=120)
    bars = ax.bar(range(len(weeks)), hours, color=["#b03a2e" if f else "#2e6f9e" for f in flagged], edgecolor="black")
    step = max(1, len(weeks) // 26)  # at most about 26 labels, however many weeks
    ax.set_xticks(range(0, len(weeks), step), [labels[i] for i in range(0, len(weeks), step)])
    ax.set_ylim(bottom=0)  # hours are never negative, even when every week is empty
    for bar, week, flag in zip(bars, weeks, flagged, strict=True):
        if flag:
            bar.set_hatch("//")
            ax.annotate(
                f"{week['change_pct']:+.0f}%",
                (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                ha="center",
                va="bottom",
                fontsize=8,
            )
    ax.set_ylabel("hours per week")
    ax.set_title(f"{report.athlete}: training per week (hatched: up over 30 % on the week before)", fontsize=10)
    ax.tick_params(axis="x", labelrotation=60, labelsize=8)
    fig.tight_layout()
    if suffix == ".html":
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg")
        title = html.escape(f"kneecheck training load - {report.athlete}")
        page = (
            f'<!doctype html><html lang="en"><meta charset="utf-8"><title>{title}</title>'
            f"<body>{buffer.getvalue()}</body></html>"
        )
        path.write_text(page, encoding="utf-8")
    else:
        fig.savefig(path, format=suffix[1:])
    plt.close(fig)
