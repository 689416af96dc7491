"""The `portalcheck` command: bad input gets one clear line and a non-zero exit."""

import subprocess
import sys

import pytest


def portalcheck(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "portalcheck", *args], capture_output=True,
                          text=True, timeout=timeout)


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_an_unreachable_portal_url_is_one_line():
    line = one_line_error(portalcheck("run", "--portal-url", "http://127.0.0.1:9"))
    assert "http://127.0.0.1:9" in line and "not answering" in line and "--portal-url" in line


def test_mailpit_not_answering_is_one_line():
    line = one_line_error(portalcheck("run", "--mailpit-url", "http://127.0.0.1:9"))
    assert "Mailpit" in line and "http://127.0.0.1:9" in line


def test_an_unknown_profile_key_names_the_key_and_the_file(tmp_path):
    profile = tmp_path / "city.toml"
    profile.write_text('name = "City"\n[urls]\nsign_inn = "/login"\n')
    line = one_line_error(portalcheck("run", "--portal-profile", str(profile)))
    assert "sign_inn" in line and str(profile) in line


def test_a_missing_browser_names_the_remedies(tmp_path):
    line = one_line_error(portalcheck("run", "--browser-path", str(tmp_path / "none")))
    assert "--browser-path" in line and "apt-get install chromium" in line


@pytest.mark.parametrize("option", ["--portal-url", "--mailpit-url"])
def test_pytest_itself_reports_the_same_one_line(option):
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "portalcheck/features", option, "http://127.0.0.1:9", "-p", "no:cacheprovider"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 4
    assert "Traceback" not in result.stderr + result.stdout
    assert "http://127.0.0.1:9" in result.stderr
