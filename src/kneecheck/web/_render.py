"""Server-rendered pages: Jinja2 templates, one folder per area."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from kneecheck.knowledge import answer_text

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))

URGENCY_WORDS = {
    "emergency": ("Emergency", "Go to an emergency department or call emergency services now."),
    "urgent": ("Urgent", "See a clinician within 24 hours."),
    "routine": ("Routine", "Book a visit with a GP or physiotherapist."),
    "self_care": ("Self-care", "Manage at home and re-check in 48 hours."),
}
TEMPLATES.env.globals["urgency_words"] = URGENCY_WORDS
TEMPLATES.env.globals["answer_text"] = answer_text


def render(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    """A page; in multi-user mode it carries the user and the CSRF token for its forms."""
    extra = {
        "user": getattr(request.state, "user", None),
        "csrf": getattr(request.state, "csrf", None),
        "server_mode": request.app.state.settings.multi_user,
    }
    return TEMPLATES.TemplateResponse(request, name, {**extra, **context}, status_code=status_code)
