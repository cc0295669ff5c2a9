"""The `kneecheck` command: a face over the core. It parses, calls the core, and renders."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any, cast

import typer
import yaml
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.prompt import Prompt
from rich.table import Table

from kneecheck.answers import Answers, answer_kind, answers_schema
from kneecheck.cli._errors import UserError, fail
from kneecheck.cli.diary import diary_app
from kneecheck.cli.form import form_command
from kneecheck.cli.insight import why_command
from kneecheck.cli.load import load_app
from kneecheck.cli.plan import plan_command
from kneecheck.cli.report import export_command, report_command
from kneecheck.cli.screen import screen_command
from kneecheck.evaluation import MissingAnswers, Part, evaluate_vignettes
from kneecheck.knowledge import KnowledgeError, Question, answer_text, red_flag_table, shoe_warning_km
from kneecheck.load import history_before_onset, history_window_start
from kneecheck.store import Store, default_db_path
from kneecheck.triage import (
    Assessment,
    Checklist,
    Questionnaire,
    Session,
    assess,
    assess_read,
    default_engine,
    questions_first,
)
from kneecheck.understand import TextProblem, Understood, parse_duration, parse_number, preload, understand

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="kneecheck: is this knee pain serious, what is it likely to be, what to do. Not a diagnosis.",
)
schema_app = typer.Typer(help="Print published JSON Schemas.", no_args_is_help=True)
app.add_typer(schema_app, name="schema")
app.add_typer(load_app, name="load")
app.add_typer(diary_app, name="diary")
app.command("why")(why_command)
app.command("report")(report_command)
app.command("export")(export_command)
app.command("plan")(plan_command)
app.command("form")(form_command)
app.command("screen")(screen_command)

out = Console()
err = Console(stderr=True)
_state = {"debug": False}

BANNER_STYLE = {
    "emergency": (
        "white on red",
        "EMERGENCY - go to an emergency department or call emergency services now",
    ),
    "urgent": ("black on yellow", "URGENT - see a clinician within 24 hours"),
    "routine": ("black on cyan", "ROUTINE - book a visit with a GP or physiotherapist"),
    "self_care": ("black on green", "SELF-CARE - manage at home and re-check in 48 hours"),
}


@app.callback()
def _main(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
) -> None:
    _state["debug"] = debug


# ---------------------------------------------------------------------------- input
def validation_message(error: ValidationError) -> str:
    first = error.errors()[0]
    field = ".".join(str(p) for p in first["loc"]) or "answers"
    if first["type"] == "extra_forbidden":
        return f"{field}: unknown field"
    if first["type"] == "literal_error":
        return f"{field}: {first['msg'].replace('Input should be', 'must be')}, got {first['input']!r}"
    return f"{field}: {first['msg']}"


def read_answers(path: Path) -> Answers:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        fail(f"{path}: no such file")
    except (OSError, UnicodeDecodeError) as error:
        fail(f"{path}: cannot read ({error})")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        fail(f"{path}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})")
    if not isinstance(data, dict):
        fail(f"{path}: answers must be a JSON object, got {type(data).__name__}")
    try:
        return Answers.model_validate(data)
    except ValidationError as error:
        fail(f"{path}: {validation_message(error)}")


# ---------------------------------------------------------------------------- interactive
def _parse_reply(question: Question, kind: str, reply: str) -> Any:
    reply = reply.strip().lower()
    if reply in ("", "?", "dk", "don't know", "dont know", "unknown"):
        return None
    if kind == "yesno":
        if reply in ("y", "yes"):
            return "yes"
        if reply in ("n", "no"):
            return "no"
        raise ValueError("answer y, n or ? (don't know)")
    if kind == "duration":
        return parse_duration(reply)
    if kind == "number":
        return parse_number(reply)
    options = list(question.options)
    labels = {value: label.lower() for value, label in question.options.items()}
    picked = []
    for part in (p.strip() for p in reply.split(",")):
        key = part.replace(" ", "_").replace("-", "_")
        if part.isdigit() and 1 <= int(part) <= len(options):
            picked.append(options[int(part) - 1])
        elif key in options:
            picked.append(key)  # the value itself: "no injury", "no_injury"
        elif matches := [v for v, label in labels.items() if label.startswith(part)]:
            picked.append(matches[0])  # the start of its label: "a twist"
        else:
            raise ValueError(f"choose numbers from 1 to {len(options)}")
    if kind == "choice" and len(picked) != 1:
        raise ValueError("choose one number")
    return picked if kind == "list" else picked[0]


def _ask_question(console: Console, q: Question, answers: dict[str, Any]) -> Any:
    kind = answer_kind(q.field)
    prompt = q.question
    if kind == "yesno":
        prompt += " [y/n/?]"
    elif kind in ("choice", "list"):
        menu = "  ".join(f"{i}) {label}" for i, label in enumerate(q.options.values(), 1))
        console.print(f"[dim]{menu}[/dim]")
        prompt += " [number" + ("s, comma-separated" if kind == "list" else "") + " or ?]"
    while True:
        reply = Prompt.ask(escape(prompt), console=console, default="", show_default=False)
        try:
            value = _parse_reply(q, kind, reply)
            if value is not None:
                Answers.model_validate({**answers, q.field: value})
            return value
        except (ValueError, ValidationError) as error:
            message = validation_message(error) if isinstance(error, ValidationError) else str(error)
            console.print(f"[red]{message}[/red] - {q.help}")


def _ask_checklist(console: Console, checklist: Checklist) -> list[int] | None:
    for i, item in enumerate(checklist.items, 1):
        console.print(f"  {i}) {item.label}")
    prompt = f"{checklist.question} [numbers, 0 for none of these, ? for don't know]"
    while True:
        reply = Prompt.ask(escape(prompt), console=console, default="", show_default=False).strip().lower()
        if reply in ("", "?", "dk", "don't know", "dont know", "unknown"):
            return None
        if reply in ("0", "none", "no", "n"):
            return []
        parts = reply.replace(" ", "").split(",")
        if all(p.isdigit() and 1 <= int(p) <= len(checklist.items) for p in parts):
            return sorted({int(p) - 1 for p in parts})
        console.print(f"[red]choose numbers from 1 to {len(checklist.items)}, 0 for none, or ?[/red]")


def interview(console: Console) -> tuple[Answers, int, Understood | None]:
    """Free text first (optional), then adaptive questions: warning signs first, then what best
    separates the likely causes. Enter or ? always means "don't know"."""
    engine = default_engine()
    questionnaire = Questionnaire(engine)
    console.print(
        Panel(
            "Describe the knee in your own words if you like, then answer a few questions;\n"
            'press Enter or type ? for "don\'t know". Warning signs are always asked first.\n'
            + engine.kb.manifest.disclaimer,
            title="kneecheck assessment",
        )
    )
    session = Session()
    read: Understood | None = None
    described = Prompt.ask(
        "In your own words: what happened, where does it hurt, how is it going? (Enter to skip)",
        console=console,
        default="",
        show_default=False,
    )
    if described.strip():
        try:
            read = understand(described)
            session.answers.update(read.answers.known())
            session.ask_first = questions_first(read)
            for mention in read.mentions:
                said = escape(answer_text(mention.field, mention.value))
                console.print(f'  understood {said}  [dim]"{escape(mention.text)}"[/dim]')
            for aside in read.set_aside:
                console.print(f'  [dim]set aside "{aside.text}": {aside.reason}[/dim]')
            for note in read.notes:
                console.print(f"[yellow]{note}[/yellow]")
        except TextProblem as problem:
            console.print(f"[yellow]{problem}[/yellow]")
    while (step := questionnaire.next_step(session)) is not None:
        if step.question is not None:
            session.apply(step, _ask_question(console, step.question, session.answers))
        else:
            assert step.checklist is not None
            session.apply(step, _ask_checklist(console, step.checklist))
    return Answers.model_validate(session.answers), session.count, read


# ---------------------------------------------------------------------------- rendering
def render(result: Assessment, console: Console) -> None:
    style, words = BANNER_STYLE[result.urgency]
    console.print(Panel(words, style=style, expand=True))
    for reason in result.urgency_reasons:
        console.print(f"  [bold]{reason.urgency.upper()}[/bold] {reason.text}")
        console.print(f"    [dim]{reason.source}[/dim]")

    table = Table(title="Likely causes (estimates from your answers, not a diagnosis)", show_lines=False)
    table.add_column("cause")
    table.add_column("probability", justify="right")
    table.add_column("")
    table.add_column("why")
    for condition in result.conditions[:5]:
        bar = "█" * round(condition.probability * 20)
        reasons = "; ".join(w.sentence for w in condition.why[:3])
        table.add_row(
            f"{condition.name}\n[dim]{condition.lay_name}[/dim]",
            f"{condition.probability:.0%}",
            bar,
            reasons,
        )
    table.add_row(
        "something else",
        f"{result.something_else:.0%}",
        "█" * round(result.something_else * 20),
        "",
    )
    console.print(table)

    if result.evidence:
        console.print("[bold]Understood from your words[/bold]")
        for item in result.evidence:
            said = escape(answer_text(item["field"], item["value"]))
            console.print(f'  • {said}  [dim]"{escape(item["text"])}"[/dim]')
    for aside in result.set_aside:
        console.print(f'  [dim]set aside "{aside["text"]}": {aside["reason"]}[/dim]')
    for note in result.notes:
        console.print(f"[yellow]{note}[/yellow]")
    if result.training_factors:
        console.print("[bold]Training factors[/bold]")
        for factor in result.training_factors:
            console.print(f"  • {factor.text} [dim]({factor.evidence})[/dim]")
    advice = result.advice
    _bullets(console, "What to do now", advice.now)
    _bullets(console, "Avoid", advice.avoid)
    console.print(f"[bold]Re-check:[/bold] {advice.recheck}")
    _bullets(console, "Come back sooner if", advice.come_back_if, mark="!")
    _bullets(console, "Prevention", advice.prevention)
    _bullets(console, "Questions that could change this result", result.missing, mark="?")
    if result.questions_asked is not None:
        console.print(f"[dim]{result.questions_asked} questions asked[/dim]")
    console.print(Panel(result.disclaimer, title="Not a diagnosis", style="dim"))
    console.print(f"[dim]knowledge {result.knowledge_version}[/dim]")


def _bullets(console: Console, title: str, lines: list[str], mark: str = "•") -> None:
    if lines:
        console.print(f"[bold]{title}[/bold]")
        for line in lines:
            console.print(f"  {mark} {line}")


# ---------------------------------------------------------------------------- commands
@app.command("assess")
def assess_command(
    answers_file: Annotated[
        Path | None,
        typer.Option("--answers", help="A JSON answers document (see `kneecheck schema answers`)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the assessment as one JSON object.")] = False,
    shoe_limit_km: Annotated[
        float | None,
        typer.Option("--shoe-limit-km", min=50, help="Warn about shoes past this distance."),
    ] = None,
    db: Annotated[
        Path | None,
        typer.Option("--db", help="Training history to use (default: the local database, if any)."),
    ] = None,
    athlete: Annotated[str, typer.Option("--athlete", help="Whose history.")] = "me",
    use_history: Annotated[
        bool, typer.Option("--history/--no-history", help="Use stored workouts for training factors.")
    ] = True,
    text: Annotated[
        str | None, typer.Option("--text", help="Describe the knee in your own words (or paste a clinical note).")
    ] = None,
    save: Annotated[
        bool, typer.Option("--save/--no-save", help="Keep the assessment in the local database (kneecheck history).")
    ] = True,
) -> None:
    """Assess a knee: urgency, likely causes, training factors and advice."""
    if db is not None and not db.exists() and not save:  # said before any question is asked
        fail(f"{db}: no such database (with --save, the default, a new one is made)")
    if text is not None:
        given = read_answers(answers_file) if answers_file is not None else Answers()
        try:
            reading = understand(text)
        except TextProblem as problem:
            fail(f"--text: {problem}")
        merged = Answers.model_validate({**reading.answers.known(), **given.known()})
        history = stored_history(db, athlete, merged, shoe_limit_km) if use_history else None
        result = assess_read(reading, given, shoe_limit_km=shoe_limit_km, history=history)
        if as_json:
            print(result.model_dump_json(indent=2))
        else:
            render(result, out)
        if save:
            _keep(db, athlete, merged, result, text, quiet=as_json)
        return
    read: Understood | None = None
    if answers_file is not None:
        answers = read_answers(answers_file)
    else:
        if as_json and not sys.stdin.isatty():
            fail("--json without --answers needs an interactive terminal; pass --answers FILE.json")
        answers, asked, read = interview(err if as_json else out)
    history = stored_history(db, athlete, answers, shoe_limit_km) if use_history else None
    if answers_file is None and read is not None:  # the text's fail-safe holds for what stayed unanswered
        result = assess_read(read, answers, shoe_limit_km=shoe_limit_km, history=history)
    else:
        result = assess(answers, shoe_limit_km=shoe_limit_km, history=history)
    if answers_file is None:
        result = result.model_copy(update={"questions_asked": asked})
    if as_json:
        print(result.model_dump_json(indent=2))
    else:
        render(result, out)
    if save:
        _keep(db, athlete, answers, result, read.text if read is not None else None, quiet=as_json)


@app.command("history")
def history_command(
    db: Annotated[Path | None, typer.Option("--db", help="Database file (default: the local database).")] = None,
    athlete: Annotated[str, typer.Option("--athlete", help="Whose assessments.")] = "me",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """The assessments kept so far, newest first, with their answers, text and knowledge version."""
    path = db or default_db_path()
    if not path.exists():
        fail(f"{path}: no database yet (kneecheck assess keeps each assessment there)")
    with Store(path) as store:
        person = store.find_athlete(athlete)
        kept = store.assessments(person) if person is not None else []
    if as_json:
        print(json.dumps(kept, indent=2))
        return
    if not kept:
        out.print("No assessments kept yet: kneecheck assess keeps each one.")
        return
    table = Table(title=f"{athlete}: assessments")
    for column in ("#", "when (UTC)", "urgency", "likely cause", "knowledge", "your words"):
        table.add_column(column)
    for a in kept:
        words = (a["text"] or "")[:60] + ("..." if a["text"] and len(a["text"]) > 60 else "")
        table.add_row(
            str(a["id"]),
            a["at_utc"].replace("T", " ")[:16],
            a["urgency"],
            (a["top_condition"] or "").replace("_", " "),
            a["knowledge_version"],
            words,
        )
    out.print(table)


def _keep(db: Path | None, athlete: str, answers: Answers, result: Any, text: str | None, *, quiet: bool) -> None:
    """Keep the assessment with its answers, text and knowledge version (the diary, `why` and the
    report refer back to it)."""
    with Store(db or default_db_path()) as store:
        number = store.save_assessment(store.athlete(athlete), answers.known(), result, text)
    if not quiet:
        out.print(
            f"[dim]Kept as assessment #{number} in your local history: kneecheck history (--no-save keeps none)[/dim]"
        )


def stored_history(
    db: Path | None, athlete: str, answers: Answers, shoe_limit_km: float | None
) -> list[Mapping[str, str]] | None:
    """Training factors from stored workouts in the weeks before the pain began, if any."""
    path = db or default_db_path()
    if not path.exists():  # no database yet: no history (the assessment may start one)
        return None
    with Store(path) as store:
        person = store.athlete(athlete)
        now = datetime.now(UTC)
        since = history_window_start(answers.hours_since_onset, now)  # only the weeks it needs
        return history_before_onset(
            store.sessions(person, since),
            store.shoes(person),
            answers.hours_since_onset,
            now=now,
            shoe_limit_km=shoe_limit_km or shoe_warning_km(),
            records_start=since if store.has_sessions_before(person, since) else None,
        )


@app.command("serve")
def serve_command(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8000,
    db: Annotated[Path | None, typer.Option("--db", help="Database file (default: the user data folder).")] = None,
    multi_user: Annotated[bool, typer.Option("--multi-user", help="Accounts and logins, for several people.")] = False,
) -> None:
    """Start the web page and the HTTP API on this machine."""
    import uvicorn

    from kneecheck.web import Settings, UnsafeBinding, check_binding, create_app

    try:
        check_binding(host, multi_user)
    except UnsafeBinding as problem:
        fail(str(problem))
    app_ = create_app(Settings(db_path=db or default_db_path(), multi_user=multi_user))
    preload()  # the text reader's language data, now rather than on the first request
    out.print(f"kneecheck is at http://{host}:{port}/  (Ctrl+C to stop)")
    uvicorn.run(app_, host=host, port=port, log_level="warning")


users_app = typer.Typer(help="Accounts for the multi-user server.", no_args_is_help=True)
app.add_typer(users_app, name="users")


@users_app.command("add")
def users_add(
    username: Annotated[str, typer.Argument()],
    coach: Annotated[bool, typer.Option("--coach", help="A coach or physio account.")] = False,
    db: Annotated[Path | None, typer.Option("--db")] = None,
) -> None:
    """Create an account; the password is read from the terminal (or one line of standard input)."""
    from kneecheck.web._accounts import AccountError, create_user

    if sys.stdin.isatty():
        password = Prompt.ask("Password (at least 10 characters)", password=True, console=err)
    else:
        password = sys.stdin.readline().rstrip("\n")
    with Store(db or default_db_path()) as store:
        try:
            user = create_user(store, username, password, role="coach" if coach else "athlete")
        except AccountError as problem:
            fail(f"{username}: {problem}")
    out.print(f"account {user.username} ({user.role}) created")


@schema_app.command("answers")
def schema_answers() -> None:
    """The JSON Schema of the answers document."""
    print(json.dumps(answers_schema(), indent=2))


@app.command("rules")
def rules_command() -> None:
    """Print every red-flag rule with its level and source, as a Markdown table (the README's)."""
    print(red_flag_table(), end="")


@app.command("eval")
def eval_command(
    vignettes_file: Annotated[
        Path, typer.Argument(help="YAML vignettes with gold labels (and encoded `answers`, unless --from-text).")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as one JSON object.")] = False,
    details: Annotated[bool, typer.Option("--details", help="Add a row per vignette.")] = False,
    from_text: Annotated[
        bool, typer.Option("--from-text", help="Read each vignette's text instead of its encoded answers.")
    ] = False,
    simulate_questions: Annotated[
        bool,
        typer.Option("--simulate", help="Run the adaptive questions with replies taken from the encoded answers."),
    ] = False,
    part: Annotated[
        str,
        typer.Option(
            "--part",
            help="all, tuning, or untouched: the third whose ids end in 0, 3 or 7, kept aside from tuning.",
        ),
    ] = "all",
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="YYYY-MM-DD: the day the texts are read on (default: today). A text's weekday (\"since "
            'Saturday") counts back from it, so figures from text are stated with their day.',
        ),
    ] = None,
) -> None:
    """Measure triage and ranking accuracy on vignettes with gold labels."""
    try:
        raw = yaml.safe_load(vignettes_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        fail(f"{vignettes_file}: no such file")
    except yaml.YAMLError as error:
        fail(f"{vignettes_file}: not valid YAML ({str(error).splitlines()[0]})")
    if not isinstance(raw, list):
        fail(f"{vignettes_file}: expected a list of vignettes")
    if part not in ("all", "tuning", "untouched"):
        fail(f"--part: expected all, tuning or untouched, not {part!r}")
    try:
        day = date.fromisoformat(as_of) if as_of else None
    except ValueError:
        fail(f"--as-of: expected a date as YYYY-MM-DD, not {as_of!r}")
    try:
        report = evaluate_vignettes(
            raw, from_text=from_text, simulate_questions=simulate_questions, part=cast(Part, part), today=day
        )
    except MissingAnswers as error:
        fail(f"{vignettes_file}: {error}")
    except ValidationError as error:
        first = error.errors()[0]
        index = first["loc"][0] if first["loc"] else "?"
        fail(f"{vignettes_file}: vignette {index}: {validation_message(error)}")
    if as_json:
        data = report.model_dump(exclude=set() if details else {"details"})
        print(json.dumps(data, indent=2))
        return
    title = f"{vignettes_file.name}: {report.n} vignettes" + ("" if part == "all" else f" ({part} part)")
    summary = Table(title=title)
    summary.add_column("measure")
    summary.add_column("value", justify="right")
    summary.add_row("read from", report.source)
    if report.finding_precision is not None and report.finding_recall is not None:
        summary.add_row("finding precision / recall", f"{report.finding_precision:.3f} / {report.finding_recall:.3f}")
    if report.questions_mean is not None:
        summary.add_row("questions asked (mean / max)", f"{report.questions_mean:.1f} / {report.questions_max}")
        summary.add_row("urgency same as with full answers", f"{report.urgency_same_as_full_answers} of {report.n}")
    summary.add_row("urgency within the acceptable set", f"{report.urgency_exact:.1%}")
    summary.add_row("under-triage", f"{report.under_triage} {report.under_triage_ids}")
    summary.add_row("under-triage where urgent/emergency was needed", str(report.under_triage_serious))
    summary.add_row("over-triage", f"{report.over_triage} {report.over_triage_ids}")
    summary.add_row("top-1 (gold or acceptable)", f"{report.top1:.1%}")
    summary.add_row("top-3 (gold or acceptable)", f"{report.top3:.1%}")
    summary.add_row("top-3 (gold only)", f"{report.top3_gold_only:.1%}")
    summary.add_row("mean probability of the top cause", f"{report.mean_top1_probability:.1%}")
    summary.add_row("mean probability of the gold cause", f"{report.mean_gold_probability:.1%}")
    if report.brier_top1 is not None:
        summary.add_row("Brier score of the top cause (lower is better)", f"{report.brier_top1:.3f}")
        stated = [f"{b.low:.0%}-{b.high:.0%}: {b.n} cases, right {b.observed:.0%}" for b in report.reliability if b.n]
        summary.add_row("top cause right, by stated probability", "\n".join(stated))
    out.print(summary)
    if report.by_voice:
        voices = Table(title="by voice")
        for column in ("voice", "n", "urgency", "serious under-triage", "top-3"):
            voices.add_column(column, justify="left" if column == "voice" else "right")
        for voice, row in report.by_voice.items():
            voices.add_row(voice, str(row.n), f"{row.urgency_ok:.1%}", str(row.under_triage_serious), f"{row.top3:.1%}")
        out.print(voices)
    if details:
        table = Table()
        for column in ("id", "gold urgency", "urgency", "gold condition", "top 3"):
            table.add_column(column)
        for d in report.details:
            mark = "" if d.urgency_ok else (" UNDER" if d.under_triage else " over")
            table.add_row(
                d.id,
                d.gold_urgency,
                d.urgency + mark,
                d.gold_condition + ("" if d.top3_ok else " MISS"),
                ", ".join(d.top3),
            )
        out.print(table)


def main() -> None:
    try:
        app(standalone_mode=False)
    except UserError as error:
        err.print(f"kneecheck: {error}", highlight=False, soft_wrap=True)
        raise SystemExit(2) from None
    except KnowledgeError as error:
        err.print(f"kneecheck: knowledge base invalid: {error}", highlight=False, soft_wrap=True)
        raise SystemExit(2) from None
    except typer.Exit as done:
        raise SystemExit(done.exit_code) from None
    except (typer.Abort, KeyboardInterrupt, EOFError):
        err.print("kneecheck: stopped")
        raise SystemExit(130) from None
    except SystemExit:
        raise
    except Exception as error:
        if hasattr(error, "show") and hasattr(error, "exit_code"):  # a usage error from typer
            error.show()
            raise SystemExit(error.exit_code) from None
        if _state["debug"]:
            raise
        err.print(f"kneecheck: internal error: {error} (run with --debug for details)", highlight=False)
        raise SystemExit(1) from None
