"""Portal profiles: bundled ones load, and every mistake names the key and the file."""

from pathlib import Path

import pytest

from portalcheck.errors import ConfigurationError
from portalcheck.profile import bundled_names, load_profile


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "portal.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_every_bundled_profile_loads():
    assert "reference" in bundled_names()
    for name in bundled_names():
        assert load_profile(name).name


def test_wording_maps_documented_labels_and_defaults_to_them():
    profile = load_profile("reference")
    assert profile.says("Verify registration") == "Activate account"
    assert profile.says("Email address") == "Email address"


def test_defaults_are_what_the_guides_document(tmp_path):
    profile = load_profile(write(tmp_path, 'name = "City"\n'))
    assert profile.urls.sign_in == "/"
    assert profile.family == "community-access"
    assert profile.security.password_min_length == 15


@pytest.mark.parametrize(
    ("text", "key", "says"),
    [
        ('name = "x"\ncolour = "blue"\n', "colour", "unknown key 'colour'"),
        ('name = "x"\n[urls]\nsignin = "/"\n', "urls.signin", "unknown key 'urls.signin'"),
        ('name = "x"\n[security]\npassword_min_length = "15"\n', "security.password_min_length",
         "must be a whole number"),
        ('name = "x"\nfeatures = "registration"\n', "features", "must be a list of strings"),
        ('name = "x"\n[wording]\n"E-mail adress" = "Email"\n', "wording.E-mail adress",
         "'wording' has 'E-mail adress', which is not known; did you mean 'Email address'?"),
        ('family = "community-access"\n', "name", "lacks the required key 'name'"),
        ('name = "x"\nfamily = "comunity-access"\n', "family", "did you mean 'community-access'?"),
        ('name = "x"\nfeatures = ["utility_billing"]\n', "features", "did you mean 'utility-billing'?"),
        ('name = "x"\n[flows]\nsign_in = "two-steps"\n', "flows.sign_in", "did you mean 'two-step'?"),
        ('name = "x"\n[flows]\nverification = "email-code"\n', "flows.verification", "known: link, confirm-button"),
        ('name = "x"\n[flows]\nreset_confirm_field = "no"\n', "flows.reset_confirm_field", "must be true or false"),
        ('name = "x"\n[flows]\nsearch_link = "Search"\n', "flows.search_link", "unknown key 'flows.search_link'"),
        ('name = "x"\nfeatures = ["payment"]\n', "features", "did you mean 'payments'?"),
        ('name = "x"\n[payments]\nsteps = ["Amount", "Pay"]\n', "payments.steps", "must be the checkout's 4 step headings"),
        ('name = "x"\n[payments]\nprocessor_origin = "https://pay.example/checkout"\n', "payments.processor_origin",
         "must be an origin"),
        ('name = "x"\n[payments]\npartial_payments = "yes"\n', "payments.partial_payments", "must be true or false"),
        # Unknown keys name the nearest known one, in every table.
        ('name = "x"\n[securty]\nlockout_threshold = 5\n', "securty", "unknown key 'securty' in portal profile; "
         "did you mean 'security'?"),
        ('name = "x"\n[security]\nlockout_treshold = 5\n', "security.lockout_treshold",
         "did you mean 'lockout_threshold'?"),
        # A label with a line break in it still makes one line.
        ('name = "x"\n[wording]\n"Sign\\nin" = "Log in"\n', "wording.Sign\nin", "'Sign\\nin', which is not known; "
         "did you mean 'Sign in'?"),
        # A misspelt required key is named as unknown, with its right name, not only as missing.
        ('nme = "x"\n', "nme", "unknown key 'nme' in portal profile; did you mean 'name'?"),
        # Where the file was read from is not the file's to say.
        ('name = "x"\npath = "/elsewhere.toml"\n', "path", "unknown key 'path'"),
        # Bounded numbers: a slip of a digit or a unit, not a portal's real setting.
        ('name = "x"\n[security]\nlockout_threshold = 0\n', "security.lockout_threshold", "must be at least 1, not 0"),
        ('name = "x"\n[security]\npassword_min_length = 100\n', "security.password_min_length",
         "must be at most 64, not 100"),
        ('name = "x"\n[security]\nremember_me_seconds = 1209600000\n', "security.remember_me_seconds",
         "must be at most 31536000"),
        ('name = "x"\n[security]\nidle_timeout_seconds = 15\n', "security.idle_timeout_seconds", "must be at least 60"),
        ('name = "x"\n[email]\ntimeout_seconds = 30000\n', "email.timeout_seconds", "must be at most 600"),
        ('name = "x"\n[email]\ntimeout_seconds = "30"\n', "email.timeout_seconds", "must be a number, not '30'"),
        # Patterns must compile, and the code's pattern must capture the code.
        ('name = "x"\n[email]\nlink_pattern = "(https://"\n', "email.link_pattern", "is not a valid regex"),
        ('name = "x"\n[flows]\ncode_pattern = "\\\\d{6}"\n', "flows.code_pattern", "has no group"),
        ('name = ""\n', "name", "'name' must be a name, not ''"),
        ('name = "x"\nurls = "/"\n', "urls", "'urls' must be a table, not '/'"),
    ],
)
def test_a_mistake_names_the_key_and_the_file(tmp_path, text, key, says):
    path = write(tmp_path, text)
    with pytest.raises(ConfigurationError) as caught:
        load_profile(path)
    assert caught.value.profile_key == key
    assert says in str(caught.value) and path in str(caught.value)
    assert "\n" not in str(caught.value)


