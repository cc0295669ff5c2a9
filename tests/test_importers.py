"""Importers against real files from devices and apps (../shared/corpus/activities)."""

from __future__ import annotations

import csv
import gzip
import io
import json
import sqlite3
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import CORPUS, kneecheck
from fitbuilder import build_fit

from kneecheck.importers import ImportProblem, NotAnActivity, import_paths, read_activities
from kneecheck.store import Store

pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="the shared activity corpus is not beside this clone")

ROWS = list(csv.DictReader(io.StringIO((CORPUS / "expected.csv").read_text()))) if CORPUS.exists() else []
VALID = [r for r in ROWS if not r["expect_error"]]
# a FIT file cut short is read up to the cut and marked partial (the values are the file's own)
SALVAGED = [r for r in ROWS if r["expect_error"].startswith("truncated_eof")]
INVALID = [r for r in ROWS if r["expect_error"] and r not in SALVAGED]
# The one valid file the import refuses on purpose: its clock says 1901 (kept as a parser check).
REFUSED_AT_IMPORT = {
    "gpx/Mojstrovka.gpx": "before 1990",
    "fit/compressed-speed-distance.fit": "no date",
}


def close(actual: float | None, expected: str, tolerance: float) -> bool:
    if expected == "":
        return actual is None
    return actual is not None and abs(actual - float(expected)) <= tolerance


@pytest.mark.parametrize("row", VALID, ids=[r["file"] for r in VALID])
def test_each_valid_file_reads_as_the_file_states(row):
    activities, _ = read_activities(row["file"], (CORPUS / row["file"]).read_bytes())
    fmt = row["format"].split(".")[0]
    if fmt in ("fit", "tcx"):
        assert "+".join(a.sport or "" for a in activities) == row["sport"]
    first = activities[0]
    start = first.start_time_utc.strftime("%Y-%m-%dT%H:%M:%SZ") if first.start_time_utc else ""
    assert start == row["start_time_utc"]
    distances = [a.distance_m for a in activities if a.distance_m is not None]
    distance = sum(distances) if distances else None
    expected = float(row["distance_m"]) if row["distance_m"] else None
    if expected is None:
        assert distance is None
    else:
        assert distance is not None and abs(distance - expected) <= max(0.005 * expected, 0.01)
    movings = [a.moving_s for a in activities if a.moving_s is not None]
    assert close(sum(movings) if movings else None, row["moving_or_timer_s"], 1.0)
    if len(activities) == 1 or fmt == "fit":
        elapsed = [a.elapsed_s for a in activities if a.elapsed_s is not None]
        assert close(sum(elapsed) if elapsed else None, row["elapsed_s"], 1.0)
    else:  # several TCX activities: the file's span from first to last track point
        span = max(a.last_record_utc for a in activities) - min(a.first_record_utc for a in activities)
        assert close(span.total_seconds(), row["elapsed_s"], 1.0)


@pytest.mark.parametrize("row", SALVAGED, ids=[r["file"] for r in SALVAGED])
def test_a_fit_file_cut_short_is_read_up_to_the_cut_and_marked_partial(row):
    activities, notes = read_activities(row["file"], (CORPUS / row["file"]).read_bytes())
    assert any(note.startswith("partial:") for note in notes)
    first = activities[0]
    assert first.sport == row["sport"]
    assert (
        first.start_time_utc is not None
        and first.start_time_utc.strftime("%Y-%m-%dT%H:%M:%SZ") == row["start_time_utc"]
    )
    assert first.distance_m == pytest.approx(float(row["distance_m"]), abs=0.01)
    assert first.moving_s == pytest.approx(float(row["moving_or_timer_s"]), abs=0.01)


@pytest.mark.parametrize("row", INVALID, ids=[r["file"] for r in INVALID])
def test_each_bad_or_non_activity_file_is_refused_with_a_reason(row):
    with pytest.raises(ImportProblem) as raised:
        read_activities(row["file"], (CORPUS / row["file"]).read_bytes())
    message = str(raised.value)
    assert len(message) > 10
    if row["expect_error"].startswith(("not_activity", "no_track_points", "not_an_activity")):
        assert isinstance(raised.value, NotAnActivity)
    else:
        assert not isinstance(raised.value, NotAnActivity)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "k.sqlite3") as s:
        yield s


