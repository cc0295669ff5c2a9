"""GPX and TCX: streaming XML parsing behind defusedxml (no entities, no external references)."""

from __future__ import annotations

import io
import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException  # type: ignore[import-untyped]
from defusedxml.ElementTree import iterparse  # type: ignore[import-untyped]

from kneecheck.importers._summary import (
    ActivitySummary,
    ImportProblem,
    NotAnActivity,
    elevation_change,
)

EARTH_RADIUS_M = 6378.137 * 1000.0  # WGS-84 equatorial radius
ONE_DEGREE_M = 2 * math.pi * EARTH_RADIUS_M / 360
STOPPED_BELOW_KMH = 1.0  # the moving-time threshold of gpxpy, the reference GPX library


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _events(data: bytes) -> Iterator[tuple[str, Element]]:
    try:
        yield from iterparse(io.BytesIO(data), events=("start", "end"), forbid_dtd=True)
    except DefusedXmlException as error:
        raise ImportProblem(f"refused: the XML uses entities or a DTD ({type(error).__name__})") from None
    except ParseError as error:
        raise ImportProblem(f"not well-formed XML ({error})") from None


def _time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    # GPX and TCX times are UTC by their schemas: a time written without a zone is UTC, never the
    # zone of the machine that happens to read it
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _float(text: str | None) -> float | None:
    try:
        value = float(text) if text is not None else None
    except ValueError:
        return None
    return value if value is not None and math.isfinite(value) else None


# ------------------------------------------------------------------------------------------ GPX
@dataclass
class _Point:
    lat: float
    lon: float
    ele: float | None
    time: datetime | None


def _distance(a: _Point, b: _Point, use_elevation: bool) -> float:
    """Flat-earth distance for nearby points, haversine beyond 0.2 degrees (as gpxpy does)."""
    if abs(a.lat - b.lat) > 0.2 or abs(a.lon - b.lon) > 0.2:
        d_lat, d_lon = math.radians(b.lat - a.lat), math.radians(b.lon - a.lon)
        h = (
            math.sin(d_lat / 2) ** 2
            + math.cos(math.radians(a.lat)) * math.cos(math.radians(b.lat)) * math.sin(d_lon / 2) ** 2
        )
        return 2 * EARTH_RADIUS_M * math.atan2(math.sqrt(h), math.sqrt(1 - h))
    x = a.lat - b.lat
    y = (a.lon - b.lon) * math.cos(math.radians(a.lat))
    flat = math.sqrt(x * x + y * y) * ONE_DEGREE_M
    if not use_elevation or a.ele is None or b.ele is None or a.ele == b.ele:
        return flat
    return math.sqrt(flat**2 + (a.ele - b.ele) ** 2)


def parse_gpx(data: bytes) -> list[ActivitySummary]:
    segments: list[list[_Point]] = []
    sport: str | None = None
    in_track = False
    saw_route = False
    for event, element in _events(data):
        tag = _local(element.tag)
        if event == "start":
            if tag == "trk":
                in_track = True
            elif tag == "trkseg":
                segments.append([])
            continue
        if tag == "trkpt" and in_track and segments:
            lat, lon = _float(element.get("lat")), _float(element.get("lon"))
            if lat is None or lon is None:
                raise ImportProblem("a track point has no valid latitude or longitude")
            fields = {_local(child.tag): child.text for child in element}
            segments[-1].append(_Point(lat, lon, _float(fields.get("ele")), _time(fields.get("time"))))
            element.clear()
        elif tag == "type" and in_track and sport is None and element.text:
            sport = element.text.strip()
        elif tag == "trk":
            in_track = False
        elif tag == "rte":
            saw_route = True
    points = [p for segment in segments for p in segment]
    if not points:
        if saw_route:
            raise NotAnActivity("a planned route, not a recorded track")
        raise NotAnActivity("no track points")
    return [_gpx_summary(segments, points, sport)]


def _segment_span(segment: list[_Point]) -> float | None:
    """Recorded span of a segment; a missing first or last time falls back to its neighbour."""
    first = segment[0].time or segment[1].time
    last = segment[-1].time or segment[-2].time
    if first is None or last is None or last < first:
        return None
    return (last - first).total_seconds()


