"""Video and pictures in, pose landmarks out: MediaPipe's legacy pose solution, whose model
(complexity 1) ships inside the mediapipe 0.10.21 wheel, so nothing is downloaded. Optional:
`pip install 'kneecheck[form]'`."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kneecheck.form._analysis import Frame

MAX_BYTES = 300 * 1024 * 1024
MAX_SECONDS = 120.0
LONGEST_SIDE = 640
LANDMARKS = {"left_hip": 23, "right_hip": 24, "left_knee": 25, "right_knee": 26, "left_ankle": 27, "right_ankle": 28}
PICTURES = (".png", ".jpg", ".jpeg", ".webp")


class FormUnavailable(RuntimeError):
    """The optional pose model is not installed."""


class MediaProblem(ValueError):
    """A file that cannot be read as a video or picture; the message says why."""


def _modules() -> tuple[Any, Any]:
    # quiet the decoders and the pose graph: their chatter is not for the person
    os.environ.setdefault("OPENCV_LOG_LEVEL", "ERROR")
    os.environ.setdefault("OPENCV_FFMPEG_LOGLEVEL", "-8")
    os.environ.setdefault("GLOG_minloglevel", "2")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    try:
        import cv2
        import mediapipe as mp  # type: ignore[import-untyped]
    except ImportError:
        raise FormUnavailable("the form check needs its optional parts: pip install 'kneecheck[form]'") from None
    return cv2, mp


def _frame(cv2: Any, pose: Any, image: Any, t: float) -> Frame | None:
    height, width = image.shape[:2]
    scale = LONGEST_SIDE / max(height, width)
    if scale < 1:
        image = cv2.resize(image, (int(width * scale), int(height * scale)))
        height, width = image.shape[:2]
    found = pose.process(cv2.cvtColor(image, cv2.COLOR_BGR2RGB))
    if found.pose_landmarks is None:
        return Frame(t, {})
    marks = found.pose_landmarks.landmark
    return Frame(
        t, {name: (marks[i].x * width, marks[i].y * height, marks[i].visibility) for name, i in LANDMARKS.items()}
    )


def read_picture(path: Path) -> tuple[Frame, Any]:
    cv2, mp = _modules()
    if not path.is_file() or path.stat().st_size == 0:
        raise MediaProblem(f"{path.name}: empty or missing file")
    image = cv2.imread(str(path))
    if image is None:
        raise MediaProblem(f"{path.name}: not a picture kneecheck can read")
    with mp.solutions.pose.Pose(static_image_mode=True, model_complexity=1) as pose:
        frame = _frame(cv2, pose, image, 0.0)
    assert frame is not None
    return frame, image


def read_video(path: Path, progress: Callable[[int, int], None] | None = None) -> tuple[list[Frame], float]:
    """Landmarks for every frame (up to MAX_SECONDS) and the frame rate. MediaProblem for what
    cannot be read or is too long."""
    cv2, mp = _modules()
    if not path.is_file() or path.stat().st_size == 0:
        raise MediaProblem(f"{path.name}: empty or missing file")
    if path.stat().st_size > MAX_BYTES:
        raise MediaProblem(f"{path.name}: larger than {MAX_BYTES // (1024 * 1024)} MB; trim it to the squats")
    capture = cv2.VideoCapture(str(path))
    if not capture.isOpened():
        raise MediaProblem(f"{path.name}: not a video kneecheck can read")
    fps = capture.get(cv2.CAP_PROP_FPS) or 30.0
    if not 1 <= fps <= 240:
        fps = 30.0
    count = int(capture.get(cv2.CAP_PROP_FRAME_COUNT) or 0)
    if count / fps > MAX_SECONDS:
        capture.release()
        raise MediaProblem(
            f"{path.name}: {count / fps / 60:.0f} minutes long; the form check reads up to "
            f"{MAX_SECONDS:.0f} seconds - trim it to a few squats"
        )
    frames: list[Frame] = []
    with mp.solutions.pose.Pose(static_image_mode=False, model_complexity=1) as pose:
        while len(frames) < MAX_SECONDS * fps:
            ok, image = capture.read()
            if not ok:
                break
            frame = _frame(cv2, pose, image, len(frames) / fps)
            if frame is not None:
                frames.append(frame)
            if progress:
                progress(len(frames), count)
    capture.release()
    if not frames:
        raise MediaProblem(f"{path.name}: no frames could be read (not a video, or a damaged one)")
    return frames, fps


def landmarks_at(path: Path, t: float) -> tuple[Frame, Any] | None:
    """One picture (a still, or the video's frame at time t, resized like the analysis) and its
    landmarks, for the annotated picture."""
    cv2, mp = _modules()
    if path.suffix.lower() in PICTURES:
        image = cv2.imread(str(path))
    else:
        capture = cv2.VideoCapture(str(path))
        capture.set(cv2.CAP_PROP_POS_MSEC, t * 1000)
        ok, image = capture.read()
        capture.release()
        if not ok:
            return None
    if image is None:
        return None
    height, width = image.shape[:2]
    scale = LONGEST_SIDE / max(height, width)
    if scale < 1:
        image = cv2.resize(image, (int(width * scale), int(height * scale)))
    with mp.solutions.pose.Pose(static_image_mode=True, model_complexity=1) as pose:
        frame = _frame(cv2, pose, image, t)
    return (frame, image) if frame is not None else None
