"""Accounts for the multi-user server: argon2id passwords, sessions, grants, login rate limits."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from kneecheck.store import Athlete, Store
from kneecheck.store._sqlite import utc_now

HASHER = PasswordHasher()  # argon2id with the library's current recommended parameters
SESSION_DAYS = 14
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
MAX_SIGNUPS = 5  # new accounts per client address ...
SIGNUP_WINDOW = timedelta(hours=1)  # ... in this window
MIN_PASSWORD, MAX_PASSWORD = 10, 200
USERNAME = re.compile(r"[A-Za-z0-9_.-]{3,40}")  # matched whole (fullmatch): "alice\n" is not "alice"


class AccountError(ValueError):
    """A problem a person can fix (taken username, weak password, wrong login)."""


class TooManyAttempts(AccountError):
    pass


@dataclass(frozen=True)
class User:
    id: int
    username: str
    role: str
    athlete: Athlete


@dataclass(frozen=True)
class SessionInfo:
    user: User
    csrf_token: str


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _check_password_length(password: str) -> None:
    if len(password) > MAX_PASSWORD:
        raise AccountError(f"a password has at most {MAX_PASSWORD} characters")


def create_user(
    db: Store,
    username: str,
    password: str,
    role: str = "athlete",
    client: str | None = None,
    signups_per_hour: int = MAX_SIGNUPS,
    time_zone: str | None = None,
) -> User:
    """A new account. `client` (the address asking, for sign-ups over the web) is throttled.
    `time_zone`: the browser's, when it names a real zone (UTC otherwise)."""
    if not USERNAME.fullmatch(username):
        raise AccountError("a username has 3-40 letters, digits, dots, dashes or underscores")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"a password needs at least {MIN_PASSWORD} characters")
    _check_password_length(password)
    if client is not None:
        _count_attempt(
            db, f"signup|{client}", SIGNUP_WINDOW, signups_per_hour, "too many new accounts from here; try later"
        )
    if role not in ("athlete", "coach"):
        raise AccountError("role must be athlete or coach")
    if db.db.execute("SELECT 1 FROM users WHERE username = ?", (username,)).fetchone():
        raise AccountError("that username is taken")
    zone = _zone_or_utc(time_zone)
    with db.transaction() as tx:
        athlete_id = tx.execute(
            "INSERT INTO athletes (name, time_zone, created_utc) VALUES (?, ?, ?)",
            (f"user:{username}", zone, utc_now()),
        ).lastrowid
        user_id = tx.execute(
            "INSERT INTO users (username, password_hash, role, athlete_id, created_utc) VALUES (?, ?, ?, ?, ?)",
            (username, HASHER.hash(password), role, athlete_id, utc_now()),
        ).lastrowid
    return User(int(user_id or 0), username, role, Athlete(int(athlete_id or 0), f"user:{username}", zone))


def _zone_or_utc(name: str | None) -> str:
    """The browser's time zone for a new account when it names a real one; UTC otherwise."""
    if not name:
        return "UTC"
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return "UTC"
    return name


def _user(db: Store, where: str, value: object) -> User | None:
    row = db.db.execute(
        f"""SELECT u.id, u.username, u.role, a.id AS athlete_id, a.name, a.time_zone
            FROM users u JOIN athletes a ON a.id = u.athlete_id WHERE {where} = ?""",
        (value,),
    ).fetchone()
    if row is None:
        return None
    return User(row["id"], row["username"], row["role"], Athlete(row["athlete_id"], row["name"], row["time_zone"]))


def _count_attempt(db: Store, key: str, window: timedelta, limit: int, message: str) -> None:
    """Count this attempt before doing the work it asks for, in one write transaction, so that
    attempts arriving in parallel cannot all pass the check before any of them is recorded."""
    since = _stamp(datetime.now(UTC) - window)
    with db.transaction() as tx:
        used = tx.execute("SELECT count(*) FROM login_failures WHERE key = ? AND at_utc > ?", (key, since)).fetchone()[
            0
        ]
        if used >= limit:
            raise TooManyAttempts(message)
        tx.execute("INSERT INTO login_failures (key, at_utc) VALUES (?, ?)", (key, utc_now()))


