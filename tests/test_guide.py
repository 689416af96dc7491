"""`portalcheck guide`: an illustrated how-to from a run, every step shown, clicks outlined."""

import json
import subprocess
import sys
from html import escape as html_escape

FEATURE = "portalcheck/features/community_access/minot_register.feature"


def test_the_registration_guide_shows_each_step_with_the_clicked_element_outlined(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "portalcheck", "guide", FEATURE, "--report", str(tmp_path)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr
    html = (tmp_path / "guide.html").read_text()
    assert "<h1>Minot: register for a Citizen Self Service account</h1>" in html
    scenarios = json.loads((tmp_path / "scenarios.json").read_text())
    assert len(scenarios) == 8  # only this feature's scenarios ran
    for scenario in scenarios:
        assert html_escape(scenario["scenario"]["name"]) in html
        assert scenario["evidence"], f'no screenshot for {scenario["scenario"]["name"]}'
    clicks = [e for s in scenarios for e in s["evidence"] if e["description"].startswith(("Click", "Press"))]
    assert clicks and all(e["outlined"] for e in clicks)
    assert any(e["description"] == 'Click "Activate account" in the e-mail' and e["outlined"]
               for s in scenarios for e in s["evidence"])
    assert html.count("<img") == sum(len(s["evidence"]) for s in scenarios)
    assert (tmp_path / "guide.pdf").read_bytes().startswith(b"%PDF")


def test_a_missing_feature_is_one_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "portalcheck", "guide", "portalcheck/features/nope.feature", "--report", str(tmp_path)],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip().startswith("portalcheck: error: No features at")
    assert len(result.stderr.strip().splitlines()) == 1
