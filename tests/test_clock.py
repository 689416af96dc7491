"""The movable clock: what the harness writes is what the bundled portal adds to its time."""

from __future__ import annotations

from datetime import timedelta

import pytest

from portalcheck.clock import ENV_CLOCK_FILE, PortalClock


def test_advance_accumulates_and_the_portal_reads_it(tmp_path, monkeypatch):
    from reference_portal import clock as portal_clock

    path = tmp_path / "clock"
    monkeypatch.setenv(ENV_CLOCK_FILE, str(path))
    assert portal_clock.offset() == timedelta()  # no file yet: the real clock
    clock = PortalClock(path)
    clock.advance(60)
    clock.advance(3600)
    assert clock.offset_seconds == 3660
    assert portal_clock.offset() == timedelta(seconds=3660)


def test_the_clock_never_goes_back(tmp_path):
    with pytest.raises(ValueError, match="only moves forward"):
        PortalClock(tmp_path / "clock").advance(-1)
