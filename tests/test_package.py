"""`pip install portalcheck` as a user gets it: the built wheel in a fresh virtual environment
outside this checkout, run from a folder of the user's own with relative paths.

The wheel must carry everything a run needs (the features, steps, page objects, profiles and the
example test data under the `portalcheck` namespace, the reference portal as an extra), and the
plugin must register every tag the bundled features use, so a repository of the user's own that
runs with --strict-markers accepts them.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from runs import PROJECT, clean_env

pytestmark = pytest.mark.browser

# A city's own scenario, tagged as the bundled features are, in a repository of its own.
LEAFLET = """\
@community-access @minot @guide-step-1 @security @check-9 @asvs-v6.3.8
Feature: Our leaflet's sign-up promise

  Scenario: The sign-in page offers "Sign up" and "Forgot password?"
    When the resident opens the sign-in page
    Then the page shows the links "Sign up" and "Forgot password?"
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Built from a copy: setuptools leaves build/ in the source folder, and a stale build/ there
    # would put files into the wheel that the checkout no longer has.
    source = tmp_path_factory.mktemp("source") / "portalcheck"
    shutil.copytree(PROJECT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "*.egg-info", "__pycache__", ".browser-server", "portalcheck-*", "test-results"))
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(out),
                    str(source)], check=True, timeout=600, env=clean_env())
    (found,) = out.glob("portalcheck-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel and its reference extra; its bin folder."""
    home = tmp_path_factory.mktemp("user") / "venv"
    venv.create(home, with_pip=True)
    subprocess.run([str(home / "bin" / "python"), "-m", "pip", "install", "--quiet", f"{wheel}[reference]"],
                   check=True, timeout=900, env=clean_env())
    return home / "bin"


def test_the_wheel_carries_the_bundled_suite_under_the_portalcheck_namespace(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for expected in ("portalcheck/features/community_access/minot_register.feature",
                     "portalcheck/features/test_community_access.py", "portalcheck/steps/residents.py",
                     "portalcheck/pages/sign_in.py", "portalcheck/journeys/journey.py",
                     "portalcheck/profiles/reference.toml", "portalcheck/profiles/example-test-data.json",
                     "portalcheck/py.typed", "reference_portal/templates/common/base.html"):
        assert expected in names, expected
    # Nothing else at the top level: no `steps` or `pages` package of the same name as a user's.
    assert {name.split("/")[0] for name in names if not name.startswith("portalcheck-")} == {
        "portalcheck", "reference_portal"}


def test_portalcheck_steps_runs_from_another_folder(installed: Path, tmp_path: Path) -> None:
    result = subprocess.run([str(installed / "portalcheck"), "steps"], cwd=tmp_path, capture_output=True,
                            text=True, timeout=120, env=clean_env())
    assert result.returncode == 0, result.stderr
    assert "When the resident opens the sign-in page" in result.stdout
    # Each phrase's example comes from the shipped features.
    assert "      e.g. When the resident clicks" in result.stdout


def test_portalcheck_run_from_a_repository_of_its_own_with_relative_paths(installed: Path, tmp_path: Path) -> None:
    """The city's folder: its own feature, a copy of a bundled profile, --strict-markers, all relative."""
    city = tmp_path / "our-city"
    (city / "our_features").mkdir(parents=True)
    (city / "our_features" / "leaflet.feature").write_text(LEAFLET, encoding="utf-8")
    (city / "pytest.ini").write_text("[pytest]\naddopts = --strict-markers\n", encoding="utf-8")
    profile = installed.parent / "lib"
    (bundled,) = profile.glob("python3*/site-packages/portalcheck/profiles/reference.toml")
    (city / "profiles").mkdir()
    (city / "profiles" / "our-city.toml").write_text(bundled.read_text(encoding="utf-8"), encoding="utf-8")

    result = subprocess.run(
        [str(installed / "portalcheck"), "run", "--features", "our_features", "--portal-profile",
         "profiles/our-city.toml", "--report-dir", "report", "--no-accessibility"],
        cwd=city, capture_output=True, text=True, timeout=600, env=clean_env())
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "portalcheck: PASS: 1 passed" in result.stdout
    summary = json.loads((city / "report" / "summary.json").read_text(encoding="utf-8"))
    assert summary["totals"]["passed"] == 1


def test_a_mistyped_tag_still_fails_under_strict_markers(installed: Path, tmp_path: Path) -> None:
    """The control for the test above: the tags are accepted because they are registered."""
    (tmp_path / "leaflet.feature").write_text(LEAFLET.replace("@check-9", "@chekc-9"), encoding="utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\naddopts = --strict-markers\n", encoding="utf-8")
    result = subprocess.run([str(installed / "python"), "-m", "pytest", "-p", "no:cacheprovider", "leaflet.feature"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=300, env=clean_env())
    assert result.returncode != 0
    assert "'chekc-9' not found in `markers` configuration option" in result.stdout + result.stderr


def test_the_bundled_suite_runs_from_the_installed_package(installed: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [str(installed / "portalcheck"), "run", "--report-dir", "out", "--no-accessibility", "--",
         "-k", "email_from_community"],
        cwd=tmp_path, capture_output=True, text=True, timeout=600, env=clean_env())
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert re.search(r"^portalcheck: PASS: [1-9]\d* passed, 0 failed", result.stdout, re.M), result.stdout[-2000:]
    assert (tmp_path / "out" / "index.html").is_file()
    assert not list(tmp_path.glob("**/__pycache__")) and not (tmp_path / ".pytest_cache").exists()


def test_without_the_reference_extra_the_bundled_portal_is_named_in_one_line(
        wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    home = tmp_path_factory.mktemp("bare") / "venv"
    venv.create(home, with_pip=True)
    subprocess.run([str(home / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
                   check=True, timeout=900, env=clean_env())
    result = subprocess.run([str(home / "bin" / "portalcheck"), "run"], cwd=home, capture_output=True,
                            text=True, timeout=120, env=clean_env())
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "portalcheck: error: The bundled reference portal needs django, argon2, dj_database_url: pip install "
        "'portalcheck[reference]', or test your own portal with --portal-url URL.")
