"""The knowledge base: complete, cited, and refused when broken."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest
import yaml

from kneecheck.answers import Answers
from kneecheck.knowledge import EXPERT, KnowledgeError, load_knowledge

DESIGN_CONDITION_IDS = {
    "patellofemoral_pain",
    "patellar_tendinopathy",
    "itb_syndrome",
    "pes_anserine_bursitis",
    "quadriceps_tendinopathy",
    "hamstring_tendinopathy",
    "osgood_schlatter",
    "sinding_larsen_johansson",
    "meniscal_tear",
    "acl_tear",
    "mcl_sprain",
    "patellar_dislocation",
    "fracture",
    "quadriceps_or_patellar_tendon_rupture",
    "septic_arthritis",
    "gout_or_pseudogout",
    "knee_osteoarthritis",
    "prepatellar_bursitis",
    "bakers_cyst",
    "dvt",
    "referred_hip_pain",
    "delayed_onset_muscle_soreness",
    "plica_syndrome",
}


def test_every_condition_id_in_the_design_is_modelled():
    modelled = {c.id for c in load_knowledge().conditions}
    assert modelled >= DESIGN_CONDITION_IDS


def test_every_entry_has_a_source_and_expert_estimates_say_why():
    kb = load_knowledge()
    entries = kb.cited_entries()
    assert len(entries) > 250
    for label, entry in entries:
        assert entry.source == EXPERT or entry.source in kb.sources, label
        if entry.source == EXPERT:
            assert entry.basis and len(entry.basis) >= 20, label
    for condition in kb.conditions:
        assert condition.sources and all(s in kb.sources for s in condition.sources), condition.id


def test_every_source_is_a_full_reference():
    for source_id, source in load_knowledge().sources.items():
        assert source.authors and source.title and source.published_in, source_id


def test_conditions_carry_what_the_issue_asks_for():
    kb = load_knowledge()
    contexts = set(kb.manifest.contexts)
    assert {"running", "jumping", "cycling", "gym", "general"} <= contexts
    assert {"adolescent", "over_50"} <= set(kb.manifest.age_bands)
    for c in kb.conditions:
        assert c.name and c.lay_name and c.icd10 and c.description, c.id
        assert set(c.priors) == contexts and all(p > 0 for p in c.priors.values()), c.id
        assert len(c.likelihood_ratios) >= 5, c.id
        assert c.self_care and c.avoid and c.see.who and c.see.when, c.id


def test_every_answer_has_a_question_with_lay_wording():
    kb = load_knowledge()
    assert sorted(q.field for q in kb.questions) == sorted(Answers.model_fields)
    for q in kb.questions:
        assert "?" in q.question and q.help, q.field


def test_red_flag_rules_never_use_not():
    # `not` over a red-flag answer could make a "yes" lower the urgency.
    kb = load_knowledge()

    def uses_not(test):
        return test.not_ is not None or any(uses_not(c) for c in test.children())

    def findings_used(test, seen):
        if test.finding is not None and test.finding not in seen:
            seen.add(test.finding)
            findings_used(kb.findings[test.finding].when, seen)
        for child in test.children():
            findings_used(child, seen)
        return seen

    assert not any(uses_not(r.when) for r in kb.red_flags)
    # findings that only rank causes may use `not` (the ACL "_only" combinations); none a rule uses may
    used = set()
    for rule in kb.red_flags:
        findings_used(rule.when, used)
    assert used and not any(uses_not(kb.findings[name].when) for name in used)


def _broken_copy(tmp_path: Path, name: str, edit) -> Path:
    folder = tmp_path / "knowledge"
    shutil.copytree(
        Path(str(resources.files("kneecheck.knowledge"))),
        folder,
        ignore=shutil.ignore_patterns("*.py", "__pycache__"),
    )
    path = folder / name
    data = yaml.safe_load(path.read_text())
    edit(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return folder


def test_a_likelihood_ratio_without_a_known_source_is_refused(tmp_path):
    def edit(conditions):
        conditions[0]["likelihood_ratios"][0]["source"] = "nobody2099"

    folder = _broken_copy(tmp_path, "conditions.yaml", edit)
    with pytest.raises(KnowledgeError, match="nobody2099"):
        load_knowledge(str(folder))


def test_an_expert_estimate_without_a_basis_is_refused(tmp_path):
    def edit(conditions):
        conditions[0]["likelihood_ratios"][0].update(source="expert", basis="")

    folder = _broken_copy(tmp_path, "conditions.yaml", edit)
    with pytest.raises(KnowledgeError, match=r"conditions\.yaml"):
        load_knowledge(str(folder))


def test_a_rule_over_an_unknown_answer_value_is_refused(tmp_path):
    def edit(rules):
        rules[0]["when"] = {"field": "swelling", "is": "enormous"}

    folder = _broken_copy(tmp_path, "red_flags.yaml", edit)
    with pytest.raises(KnowledgeError, match=r"red_flags\.yaml.*enormous"):
        load_knowledge(str(folder))


def test_a_finding_referring_to_an_undefined_finding_is_refused(tmp_path):
    def edit(findings):
        findings["pain_around_kneecap"]["when"] = {"finding": "no_such_finding"}

    folder = _broken_copy(tmp_path, "findings.yaml", edit)
    with pytest.raises(KnowledgeError, match="no_such_finding"):
        load_knowledge(str(folder))


def test_the_readme_lists_every_red_flag_rule_as_the_data_has_it(root):
    from kneecheck.knowledge import red_flag_table

    assert red_flag_table() in (root / "README.md").read_text(encoding="utf-8")


def test_the_readers_numbers_cite_a_source_the_bibliography_has():
    from kneecheck.understand._resources import text_resource

    numbers = text_resource("numbers.yaml")
    assert numbers["fever_source"] in load_knowledge().sources
    assert numbers["no_fever_basis"]
    assert numbers["older_adult_source"] in load_knowledge().sources
    assert numbers["recent_operation_source"] in load_knowledge().sources
    assert numbers["low_oxygen_source"] in load_knowledge().sources


def test_the_fast_yaml_loader_reads_every_shipped_file_as_the_pure_python_one_does(root):
    """Start-up reads the knowledge base with libyaml's safe loader when PyYAML has it; every shipped
    file must read the same as with the pure-Python safe loader."""
    import yaml

    from kneecheck.knowledge._yaml import load_yaml

    files = sorted((root / "src" / "kneecheck" / "knowledge").rglob("*.yaml"))
    assert len(files) > 15
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert load_yaml(text) == yaml.safe_load(text), path.name
