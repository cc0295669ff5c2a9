"""The form check: the geometry and the rep logic on landmark sequences built by hand, then the real
clips in ../shared/corpus/form (skipped with a message when that folder or the pose model is
missing), and files that must be refused."""

from __future__ import annotations

import importlib.util
import json
import math
from pathlib import Path

import pytest
from conftest import ROOT, kneecheck

from kneecheck.form import Frame, analyse, signed_fppa

BANDS = {"caution_from": 10.0, "flagged_from": 15.0}
FORM = ROOT.parent / "shared" / "corpus" / "form"
HAVE_POSE = importlib.util.find_spec("mediapipe") is not None


# ------------------------------------------------------------------ landmarks built by hand
def pose(hip_drop: float, inward_deg: float = 0.0, *, stance: str = "right", t: float = 0.0,
         hip_width: float = 80.0, thigh_scale: float = 1.0, visible: float = 1.0) -> Frame:  # fmt: skip
    """A person facing the camera (their right leg on the image's left), 100 px thighs and
    shins; the stance knee pushed towards the midline by `inward_deg`."""
    joints = {}
    for side, x in (("right", 300.0 - hip_width / 2), ("left", 300.0 + hip_width / 2)):
        hip = (x, 200.0 + hip_drop)
        ankle = (x, 400.0 if side == stance else 400.0 - hip_drop)  # the free foot lifts
        tilt = inward_deg if side == stance else 0.0
        medial = 1 if side == "right" else -1  # towards the image centre
        span = ankle[1] - hip[1]
        bend = math.tan(math.radians(tilt / 2)) * span / 2
        knee = (x + medial * bend, hip[1] + span / 2 * thigh_scale)
        joints[f"{side}_hip"] = (*hip, visible)
        joints[f"{side}_knee"] = (*knee, visible)
        joints[f"{side}_ankle"] = (*ankle, visible)
    return Frame(t, joints)


def squats(depths_and_angles: list[tuple[float, float]], fps: float = 30.0, **kw) -> list[Frame]:
    frames, t = [], 0.0
    for depth, angle in depths_and_angles:
        for k in range(30):  # one second per rep: down and up
            phase = math.sin(math.pi * k / 29)
            frames.append(pose(depth * phase, angle * phase, t=t, **kw))
            t += 1 / fps
        for _ in range(10):
            frames.append(pose(0.0, t=t, **kw))
            t += 1 / fps
    return frames


def test_the_angle_is_zero_for_a_straight_leg_positive_inward_negative_outward():
    hip, ankle, other = (100.0, 0.0, 1.0), (100.0, 200.0, 1.0), (180.0, 0.0, 1.0)
    assert signed_fppa(hip, (100.0, 100.0, 1.0), ankle, other) == pytest.approx(0.0)
    inward = signed_fppa(hip, (120.0, 100.0, 1.0), ankle, other)  # towards the other hip
    outward = signed_fppa(hip, (80.0, 100.0, 1.0), ankle, other)
    assert inward == pytest.approx(2 * math.degrees(math.atan(20 / 100)), abs=0.01) and outward == pytest.approx(
        -inward
    )


def test_each_rep_is_found_and_only_the_collapsing_one_is_flagged():
    result = analyse(squats([(50, 4), (50, 25), (50, 5)]), "single_leg_squat", BANDS)
    assert result.refused is None
    assert [r.verdict for r in result.reps] == ["ok", "flagged", "ok"]
    assert [r.leg for r in result.reps] == ["right", "right", "right"]
    assert result.reps[1].fppa_deg == pytest.approx(25, abs=2.5) and result.worst == 2


@pytest.mark.parametrize(
    ("frames", "reason"),
    [
        (squats([(50, 0)], hip_width=10), "filmed from the side"),
        ([pose(0, t=i / 30) for i in range(5)], "too few frames"),
        (squats([(50, 0)], visible=0.2), "not in view"),
        ([pose(0, t=i / 30) for i in range(60)], "no squat was found"),
    ],
    ids=["side view", "too short", "out of view", "standing still"],
)
def test_what_a_front_video_cannot_measure_is_refused_with_how_to_film_it(frames, reason):
    result = analyse(frames, "single_leg_squat", BANDS)
    assert result.refused is not None and reason in result.refused


