"""The knowledge base: versioned YAML data with sources, validated when it is loaded.

A physio can correct a likelihood ratio or a rule in the YAML files beside this module without
reading Python; `load_knowledge()` refuses a file that names an unknown answer, finding or source.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from kneecheck.answers import Answers
from kneecheck.knowledge._models import (
    EXPERT,
    URGENCY_ORDER,
    AdviceItem,
    Cited,
    ConditionEntry,
    Exercise,
    Finding,
    FollowUp,
    FollowUpRule,
    FormKnowledge,
    GeneralAdvice,
    InsightRules,
    Manifest,
    PlanRules,
    Question,
    RedFlagRule,
    Source,
    Test,
    TrainingFactorEntry,
    Urgency,
    WarningRatios,
)
from kneecheck.knowledge._yaml import load_yaml

__all__ = [
    "EXPERT",
    "URGENCY_ORDER",
    "AdviceItem",
    "Cited",
    "ConditionEntry",
    "Exercise",
    "Finding",
    "FollowUp",
    "FollowUpRule",
    "Knowledge",
    "KnowledgeError",
    "PlanRules",
    "Question",
    "RedFlagRule",
    "Source",
    "Test",
    "TrainingFactorEntry",
    "Urgency",
    "answer_field_values",
    "answer_text",
    "load_knowledge",
    "red_flag_table",
    "shoe_warning_km",
]


class KnowledgeError(ValueError):
    """A knowledge file is invalid; the message names the file and the entry."""


@dataclass(frozen=True)
class Knowledge:
    manifest: Manifest
    sources: dict[str, Source]
    questions: list[Question]
    findings: dict[str, Finding]
    red_flags: list[RedFlagRule]
    conditions: list[ConditionEntry]
    training_factors: list[TrainingFactorEntry]
    advice: GeneralAdvice
    follow_up: FollowUp
    exercises: list[Exercise]
    plan: PlanRules
    form: FormKnowledge
    insight: InsightRules
    warning: WarningRatios

    @property
    def version(self) -> str:
        return self.manifest.knowledge_version

    def question(self, field: str) -> Question:
        return self._questions_by_field()[field]

    def _questions_by_field(self) -> dict[str, Question]:
        cached: dict[str, Question] | None = self.__dict__.get("_by_field")
        if cached is None:
            cached = {q.field: q for q in self.questions}
            object.__setattr__(self, "_by_field", cached)
        return cached

    def cite(self, entry: Cited) -> str:
        """The entry's source in words, or the basis of an expert estimate."""
        if entry.source == EXPERT:
            return f"Expert estimate: {entry.basis}"
        return self.cite_id(entry.source)

    def cite_id(self, source_id: str) -> str:
        s = self.sources[source_id]
        year = f" ({s.year})" if s.year else ""
        return f"{s.authors}{year}. {s.title}. {s.published_in}."

    def cited_entries(self) -> list[tuple[str, Cited]]:
        """Every entry that must carry a source, with a label saying where it is."""
        entries: list[tuple[str, Cited]] = [("manifest: something_else_prior", self.manifest.something_else_prior)]
        entries += [(f"red_flags: {r.id}", r) for r in self.red_flags]
        entries += [(f"training: {t.id}", t) for t in self.training_factors]
        for c in self.conditions:
            entries.append((f"conditions: {c.id} prior", c.prior_source))
            entries += [(f"conditions: {c.id} LR {lr.finding}", lr) for lr in c.likelihood_ratios]
        entries.append(("follow_up: improvement", self.follow_up.improvement))
        entries += [(f"follow_up: {r.id}", r) for r in self.follow_up.rules]
        entries += [(f"exercises: {x.id}", x) for x in self.exercises]
        entries += [("plan", self.plan), ("plan: pain", self.plan.pain)]
        entries += [("form: single_leg_squat", self.form.single_leg_squat), ("form: squat", self.form.squat)]
        entries += [("insight: downhill", self.insight.downhill), ("insight: new_shoes", self.insight.new_shoes)]
        for part in ("now", "while_waiting", "emergency", "avoid", "come_back_if", "prevention"):
            entries += [(f"advice: {part}: {a.text[:40]}", a) for a in getattr(self.advice, part)]
        return entries


def answer_text(field: str, value: Any, kb: Knowledge | None = None) -> str:
    """An answer in a person's words: "Sports: basketball or volleyball", "Started: 3 weeks ago"."""
    kb = kb or load_knowledge()
    question = kb.question(field)

    def one(item: Any) -> str:
        return question.options.get(str(item), str(item).replace("_", " "))

    if isinstance(value, list):
        shown = ", ".join(one(v) for v in value)
    elif field == "hours_since_onset" and isinstance(value, (int, float)):
        shown = _how_long(float(value))
    else:
        shown = one(value)
    return f"{question.label}: {shown}"


