"""The triage engine: answers in, an `Assessment` out. Pure: no files, no terminal, no clock."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kneecheck.answers import Answers
from kneecheck.knowledge import (
    URGENCY_ORDER,
    AdviceItem,
    Cited,
    ConditionEntry,
    Knowledge,
    Question,
    TrainingFactorEntry,
    Urgency,
    answer_text,
    load_knowledge,
)
from kneecheck.triage._logic import Truth, derive_findings, evaluate, fields_used
from kneecheck.triage._result import (
    Advice,
    Assessment,
    RankedCondition,
    TrainingFactor,
    UrgencyReason,
    Why,
)

MIN_LISTED_PROBABILITY = 0.01
MIN_LISTED_CONDITIONS = 3
MAX_MISSING_FOR_RANKING = 3


@dataclass(frozen=True)
class _Prepared:
    """What can be computed once per knowledge base rather than once per assessment."""

    rule_fields: dict[str, set[str]]
    question_order: dict[str, int]
    context_of_sport: dict[str, str]
    context_totals: dict[str, float]


NEVER_FIRST_SHARE = 0.99
"""An overuse cause held under a warning finding scores at most this share of the best other cause."""


class Engine:
    def __init__(self, knowledge: Knowledge) -> None:
        self.kb = knowledge
        self._prepared = _Prepared(
            rule_fields={r.id: fields_used(r.when, knowledge.findings) for r in knowledge.red_flags},
            question_order={q.field: i for i, q in enumerate(knowledge.questions)},
            context_of_sport={sport: name for name, ctx in knowledge.manifest.contexts.items() for sport in ctx.sports},
            context_totals={
                name: sum(c.priors[name] for c in knowledge.conditions) for name in knowledge.manifest.contexts
            },
        )

    # ------------------------------------------------------------------ public
    def assess(
        self,
        answers: Answers,
        *,
        shoe_limit_km: float | None = None,
        history: list[Mapping[str, str]] | None = None,
        extra_reasons: list[UrgencyReason] | None = None,
        ask_first: list[str] | None = None,
    ) -> Assessment:
        """`history`: training factors found in stored workouts (id, evidence, source), as
        `kneecheck.load.history_factors` gives them; they join those read from the answers.
        `extra_reasons`: urgency reasons from outside the answers (the text reader's fail-safe);
        `ask_first`: unanswered questions to put first in `missing`."""
        values = answers.model_dump()
        findings = derive_findings(self.kb.findings, values)

        reasons, undetermined = self._urgency(values, findings)
        reasons += extra_reasons or []
        urgency: Urgency = max((r.urgency for r in reasons), key=URGENCY_ORDER.index, default="self_care")
        reasons.sort(key=lambda r: -URGENCY_ORDER.index(r.urgency))

        context = self._context(answers)
        ranked, something_else, scores = self._rank(answers, findings, context)
        factors = self._training_factors(answers, shoe_limit_km, history or [])
        missing_fields = self._missing(urgency, undetermined, values, findings, ranked)
        first = [f for f in ask_first or [] if values.get(f) in (None, "unknown")]
        missing_fields = _unique([*first, *missing_fields])

        return Assessment(
            urgency=urgency,
            urgency_reasons=reasons,
            conditions=ranked,
            something_else=round(something_else, 4),
            context=context,
            training_factors=factors,
            advice=self._advice(urgency, scores, factors, values, findings),
            understood=self._understood(answers),
            missing=[self.kb.question(f).question for f in missing_fields],
            missing_fields=missing_fields,
            knowledge_version=self.kb.version,
            disclaimer=self.kb.manifest.disclaimer,
        )

    def urgency(self, answers: Answers, *, settled: bool = False) -> Urgency:
        """The urgency alone, without ranking or advice (for asking "what if" many times).
        `settled`: only from rules that fire on answers given, not on an unanswered question
        counted as its worst answer."""
        values = answers.model_dump()
        findings = derive_findings(self.kb.findings, values)
        levels = [r.urgency for r in self.kb.red_flags if evaluate(r.when, values, findings, defaults=not settled)]
        return max(levels, key=URGENCY_ORDER.index, default="self_care")

    def should_ask(self, question: Question, answers_so_far: Mapping[str, Any]) -> bool:
        """False only when the question's `ask_if` is known to be false for these answers."""
        if question.ask_if is None:
            return True
        findings = derive_findings(self.kb.findings, answers_so_far)
        return evaluate(question.ask_if, answers_so_far, findings) is not False

    def cite(self, entry: Cited) -> str:
        return self.kb.cite(entry)

    def cite_id(self, source_id: str) -> str:
        return self.kb.cite_id(source_id)

    # ------------------------------------------------------------------ urgency
    def _urgency(
        self, values: Mapping[str, Any], findings: Mapping[str, Truth]
    ) -> tuple[list[UrgencyReason], list[str]]:
        fired: list[UrgencyReason] = []
        undetermined: list[str] = []
        for rule in self.kb.red_flags:
            result = evaluate(rule.when, values, findings)
            if result is True:
                fired.append(UrgencyReason(rule=rule.id, urgency=rule.urgency, text=rule.text, source=self.cite(rule)))
            elif result is None:
                undetermined.append(rule.id)
        return fired, undetermined

    # ------------------------------------------------------------------ ranking
    def _context(self, answers: Answers) -> str:
        contexts = sorted({self._prepared.context_of_sport[s] for s in answers.sports or []})
        return "+".join(contexts) if contexts else self.kb.manifest.default_context

    def _prior(self, condition: ConditionEntry, context: str) -> float:
        """The prior of a condition in a context ("running+gym" averages the two contexts)."""
        names = context.split("+")
        share = 1 - self.kb.manifest.something_else_share
        totals = self._prepared.context_totals
        return sum(condition.priors[n] / totals[n] for n in names) / len(names) * share

    def _age_band(self, age: int | None) -> str | None:
        if age is None:
            return None
        for name, band in self.kb.manifest.age_bands.items():
            if band.min_age <= age <= band.max_age:
                return name
        return None

    def _score(
        self, answers: Answers, findings: Mapping[str, Truth], context: str
    ) -> tuple[dict[str, float], dict[str, list[tuple[str, float]]]]:
        """Unnormalised score of each condition (prior x factors) and the factors applied."""
        band = self._age_band(answers.age)
        scores: dict[str, float] = {}
        factors: dict[str, list[tuple[str, float]]] = {}
        for condition in self.kb.conditions:
            applied: list[tuple[str, float]] = []
            if band is not None:
                applied.append(
                    (
                        f"age {answers.age} ({band.replace('_', ' ')})",
                        condition.age_factor.get(band, 1.0),
                    )
                )
            if answers.sex in ("female", "male"):
                ratio = math.sqrt(condition.female_factor)
                applied.append((answers.sex, ratio if answers.sex == "female" else 1 / ratio))
            for lr in condition.likelihood_ratios:
                present = findings[lr.finding]
                if present is not None:
                    text = self.kb.findings[lr.finding].text
                    applied.append((text, lr.lr_pos) if present else (f"not: {text}", lr.lr_neg))
            applied = [(label, factor) for label, factor in applied if factor != 1.0]
            scores[condition.id] = self._prior(condition, context) * math.prod(f for _, f in applied)
            factors[condition.id] = applied
        warning = self.kb.warning
        if any(findings.get(r.finding) for r in warning.ratios):
            # a benign overuse cause never outranks every other cause while a warning finding is present
            others = [s for cid, s in scores.items() if cid not in warning.applies_to]
            ceiling = max(others, default=0.0) * NEVER_FIRST_SHARE
            for cid in warning.never_first:
                if scores[cid] > ceiling:
                    factors[cid].append(("a warning finding is present", ceiling / scores[cid]))
                    scores[cid] = ceiling
        return scores, factors

    def posterior(self, answers: Answers) -> dict[str, float]:
        """Probability of each modelled condition and of "something_else", summing to 1."""
        findings = derive_findings(self.kb.findings, answers.model_dump())
        scores, _ = self._score(answers, findings, self._context(answers))
        total = sum(scores.values()) + self.kb.manifest.something_else_share
        return {
            **{c: v / total for c, v in scores.items()},
            "something_else": self.kb.manifest.something_else_share / total,
        }

    def urgency_open_fields(self, answers: Answers) -> set[str]:
        """Unanswered fields whose answer could still raise the urgency."""
        values = answers.model_dump()
        findings = derive_findings(self.kb.findings, values)
        reasons, undetermined = self._urgency(values, findings)
        rank = max((URGENCY_ORDER.index(r.urgency) for r in reasons), default=0)
        fired = {r.rule for r in reasons}
        open_fields: set[str] = set()
        for rule in self.kb.red_flags:
            could_raise = rule.id in undetermined and URGENCY_ORDER.index(rule.urgency) > rank
            # a rule that fired only because an unanswered question counts as its worst answer
            # ("if_unknown") still needs that answer: it may settle the rule the other way
            rests_on_unknown = rule.id in fired and evaluate(rule.when, values, findings, defaults=False) is None
            if could_raise or rests_on_unknown:
                open_fields |= {f for f in self._prepared.rule_fields[rule.id] if values.get(f) in (None, "unknown")}
        return open_fields

    def _rank(
        self, answers: Answers, findings: Mapping[str, Truth], context: str
    ) -> tuple[list[RankedCondition], float, dict[str, float]]:
        scores, factors = self._score(answers, findings, context)
        else_score = self.kb.manifest.something_else_share
        total = sum(scores.values()) + else_score
        posterior = {cid: s / total for cid, s in scores.items()}
        order = sorted(self.kb.conditions, key=lambda c: -posterior[c.id])
        listed = [
            c for i, c in enumerate(order) if i < MIN_LISTED_CONDITIONS or posterior[c.id] >= MIN_LISTED_PROBABILITY
        ]
        ranked = [
            RankedCondition(
                id=c.id,
                name=c.name,
                lay_name=c.lay_name,
                icd10=c.icd10,
                probability=round(posterior[c.id], 4),
                why=[
                    Why(finding=label, effect="+" if factor > 1 else "-", weight=round(factor, 3))
                    for label, factor in sorted(factors[c.id], key=lambda lf: -abs(math.log(lf[1])))
                ],
                see=f"{c.see.who}: {c.see.when}",
            )
            for c in listed
        ]
        return ranked, else_score / total, posterior

    # ------------------------------------------------------------------ training
    def _training_factors(
        self, answers: Answers, shoe_limit_km: float | None, history: list[Mapping[str, str]]
    ) -> list[TrainingFactor]:
        out: list[TrainingFactor] = []
        for entry in self.kb.training_factors:
            found = [h for h in history if h["id"] == entry.id]
            typed = _training_evidence(entry, answers, shoe_limit_km)
            evidence = "; ".join([*(h["evidence"] for h in found), *([typed] if typed else [])])
            if not evidence:
                continue
            source = self.cite(entry)
            for h in found:
                if h["source"] not in source:
                    source = f"{source} {h['source']}"
            strong = entry.strong_threshold
            pct = answers.weekly_volume_increase_pct
            if entry.strong_source and strong is not None and pct is not None and pct > strong:
                source = f"{source} {self.cite_id(entry.strong_source)}"
            out.append(TrainingFactor(id=entry.id, text=entry.text, evidence=evidence, source=source))
        return out

    # ------------------------------------------------------------------ advice
    def _advice(
        self,
        urgency: Urgency,
        posterior: Mapping[str, float],
        factors: list[TrainingFactor],
        values: Mapping[str, Any],
        findings: Mapping[str, Truth],
    ) -> Advice:
        general = self.kb.advice

        def fitting(items: list[AdviceItem]) -> list[str]:
            """The items whose `when` holds for this person (cautions also when it is unknown)."""
            chosen = []
            for item in items:
                holds = True if item.when is None else evaluate(item.when, values, findings)
                if holds is True or (holds is None and item.if_unknown):
                    chosen.append(item.text)
            return chosen

        top = max(self.kb.conditions, key=lambda c: posterior[c.id])
        if urgency == "emergency":
            now = [general.recheck[urgency], *fitting(general.emergency), *fitting(general.while_waiting)]
        elif urgency == "urgent":
            # no home treatment for the top cause: the red flag may point elsewhere
            now = [general.recheck[urgency], *fitting(general.while_waiting)]
        else:
            now = [*top.self_care, *fitting(general.now)]
        prevention = [*top.prevention]
        found = {f.id for f in factors}
        prevention += [t.prevention for t in self.kb.training_factors if t.id in found and t.prevention]
        prevention += fitting(general.prevention)
        return Advice(
            now=_unique(now),
            avoid=_unique([*top.avoid, *fitting(general.avoid)]),
            recheck=general.recheck[urgency],
            prevention=_unique(prevention),
            come_back_if=[] if urgency == "emergency" else fitting(general.come_back_if),
        )

    # ------------------------------------------------------------------ explanation
    def _understood(self, answers: Answers) -> list[str]:
        return [answer_text(field, value, self.kb) for field, value in answers.known().items()]

    def _missing(
        self,
        urgency: Urgency,
        undetermined: list[str],
        values: Mapping[str, Any],
        findings: Mapping[str, Truth],
        ranked: list[RankedCondition],
    ) -> list[str]:
        """Unanswered questions that could raise the urgency, then those that would most change
        the top causes."""
        rank = URGENCY_ORDER.index(urgency)
        order = self._prepared.question_order

        def unanswered(field: str) -> bool:
            return values.get(field) in (None, "unknown")

        red: set[str] = set()
        for rule in self.kb.red_flags:
            if rule.id in undetermined and URGENCY_ORDER.index(rule.urgency) > rank:
                red |= {f for f in self._prepared.rule_fields[rule.id] if unanswered(f)}
        missing = sorted(red, key=order.__getitem__)

        impact: dict[str, float] = {}
        top_ids = {c.id for c in ranked[:3]}
        for condition in self.kb.conditions:
            if condition.id not in top_ids:
                continue
            for lr in condition.likelihood_ratios:
                if findings[lr.finding] is not None:
                    continue
                swing = abs(math.log(lr.lr_pos)) + abs(math.log(lr.lr_neg))
                for field in fields_used(self.kb.findings[lr.finding].when, self.kb.findings):
                    if unanswered(field) and field not in red:
                        impact[field] = max(impact.get(field, 0.0), swing)
        # examination findings are for a clinician: listed only when the answers already hold one
        # (a clinician's note), never as a question for the person in pain
        examined = any(q.clinician and not unanswered(q.field) for q in self.kb.questions)
        impact = {f: v for f, v in impact.items() if examined or not self.kb.question(f).clinician}
        missing += sorted(impact, key=lambda f: (-impact[f], order[f]))[:MAX_MISSING_FOR_RANKING]
        # a question that does not apply (how soon it swelled, when it did not swell) is not missing
        return [
            f
            for f in missing
            if self.should_ask(self.kb.question(f), values) and (examined or not self.kb.question(f).clinician)
        ]


def _training_evidence(entry: TrainingFactorEntry, answers: Answers, shoe_limit_km: float | None) -> str | None:
    """What in the answers shows this training factor, or None when nothing does."""
    threshold, strong = entry.threshold, entry.strong_threshold
    match entry.id:
        case "too_much_too_soon":
            pct = answers.weekly_volume_increase_pct
            if pct is None or threshold is None or pct <= threshold:
                return None
            text = f"weekly training up {pct:.0f} % (guideline: at most {threshold:.0f} % a week)"
            if strong is not None and pct > strong:
                text += f"; above {strong:.0f} %, a rise linked to knee overuse injuries"
            return text
        case "poor_squat_form":
            if answers.knee_caves_in_on_squat != "yes":
                return None
            return "you said the knee caves inwards when you squat or lunge"
        case "worn_shoes":
            limit = shoe_limit_km if shoe_limit_km is not None else threshold
            if answers.shoe_km is None or limit is None or answers.shoe_km <= limit:
                return None
            return f"shoes have done about {answers.shoe_km:.0f} km (warning set at {limit:.0f} km)"
        case "hard_surface":
            if answers.surface != "road_or_concrete":
                return None
            return "you train mostly on road or concrete"
        case "new_activity":
            return "you started a new activity recently" if answers.new_activity == "yes" else None


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


_default: Engine | None = None


def default_engine() -> Engine:
    global _default
    if _default is None:
        _default = Engine(load_knowledge())
    return _default


def assess(
    answers: Answers | Mapping[str, Any],
    *,
    shoe_limit_km: float | None = None,
    history: list[Mapping[str, str]] | None = None,
) -> Assessment:
    """Assess one person's answers: urgency, ranked likely causes, training factors and advice.

    Accepts an `Answers` model or a plain mapping (validated; raises pydantic's ValidationError).
    The result is information, not a diagnosis; it carries its own disclaimer.
    """
    if not isinstance(answers, Answers):
        answers = Answers.model_validate(answers)
    return default_engine().assess(answers, shoe_limit_km=shoe_limit_km, history=history)
