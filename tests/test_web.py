"""The web page and the HTTP API, against a real server on this machine."""

from __future__ import annotations

import html as h
import importlib.util
import re
import socket
import threading
import time
from datetime import date

import httpx
import pytest
import uvicorn
from conftest import CORPUS, ROOT, kneecheck

from kneecheck.web import Settings, create_app


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("web") / "web.sqlite3"
    port = free_port()
    config = uvicorn.Config(create_app(Settings(db_path=db)), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not instance.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def client(server):
    with httpx.Client(base_url=server, timeout=60) as c:
        yield c


def test_api_assess_from_text_returns_the_contract_with_spans(client):
    r = client.post("/api/v1/assess", json={"text": "I'm 23, my knee gave way at football and swelled within an hour."})
    assert r.status_code == 200
    body = r.json()
    assert body["urgency"] == "urgent" and body["conditions"][0]["id"] == "acl_tear"
    assert {
        "urgency_reasons",
        "training_factors",
        "advice",
        "understood",
        "missing",
        "knowledge_version",
        "disclaimer",
    } <= set(body)
    assert any(e["field"] == "giving_way" and e["text"] == "gave way" for e in body["evidence"])


def test_api_assess_from_answers_and_invalid_answers(client):
    ok = client.post("/api/v1/assess", json={"answers": {"deformity": "yes"}})
    assert ok.json()["urgency"] == "emergency"
    bad = client.post("/api/v1/assess", json={"answers": {"swelling": "huge"}})
    assert bad.status_code == 422
    empty = client.post("/api/v1/assess", json={})
    assert empty.status_code == 422


def test_api_schema_and_openapi(client):
    assert "can_bear_weight" in client.get("/api/v1/schema/answers").json()["properties"]
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {
        "/api/v1/assess",
        "/api/v1/activities",
        "/api/v1/load/report",
        "/api/v1/gear",
        "/api/v1/export",
        "/api/v1/data",
    } <= set(paths)


@pytest.mark.skipif(not CORPUS.exists(), reason="the shared activity corpus is not beside this clone")
def test_api_import_reports_each_file_and_lists_deletes_exports(client):
    files = [
        ("files", ("run.fit", (CORPUS / "fit/garmin-fenix-5-run.fit").read_bytes())),
        ("files", ("../../evil/bad.fit", (CORPUS / "fit/activity-filecrc.fit").read_bytes())),
    ]
    report = client.post("/api/v1/activities", files=files).json()
    assert [f["file"] for f in report["imported"]] == ["run.fit"]
    assert report["rejected"][0]["file"] == "bad.fit" and "checksum" in report["rejected"][0]["reason"]
    activities = client.get("/api/v1/activities").json()
    assert activities and activities[0]["sport"] == "running"
    assert client.get("/api/v1/load/report", params={"weeks": 4}).status_code == 200
    assert client.post("/api/v1/gear", json={"name": "Pegasus", "initial_km": 800}).status_code == 201
    assert client.get("/api/v1/gear").json()[0]["past_band"] is True
    assert client.post("/api/v1/gear/Pegasus/retire").json()["status"] == "retired"
    exported = client.get("/api/v1/export").json()
    assert exported["activities"] and exported["shoes"]
    assert client.delete(f"/api/v1/activities/{activities[0]['id']}").status_code == 204
    assert client.delete(f"/api/v1/activities/{activities[0]['id']}").status_code == 404


def test_api_delete_everything(client):
    client.post("/api/v1/gear", json={"name": "Old pair"})
    assert client.delete("/api/v1/data").status_code == 204
    exported = client.get("/api/v1/export").json()
    assert exported["activities"] == [] and exported["shoes"] == []


def test_start_page_is_accessible_and_has_no_external_resources(client):
    html = client.get("/").text
    assert '<html lang="en">' in html and 'name="viewport"' in html
    assert re.search(r'<label for="text">', html) and 'id="text"' in html
    assert not re.search(r'(src|href)="https?://', html)


def test_emergency_from_free_text_shows_the_banner_in_words(client):
    html = client.post("/assess", data={"text": "I fell and my kneecap is out of place."}).text
    assert "banner-emergency" in html
    assert "Emergency: Go to an emergency department" in html


def answer_dont_know_to_everything(client, page: str) -> tuple[str, int]:
    """Press "don't know" on every question screen; the result page and how many screens it took."""
    screens = 0
    while 'name="step"' in page and screens < 30:
        state = re.search(r'name="state" value="([^"]*)"', page).group(1)
        step = re.search(r'name="step" value="([^"]*)"', page).group(1)
        page = client.post("/assess", data={"state": h.unescape(state), "step": step, "dontknow": "1"}).text
        screens += 1
    return page, screens


def test_a_whole_assessment_one_question_per_screen(client):
    page = client.post(
        "/assess", data={"text": "I'm 28, my knee aches around the kneecap on stairs since I doubled my running."}
    ).text
    page, screens = answer_dont_know_to_everything(client, page)
    assert "Likely causes" in page and "questions asked" in page
    assert 3 <= screens <= 20


def test_serving_on_a_network_address_without_accounts_is_refused():
    done = kneecheck("serve", "--host", "0.0.0.0")
    assert done.returncode == 2
    assert "refusing to serve on 0.0.0.0" in done.stderr


def test_what_a_text_leaves_open_is_asked_first_and_a_wrong_reading_can_be_unticked(client):
    page = client.post("/assess", data={"text": "I twisted my knee at netball this morning, it is swollen."}).text
    # the deciding question comes first: can the person bear weight?
    assert re.search(r'name="step" value="can_bear_weight"', page)
    assert re.search(r'name="keep" value="swelling" checked', page)
    state = h.unescape(re.search(r'name="state" value="([^"]*)"', page).group(1))
    # untick "swelling": it is forgotten and asked instead, first
    page = client.post("/assess", data={"state": state, "correct": "1", "keep": ["how_it_started"]}).text
    assert re.search(r'name="step" value="swelling"', page)
    assert 'name="keep" value="swelling"' not in page


def test_text_result_shows_what_was_set_aside_and_what_was_not_understood(client):
    text = "My knee is sore after a long run two days ago, easing. My friend's knee locked last year. The xray was fine I think."
    page = client.post("/assess", data={"text": text}).text
    assert "about someone else" in page
    page, _ = answer_dont_know_to_everything(client, page)
    assert "Seen in your words but not used" in page
    assert "xray" in page and "about someone else" in page


# ------------------------------------------------------------------ other websites kept out
def test_local_mode_answers_only_its_own_loopback_name(client):
    # a page on another site that rebinds its DNS name to 127.0.0.1 sends its own Host
    assert client.get("/api/v1/export", headers={"Host": "evil.example"}).status_code == 421
    assert client.get("/api/v1/export", headers={"Host": "localhost"}).status_code == 200


def test_another_website_cannot_change_anything_through_the_browser(client):
    run = "date,sport,duration_min\n2026-11-20,running,600\n"
    forged = client.post(
        "/api/v1/activities",
        files=[("files", ("forged.csv", run.encode()))],
        headers={"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
    )
    assert forged.status_code == 403
    assert not [a for a in client.get("/api/v1/activities").json() if a["source_file"] == "forged.csv"]
    opaque = client.post("/api/v1/gear", json={"name": "X"}, headers={"Origin": "null"})
    assert opaque.status_code == 403
    own = client.post("/api/v1/gear", json={"name": "Own"}, headers={"Origin": str(client.base_url).rstrip("/")})
    assert own.status_code == 201


def test_every_answer_carries_security_headers_and_health_data_is_never_cached(client):
    for path in ("/", "/api/v1/export", "/static/kneecheck.css"):
        headers = client.get(path).headers
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert "script-src 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
    assert client.get("/api/v1/export").headers["cache-control"] == "no-store"
    assert client.get("/").headers["cache-control"] == "no-store"


@pytest.mark.parametrize("name", ["..", "a/..", "x" * 300 + ".fit"])
def test_a_hostile_upload_name_is_refused_by_name_and_the_rest_goes_on(client, name):
    good = ("files", ("good-run.csv", b"date,sport,duration_min\n2026-10-01,running,31\n"))
    reply = client.post("/api/v1/activities", files=[("files", (name, b"data")), good])
    assert reply.status_code == 200, reply.text
    summary = reply.json()
    assert summary["rejected"][0]["reason"].endswith("refused")
    assert [f["file"] for f in summary["imported"]] == ["good-run.csv"] or summary["duplicates"]


def test_the_api_page_is_served_from_the_package_with_no_cdn(client):
    page = client.get("/api/docs")
    assert page.status_code == 200
    assert not re.search(r'(src|href)="https?://', page.text)
    assert "<script>" not in page.text  # no inline script: the strict CSP would block it
    for asset in re.findall(r'(?:src|href)="(/static/[^"]+)"', page.text):
        assert client.get(asset).status_code == 200, asset


def test_an_emergency_page_says_only_what_to_do_now(client):
    page = client.post("/assess", data={"text": "I fell and my kneecap is out of place."}).text
    banner = page[page.index('class="banner') : page.index("</section>")]
    assert "Book a visit" not in banner and "book a visit" not in banner
    assert "<h3>Prevention</h3>" not in page


def test_the_page_shows_answers_in_words_not_internal_ids(client):
    page = client.post("/assess", data={"text": "I play basketball and my knee aches under the kneecap."}).text
    shown = re.sub(r'name="state" value="[^"]*"', "", page)  # the hidden state is for the server, not the eye
    assert "jumping_sports" not in shown and "below_kneecap" not in shown
    assert "jumping sports (basketball, volleyball, high jump)" in shown


def test_the_reasons_for_each_cause_read_as_sentences_on_the_page(client):
    text = "I'm 35, my knee aches around the kneecap after runs, worse on stairs, no swelling, no injury, 4 weeks"
    page, _ = answer_dont_know_to_everything(client, client.post("/assess", data={"text": text}).text)
    assert "makes this more likely" in page
    assert "not: " not in page and "raises the odds" not in page


def test_deleting_everything_during_an_import_is_a_conflict_not_a_server_error(server):
    rows = "".join(f"2025-{1 + i % 12:02d}-{1 + i % 28:02d},running,{30 + i % 50}\n" for i in range(4000))
    files = [("files", (f"big-{n}.csv", ("date,sport,duration_min\n" + rows).encode())) for n in range(6)]
    outcome: dict[str, int] = {}

    def upload() -> None:
        with httpx.Client(base_url=server, timeout=120) as c:
            outcome["import"] = c.post("/api/v1/activities", files=files).status_code

    worker = threading.Thread(target=upload)
    worker.start()
    statuses = []
    with httpx.Client(base_url=server, timeout=60) as c:
        for _ in range(20):
            statuses.append(c.delete("/api/v1/data").status_code)
            time.sleep(0.05)
    worker.join(timeout=120)
    assert all(s in (204, 409) for s in statuses), statuses
    assert outcome["import"] < 500


def test_the_training_page_says_where_old_workouts_are_instead_of_empty_weeks(tmp_path):
    from kneecheck.store import Store

    db = tmp_path / "old.sqlite3"
    with Store(db) as store:
        store.add_session(store.athlete(), sport="running", source_sport="running", day=date(2015, 9, 1), minutes=40)
    port = free_port()
    instance = uvicorn.Server(
        uvicorn.Config(create_app(Settings(db_path=db)), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    while not instance.started:
        time.sleep(0.05)
    try:
        page = httpx.get(f"http://127.0.0.1:{port}/training").text
        assert "None of your 1 workouts falls in these 12 weeks" in page and "01 Sep 2015" in page
        shown = httpx.get(f"http://127.0.0.1:{port}/training", params={"as_of": "2015-09-01"}).text
        assert "None of your" not in shown and "<svg" in shown
    finally:
        instance.should_exit = True
        thread.join(timeout=10)


def test_the_time_zone_is_a_setting_and_moves_stored_workouts_to_their_local_day(client):
    gpx = (
        '<?xml version="1.0"?><gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1"><trk>'
        "<type>running</type><trkseg>"
        '<trkpt lat="47.0" lon="8.0"><time>2026-03-02T23:30:00Z</time></trkpt>'
        '<trkpt lat="47.01" lon="8.0"><time>2026-03-02T23:40:00Z</time></trkpt>'
        "</trkseg></trk></gpx>"
    )
    assert client.put("/api/v1/athlete", json={"time_zone": "UTC"}).status_code == 200
    client.post("/api/v1/activities", files=[("files", ("late.gpx", gpx.encode()))])
    days = {a["start_utc"]: a["local_date"] for a in client.get("/api/v1/activities").json()}
    assert days["2026-03-02T23:30:00Z"] == "2026-03-02"
    moved = client.put("/api/v1/athlete", json={"time_zone": "Europe/Berlin"}).json()
    assert moved["time_zone"] == "Europe/Berlin" and moved["workouts_moved_to_another_day"] >= 1
    days = {a["start_utc"]: a["local_date"] for a in client.get("/api/v1/activities").json()}
    assert days["2026-03-02T23:30:00Z"] == "2026-03-03"  # 00:30 in Berlin
    assert client.put("/api/v1/athlete", json={"time_zone": "Mars/Olympus"}).status_code == 422
    assert 'name="tz" value="Europe/Berlin"' in client.get("/training").text


def test_the_diary_why_and_report_on_the_page_and_in_the_api(client):
    added = client.post("/api/v1/diary", json={"pain_now": 6, "at": "2026-11-01T08:00:00Z", "swelling": "mild"})
    assert added.status_code == 201, added.text
    first = added.json()["entry"]["id"]
    again = client.post("/api/v1/diary", json={"pain_now": 6, "at": "2026-11-03T09:00:00Z", "woke_at_night": True})
    rules = {f["rule"] for f in again.json()["follow_up"]}
    assert {"not_improving_after_48h", "night_waking_or_daily_tasks"} <= rules
    assert client.post("/api/v1/diary", json={"pain_now": 12}).status_code == 422
    assert client.post("/api/v1/diary", json={"pain_now": 3, "at": "2031-01-01T00:00:00Z"}).status_code == 422
    edited = client.put(f"/api/v1/diary/{first}", json={"pain_now": 5, "at": "2026-11-01T08:00:00Z"})
    assert edited.status_code == 200 and edited.json()["entry"]["pain_now"] == 5
    assert client.put("/api/v1/diary/999999", json={"pain_now": 5}).status_code == 404
    assert [e["pain_now"] for e in client.get("/api/v1/diary").json()][:2] == [5, 6]
    assert client.get("/api/v1/diary/check").json()["trend"]["entries"] >= 2
    # the page: a form entry, then the record and what it says
    page = client.post("/diary", data={"pain_now": "4", "woke_at_night": "yes"}, follow_redirects=True)
    assert page.status_code == 200 and "What the diary says" in page.text and "4/10" in page.text
    refused = client.post("/diary", data={"pain_now": "11"})
    assert refused.status_code == 422 and "nothing was saved" in refused.text
    # a kept assessment gives the onset for why-now; the report downloads as HTML and PDF
    kept = client.post("/api/v1/assess", json={"answers": {"age": 30, "hours_since_onset": 72}, "keep": True})
    assert kept.status_code == 200
    assert client.get("/api/v1/assessments").json()[0]["answers"]["age"] == 30
    assert client.get("/api/v1/why").json()["onset_from"].startswith("assessment #")
    assert "Why now?" in client.get("/why").text
    html_report = client.get("/report.html")
    assert html_report.status_code == 200 and "attachment" in html_report.headers["content-disposition"]
    assert "Knee report" in html_report.text
    assert client.get("/report.pdf").content.startswith(b"%PDF-")
    from fhir.resources.R4B.bundle import Bundle

    assert Bundle.model_validate(client.get("/api/v1/export/fhir").json()).type == "collection"
    assert client.delete(f"/api/v1/diary/{first}").status_code == 204


def test_the_plan_on_the_page_and_in_the_api(tmp_path):
    from icalendar import Calendar

    app = create_app(Settings(db_path=tmp_path / "plan.db"))
    port = free_port()
    instance = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    while not instance.started:
        time.sleep(0.05)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as c:
            assert c.post("/api/v1/plan", json={}).status_code == 422  # no assessment yet
            urgent = {"answers": {"can_bear_weight": "no", "age": 30}, "keep": True}
            assert c.post("/api/v1/assess", json=urgent).json()["urgency"] in ("urgent", "emergency")
            refused = c.post("/api/v1/plan", json={})
            assert refused.status_code == 422 and "see a clinician first" in refused.text
            fine = {"age": 30, "how_it_started": ["no_injury"], "hours_since_onset": 200, "where": ["outside"],
                    "trend": "better", "swelling": "none", "can_bear_weight": "yes", "sports": ["running"]}  # fmt: skip
            assert c.post("/api/v1/assess", json={"answers": fine, "keep": True}).status_code == 200
            made = c.post("/api/v1/plan", json={"weeks": 6, "start": "2026-10-05"})
            assert made.status_code == 201, made.text
            assert len(made.json()["weeks"]) == 6 and c.get("/api/v1/plan").json() == made.json()
            c.post("/api/v1/diary", json={"pain_now": 6, "at": "2026-10-06T08:00:00Z"})
            updated = c.post("/api/v1/plan/update").json()
            assert updated["weeks"][0]["decision"].startswith("step back")
            calendar = Calendar.from_ical(c.get("/plan.ics").content)
            assert len(list(calendar.walk("VEVENT"))) >= 6
            page = c.get("/plan").text
            assert "Your plan" in page and "(easier)" in page and "Strength" in page
            assert "knee plan" in c.get("/plan.html").text.lower()
    finally:
        instance.should_exit = True
        thread.join(timeout=10)


@pytest.mark.skipif(
    not (ROOT.parent / "shared" / "corpus" / "form").exists() or importlib.util.find_spec("mediapipe") is None,
    reason="../shared/corpus/form or the pose model (kneecheck[form]) is missing",
)
def test_the_form_check_on_the_page_and_in_the_api(client):
    clip = ROOT.parent / "shared" / "corpus" / "form" / "sls_front_good_and_bad_a.mp4"
    result = client.post("/api/v1/form", files={"file": ("my-squats.mp4", clip.read_bytes())})
    assert result.status_code == 200, result.text
    assert result.json()["flagged"] == 1
    still = ROOT.parent / "shared" / "corpus" / "form" / "sls_knee_collapse_still.png"
    page = client.post(
        "/form", files={"video": ("still.png", still.read_bytes())}, data={"exercise": "single_leg_squat"}
    )
    assert page.status_code == 200 and "flagged" in page.text and 'src="data:image/png;base64,' in page.text
    refused = client.post("/api/v1/form", files={"file": ("notes.txt", b"hello")})
    assert refused.status_code == 422 and "notes.txt" in refused.text
    broken = client.post("/api/v1/form", files={"file": ("broken.mp4", b"not a video")})
    assert broken.status_code == 422 and "broken.mp4" in broken.text
    names = [c["file_name"] for c in client.get("/api/v1/form").json()]
    assert "my-squats.mp4" in names and "broken.mp4" not in names  # a refused file keeps nothing
