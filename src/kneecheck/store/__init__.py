"""Storage at the edge: SQLite by default."""

from kneecheck.store._sqlite import DEFAULT_ATHLETE, Athlete, Store, default_db_path

__all__ = ["DEFAULT_ATHLETE", "Athlete", "Store", "default_db_path"]
