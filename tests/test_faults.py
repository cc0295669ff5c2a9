"""Faults and load against a real `kneecheck serve` process: killed mid-import, restarted on the
same port, the database whole; eight clients at once with no server error."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path

import httpx

FILES, ROWS = 400, 4  # a zip of 400 manual-entry files, 4 runs each, each run on its own day


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(db: Path, port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [sys.executable, "-m", "kneecheck", "serve", "--port", str(port), "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1"},
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server did not start: {process.stderr.read().decode()}")  # type: ignore[union-attr]
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/gear", timeout=2).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise AssertionError("the server did not answer within 60 s")


def export_zip() -> bytes:
    buffer = io.BytesIO()
    first = date(2015, 1, 5)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(FILES):
            days = (first + timedelta(days=n * ROWS + i) for i in range(ROWS))
            rows = "".join(f"{d},running,{30 + n % 40},{5 + n % 7}\n" for d in days)
            archive.writestr(f"runs/{n:04d}.csv", "date,sport,duration_min,distance_km\n" + rows)
    return buffer.getvalue()


def whole(db: Path) -> dict[str, int]:
    """Integrity, and that every stored file's runs are all there (nothing half-written)."""
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        per_file = dict(con.execute("SELECT source_file, count(*) FROM activities GROUP BY source_file").fetchall())
        recorded = {r[0] for r in con.execute("SELECT name FROM imported_files")}
    assert set(per_file) <= recorded, "activities without their file's record"
    assert all(count == ROWS for count in per_file.values()), "a file stored in part"
    return per_file


def test_killed_mid_import_the_server_restarts_on_its_port_and_the_database_is_whole(tmp_path):
    db, port, payload = tmp_path / "k.sqlite3", free_port(), export_zip()
    server = start(db, port)

    def upload() -> None:
        with contextlib.suppress(httpx.TransportError):  # the server is killed under it
            httpx.post(
                f"http://127.0.0.1:{port}/api/v1/activities", files=[("files", ("export.zip", payload))], timeout=120
            )

    sender = threading.Thread(target=upload)
    sender.start()
    deadline = time.time() + 60
    while time.time() < deadline:  # kill it once some files, not all, are stored
        with sqlite3.connect(db) as con:
            stored = con.execute("SELECT count(*) FROM imported_files").fetchone()[0]
        if stored >= 5:
            break
        time.sleep(0.02)
    server.send_signal(signal.SIGKILL)
    server.wait(timeout=10)
    sender.join(timeout=30)
    assert 0 < stored < FILES, f"the kill did not land mid-import ({stored} files stored)"

    restarted = start(db, port)  # the same port: no child process of the old server holds it
    try:
        before = whole(db)
        visible = httpx.get(f"http://127.0.0.1:{port}/api/v1/activities", params={"limit": 10_000}, timeout=30)
        assert visible.status_code == 200
        again = httpx.post(
            f"http://127.0.0.1:{port}/api/v1/activities", files=[("files", ("export.zip", payload))], timeout=120
        )
        assert again.status_code == 200
        after = whole(db)
        assert len(after) == FILES and set(before) <= set(after)
        assert len(again.json()["duplicates"]) == len(before)  # what was stored is known, not stored twice
    finally:
        restarted.send_signal(signal.SIGTERM)
        restarted.wait(timeout=20)


def test_eight_clients_for_twenty_seconds_get_no_server_error(tmp_path, capsys):
    db, port = tmp_path / "k.sqlite3", free_port()
    server = start(db, port)
    base = f"http://127.0.0.1:{port}"
    timings: dict[str, list[float]] = {"assess": [], "import": [], "report": []}
    failures: list[str] = []
    lock = threading.Lock()
    stop = time.time() + 20

    def client(number: int) -> None:
        with httpx.Client(base_url=base, timeout=60) as c:
            turn = 0
            while time.time() < stop:
                kind = ("assess", "import", "report")[(number + turn) % 3]
                day = date(2024, 1, 1) + timedelta(days=(number * 997 + turn) % 700)
                began = time.perf_counter()
                if kind == "assess":
                    r = c.post(
                        "/api/v1/assess", json={"text": "my knee aches around the kneecap after runs, worse on stairs"}
                    )
                elif kind == "import":
                    body = f"date,sport,duration_min,distance_km\n{day},running,{30 + turn % 30},6\n".encode()
                    r = c.post("/api/v1/activities", files=[("files", (f"c{number}-{turn}.csv", body))])
                else:
                    r = c.get("/api/v1/load/report")
                took = time.perf_counter() - began
                with lock:
                    timings[kind].append(took)
                    if r.status_code >= 500:
                        failures.append(f"{kind}: {r.status_code} {r.text[:200]}")
                turn += 1

    try:
        clients = [threading.Thread(target=client, args=(n,)) for n in range(8)]
        for t in clients:
            t.start()
        for t in clients:
            t.join(timeout=120)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)
    assert not failures, failures[:5]
    with capsys.disabled():
        for kind, values in timings.items():
            values.sort()
            p99 = values[min(len(values) - 1, int(len(values) * 0.99))]
            print(
                f"\n  load {kind}: {len(values)} requests, p50 {values[len(values) // 2] * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms"
            )
        assert all(len(v) >= 5 for v in timings.values())
    whole_db = sqlite3.connect(db)
    assert whole_db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    whole_db.close()