def stored(store):
    return sorted(
        tuple(r) for r in store.db.execute("SELECT sport, start_utc, distance_m, moving_s, elapsed_s FROM activities")
    )


def test_importing_the_corpus_reports_every_file_and_stores_each_activity_once(store):
    report = import_paths(store, store.athlete(), [CORPUS], workers=2).as_json()
    by_file = {Path(f["file"]).relative_to(CORPUS).as_posix(): kind for kind, items in report.items() for f in items}
    for row in ROWS:
        outcome = by_file[row["file"]]
        if row["file"] in REFUSED_AT_IMPORT:
            assert outcome == "rejected"
            reason = next(f["reason"] for f in report["rejected"] if f["file"].endswith(row["file"]))
            assert REFUSED_AT_IMPORT[row["file"]] in reason
        elif row["expect_error"].startswith(("not_activity", "no_track_points", "not_an_activity")):
            assert outcome == "skipped", row["file"]
        elif row in SALVAGED:  # read up to the cut, and said so
            assert outcome in ("imported", "duplicates"), row["file"]
        elif row["expect_error"]:
            assert outcome == "rejected", row["file"]
        else:
            assert outcome in ("imported", "duplicates"), row["file"]
    # gzip twins and two devices recording the same ride are stored once
    duplicates = {Path(f["file"]).name for f in report["duplicates"]}
    assert {"korita-zbevnica.gpx.gz", "sup_activity_1.tcx.gz"} <= duplicates
    same_ride = store.db.execute(
        "SELECT count(*) FROM activities WHERE sport = 'cycling' AND start_utc LIKE '2017-06-12T16:%'"
    ).fetchone()[0]
    assert same_ride == 1  # an Edge 820 and a Fenix 5 recorded the same ride
    imported = sum(len(f["activities"]) for f in report["imported"])
    replaced = sum("replaces the copy" in (f.get("note") or "") for f in report["imported"])
    assert store.db.execute("SELECT count(*) FROM activities").fetchone()[0] == imported - replaced
    multisport = next(f for f in report["imported"] if f["file"].endswith("MultiSport-2019-11-24.fit"))
    assert [a["sport"] for a in multisport["activities"]] == [
        "swimming",
        "transition",
        "cycling",
        "transition",
        "running",
    ]


def test_reimporting_changes_nothing(store):
    athlete = store.athlete()
    import_paths(store, athlete, [CORPUS / "fit", CORPUS / "gpx"], workers=1)
    before = stored(store)
    again = import_paths(store, athlete, [CORPUS / "fit", CORPUS / "gpx"], workers=2).as_json()
    assert again["imported"] == []
    assert stored(store) == before


def test_import_order_does_not_change_what_is_stored(tmp_path):
    files = sorted((CORPUS / "tcx").iterdir()) + sorted((CORPUS / "fit").glob("garmin-*.fit"))
    results = []
    for name, order in (("a", files), ("b", list(reversed(files)))):
        with Store(tmp_path / f"{name}.sqlite3") as s:
            import_paths(s, s.athlete(), order, workers=1)
            results.append(stored(s))
    assert results[0] == results[1]


