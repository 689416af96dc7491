"""The test-data loader: the documented example loads, a malformed file or an unknown key names its entry and
field, take_* hands out once."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from portalcheck.errors import ConfigurationError, MissingTestData
from portalcheck.test_data import EXAMPLE, load_test_data


@pytest.fixture
def example() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def write(tmp_path: Path, data) -> Path:
    path = tmp_path / "test-data.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_the_documented_example_loads():
    data = load_test_data(EXAMPLE)
    account = data.account("108426")
    assert account.balance == Decimal("0.00") and account.customer_id == "55012"
    assert [s.name for s in account.metered_services] == ["WATER"]
    assert account.paid_bills[0].sum_of_payments == Decimal("53.50")
    assert data.returning_residents[0].account_numbers == ("108426",)
    assert data.take_bank_account().last_four == "6789"
    assert data.permit_accounts[0].pin == "1234"
    assert data.payment_card().last_four == "1111" and data.payment_card("declined").number == "4000000000000002"


def test_without_a_declined_card_the_scenario_has_a_setup_gap(tmp_path, example):
    example["payment_cards"] = [card for card in example["payment_cards"] if card["outcome"] == "approved"]
    data = load_test_data(write(tmp_path, example))
    with pytest.raises(MissingTestData, match=r'lacks a test card the payment processor declines \(none left in "payment_cards"\)'):
        data.payment_card("declined")


@pytest.mark.parametrize("change, where", [
    (lambda d: d["utility_accounts"][0].pop("customer_id"),
     "test data lacks the required key 'utility_accounts[0].customer_id'"),
    (lambda d: d["utility_accounts"][0].update(balance="lots"),
     "'utility_accounts[0].balance' must be an amount such as \"53.50\", not 'lots'"),
    (lambda d: d["utility_accounts"][0].update(balance=True), "'utility_accounts[0].balance' must be an amount"),
    (lambda d: d["utility_accounts"][0].update(service_address=" "),
     "'utility_accounts[0].service_address' must be a non-empty string, not ' '"),
    (lambda d: d["utility_accounts"][0]["services"][0]["consumption"][1].update(usage="4k"),
     "'utility_accounts[0].services[0].consumption[1].usage' must be a whole number, not '4k'"),
    (lambda d: d["utility_accounts"][0]["services"][0]["consumption"][1].update(usage=-3),
     "'utility_accounts[0].services[0].consumption[1].usage' must be at least 0, not -3"),
    (lambda d: d["utility_accounts"][0]["services"][0]["consumption"][1].update(month="Dec 2025"),
     "'utility_accounts[0].services[0].consumption[1].month' must be a month such as \"2025-01\""),
    (lambda d: d["utility_accounts"][0]["bills"][0].update(due_date="2/10/2022"),
     "'utility_accounts[0].bills[0].due_date' must be a date such as \"2025-12-20\", not '2/10/2022'"),
    (lambda d: d["utility_accounts"][0]["bills"][0].update(due_date=20220210),
     "'utility_accounts[0].bills[0].due_date' must be a date"),
    (lambda d: d["utility_accounts"].append("108427"), "'utility_accounts[1]' must be an object, not '108427'"),
    (lambda d: d.update(bank_accounts={}), "'bank_accounts' must be a list of objects"),
    (lambda d: d.pop("utility_accounts"),
     "test data lacks the required key 'utility_accounts' (an empty list [] will do)"),
    (lambda d: d["returning_residents"][0].update(account_numbers=[]),
     "'returning_residents[0].account_numbers' must be a non-empty list of account numbers"),
    (lambda d: d["returning_residents"][0].update(email="nobody"),
     "'returning_residents[0].email' must be an e-mail address, not 'nobody'"),
    (lambda d: d["bank_accounts"][0].update(routing_number="011000016"),
     "'bank_accounts[0].routing_number' must be an ABA routing number"),
    (lambda d: d["bank_accounts"][0].update(account_type="Checkings"),
     "'bank_accounts[0].account_type' has 'Checkings', which is not known; did you mean 'Checking'?"),
    (lambda d: d["payment_cards"][0].update(number="4111 1111"), "'payment_cards[0].number' must be digits only"),
    (lambda d: d["payment_cards"][0].update(expiry="2034-12"), "'payment_cards[0].expiry' must be MM/YY"),
    (lambda d: d["payment_cards"][1].update(outcome="declind"),
     "'payment_cards[1].outcome' has 'declind', which is not known; did you mean 'declined'?"),
    (lambda d: d.update(seed="42"), "'seed' must be a whole number, not '42'"),
    # Unknown keys are mistakes too, at every level, and name the nearest known key.
    (lambda d: d["utility_accounts"][0].update(cutomer_id="55012"),
     "unknown key 'utility_accounts[0].cutomer_id' in test data; did you mean 'customer_id'?"),
    (lambda d: d.update(utility_acounts=[]), "unknown key 'utility_acounts' in test data; did you mean 'utility_accounts'?"),
    (lambda d: d["utility_accounts"][0]["bills"][0].update(paid="53.50"),
     "unknown key 'utility_accounts[0].bills[0].paid' in test data"),
    (lambda d: d["payment_cards"][0].update(cvv="123"), "unknown key 'payment_cards[0].cvv' in test data"),
])
def test_a_malformed_entry_is_named_with_its_field(tmp_path, example, change, where):
    data = copy.deepcopy(example)
    change(data)
    path = write(tmp_path, data)
    with pytest.raises(ConfigurationError) as caught:
        load_test_data(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: {where}"), message
    assert str(EXAMPLE) in message and caught.value.path == str(path)
    assert "\n" not in message


def test_an_editor_s_schema_key_and_notes_for_people_are_accepted(tmp_path, example):
    assert example["$schema"] == "./test-data.schema.json" and "_about" in example  # as shipped
    example["utility_accounts"][0]["_note"] = "the account QA keeps for EFT"
    data = load_test_data(write(tmp_path, example))
    assert data.account("108426").customer_id == "55012"


@pytest.mark.parametrize("text, says", [("{", "not valid JSON"), ("[]", "the file must hold one JSON object, not list")])
def test_a_file_that_is_not_a_test_data_object(tmp_path, text, says):
    path = tmp_path / "broken.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigurationError, match=says):
        load_test_data(path)


def test_a_missing_file_says_which_option_to_fix(tmp_path):
    with pytest.raises(ConfigurationError, match="--test-data"):
        load_test_data(tmp_path / "nope.json")


def accounts(example: dict, count: int) -> dict:
    data = copy.deepcopy(example)
    template = data["utility_accounts"][0]
    data["utility_accounts"] = [{**template, "account_number": str(100 + i), "balance": str(i % 2)}
                                for i in range(count)]
    return data


def test_each_account_is_taken_once(tmp_path, example):
    data = load_test_data(write(tmp_path, accounts(example, 4)), workers_share_portal=False)
    assert [data.take_account(balance_due=True).account_number for _ in range(2)] == ["101", "103"]
    assert data.take_account().account_number == "100"
    assert data.take_account(balance_due=False).account_number == "102"
    with pytest.raises(ConfigurationError, match=r"lacks an account paid in full \(none left in \"utility_accounts\"\)"):
        data.take_account(balance_due=False)


def test_workers_sharing_a_portal_take_disjoint_shares(tmp_path, example, monkeypatch):
    path = write(tmp_path, accounts(example, 4))
    monkeypatch.setenv("PYTEST_XDIST_WORKER_COUNT", "2")
    taken = []
    for worker in ("gw0", "gw1"):
        monkeypatch.setenv("PYTEST_XDIST_WORKER", worker)
        data = load_test_data(path)
        taken += [data.take_account().account_number for _ in range(2)]
    assert sorted(taken) == ["100", "101", "102", "103"]


def test_returning_residents_are_handed_out_once(tmp_path, example, monkeypatch):
    # As one process sees it: under xdist a worker's share of a one-entry list may be empty.
    monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)
    monkeypatch.setenv("PYTEST_XDIST_WORKER_COUNT", "1")
    data = load_test_data(EXAMPLE)
    assert data.take_returning_resident().email == "previously.registered.7f3a9c@example.test"
    with pytest.raises(ConfigurationError, match="returning_residents"):
        data.take_returning_resident()


def test_the_test_data_the_bundled_portal_writes_is_valid(tmp_path):
    # The reference portal's own writer, as `--test-data` runs use it, against the strict schema.
    written = tmp_path / "test-data.json"
    subprocess.run([sys.executable, "-m", "reference_portal", "seed", "--seed", "42", "--accounts", "20",
                    "--database", f"sqlite:///{tmp_path / 'portal.sqlite3'}", "--test-data", str(written)],
                   check=True, capture_output=True, text=True, timeout=300)
    data = load_test_data(written)
    assert data.seed == 42 and len(data.accounts) == 20 and data.returning_residents and data.permit_accounts
    assert data.payment_card("declined") and data.bank_accounts[0].routing_number
    assert any(account.metered_services for account in data.accounts)
