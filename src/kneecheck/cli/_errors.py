"""Errors for people: one line, exit code 2 (the CLI's `main` prints them)."""

from __future__ import annotations

from typing import NoReturn


class UserError(Exception):
    """A problem with the person's input: one line, exit code 2."""


def fail(message: str) -> NoReturn:
    raise UserError(message)
