"""A fast FIT summary scanner: file type and session totals, without decoding the records.

It walks the definition messages, decodes only file_id (0) and session (18) messages, and skips
every other message by its size. The whole-file CRC is checked in one call (fastcrc), so a
corrupt file is refused before anything is read from it. Chained FIT files (several FIT files
concatenated) are read part by part; every part must be intact.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import fastcrc

FIT_EPOCH = datetime(1989, 12, 31, tzinfo=UTC)
SYSTEM_TIME_LIMIT = 0x10000000  # date_time values below this count seconds since power-on

FILE_ID, SESSION, ACTIVITY, RECORD, SPORT = 0, 18, 34, 20, 12

FILE_TYPES = {
    1: "device", 2: "settings", 3: "sport", 4: "activity", 5: "workout", 6: "course",
    7: "schedules", 9: "weight", 10: "totals", 11: "goals", 14: "blood_pressure",
    15: "monitoring_a", 20: "activity_summary", 28: "monitoring_daily", 32: "monitoring_b",
    34: "segment", 35: "segment_list", 40: "exd_configuration",
}  # fmt: skip

SPORTS = {
    0: "generic", 1: "running", 2: "cycling", 3: "transition", 4: "fitness_equipment",
    5: "swimming", 6: "basketball", 7: "soccer", 8: "tennis", 9: "american_football",
    10: "training", 11: "walking", 12: "cross_country_skiing", 13: "alpine_skiing",
    14: "snowboarding", 15: "rowing", 16: "mountaineering", 17: "hiking", 18: "multisport",
    19: "paddling", 20: "flying", 21: "e_biking", 22: "motorcycling", 23: "boating",
    24: "driving", 25: "golf", 26: "hang_gliding", 27: "horseback_riding", 28: "hunting",
    29: "fishing", 30: "inline_skating", 31: "rock_climbing", 32: "sailing", 33: "ice_skating",
    34: "sky_diving", 35: "snowshoeing", 36: "snowmobiling", 37: "stand_up_paddleboarding",
    38: "surfing", 39: "wakeboarding", 40: "water_skiing", 41: "kayaking", 42: "rafting",
    43: "windsurfing", 44: "kitesurfing", 45: "tactical", 46: "jumpmaster", 47: "boxing",
    48: "floor_climbing", 53: "diving", 62: "hiit", 64: "racket", 76: "water_tubing",
    77: "wakesurfing", 80: "mixed_martial_arts", 82: "snorkeling", 83: "dance",
    84: "jump_rope",
}  # fmt: skip

# base type number (low 5 bits) -> (struct code, size, invalid value)
_BASE_TYPES: dict[int, tuple[str, int, int | float | None]] = {
    0: ("B", 1, 0xFF), 1: ("b", 1, 0x7F), 2: ("B", 1, 0xFF), 3: ("h", 2, 0x7FFF),
    4: ("H", 2, 0xFFFF), 5: ("i", 4, 0x7FFFFFFF), 6: ("I", 4, 0xFFFFFFFF), 10: ("B", 1, 0),
    11: ("H", 2, 0), 12: ("I", 4, 0), 13: ("B", 1, 0xFF), 14: ("q", 8, 0x7FFFFFFFFFFFFFFF),
    15: ("Q", 8, 0xFFFFFFFFFFFFFFFF), 16: ("Q", 8, 0), 8: ("f", 4, None), 9: ("d", 8, None),
}  # fmt: skip

# session field number -> (name, scale)
_SESSION_FIELDS = {
    2: ("start_time", 1), 5: ("sport", 1), 6: ("sub_sport", 1), 7: ("total_elapsed_time", 1000),
    8: ("total_timer_time", 1000), 9: ("total_distance", 100), 16: ("avg_heart_rate", 1),
    22: ("total_ascent", 1), 23: ("total_descent", 1), 253: ("timestamp", 1),
}  # fmt: skip
_FILE_ID_FIELDS = {0: ("type", 1), 4: ("time_created", 1)}
_ACTIVITY_FIELDS = {253: ("timestamp", 1), 5: ("local_timestamp", 1)}
_RECORD_FIELDS = {253: ("timestamp", 1), 5: ("distance", 100)}
_SPORT_FIELDS = {0: ("sport", 1)}


class FitError(ValueError):
    """The file is not a readable FIT file; the message says why, for a person."""


RUNNING_SURFACES = {1: "treadmill", 2: "road_or_concrete", 3: "trail", 4: "track"}  # sub_sport


@dataclass
class FitSession:
    sport: str | None = None
    sub_sport: int | None = None
    start_time: datetime | None = None
    timestamp: datetime | None = None
    total_elapsed_time: float | None = None
    total_timer_time: float | None = None
    total_distance: float | None = None
    total_ascent: float | None = None
    total_descent: float | None = None
    avg_heart_rate: float | None = None


@dataclass
class FitSummary:
    file_type: str | None = None
    time_created: datetime | None = None
    sessions: list[FitSession] = field(default_factory=list)
    parts: int = 0
    utc_offset_s: int | None = None
    """The activity message's local_timestamp minus its timestamp: the device's zone offset."""
    partial: bool = False
    """The file ends early (a watch that stopped mid-activity): read up to its last whole message."""
    sport: str | None = None  # from the sport message, for a salvaged part without a session
    record_times: list[datetime] = field(default_factory=list)
    record_distance_m: float | None = None


@dataclass
class _Definition:
    global_number: int
    size: int
    # (field number, offset, struct format) for the fields we decode
    wanted: list[tuple[int, int, str, int | float | None]]


def scan_fit(data: bytes) -> FitSummary:
    """Summarise a FIT file (possibly chained). Raises FitError for anything unreadable."""
    summary = FitSummary()
    offset = 0
    while offset < len(data):
        offset = _scan_part(data, offset, summary)
        summary.parts += 1
    if summary.parts == 0:
        raise FitError("empty file")
    return summary


def _scan_part(data: bytes, start: int, summary: FitSummary) -> int:
    part = f" in chained part {summary.parts + 1}" if summary.parts else ""
    if len(data) - start < 12:
        raise FitError(f"truncated FIT header{part} at byte {start}")
    header_size = data[start]
    if header_size not in (12, 14) or data[start + 8 : start + 12] != b".FIT":
        raise FitError(f"not a FIT header{part} at byte {start}")
    data_size = int(struct.unpack_from("<I", data, start + 4)[0])
    end = start + header_size + data_size
    if header_size == 14:
        (header_crc,) = struct.unpack_from("<H", data, start + 12)
        if header_crc and fastcrc.crc16.arc(data[start : start + 12]) != header_crc:
            raise FitError(f"header checksum mismatch{part}")
    if data_size == 0:
        raise FitError(f"FIT header{part} announces no data")
    if end + 2 > len(data):
        # cut short (a watch that died mid-run): what was written before the cut is still readable
        summary.partial = True
        sessions_before = len(summary.sessions)
        summary.record_times, summary.record_distance_m = [], None
        _walk_records(data, start + header_size, len(data), summary, part, salvage=True)
        if len(summary.sessions) == sessions_before and len(summary.record_times) >= 2:
            first, last = summary.record_times[0], summary.record_times[-1]
            seconds = (last - first).total_seconds()
            summary.sessions.append(
                FitSession(sport=summary.sport, start_time=first, timestamp=last, total_elapsed_time=seconds,
                           total_timer_time=seconds, total_distance=summary.record_distance_m)
            )  # fmt: skip
        if not summary.sessions:  # an earlier whole part may hold the activity
            raise FitError(
                f"truncated FIT file{part} (header says {end + 2 - start:,} bytes, file has {len(data) - start:,})"
                " and nothing readable before the cut"
            )
        return len(data)
    if int(fastcrc.crc16.arc(data[start : end + 2])) != 0:
        raise FitError(f"file checksum mismatch{part}: the file is corrupt")
    _walk_records(data, start + header_size, end, summary, part)
    return end + 2


def _walk_records(data: bytes, pos: int, end: int, summary: FitSummary, part: str, salvage: bool = False) -> None:
    """Decode the messages kneecheck uses. `salvage`: the data is cut short, so stop at the first
    message that runs past the cut instead of refusing the file."""
    definitions: dict[int, _Definition] = {}
    while pos < end:
        header = data[pos]
        if header & 0x80:  # compressed timestamp header: a data message
            local = (header >> 5) & 0x03
        elif header & 0x40:  # definition message
            try:
                pos = _read_definition(data, pos, end, header, definitions, part)
            except FitError:
                if salvage:
                    return
                raise
            continue
        else:
            local = header & 0x0F
        definition = definitions.get(local)
        if definition is None:
            raise FitError(f"data message for undefined local type {local} at byte {pos}{part}")
        if pos + 1 + definition.size > end:
            if salvage:
                return
            raise FitError(f"message runs past the end of the data at byte {pos}{part}")
        # records (every second of the activity) are read only to salvage a file cut short: a whole
        # file's session says everything the summary needs
        wanted = definition.global_number in (FILE_ID, SESSION, ACTIVITY, SPORT) or (
            salvage and definition.global_number == RECORD
        )
        if wanted and definition.wanted:
            values = _decode(data, pos + 1, definition)
            if definition.global_number == RECORD:
                stamp = values.get(253)
                if stamp is not None and stamp >= SYSTEM_TIME_LIMIT:
                    summary.record_times.append(FIT_EPOCH + timedelta(seconds=int(stamp)))
                if values.get(5) is not None:
                    summary.record_distance_m = values[5] / 100
            elif definition.global_number == SPORT:
                if values.get(0) is not None:
                    summary.sport = SPORTS.get(int(values[0]), f"sport_{int(values[0])}")
            elif definition.global_number == ACTIVITY:
                stamp, local_stamp = values.get(253), values.get(5)
                if stamp is not None and local_stamp is not None and stamp >= SYSTEM_TIME_LIMIT:
                    offset = int(local_stamp - stamp)
                    summary.utc_offset_s = offset if abs(offset) <= 14 * 3600 else None
            elif definition.global_number == SESSION:
                summary.sessions.append(_session(values))
            else:
                file_type = values.get(0)
                summary.file_type = (
                    FILE_TYPES.get(int(file_type), str(file_type)) if file_type is not None else summary.file_type
                )
                created = values.get(4)
                if created is not None and created >= SYSTEM_TIME_LIMIT:
                    summary.time_created = FIT_EPOCH + timedelta(seconds=created)
        pos += 1 + definition.size


def _read_definition(
    data: bytes, pos: int, end: int, header: int, definitions: dict[int, _Definition], part: str
) -> int:
    if pos + 6 > end:
        raise FitError(f"truncated definition message at byte {pos}{part}")
    big_endian = data[pos + 2] == 1
    endian = ">" if big_endian else "<"
    (global_number,) = struct.unpack_from(endian + "H", data, pos + 3)
    count = data[pos + 5]
    fields_at = pos + 6
    next_pos = fields_at + 3 * count
    if next_pos > end:
        raise FitError(f"truncated definition message at byte {pos}{part}")
    names = {
        SESSION: _SESSION_FIELDS, FILE_ID: _FILE_ID_FIELDS, ACTIVITY: _ACTIVITY_FIELDS,
        RECORD: _RECORD_FIELDS, SPORT: _SPORT_FIELDS,
    }.get(global_number, {})  # fmt: skip
    size = 0
    wanted = []
    for i in range(count):
        number, field_size, base_type = data[fields_at + 3 * i : fields_at + 3 * i + 3]
        spec = _BASE_TYPES.get(base_type & 0x1F)
        if number in names and spec is not None and spec[1] == field_size:
            wanted.append((number, size, endian + spec[0], spec[2]))
        size += field_size
    if header & 0x20:  # developer fields follow
        if next_pos + 1 > end:
            raise FitError(f"truncated definition message at byte {pos}{part}")
        dev_count = data[next_pos]
        dev_at = next_pos + 1
        next_pos = dev_at + 3 * dev_count
        if next_pos > end:
            raise FitError(f"truncated definition message at byte {pos}{part}")
        size += sum(data[dev_at + 3 * i + 1] for i in range(dev_count))
    definitions[header & 0x0F] = _Definition(global_number, size, wanted)
    return next_pos


def _decode(data: bytes, pos: int, definition: _Definition) -> dict[int, int | float]:
    values: dict[int, int | float] = {}
    for number, offset, fmt, invalid in definition.wanted:
        (value,) = struct.unpack_from(fmt, data, pos + offset)
        if value != invalid and value == value:  # the second test drops NaN floats
            values[number] = value
    return values


def _session(values: dict[int, int | float]) -> FitSession:
    session = FitSession()
    for number, (name, scale) in _SESSION_FIELDS.items():
        if number not in values:
            continue
        value = values[number]
        if name in ("start_time", "timestamp"):
            if value >= SYSTEM_TIME_LIMIT:  # below it the device clock was not set
                setattr(session, name, FIT_EPOCH + timedelta(seconds=int(value)))
        elif name == "sport":
            session.sport = SPORTS.get(int(value), f"sport_{int(value)}")
        elif name == "sub_sport":
            session.sub_sport = int(value)
        else:
            setattr(session, name, value / scale)
    return session
