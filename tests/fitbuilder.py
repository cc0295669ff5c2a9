"""Build small, valid FIT activity files for tests (file_id and session messages only)."""

from __future__ import annotations

import struct
from datetime import datetime

import fastcrc

FIT_EPOCH_UNIX = 631065600


def fit_time(moment: datetime) -> int:
    return int(moment.timestamp()) - FIT_EPOCH_UNIX


def build_fit(
    start: datetime,
    *,
    sport: int = 1,
    sub_sport: int = 0,
    timer_s: float = 1800,
    elapsed_s: float = 1850,
    distance_m: float = 5000,
    file_type: int = 4,
    samples: list[tuple[datetime, float]] | None = None,
    session: bool = True,
) -> bytes:
    """A minimal FIT activity: file_id, optional record messages (time, distance in metres),
    then a session message unless `session` is False."""
    records = bytearray()
    # definition, local 0 = file_id: type (enum)
    records += bytes([0x40, 0, 0]) + struct.pack("<H", 0) + bytes([1, 0, 1, 0x00])
    records += bytes([0x00, file_type])
    if samples:
        # definition, local 2 = record: timestamp, distance
        records += bytes([0x42, 0, 0]) + struct.pack("<H", 20) + bytes([2, 253, 4, 0x86, 5, 4, 0x86])
        for moment, metres in samples:
            records += bytes([0x02]) + struct.pack("<II", fit_time(moment), round(metres * 100))
    if not session:
        header = struct.pack("<BBHI4s", 12, 0x10, 2132, len(records), b".FIT")
        body = header + bytes(records)
        return body + struct.pack("<H", fastcrc.crc16.arc(body))
    # definition, local 1 = session: start_time, sport, sub_sport, elapsed, timer, distance
    fields = [(2, 4, 0x86), (5, 1, 0x00), (6, 1, 0x00), (7, 4, 0x86), (8, 4, 0x86), (9, 4, 0x86)]
    records += bytes([0x41, 0, 0]) + struct.pack("<H", 18) + bytes([len(fields)])
    for number, size, base in fields:
        records += bytes([number, size, base])
    records += bytes([0x01]) + struct.pack(
        "<IBBIII",
        fit_time(start),
        sport,
        sub_sport,
        round(elapsed_s * 1000),
        round(timer_s * 1000),
        round(distance_m * 100),
    )
    header = struct.pack("<BBHI4s", 12, 0x10, 2132, len(records), b".FIT")
    body = header + bytes(records)
    return body + struct.pack("<H", fastcrc.crc16.arc(body))
