"""Accounts for the multi-user server: argon2id passwords, sessions, grants, login rate limits."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from kneecheck.store import Athlete, Store
from kneecheck.store._sqlite import utc_now

HASHER = PasswordHasher()  # argon2id with the library's current recommended parameters
SESSION_DAYS = 14
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
USERNAME = re.compile(r"^[A-Za-z0-9_.-]{3,40}$")


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


def create_user(db: Store, username: str, password: str, role: str = "athlete") -> User:
    if not USERNAME.match(username):
        raise AccountError("a username has 3-40 letters, digits, dots, dashes or underscores")
    if len(password) < 10:
        raise AccountError("a password needs at least 10 characters")
    if role not in ("athlete", "coach"):
        raise AccountError("role must be athlete or coach")
    if db.db.execute("SELECT 1 FROM users WHERE username = ?", (username,)).fetchone():
        raise AccountError("that username is taken")
    with db.transaction() as tx:
        athlete_id = tx.execute(
            "INSERT INTO athletes (name, time_zone, created_utc) VALUES (?, 'UTC', ?)", (f"user:{username}", utc_now())
        ).lastrowid
        user_id = tx.execute(
            "INSERT INTO users (username, password_hash, role, athlete_id, created_utc) VALUES (?, ?, ?, ?, ?)",
            (username, HASHER.hash(password), role, athlete_id, utc_now()),
        ).lastrowid
    return User(int(user_id or 0), username, role, Athlete(int(athlete_id or 0), f"user:{username}", "UTC"))


def _user(db: Store, where: str, value: object) -> User | None:
    row = db.db.execute(
        f"""SELECT u.id, u.username, u.role, a.id AS athlete_id, a.name, a.time_zone
            FROM users u JOIN athletes a ON a.id = u.athlete_id WHERE {where} = ?""",
        (value,),
    ).fetchone()
    if row is None:
        return None
    return User(row["id"], row["username"], row["role"], Athlete(row["athlete_id"], row["name"], row["time_zone"]))


def log_in(db: Store, username: str, password: str, client: str) -> tuple[str, str]:
    """Check the password; return (session token, csrf token). Rate-limited per username and client."""
    key = f"{username.lower()}|{client}"
    since = _stamp(datetime.now(UTC) - FAILURE_WINDOW)
    failures = db.db.execute(
        "SELECT count(*) FROM login_failures WHERE key = ? AND at_utc > ?", (key, since)
    ).fetchone()[0]
    if failures >= MAX_FAILURES:
        raise TooManyAttempts("too many failed logins; wait 15 minutes and try again")
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
        with db.transaction() as tx:
            tx.execute("INSERT INTO login_failures (key, at_utc) VALUES (?, ?)", (key, utc_now()))
        raise AccountError("wrong username or password")
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


def grant(db: Store, athlete: User, coach_username: str) -> None:
    coach = _user(db, "u.username", coach_username)
    if coach is None or coach.role != "coach":
        raise AccountError(f"there is no coach called {coach_username}")
    with db.transaction() as tx:
        tx.execute(
            "INSERT OR IGNORE INTO grants (athlete_id, coach_user_id, granted_utc) VALUES (?, ?, ?)",
            (athlete.athlete.id, coach.id, utc_now()),
        )


def revoke(db: Store, athlete: User, coach_username: str) -> None:
    coach = _user(db, "u.username", coach_username)
    if coach is not None:
        with db.transaction() as tx:
            tx.execute("DELETE FROM grants WHERE athlete_id = ? AND coach_user_id = ?", (athlete.athlete.id, coach.id))


def coached_athlete(db: Store, coach: User, username: str) -> Athlete | None:
    """The athlete's record if `coach` may see it (the athlete granted access), else None."""
    other = _user(db, "u.username", username)
    if other is None or coach.role != "coach":
        return None
    allowed = db.db.execute(
        "SELECT 1 FROM grants WHERE athlete_id = ? AND coach_user_id = ?", (other.athlete.id, coach.id)
    ).fetchone()
    return other.athlete if allowed else None


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
