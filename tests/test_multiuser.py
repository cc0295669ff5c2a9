"""Server mode: accounts, sessions, CSRF, per-user isolation, coaches, login rate limits."""

from __future__ import annotations

import html as h
import re
import socket
import threading
import time

import httpx
import pytest
import uvicorn
from conftest import CORPUS

from kneecheck.store import Store
from kneecheck.web import Settings, UnsafeBinding, check_binding, create_app
from kneecheck.web._accounts import create_user

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("multi") / "multi.sqlite3"
    with Store(db) as store:
        create_user(store, "coach_kim", PASSWORD, role="coach")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    instance = uvicorn.Server(
        uvicorn.Config(
            create_app(Settings(db_path=db, multi_user=True, signups_per_hour=10_000)),
            host="127.0.0.1",
            port=port,
            log_level="warning",
        )
    )
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    while not instance.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", db
    instance.should_exit = True
    thread.join(timeout=10)


def account(base: str, username: str, signup: bool = True) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=60)
    if signup:
        assert client.post("/api/v1/accounts", json={"username": username, "password": PASSWORD}).status_code == 201
    reply = client.post("/api/v1/session", json={"username": username, "password": PASSWORD})
    assert reply.status_code == 200, reply.text
    client.headers["X-CSRF-Token"] = reply.json()["csrf"]
    return client


