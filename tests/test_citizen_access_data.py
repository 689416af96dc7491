"""The Citizen Access test data and profile: permit accounts, bill PINs, and the family's wording."""

import json

import pytest

from portalcheck.errors import ConfigurationError
from portalcheck.plugin import REFERENCE_PROFILES
from portalcheck.profile import load_profile
from portalcheck.test_data import load_test_data

PERMIT = {"number": "PA-000001", "holder_name": "Jane Builder", "email": "jane@permits.example.test", "pin": "0042"}


def write(tmp_path, data) -> str:
    path = tmp_path / "test-data.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_permit_accounts_are_handed_out_once_each(tmp_path, monkeypatch):
    # As one process sees it; how workers split the entries is tested in test_test_data.py.
    monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)
    monkeypatch.setenv("PYTEST_XDIST_WORKER_COUNT", "1")
    second = {**PERMIT, "number": "PA-000002", "email": "joe@permits.example.test"}
    data = load_test_data(write(tmp_path, {"utility_accounts": [], "permit_accounts": [PERMIT, second]}))
    assert [data.take_permit_account().number, data.take_permit_account().number] == ["PA-000001", "PA-000002"]
    with pytest.raises(ConfigurationError, match=r"lacks a permit account \(none left in \"permit_accounts\"\)"):
        data.take_permit_account()


def test_a_permit_account_without_a_pin_names_the_entry_and_the_field(tmp_path):
    path = write(tmp_path, {"utility_accounts": [], "permit_accounts": [{"number": "PA-1", "holder_name": "J", "email": "j@x.test"}]})
    with pytest.raises(ConfigurationError) as caught:
        load_test_data(path)
    assert path in str(caught.value) and "permit_accounts[0]" in str(caught.value) and "pin" in str(caught.value)


def test_the_citizen_access_profile_is_the_editions_default():
    profile = load_profile(REFERENCE_PROFILES["citizen-access"])
    assert profile.family == "citizen-access"
    assert profile.says("Sign in") == "Log In"
    assert profile.says("Link Account...") == "Link Account..."  # as the guide prints it