def _how_long(hours: float) -> str:
    for unit, size in (("year", 8760), ("month", 730), ("week", 168), ("day", 24)):
        if hours >= 2 * size:
            return f"about {round(hours / size)} {unit}s ago"
    return f"about {round(hours)} hours ago" if hours >= 1 else "less than an hour ago"


def red_flag_table(kb: Knowledge | None = None) -> str:
    """Every red-flag rule, most urgent first, with its level and source, as a Markdown table."""
    kb = kb or load_knowledge()
    order = {level: rank for rank, level in enumerate(reversed(URGENCY_ORDER))}
    lines = ["| rule | level | what the person reads | source |", "|---|---|---|---|"]
    for rule in sorted(kb.red_flags, key=lambda r: order[r.urgency]):
        if rule.source == EXPERT:
            source = f"expert estimate: {rule.basis}"
        else:
            s = kb.sources[rule.source]
            source = f"{s.authors}{f' ({s.year})' if s.year else ''}, {s.title}"
        first = rule.text.split(" - ")[0].split(". ")[0].rstrip(".")
        lines.append(f"| `{rule.id}` | {rule.urgency} | {first}. | {source} |")
    return "\n".join(lines) + "\n"


@cache
def answer_field_values() -> dict[str, set[str] | None]:
    """For each answers field, the values a test may compare it with (None: a number). Read only:
    the answers model is fixed at run time, so this is computed once."""
    values: dict[str, set[str] | None] = {}
    for name, info in Answers.model_fields.items():
        annotation = info.annotation
        literals: set[str] = set()
        for part in _flatten(annotation):
            if typing.get_origin(part) is typing.Literal:
                literals.update(str(v) for v in typing.get_args(part))
        values[name] = literals or None
    return values


def _flatten(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, list):
        return [p for arg in typing.get_args(annotation) for p in _flatten(arg)]
    return [annotation]


def _read(folder: Path, name: str) -> Any:
    path = folder / name
    try:
        return load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise KnowledgeError(f"knowledge/{name}: {error}") from None


