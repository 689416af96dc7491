"""A portal whose e-mail goes wrong fails the scenario naming what went wrong, never a timeout:
the bundled portal with one deliberate e-mail defect (reference_portal/defects.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from runs import PROJECT, clean_env

SCENARIO = "after_activating_the_account"  # Minot step 3: sign up, the e-mail's link, sign in
FAULTS = {
    "email-sent-twice": 'Two messages "Activate your Community Access account" arrived for ',
    "email-wrong-recipient": "went to another address: a message from Community Access Identity",
    "email-link-broken": "which answers 404 Not Found: the link is broken",
}


@pytest.mark.browser
@pytest.mark.parametrize("defect", list(FAULTS))
def test_an_e_mail_fault_is_named(defect: str, tmp_path: Path) -> None:
    profile = tmp_path / "reference-quick-mail.toml"  # the bundled profile, waiting 3 s for e-mail
    profile.write_text((PROJECT / "portalcheck/profiles/reference.toml").read_text()
                       .replace("timeout_seconds = 30", "timeout_seconds = 3"))
    report = tmp_path / "report"
    result = subprocess.run(
        [sys.executable, "-m", "portalcheck", "run", "--portal-profile", str(profile), "--report-dir", str(report),
         "--", "-k", SCENARIO], cwd=PROJECT, capture_output=True, text=True, timeout=600,
        env=clean_env(REFERENCE_PORTAL_DEFECTS=defect))
    assert result.returncode == 1, (result.stdout + result.stderr)[-4000:]
    [failure] = json.loads((report / "summary.json").read_text())["failures"]
    assert FAULTS[defect] in failure["message"], failure["message"]
    assert "arrived within" not in failure["message"].split(";")[0]  # named, not "No e-mail ... arrived"
    if defect == "email-wrong-recipient":  # nothing for the resident: the portal's log says it sent none to them
        assert "The bundled portal's log records no e-mail with a subject containing " in failure["message"]
        assert "the portal did not send it" in failure["message"], failure["message"]
        kept = failure["message"].rpartition("(log: ")[2].rstrip(").")  # the log named is the one kept
        assert kept.startswith(str(report)) and Path(kept).read_text(), failure["message"]
    else:  # the e-mail came: no log sentence about a missing one
        assert "bundled portal's log" not in failure["message"], failure["message"]
