"""The embedded database: SQLite in WAL mode, with numbered migrations from the first release on.

Every write that belongs together runs in one transaction (`with store.transaction():`), so a
crash or a bad file leaves nothing half-written.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs

from kneecheck.diary import PainEntry
from kneecheck.load import HeartRateProfile, Session, Shoe

DEFAULT_ATHLETE = "me"

# Each migration takes the schema from version i to i + 1. Never edit one that has shipped.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE athletes (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        time_zone TEXT NOT NULL DEFAULT 'UTC',
        created_utc TEXT NOT NULL
    );
    CREATE TABLE shoes (
        id INTEGER PRIMARY KEY,
        athlete_id INTEGER NOT NULL REFERENCES athletes(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        initial_km REAL NOT NULL DEFAULT 0 CHECK (initial_km >= 0),
        default_for_sport TEXT,
        surface TEXT,
        retired INTEGER NOT NULL DEFAULT 0,
        UNIQUE (athlete_id, name)
    );
    CREATE TABLE imported_files (
        athlete_id INTEGER NOT NULL REFERENCES athletes(id) ON DELETE CASCADE,
        sha256 TEXT NOT NULL,
        name TEXT NOT NULL,
        imported_utc TEXT NOT NULL,
        PRIMARY KEY (athlete_id, sha256)
    );
    CREATE TABLE activities (
        id INTEGER PRIMARY KEY,
        athlete_id INTEGER NOT NULL REFERENCES athletes(id) ON DELETE CASCADE,
        sport TEXT NOT NULL,
        source_sport TEXT,
        name TEXT,
        start_utc TEXT NOT NULL,
        local_date TEXT NOT NULL,
        elapsed_s REAL,
        moving_s REAL,
        distance_m REAL,
        ascent_m REAL,
        descent_m REAL,
        avg_heart_rate REAL,
        rpe INTEGER CHECK (rpe BETWEEN 1 AND 10),
        shoe_id INTEGER REFERENCES shoes(id) ON DELETE SET NULL,
        surface TEXT,
        source_file TEXT,
        file_sha256 TEXT
    );
    CREATE INDEX activities_by_start ON activities (athlete_id, start_utc);
    CREATE INDEX activities_by_day ON activities (athlete_id, local_date);
    """,
    # 2: accounts for the multi-user server
    """
    CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        password_hash TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('athlete', 'coach')),
        athlete_id INTEGER NOT NULL UNIQUE REFERENCES athletes(id) ON DELETE CASCADE,
        created_utc TEXT NOT NULL
    );
    CREATE TABLE sessions (
        token_sha256 TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        csrf_token TEXT NOT NULL,
        expires_utc TEXT NOT NULL
    );
    CREATE TABLE grants (
        athlete_id INTEGER NOT NULL REFERENCES athletes(id) ON DELETE CASCADE,
        coach_user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        granted_utc TEXT NOT NULL,
        PRIMARY KEY (athlete_id, coach_user_id)
    );
    CREATE TABLE login_failures (
        key TEXT NOT NULL,
        at_utc TEXT NOT NULL
    );
    CREATE INDEX login_failures_by_key ON login_failures (key, at_utc);
    """,
    # 3: gear by kind - shoes wear on runs and walks, a bike named as gear is not a pair of shoes
    """
    ALTER TABLE shoes ADD COLUMN kind TEXT NOT NULL DEFAULT 'shoes' CHECK (kind IN ('shoes', 'bike'));
    """,
    # 4: a local date the person gave (a hand entry) is kept when the athlete's time zone changes
    """
    ALTER TABLE activities ADD COLUMN local_date_given INTEGER NOT NULL DEFAULT 0;
    UPDATE activities SET local_date_given = 1 WHERE source_file = 'manual';
    """,
    # 5: the heart rates that turn an average heart rate into a training load (TRIMP)
    """
    ALTER TABLE athletes ADD COLUMN hr_rest REAL CHECK (hr_rest BETWEEN 25 AND 120);
    ALTER TABLE athletes ADD COLUMN hr_max REAL CHECK (hr_max BETWEEN 100 AND 240);
    ALTER TABLE athletes ADD COLUMN sex TEXT CHECK (sex IN ('female', 'male'));
    """,
    # 6: the pain diary, and assessments kept with their answers, text and knowledge version
    """
    CREATE TABLE diary (
        id INTEGER PRIMARY KEY,
        athlete_id INTEGER NOT NULL REFERENCES athletes(id) ON DELETE CASCADE,
        at_utc TEXT NOT NULL,
        pain_now INTEGER NOT NULL CHECK (pain_now BETWEEN 0 AND 10),
        pain_worst_24h INTEGER CHECK (pain_worst_24h BETWEEN 0 AND 10),
        entry TEXT NOT NULL
    );
    CREATE INDEX diary_by_time ON diary (athlete_id, at_utc);
    CREATE TABLE assessments (
        id INTEGER PRIMARY KEY,
        athlete_id INTEGER NOT NULL REFERENCES athletes(id) ON DELETE CASCADE,
        at_utc TEXT NOT NULL,
        answers TEXT NOT NULL,
        text TEXT,
        knowledge_version TEXT NOT NULL,
        urgency TEXT NOT NULL,
        top_condition TEXT,
        result TEXT NOT NULL
    );
    CREATE INDEX assessments_by_time ON assessments (athlete_id, at_utc);
    """,
    # 7: the prevention and return-to-activity plan
    """
    CREATE TABLE plans (
        id INTEGER PRIMARY KEY,
        athlete_id INTEGER NOT NULL REFERENCES athletes(id) ON DELETE CASCADE,
        made_utc TEXT NOT NULL,
        plan TEXT NOT NULL
    );
    """,
    # 8: form checks (the knee's inward collapse in squats, rep by rep)
    """
    CREATE TABLE form_checks (
        id INTEGER PRIMARY KEY,
        athlete_id INTEGER NOT NULL REFERENCES athletes(id) ON DELETE CASCADE,
        at_utc TEXT NOT NULL,
        file_name TEXT NOT NULL,
        result TEXT NOT NULL
    );
    """,
    # 9: a grant names what the coach may see: the training load only, or health records too
    """
    ALTER TABLE grants ADD COLUMN scope TEXT NOT NULL DEFAULT 'load' CHECK (scope IN ('load', 'health'));
    """,
    # 10: a pair's distance is summed from its activities (without this, a scan of every activity)
    """
    CREATE INDEX activities_by_shoe ON activities (shoe_id);
    """,
    # 11: a counter on each athlete that every change to their records moves on, so that a row
    # computed from them (the coach's list) can be kept until they change
    "ALTER TABLE athletes ADD COLUMN data_version INTEGER NOT NULL DEFAULT 0;\n"
    + "\n".join(
        f"CREATE TRIGGER {table}_{event.lower()}_moves_version AFTER {event} ON {table} BEGIN "
        f"UPDATE athletes SET data_version = data_version + 1 WHERE id IN ({rows}); END;"
        for table in ("activities", "shoes", "diary", "assessments")
        for event, rows in (
            ("INSERT", "NEW.athlete_id"),
            ("UPDATE", "OLD.athlete_id, NEW.athlete_id"),
            ("DELETE", "OLD.athlete_id"),
        )
    ),
]
FOOT_SPORTS = ("running", "walking", "hiking")
"""The sports whose distance wears a pair of shoes."""
GEAR_KIND = {"cycling": "bike"}
"""Gear named on an activity of this sport is of this kind (shoes otherwise)."""


