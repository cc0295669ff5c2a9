"""The form check: the knee's inward collapse in squats, rep by rep, from a phone video.

A screening aid, not a diagnosis. The pose model is optional (`kneecheck[form]`)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

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
        frames, _ = read_video(path, progress)
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


def latest_measured(checks: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The newest kept form check that measured anything (a refused video says nothing)."""
    return next((c for c in checks if not c["result"].get("refused")), None)


def as_json(result: FormResult) -> dict[str, object]:
    return {
        "exercise": result.exercise,
        "refused": result.refused,
        "reps": [
            {
                "index": r.index,
                "leg": r.leg,
                "fppa_deg": r.fppa_deg,
                "depth": r.depth,
                "verdict": r.verdict,
                "bottom_s": r.bottom_t,
                **({"note": r.note} if r.note else {}),
            }
            for r in result.reps
        ],
        "worst": result.worst,
        "flagged": sum(r.verdict == "flagged" for r in result.reps),
        "measured": sum(r.fppa_deg is not None for r in result.reps),
        "notes": result.notes,
    }


def pictures(result: FormResult, path: Path, folder: Path) -> list[Path]:
    """An annotated picture of the worst rep (hip-knee-ankle lines with the angle) and a chart of
    the angle over time with the reps marked; the paths written."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    if result.series:
        fig, ax = plt.subplots(figsize=(8, 3), dpi=110)
        ts = [t for t, _, _ in result.series]
        nan = float("nan")
        ax.plot(ts, [nan if left is None else left for _, left, _ in result.series], label="left knee", color="#2e6f9e")
        ax.plot(ts, [nan if r is None else r for _, _, r in result.series], label="right knee", color="#b03a2e")
        for rep in result.reps:
            ax.axvline(rep.bottom_t, color="grey", linestyle=":", linewidth=1)
            label = f"{rep.index}: {rep.fppa_deg:.0f}°" if rep.fppa_deg is not None else f"{rep.index}: -"
            ax.annotate(label, (rep.bottom_t, 1.0), xycoords=("data", "axes fraction"), fontsize=8, ha="center",
                        va="bottom")  # fmt: skip
        ax.axhspan(15, 45, color="#b03a2e", alpha=0.08)
        ax.set_ylim(-30, 45)
        ax.set_xlabel("seconds")
        ax.set_ylabel("knee angle (degrees, + = inward)")
        ax.legend(fontsize=8, loc="lower right")
        fig.tight_layout()
        chart = folder / "form-angle.png"
        fig.savefig(chart)
        plt.close(fig)
        written.append(chart)
    worst = next((r for r in result.reps if r.index == result.worst), None)
    if worst is not None and worst.fppa_deg is not None:
        image = _annotated(path, worst)
        if image is not None:
            import cv2

            target = folder / "form-worst-rep.png"
            cv2.imwrite(str(target), image)
            written.append(target)
    return written


def _annotated(path: Path, rep: Rep) -> Any:
    """The frame at the bottom of the rep with hip-knee-ankle drawn and the angle written."""
    import cv2

    from kneecheck.form._video import landmarks_at

    found = landmarks_at(path, rep.bottom_t)
    if found is None:
        return None
    frame, image = found
    if not frame.joints:
        return None
    points = [frame.joints[f"{rep.leg}_{joint}"] for joint in ("hip", "knee", "ankle")]
    colour = (46, 58, 176) if rep.verdict == "flagged" else (158, 111, 46)  # BGR: red or blue
    for a, b in itertools.pairwise(points):
        cv2.line(image, (int(a[0]), int(a[1])), (int(b[0]), int(b[1])), colour, 3)
    for p in points:
        cv2.circle(image, (int(p[0]), int(p[1])), 5, (255, 255, 255), -1)
    knee = points[1]
    cv2.putText(image, f"{rep.fppa_deg:.0f} deg ({rep.verdict})", (int(knee[0]) + 10, int(knee[1])),
                cv2.FONT_HERSHEY_SIMPLEX, 0.7, colour, 2)  # fmt: skip
    return image
