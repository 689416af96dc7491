"""Scenario tags a profile makes "not applicable": a flow it declares otherwise, a way of paying it lacks."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from portalcheck import plugin
from portalcheck.profile import load_profile


class Scenario:
    """Just what the collection hook reads of a collected scenario: its tags and the marks added."""

    def __init__(self, *tags: str) -> None:
        self.marks = [getattr(pytest.mark, tag).mark for tag in tags]

    def iter_markers(self, name: str | None = None):
        return (mark for mark in self.marks if name is None or mark.name == name)

    def get_closest_marker(self, name: str):
        return next(self.iter_markers(name), None)

    def add_marker(self, marker) -> None:
        self.marks.append(marker.mark)

    def not_applicable(self) -> str | None:
        skip = self.get_closest_marker("skip")
        return skip.kwargs["reason"] if skip else None


def collected(profile_text: str, tmp_path: Path, *scenarios: Scenario) -> None:
    path = tmp_path / "portal.toml"
    path.write_text(profile_text, encoding="utf-8")
    config = SimpleNamespace(option=SimpleNamespace(feature_file=None), stash=pytest.Stash())
    config.stash[plugin._PROFILE] = load_profile(str(path))
    plugin.pytest_collection_modifyitems(config, list(scenarios))  # type: ignore[arg-type]


PORTAL = 'name = "Our city"\nfeatures = ["registration", "utility-billing", "payments"]\n'


def test_a_declared_flow_or_missing_way_of_paying_makes_its_scenarios_not_applicable(tmp_path: Path) -> None:
    one_page, partial, emptied = (Scenario("community-access", "one-page-sign-in"),
                                  Scenario("community-access", "payments", "partial-payments"),
                                  Scenario("community-access", "payments", "cart-emptied-on-sign-out"))
    collected(PORTAL + '[flows]\nsign_in = "two-step"\n[payments]\npartial_payments = false\n',
              tmp_path, one_page, partial, emptied)
    assert one_page.not_applicable() == 'not applicable: the portal profile declares flows.sign_in = "two-step"'
    assert partial.not_applicable() == "not applicable: the portal profile declares payments.partial_payments = false"
    assert emptied.not_applicable() == (
        "not applicable: the portal profile declares payments.cart_emptied_on_sign_out = false")


def test_the_same_scenarios_run_where_the_profile_has_those_flows(tmp_path: Path) -> None:
    one_page, partial, emptied = (Scenario("community-access", "one-page-sign-in"),
                                  Scenario("community-access", "payments", "partial-payments"),
                                  Scenario("community-access", "payments", "cart-emptied-on-sign-out"))
    collected(PORTAL + "[payments]\ncart_emptied_on_sign_out = true\n", tmp_path, one_page, partial, emptied)
    assert (one_page.not_applicable(), partial.not_applicable(), emptied.not_applicable()) == (None, None, None)
