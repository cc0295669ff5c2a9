"""The plan from a person's stored records, as every face asks for it (the CLI and the web)."""

from __future__ import annotations

from datetime import date, timedelta

from kneecheck.form import latest_measured
from kneecheck.plan import Plan, PlanRefused, build_plan, from_json, update
from kneecheck.store import Athlete, Store
from kneecheck.triage import Assessment


class NoPlan(ValueError):
    """Nothing to build or update a plan from; the message says what to do."""


def new_plan(store: Store, person: Athlete, weeks: int = 8, start: date | None = None) -> tuple[int, Plan]:
    """A new plan from the latest kept assessment, the diary and the last 4 weeks of workouts;
    kept in the store. PlanRefused for an urgent knee, NoPlan without an assessment."""
    kept = store.assessments(person)
    if not kept:
        raise NoPlan("no assessment kept yet: assess the knee first, so the plan fits it")
    result = Assessment.model_validate_json(store.assessment_result(kept[0]["id"]))
    today = date.today()
    starts = start or today + timedelta(days=(7 - today.weekday()) % 7 or 7)  # next Monday
    entries = store.entries(person)
    plan = build_plan(
        urgency=result.urgency,
        conditions=[(c.id, c.probability) for c in result.conditions],
        sessions=store.sessions(person, since=starts - timedelta(days=28)),
        starts=starts,
        weeks=weeks,
        in_pain=entries[-1].pain_now > 0 if entries else True,
        form_flagged=_form_flagged(store, person),
    )
    return store.save_plan(person, plan.as_json()), plan


def _form_flagged(store: Store, person: Athlete) -> bool:
    """The latest form check that measured anything flagged at least one rep."""
    checked = latest_measured(store.form_checks(person))
    return bool(checked and checked["result"].get("flagged"))


def updated_plan(store: Store, person: Athlete) -> tuple[int, Plan]:
    """The latest plan with the pain-monitoring rule applied to the diary since it began."""
    kept = store.latest_plan(person)
    if kept is None:
        raise NoPlan("no plan to update yet: make one first")
    plan_id, data = kept
    plan = update(from_json(data), store.entries(person), date.today())
    store.save_plan(person, plan.as_json(), plan_id)
    return plan_id, plan


def latest_plan(store: Store, person: Athlete) -> Plan | None:
    kept = store.latest_plan(person)
    return None if kept is None else from_json(kept[1])


__all__ = ["NoPlan", "PlanRefused", "latest_plan", "new_plan", "updated_plan"]