def _parse(name: str, adapter_type: Any, data: Any) -> Any:
    try:
        return TypeAdapter(adapter_type).validate_python(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise KnowledgeError(f"knowledge/{name}: {where}: {first['msg']}") from None


@cache
def load_knowledge(folder: str | None = None) -> Knowledge:
    """Load and cross-check the knowledge files (from the package, or from `folder`)."""
    base = Path(folder) if folder else Path(str(resources.files("kneecheck.knowledge")))
    warning = _parse("warning_ratios.yaml", WarningRatios, _read(base, "warning_ratios.yaml"))
    kb = Knowledge(
        manifest=_parse("manifest.yaml", Manifest, _read(base, "manifest.yaml")),
        sources=_parse("sources.yaml", dict[str, Source], _read(base, "sources.yaml")),
        questions=_parse("questions.yaml", list[Question], _read(base, "questions.yaml")),
        findings=_parse("findings.yaml", dict[str, Finding], _read(base, "findings.yaml")),
        red_flags=_parse("red_flags.yaml", list[RedFlagRule], _read(base, "red_flags.yaml")),
        conditions=_with_warning_ratios(
            _parse("conditions.yaml", list[ConditionEntry], _read(base, "conditions.yaml")), warning
        ),
        training_factors=_parse("training.yaml", list[TrainingFactorEntry], _read(base, "training.yaml")),
        advice=_parse("advice.yaml", GeneralAdvice, _read(base, "advice.yaml")),
        follow_up=_parse("follow_up.yaml", FollowUp, _read(base, "follow_up.yaml")),
        exercises=_parse("exercises.yaml", list[Exercise], _read(base, "exercises.yaml")),
        plan=_parse("plan.yaml", PlanRules, _read(base, "plan.yaml")),
        form=_parse("form.yaml", FormKnowledge, _read(base, "form.yaml")),
        insight=_parse("insight.yaml", InsightRules, _read(base, "insight.yaml")),
        warning=warning,
    )
    _cross_check(kb)
    return kb


def _with_warning_ratios(conditions: list[ConditionEntry], warning: WarningRatios) -> list[ConditionEntry]:
    """Each listed condition gains the warning ratios it does not give itself."""
    known = {c.id for c in conditions}
    unknown = sorted((set(warning.applies_to) | set(warning.never_first)) - known)
    if unknown:
        raise KnowledgeError(f"knowledge/warning_ratios.yaml: unknown conditions {unknown}")
    merged = []
    for c in conditions:
        if c.id in warning.applies_to:
            own = {lr.finding for lr in c.likelihood_ratios}
            extra = [lr for lr in warning.ratios if lr.finding not in own]
            c = c.model_copy(update={"likelihood_ratios": [*c.likelihood_ratios, *extra]})
        merged.append(c)
    return merged


def _cross_check(kb: Knowledge) -> None:
    fields = answer_field_values()

    # questions: exactly one per answers field, options naming real values
    asked = [q.field for q in kb.questions]
    if sorted(asked) != sorted(fields):
        missing, extra = set(fields) - set(asked), set(asked) - set(fields)
        raise KnowledgeError(f"knowledge/questions.yaml: missing {sorted(missing)}, unknown {sorted(extra)}")
    for q in kb.questions:
        allowed = fields[q.field] or set()
        bad = set(q.options) - allowed
        if bad:
            raise KnowledgeError(f"knowledge/questions.yaml: {q.field}: unknown options {sorted(bad)}")

    # findings: tests over real fields and values, referring only to findings defined above
    defined: set[str] = set()
    for name, finding in kb.findings.items():
        _check_test(f"knowledge/findings.yaml: {name}", finding.when, fields, defined)
        defined.add(name)
    for rule in kb.red_flags:
        _check_test(f"knowledge/red_flags.yaml: {rule.id}", rule.when, fields, defined)
    for q in kb.questions:
        if q.ask_if is not None:
            _check_test(f"knowledge/questions.yaml: {q.field} ask_if", q.ask_if, fields, defined)

    # sources
    def check_source(where: str, source: str) -> None:
        if source != EXPERT and source not in kb.sources:
            raise KnowledgeError(f"{where}: unknown source {source!r} (add it to sources.yaml)")

    for label, entry in kb.cited_entries():
        check_source(f"knowledge/{label}", entry.source)
    for t in kb.training_factors:
        if t.strong_source:
            check_source(f"knowledge/training.yaml: {t.id}", t.strong_source)

    # exercises: unique ids, real conditions
    condition_ids = {c.id for c in kb.conditions}
    exercise_ids = [x.id for x in kb.exercises]
    if len(exercise_ids) != len(set(exercise_ids)):
        raise KnowledgeError("knowledge/exercises.yaml: an exercise id appears twice")
    for x in kb.exercises:
        unknown = (set(x.suits) | set(x.avoid) | set(x.modify)) - condition_ids
        if unknown:
            raise KnowledgeError(f"knowledge/exercises.yaml: {x.id}: unknown conditions {sorted(unknown)}")
        if set(x.suits) & set(x.avoid):
            raise KnowledgeError(f"knowledge/exercises.yaml: {x.id}: suits and avoids the same condition")

    # conditions
    contexts, bands = set(kb.manifest.contexts), set(kb.manifest.age_bands)
    ids = [c.id for c in kb.conditions]
    if len(ids) != len(set(ids)):
        raise KnowledgeError("knowledge/conditions.yaml: a condition id appears twice")
    for c in kb.conditions:
        where = f"knowledge/conditions.yaml: {c.id}"
        if set(c.priors) != contexts:
            raise KnowledgeError(f"{where}: priors must name exactly the contexts {sorted(contexts)}")
        if set(c.age_factor) - bands:
            raise KnowledgeError(f"{where}: unknown age bands {sorted(set(c.age_factor) - bands)}")
        for lr in c.likelihood_ratios:
            if lr.finding not in kb.findings:
                raise KnowledgeError(f"{where}: unknown finding {lr.finding!r}")
        for s in c.sources:
            check_source(where, s)
    for part in ("now", "while_waiting", "emergency", "avoid", "come_back_if", "prevention"):
        for item in getattr(kb.advice, part):
            if item.when is not None:
                _check_test(f"knowledge/advice.yaml: {part}: {item.text[:40]}", item.when, fields, set(kb.findings))
    for rank, level in enumerate(URGENCY_ORDER):
        if level not in kb.advice.recheck:
            raise KnowledgeError(f"knowledge/advice.yaml: recheck has no text for {level} ({rank})")


def _check_test(where: str, test: Test, fields: dict[str, set[str] | None], defined: set[str]) -> None:
    if test.finding is not None and test.finding not in defined:
        raise KnowledgeError(f"{where}: finding {test.finding!r} is not defined above")
    if test.field is not None:
        if test.field not in fields:
            raise KnowledgeError(f"{where}: unknown answers field {test.field!r}")
        allowed = fields[test.field]
        named = [
            test.is_,
            test.includes,
            test.mentions,
            *(test.in_ or []),
            *(test.includes_any or []),
        ]
        for value in (v for v in named if v is not None):
            if allowed is None or str(value) not in allowed:
                raise KnowledgeError(f"{where}: {test.field} has no value {value!r}")
        numeric = [test.gt, test.ge, test.lt, test.le]
        if any(v is not None for v in numeric) and allowed is not None:
            raise KnowledgeError(f"{where}: {test.field} is not a number")
    for child in test.children():
        _check_test(where, child, fields, defined)


def shoe_warning_km() -> float:
    """The default distance at which shoes are flagged (training.yaml, worn_shoes threshold)."""
    entry = next(t for t in load_knowledge().training_factors if t.id == "worn_shoes")
    return entry.threshold or 700.0


def urgency_rank(level: Urgency) -> int:
    return URGENCY_ORDER.index(level)
