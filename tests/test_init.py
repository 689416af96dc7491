"""`portalcheck init`: a draft profile that drives sign-up on the bundled portal as it is, and
names a re-worded portal's own words; `portalcheck profile check` validates without a browser."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from portalcheck.mail import EmbeddedInbox
from portalcheck.reference import ReferencePortal

pytestmark = pytest.mark.browser
PROJECT = Path(__file__).resolve().parent.parent


def portalcheck(*args: str, cwd: Path = PROJECT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "portalcheck", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=600)


def draft_of(tmp_path: Path, **portal) -> dict:
    with EmbeddedInbox() as inbox, ReferencePortal(smtp=(inbox.host, inbox.port), **portal) as running:
        result = portalcheck("init", running.url, "--out", str(tmp_path / "portal.toml"))
    assert result.returncode == 0, result.stdout + result.stderr
    return tomllib.loads((tmp_path / "portal.toml").read_text(encoding="utf-8"))


def test_the_draft_of_the_bundled_portal_drives_its_registration_features(tmp_path: Path) -> None:
    draft = draft_of(tmp_path)
    assert draft.get("wording", {}) == {}  # every label as the guides print it
    result = portalcheck("run", "--portal-profile", str(tmp_path / "portal.toml"),
                         "--features", "portalcheck/features/community_access/minot_register.feature",
                         "--report", str(tmp_path / "report"))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    assert "PASS: 7 passed" in result.stdout


def test_the_draft_of_a_reworded_portal_names_its_words(tmp_path: Path) -> None:
    wording = draft_of(tmp_path, variants=("reworded",))["wording"]
    assert wording["Sign up"] == "Register for a New Account"
    assert wording["Remember me"] == "Remember Me"
    assert wording["Create an account"] == "Register"
    text = (tmp_path / "portal.toml").read_text(encoding="utf-8")
    assert '"Sign up" = "Register for a New Account"  # re-worded' in text


def test_profile_check_names_the_problem_without_a_browser(tmp_path: Path) -> None:
    good = portalcheck("profile", "check", "reference")
    assert good.returncode == 0 and "a valid profile" in good.stdout
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\nfeatures = ["utility_billing"]\n', encoding="utf-8")
    result = portalcheck("profile", "check", str(bad), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "did you mean 'utility-billing'?" in result.stderr