def write_zip(path: Path, members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_a_strava_export_zip_with_bad_members_imports_the_good_ones(store, tmp_path):
    good = gzip.compress((CORPUS / "fit/activity-small-fenix2-run.fit").read_bytes())
    activities_csv = (
        "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Filename\n"
        '1,"Aug 15, 2015, 2:45:08 PM",Sunday long run,Run,2832,9.01,activities/1.fit.gz\n'
        '2,"Aug 17, 2015, 6:00:00 PM",Gym,Weight Training,3600,0,\n'
    )
    archive = write_zip(
        tmp_path / "export.zip",
        {
            "activities.csv": activities_csv.encode(),
            "activities/1.fit.gz": good,
            "activities/2.fit": (CORPUS / "fit/activity-filecrc.fit").read_bytes(),
            "../../etc/evil.fit": good,
            "activities/bomb.gpx": b"<gpx>" + b" " * 50_000_000 + b"</gpx>",
            "activities/3.gpx": b"<gpx><trk><trkseg><trkpt lat='1' lon='1'>",
        },
    )
    report = import_paths(store, store.athlete(), [archive], workers=1).as_json()
    assert [f["file"].split(":", 1)[1] for f in report["imported"]] == ["activities.csv line 3", "activities/1.fit.gz"]
    rejected = {f["file"].split(":", 1)[1]: f["reason"] for f in report["rejected"]}
    assert "checksum" in rejected["activities/2.fit"]
    assert "path traversal" in rejected["../../etc/evil.fit"]
    assert "zip bomb" in rejected["activities/bomb.gpx"]
    assert "XML" in rejected["activities/3.gpx"]
    name = store.db.execute("SELECT name, sport FROM activities ORDER BY start_utc").fetchall()
    assert [tuple(r) for r in name] == [("Sunday long run", "running"), ("Gym", "strength")]


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<gpx><trk><trkseg><trkpt lat="1" lon="1"><name>&lol2;</name></trkpt></trkseg></trk></gpx>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<TrainingCenterDatabase><Activities><Activity Sport="Running">&x;</Activity></Activities></TrainingCenterDatabase>"""


@pytest.mark.parametrize("data", [BILLION_LAUGHS, EXTERNAL_ENTITY])
def test_xml_entity_tricks_are_refused(data):
    with pytest.raises(ImportProblem, match="entities or a DTD"):
        read_activities("evil.gpx", data)


def gpx_track(points: list[tuple[float, float, datetime]]) -> bytes:
    body = "".join(
        f'<trkpt lat="{lat}" lon="{lon}"><time>{t:%Y-%m-%dT%H:%M:%SZ}</time></trkpt>' for lat, lon, t in points
    )
    return (
        f'<?xml version="1.0"?><gpx version="1.1"><trk><type>running</type><trkseg>{body}</trkseg></trk></gpx>'.encode()
    )


def test_absurd_values_are_refused(store, tmp_path):
    start = datetime(2024, 5, 1, 8, tzinfo=UTC)
    # "running" 30 degrees of latitude (3,300 km) in two hours
    (tmp_path / "far.gpx").write_bytes(gpx_track([(0, 0, start), (30, 0, start + timedelta(hours=2))]))
    report = import_paths(store, store.athlete(), [tmp_path / "far.gpx"], workers=1).as_json()
    assert "not plausible" in report["rejected"][0]["reason"]
    assert store.db.execute("SELECT count(*) FROM activities").fetchone()[0] == 0


def test_content_decides_the_format_and_a_wrong_extension_is_noted(store, tmp_path):
    start = datetime(2024, 5, 1, 8, tzinfo=UTC)
    points = [(46.0 + i * 0.0001, 14.0, start + timedelta(seconds=5 * i)) for i in range(50)]
    (tmp_path / "morning.fit").write_bytes(gpx_track(points))
    report = import_paths(store, store.athlete(), [tmp_path / "morning.fit"], workers=1).as_json()
    assert report["imported"][0]["activities"][0]["sport"] == "running"
    assert "GPX" in report["imported"][0]["note"]


def test_a_failure_while_writing_a_file_leaves_nothing_of_it(store, monkeypatch):
    import kneecheck.importers._run as run

    calls = {"n": 0}
    original = run._same_activity

    def fail_on_second(db, athlete_id, row, **options):
        calls["n"] += 1
        if calls["n"] == 2:
            raise sqlite3.OperationalError("disk I/O error (simulated)")
        return original(db, athlete_id, row, **options)

    monkeypatch.setattr(run, "_same_activity", fail_on_second)
    with pytest.raises(sqlite3.OperationalError):
        import_paths(store, store.athlete(), [CORPUS / "fit/MultiSport-2019-11-24.fit"], workers=1)
    assert store.db.execute("SELECT count(*) FROM activities").fetchone()[0] == 0
    assert store.db.execute("SELECT count(*) FROM imported_files").fetchone()[0] == 0


def test_cli_import_json_lists_every_outcome(tmp_path):
    done = kneecheck(
        "load",
        "--db",
        str(tmp_path / "k.db"),
        "import",
        str(CORPUS / "fit/garmin-fenix-5-run.fit"),
        str(CORPUS / "fit/Settings.fit"),
        str(CORPUS / "fit/activity-unexpected-eof.fit"),
        "--json",
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert set(report) == {"imported", "duplicates", "skipped", "rejected"}
    activity = report["imported"][0]["activities"][0]
    assert set(activity) >= {"sport", "start_time_utc", "distance_m", "moving_s", "elapsed_s"}
    assert activity["start_time_utc"] == "2017-06-11T14:34:09Z"
    assert report["skipped"][0]["file"].endswith("Settings.fit")
    partial = next(f for f in report["imported"] if f["file"].endswith("activity-unexpected-eof.fit"))
    assert partial["note"].startswith("partial: the file is cut short")


def test_the_database_uses_wal_and_records_its_schema_version(store):
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.schema_version >= 1


def test_the_documented_manual_csv_imports_effort_shoes_and_surface(store, tmp_path):
    path = tmp_path / "diary.csv"
    path.write_text(
        "date,sport,duration_min,distance_km,rpe,shoes,surface\n"
        "2026-11-01,running,45,8.5,6,Pegasus,road_or_concrete\n"
        "2026-11-04,strength,40,,7,,\n"
    )
    report = import_paths(store, store.athlete(), [path], workers=1).as_json()
    assert len(report["imported"][0]["activities"]) == 2
    rows = [
        tuple(r)
        for r in store.db.execute(
            "SELECT a.local_date, a.sport, a.rpe, a.surface, s.name FROM activities a LEFT JOIN shoes s ON s.id = a.shoe_id ORDER BY a.local_date"
        )
    ]
    assert rows == [
        ("2026-11-01", "running", 6, "road_or_concrete", "Pegasus"),
        ("2026-11-04", "strength", 7, None, None),
    ]


def test_a_bad_line_in_the_manual_csv_names_the_line(store, tmp_path):
    path = tmp_path / "diary.csv"
    path.write_text("date,sport,duration_min\n2026-11-01,running,45\n2026-13-45,running,30\n")
    report = import_paths(store, store.athlete(), [path], workers=1).as_json()
    assert "line 3" in report["rejected"][0]["reason"]
    assert store.db.execute("SELECT count(*) FROM activities").fetchone()[0] == 0


def test_a_garmin_style_export_with_a_zip_inside_a_zip(store, tmp_path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        z.writestr("UploadedFiles/run.fit", (CORPUS / "fit/garmin-fenix-5-run.fit").read_bytes())
    outer = write_zip(
        tmp_path / "garmin.zip", {"DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip": inner.getvalue()}
    )
    report = import_paths(store, store.athlete(), [outer], workers=1).as_json()
    assert report["imported"][0]["file"].endswith("UploadedFiles/run.fit")


def test_every_member_left_unread_is_named_with_its_reason(store, tmp_path):
    deepest = io.BytesIO()
    with zipfile.ZipFile(deepest, "w") as z:
        z.writestr("run.fit", (CORPUS / "fit/garmin-fenix-5-run.fit").read_bytes())
    middle = io.BytesIO()
    with zipfile.ZipFile(middle, "w") as z:
        z.writestr("deeper.zip", deepest.getvalue())
        z.writestr("notes.json", b"{}")
    outer = write_zip(tmp_path / "export.zip", {"part1.zip": middle.getvalue(), "profile.jpg": b"\xff\xd8"})
    report = import_paths(store, store.athlete(), [outer], workers=1).as_json()
    skipped = {f["file"].rsplit(":", 1)[-1]: f["reason"] for f in report["skipped"]}
    assert "zip inside a zip inside a zip" in skipped["deeper.zip"]
    assert "not an activity file" in skipped["notes.json"]
    assert "not an activity file" in skipped["profile.jpg"]


def test_an_export_unpacked_into_a_folder_still_opens_the_zips_inside(store, tmp_path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        z.writestr("UploadedFiles/run.fit", (CORPUS / "fit/garmin-fenix-5-run.fit").read_bytes())
    folder = tmp_path / "export" / "DI_CONNECT" / "DI-Connect-Uploaded-Files"
    folder.mkdir(parents=True)
    (folder / "UploadedFiles_0-_Part1.zip").write_bytes(inner.getvalue())
    (folder.parent / "summary.json").write_text("{}")
    report = import_paths(store, store.athlete(), [tmp_path / "export"], workers=1).as_json()
    assert report["imported"][0]["file"].endswith("UploadedFiles_0-_Part1.zip:UploadedFiles/run.fit")
    assert report["skipped"][0]["file"].endswith("summary.json")


def test_one_import_is_bounded_in_bytes_and_names_what_it_refused(store, tmp_path):
    run = (CORPUS / "fit/garmin-fenix-5-run.fit").read_bytes()
    ride = (CORPUS / "fit/garmin-edge-820-bike.fit").read_bytes()
    archive = write_zip(tmp_path / "two.zip", {"a/run.fit": run, "b/ride.fit": ride})
    report = import_paths(store, store.athlete(), [archive], workers=1, max_total_bytes=len(run) + 10).as_json()
    assert [f["file"].rsplit(":", 1)[-1] for f in report["imported"]] == ["a/run.fit"]
    assert report["rejected"][0]["file"].endswith("b/ride.fit")
    assert "in all" in report["rejected"][0]["reason"]


def test_batches_are_bounded_in_bytes_as_well_as_files(store, tmp_path, monkeypatch):
    from kneecheck.importers import _run

    sizes: list[list[int]] = []
    real = _run._parse_all

    def spy(candidates, workers):
        sizes.append([len(c.data or b"") for c in candidates])
        return real(candidates, workers)

    monkeypatch.setattr(_run, "BATCH_BYTES", 300_000)
    monkeypatch.setattr(_run, "_parse_all", spy)
    import_paths(store, store.athlete(), [CORPUS / "fit"], workers=1)
    assert len(sizes) > 1
    assert all(sum(batch) <= 300_000 or len(batch) == 1 for batch in sizes)


@pytest.mark.parametrize(
    ("sub_sport", "surface"), [(1, "treadmill"), (2, "road_or_concrete"), (3, "trail"), (4, "track"), (0, None)]
)
def test_running_surface_comes_from_the_fit_sub_sport(sub_sport, surface):
    data = build_fit(datetime(2026, 3, 1, 7, tzinfo=UTC), sub_sport=sub_sport)
    activities, _ = read_activities("x.fit", data)
    assert activities[0].sport == "running"
    assert activities[0].surface == surface
    assert activities[0].distance_m == pytest.approx(5000)


def test_the_terminal_summary_counts_many_files_skipped_for_one_reason(tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    for n in range(10):
        (folder / f"photo-{n}.jpg").write_bytes(b"\xff\xd8")
    (folder / "run.fit").write_bytes((CORPUS / "fit/garmin-fenix-5-run.fit").read_bytes())
    done = kneecheck("load", "--db", str(tmp_path / "k.db"), "import", str(folder))
    assert done.returncode == 0, done.stderr
    assert "10 skipped" in done.stdout
    assert "and 7 more: not an activity file" in done.stdout
    listed = json.loads(kneecheck("load", "--db", str(tmp_path / "j.db"), "import", str(folder), "--json").stdout)
    assert len(listed["skipped"]) == 10


def test_a_bike_named_as_gear_is_not_a_pair_of_shoes(store, tmp_path):
    rows = (
        "date,sport,duration_min,distance_km,shoes\n"
        "2026-03-02,cycling,120,60,Canyon Endurace\n"
        "2026-03-03,running,40,8,Pegasus 40\n"
        "2026-03-04,walking,30,3,Pegasus 40\n"
    )
    (tmp_path / "log.csv").write_text(rows)
    import_paths(store, store.athlete(), [tmp_path / "log.csv"], workers=1)
    shoes = {s.name: s.distance_km for s in store.shoes(store.athlete())}
    assert shoes == {"Pegasus 40": pytest.approx(11.0)}
    kinds = dict(store.db.execute("SELECT name, kind FROM shoes").fetchall())
    assert kinds == {"Canyon Endurace": "bike", "Pegasus 40": "shoes"}


# ------------------------------------------------------------------ exports as the services write them
STRAVA_HEADER = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,"
    "Max Heart Rate,Relative Effort,Commute,Activity Private Note,Activity Gear,Filename,Athlete Weight,"
    "Bike Weight,Elapsed Time,Moving Time,Distance,Max Speed,Average Speed"
)
CZECH_HEADER = (
    "ID aktivity,Datum aktivity,Název aktivity,Typ aktivity,Popis aktivity,Uplynulý čas,Vzdálenost,"
    "Maximální tepová frekvence,Relativní úsilí,Dojíždění,Soukromá poznámka k aktivitě,Vybavení na aktivitu,"
    "Název souboru,Hmotnost sportovce,Hmotnost kola,Uplynulý čas,Aktivní čas,Vzdálenost,Maximální rychlost,"
    "Průměrná rychlost"
)


def strava_export(tmp_path: Path, header: str, rows: list[str]) -> Path:
    return write_zip(tmp_path / "export.zip", {"activities.csv": (header + "\n" + "\n".join(rows) + "\n").encode()})


def test_a_strava_export_reads_distances_by_position_whatever_the_display_units(store, tmp_path):
    rows = [
        # km user: 10.5 shown, 10500 m in the metric column
        '1,"Mar 2, 2026, 7:00:00 AM",Easy run,Run,,3000,10.50,,,false,,Pegasus 40,,,,3000,2950,10500.0,,',
        # miles user: 6.52 shown, the metric column says 10493 m
        '2,"Mar 4, 2026, 7:00:00 AM",Tempo,Run,,2900,6.52,,,false,,Pegasus 40,,,,2900,2900,10493.0,,',
        # a swim: shown in metres
        '3,"Mar 5, 2026, 6:00:00 PM",Pool,Swim,,2400,"1,500",,,false,,,,,,2400,2200,1500.0,,',
        # a ride with the bike as gear
        '4,"Mar 7, 2026, 9:00:00 AM",Long ride,Ride,,10800,80.2,,,false,,Canyon,,,,10800,10000,80200.0,,',
    ]
    report = import_paths(store, store.athlete(), [strava_export(tmp_path, STRAVA_HEADER, rows)], workers=1).as_json()
    assert report["rejected"] == [], report["rejected"]
    stored = store.db.execute("SELECT name, sport, distance_m, moving_s FROM activities ORDER BY start_utc").fetchall()
    assert [tuple(r) for r in stored] == [
        ("Easy run", "running", 10500.0, 2950.0),
        ("Tempo", "running", 10493.0, 2900.0),
        ("Pool", "swimming", 1500.0, 2200.0),
        ("Long ride", "cycling", 80200.0, 10000.0),
    ]
    assert {s.name: round(s.distance_km, 1) for s in store.shoes(store.athlete())} == {"Pegasus 40": 21.0}


def test_a_translated_strava_export_with_decimal_commas_and_day_first_dates(store, tmp_path):
    rows = [
        '5,"6. 9. 2026 11:18:40",Odpolední běh,Běh,,2400,"8,20",,,,,Boty,,,,2400.0,2350.0,8204.5,,',
        '6,"7. 9. 2026 08:00:00",Jízda do práce,Jízda,,1800,"12,00",,,,,Kolo,,,,1800.0,1700.0,12000.0,,',
    ]
    export = strava_export(tmp_path, CZECH_HEADER, rows)
    report = import_paths(store, store.athlete(time_zone="UTC"), [export], workers=1).as_json()
    assert report["rejected"] == [], report["rejected"]
    stored = store.db.execute("SELECT sport, local_date, distance_m FROM activities ORDER BY start_utc").fetchall()
    assert [tuple(r) for r in stored] == [("running", "2026-09-06", 8204.5), ("cycling", "2026-09-07", 12000.0)]
    assert dict(store.db.execute("SELECT name, kind FROM shoes").fetchall()) == {"Boty": "shoes", "Kolo": "bike"}


def test_strava_dates_are_utc_and_fall_on_the_athletes_local_day(store, tmp_path):
    rows = ['7,"Dec 31, 2025, 11:30:00 PM",New year run,Run,,1800,5.0,,,false,,,,,,1800,1800,5000.0,,']
    athlete = store.athlete("berlin", time_zone="Europe/Berlin")
    import_paths(store, athlete, [strava_export(tmp_path, STRAVA_HEADER, rows)], workers=1)
    start, day = store.db.execute("SELECT start_utc, local_date FROM activities").fetchone()
    assert (start, day) == ("2025-12-31T23:30:00Z", "2026-01-01")  # 00:30 in Berlin


def test_a_gpx_time_without_a_zone_is_utc_whatever_the_machine(store, tmp_path, monkeypatch):
    gpx = (
        '<?xml version="1.0"?><gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1"><trk>'
        "<type>running</type><trkseg>"
        '<trkpt lat="47.0" lon="8.0"><time>2026-03-02T07:00:00</time></trkpt>'
        '<trkpt lat="47.01" lon="8.0"><time>2026-03-02T07:10:00</time></trkpt>'
        "</trkseg></trk></gpx>"
    )
    (tmp_path / "run.gpx").write_text(gpx)
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    import_paths(store, store.athlete(time_zone="UTC"), [tmp_path / "run.gpx"], workers=1)
    assert store.db.execute("SELECT start_utc FROM activities").fetchone()[0] == "2026-03-02T07:00:00Z"


def test_the_devices_own_local_time_decides_the_day_and_a_new_zone_moves_only_derived_days(store, tmp_path):
    athlete = store.athlete("far", time_zone="Pacific/Kiritimati")  # UTC+14
    (tmp_path / "log.csv").write_text("date,sport,duration_min,distance_km\n2017-06-01,running,30,5\n")
    import_paths(store, athlete, [CORPUS / "fit/garmin-fenix-5-run.fit", tmp_path / "log.csv"], workers=1)
    days = dict(store.db.execute("SELECT source_file LIKE '%.fit', local_date FROM activities").fetchall())
    # started 14:34 UTC; the watch said UTC-7 (07:34 on the 11th), not the athlete's +14 (04:34 on the 12th)
    assert days == {1: "2017-06-11", 0: "2017-06-01"}
    # a workout whose day came from the zone alone: 23:30 UTC is 13:30 on the 21st at UTC+14
    derived = store.db.execute(
        "INSERT INTO activities (athlete_id, sport, start_utc, local_date) VALUES (?, 'running', "
        "'2017-06-20T23:30:00Z', '2017-06-21') RETURNING id",
        (athlete.id,),
    ).fetchone()[0]
    athlete, moved = store.set_time_zone(athlete, "America/New_York")
    assert moved == 1 and athlete.time_zone == "America/New_York"
    assert store.db.execute("SELECT local_date FROM activities WHERE id = ?", (derived,)).fetchone()[0] == "2017-06-20"
    days = dict(
        store.db.execute("SELECT source_file LIKE '%.fit', local_date FROM activities WHERE id != ?", (derived,))
    )
    assert days == {1: "2017-06-11", 0: "2017-06-01"}  # the days the files state stay
    with pytest.raises(ValueError, match="not a time zone"):
        store.set_time_zone(athlete, "Mars/Olympus")


def test_two_runs_on_one_day_stay_two_and_an_edited_log_replaces_its_earlier_copy(store, tmp_path):
    log = tmp_path / "log.csv"
    log.write_text(
        "date,sport,duration_min,distance_km\n2026-03-02,running,30,5\n2026-03-02,running,45,8\n2026-03-03,cycling,60,25\n"
    )
    athlete = store.athlete()
    first = import_paths(store, athlete, [log], workers=1).as_json()
    assert len(first["imported"][0]["activities"]) == 3
    rows = store.db.execute("SELECT start_utc, distance_m FROM activities ORDER BY start_utc").fetchall()
    assert [tuple(r) for r in rows][:2] == [("2026-03-02T12:00:00Z", 5000.0), ("2026-03-02T12:01:00Z", 8000.0)]
    # the person corrects the second run and drops the ride
    log.write_text("date,sport,duration_min,distance_km\n2026-03-02,running,30,5\n2026-03-02,running,45,9\n")
    again = import_paths(store, athlete, [log], workers=1).as_json()
    assert "an edited copy: replaces the 3 workouts its earlier copy brought" in again["imported"][0]["note"]
    rows = store.db.execute("SELECT sport, distance_m FROM activities ORDER BY start_utc").fetchall()
    assert [tuple(r) for r in rows] == [("running", 5000.0), ("running", 9000.0)]
    assert store.db.execute("SELECT count(*) FROM imported_files").fetchone()[0] == 1


@pytest.mark.parametrize(
    ("sport_tag", "degrees_a_minute"),
    [("<type>running</type>", 0.01), ("", 0.015)],  # a "run" at about 67 km/h; no sport, about 100 km/h
)
def test_a_drive_recorded_as_a_workout_is_refused_as_a_vehicle(store, tmp_path, sport_tag, degrees_a_minute):
    points = "".join(
        f'<trkpt lat="{47 + i * degrees_a_minute:.3f}" lon="8.0"><time>2026-03-02T07:{i:02d}:00Z</time></trkpt>'
        for i in range(40)
    )
    gpx = (
        '<?xml version="1.0"?><gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1">'
        f"<trk>{sport_tag}<trkseg>{points}</trkseg></trk></gpx>"
    )
    (tmp_path / "drive.gpx").write_text(gpx)
    report = import_paths(store, store.athlete(), [tmp_path / "drive.gpx"], workers=1).as_json()
    assert "a vehicle, not a workout" in report["rejected"][0]["reason"]
    assert store.db.execute("SELECT count(*) FROM activities").fetchone()[0] == 0


def test_a_watch_that_died_mid_run_leaves_records_that_are_read_up_to_the_cut():
    start = datetime(2026, 3, 1, 7, tzinfo=UTC)
    samples = [(start + timedelta(seconds=10 * i), 30.0 * i) for i in range(100)]
    whole = build_fit(start, samples=samples, session=False)
    cut = whole[: len(whole) - 2 - 9 * 30 - 4]  # the last 30 records, the checksum and a torn message are gone
    activities, notes = read_activities("died.fit", cut)
    assert notes and notes[0].startswith("partial:")
    assert activities[0].start_time_utc == start
    assert activities[0].elapsed_s == pytest.approx(10 * 68)  # records 0-68 survive whole, 69 is torn
    assert activities[0].distance_m == pytest.approx(30.0 * 68)


def test_a_different_log_that_shares_a_name_is_kept_beside_the_first(store, tmp_path):
    log = tmp_path / "log.csv"
    log.write_text("date,sport,duration_min,distance_km\n2026-01-05,running,30,5\n2026-01-07,running,30,5\n")
    athlete = store.athlete()
    import_paths(store, athlete, [log], workers=1)
    log.write_text("date,sport,duration_min,distance_km\n2026-02-02,running,40,7\n2026-02-04,running,40,7\n")
    second = import_paths(store, athlete, [log], workers=1).as_json()
    assert "replaces" not in (second["imported"][0].get("note") or "")
    assert store.db.execute("SELECT count(*) FROM activities").fetchone()[0] == 4  # January kept


def test_a_csv_with_a_stray_carriage_return_is_read_or_refused_never_an_error(store, tmp_path):
    """Found by the API fuzz test: a bare carriage return inside a comma-separated text made the CSV
    reader raise, and the upload answered 500. Each such file is now read, skipped or refused, and
    the others of the import go on."""
    odd = tmp_path / "odd"
    odd.write_bytes(b":\x0c\xeb\x92\xaa\xc3\x972\r,:Y#")
    stream = tmp_path / "stream.csv"
    stream.write_bytes(b"Minutes,Km\r1,0.2\r2,0.4\r")
    good = tmp_path / "good.csv"  # old Mac line ends: read as lines, not an error
    good.write_bytes(b"date,sport,duration_min\r2026-11-20,running,30\r2026-11-22,running,40\r")
    report = import_paths(store, store.athlete(), [odd, stream, good], workers=1).as_json()
    seen = {Path(r["file"]).name for key in ("imported", "skipped", "rejected") for r in report[key]}
    assert {"odd", "stream.csv", "good.csv"} <= seen
    assert any(Path(r["file"]).name == "good.csv" for r in report["imported"])
