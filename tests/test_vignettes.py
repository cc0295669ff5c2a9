"""The engine against the development vignettes: the accuracy bar from the triage issue."""

from __future__ import annotations

import pytest
import yaml
from conftest import ENCODED_VIGNETTES, SHARED_VIGNETTES

from kneecheck.evaluation import evaluate_vignettes


@pytest.fixture(scope="module")
def report():
    return evaluate_vignettes(yaml.safe_load(ENCODED_VIGNETTES.read_text()))


def test_no_urgent_or_emergency_case_is_under_triaged(report):
    assert report.under_triage_serious == 0, report.under_triage_ids


def test_no_case_at_all_is_under_triaged(report):
    assert report.under_triage == 0, report.under_triage_ids


def test_urgency_is_exact_in_at_least_85_percent(report):
    assert report.urgency_exact >= 0.85


def test_top3_contains_an_accepted_cause_in_at_least_85_percent(report):
    assert report.top3 >= 0.85


def test_top1_is_an_accepted_cause_in_at_least_65_percent(report):
    assert report.top1 >= 0.65


def test_every_emergency_is_called_an_emergency(report):
    missed = [d.id for d in report.details if d.gold_urgency == "emergency" and d.urgency != "emergency"]
    assert missed == []


@pytest.mark.skipif(not SHARED_VIGNETTES.exists(), reason="the shared development set is not beside this clone")
def test_encoded_copy_keeps_the_gold_labels_of_the_shared_set():
    shared = {v["id"]: v for v in yaml.safe_load(SHARED_VIGNETTES.read_text())}
    ours = yaml.safe_load(ENCODED_VIGNETTES.read_text())
    assert [v["id"] for v in ours] == list(shared)
    for v in ours:
        source = shared[v["id"]]
        for key in ("gold_urgency", "gold_condition", "acceptable_conditions", "facts"):
            assert v[key] == source.get(key), (v["id"], key)