def log_in(db: Store, username: str, password: str, client: str) -> tuple[str, str]:
    """Check the password; return (session token, csrf token). Rate-limited per username and client:
    every attempt is counted before the password is checked, and a success clears the count."""
    _check_password_length(password)
    key = f"{username.lower()}|{client}"
    _count_attempt(db, key, FAILURE_WINDOW, MAX_FAILURES, "too many failed logins; wait 15 minutes and try again")
    row = db.db.execute("SELECT id, password_hash FROM users WHERE username = ?", (username,)).fetchone()
    ok = False
    if row is not None:
        try:
            ok = HASHER.verify(row["password_hash"], password)
        except (VerificationError, InvalidHashError):
            ok = False
    else:
        HASHER.hash(password)  # same work for unknown names, so timing does not reveal them
    if not ok:
        raise AccountError("wrong username or password")  # the attempt stays counted
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
    with db.transaction() as tx:
        tx.execute("DELETE FROM login_failures WHERE key = ?", (key,))
        tx.execute(
            "INSERT INTO sessions (token_sha256, user_id, csrf_token, expires_utc) VALUES (?, ?, ?, ?)",
            (_digest(token), row["id"], csrf, _stamp(datetime.now(UTC) + timedelta(days=SESSION_DAYS))),
        )
    return token, csrf


def session(db: Store, token: str | None) -> SessionInfo | None:
    if not token:
        return None
    row = db.db.execute(
        "SELECT user_id, csrf_token, expires_utc FROM sessions WHERE token_sha256 = ?", (_digest(token),)
    ).fetchone()
    if row is None or row["expires_utc"] < utc_now():
        return None
    user = _user(db, "u.id", row["user_id"])
    return SessionInfo(user, row["csrf_token"]) if user else None


def log_out(db: Store, token: str | None) -> None:
    if token:
        with db.transaction() as tx:
            tx.execute("DELETE FROM sessions WHERE token_sha256 = ?", (_digest(token),))


SCOPES = ("load", "health")
"""What a grant lets a coach read: 'load' (workouts, the load report, gear) or 'health' (that and the
assessments, diary, why-now, report, plan and form checks)."""


def grant(db: Store, athlete: User, coach_username: str, scope: str = "load") -> None:
    coach = _user(db, "u.username", coach_username)
    if coach is None or coach.role != "coach":
        raise AccountError(f"there is no coach called {coach_username}")
    if scope not in SCOPES:
        raise AccountError("a grant's scope is 'load' or 'health'")
    with db.transaction() as tx:
        tx.execute(
            """INSERT INTO grants (athlete_id, coach_user_id, granted_utc, scope) VALUES (?, ?, ?, ?)
               ON CONFLICT (athlete_id, coach_user_id) DO UPDATE SET scope = excluded.scope""",
            (athlete.athlete.id, coach.id, utc_now(), scope),
        )


def revoke(db: Store, athlete: User, coach_username: str) -> None:
    coach = _user(db, "u.username", coach_username)
    if coach is not None:
        with db.transaction() as tx:
            tx.execute("DELETE FROM grants WHERE athlete_id = ? AND coach_user_id = ?", (athlete.athlete.id, coach.id))


def coached_athlete(db: Store, coach: User, username: str) -> tuple[Athlete, str] | None:
    """The athlete's record and the grant's scope if `coach` may see it, else None."""
    other = _user(db, "u.username", username)
    if other is None or coach.role != "coach":
        return None
    row = db.db.execute(
        "SELECT scope FROM grants WHERE athlete_id = ? AND coach_user_id = ?", (other.athlete.id, coach.id)
    ).fetchone()
    return (other.athlete, row["scope"]) if row else None


def coaches(db: Store) -> list[User]:
    """Every coach account."""
    ids = [row[0] for row in db.db.execute("SELECT id FROM users WHERE role = 'coach' ORDER BY id").fetchall()]
    return [user for user in (_user(db, "u.id", i) for i in ids) if user is not None]


def coached_athletes(db: Store, coach: User) -> list[tuple[str, Athlete, str]]:
    """Every athlete who granted `coach` access: (username, athlete, scope), by name."""
    if coach.role != "coach":
        return []
    rows = db.db.execute(
        """SELECT u.username, a.id, a.name, a.time_zone, g.scope FROM grants g
           JOIN users u ON u.athlete_id = g.athlete_id JOIN athletes a ON a.id = g.athlete_id
           WHERE g.coach_user_id = ? ORDER BY u.username""",
        (coach.id,),
    ).fetchall()
    return [(r["username"], Athlete(int(r["id"]), r["name"], r["time_zone"]), r["scope"]) for r in rows]


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
