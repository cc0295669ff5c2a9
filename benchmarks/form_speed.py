"""How long the form check takes on a real 30 fps clip, against decoding the same frames alone
(OpenCV, the floor any pose pipeline starts from). Target: a 10-second clip in about 10 seconds on a
2-core machine. Run: python benchmarks/form_speed.py [CLIP]"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from kneecheck.form import check_form

CLIP = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "form" / "sls_front_good_and_bad_a.mp4"


def decode_only(path: Path) -> tuple[int, float]:
    import cv2

    began = time.perf_counter()
    capture = cv2.VideoCapture(str(path))
    frames = 0
    while capture.read()[0]:
        frames += 1
    capture.release()
    return frames, time.perf_counter() - began


def main() -> None:
    clip = Path(sys.argv[1]) if len(sys.argv) > 1 else CLIP
    frames, decoding = decode_only(clip)
    began = time.perf_counter()
    result = check_form(clip)
    checking = time.perf_counter() - began
    seconds = frames / 30
    print(f"{clip.name}: {frames} frames ({seconds:.1f} s of video)")
    print(f"decode only (OpenCV): {decoding:.2f} s")
    print(f"form check (MediaPipe pose, complexity 1, 640 px): {checking:.2f} s "
          f"= {checking / decoding:.1f} x decoding, {checking / seconds:.2f} s per second of video")  # fmt: skip
    print(f"reps: {[(r.index, r.fppa_deg, r.verdict) for r in result.reps]}")


if __name__ == "__main__":
    main()