def test_unknown_profile_name_lists_the_bundled_ones():
    with pytest.raises(ConfigurationError, match="Unknown portal profile 'nope': use one of .*reference"):
        load_profile("nope")


def test_missing_file_and_bad_toml(tmp_path):
    with pytest.raises(ConfigurationError, match="does not exist"):
        load_profile(str(tmp_path / "absent.toml"))
    with pytest.raises(ConfigurationError, match="not valid TOML"):
        load_profile(write(tmp_path, "name = \n"))


def test_flows_default_to_what_the_guides_document(tmp_path):
    flows = load_profile(write(tmp_path, 'name = "City"\n')).flows
    assert (flows.registration, flows.verification, flows.sign_in, flows.search) == ("link", "link", "one-page", "")
    assert flows.reset_confirm_field is True and flows.utility_pay_proof == "pin"


def test_a_profile_describes_another_portal_s_flows(tmp_path):
    profile = load_profile(write(tmp_path, 'name = "City"\n[flows]\nverification = "code"\n'
                                           'sign_in = "two-step"\nsearch = "Find my account"\n'
                                           'reset_confirm_field = false\n'))
    assert profile.flows.verification == "code" and profile.flows.sign_in == "two-step"
    assert profile.flows.search == "Find my account" and profile.flows.reset_confirm_field is False


def test_the_readme_documents_every_profile_key_from_the_schema():
    from portalcheck.profile_reference import markdown

    table = markdown()
    assert table in (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8"), (
        "regenerate it: python -m portalcheck.profile_reference")
    for line in table.splitlines()[2:]:
        assert not line.endswith("|  |"), f"a key without documentation beside its field: {line}"


def test_payments_default_to_the_documented_checkout(tmp_path):
    payments = load_profile(write(tmp_path, 'name = "City"\n')).payments
    assert payments.steps == ("Step 1 of 4: Payment amount", "Step 2 of 4: Payment details",
                              "Step 3 of 4: Billing address", "Step 4 of 4: Review")
    assert payments.partial_payments and payments.processor_origin == ""
    assert not payments.cart_emptied_on_sign_out  # only where a city says so
    declared = load_profile(write(tmp_path, 'name = "City"\n[payments]\nprocessor_origin = "https://pay.example"\n'
                                            'partial_payments = false\n')).payments
    assert declared.processor_origin == "https://pay.example" and not declared.partial_payments