def _gpx_summary(segments: list[list[_Point]], points: list[_Point], sport: str | None) -> ActivitySummary:
    distance = moving = 0.0
    elapsed: float | None = 0.0
    for segment in segments:
        for a, b in itertools.pairwise(segment):
            distance += _distance(a, b, use_elevation=False)
            if a.time and b.time:
                seconds = (b.time - a.time).total_seconds()
                step = _distance(a, b, use_elevation=bool(a.ele) and bool(b.ele))
                if seconds > 0 and step and step / 1000 / (seconds / 3600) > STOPPED_BELOW_KMH:
                    moving += seconds
        if elapsed is not None and len(segment) >= 2:
            span = _segment_span(segment)
            elapsed = None if span is None else elapsed + span
    times = [p.time for p in points if p.time is not None]
    elevations = [p.ele for p in points if p.ele is not None]
    ascent, descent = elevation_change(elevations) if elevations else (None, None)
    return ActivitySummary(
        sport=sport,
        start_time_utc=min(times) if times else None,
        elapsed_s=elapsed if times else None,
        moving_s=moving,
        distance_m=distance,
        ascent_m=ascent,
        descent_m=descent,
        records=len(points),
        first_record_utc=min(times) if times else None,
        last_record_utc=max(times) if times else None,
    )


# ------------------------------------------------------------------------------------------ TCX
def parse_tcx(data: bytes) -> list[ActivitySummary]:
    activities: list[ActivitySummary] = []
    current: dict[str, Any] | None = None
    lap: dict[str, str | None] = {}
    path: list[str] = []
    for event, element in _events(data):
        tag = _local(element.tag)
        if event == "start":
            path.append(tag)
            if tag == "Activity":
                current = {
                    "sport": element.get("Sport"),
                    "laps": [],
                    "times": [],
                    "elevations": [],
                    "hr": [],
                }
            elif tag == "Lap" and current is not None:
                lap = {"start": element.get("StartTime")}
            continue
        path.pop()
        parent = path[-1] if path else ""
        if current is None:
            continue
        if parent == "Lap" and tag in ("TotalTimeSeconds", "DistanceMeters"):
            lap[tag] = element.text
        elif tag == "Lap":
            current["laps"].append(lap)
        elif tag == "Trackpoint":
            fields = {_local(child.tag): child for child in element}
            moment = _time(fields["Time"].text) if "Time" in fields else None
            if moment:
                current["times"].append(moment)
            elevation = _float(fields["AltitudeMeters"].text) if "AltitudeMeters" in fields else None
            if elevation is not None:
                current["elevations"].append(elevation)
            if "HeartRateBpm" in fields:
                values = [_float(v.text) for v in fields["HeartRateBpm"] if _local(v.tag) == "Value"]
                current["hr"] += [v for v in values if v]
            element.clear()
        elif tag == "Activity":
            activities.append(_tcx_summary(current))
            current = None
    if not activities:
        raise NotAnActivity("no Activity element")
    return activities


def _tcx_summary(activity: dict[str, Any]) -> ActivitySummary:
    laps = activity["laps"]
    if not laps:
        raise ImportProblem("an Activity has no laps")
    times: list[datetime] = activity["times"]
    starts = [_time(lap.get("start")) for lap in laps]
    timer = [_float(lap.get("TotalTimeSeconds")) for lap in laps]
    distance = [_float(lap.get("DistanceMeters")) for lap in laps]
    ascent, descent = elevation_change(activity["elevations"]) if activity["elevations"] else (None, None)
    hr = activity["hr"]
    return ActivitySummary(
        sport=activity["sport"],
        start_time_utc=starts[0] if starts[0] else (times[0] if times else None),
        elapsed_s=(times[-1] - times[0]).total_seconds() if len(times) > 1 else None,
        moving_s=sum(t for t in timer if t is not None) if any(t is not None for t in timer) else None,
        distance_m=sum(d for d in distance if d is not None) if any(d is not None for d in distance) else None,
        ascent_m=ascent,
        descent_m=descent,
        avg_heart_rate=sum(hr) / len(hr) if hr else None,
        records=len(times),
        first_record_utc=times[0] if times else None,
        last_record_utc=times[-1] if times else None,
    )