def test_nothing_without_logging_in(server):
    base, _ = server
    with httpx.Client(base_url=base) as anonymous:
        assert anonymous.get("/api/v1/activities").status_code == 401
        assert anonymous.post("/api/v1/assess", json={"text": "my knee hurts"}).status_code == 401
        page = anonymous.get("/", follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"] == "/login"


def test_passwords_are_stored_as_argon2id(server):
    _, db = server
    with Store(db) as store:
        hashes = [r[0] for r in store.db.execute("SELECT password_hash FROM users")]
    assert hashes and all(h.startswith("$argon2id$") for h in hashes)


def test_state_changes_need_the_csrf_token(server):
    base, _ = server
    client = account(base, "csrf_carol")
    token = client.headers.pop("X-CSRF-Token")
    assert client.post("/api/v1/gear", json={"name": "Pegasus"}).status_code == 403
    assert client.post("/api/v1/gear", json={"name": "Pegasus"}, headers={"X-CSRF-Token": "forged"}).status_code == 403
    assert client.post("/api/v1/gear", json={"name": "Pegasus"}, headers={"X-CSRF-Token": token}).status_code == 201


@pytest.mark.skipif(not CORPUS.exists(), reason="the shared activity corpus is not beside this clone")
def test_one_user_can_never_read_or_change_another_users_data(server):
    base, _ = server
    alice, bob = account(base, "alice"), account(base, "bob")
    files = [("files", ("alice-run.fit", (CORPUS / "fit/activity-small-fenix2-run.fit").read_bytes()))]
    assert alice.post("/api/v1/activities", files=files).json()["imported"]
    assert alice.post("/api/v1/gear", json={"name": "alice-secret-shoes", "initial_km": 900}).status_code == 201
    alice_activity = alice.get("/api/v1/activities").json()[0]["id"]

    # every read endpoint, as bob: nothing of alice's
    for path in ("/api/v1/activities", "/api/v1/load/report", "/api/v1/gear", "/api/v1/export"):
        body = bob.get(path, params={"as_of": "2015-09-01"} if "report" in path else None).text
        assert "alice" not in body and "alice-run" not in body, path
    # every write endpoint, as bob: alice's records untouched
    assert bob.delete(f"/api/v1/activities/{alice_activity}").status_code == 404
    assert bob.post("/api/v1/gear/alice-secret-shoes/retire").status_code == 404
    assert bob.get("/api/v1/activities", params={"athlete": "alice"}).status_code == 404
    assert bob.delete("/api/v1/data").status_code == 204  # bob deletes everything: his account too
    assert bob.get("/api/v1/activities").status_code == 401
    assert [a["id"] for a in alice.get("/api/v1/activities").json()] == [alice_activity]
    assert alice.get("/api/v1/gear").json()[0]["retired"] is False


@pytest.mark.skipif(not CORPUS.exists(), reason="the shared activity corpus is not beside this clone")
def test_a_coach_sees_only_athletes_who_granted_access(server):
    base, _ = server
    dana = account(base, "dana")
    dana.post(
        "/api/v1/activities", files=[("files", ("dana.fit", (CORPUS / "fit/garmin-fenix-5-run.fit").read_bytes()))]
    )
    coach = account(base, "coach_kim", signup=False)
    assert coach.get("/api/v1/activities", params={"athlete": "dana"}).status_code == 404
    assert dana.post("/api/v1/grants", json={"coach": "coach_kim"}).status_code == 201
    seen = coach.get("/api/v1/activities", params={"athlete": "dana"})
    assert seen.status_code == 200 and seen.json()[0]["source_file"] == "dana.fit"
    assert dana.delete("/api/v1/grants/coach_kim").status_code == 204
    assert coach.get("/api/v1/activities", params={"athlete": "dana"}).status_code == 404
    # an athlete cannot use the coach parameter to read someone else
    eve = account(base, "eve")
    assert eve.get("/api/v1/activities", params={"athlete": "dana"}).status_code == 404


def test_login_is_rate_limited(server):
    base, _ = server
    account(base, "frank")
    with httpx.Client(base_url=base) as client:
        codes = [
            client.post("/api/v1/session", json={"username": "frank", "password": "wrong password"}).status_code
            for _ in range(6)
        ]
        assert codes[:5] == [401] * 5 and codes[5] == 429
        # even the right password waits out the window
        assert client.post("/api/v1/session", json={"username": "frank", "password": PASSWORD}).status_code == 429


def test_login_page_and_logout_in_the_browser_flow(server):
    base, _ = server
    with httpx.Client(base_url=base, follow_redirects=False) as client:
        assert "Log in" in client.get("/login").text
        done = client.post("/login", data={"username": "gina", "password": PASSWORD, "signup": "1"})
        assert done.status_code == 303 and "kneecheck_session" in done.headers.get("set-cookie", "")
        assert (
            "httponly" in done.headers["set-cookie"].lower() and "samesite=strict" in done.headers["set-cookie"].lower()
        )
        start = client.get("/")
        assert start.status_code == 200 and "Log out gina" in start.text
        csrf = start.text.split('name="csrf" value="')[1].split('"')[0]
        assert client.post("/logout", data={"csrf": csrf}).status_code == 303
        assert client.get("/").status_code == 303


def test_local_mode_refuses_network_addresses_but_server_mode_may_use_them():
    with pytest.raises(UnsafeBinding):
        check_binding("192.168.1.20", multi_user=False)
    check_binding("127.0.0.1", multi_user=False)
    check_binding("0.0.0.0", multi_user=True)


# ------------------------------------------------------------------ authorization matrix
def _routes():
    """Every API route and method, from the app's own OpenAPI document (a new route cannot be forgotten)."""
    app = create_app(Settings(db_path=":memory:", multi_user=True))
    for path, operations in app.openapi()["paths"].items():
        for method in operations:
            yield method.upper(), path


def _concrete(path: str) -> str:
    return (
        path.replace("{activity_id}", "1")
        .replace("{entry_id}", "1")
        .replace("{name}", "Pegasus")
        .replace("{coach}", "coach_kim")
    )


# signing up and logging in need no session; the answers schema holds no one's data
PUBLIC_ROUTES = {("POST", "/api/v1/accounts"), ("POST", "/api/v1/session"), ("GET", "/api/v1/schema/answers")}
ROUTES = sorted(set(_routes()))


def test_the_matrix_covers_every_api_route():
    assert len(ROUTES) >= 15
    assert ("DELETE", "/api/v1/data") in ROUTES and ("POST", "/api/v1/activities") in ROUTES


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_authorization_matrix(server, method, path):
    """anonymous: 401; another athlete's ?athlete= without a grant: 404; a coach with a grant:
    reads allowed, every change refused (403); after the grant is revoked: 404."""
    base, _ = server
    owner = f"owner_{abs(hash((method, path))) % 10**8}"
    athlete = account(base, owner)
    athlete.post("/api/v1/gear", json={"name": "Pegasus"})
    url = _concrete(path)
    with httpx.Client(base_url=base, timeout=60) as anonymous:
        if (method, path) not in PUBLIC_ROUTES:
            assert anonymous.request(method, url, json={}).status_code == 401
    if (method, path) in PUBLIC_ROUTES:
        return
    stranger = account(base, f"stranger_{owner}")
    assert stranger.request(method, url, params={"athlete": owner}, json={}).status_code == 404
    coach = account(base, "coach_kim", signup=False)
    assert coach.request(method, url, params={"athlete": owner}, json={}).status_code == 404  # no grant yet
    assert athlete.post("/api/v1/grants", json={"coach": "coach_kim", "scope": "health"}).status_code == 201
    reply = coach.request(method, url, params={"athlete": owner}, json={"text": "my knee hurts"})
    if method in ("POST", "PUT", "PATCH", "DELETE") and path != "/api/v1/assess":
        assert reply.status_code == 403, (method, path, reply.status_code)
    else:
        assert reply.status_code < 500 and reply.status_code != 403, (method, path, reply.status_code)
    assert athlete.delete("/api/v1/grants/coach_kim").status_code == 204
    assert coach.request(method, url, params={"athlete": owner}, json={}).status_code == 404
    # the athlete's account survived whatever the coach tried
    assert athlete.get("/api/v1/gear").status_code == 200


def test_another_website_cannot_log_a_browser_into_its_account(server):
    """Login CSRF: a form on another site that posts to /login is refused."""
    base, _ = server
    account(base, "mallory")
    with httpx.Client(base_url=base, timeout=60) as victim:
        forged = victim.post(
            "/login",
            data={"username": "mallory", "password": PASSWORD},
            headers={"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
            follow_redirects=False,
        )
        assert forged.status_code == 403
        assert "kneecheck_session" not in victim.cookies


def test_user_names_are_matched_whole_and_passwords_are_capped(tmp_path):
    from kneecheck.web._accounts import AccountError, log_in

    with Store(tmp_path / "names.sqlite3") as store:
        create_user(store, "alice", PASSWORD)
        with pytest.raises(AccountError, match="username"):
            create_user(store, "alice\n", PASSWORD)
        with pytest.raises(AccountError, match="at most"):
            create_user(store, "bobby", "x" * 1_000_000)
        with pytest.raises(AccountError, match="at most"):
            log_in(store, "alice", "x" * 1_000_000, "127.0.0.1")


def test_sign_ups_are_throttled_per_address(tmp_path):
    from kneecheck.web._accounts import TooManyAttempts

    with Store(tmp_path / "signups.sqlite3") as store:
        for n in range(5):
            create_user(store, f"user{n}", PASSWORD, client="203.0.113.9")
        with pytest.raises(TooManyAttempts):
            create_user(store, "user5", PASSWORD, client="203.0.113.9")
        create_user(store, "user6", PASSWORD, client="198.51.100.7")  # another address is not held up


def test_parallel_guesses_cannot_pass_the_login_limit(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    from kneecheck.web._accounts import AccountError, log_in

    db = tmp_path / "parallel.sqlite3"
    with Store(db) as store:
        create_user(store, "target", PASSWORD)

    def guess(n: int) -> str:
        with Store(db) as store:
            try:
                log_in(store, "target", f"wrong guess {n:04d}", "203.0.113.5")
            except AccountError as problem:
                return type(problem).__name__
        return "ok"

    with ThreadPoolExecutor(8) as pool:
        outcomes = list(pool.map(guess, range(20)))
    assert outcomes.count("AccountError") <= 5  # only five passwords were ever checked
    assert outcomes.count("TooManyAttempts") >= 15


def test_an_invalid_request_never_echoes_what_was_sent(server):
    base, _ = server
    secret = "s3cret-" + "x" * 300
    with httpx.Client(base_url=base, timeout=60) as anonymous:
        reply = anonymous.post("/api/v1/session", json={"username": "alice", "password": secret})
    assert reply.status_code == 422
    assert "s3cret" not in reply.text and "password" in reply.text


def _raw_request(base: str, head: str) -> str:
    """Send only the head of a request (a body it promises but never sends) and read the answer."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as s:
        s.sendall(head.encode())
        return s.recv(4096).decode(errors="replace")


def test_an_upload_without_a_session_is_refused_before_its_body_is_read(server):
    base, _ = server
    answer = _raw_request(
        base,
        "POST /api/v1/activities HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 500000000\r\n\r\n",
    )
    assert answer.startswith("HTTP/1.1 401")


def test_a_body_larger_than_the_limit_is_refused_before_it_is_read(server):
    base, _ = server
    answer = _raw_request(
        base,
        "POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Content-Type: application/json\r\nContent-Length: 2000000000000\r\n\r\n",
    )
    assert answer.startswith("HTTP/1.1 413")


def test_a_stale_form_token_keeps_the_assessment_in_progress(server):
    base, _ = server
    person = account(base, "stale_sam")
    token = person.headers.pop("X-CSRF-Token")
    page = person.post("/assess", data={"csrf": token, "text": "My knee aches after runs."}).text
    state = re.search(r'name="state" value="([^"]*)"', page).group(1)
    stale = person.post("/assess", data={"csrf": "old-token", "state": h.unescape(state), "step": "age"})
    assert stale.status_code == 403 and "Continue where I was" in stale.text
    assert h.unescape(state) in h.unescape(stale.text)  # the answers are carried, not lost
    fresh = re.search(r'name="csrf" value="([^"]*)"', stale.text).group(1)
    assert fresh == token


def test_a_new_account_takes_the_browsers_time_zone(tmp_path):
    from kneecheck.store import Store
    from kneecheck.web._accounts import create_user

    with Store(tmp_path / "k.db") as db:
        assert create_user(db, "tz_berlin", "x" * 12, time_zone="Europe/Berlin").athlete.time_zone == "Europe/Berlin"
        assert create_user(db, "tz_none", "x" * 12).athlete.time_zone == "UTC"
        assert create_user(db, "tz_bogus", "x" * 12, time_zone="Not/AZone").athlete.time_zone == "UTC"


def test_a_grant_gives_only_what_it_names_and_the_coach_list_shows_it(tmp_path):
    db = tmp_path / "s.sqlite3"
    with Store(db) as store:
        create_user(store, "coach_lee", PASSWORD, role="coach")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(Settings(db_path=db, multi_user=True, signups_per_hour=10_000))
    instance = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    while not instance.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    try:
        loads, whole = account(base, "ann_load"), account(base, "ben_health")
        for who in (loads, whole):
            rows = "date,sport,duration_min,distance_km\n" + "".join(
                f"2026-11-{d:02d},running,40,7\n" for d in range(1, 25, 2)
            )
            assert who.post("/api/v1/activities", files={"files": ("log.csv", rows.encode())}).status_code == 200
            assert who.post("/api/v1/diary", json={"pain_now": 6, "at": "2026-11-20T08:00:00Z"}).status_code == 201
            who.post("/api/v1/assess", json={"answers": {"age": 30, "can_bear_weight": "no"}, "keep": True})
        assert loads.post("/api/v1/grants", json={"coach": "coach_lee"}).json()["scope"] == "load"
        assert whole.post("/api/v1/grants", json={"coach": "coach_lee", "scope": "health"}).status_code == 201
        coach = account(base, "coach_lee", signup=False)
        # load only: the workouts yes, the diary and assessments no
        assert coach.get("/api/v1/activities", params={"athlete": "ann_load"}).status_code == 200
        for path in ("/api/v1/diary", "/api/v1/assessments", "/api/v1/why", "/api/v1/export", "/diary"):
            assert coach.get(path, params={"athlete": "ann_load"}).status_code == 403, path
        assert coach.get("/api/v1/diary", params={"athlete": "ben_health"}).status_code == 200
        rows = {r["athlete"]: r for r in coach.get("/api/v1/screening").json()}
        assert set(rows) == {"ann_load", "ben_health"}
        assert rows["ann_load"]["urgency"] is None and rows["ann_load"]["pain_now"] is None
        assert rows["ben_health"]["urgency"] in ("urgent", "emergency") and rows["ben_health"]["pain_now"] == 6
        assert next(iter(rows)) == "ben_health"  # an urgent assessment needs attention first
        assert "Your athletes" in coach.get("/screening").text
        assert loads.get("/api/v1/screening").status_code == 403  # an athlete has no list
        # a row is kept until the athlete's records change: a new entry or workout shows at once
        assert whole.post("/api/v1/diary", json={"pain_now": 2, "at": "2026-11-21T08:00:00Z"}).status_code == 201
        extra = b"date,sport,duration_min,distance_km\n2026-11-25,running,95,15\n"
        assert whole.post("/api/v1/activities", files={"files": ("extra.csv", extra)}).status_code == 200
        again = {r["athlete"]: r for r in coach.get("/api/v1/screening").json()}
        assert again["ben_health"]["pain_now"] == 2 and again["ben_health"]["last_workout"] == "2026-11-25"
        assert again["ann_load"] == rows["ann_load"]
        # a narrower grant hides the health columns at once
        assert whole.post("/api/v1/grants", json={"coach": "coach_lee", "scope": "load"}).status_code == 201
        narrowed = {r["athlete"]: r for r in coach.get("/api/v1/screening").json()}
        assert narrowed["ben_health"]["urgency"] is None and narrowed["ben_health"]["pain_now"] is None
        assert loads.delete("/api/v1/grants/coach_lee").status_code == 204  # revoking hides it at once
        assert [r["athlete"] for r in coach.get("/api/v1/screening").json()] == ["ben_health"]
    finally:
        instance.should_exit = True
        thread.join(timeout=10)