def default_db_path() -> Path:
    """`KNEECHECK_DB`, else kneecheck.sqlite3 in the platform's user data folder."""
    chosen = os.environ.get("KNEECHECK_DB")
    if chosen:
        return Path(chosen)
    return Path(platformdirs.user_data_dir("kneecheck", appauthor=False)) / "kneecheck.sqlite3"


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Athlete:
    id: int
    name: str
    time_zone: str


class Store:
    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA busy_timeout=5000")
        self._use_wal()
        self.db.execute("PRAGMA foreign_keys=ON")
        self._migrate()

    def _use_wal(self) -> None:
        """Switch to write-ahead logging. On a new database opened by several connections at once
        the switch can report 'locked' without waiting (SQLite does not use the busy handler for
        it), so it is tried again for a few seconds; once one connection has switched, it is done."""
        for attempt in range(100):
            try:
                self.db.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or attempt == 99:
                    raise
                time.sleep(0.05)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        if self.schema_version >= len(MIGRATIONS):
            return
        # the version is read again under the write lock: connections opened at the same moment on a
        # new database (a server's first requests) must not both apply the same migration
        with self.transaction():
            for version in range(self.schema_version, len(MIGRATIONS)):
                for statement in _statements(MIGRATIONS[version]):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {version + 1}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic unit of work: all of it is stored, or none of it."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def athlete(self, name: str = DEFAULT_ATHLETE, time_zone: str | None = None) -> Athlete:
        """The athlete of this name, created on first use."""
        found = self.find_athlete(name)
        if found is not None:
            return found
        with self.transaction():
            cursor = self.db.execute(
                "INSERT INTO athletes (name, time_zone, created_utc) VALUES (?, ?, ?)",
                (name, time_zone or local_time_zone(), utc_now()),
            )
        return Athlete(int(cursor.lastrowid or 0), name, time_zone or local_time_zone())

    def find_athlete(self, name: str) -> Athlete | None:
        """The athlete of this name, without creating one."""
        row = self.db.execute("SELECT id, name, time_zone FROM athletes WHERE name = ?", (name,)).fetchone()
        return None if row is None else Athlete(int(row["id"]), row["name"], row["time_zone"])

    def sessions(self, athlete: Athlete, since: date | None = None) -> list[Session]:
        """The stored activities of an athlete (from `since`, if given), as load-metric sessions
        (surface from the shoe when the activity has none)."""
        rows = self.db.execute(
            """SELECT a.local_date, a.sport, COALESCE(a.moving_s, a.elapsed_s, 0) AS duration_s,
                      a.distance_m, a.descent_m, a.rpe, COALESCE(a.surface, s.surface) AS surface,
                      CASE WHEN s.kind = 'shoes' THEN s.name END AS shoe, a.avg_heart_rate
               FROM activities a LEFT JOIN shoes s ON s.id = a.shoe_id
               WHERE a.athlete_id = ? AND a.local_date >= ? ORDER BY a.start_utc""",
            (athlete.id, (since or date.min).isoformat()),
        )
        return [
            Session(
                local_date=date.fromisoformat(r["local_date"]),
                sport=r["sport"],
                duration_s=float(r["duration_s"]),
                distance_m=r["distance_m"],
                descent_m=r["descent_m"],
                rpe=r["rpe"],
                surface=r["surface"],
                shoe=r["shoe"],
                avg_hr=r["avg_heart_rate"],
            )
            for r in rows
        ]

    def heart_rate_profile(self, athlete: Athlete) -> HeartRateProfile | None:
        """The athlete's resting and maximum heart rate, if both were given."""
        row = self.db.execute("SELECT hr_rest, hr_max, sex FROM athletes WHERE id = ?", (athlete.id,)).fetchone()
        if row is None or row["hr_rest"] is None or row["hr_max"] is None:
            return None
        return HeartRateProfile(float(row["hr_rest"]), float(row["hr_max"]), female=row["sex"] == "female")

    def set_heart_rate_profile(
        self, athlete: Athlete, *, resting: float | None, maximum: float | None, sex: str | None
    ) -> None:
        """Set what is given (None keeps the stored value). ValueError for impossible values."""
        if resting is not None and not 25 <= resting <= 120:
            raise ValueError("a resting heart rate is between 25 and 120 beats a minute")
        if maximum is not None and not 100 <= maximum <= 240:
            raise ValueError("a maximum heart rate is between 100 and 240 beats a minute")
        if sex is not None and sex not in ("female", "male"):
            raise ValueError("sex is female or male (it sets the TRIMP constants)")
        with self.transaction() as db:
            db.execute(
                "UPDATE athletes SET hr_rest = COALESCE(?, hr_rest), hr_max = COALESCE(?, hr_max),"
                " sex = COALESCE(?, sex) WHERE id = ?",
                (resting, maximum, sex, athlete.id),
            )

    def workout_span(self, athlete: Athlete) -> tuple[int, date, date] | None:
        """How many workouts are stored, and the first and last day, or None when there are none."""
        row = self.db.execute(
            "SELECT count(*), MIN(local_date), MAX(local_date) FROM activities WHERE athlete_id = ?", (athlete.id,)
        ).fetchone()
        if not row[0]:
            return None
        return int(row[0]), date.fromisoformat(row[1]), date.fromisoformat(row[2])

    def has_sessions_before(self, athlete: Athlete, day: date) -> bool:
        row = self.db.execute(
            "SELECT 1 FROM activities WHERE athlete_id = ? AND local_date < ? LIMIT 1", (athlete.id, day.isoformat())
        ).fetchone()
        return row is not None

    def shoes(self, athlete: Athlete) -> list[Shoe]:
        rows = self.db.execute(
            f"""SELECT s.name, s.initial_km, s.retired,
                      s.initial_km + COALESCE(SUM(a.distance_m), 0) / 1000.0 AS distance_km
               FROM shoes s LEFT JOIN activities a
                 ON a.shoe_id = s.id AND a.sport IN ({", ".join("?" * len(FOOT_SPORTS))})
               WHERE s.athlete_id = ? AND s.kind = 'shoes' GROUP BY s.id ORDER BY s.name""",
            (*FOOT_SPORTS, athlete.id),
        )
        return [Shoe(r["name"], float(r["distance_km"]), float(r["initial_km"]), bool(r["retired"])) for r in rows]

    def add_session(
        self,
        athlete: Athlete,
        *,
        sport: str,
        source_sport: str,
        day: date,
        minutes: float,
        distance_km: float | None = None,
        rpe: int | None = None,
        shoes: str | None = None,
        surface: str | None = None,
    ) -> None:
        """Store one session entered by hand (noon on its local day), creating its shoes if new."""
        with self.transaction() as db:
            shoe_id = None
            if shoes:
                db.execute("INSERT OR IGNORE INTO shoes (athlete_id, name) VALUES (?, ?)", (athlete.id, shoes))
                shoe_id = db.execute(
                    "SELECT id FROM shoes WHERE athlete_id = ? AND name = ?", (athlete.id, shoes)
                ).fetchone()[0]
            db.execute(
                """INSERT INTO activities (athlete_id, sport, source_sport, start_utc, local_date,
                   elapsed_s, moving_s, distance_m, rpe, shoe_id, surface, source_file, local_date_given)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'manual', 1)""",
                (
                    athlete.id,
                    sport,
                    source_sport,
                    f"{day.isoformat()}T12:00:00Z",
                    day.isoformat(),
                    minutes * 60,
                    minutes * 60,
                    distance_km * 1000 if distance_km is not None else None,
                    rpe,
                    shoe_id,
                    surface,
                ),
            )

    def set_time_zone(self, athlete: Athlete, zone: str) -> tuple[Athlete, int]:
        """Give the athlete a time zone (an IANA name such as Europe/Berlin) and move each stored
        activity to the local date its start time has there, except dates the person gave by hand.
        Returns the athlete and how many activities changed date. ValueError for an unknown zone."""
        try:
            tz = ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{zone!r} is not a time zone name such as Europe/Berlin or America/New_York") from None
        moved = 0
        with self.transaction() as db:
            db.execute("UPDATE athletes SET time_zone = ? WHERE id = ?", (zone, athlete.id))
            rows = db.execute(
                "SELECT id, start_utc, local_date FROM activities WHERE athlete_id = ? AND local_date_given = 0",
                (athlete.id,),
            ).fetchall()
            for row in rows:
                day = datetime.fromisoformat(row["start_utc"]).astimezone(tz).date().isoformat()
                if day != row["local_date"]:
                    db.execute("UPDATE activities SET local_date = ? WHERE id = ?", (day, row["id"]))
                    moved += 1
        return Athlete(athlete.id, athlete.name, zone), moved

    def activities(self, athlete: Athlete, limit: int) -> list[dict[str, Any]]:
        """The most recent activities, newest first, with the source file's base name."""
        rows = self.db.execute(
            """SELECT id, local_date, start_utc, sport, distance_m, moving_s, elapsed_s, rpe, surface, source_file
               FROM activities WHERE athlete_id = ? ORDER BY start_utc DESC LIMIT ?""",
            (athlete.id, limit),
        )
        return [{**dict(r), "source_file": Path(r["source_file"] or "").name or None} for r in rows]

    def delete_activity(self, athlete: Athlete, activity_id: int) -> bool:
        with self.transaction() as db:
            gone = db.execute(
                "DELETE FROM activities WHERE id = ? AND athlete_id = ?", (activity_id, athlete.id)
            ).rowcount
        return bool(gone)

    def export(self, athlete: Athlete) -> dict[str, Any]:
        """Everything stored about one athlete."""
        tables = {
            table: [dict(r) for r in self.db.execute(f"SELECT * FROM {table} WHERE athlete_id = ?", (athlete.id,))]
            for table in ("activities", "shoes", "imported_files", "diary", "assessments", "plans", "form_checks")
        }
        return {"athlete": {"id": athlete.id, "name": athlete.name, "time_zone": athlete.time_zone}, **tables}

    # ------------------------------------------------------------------ the pain diary
    def add_entry(self, athlete: Athlete, entry: PainEntry) -> PainEntry:
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO diary (athlete_id, at_utc, pain_now, pain_worst_24h, entry) VALUES (?, ?, ?, ?, ?)",
                (athlete.id, _stamp(entry.at), entry.pain_now, entry.pain_worst_24h, entry.model_dump_json()),
            )
        return entry.model_copy(update={"id": int(cursor.lastrowid or 0)})

    def update_entry(self, athlete: Athlete, entry: PainEntry) -> bool:
        with self.transaction() as db:
            changed = db.execute(
                "UPDATE diary SET at_utc = ?, pain_now = ?, pain_worst_24h = ?, entry = ?"
                " WHERE id = ? AND athlete_id = ?",
                (_stamp(entry.at), entry.pain_now, entry.pain_worst_24h, entry.model_dump_json(), entry.id, athlete.id),
            ).rowcount
        return bool(changed)

    def delete_entry(self, athlete: Athlete, entry_id: int) -> bool:
        with self.transaction() as db:
            gone = db.execute("DELETE FROM diary WHERE id = ? AND athlete_id = ?", (entry_id, athlete.id)).rowcount
        return bool(gone)

    def entries(self, athlete: Athlete) -> list[PainEntry]:
        """The athlete's diary, oldest first."""
        rows = self.db.execute(
            "SELECT id, entry FROM diary WHERE athlete_id = ? ORDER BY at_utc, id", (athlete.id,)
        ).fetchall()
        return [PainEntry.model_validate_json(r["entry"]).model_copy(update={"id": r["id"]}) for r in rows]

    def data_versions(self, athletes: list[Athlete]) -> dict[int, int]:
        """Each athlete's change counter: it moves on with every change to their activities, shoes,
        diary or assessments."""
        found: dict[int, int] = {}
        for start in range(0, len(athletes), 500):  # within SQLite's limit on parameters
            chunk = [a.id for a in athletes[start : start + 500]]
            found.update(
                self.db.execute(
                    f"SELECT id, data_version FROM athletes WHERE id IN ({', '.join('?' * len(chunk))})", chunk
                ).fetchall()
            )
        return found

    def latest_health(self, athlete: Athlete) -> tuple[str | None, int | None]:
        """The latest assessment's urgency and the latest diary entry's pain, where there are any."""
        kept = self.db.execute(
            "SELECT urgency FROM assessments WHERE athlete_id = ? ORDER BY at_utc DESC, id DESC LIMIT 1", (athlete.id,)
        ).fetchone()
        pain = self.db.execute(
            "SELECT pain_now FROM diary WHERE athlete_id = ? ORDER BY at_utc DESC, id DESC LIMIT 1", (athlete.id,)
        ).fetchone()
        return (kept["urgency"] if kept else None, pain["pain_now"] if pain else None)

    def entry(self, athlete: Athlete, entry_id: int) -> PainEntry | None:
        return next((e for e in self.entries(athlete) if e.id == entry_id), None)

    # ------------------------------------------------------------------ assessments
    def save_assessment(
        self, athlete: Athlete, answers: dict[str, Any], result: Any, text: str | None, at: datetime | None = None
    ) -> int:
        """Keep an assessment with the answers and text it came from and the knowledge version."""
        top = result.conditions[0].id if result.conditions else None
        with self.transaction() as db:
            cursor = db.execute(
                """INSERT INTO assessments (athlete_id, at_utc, answers, text, knowledge_version, urgency,
                   top_condition, result) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    athlete.id,
                    _stamp(at or datetime.now(UTC)),
                    json.dumps(answers, sort_keys=True),
                    text,
                    result.knowledge_version,
                    result.urgency,
                    top,
                    result.model_dump_json(),
                ),
            )
        return int(cursor.lastrowid or 0)

    def assessment_result(self, assessment_id: int) -> str:
        """The kept result of one assessment, as the JSON it was stored as."""
        return str(self.db.execute("SELECT result FROM assessments WHERE id = ?", (assessment_id,)).fetchone()[0])

    def assessments(self, athlete: Athlete) -> list[dict[str, Any]]:
        """The athlete's assessments, newest first: when, answers, text, knowledge version, urgency."""
        rows = self.db.execute(
            """SELECT id, at_utc, answers, text, knowledge_version, urgency, top_condition FROM assessments
               WHERE athlete_id = ? ORDER BY at_utc DESC, id DESC""",
            (athlete.id,),
        ).fetchall()
        return [{**dict(r), "answers": json.loads(r["answers"])} for r in rows]

    # ------------------------------------------------------------------ plans
    def save_plan(self, athlete: Athlete, plan: dict[str, Any], plan_id: int | None = None) -> int:
        """Keep a plan (a new one, or the one `plan_id` names after an update)."""
        with self.transaction() as db:
            if plan_id is not None:
                db.execute(
                    "UPDATE plans SET plan = ? WHERE id = ? AND athlete_id = ?", (json.dumps(plan), plan_id, athlete.id)
                )
                return plan_id
            cursor = db.execute(
                "INSERT INTO plans (athlete_id, made_utc, plan) VALUES (?, ?, ?)",
                (athlete.id, utc_now(), json.dumps(plan)),
            )
        return int(cursor.lastrowid or 0)

    def latest_plan(self, athlete: Athlete) -> tuple[int, dict[str, Any]] | None:
        row = self.db.execute(
            "SELECT id, plan FROM plans WHERE athlete_id = ? ORDER BY id DESC LIMIT 1", (athlete.id,)
        ).fetchone()
        return None if row is None else (int(row["id"]), json.loads(row["plan"]))

    # ------------------------------------------------------------------ form checks
    def save_form_check(self, athlete: Athlete, file_name: str, result: dict[str, Any]) -> int:
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO form_checks (athlete_id, at_utc, file_name, result) VALUES (?, ?, ?, ?)",
                (athlete.id, utc_now(), file_name, json.dumps(result)),
            )
        return int(cursor.lastrowid or 0)

    def form_checks(self, athlete: Athlete) -> list[dict[str, Any]]:
        """The form checks, newest first."""
        rows = self.db.execute(
            "SELECT id, at_utc, file_name, result FROM form_checks WHERE athlete_id = ? ORDER BY id DESC",
            (athlete.id,),
        ).fetchall()
        return [{**dict(r), "result": json.loads(r["result"])} for r in rows]

    def delete_athlete(self, athlete: Athlete) -> None:
        """Delete an athlete and everything stored about them (account included)."""
        with self.transaction() as db:
            db.execute("DELETE FROM athletes WHERE id = ?", (athlete.id,))
        self.db.execute("VACUUM")  # so the deleted data does not linger in free pages

    def save_shoes(
        self,
        athlete: Athlete,
        name: str,
        initial_km: float = 0.0,
        default_for: str | None = None,
        surface: str | None = None,
    ) -> None:
        """Add a pair of shoes or update it; `default_for` makes it the pair new workouts of that
        sport get on import (taking the role from any other pair)."""
        with self.transaction() as db:
            if default_for:
                db.execute(
                    "UPDATE shoes SET default_for_sport = NULL WHERE athlete_id = ? AND default_for_sport = ?",
                    (athlete.id, default_for),
                )
            db.execute(
                """INSERT INTO shoes (athlete_id, name, initial_km, default_for_sport, surface) VALUES (?, ?, ?, ?, ?)
                   ON CONFLICT (athlete_id, name) DO UPDATE SET initial_km = excluded.initial_km,
                   default_for_sport = excluded.default_for_sport, surface = excluded.surface""",
                (athlete.id, name, initial_km, default_for, surface),
            )

    def retire_shoes(self, athlete: Athlete, name: str) -> bool:
        """Retire a pair: its history stays, it is no longer assigned or warned about."""
        with self.transaction() as db:
            changed = db.execute(
                "UPDATE shoes SET retired = 1, default_for_sport = NULL WHERE athlete_id = ? AND name = ?",
                (athlete.id, name),
            ).rowcount
        return bool(changed)


def _statements(script: str) -> list[str]:
    """The statements of a script, whole (a trigger's body has semicolons of its own)."""
    statements, pending = [], ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if pending.strip():
        statements.append(pending.strip())
    return statements


def local_time_zone() -> str:
    """The machine's IANA time zone name, or UTC when it cannot be told."""
    if os.environ.get("TZ"):
        return os.environ["TZ"].lstrip(":")
    try:
        target = os.path.realpath("/etc/localtime")
        if "zoneinfo/" in target:
            return target.split("zoneinfo/", 1)[1]
    except OSError:
        pass
    return "UTC"
