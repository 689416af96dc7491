"""One schema for profiles and test data: the published JSON Schema files are the models', and a
misspelt name stops `portalcheck profile check` and `portalcheck run` with one line naming the nearest."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from portalcheck.profile import BUNDLED, bundled_names
from portalcheck.schema import rendered, stale
from portalcheck.test_data import EXAMPLE

PROJECT = Path(__file__).resolve().parent.parent


def portalcheck(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "portalcheck", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def test_the_shipped_schema_files_are_what_the_models_make() -> None:
    assert stale() == [], "regenerate them: python -m portalcheck.schema --write"


def test_a_changed_schema_file_is_found_stale(tmp_path: Path) -> None:
    written = subprocess.run([sys.executable, "-m", "portalcheck.schema", "--write", str(tmp_path)],
                             capture_output=True, text=True, timeout=120, check=True)
    assert "profile.schema.json" in written.stdout and stale(tmp_path) == []
    schema = json.loads((tmp_path / "profile.schema.json").read_text(encoding="utf-8"))
    del schema["definitions"]["Security"]["properties"]["lockout_threshold"]
    (tmp_path / "profile.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    assert stale(tmp_path) == ["profile.schema.json"]


def test_every_key_an_editor_offers_is_described() -> None:
    for name, text in rendered().items():
        schema = json.loads(text)
        tables = [schema, *schema["definitions"].values()]
        for table in tables:
            for key, key_schema in table.get("properties", {}).items():
                nested = "$ref" in key_schema or "$ref" in key_schema.get("items", {})
                assert nested or key_schema.get("description"), f"{name}: {table.get('title')}.{key} has no description"


def test_the_bundled_files_name_their_schema_for_editors() -> None:
    for profile in bundled_names():
        first = (BUNDLED / f"{profile}.toml").read_text(encoding="utf-8").splitlines()[:2]
        assert first == ["#:schema ./profile.schema.json", ""], profile
    assert json.loads(EXAMPLE.read_text(encoding="utf-8"))["$schema"] == "./test-data.schema.json"
    assert (BUNDLED / "profile.schema.json").exists() and (BUNDLED / "test-data.schema.json").exists()


@pytest.mark.parametrize(("text", "nearest"), [
    ('name = "Our city"\nfamily = "comunity-access"\n', "did you mean 'community-access'?"),
    ('name = "Our city"\nfeatures = ["registration", "utility_billing"]\n', "did you mean 'utility-billing'?"),
    ('name = "Our city"\n[flows]\nverification = "confirm_button"\n', "did you mean 'confirm-button'?"),
    ('name = "Our city"\n[securty]\nlockout_threshold = 5\n', "did you mean 'security'?"),
])
def test_profile_check_stops_at_a_misspelt_name_with_the_nearest(tmp_path: Path, text: str, nearest: str) -> None:
    profile = tmp_path / "our-city.toml"
    profile.write_text(text, encoding="utf-8")
    result = portalcheck("profile", "check", "our-city.toml", cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith("portalcheck: error: our-city.toml: "), result.stderr
    assert nearest in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(("text", "nearest"), [
    ('name = "Our city"\nfamily = "citizen_access"\n', "did you mean 'citizen-access'?"),
    ('name = "Our city"\nfeatures = ["registration", "payment"]\n', "did you mean 'payments'?"),
])
def test_a_run_stops_at_a_misspelt_name_before_any_browser(tmp_path: Path, text: str, nearest: str) -> None:
    profile = tmp_path / "our-city.toml"
    profile.write_text(text, encoding="utf-8")
    report = tmp_path / "report"
    result = portalcheck("run", "--portal-profile", "our-city.toml", "--report-dir", str(report), cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert len(result.stderr.splitlines()) == 1 and nearest in result.stderr, result.stderr
    assert str(profile) in result.stderr
    assert not report.exists()  # pytest, and with it the portal and the browser, never started


def test_profile_check_stops_at_an_unknown_test_data_key(tmp_path: Path) -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["bank_accounts"][0]["routing"] = data["bank_accounts"][0].pop("routing_number")
    (tmp_path / "our-test-data.json").write_text(json.dumps(data), encoding="utf-8")
    result = portalcheck("profile", "check", "reference", "--test-data", "our-test-data.json", cwd=tmp_path)
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1, result.stderr
    assert ("our-test-data.json: unknown key 'bank_accounts[0].routing' in test data; "
            "did you mean 'routing_number'?") in result.stderr
    good = portalcheck("profile", "check", "reference", "--test-data", str(EXAMPLE), cwd=tmp_path)
    assert good.returncode == 0 and "valid test data" in good.stdout, good.stderr


def test_a_run_stops_at_an_unknown_test_data_key_before_any_browser(tmp_path: Path) -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["utility_accounts"][0]["cutomer_id"] = data["utility_accounts"][0].pop("customer_id")
    (tmp_path / "our-test-data.json").write_text(json.dumps(data), encoding="utf-8")
    report = tmp_path / "report"
    result = portalcheck("run", "--test-data", "our-test-data.json", "--report-dir", str(report), cwd=tmp_path)
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1, result.stderr
    assert "did you mean 'customer_id'?" in result.stderr and "our-test-data.json" in result.stderr
    assert not report.exists()  # found before pytest, the portal and the browser started


def test_an_independent_validator_accepts_the_bundled_files_and_refuses_a_misspelt_one() -> None:
    """What an editor's validator sees: the published files read by jsonschema, not by pydantic."""
    import tomllib

    import jsonschema

    profile_schema = json.loads((BUNDLED / "profile.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(profile_schema)
    for name in bundled_names():
        profile = tomllib.loads((BUNDLED / f"{name}.toml").read_text(encoding="utf-8"))
        assert list(validator.iter_errors(profile)) == [], name
    misspelt = tomllib.loads('name = "Our city"\nfamily = "comunity-access"\n[security]\nlockout_treshold = 5\n')
    assert {tuple(error.path) for error in validator.iter_errors(misspelt)} >= {("family",)}
    assert any("lockout_treshold" in error.message for error in validator.iter_errors(misspelt))

    data_schema = json.loads((BUNDLED / "test-data.schema.json").read_text(encoding="utf-8"))
    example = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert list(jsonschema.Draft7Validator(data_schema).iter_errors(example)) == []