def test_a_thigh_pointing_at_the_camera_is_not_measured():
    deep = squats([(50, 5)], thigh_scale=1.0) + [
        pose(60 * math.sin(math.pi * k / 29), 40, thigh_scale=0.3, t=2 + k / 30) for k in range(30)
    ]
    result = analyse(deep, "single_leg_squat", BANDS)
    assert result.reps[-1].verdict == "not measured" and "too deep" in (result.reps[-1].note or "")


# ------------------------------------------------------------------ the real clips
real = pytest.mark.skipif(
    not (FORM.exists() and HAVE_POSE),
    reason="../shared/corpus/form or the pose model (pip install 'kneecheck[form]') is missing",
)


def check(name: str, exercise: str = "single_leg_squat"):
    from kneecheck.form import check_form

    return check_form(FORM / name, exercise)


@real
def test_the_bad_rep_is_flagged_and_the_good_one_is_not():
    result = check("sls_front_good_and_bad_a.mp4")
    verdicts = [r.verdict for r in result.reps]
    assert verdicts.count("flagged") == 1 and result.reps[result.worst - 1].verdict == "flagged"
    assert result.reps[result.worst - 1].leg == "right"


@real
@pytest.mark.parametrize("name", ["sls_front_man_good.mp4", "sls_front_woman.mp4", "sls_front_outdoor.mp4"])
def test_good_single_leg_squats_are_not_flagged(name):
    result = check(name)
    assert result.refused is None and result.reps
    assert all(r.verdict != "flagged" for r in result.reps), [(r.fppa_deg, r.verdict) for r in result.reps]


@real
def test_the_still_of_a_knee_collapse_is_flagged():
    result = check("sls_knee_collapse_still.png")
    assert result.reps[0].verdict == "flagged" and result.reps[0].leg == "right"


@real
def test_the_side_view_clip_is_refused():
    assert "side" in (check("squat_side_view_mit.mp4", "squat").refused or "")


@real
def test_the_pistol_squats_deepest_frames_are_not_reported_as_huge_angles():
    result = check("sls_front_good_and_bad_b_pistol.mp4")
    assert all(r.fppa_deg is None or abs(r.fppa_deg) < 45 for r in result.reps)
    assert any(r.verdict == "not measured" or (r.note or "").startswith("read a little above") for r in result.reps)


@real
def test_the_command_gives_json_pictures_and_keeps_the_result(tmp_path):
    db = str(tmp_path / "k.db")
    done = kneecheck(
        "form", str(FORM / "sls_front_good_and_bad_a.mp4"), "--db", db, "--out", str(tmp_path / "out"), "--json"
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["refused"] is None and result["flagged"] == 1
    assert {Path(p).name for p in result["files"]} == {"form-angle.png", "form-worst-rep.png"}
    assert all(set(r) >= {"index", "leg", "fppa_deg", "depth", "verdict"} for r in result["reps"])
    kept = json.loads(kneecheck("export", "--db", db).stdout)["form_checks"]
    assert kept[0]["file_name"] == "sls_front_good_and_bad_a.mp4"


# ------------------------------------------------------------------ files that must be refused
@pytest.mark.skipif(not HAVE_POSE, reason="the pose model (pip install 'kneecheck[form]') is missing")
@pytest.mark.parametrize("kind", ["empty", "text", "two hours"])
def test_files_that_are_not_short_videos_are_refused_by_name(tmp_path, kind):
    import cv2
    import numpy as np

    path = tmp_path / "clip.mp4"
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "text":
        path.write_text("not a video at all")
    else:  # a tiny video that says it lasts two hours (1 frame a second)
        writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), 1, (16, 16))
        for _ in range(7300):
            writer.write(np.zeros((16, 16, 3), dtype=np.uint8))
        writer.release()
    done = kneecheck("form", str(path), "--no-save")
    assert done.returncode == 2 and "clip.mp4" in done.stderr, done.stderr
    assert "internal error" not in done.stderr
