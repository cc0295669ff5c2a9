"""Schemathesis over the OpenAPI document: generated requests never cause a server error."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from test_web import server  # noqa: F401 - a real server with its own database


@pytest.fixture(scope="module")
def api_schema(server):  # noqa: F811
    return schemathesis.openapi.from_url(f"{server}/api/v1/openapi.json")


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_generated_requests_never_cause_a_server_error(case):
    case.call_and_validate(checks=[not_a_server_error])
