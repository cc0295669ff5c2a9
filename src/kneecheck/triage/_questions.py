"""Adaptive questioning: warning signs first (grouped into checklists so none is skipped), then
the question with the highest expected information gain on the differential, until the top cause
is clear or nothing left would change the urgency or the ranking."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from kneecheck.answers import Answers, answer_kind
from kneecheck.knowledge import Question, Test
from kneecheck.knowledge._yaml import load_yaml
from kneecheck.triage._engine import Engine
from kneecheck.triage._logic import derive_findings, evaluate, fields_used

CLEAR_TOP_PROBABILITY = 0.85
"""Stop asking about the differential once the top cause reaches this probability."""
MIN_GAIN_BITS = 0.05
"""...or once no question is expected to reduce the uncertainty by at least this much."""
MAX_DIFFERENTIAL_QUESTIONS = 6


class ChecklistItem(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    field: str
    label: str
    checked: str
    unchecked: str | None = None


class Checklist(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    question: str
    items: list[ChecklistItem]
    ask_if: Test | None = None


class _ChecklistFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    opening: list[str]
    training: list[str] = []
    checklists: list[Checklist]


@dataclass(frozen=True)
class Step:
    """One thing to ask: a single question, or a checklist of warning signs."""

    id: str
    text: str
    question: Question | None = None
    checklist: Checklist | None = None

    @property
    def fields(self) -> list[str]:
        if self.question is not None:
            return [self.question.field]
        assert self.checklist is not None
        return list(dict.fromkeys(item.field for item in self.checklist.items))


@dataclass
class Session:
    """What has been asked and answered so far."""

    answers: dict[str, Any] = field(default_factory=dict)
    asked: set[str] = field(default_factory=set)
    count: int = 0
    ask_first: list[str] = field(default_factory=list)  # what a text left open that could raise the urgency

    def apply(self, step: Step, reply: Any) -> None:
        """Record a reply: a value (or None for "don't know") to a question; for a checklist, the
        list of chosen item indexes ([] for "none of these") or None for "don't know"."""
        self.asked.add(step.id)
        self.count += 1
        if step.question is not None:
            if reply is not None:
                self.answers[step.question.field] = reply
            return
        assert step.checklist is not None
        if reply is None:
            return
        chosen = set(reply)
        for index, item in enumerate(step.checklist.items):
            if index in chosen:
                self.answers[item.field] = item.checked
            elif item.unchecked is not None and item.field not in self.answers:
                self.answers[item.field] = item.unchecked


class Questionnaire:
    def __init__(self, engine: Engine, folder: str | None = None) -> None:
        self.engine = engine
        base = Path(folder) if folder else Path(str(resources.files("kneecheck.knowledge")))
        data = _ChecklistFile.model_validate(load_yaml((base / "checklists.yaml").read_text("utf-8")))
        for checklist in data.checklists:
            for item in checklist.items:  # a value the answers refuse fails here, at load
                Answers.model_validate({item.field: item.checked})
                if item.unchecked is not None:
                    Answers.model_validate({item.field: item.unchecked})
        self.opening = data.opening
        self.training = data.training
        self.checklists = data.checklists

    @cached_property
    def _differential_fields(self) -> list[str]:
        """Questions that move the ranking: not warning signs, used by some likelihood ratio."""
        kb = self.engine.kb
        used = {
            f
            for condition in kb.conditions
            for lr in condition.likelihood_ratios
            for f in fields_used(kb.findings[lr.finding].when, kb.findings)
        }
        in_checklists = {item.field for c in self.checklists for item in c.items}
        return [
            q.field
            for q in kb.questions
            if q.field in used and q.field not in in_checklists and q.field not in self.opening and not q.clinician
        ]

    def next_step(self, session: Session) -> Step | None:
        answers = session.answers
        kb = self.engine.kb
        model = Answers.model_validate(answers)
        if self.engine.urgency(model, settled=True) == "emergency":
            return None  # nothing can lower it, and the person should go now
        for name in session.ask_first:
            if name not in answers and name not in session.asked:
                question = kb.question(name)
                return Step(name, question.question, question=question)
        for name in self.opening:
            question = kb.question(name)
            if name not in answers and name not in session.asked and self.engine.should_ask(question, answers):
                return Step(name, question.question, question=question)
        open_fields = self.engine.urgency_open_fields(model)
        findings = derive_findings(kb.findings, model.model_dump())
        for checklist in self.checklists:
            if checklist.id in session.asked:
                continue
            if checklist.ask_if is not None and evaluate(checklist.ask_if, model.model_dump(), findings) is not True:
                continue
            if any(item.field in open_fields for item in checklist.items):
                return Step(checklist.id, checklist.question, checklist=checklist)
        step = self._best_differential_question(session, model)
        return step or self._training_question(session, findings)

    def _training_question(self, session: Session, findings: Mapping[str, Any]) -> Step | None:
        """The training change behind an overuse pain ("why me, why now"), asked last."""
        if findings.get("no_injury") is not True:
            return None
        for name in self.training:
            if name not in session.answers and name not in session.asked:
                question = self.engine.kb.question(name)
                return Step(name, question.question, question=question)
        return None

    # ------------------------------------------------------------------ information gain
    def _best_differential_question(self, session: Session, model: Answers) -> Step | None:
        asked_differential = sum(1 for s in session.asked if s in self._differential_fields)
        if asked_differential >= MAX_DIFFERENTIAL_QUESTIONS:
            return None
        now = self.engine.posterior(model)
        if max(p for c, p in now.items() if c != "something_else") >= CLEAR_TOP_PROBABILITY:
            return None
        best: tuple[float, str] | None = None
        for name in self._differential_fields:
            question = self.engine.kb.question(name)
            if name in session.answers or name in session.asked:
                continue
            if not self.engine.should_ask(question, session.answers):
                continue
            gain = self.expected_gain(model, now, name)
            if best is None or gain > best[0]:
                best = (gain, name)
        if best is None or best[0] < MIN_GAIN_BITS:
            return None
        question = self.engine.kb.question(best[1])
        return Step(best[1], question.question, question=question)

    def expected_gain(self, model: Answers, now: Mapping[str, float], name: str) -> float:
        """Expected reduction in entropy (bits) of the ranking from answering `name`."""
        values = _candidate_answers(self.engine.kb.question(name), name)
        base = model.model_dump(exclude_defaults=True)
        posteriors = []
        for value in values:
            try:
                posteriors.append(self.engine.posterior(Answers.model_validate({**base, name: value})))
            except ValueError:
                posteriors.append(dict(now))
        # P(v | c) from how much answer v moves c, normalised over the answers
        probability = {v: 0.0 for v in range(len(values))}
        for condition, p_now in now.items():
            weights = [post[condition] / p_now if p_now > 0 else 1.0 for post in posteriors]
            total = sum(weights) or 1.0
            for v, w in enumerate(weights):
                probability[v] += p_now * w / total
        expected = sum(probability[v] * _entropy(posteriors[v]) for v in range(len(values)))
        return _entropy(now) - expected


def _candidate_answers(question: Question, name: str) -> list[Any]:
    if answer_kind(name) == "list":
        return [[option] for option in question.options]
    if question.options:
        return list(question.options)
    return ["yes", "no"]


def _entropy(distribution: Mapping[str, float]) -> float:
    return -sum(p * math.log2(p) for p in distribution.values() if p > 0)


def simulate(questionnaire: Questionnaire, gold: Answers) -> Session:
    """Run the questionnaire with every reply taken from `gold`: a checklist item is ticked when
    gold says so, answered as gold says otherwise, and left unknown where gold is silent."""
    known = gold.known()
    session = Session()
    while (step := questionnaire.next_step(session)) is not None:
        if step.question is not None:
            session.apply(step, known.get(step.question.field))
            continue
        assert step.checklist is not None
        items = step.checklist.items
        session.apply(step, [i for i, item in enumerate(items) if known.get(item.field) == item.checked])
        for item in items:
            if item.field in known:
                session.answers[item.field] = known[item.field]
            else:
                session.answers.pop(item.field, None)
    return session
