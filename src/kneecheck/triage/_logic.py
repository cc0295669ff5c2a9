"""Three-valued evaluation of knowledge tests: True, False, or None for "unknown".

Unknown answers stay unknown through `all`/`any`/`not` (Kleene logic), so a rule never fires on
an unanswered question and an unanswered question never rules anything out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kneecheck.knowledge import Finding, Test

Truth = bool | None


def evaluate(test: Test, values: Mapping[str, Any], findings: Mapping[str, Truth], *, defaults: bool = True) -> Truth:
    """`defaults=False` ignores `if_unknown`, to tell a result that rests on an unanswered question."""
    result = _evaluate(test, values, findings, defaults)
    if result is None and test.if_unknown is not None and defaults:
        return test.if_unknown
    return result


def _evaluate(test: Test, values: Mapping[str, Any], findings: Mapping[str, Truth], defaults: bool) -> Truth:
    if test.finding is not None:
        return findings[test.finding]
    if test.field is not None:
        return _leaf(test, values.get(test.field))
    if test.not_ is not None:
        inner = evaluate(test.not_, values, findings, defaults=defaults)
        return None if inner is None else not inner
    children = [evaluate(child, values, findings, defaults=defaults) for child in test.children()]
    if test.all_of is not None:
        if any(c is False for c in children):
            return False
        return True if all(c is True for c in children) else None
    needed = test.at_least or 1
    true_count = sum(c is True for c in children)
    open_count = sum(c is None for c in children)
    if true_count >= needed:
        return True
    return False if true_count + open_count < needed else None


def _leaf(test: Test, value: Any) -> Truth:
    unknown = value is None or value == "unknown"
    if test.is_unknown is not None:
        return unknown == test.is_unknown
    if unknown:
        return None
    if test.is_ is not None:
        return bool(value == test.is_)
    if test.in_ is not None:
        return value in test.in_
    if test.includes is not None:
        return test.includes in value
    if test.includes_any is not None:
        return any(v in value for v in test.includes_any)
    if test.mentions is not None:
        return True if test.mentions in value else None
    if test.gt is not None:
        return bool(value > test.gt)
    if test.ge is not None:
        return bool(value >= test.ge)
    if test.lt is not None:
        return bool(value < test.lt)
    if test.le is not None:
        return bool(value <= test.le)
    raise AssertionError("a validated test always has an operator")


def derive_findings(definitions: Mapping[str, Finding], values: Mapping[str, Any]) -> dict[str, Truth]:
    """Every finding for these answers, in definition order (later ones may use earlier ones)."""
    findings: dict[str, Truth] = {}
    for name, finding in definitions.items():
        findings[name] = evaluate(finding.when, values, findings)
    return findings


def fields_used(test: Test, definitions: Mapping[str, Finding]) -> set[str]:
    """The answers fields a test depends on, following findings to their definitions."""
    if test.field is not None:
        return {test.field}
    if test.finding is not None:
        return fields_used(definitions[test.finding].when, definitions)
    return set().union(*(fields_used(child, definitions) for child in test.children()))
