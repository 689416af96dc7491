"""Profile waivers for known accessibility violations: read, matched, and refused once expired."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from portalcheck.accessibility.waivers import Waiver, check_current, waived
from portalcheck.errors import ConfigurationError
from portalcheck.profile import load_profile

WAIVER = """
[[accessibility.waivers]]
rule = "color-contrast"
page = "/utility-billing/accounts/*"
reason = "Vendor ticket 4711: new palette ships in the spring release"
expires = {expires}
"""


def profile_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "our-city.toml"
    path.write_text('name = "Our city"\n' + text, encoding="utf-8")
    return path


def test_waivers_are_read_from_the_profile(tmp_path: Path) -> None:
    profile = load_profile(str(profile_file(tmp_path, WAIVER.format(expires="2999-12-31"))))
    [waiver] = profile.accessibility.waivers
    assert waiver == Waiver(rule="color-contrast", page="/utility-billing/accounts/*",
                            reason="Vendor ticket 4711: new palette ships in the spring release",
                            expires=date(2999, 12, 31))
    assert waived(profile.accessibility.waivers, "color-contrast", "/utility-billing/accounts/{n}/")
    assert not waived(profile.accessibility.waivers, "color-contrast", "/sign-in/")
    assert not waived(profile.accessibility.waivers, "label", "/utility-billing/accounts/{n}/")


def test_an_expired_waiver_stops_the_run_naming_it_and_the_file(tmp_path: Path) -> None:
    path = profile_file(tmp_path, WAIVER.format(expires="2020-01-31"))
    with pytest.raises(ConfigurationError) as error:
        load_profile(str(path))
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: accessibility waiver 1 (color-contrast on /utility-billing/accounts/*")
    assert "expired on 2020-01-31" in message


def test_a_waiver_expiring_today_still_holds() -> None:
    waiver = Waiver("label", "/x/", "reason", date(2026, 3, 1))
    check_current((waiver,), "p.toml", today=date(2026, 3, 1))
    with pytest.raises(ConfigurationError, match="expired on 2026-03-01"):
        check_current((waiver,), "p.toml", today=date(2026, 3, 2))


@pytest.mark.parametrize(("text", "complaint"), [
    (WAIVER.format(expires="2999-12-31") + 'ticket = "4711"\n',
     "unknown key 'accessibility.waivers[1].ticket'"),
    (WAIVER.format(expires='"2999-12-31"'), "'accessibility.waivers[1].expires' must be a date"),
    ('[accessibility]\nwaivers = "none"\n', "'accessibility.waivers' must be a list of tables"),
    (WAIVER.format(expires="2999-12-31").replace('reason = "Vendor ticket 4711: new palette ships in the spring release"\n', ""),
     "lacks the required key 'accessibility.waivers[1].reason'"),
])
def test_a_wrong_waiver_is_refused_naming_the_key(tmp_path: Path, text: str, complaint: str) -> None:
    with pytest.raises(ConfigurationError, match=complaint.replace("[", r"\[").replace("]", r"\]")):
        load_profile(str(profile_file(tmp_path, text)))
