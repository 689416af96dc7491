"""Playwright's errors translated into the portal's fault, and a step's own finding left alone."""

from __future__ import annotations

import pytest

from portalcheck.portal_faults import WATCHED, PageLoads, explain, with_fault


class Item:
    def __init__(self) -> None:
        self.stash = pytest.Stash()
        self.stash[WATCHED] = PageLoads(origin="http://127.0.0.1:8000", wait_seconds=3)


@pytest.mark.parametrize(("error", "fault"), [
    ('Page.goto: net::ERR_CONNECTION_REFUSED at http://127.0.0.1:8000/home/',
     "the portal stopped answering: nothing accepts connections at /home/ any more"),
    ('Page.goto: net::ERR_EMPTY_RESPONSE at http://127.0.0.1:8000/',
     "the portal closed the connection without answering at /"),
    ('APIRequestContext.post: socket hang up\nCall log:\n  - → POST http://127.0.0.1:8000/sign-up/',
     "the portal closed the connection without answering at /sign-up/"),
    ('APIRequestContext.get: connect ECONNREFUSED 127.0.0.1:8000\nCall log:\n  - → GET http://127.0.0.1:8000/',
     "the portal stopped answering: nothing accepts connections at / any more"),
    ('Page.goto: Timeout 3000ms exceeded.\nCall log:\n  - navigating to "http://127.0.0.1:8000/", waiting until "load"',
     "the portal did not answer within 3 s at / (--wait-seconds)"),
])
def test_a_network_error_names_the_portal_s_fault(error: str, fault: str) -> None:
    assert explain(Item(), Exception(error)).startswith(fault)


@pytest.mark.parametrize("error", [
    # The page answered; what the step looked for is not on it: the step's finding stands.
    'Locator.click: Timeout 3000ms exceeded.\nCall log:\n  - waiting for get_by_role("button", name="Sign up")',
    'AssertionError: Locator expected to be visible\nActual value: None\nError: element(s) not found',
    'The e-mail to ann@residents.example.test came from "Portal <no-reply@x>", not "Community Access Identity".',
])
def test_a_step_s_own_failure_blames_no_portal(error: str) -> None:
    assert explain(Item(), Exception(error)) is None


def test_the_fault_comes_first_on_one_line() -> None:
    message = with_fault("the portal answered 500 Internal Server Error at /", "AssertionError: gone\nmore")
    assert message == ("The portal answered 500 Internal Server Error at /. "
                       "The step failed on it: AssertionError: gone")
