"""The step catalogue city staff write from, and the hint a mistyped step gets."""

import subprocess
import sys

import pytest

from portalcheck import catalogue


@pytest.fixture(scope="module")
def phrases():
    return catalogue.build(catalogue.feature_step_lines())


def test_every_step_module_is_catalogued_with_readable_parameters(phrases):
    areas = {p.area for p in phrases}
    assert {"screens", "residents", "mail"} <= areas
    clicks = next(p for p in phrases if p.phrase == 'the resident clicks "<name>"')
    assert clicks.keyword == "When" and clicks.parameters == ("name",)
    assert clicks.example.startswith("the resident clicks")


@pytest.mark.parametrize(
    ("typo", "meant"),
    [
        ('the page show the headings "Welcome"', "the page shows the <kind"),
        ('the resident click on "Sign up"', 'the resident clicks "<name>"'),
        ('an email from "Community Access Identity" arrives for the resident', 'an e-mail from "<sender>"'),
        ("the resident sign in with the email and password", "the resident signs in with their email"),
    ],
)
def test_a_typo_finds_the_phrase_it_meant(phrases, typo, meant):
    assert catalogue.nearest(typo, phrases).phrase.startswith(meant)


def test_nonsense_has_no_nearest(phrases):
    assert catalogue.nearest("the moon is made of cheese", phrases) is None


def test_the_steps_command_prints_the_catalogue_by_area():
    result = subprocess.run([sys.executable, "-m", "portalcheck", "steps"], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0
    assert "Screens" in result.stdout and "Residents" in result.stdout and "Mail" in result.stdout
    # The example is the first feature line using the phrase (portalcheck/features/accessibility comes first).
    assert 'When the resident clicks "<name>"\n      e.g. When the resident clicks "Sign up"' in result.stdout


def test_a_feature_with_an_unknown_step_names_the_nearest_phrasing(tmp_path):
    (tmp_path / "typo.feature").write_text(
        'Feature: A city\'s own scenario\n  Scenario: A mistyped step\n'
        '    Then the page show the headings "Welcome"\n')
    (tmp_path / "test_typo.py").write_text('from pytest_bdd import scenarios\nscenarios("typo.feature")\n')
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "test_typo.py", "-p", "portalcheck.steps.screens", "-p", "no:cacheprovider"],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )
    assert result.returncode == 1
    assert "The nearest known step is: Then the page shows the <kind: heading" in result.stdout
