"""The knee's frontal plane projection angle (FPPA), rep by rep, from pose landmarks. Pure:
landmark frames in, a result out (the video and the pose model are in _video.py).

FPPA, as the studies define it (Willson & Davis 2008; Munro et al. 2012): the angle between the
hip-to-knee and knee-to-ankle lines in the camera's plane, positive when the knee is medial to
the hip-ankle line, read at the deepest point of each rep, on the stance leg.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field
from typing import Literal

Point = tuple[float, float, float]  # x, y (pixels, y down) and visibility 0-1
Side = Literal["left", "right"]
JOINTS = ("hip", "knee", "ankle")
MIN_FRAMES = 15
MIN_VISIBILITY = 0.5
SIDE_VIEW_RATIO = 0.35
"""Hip width under this share of the thigh's length: the camera is at the side, not in front."""
FORESHORTENED = 0.6
"""A thigh projected at under this share of its standing length points at the camera: no FPPA
there. The angle is then read at the deepest frame of the rep where the thigh is still measurable."""
MIN_DEPTH = 0.12
"""A rep is a hip drop of at least this share of the thigh's length."""
SMOOTH = 5  # frames in the centred moving average
MOST_LATERAL = -25.0
"""A knee further outward than this in a squat is a projection artefact (a wide stance seen from the
front, a thigh turned towards the camera), not a measurement."""


@dataclass(frozen=True)
class Frame:
    t: float  # seconds
    joints: dict[str, Point]  # "left_hip", "right_knee", ...


@dataclass
class Rep:
    index: int
    leg: Side
    fppa_deg: float | None
    depth: float  # hip drop at the bottom, in standing thigh lengths
    verdict: str  # "ok", "caution", "flagged" or "not measured"
    bottom_t: float
    note: str | None = None


@dataclass
class FormResult:
    exercise: str
    refused: str | None
    reps: list[Rep] = field(default_factory=list)
    series: list[tuple[float, float | None, float | None]] = field(default_factory=list)
    """(t, left FPPA, right FPPA) for the chart."""
    worst: int | None = None  # the index of the rep with the largest FPPA
    notes: list[str] = field(default_factory=list)


def signed_fppa(hip: Point, knee: Point, ankle: Point, other_hip: Point) -> float:
    """180 minus the hip-knee-ankle angle, positive when the knee lies on the other hip's side of
    the hip-ankle line (medial), negative when lateral."""
    v1 = (hip[0] - knee[0], hip[1] - knee[1])
    v2 = (ankle[0] - knee[0], ankle[1] - knee[1])
    norm = math.hypot(*v1) * math.hypot(*v2)
    if norm == 0:
        return 0.0
    cosine = max(-1.0, min(1.0, (v1[0] * v2[0] + v1[1] * v2[1]) / norm))
    deviation = 180.0 - math.degrees(math.acos(cosine))
    line = (ankle[0] - hip[0], ankle[1] - hip[1])

    def side(p: Point) -> float:
        return line[0] * (p[1] - hip[1]) - line[1] * (p[0] - hip[0])

    medial = side(knee) * side(other_hip) > 0
    return deviation if medial else -deviation


def _smooth(values: list[float], width: int = SMOOTH) -> list[float]:
    half = width // 2
    return [statistics.fmean(values[max(0, i - half) : i + half + 1]) for i in range(len(values))]


def _joint(frame: Frame, side: Side, joint: str) -> Point:
    return frame.joints[f"{side}_{joint}"]


def _visible(frame: Frame) -> bool:
    return all(
        f"{s}_{j}" in frame.joints and frame.joints[f"{s}_{j}"][2] >= MIN_VISIBILITY
        for s in ("left", "right")
        for j in JOINTS
    )


def _distance(a: Point, b: Point) -> float:
    return math.hypot(a[0] - b[0], a[1] - b[1])


def _other(side: Side) -> Side:
    return "right" if side == "left" else "left"


