"""The plan: the 10 % ceiling and easier weeks on real imported histories, exercises that never
go against a condition, pain-guided updates, and a calendar file a calendar library reads."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from conftest import CORPUS, kneecheck

from kneecheck.diary import PainEntry
from kneecheck.importers import import_paths
from kneecheck.knowledge import load_knowledge
from kneecheck.load import Session
from kneecheck.plan import PlanRefused, build_plan, to_ics, update
from kneecheck.store import Store

KB = load_knowledge()
START = date(2026, 11, 30)


def check_ceiling(plan) -> None:
    rules = KB.plan
    for i, week in enumerate(plan.weeks):
        assert week.easier == (week.number % rules.easier_every == 0)
        for sport, minutes in week.targets.items():
            if i == 0:
                continue
            if week.easier:
                assert minutes == pytest.approx(plan.weeks[i - 1].targets[sport] * rules.easier_share, abs=0.06)
            else:
                highest = max(w.targets[sport] for w in plan.weeks[:i])
                assert minutes <= highest * (1 + rules.weekly_increase) + 0.06


@pytest.mark.skipif(not CORPUS.exists(), reason="the shared activity corpus is not beside this clone")
def test_the_10_percent_ceiling_and_easier_weeks_on_a_real_imported_history(tmp_path):
    with Store(tmp_path / "k.db") as store:
        athlete = store.athlete()
        import_paths(store, athlete, [CORPUS / "fit"], workers=1)
        starts = date(2015, 8, 31)  # after a run and a multisport day with running in August 2015
        sessions = store.sessions(athlete, since=starts - timedelta(days=28))
    assert any(s.sport == "running" for s in sessions)
    plan = build_plan(urgency="self_care", conditions=[("patellofemoral_pain", 0.8)], sessions=sessions,
                      starts=starts, weeks=12)  # fmt: skip
    assert plan.weeks[0].targets["running"] > 0 and "in the 4 weeks before" in plan.reasons[0]
    check_ceiling(plan)


def test_no_history_gets_a_sensible_start_with_its_reason():
    plan = build_plan(urgency="self_care", conditions=[("itb_syndrome", 0.7)], sessions=[], starts=START)
    assert plan.weeks[0].targets == {"running": 60.0}
    assert plan.reasons[0].startswith("no running recorded in the 4 weeks before")
    check_ceiling(plan)


@pytest.mark.parametrize("condition", [c.id for c in KB.conditions])
def test_an_exercise_ruled_out_for_a_condition_never_appears_for_it(condition):
    plan = build_plan(urgency="self_care", conditions=[(condition, 0.9)], sessions=[], starts=START)
    chosen = {i.exercise for i in plan.warm_up + plan.strength + plan.cool_down}
    banned = {x.id for x in KB.exercises if condition in x.avoid}
    assert not chosen & banned
    assert len(plan.warm_up) >= 3 and len(plan.strength) >= 5 and len(plan.cool_down) >= 3


def test_the_plan_fits_the_condition_and_is_withheld_when_urgent():
    tendon = build_plan(urgency="self_care", conditions=[("patellar_tendinopathy", 0.8)], sessions=[], starts=START)
    names = {i.exercise for i in tendon.strength}
    assert {"wall_sit", "spanish_squat"} & names and "high_knees" not in {i.exercise for i in tendon.warm_up}
    with pytest.raises(PlanRefused, match="see a clinician first"):
        build_plan(urgency="urgent", conditions=[("acl_tear", 0.6)], sessions=[], starts=START)
    bridge = build_plan(urgency="routine", conditions=[("patellofemoral_pain", 0.6)], sessions=[], starts=START)
    assert bridge.bridge is not None and bridge.bridge.startswith("A bridge until your visit")


@pytest.mark.parametrize(
    ("pain", "decision", "share"),
    [(2, "progress", 1.1), (4, "hold", 1.0), (7, "step back", 0.8)],
)
def test_the_pain_rule_decides_the_next_week(pain, decision, share):
    PAST = date(2026, 10, 5)
    runs = [Session(PAST - timedelta(days=d), "running", 1800, 5000) for d in range(1, 28, 2)]
    plan = build_plan(urgency="self_care", conditions=[("patellofemoral_pain", 0.8)], sessions=runs, starts=PAST)
    first = plan.weeks[0].targets["running"]
    entries = [PainEntry(at=datetime.combine(PAST + timedelta(days=d), datetime.min.time(), UTC), pain_now=pain)
               for d in (1, 3)]  # fmt: skip
    updated = update(plan, entries, PAST + timedelta(days=8))
    assert updated.weeks[0].decision is not None and updated.weeks[0].decision.startswith(decision)
    assert updated.weeks[1].targets["running"] == pytest.approx(first * share, abs=0.11)
    check_ceiling(updated)


def test_the_calendar_file_is_read_by_a_calendar_library():
    from icalendar import Calendar

    plan = build_plan(urgency="self_care", conditions=[("itb_syndrome", 0.7)], sessions=[], starts=START)
    calendar = Calendar.from_ical(to_ics(plan, "20261126T120000Z"))
    events = [c for c in calendar.walk("VEVENT")]
    strength = [e for e in events if "strength session" in str(e.get("SUMMARY"))]
    assert len(strength) == sum(w.strength_sessions for w in plan.weeks)
    first = min(e.decoded("DTSTART") for e in events)
    assert first == START
    assert "Side-lying leg raise" in str(strength[0].get("DESCRIPTION"))


def test_kneecheck_plan_from_the_kept_assessment_then_updated_from_the_diary(tmp_path):
    db = str(tmp_path / "k.db")
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"age": 30, "how_it_started": ["no_injury"], "hours_since_onset": 72,
                                   "where": ["outside"], "sports": ["running"], "trend": "better",
                                   "swelling": "none", "can_bear_weight": "yes"}))  # fmt: skip
    assert kneecheck("assess", "--db", db, "--answers", str(answers)).returncode == 0
    start = date.today() - timedelta(days=14)
    made = kneecheck("plan", "--db", db, "--start", str(start), "--json", "--ics", str(tmp_path / "p.ics"))
    assert made.returncode == 0, made.stderr
    plan = json.loads(made.stdout)
    assert plan["weeks"][0]["targets"] == {"running": 60.0} and (tmp_path / "p.ics").exists()
    for back in (12, 10):
        assert (
            kneecheck(
                "diary", "--db", db, "add", "--pain", "6", "--at", f"{date.today() - timedelta(days=back)} 08:00"
            ).returncode
            == 0
        )
    updated = json.loads(kneecheck("plan", "--db", db, "--update", "--json").stdout)
    assert updated["weeks"][0]["decision"].startswith("step back")
    assert updated["weeks"][1]["targets"]["running"] == pytest.approx(48.0)


def test_a_jumping_athlete_gets_jumping_targets_and_harder_strength_after_the_first_easier_week():
    games = [Session(START - timedelta(days=d), "basketball", 3600) for d in range(1, 28, 3)]
    plan = build_plan(urgency="self_care", conditions=[("patellar_tendinopathy", 0.7)], sessions=games, starts=START)
    assert set(plan.weeks[0].targets) == {"jumping"}  # no running imposed on a basketball player
    assert plan.weeks[0].targets["jumping"] == pytest.approx(round(9 * 60 / 4 * 0.8, 1))
    assert [w.strength_level for w in plan.weeks[:5]] == ["base", "base", "base", "base", "harder"]
    assert all(i.harder for i in plan.strength)
    check_ceiling(plan)
