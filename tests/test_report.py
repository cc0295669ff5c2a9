"""The knee report (HTML in a real browser, PDF) and the FHIR export, from real SQLite files."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import kneecheck

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def records(tmp_path_factory) -> str:
    """Four easy weeks, a sharp rise, then pain: an assessment and three diary entries."""
    folder = tmp_path_factory.mktemp("report")
    db = str(folder / "k.db")
    today = date.today()
    rows = ["date,sport,duration_min,distance_km"]
    rows += [f"{today - timedelta(days=b)},running,48,8" for b in range(40, 12, -2)]
    rows += [f"{today - timedelta(days=b)},running,80,13" for b in (11, 9, 7)]
    (folder / "log.csv").write_text("\n".join(rows) + "\n")
    assert kneecheck("load", "--db", db, "import", str(folder / "log.csv")).returncode == 0
    words = "I'm 30, the outside of my knee burns after long runs since 6 days ago, no swelling, no injury"
    assert kneecheck("assess", "--db", db, "--text", words).returncode == 0
    for back, pain in ((5, 6), (3, 6), (1, 5)):
        at = f"{today - timedelta(days=back)} 08:00"
        assert (
            kneecheck("diary", "--db", db, "add", "--pain", str(pain), "--at", at, "--notes", "after run").returncode
            == 0
        )
    return db


def test_the_html_report_renders_in_a_browser_with_its_charts(records, tmp_path):
    out = tmp_path / "report.html"
    done = kneecheck("report", "--db", records, "--out", str(out))
    assert done.returncode == 0, done.stderr
    page = out.read_text()
    assert "not a diagnosis" in page and "Iliotibial band syndrome" in page
    assert "Why now" in page and "running went from 56 to 71 km (+27 %) in the 14 days before the pain started" in page
    assert not re.search(r"(href|src)=[\"']https?:|url\(\s*['\"]?https?:", page)  # nothing fetched
    if CHROMIUM is None:
        pytest.skip("chromium is not installed")  # .ci/run installs it
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM)
        tab = browser.new_page()
        requests: list[str] = []
        tab.on("request", lambda r: requests.append(r.url))
        tab.goto(out.as_uri())
        assert tab.locator("figure svg").count() == 2  # pain over time, training per week
        assert tab.get_by_role("heading", name="Pain diary").is_visible()
        assert "pain began" in tab.locator("figure").nth(1).inner_text()
        browser.close()
    assert [u for u in requests if not u.startswith("file:")] == []


def test_the_pdf_report_is_a_real_pdf(records, tmp_path):
    out = tmp_path / "report.pdf"
    assert kneecheck("report", "--db", records, "--out", str(out)).returncode == 0
    data = out.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") + data.count(b"/Type/Page") >= 1
    assert data.count(b"/Subtype /Image") >= 2  # both charts


def test_the_fhir_export_validates_as_fhir(records, tmp_path):
    from fhir.resources.R4B.bundle import Bundle

    done = kneecheck("export", "--db", records, "--fhir")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    bundle = Bundle.model_validate(document)
    kinds = [e.resource.__resource_type__ for e in bundle.entry]
    assert kinds.count("Observation") == 3 and kinds.count("QuestionnaireResponse") == 1
    pain = [e.resource for e in bundle.entry if e.resource.__resource_type__ == "Observation"]
    assert {o.code.coding[0].code for o in pain} == {"72514-3"}
    assert sorted(o.valueInteger for o in pain) == [5, 6, 6]
    response = next(e.resource for e in bundle.entry if e.resource.__resource_type__ == "QuestionnaireResponse")
    assert any(item.linkId == "age" and item.answer[0].valueInteger == 30 for item in response.item)


def test_the_json_export_holds_everything_and_the_report_json_the_same_content(records):
    everything = json.loads(kneecheck("export", "--db", records).stdout)
    assert {"activities", "shoes", "diary", "assessments"} <= set(everything)
    assert len(everything["diary"]) == 3 and len(everything["assessments"]) == 1
    content = json.loads(kneecheck("report", "--db", records, "--json").stdout)
    assert content["assessment"]["urgency"] and len(content["diary"]) == 3
    assert content["why"]["factors"][0]["id"] == "too_much_too_soon"


def test_a_report_without_a_database_or_athlete_is_a_clear_error(tmp_path):
    missing = kneecheck("report", "--db", str(tmp_path / "none.db"))
    assert missing.returncode == 2 and "no database yet" in missing.stderr
    assert not Path(tmp_path / "none.db").exists()
