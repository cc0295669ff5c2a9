"""Assessment: the JSON API and the pages (free text, one question per screen, the result)."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kneecheck.answers import Answers, answer_kind, answers_schema
from kneecheck.triage import (
    Assessment,
    Questionnaire,
    Session,
    Step,
    assess,
    assess_read,
    default_engine,
    questions_first,
)
from kneecheck.understand import MAX_TEXT_CHARS, TextProblem, Understood, parse_duration, parse_number, understand
from kneecheck.web._deps import DB, Person, person
from kneecheck.web._render import render
from kneecheck.web.load import history_for

api = APIRouter(prefix="/api/v1", tags=["assessment"])
pages = APIRouter(include_in_schema=False)

_questionnaire: Questionnaire | None = None


def questionnaire() -> Questionnaire:
    global _questionnaire
    if _questionnaire is None:
        _questionnaire = Questionnaire(default_engine())
    return _questionnaire


class AssessRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str | None = Field(None, max_length=20_000, description="The knee described in words.")
    answers: dict[str, Any] | None = Field(None, description="Structured answers (see /api/v1/schema/answers).")
    use_history: bool = Field(True, description="Take training factors from stored workouts too.")
    keep: bool = Field(False, description="Keep the assessment in the person's history (never for a coach).")


@api.post("/assess", response_model=Assessment)
def assess_endpoint(body: AssessRequest, request: Request, db: DB, who: Person) -> Assessment:
    """Assess from text, structured answers, or both (answers win where they overlap)."""
    if not body.text and body.answers is None:
        raise HTTPException(422, "give 'text', 'answers' or both")
    try:
        given = Answers.model_validate(body.answers or {})
    except ValidationError as error:
        raise HTTPException(422, json.loads(error.json(include_url=False))) from None
    history = history_for(db, who, given) if body.use_history else None
    if body.text:
        try:
            read = understand(body.text)
        except TextProblem as problem:
            raise HTTPException(422, f"text: {problem}") from None
        result = assess_read(read, given, history=history)
        answers = {**read.answers.known(), **given.known()}
    else:
        result, answers = assess(given, history=history), given.known()
    if body.keep and not getattr(request.state, "read_only", False):
        db.save_assessment(who, answers, result, body.text)
    return result


@api.get("/schema/answers")
def schema_endpoint() -> dict[str, Any]:
    """The JSON Schema of the answers document."""
    return answers_schema()


# ---------------------------------------------------------------------------- pages
def _state(session: Session, text: str) -> str:
    return json.dumps(
        {
            "answers": session.answers,
            "asked": sorted(session.asked),
            "count": session.count,
            "ask_first": session.ask_first,
            "text": text,
        }
    )


def _restore(raw: str | None) -> tuple[Session, str]:
    """The session and the person's own text, from the page's hidden state."""
    if not raw:
        return Session(), ""
    try:
        data = json.loads(raw)
        answers = Answers.model_validate(data.get("answers", {})).known()
        ask_first = [str(f) for f in data.get("ask_first", []) if str(f) in Answers.model_fields]
        session = Session(
            answers=dict(answers),
            asked=set(data.get("asked", [])),
            count=int(data.get("count", 0)),
            ask_first=ask_first,
        )
        text = str(data.get("text") or "")
        if len(text) > MAX_TEXT_CHARS:
            raise ValueError("text too long")
        return session, text
    except (ValueError, TypeError, AttributeError):
        raise HTTPException(400, "the assessment state was damaged; please start again") from None


def _still_answered(answer: Any, value: Any) -> bool:
    """A reading still stands when the answer is its value (or, for a list answer, contains it)."""
    return answer == value or (isinstance(answer, list) and value in answer)


def _reply(step: Step, form: Any) -> tuple[Any, str | None]:
    """The reply to a step from the submitted form, or an error to show with the question again."""
    if form.get("dontknow") is not None:
        return None, None
    if step.checklist is not None:
        if form.get("none") is not None:
            return [], None
        return sorted(int(i) for i in form.getlist("item") if str(i).isdigit()), None
    assert step.question is not None
    name = step.question.field
    values = [v for v in form.getlist("value") if v != ""]
    if not values:
        return None, None
    kind = answer_kind(name)
    try:
        if kind == "list":
            value: Any = values
        elif kind == "duration":
            value = parse_duration(values[0])
        elif kind == "number":
            value = parse_number(values[0])
        else:
            value = values[0]
        Answers.model_validate({name: value})
    except (ValueError, ValidationError):
        return None, 'That answer was not understood; try again, or choose "don\'t know".'
    return value, None


@pages.get("/", response_class=HTMLResponse, dependencies=[Depends(person)])
def start_page(request: Request) -> HTMLResponse:
    return render(request, "assess/start.html", {})


@pages.post("/assess", response_class=HTMLResponse)
async def assess_page(request: Request, db: DB, who: Person) -> HTMLResponse:
    form = await request.form()
    session, text = _restore(str(form.get("state") or ""))
    notes: list[str] = []
    read: Understood | None = None
    evidence: list[dict[str, Any]] = []
    set_aside: list[dict[str, Any]] = []
    new_text = str(form.get("text") or "")
    if new_text.strip() and not session.asked and not session.answers:
        text = new_text
        try:
            read = understand(text)
            session.answers.update(read.answers.known())
            session.ask_first = questions_first(read)
            notes = read.notes
        except TextProblem as problem:
            notes, text = [str(problem)], ""
    elif text:
        read = understand(text)
    if read is not None and form.get("correct"):
        # the person unticked what was read wrongly: forget it and ask it instead
        keep = {str(f) for f in form.getlist("keep")}
        for name, value in read.answers.known().items():
            if name not in keep and _still_answered(session.answers.get(name), value):
                del session.answers[name]
                session.ask_first.insert(0, name)
    if read is not None:
        evidence = [m.public() for m in read.mentions if _still_answered(session.answers.get(m.field), m.value)]
        set_aside = [s.public() for s in read.set_aside]
    error = None
    step_id = str(form.get("step") or "")
    if step_id:
        step = questionnaire().next_step(session)
        if step is not None and step.id == step_id:
            reply, error = _reply(step, form)
            if error is None:
                session.apply(step, reply)
    step = questionnaire().next_step(session)
    if step is not None:
        question = step.question
        return render(
            request,
            "assess/step.html",
            {
                "step": step,
                "question": question,
                "kind": answer_kind(question.field) if question else "checklist",
                "state": _state(session, text),
                "understood": evidence,
                "set_aside": set_aside,
                "notes": notes,
                "error": error,
                "number": session.count + 1,
            },
        )
    answers = Answers.model_validate(session.answers)
    history = history_for(db, who, answers)
    if read is not None:  # the text's fail-safe still holds for what was left unanswered
        result = assess_read(read, answers, history=history)
    else:
        result = assess(answers, history=history).model_copy(update={"notes": notes})
    result = result.model_copy(update={"questions_asked": session.count})
    if not getattr(request.state, "read_only", False):  # the person's own: kept in their history
        db.save_assessment(who, answers.known(), result, text or None)
    return render(request, "assess/result.html", {"result": result})
