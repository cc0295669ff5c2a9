"""`activities.csv` of a Strava bulk export, in any of its languages.

The export's columns come in a fixed order, in the person's language: a display block (0-14:
id, date, name, type, description, elapsed time, distance in the person's display units with a
decimal comma in many languages, ..., gear, file name) and then a machine block (15 on: elapsed
time, moving time, distance in metres, ...) that repeats some names. So the file is read by
position, never by name (a dict keyed by name keeps the last "Distance", in metres, and a
translated header has no English names at all). Short files with English names only (older
exports, hand-made files) are read by name. The activity date is in UTC.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime

ID, DATE, NAME, TYPE, ELAPSED, DISPLAY_DISTANCE, GEAR, FILENAME = 0, 1, 2, 3, 5, 6, 11, 12
MACHINE_ELAPSED, MACHINE_MOVING, MACHINE_DISTANCE = 15, 16, 17
FULL_LAYOUT_COLUMNS = 18

ENGLISH_NAMES = {
    "activity id": "id", "activity date": "date", "activity name": "name", "activity type": "type",
    "elapsed time": "elapsed", "moving time": "moving", "distance": "distance", "activity gear": "gear",
    "filename": "filename",
}  # fmt: skip

# Month names and abbreviations in the export's languages (English, German, French, Spanish,
# Italian, Dutch, Portuguese, Czech): the first letters are enough.
MONTHS = {
    "jan": 1, "ene": 1, "gen": 1, "led": 1,
    "feb": 2, "fév": 2, "fev": 2, "úno": 2,
    "mar": 3, "mär": 3, "mrt": 3, "bře": 3,
    "apr": 4, "avr": 4, "abr": 4, "dub": 4,
    "may": 5, "mai": 5, "mei": 5, "mag": 5, "kvě": 5,
    "jun": 6, "jui": 6, "juin": 6, "giu": 6, "čer": 6,
    "jul": 7, "juil": 7, "lug": 7, "čvc": 7,
    "aug": 8, "aoû": 8, "aou": 8, "ago": 8, "srp": 8,
    "sep": 9, "set": 9, "zář": 9,
    "oct": 10, "okt": 10, "out": 10, "ott": 10, "říj": 10,
    "nov": 11, "lis": 11,
    "dec": 12, "dez": 12, "déc": 12, "dic": 12, "pro": 12,
}  # fmt: skip

# Sport as the export names it in its languages -> the English type the importer maps.
TYPES = {
    "lauf": "run", "course à pied": "run", "course": "run", "carrera": "run", "corsa": "run",
    "hardloopsessie": "run", "hardlopen": "run", "corrida": "run", "běh": "run",
    "radfahrt": "ride", "sortie à vélo": "ride", "vélo": "ride", "bicicleta": "ride", "ciclismo": "ride",
    "giro in bici": "ride", "bici": "ride", "fietsrit": "ride", "pedalada": "ride", "jízda": "ride",
    "spaziergang": "walk", "marche": "walk", "caminata": "walk", "camminata": "walk", "wandeling": "walk",
    "caminhada": "walk", "chůze": "walk",
    "wanderung": "hike", "randonnée": "hike", "excursionismo": "hike", "senderismo": "hike",
    "escursionismo": "hike", "wandelen": "hike", "trilha": "hike", "turistika": "hike",
    "schwimmen": "swim", "natation": "swim", "natación": "swim", "nuoto": "swim", "zwemmen": "swim",
    "natação": "swim", "plavání": "swim",
    "krafttraining": "weight training", "musculation": "weight training", "posilování": "weight training",
}  # fmt: skip


@dataclass(frozen=True)
class StravaRow:
    line: int
    start_utc: datetime | None  # None: the date could not be read
    date_text: str
    name: str | None
    type: str | None
    gear: str | None
    filename: str | None
    elapsed_s: float | None
    moving_s: float | None
    distance_m: float | None
    distance_note: str | None = None


def read_rows(data: bytes) -> list[StravaRow]:
    """Every row of activities.csv (blank lines skipped)."""
    text = data.decode("utf-8-sig", errors="replace")
    table = list(csv.reader(io.StringIO(text)))
    if not table:
        return []
    header = [h.strip() for h in table[0]]
    by_name = {ENGLISH_NAMES[h.lower()]: i for i, h in reversed(list(enumerate(header))) if h.lower() in ENGLISH_NAMES}
    positional = len(header) >= FULL_LAYOUT_COLUMNS
    return [
        _row(line, values, positional, by_name)
        for line, values in enumerate(table[1:], start=2)
        if any(v.strip() for v in values)
    ]


def _row(line: int, values: list[str], positional: bool, by_name: dict[str, int]) -> StravaRow:
    def at(index: int | None) -> str:
        return values[index].strip() if index is not None and index < len(values) else ""

    def column(name: str, position: int) -> str:
        return at(position if positional else by_name.get(name))

    start = parse_date(column("date", DATE))
    elapsed = number(at(MACHINE_ELAPSED)) if positional else None
    elapsed = elapsed if elapsed is not None else number(column("elapsed", ELAPSED))
    moving = number(at(MACHINE_MOVING)) if positional else number(at(by_name.get("moving")))
    metres = number(at(MACHINE_DISTANCE)) if positional else None
    note = None
    if metres is None:
        display = number(column("distance", DISPLAY_DISTANCE))
        # without the metric column the display unit is unknown: km is the export's default
        metres = display * 1000 if display is not None else None
        if display:
            note = "distance read as km (the export has no metric distance column)"
    kind = column("type", TYPE)
    return StravaRow(
        line=line,
        start_utc=start,
        date_text=column("date", DATE),
        name=column("name", NAME) or None,
        type=TYPES.get(kind.lower(), kind) or None,
        gear=column("gear", GEAR) or None,
        filename=column("filename", FILENAME) or None,
        elapsed_s=elapsed,
        moving_s=moving,
        distance_m=metres,
        distance_note=note,
    )


def number(text: str) -> float | None:
    """'4.11', '33,22' (decimal comma), '1,024.5' or '1.024,5' (thousands), '' -> None."""
    text = text.strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    if "," in text and "." in text:
        text = text.replace(",", "") if text.rfind(".") > text.rfind(",") else text.replace(".", "").replace(",", ".")
    elif "," in text:
        head, _, tail = text.rpartition(",")
        text = f"{head.replace(',', '')}.{tail}" if len(tail) != 3 else head.replace(",", "") + tail
    try:
        return float(text)
    except ValueError:
        return None


def parse_date(text: str) -> datetime | None:
    """A Strava export date in any of its languages, as UTC: 'Aug 15, 2015, 2:45:08 PM',
    '6. 9. 2026 11:18:40', '15 août 2015 à 14:45:08', '2015-08-15 14:45:08'."""
    low = text.lower()
    words = re.findall(r"[^\W\d_]+", low)
    numbers = [int(n) for n in re.findall(r"\d+", low)]
    month = next((MONTHS.get(w[:4]) or MONTHS[w[:3]] for w in words if w[:4] in MONTHS or w[:3] in MONTHS), None)
    pm = "pm" in words or "p" in words
    am = "am" in words or "a" in words
    try:
        if re.match(r"\s*\d{4}-\d{1,2}-\d{1,2}", low):  # ISO
            year, month_n, day, *clock = numbers
        elif month is not None:  # a month name: the numbers are day, year and the clock
            year = next(n for n in numbers if n >= 1000)
            rest = list(numbers)
            rest.remove(year)
            (day, *clock), month_n = rest, month
        else:  # numbers only: day, month, year (the languages that write the month as a number)
            day, month_n, year, *clock = numbers
        hour, minute, second = [*clock, 0, 0, 0][:3]
        moment = datetime(year, month_n, day, hour, minute, second)
    except (ValueError, StopIteration, TypeError):
        return None
    if pm and moment.hour < 12:
        moment = moment.replace(hour=moment.hour + 12)
    elif am and moment.hour == 12:
        moment = moment.replace(hour=0)
    return moment.replace(tzinfo=UTC)
