"""Import speed, measured against the full FIT decoders a user would otherwise pick.

Run: python benchmarks/import_bench.py [--activities 2000]

1. The FIT part of ../shared/corpus/activities: kneecheck's summary read against a full decode of
   the same bytes with fitdecode and with garmin-fit-sdk, in MB/s and as a ratio.
2. A synthetic Strava-style export: real corpus files copied N times, each copy shifted in time
   (so that every copy is a new activity), gzipped, with an activities.csv, imported into a fresh
   database; then imported again (nothing new). Wall time and peak memory of each.

A benchmark, not a test: it prints figures and never fails.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import gzip
import io
import re
import resource
import struct
import subprocess
import sys
import tempfile
import time
import warnings
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import fastcrc

from kneecheck.importers import read_activities

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "activities"
FIT_EPOCH_OFFSET = 631065600


def fit_files() -> list[tuple[str, bytes]]:
    files = []
    for path in sorted((CORPUS / "fit").iterdir()):
        data = path.read_bytes()
        files.append((path.name, gzip.decompress(data) if path.suffix == ".gz" else data))
    return files


def timed(label: str, work, total_bytes: int) -> float:
    start = time.perf_counter()
    work()
    seconds = time.perf_counter() - start
    print(f"  {label:<28} {seconds * 1000:9.1f} ms  {total_bytes / 1e6 / seconds:8.1f} MB/s")
    return seconds


def bench_fit() -> None:
    import fitdecode
    from garmin_fit_sdk import Decoder, Stream

    warnings.simplefilter("ignore")  # fitdecode warns about the corpus's odd files
    files = fit_files()
    total = sum(len(d) for _, d in files)
    print(f"FIT corpus: {len(files)} files, {total / 1e6:.1f} MB")

    def ours() -> None:
        for name, data in files:
            with contextlib.suppress(ValueError):
                read_activities(name, data)

    def with_fitdecode() -> None:
        for _, data in files:
            try:
                with fitdecode.FitReader(io.BytesIO(data), check_crc=fitdecode.CrcCheck.DISABLED) as reader:
                    for _frame in reader:
                        pass
            except Exception:  # corrupt corpus files are expected to fail
                pass

    def with_garmin() -> None:
        for _, data in files:
            Decoder(Stream.from_byte_array(bytearray(data))).read()

    ours_s = timed("kneecheck summary scan", ours, total)
    fd_s = timed("fitdecode full decode", with_fitdecode, total)
    gs_s = timed("garmin-fit-sdk full decode", with_garmin, total)
    fastest = min(fd_s, gs_s)
    print(f"  ratio to the faster full decoder: {fastest / ours_s:.0f}x (bar: at least 50x)")


# ------------------------------------------------------------------ synthetic export
def shift_fit(data: bytes, seconds: int) -> bytes:
    """Move every date_time in file_id, session and lap messages by `seconds`; fix the CRC."""
    out = bytearray(data)
    header = out[0]
    (size,) = struct.unpack_from("<I", out, 4)
    pos, end = header, header + size
    definitions: dict[int, tuple[int, str, list[tuple[int, int]]]] = {}
    wanted = {0: {4}, 18: {2, 253}, 19: {2, 253}, 34: {253, 5}}
    while pos < end:
        h = out[pos]
        if h & 0x80:
            local = (h >> 5) & 3
        elif h & 0x40:
            endian = ">" if out[pos + 2] == 1 else "<"
            (number,) = struct.unpack_from(endian + "H", out, pos + 3)
            count = out[pos + 5]
            offset, fields = 0, []
            for i in range(count):
                field, fsize, _ = out[pos + 6 + 3 * i : pos + 9 + 3 * i]
                if field in wanted.get(number, ()) and fsize == 4:
                    fields.append((offset, field))
                offset += fsize
            nxt = pos + 6 + 3 * count
            if h & 0x20:
                dev = out[nxt]
                offset += sum(out[nxt + 1 + 3 * i + 1] for i in range(dev))
                nxt += 1 + 3 * dev
            definitions[h & 0x0F] = (offset, endian, fields)
            pos = nxt
            continue
        else:
            local = h & 0x0F
        length, endian, fields = definitions[local]
        for offset, _ in fields:
            (value,) = struct.unpack_from(endian + "I", out, pos + 1 + offset)
            if 0x10000000 <= value < 0xFFFFFFFF:
                struct.pack_into(endian + "I", out, pos + 1 + offset, value + seconds)
        pos += 1 + length
    struct.pack_into("<H", out, end, fastcrc.crc16.arc(bytes(out[:end])))
    return bytes(out[: end + 2])


ISO = re.compile(rb"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})")


def shift_xml(data: bytes, seconds: int) -> bytes:
    def move(match: re.Match[bytes]) -> bytes:
        moment = datetime.fromisoformat(match.group(1).decode()) + timedelta(seconds=seconds)
        return moment.strftime("%Y-%m-%dT%H:%M:%S").encode()

    return ISO.sub(move, data)


def build_export(folder: Path, count: int) -> Path:
    sources = []
    for name in (
        "activity-small-fenix2-run.fit",
        "garmin-edge-500-activity.fit",
        "sample-activity.fit",
        "Edge810-Vector-2013-08-16-15-35-10.fit",
        "developer-types-sample.fit",
    ):
        sources.append(("fit", (CORPUS / "fit" / name).read_bytes()))
    sources.append(("gpx", (CORPUS / "gpx" / "cerknicko-jezero.gpx").read_bytes()))
    sources.append(("tcx", (CORPUS / "tcx" / "sup_activity_1.tcx").read_bytes()))
    archive = folder / "export.zip"
    rows = []
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_STORED) as z:
        for i in range(count):
            kind, data = sources[i % len(sources)]
            shift = (i // len(sources)) * 86400 + 3600 * (i % len(sources))
            shifted = shift_fit(data, shift) if kind == "fit" else shift_xml(data, shift)
            name = f"activities/{1000 + i}.{kind}.gz"
            z.writestr(name, gzip.compress(shifted, compresslevel=1, mtime=0))
            rows.append(
                {
                    "Activity ID": 1000 + i,
                    "Activity Name": f"Session {i}",
                    "Activity Type": "Run" if kind != "fit" else "",
                    "Filename": name,
                    "Activity Gear": "Trainers A" if i % 2 else "Trainers B",
                }
            )
        text = io.StringIO()
        writer = csv.DictWriter(text, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
        z.writestr("activities.csv", text.getvalue())
    return archive


def run_import(db: Path, archive: Path) -> tuple[float, float, str]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_SNIPPET, str(db), str(archive)], capture_output=True, text=True, check=True
    )
    seconds = time.perf_counter() - start
    peak_mb, summary = done.stdout.strip().split(" ", 1)
    return seconds, float(peak_mb), summary


IMPORT_SNIPPET = """
import resource, sys
from pathlib import Path
from kneecheck.store import Store
from kneecheck.importers import import_paths
with Store(sys.argv[1]) as s:
    r = import_paths(s, s.athlete(), [Path(sys.argv[2])]).as_json()
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(max(own, children) / 1024, {k: len(v) for k, v in r.items()})
"""


def bench_export(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        archive = build_export(folder, count)
        print(f"synthetic Strava export: {count} activities, {archive.stat().st_size / 1e6:.1f} MB zip")
        db = folder / "bench.sqlite3"
        seconds, peak, summary = run_import(db, archive)
        print(f"  first import:  {seconds:6.2f} s  peak memory {peak:6.0f} MB (largest process)  {summary}")
        seconds, peak, summary = run_import(db, archive)
        print(f"  second import: {seconds:6.2f} s  peak memory {peak:6.0f} MB  {summary}")
        print("  bars: first under 15 s and 300 MB; second under 3 s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--activities", type=int, default=2000)
    args = parser.parse_args()
    bench_fit()
    bench_export(args.activities)
    _ = resource  # imported for the snippet's sake


if __name__ == "__main__":
    main()
