"""The `kneecheck` command as a person or a script runs it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import ENCODED_VIGNETTES, kneecheck

from kneecheck import Answers
from kneecheck.triage import Questionnaire, default_engine

CONTRACT_KEYS = {
    "urgency",
    "urgency_reasons",
    "conditions",
    "training_factors",
    "advice",
    "understood",
    "missing",
    "knowledge_version",
    "disclaimer",
}


run = kneecheck


def write(tmp_path: Path, content: str) -> Path:
    path = tmp_path / "answers.json"
    path.write_text(content)
    return path


def test_assess_json_prints_the_contract(tmp_path):
    path = write(
        tmp_path,
        json.dumps(
            {
                "age": 23,
                "how_it_started": ["twist_or_pivot"],
                "pop": "yes",
                "giving_way": "yes",
                "swelling": "pronounced",
                "swelling_onset": "within_2_hours",
                "can_bear_weight": "yes",
                "sports": ["field_sports"],
                "weekly_volume_increase_pct": 35,
            }
        ),
    )
    done = run("assess", "--answers", str(path), "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert set(result) >= CONTRACT_KEYS
    assert result["urgency"] == "urgent"
    assert {"rule", "text", "source"} <= set(result["urgency_reasons"][0])
    top = result["conditions"][0]
    assert top["id"] == "acl_tear"
    assert {"id", "name", "probability", "why"} <= set(top)
    assert {"finding", "effect", "weight"} <= set(top["why"][0])
    assert result["training_factors"][0]["id"] == "too_much_too_soon"
    assert {"now", "avoid", "recheck", "prevention"} <= set(result["advice"])


def test_emergency_exits_zero_and_shows_the_banner_in_words(tmp_path):
    path = write(tmp_path, json.dumps({"deformity": "yes"}))
    done = run("assess", "--answers", str(path))
    assert done.returncode == 0
    assert "EMERGENCY" in done.stdout
    assert "not a diagnosis" in done.stdout


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"age": 300}', "age:"),
        ('{"age": 30, "knee_colour": "blue"}', "knee_colour: unknown field"),
        ('{"swelling": "huge"}', "swelling: must be"),
        ('{"age": 30,', "not valid JSON"),
        ("[1, 2]", "must be a JSON object"),
        ('{"how_it_started": ["no_injury", "fall"]}', "how_it_started"),
    ],
)
def test_invalid_answers_exit_2_with_one_line_naming_the_problem(tmp_path, content, expected):
    path = write(tmp_path, content)
    done = run("assess", "--answers", str(path), "--json")
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("kneecheck: ") and expected in lines[0]
    assert "Traceback" not in done.stderr


def test_missing_answers_file_is_a_clear_error(tmp_path):
    done = run("assess", "--answers", str(tmp_path / "nope.json"))
    assert done.returncode == 2
    assert "no such file" in done.stderr


def test_schema_answers_is_the_published_json_schema():
    done = run("schema", "answers")
    assert done.returncode == 0
    schema = json.loads(done.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert set(schema["properties"]) == set(Answers.model_fields)
    assert "four steps" in schema["properties"]["can_bear_weight"]["description"]
    validator = jsonschema.Draft202012Validator(schema)
    for vignette in yaml.safe_load(ENCODED_VIGNETTES.read_text()):
        validator.validate(vignette["answers"])
    for bad in ({"giving_way": "maybe"}, {"age": 300}, {"knee_colour": "blue"}):
        assert not validator.is_valid(bad), bad


# The interview opens with age, how it started, how long ago and the trend, then the warning signs;
# the fifth question is "can you take four steps".
# The interview: optional free text, then age, how it started, how long ago, the trend and swelling,
# then the warning-sign checklists, then the questions that best separate the causes.
NO_TEXT_NOTHING_KNOWN = "\n" + "\n" * 6  # skip the free text, "don't know" to the six openers


def test_interactive_assessment_asks_warning_signs_first_and_accepts_dont_know():
    # emergency checklist: none of these; urgent checklist: 1) cannot take four steps
    done = run("assess", stdin=NO_TEXT_NOTHING_KNOWN + "0\n1\n" + "\n" * 40)
    assert done.returncode == 0, done.stderr
    # the openers (age, start, onset, trend, swelling, where) come first, then the warning signs,
    # and only then what separates the causes
    assert done.stdout.index("Where does it hurt?") < done.stdout.index("cannot take four steps")
    assert done.stdout.index("cannot take four steps") < done.stdout.index("Which sports or activities")
    assert "URGENT" in done.stdout
    asked = int(done.stdout.split(" questions asked")[0].rsplit(None, 1)[-1])
    assert 5 < asked <= 16


def test_interactive_assessment_skips_injury_questions_when_there_was_no_injury():
    after_injury = run("assess", stdin="\n30\n2\n" + "\n" * 40)  # 2) a twist or pivot
    no_injury = run("assess", stdin="\n30\n1\n" + "\n" * 40)  # 1) no injury
    assert "After the injury" in after_injury.stdout
    assert "After the injury" not in no_injury.stdout
    assert "URGENT" not in no_injury.stdout and "EMERGENCY" not in no_injury.stdout


def test_interactive_assessment_re_asks_after_a_bad_reply():
    done = run("assess", stdin=NO_TEXT_NOTHING_KNOWN + "maybe\n0\n1\n" + "\n" * 40)
    assert done.returncode == 0
    first_checklist = Questionnaire(default_engine()).checklists[0]
    assert f"choose numbers from 1 to {len(first_checklist.items)}" in done.stdout
    assert "URGENT" in done.stdout


def test_eval_json_gives_the_figures():
    done = run("eval", str(ENCODED_VIGNETTES), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["n"] == 60
    for key in (
        "urgency_exact",
        "under_triage",
        "under_triage_serious",
        "over_triage",
        "top1",
        "top3",
    ):
        assert key in report
    assert isinstance(report["under_triage"], int) and 0 <= report["top1"] <= 1


def test_eval_from_text_reads_on_the_day_given(tmp_path):
    """A weekday in a text counts back from the day the text is read, so figures from text are
    stated with their day (--as-of); the same day gives the same figures."""
    vignette = {
        "id": "day-1",
        "text": "My knee has ached since Saturday after parkrun.",
        "gold_urgency": "self_care",
        "acceptable_urgency": ["self_care", "routine"],
        "gold_condition": "patellofemoral_pain",
        "answers": {"hours_since_onset": 72},
    }
    path = tmp_path / "one.yaml"
    path.write_text(yaml.safe_dump([vignette]), encoding="utf-8")

    def recall(day: str) -> float:
        done = run("eval", str(path), "--from-text", "--json", "--as-of", day)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)["finding_recall"]

    assert recall("2026-11-24") == 1.0  # a Tuesday: Saturday was 72 hours before
    assert recall("2026-11-27") == 0.0  # a Friday: six days
    bad = run("eval", str(path), "--from-text", "--as-of", "tuesday")
    assert bad.returncode != 0 and "--as-of" in bad.stderr


def test_eval_details_prints_a_row_per_vignette():
    done = run("eval", str(ENCODED_VIGNETTES), "--details")
    assert done.returncode == 0
    assert "dev-060" in done.stdout and "urgency within the acceptable set" in done.stdout


def test_interactive_duration_accepts_days_and_weeks():
    # age, no injury, "3 weeks", trend about the same: pain over 48 hours that is not improving
    done = run("assess", stdin="\n30\n1\n3 weeks\n2\n1\n" + "\n" * 40)
    assert done.returncode == 0, done.stderr
    assert "more than 48 hours" in done.stdout
    assert "type a number of hours" not in done.stdout


def test_the_prompts_take_answers_as_people_type_them():
    from kneecheck.cli import _parse_reply
    from kneecheck.knowledge import load_knowledge

    kb = load_knowledge()
    assert _parse_reply(kb.question("age"), "number", "35 years") == 35
    assert _parse_reply(kb.question("how_it_started"), "list", "no injury") == ["no_injury"]
    assert _parse_reply(kb.question("how_it_started"), "list", "a twist") == ["twist_or_pivot"]
    assert _parse_reply(kb.question("hours_since_onset"), "duration", "a fortnight") == 336


def test_a_question_that_does_not_apply_is_not_listed_as_missing():
    from kneecheck import assess

    result = assess({"swelling": "none", "how_it_started": ["twist_or_pivot"], "hours_since_onset": 24})
    assert "swelling_onset" not in result.missing_fields
