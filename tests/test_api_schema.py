"""Property-based tests from /openapi.json: schemathesis generates requests for every GET operation
the schema lists (valid parameters, then invalid ones) and checks that none gives a 5xx and that
every answer has a documented status and content type and a body that fits its schema.

Operations are read from the running app's schema, so routes added later (incidents, pages) are
covered without editing this file.  (Schemathesis' own fixture-based parametrize does not work
with pytest 9, hence the loop over operations with one Hypothesis run each.)"""

from __future__ import annotations

import warnings

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from sitroom.serve import Settings, create_app

from .test_api import corpus_db

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = {GenerationMode.POSITIVE: 100, GenerationMode.NEGATIVE: 50}  # per operation: the suite stays under a minute


@pytest.fixture(scope="module")
def operations(tmp_path_factory):
    path = corpus_db(tmp_path_factory.mktemp("schema") / "corpus.db")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*httpx2.*")
        schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(path, settings=Settings()))
    found = [result.ok() for result in schema.include(method="GET").get_all_operations()]
    assert len(found) >= 7, "documents, document, entries, entry, events, search, stats at least"
    return found


def run_operation(operation, mode: GenerationMode) -> None:
    @settings(max_examples=EXAMPLES[mode], deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case):
        case.call_and_validate(checks=CHECKS)

    check()


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
def test_every_get_operation_conforms_to_the_schema(operations, mode):
    failures = []
    for operation in operations:
        try:
            run_operation(operation, mode)
        except Unsatisfiable:
            assert mode is GenerationMode.NEGATIVE, f"{operation.label}: no valid request can be made"
            continue  # nothing to get wrong: an operation without parameters
        except Exception as exc:  # noqa: BLE001 -- gather every operation's failure, then report them all
            failures.append(f"{operation.label}: {exc}")
    assert not failures, "\n\n".join(failures)
