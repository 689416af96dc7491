"""The Citizen Access test data and profile: permit accounts, bill PINs, and the family's wording."""

import json

import pytest

from portalcheck.citizen_access_data import AccountPool, load_permit_accounts, load_water_accounts
from portalcheck.errors import ConfigurationError
from portalcheck.plugin import REFERENCE_PROFILES
from portalcheck.profile import load_profile

PERMIT = {"number": "PA-000001", "holder_name": "Jane Builder", "email": "jane@permits.example.test", "pin": "0042"}


def write(tmp_path, data) -> str:
    path = tmp_path / "test-data.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_permit_accounts_are_handed_out_once_each(tmp_path):
    second = {**PERMIT, "number": "PA-000002", "email": "joe@permits.example.test"}
    pool = AccountPool(load_permit_accounts(write(tmp_path, {"permit_accounts": [PERMIT, second]})),
                       kind="permit account", source="data.json")
    assert [pool.take().number, pool.take().number] == ["PA-000001", "PA-000002"]
    with pytest.raises(ConfigurationError, match="No unused permit account left in data.json"):
        pool.take()


def test_water_accounts_are_those_with_a_bill_pin(tmp_path):
    path = write(tmp_path, {"utility_accounts": [{"account_number": "1000042", "bill_pin": "0815"},
                                                 {"account_number": "1000043"}]})
    [account] = load_water_accounts(path)
    assert (account.account_number, account.bill_pin) == ("1000042", "0815")


def test_a_permit_account_without_a_pin_names_the_file_and_the_keys(tmp_path):
    path = write(tmp_path, {"permit_accounts": [{"number": "PA-1", "holder_name": "J", "email": "j@x.test"}]})
    with pytest.raises(ConfigurationError) as caught:
        load_permit_accounts(path)
    assert path in str(caught.value) and '"pin"' in str(caught.value)


def test_the_citizen_access_profile_is_the_editions_default():
    profile = load_profile(REFERENCE_PROFILES["citizen-access"])
    assert profile.family == "citizen-access"
    assert profile.says("Sign in") == "Log In"
    assert profile.says("Link Account...") == "Link Account..."  # as the guide prints it
