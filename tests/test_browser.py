"""End-to-end in a real browser: Playwright for Python driving Debian's Chromium.

Screenshots are saved in tests/artifacts/ for a reviewer to look at.
"""

from __future__ import annotations

import gzip
import importlib.util
import re
import shutil
import zipfile

import httpx
import pytest
from conftest import CORPUS, ROOT
from test_web import server  # noqa: F401 - the same real server fixture

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = ROOT / "tests" / "artifacts"
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install chromium)"
)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser, server):  # noqa: F811
    context = browser.new_context(base_url=server, viewport={"width": 390, "height": 844})
    tab = context.new_page()
    yield tab
    context.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_a_full_assessment_from_free_text_to_the_result(page):
    page.goto("/")
    shot(page, "1-start")
    page.get_by_label("In your own words").fill(
        "I'm 29 and run most days. For two weeks I've had a sharp pain on the outside of my left knee "
        "that starts 5 km into a run and is worse downhill. No swelling, no injury, I walk fine."
    )
    page.get_by_role("button", name="Start the assessment").click()
    shot(page, "2-first-question")
    for _ in range(25):
        if page.get_by_role("heading", name="Likely causes").count():
            break
        page.get_by_role("button", name="Don't know").click()
    assert page.get_by_role("heading", name="Likely causes").is_visible()
    assert "Iliotibial band syndrome" in page.inner_text("ol.causes")
    assert "questions asked" in page.content()
    shot(page, "3-result")


def test_an_emergency_shows_the_emergency_banner_in_words(page):
    page.goto("/")
    page.get_by_label("In your own words").fill("I slipped and fell, and my kneecap is out of place.")
    page.get_by_role("button", name="Start the assessment").click()
    banner = page.locator(".banner-emergency")
    banner.wait_for(state="visible", timeout=15000)  # the result page may take a moment on a loaded machine
    assert banner.is_visible()
    assert banner.inner_text().startswith("Emergency: Go to an emergency department")
    shot(page, "4-emergency")


@pytest.mark.skipif(not CORPUS.exists(), reason="the shared activity corpus is not beside this clone")
def test_a_strava_style_export_with_one_corrupt_file(page, tmp_path):
    archive = tmp_path / "export_123.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr(
            "activities.csv",
            "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Filename\n"
            '1,"Aug 15, 2015, 2:45:08 PM",Long run,Run,2832,9.01,activities/1.fit.gz\n',
        )
        z.writestr("activities/1.fit.gz", gzip.compress((CORPUS / "fit/activity-small-fenix2-run.fit").read_bytes()))
        z.writestr("activities/2.fit", (CORPUS / "fit/activity-filecrc.fit").read_bytes())
    page.goto("/import")
    page.get_by_label("Files or a zip archive").set_input_files(str(archive))
    page.get_by_role("button", name="Import").click()
    page.get_by_role("heading", name="What happened").wait_for()
    rejected = page.inner_text("ul.rejected")
    assert "activities/2.fit" in rejected and "checksum" in rejected
    assert "1 activities" in page.content() or "activities/1.fit.gz" in page.content()
    shot(page, "5-import")


def test_shoes_past_their_band_show_on_the_training_page(page, server):  # noqa: F811
    httpx.post(f"{server}/api/v1/gear", json={"name": "Worn trainers", "initial_km": 820}, timeout=30)
    page.goto("/training")
    shoes = page.inner_text("ul.shoes")
    assert "Worn trainers: 820 km" in shoes and "past the 700 km warning distance" in shoes
    shot(page, "6-training")


def test_the_api_page_renders_its_operations_with_no_network(page):
    page.goto("/api/docs")
    page.wait_for_selector(".opblock", timeout=20_000)
    assert page.locator(".opblock").count() >= 10
    assert page.get_by_text("/api/v1/assess").first.is_visible()


def test_the_training_page_offers_the_browsers_time_zone(page):
    page.goto("/training")
    hint = page.locator("#browser-time-zone")
    hint.wait_for()
    assert hint.inner_text().startswith("This browser says ")


def test_a_diary_entry_from_the_navigation_to_what_the_diary_says(page):
    page.goto("/")
    page.get_by_role("link", name="Pain diary").click()
    page.get_by_label("Pain now, 0 (none) to 10 (worst imaginable)").fill("5")
    page.get_by_role("group", name="Did the pain wake you last night?").get_by_label("yes").check()
    page.get_by_role("button", name="Save the entry").click()
    page.get_by_role("heading", name="What the diary says").wait_for()
    assert "woken you at night" in page.inner_text("main")
    shot(page, "6-diary")


def test_the_plan_page_from_the_navigation(page, server):  # noqa: F811
    httpx.post(f"{server}/api/v1/assess", json={"answers": {"age": 25, "how_it_started": ["no_injury"],
               "hours_since_onset": 300, "where": ["around_kneecap"], "trend": "better", "swelling": "none",
               "can_bear_weight": "yes"}, "keep": True}, timeout=30)  # fmt: skip
    page.goto("/")
    page.get_by_role("link", name="Plan", exact=True).click()
    page.get_by_role("button", name=re.compile("Make (my|a new) plan")).click()
    page.get_by_role("heading", name="Strength").wait_for()
    assert "(easier)" in page.inner_text("table")
    shot(page, "7-plan")


@pytest.mark.skipif(
    not (CORPUS.parent / "form").exists() or importlib.util.find_spec("mediapipe") is None,
    reason="../shared/corpus/form or the pose model (kneecheck[form]) is missing",
)
def test_a_form_check_from_the_navigation(page):
    page.goto("/")
    page.get_by_role("link", name="Form check").click()
    page.get_by_label("A video (or a picture)").set_input_files(
        str(CORPUS.parent / "form" / "sls_knee_collapse_still.png")
    )
    page.get_by_role("button", name="Check my form").click()
    page.get_by_role("heading", name="What it saw").wait_for()
    assert "flagged" in page.inner_text("table")
