"""Training load: pure metrics over an athlete's sessions (no I/O)."""

from kneecheck.load._metrics import (
    METRICS,
    HeartRateProfile,
    Metric,
    Session,
    acwr_ewma,
    acwr_rolling,
    daily,
    trimp,
    weekly,
)
from kneecheck.load._report import (
    LoadReport,
    Shoe,
    build_report,
    history_before_onset,
    history_factors,
    history_window_start,
)

__all__ = [
    "METRICS",
    "HeartRateProfile",
    "LoadReport",
    "Metric",
    "Session",
    "Shoe",
    "acwr_ewma",
    "acwr_rolling",
    "build_report",
    "daily",
    "history_before_onset",
    "history_factors",
    "history_window_start",
    "trimp",
    "weekly",
]
