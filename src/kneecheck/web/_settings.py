"""How the web app runs: where the data is and who may use it."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path

MAX_UPLOAD_BYTES = 1024 * 1024 * 1024  # one request; each file inside is limited by the importers
MAX_UNPACKED_BYTES = 2 * 1024 * 1024 * 1024  # all the files one request's archives unpack to


@dataclass(frozen=True)
class Settings:
    db_path: Path
    multi_user: bool = False
    max_upload_bytes: int = MAX_UPLOAD_BYTES
    max_unpacked_bytes: int = MAX_UNPACKED_BYTES
    signups_per_hour: int = 5  # new accounts per client address, in multi-user mode


class UnsafeBinding(ValueError):
    """Serving one person's health data on a network address without accounts."""


def check_binding(host: str, multi_user: bool) -> None:
    """Local mode has no login, so it may only listen on the loopback interface."""
    if multi_user:
        return
    if host == "localhost":
        return
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise UnsafeBinding(
            f"refusing to serve on {host}: without --multi-user there is no login, so kneecheck only "
            "listens on this machine (127.0.0.1). Use --multi-user to serve several people."
        )
