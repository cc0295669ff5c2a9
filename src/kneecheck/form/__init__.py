"""The form check: the knee's inward collapse in squats, rep by rep, from a phone video.

A screening aid, not a diagnosis. The pose model is optional (`kneecheck[form]`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kneecheck.form._analysis import FormResult, Frame, Rep, analyse, analyse_still, signed_fppa
from kneecheck.form._video import PICTURES, FormUnavailable, MediaProblem, read_picture, read_video
from kneecheck.knowledge import load_knowledge

EXERCISES = ("single_leg_squat", "squat", "lunge")


def check_form(
    path: Path,
    exercise: str = "single_leg_squat",
    leg: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> FormResult:
    """Read the video (or one picture) and measure each rep. MediaProblem for a file that cannot
    be read; FormUnavailable without the optional pose model."""
    if exercise not in EXERCISES:
        raise ValueError(f"exercise must be one of {', '.join(EXERCISES)}")
    kb = load_knowledge().form
    chosen = kb.squat if exercise == "squat" else kb.single_leg_squat
    bands = {"caution_from": chosen.caution_from, "flagged_from": chosen.flagged_from}
    side = leg if leg in ("left", "right") else None
    if path.suffix.lower() in PICTURES:
        frame, _ = read_picture(path)
        result = analyse_still(frame, bands, side)  # type: ignore[arg-type]
    else:
        frames, _, _ = read_video(path, progress)
        result = analyse(frames, "squat" if exercise == "squat" else "single_leg_squat", bands, side)  # type: ignore[arg-type]
    result.notes.append(
        f"Differences under about {kb.measurement_error_deg:.0f} degrees are within measurement error "
        "(Munro et al. 2012). This is a screening aid, not a diagnosis."
    )
    return result


__all__ = [
    "EXERCISES", "FormResult", "FormUnavailable", "Frame", "MediaProblem", "Rep", "analyse", "analyse_still",
    "check_form", "signed_fppa",
]  # fmt: skip
