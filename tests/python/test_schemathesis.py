"""Schemathesis against the served /openapi.json: for generated valid and invalid requests to every
operation, no response is a 5xx and every response (status, content type, body) is one the document
describes. Bounded: PM_SCHEMATHESIS_EXAMPLES cases per operation (default 5), about a
minute in all."""
import os

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

BASE = os.environ.get("PM_LLM_BASE_URL", "http://127.0.0.1:8888")
EXAMPLES = int(os.environ.get("PM_SCHEMATHESIS_EXAMPLES", "5"))

schema = schemathesis.openapi.from_url(f"{BASE}/openapi.json", wait_for_schema=30)
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_matches_document(case):
    # Streaming answers are server-sent events, checked by test_openai_client.py instead.
    if case.method == "POST" and case.path == "/v1/chat/completions" and isinstance(case.body, dict):
        case.body.pop("stream", None)
    case.call_and_validate(base_url=BASE, checks=CHECKS, timeout=30)