def analyse(frames: list[Frame], exercise: str, bands: dict[str, float], leg: Side | None = None) -> FormResult:
    """Reps from the hip's vertical path; per rep the stance leg, the FPPA at the deepest frame,
    the depth and a verdict (bands: caution_from, flagged_from). Refuses what 2-D video cannot
    measure, saying how to film it better."""
    result = FormResult(exercise=exercise, refused=None)
    seen = [f for f in frames if _visible(f)]
    with_hips = [f for f in frames if all(f"{s}_{j}" in f.joints for s in ("left", "right") for j in ("hip", "knee"))]
    if len(with_hips) >= MIN_FRAMES:
        width = statistics.median(_distance(_joint(f, "left", "hip"), _joint(f, "right", "hip")) for f in with_hips)
        length = statistics.median(
            max(_distance(_joint(f, s, "hip"), _joint(f, s, "knee")) for s in ("left", "right")) for f in with_hips
        )
        if width < SIDE_VIEW_RATIO * length:
            result.refused = (
                "the video is filmed from the side: the knee's inward collapse can only be seen from the "
                "front - put the phone 2-3 m in front of you at knee height"
            )
            return result
    if len(frames) < MIN_FRAMES:
        result.refused = f"too few frames ({len(frames)}): film at least 2 seconds, a few squats, at normal speed"
        return result
    if len(seen) < 0.7 * len(frames):
        result.refused = (
            "the hips, knees and ankles are not in view in most of the video: put the phone 2-3 m in "
            "front at knee height, with the whole body in the frame"
        )
        return result
    thigh = {s: statistics.median(_distance(_joint(f, s, "hip"), _joint(f, s, "knee")) for f in seen)
             for s in ("left", "right")}  # fmt: skip
    hip_width = statistics.median(_distance(_joint(f, "left", "hip"), _joint(f, "right", "hip")) for f in seen)
    standing_thigh = max(thigh.values())
    if hip_width < SIDE_VIEW_RATIO * standing_thigh:
        result.refused = (
            "the video is filmed from the side: the knee's inward collapse can only be seen from the "
            "front - put the phone 2-3 m in front of you at knee height"
        )
        return result

    hip_y = _smooth([(_joint(f, "left", "hip")[1] + _joint(f, "right", "hip")[1]) / 2 for f in seen])
    top = sorted(hip_y)[: max(1, len(hip_y) // 5)]
    standing_y = statistics.median(top)
    standing_thighs = {
        s: statistics.median(
            _distance(_joint(f, s, "hip"), _joint(f, s, "knee")) for f, y in zip(seen, hip_y, strict=True)
            if y <= standing_y + 0.05 * standing_thigh
        )
        for s in ("left", "right")
    }  # fmt: skip
    angles = {
        s: _smooth([signed_fppa(_joint(f, s, "hip"), _joint(f, s, "knee"), _joint(f, s, "ankle"),
                                _joint(f, _other(s), "hip")) for f in seen])
        for s in ("left", "right")
    }  # fmt: skip
    result.series = [(round(f.t, 3), round(angles["left"][i], 1), round(angles["right"][i], 1))
                     for i, f in enumerate(seen)]  # fmt: skip

    for number, (start, bottom, end) in enumerate(_reps(hip_y, standing_y, standing_thigh, seen), start=1):
        stance = leg or _stance_leg(seen[start : end + 1], exercise)
        legs: list[Side] = [stance] if exercise != "squat" else ["left", "right"]
        depth = (hip_y[bottom] - standing_y) / standing_thigh
        measured: list[tuple[float, Side]] = []
        shallower = False
        for side in legs:
            frame_at = _deepest_measurable(seen, hip_y, start, bottom, end, side, standing_thighs[side])
            if frame_at is None:
                continue
            shallower = shallower or frame_at != bottom
            measured.append((angles[side][frame_at], side))
        foreshortened = len(measured) < len(legs)
        if not measured:
            result.reps.append(Rep(number, stance, None, round(depth, 2), "not measured", round(seen[bottom].t, 2),
                                   "too deep to measure from the front: at the bottom the thigh points at the "
                                   "camera (a 2-D angle would be meaningless); squat less deep, or film from "
                                   "a little higher"))  # fmt: skip
            continue
        if all(v < MOST_LATERAL for v, _ in measured):
            result.reps.append(Rep(number, stance, None, round(depth, 2), "not measured", round(seen[bottom].t, 2),
                                   "the angle is outside what a front view can measure (a wide stance or a deep "
                                   "squat turns the thigh towards the camera)"))  # fmt: skip
            continue
        value, side = max((v, s) for v, s in measured if v >= MOST_LATERAL)
        verdict = "flagged" if value > bands["flagged_from"] else "caution" if value >= bands["caution_from"] else "ok"
        notes = []
        if shallower:
            notes.append("read a little above the bottom: at the very bottom the thigh points at the camera")
        if foreshortened:
            notes.append("the other knee could not be measured")
        note = "; ".join(notes) or None
        result.reps.append(Rep(number, side, round(value, 1), round(depth, 2), verdict, round(seen[bottom].t, 2), note))
    if not result.reps:
        result.refused = "no squat was found: squat a few times at a steady pace, facing the camera"
        return result
    scored = [r for r in result.reps if r.fppa_deg is not None]
    if scored:
        result.worst = max(scored, key=lambda r: r.fppa_deg or 0).index
    return result


def _deepest_measurable(
    frames: list[Frame], hip_y: list[float], start: int, bottom: int, end: int, side: Side, standing: float
) -> int | None:
    """The deepest frame of the rep where this thigh is projected at least FORESHORTENED of its
    standing length (the bottom itself when it is), or None when no frame of the rep is."""
    usable = [
        k for k in range(start, end + 1)
        if _distance(_joint(frames[k], side, "hip"), _joint(frames[k], side, "knee")) >= FORESHORTENED * standing
    ]  # fmt: skip
    if not usable:
        return None
    deepest = max(usable, key=lambda k: hip_y[k])
    # a frame barely into the rep says nothing about its bottom
    return deepest if hip_y[deepest] - hip_y[start] >= 0.5 * (hip_y[bottom] - hip_y[start]) else None


def _reps(hip_y: list[float], standing_y: float, thigh: float, frames: list[Frame]) -> list[tuple[int, int, int]]:
    """(start, bottom, end) of each descent of the hips at least MIN_DEPTH thigh lengths deep."""
    threshold = standing_y + MIN_DEPTH * thigh
    near_top = standing_y + 0.5 * MIN_DEPTH * thigh
    reps: list[tuple[int, int, int]] = []
    i = 0
    while i < len(hip_y):
        if hip_y[i] <= threshold:
            i += 1
            continue
        start = i
        while start > 0 and hip_y[start - 1] > near_top:
            start -= 1
        end = i
        while end + 1 < len(hip_y) and hip_y[end + 1] > near_top:
            end += 1
        bottom = max(range(i, end + 1), key=lambda k: hip_y[k])
        if frames[end].t - frames[start].t >= 0.3:  # a real rep, not a stumble
            reps.append((start, bottom, end))
        i = end + 1
    return reps


def _stance_leg(frames: list[Frame], exercise: str) -> Side:
    """The leg that stays planted: its ankle moves least during the rep."""

    def movement(side: Side) -> float:
        xs = [_joint(f, side, "ankle")[0] for f in frames]
        ys = [_joint(f, side, "ankle")[1] for f in frames]
        return statistics.pstdev(xs) + statistics.pstdev(ys) if len(frames) > 1 else 0.0

    return "left" if movement("left") <= movement("right") else "right"


def analyse_still(frame: Frame, bands: dict[str, float], leg: Side | None = None) -> FormResult:
    """One picture of a single-leg squat: the stance leg is the one whose foot is lower."""
    result = FormResult(exercise="single_leg_squat", refused=None)
    if not _visible(frame):
        result.refused = "the hips, knees and ankles are not all visible in the picture"
        return result
    stance: Side = leg or (
        "left" if _joint(frame, "left", "ankle")[1] >= _joint(frame, "right", "ankle")[1] else "right"
    )
    value = signed_fppa(_joint(frame, stance, "hip"), _joint(frame, stance, "knee"), _joint(frame, stance, "ankle"),
                        _joint(frame, _other(stance), "hip"))  # fmt: skip
    verdict = "flagged" if value > bands["flagged_from"] else "caution" if value >= bands["caution_from"] else "ok"
    result.reps.append(Rep(1, stance, round(value, 1), 0.0, verdict, 0.0, "a still picture: one moment, not a rep"))
    result.worst = 1
    return result
