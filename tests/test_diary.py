"""The pain diary on real SQLite files: the follow-up rules, their trend, and bad input."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from conftest import kneecheck
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from kneecheck.diary import PainEntry, check, trend
from kneecheck.store import Store

T0 = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)


def entry(hours: float, pain: int, **extra) -> PainEntry:
    return PainEntry(at=T0 + timedelta(hours=hours), pain_now=pain, **extra)


def fired(entries) -> dict[str, list[int]]:
    return {e.rule: e.entries for e in check(entries)}


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "k.sqlite3") as s:
        yield s


def saved(store, *entries: PainEntry) -> list[PainEntry]:
    athlete = store.athlete()
    for e in entries:
        store.add_entry(athlete, e)
    return store.entries(athlete)


def test_pain_over_48_hours_without_a_meaningful_fall_is_a_visit_naming_its_entries(store):
    diary = saved(store, entry(0, 6), entry(30, 6), entry(50, 5))
    found = check(diary)
    assert [e.rule for e in found] == ["not_improving_after_48h"]
    assert found[0].urgency == "routine" and found[0].entries == [d.id for d in diary]
    assert "pain 6/10 on 02 Nov 08:00 UTC, 5/10 50 hours later" in found[0].text
    assert found[0].source.startswith("Expert estimate") and "Farrar" in found[0].source


@pytest.mark.parametrize(
    ("first", "last", "fires"),
    [(6, 4, False), (6, 5, True), (3, 2, False), (10, 8, False), (8, 7, True)],
    ids=["2 points", "1 point", "33 percent", "2 of 10", "12 percent"],
)
def test_a_fall_of_2_points_or_30_percent_is_an_improvement(first, last, fires):
    assert ("not_improving_after_48h" in fired([entry(0, first), entry(60, last)])) is fires


def test_a_pain_free_entry_ends_the_episode():
    assert fired([entry(0, 6), entry(24, 0), entry(50, 5), entry(60, 5)]) == {}


def test_swelling_on_entries_a_day_apart_and_night_waking_are_visits():
    same_day = [entry(0, 3, swelling="mild"), entry(10, 3, swelling="mild")]
    assert "swelling_warmth_or_redness_persisting" not in fired(same_day)
    apart = [entry(0, 3, swelling="mild"), entry(30, 2, warm_or_red=True)]
    assert "swelling_warmth_or_redness_persisting" in fired(apart)
    assert "night_waking_or_daily_tasks" in fired([entry(0, 4, woke_at_night=True)])


def test_a_new_warning_sign_runs_the_triage_again(tmp_path):
    db = str(tmp_path / "k.db")
    done = kneecheck("diary", "--db", db, "add", "--pain", "7", "--sign", "can_bear_weight=no", "--json")
    assert done.returncode == 0, done.stderr
    follow = json.loads(done.stdout)["follow_up"]
    assert follow[0]["rule"] == "new_warning_sign" and follow[0]["urgency"] in ("urgent", "emergency")
    assert "can bear weight: no" in follow[0]["text"]


def test_the_trend_uses_the_same_meaningful_change():
    assert trend([entry(0, 7), entry(24, 6), entry(48, 4), entry(72, 3)]).direction == "improving"
    assert trend([entry(0, 3), entry(24, 4), entry(48, 6)]).direction == "worsening"
    steady = trend([entry(0, 5), entry(24, 5), entry(48, 4), entry(72, 5)])
    assert steady.direction == "stable" and steady.slope_per_day is not None
    assert trend([entry(0, 5)]).direction == "too few entries"


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 400), st.integers(0, 10), st.booleans(), st.booleans()),
        min_size=1,
        max_size=12,
        unique_by=lambda t: t[0],
    ),
    st.randoms(),
)
def test_the_rules_do_not_depend_on_the_order_entries_were_added(tmp_path_factory, rows, rng):
    entries = [entry(h, p, swelling="mild" if s else "none", woke_at_night=w) for h, p, s, w in rows]
    results = []
    for attempt in range(2):
        shuffled = entries[:]
        rng.shuffle(shuffled)
        with Store(tmp_path_factory.mktemp("order") / f"k{attempt}.db") as store:
            diary = saved(store, *shuffled)
            by_id = {e.id: e.at for e in diary}
            results.append({(e.rule, e.urgency, tuple(sorted(by_id[i] for i in e.entries))) for e in check(diary)})
            results.append(trend(diary))
    assert results[0] == results[2] and results[1] == results[3]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"pain_now": 11}, "less than or equal to 10"),
        ({"pain_now": 3, "at": datetime.now(UTC) + timedelta(days=30)}, "in the future"),
        ({"pain_now": 3, "where": ["elbow"]}, "unknown places"),
        ({"pain_now": 5, "pain_worst_24h": 2}, "cannot be less than the pain now"),
        ({"pain_now": 3, "signs": {"can_bear_weight": "perhaps"}}, "must be one of"),
    ],
)
def test_bad_entries_are_refused_with_a_reason(fields, message):
    with pytest.raises(ValidationError, match=message):
        PainEntry(**fields)


def test_the_diary_commands_store_list_edit_delete_and_refuse_without_storing(tmp_path):
    db = str(tmp_path / "k.db")

    def kc(*args: str):
        return kneecheck("diary", "--db", db, *args)

    assert (
        kc("add", "--pain", "6", "--at", "2026-11-20 08:00", "--swelling", "mild", "--where", "outside").returncode == 0
    )
    assert kc("add", "--pain", "6", "--at", "2026-11-23 08:00", "--notes", "after a long run").returncode == 0
    listed = json.loads(kc("list", "--json").stdout)
    assert [e["pain_now"] for e in listed] == [6, 6] and listed[0]["where"] == ["outside"]
    checked = json.loads(kc("check", "--json").stdout)
    assert [f["rule"] for f in checked["follow_up"]] == ["not_improving_after_48h"]
    assert kc("edit", str(listed[1]["id"]), "--pain", "3").returncode == 0
    assert json.loads(kc("check", "--json").stdout)["follow_up"] == []  # 6 -> 3 is a meaningful fall
    assert kc("delete", str(listed[0]["id"])).returncode == 0
    assert len(json.loads(kc("list", "--json").stdout)) == 1
    refused = kc("add", "--pain", "4", "--at", "2031-01-01 08:00")
    assert refused.returncode == 2 and "in the future - nothing stored" in refused.stderr
    assert kc("edit", "999", "--pain", "2").returncode == 2
    nobody = kneecheck("diary", "--db", db, "--athlete", "nobody", "add", "--pain", "3")
    assert nobody.returncode == 2 and "no athlete named 'nobody'" in nobody.stderr
    assert len(json.loads(kc("list", "--json").stdout)) == 1


def test_assessments_are_kept_with_their_answers_text_and_knowledge_version(tmp_path):
    db = str(tmp_path / "k.db")
    words = "I'm 35, my knee aches around the kneecap on stairs, 3 weeks now"
    assert kneecheck("assess", "--db", db, "--text", words).returncode == 0
    assert kneecheck("assess", "--db", db, "--text", words, "--no-save").returncode == 0
    kept = json.loads(kneecheck("history", "--db", db, "--json").stdout)
    assert len(kept) == 1
    assert kept[0]["text"] == words and kept[0]["answers"]["age"] == 35
    assert kept[0]["knowledge_version"] and kept[0]["urgency"] in ("routine", "self_care")
    assert kept[0]["top_condition"] == "patellofemoral_pain"
