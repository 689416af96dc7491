"""Portal profiles: what differs between portals, read from one documented TOML file each.

Features quote the labels the city guides print ("Email address", "Activate account"). A
profile's `[wording]` table maps a documented label to what a particular portal shows instead,
so one suite drives every compliant portal without `if` branches in page objects.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast, get_type_hints

from portalcheck.accessibility.waivers import Accessibility, check_current
from portalcheck.errors import ConfigurationError

BUNDLED = Path(__file__).parent / "profiles"

# Every label a step or page object relies on, as the guides print it. A profile may only
# re-word these: a typo in a profile key then fails at start instead of silently not applying.
DOCUMENTED_LABELS = frozenset(
    {
        # A1 sign-in page
        "Sign in to community access services.", "Sign in with Google", "Sign in with Apple",
        "Sign in with Microsoft", "Sign in with Facebook", "OR", "Email address", "Password",
        "Remember me", "Sign in", "Forgot password?", "Unlock account?", "Help",
        "Don't have an account?", "Sign up",
        # A2 sign-up
        "Create an account", "Email *", "Password *", "First name *", "Last name *",
        "* indicates required field", "Back to sign in", "Verification email sent",
        "To finish signing in, check your email.",
        # A3 verification e-mail (sender names and link texts of both documented guides)
        "Community Access Identity", "Community Access ID", "Activate account",
        "Verify registration", "Welcome to your Community Access account!",
        "Account activated",
        # The city's website, before the portal (Minot's MyBill page, Pinellas Park steps 1-3)
        "View Your Bill", "Pay Utility Bill",
        # A4 home
        "Welcome to Citizen Self Service", "Announcements", "Profile Information",
        "There are currently no announcements.", "Profile information not found.",
        "Home", "Citizen Self Service", "Utility Billing", "Sign out", "Utility Billing Accounts",
        # A5 linking (Minot)
        "Accounts", "Link to Account", "Select an account to work with.", "Unlinked accounts",
        "No Utility Billing accounts have been linked to this user.", "Account Link Setup",
        "What is the account ID? *", "What is the CID? *", "Submit", "Cancel",
        "Note: Your account # and customer # can be found on your utility bill.",
        # A6 Utility Billing search (Pinellas Park)
        "Account Number", "Customer ID", "Remember these values", "Search", "Reset", "Search Results",
        "New Search",
        # A7 account summary and menu (Minot)
        "Manage Bills", "Account Summary", "Automatic EFT Payments", "Contact Us",
        "Sign up for EFT Automatic Payments", "Billing Account", "Service Address",
        "Bill Delivery Preference", "Your Current Balance", "Amount Due Now", "Payment Due Date",
        "About Your Payments", "Bill", "Last Posted", "Sum of Payments", "View Details", "details",
        "Customer Information", "Name", "Address", "Services", "Service", "Code", "Start Date",
        "Stop Date", "Status", "Consumption History", "View Consumption",
        # A8 bills, delivery preference, EFT
        "Bill details", "Change Bill Delivery Preference", "Mail", "Email", "Update", "Bank name", "Routing number", "Checking", "Savings",
        "Bank account number", "I agree to the automatic payment terms", "the balance of each bill",
        "each bill's due date", "Cancel automatic payments",
        # B Citizen Access (Billings): registration, the two logins, linking accounts
        "new user", "New User Registration", "submit", "Registration E-mail", "ok",
        "Return to the login page", "your account was activated", "Utility Pay", "Permits",
        "Link Account...", "add accounts", "Provided PIN", "Your account is now linked",
        "PIN",
        # Security checks: password reset, unlock and password change (the guides only print the
        # sign-in page's "Forgot password?" and "Unlock account?"; these are the reference portal's).
        "Reset your password", "Send reset link", "Check your email", "Reset password",
        "New password", "Confirm new password", "Change password", "Current password",
        "Unlock your account", "Send unlock link", "Unlock account",
        # Security checks 24-28: the reference portal's EFT bank account change.
        "Change bank account",
        # Flows other cities document (flows.md A3, E): a confirming button on the link's landing
        # page ("[Tyler Identity] Account Created"), a code typed into the portal instead of a
        # link, sign-in in two steps, and Lawrence's "Total Amount Due" for Utility Pay linking.
        "CONFIRM EMAIL", "Verify with your email", "Enter Code", "Verify", "Resend code", "Next",
        "Total Amount Due",
        # A8 Manage Bills: the cart, checkout and confirmation (other cities' guides), and what the
        # payment processor's hosted page asks for.
        "Add to Cart", "Cart", "Checkout", "Continue", "Change", "Remove", "Payment amount",
        "Payment details", "Billing address", "Credit or debit card", "Electronic check (e-check)",
        "Street address", "City", "State", "ZIP code", "Payment confirmation", "Payment reference",
        "Card number", "Expiration date (MM/YY)", "Security code", "Name on card", "Name on account",
    }
)

# The documented features a profile may claim; a scenario tagged with one the profile does not
# claim is "not applicable". A closed set, so a misspelt name stops the run instead of silently
# making every scenario not applicable.
FEATURES = {
    "registration": "sign-up, the verification e-mail and the first sign-in (every guide)",
    "utility-billing": "the Utility Billing module: accounts, account summary, bills, consumption (Minot)",
    "account-linking": "\"Account Link Setup\": linking a utility account with the numbers on the bill (Minot)",
    "utility-billing-search": "the Utility Billing search with \"Remember these values\" (Pinellas Park)",
    "eft": "Automatic EFT Payments (Minot)",
    "delivery-preference": "Bill Delivery Preference (Minot)",
    "password-reset": "\"Forgot password?\" and the e-mailed reset link (the sign-in page, A1)",
    "unlock": "\"Unlock account?\" and the e-mailed unlock link (the sign-in page, A1)",
    "password-change": "a signed-in page where the resident changes their password",
    "payments": "\"Manage Bills\": select bills, \"Add to Cart\", \"Checkout\", pay on the processor's page (A8)",
    "remember-me": "\"Remember me\" on the sign-in page, keeping a resident signed in (A1)",
    "permits": "Citizen Access \"Permits\" with \"Link Account...\" (Billings)",
    "utility-pay": "Citizen Access \"Utility Pay\" with \"Link Account...\" (Billings)",
}
FAMILIES = ("community-access", "citizen-access")


@dataclass(frozen=True)
class Urls:
    """Where things are, relative to the portal URL."""

    # The sign-in page (the guides' "login screen").
    sign_in: str = "/"
    # The city's own web page the guides start from, which links to the portal (Minot's
    # www.minotnd.org/MyBill, "View Your Bill"; Pinellas Park's home page, "Pay Utility Bill");
    # "" when the profile names none: those scenarios are then not applicable.
    city_website: str = ""
    # The signed-in home, "Welcome to Citizen Self Service".
    home: str = "/home/"
    # The sign-up form, opened directly when `flows.registration = "url"`.
    sign_up: str = "/sign-up/"
    # Where a verification code is typed in when `flows.verification = "code"`.
    verify_code: str = "/verify/"
    # Where a signed-in resident changes their password.
    password_change: str = "/password/change/"


@dataclass(frozen=True)
class Flows:
    """How the portal's flows go where cities differ (flows.md E). Defaults: the guides' way."""

    # How a resident reaches "Create an account": "link", the sign-in page's "Sign up" (Minot,
    # Pinellas Park); "url", the form's own address, `urls.sign_up` (cities that publish it).
    registration: str = "link"
    # What the verification e-mail asks: "link", open its link and the account is active (Minot,
    # Pinellas Park); "confirm-button", the link's page has a button ("CONFIRM EMAIL", "Confirm");
    # "password", that page asks for the password again ("[Tyler Identity] Account Created");
    # "code", a code from the e-mail typed into the portal ("Enter Code", "Verify").
    verification: str = "link"
    # A regex whose first group is the code in the e-mail (verification = "code").
    code_pattern: str = r"\b(\d{6})\b"
    # "one-page": e-mail and password on one form (the guides); "two-step": e-mail, "Next", password.
    sign_in: str = "one-page"
    # Where the Utility Billing search form is: "" on the page the "Utility Billing" tab opens
    # (Pinellas Park); otherwise the text of the link on that page that opens it (Glenwood Springs).
    search: str = ""
    # Whether the password-reset form asks for the new password twice.
    reset_confirm_field: bool = True
    # What proves a Utility Pay account besides its number (Citizen Access): "pin", the PIN on
    # the bill (Billings); "total-amount-due", the bill's "Total Amount Due" (Lawrence KS).
    utility_pay_proof: str = "pin"


# The values a flow key may take; anything else stops the run naming the key and the choices.
FLOW_CHOICES = {
    "registration": ("link", "url"),
    "verification": ("link", "confirm-button", "password", "code"),
    "sign_in": ("one-page", "two-step"),
    "utility_pay_proof": ("pin", "total-amount-due"),
}


@dataclass(frozen=True)
class Email:
    """How the portal's verification e-mail is recognised."""

    # A substring of the verification e-mail's subject; empty matches any subject.
    subject: str = ""
    # A regex for the verification URL in a plain-text e-mail; empty: the link is found by its
    # text in the HTML part ("Activate account", re-worded in [wording]).
    link_pattern: str = ""
    # How long a step waits for an e-mail to arrive.
    timeout_seconds: float = 30.0


@dataclass(frozen=True)
class Security:
    """Values the portal declares; security checks hold them to fixed ceilings."""

    # The shortest password sign-up accepts (at least 8, ASVS V6.2.1; 15 without other factors).
    password_min_length: int = 15
    # Consecutive failed sign-ins that lock an account (ceiling: 100, NIST SP 800-63B 3.2.2).
    lockout_threshold: int = 10
    # Lifetime of the e-mailed verification link (or code).
    activation_token_seconds: int = 24 * 60 * 60
    # Lifetime of the e-mailed password-reset link (ceiling: 24 h, NIST SP 800-63B 4.2.1.2).
    reset_token_seconds: int = 60 * 60
    # A session without "Remember me" ends after this long without a request (ASVS V7.3.1).
    idle_timeout_seconds: int = 15 * 60
    # A session with "Remember me" ends after this long whatever the activity (ceiling: 30 days,
    # NIST SP 800-63B 2.1.3).
    remember_me_seconds: int = 14 * 24 * 60 * 60
    # Wrong account/customer pairs a resident may try before linking is throttled (ASVS V2.4.1).
    link_attempt_limit: int = 5


DOCUMENTED_STEPS = ("Step 1 of 4: Payment amount", "Step 2 of 4: Payment details",
                    "Step 3 of 4: Billing address", "Step 4 of 4: Review")


@dataclass(frozen=True)
class Payments:
    """How paying a bill in "Manage Bills" goes where cities differ (flows.md A8)."""

    # Whether a bill may be paid in part (an amount below its balance at "Payment amount").
    partial_payments: bool = True
    # The origin of the payment processor's page where card and bank numbers are typed (e.g.
    # "https://secure.processor.example"); "": any origin but the portal's own.
    processor_origin: str = ""
    # The checkout's four step headings, in order: payment amount, payment details (which leads
    # to the processor's page), billing address, review.
    steps: tuple[str, ...] = DOCUMENTED_STEPS
    # Whether signing out empties the cart (only where the city says so; else not applicable).
    cart_emptied_on_sign_out: bool = False


@dataclass(frozen=True)
class Profile:
    """One portal's profile. Defaults are what the city guides document."""

    # The portal's name, for reports.
    name: str
    # The portal family: "community-access" (Community Access sign-in with Citizen Self Service:
    # Minot, Pinellas Park) or "citizen-access" (the older Citizen Access: Billings).
    family: str = "community-access"
    # The documented features the portal offers; a scenario about another is "not applicable".
    # Known: registration, utility-billing, account-linking, utility-billing-search, eft,
    # delivery-preference, password-reset, unlock, password-change, remember-me, payments, permits,
    # utility-pay.
    features: tuple[str, ...] = ("registration",)
    urls: Urls = field(default_factory=Urls)
    flows: Flows = field(default_factory=Flows)
    email: Email = field(default_factory=Email)
    security: Security = field(default_factory=Security)
    payments: Payments = field(default_factory=Payments)
    # Documented label = what this portal shows instead (only labels a step uses).
    wording: dict[str, str] = field(default_factory=dict)
    accessibility: Accessibility = field(default_factory=Accessibility)
    path: str = ""

    def says(self, documented: str) -> str:
        """What this portal shows where the guides print `documented`."""
        return self.wording.get(documented, documented)

    def claims(self, feature: str) -> bool:
        """Whether the portal offers a documented feature (else it is not applicable)."""
        return feature in self.features


def bundled_names() -> list[str]:
    return sorted(p.stem for p in BUNDLED.glob("*.toml"))


def load_profile(name_or_path: str) -> Profile:
    """Load a bundled profile by name (e.g. "reference") or any profile file by path."""
    path = Path(name_or_path)
    if path.suffix != ".toml":
        path = BUNDLED / f"{name_or_path}.toml"
        if not path.exists():
            raise ConfigurationError(
                f"Unknown portal profile '{name_or_path}': use one of {', '.join(bundled_names())} "
                "or the path of a .toml profile file (--portal-profile / PORTALCHECK_PORTAL_PROFILE)."
            )
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigurationError(
            f"Portal profile file {path} does not exist: check --portal-profile / PORTALCHECK_PORTAL_PROFILE.",
            path=str(path),
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigurationError(f"{path}: not valid TOML ({error}).", path=str(path)) from None
    profile = _build(Profile, {**data, "path": str(path)}, path, prefix="")
    _check_choices(profile, path)
    check_current(profile.accessibility.waivers, str(path))
    return profile


def _check_choices(profile: Profile, path: Path) -> None:
    """Closed sets: the family, the features and each flow, with the nearest valid name offered."""
    _one_of("family", profile.family, FAMILIES, path)
    for name in profile.features:
        _one_of("features", name, tuple(FEATURES), path)
    for key, choices in FLOW_CHOICES.items():
        _one_of(f"flows.{key}", getattr(profile.flows, key), choices, path)
    if len(profile.payments.steps) != len(DOCUMENTED_STEPS):
        raise ConfigurationError(
            f"{path}: 'payments.steps' must name the checkout's {len(DOCUMENTED_STEPS)} steps in order "
            f"(documented: {', '.join(DOCUMENTED_STEPS)}), not {len(profile.payments.steps)}.",
            profile_key="payments.steps", path=str(path))
    origin = profile.payments.processor_origin
    if origin and not re.fullmatch(r"https?://[^/\s]+", origin):
        raise ConfigurationError(
            f"{path}: 'payments.processor_origin' must be an origin such as \"https://secure.processor.example\" "
            f"(scheme and host, no path), not {origin!r}.", profile_key="payments.processor_origin", path=str(path))
    try:
        re.compile(profile.flows.code_pattern)
        re.compile(profile.email.link_pattern)
    except re.error as error:
        raise ConfigurationError(f"{path}: a pattern in the profile is not a valid regex ({error}).",
                                 path=str(path)) from None


def _one_of(key: str, value: str, choices: tuple[str, ...], path: Path) -> None:
    if value in choices:
        return
    near = difflib.get_close_matches(value, choices, n=1)
    hint = f"did you mean '{near[0]}'? " if near else ""
    raise ConfigurationError(
        f"{path}: '{key}' has '{value}', which is not known; {hint}known: {', '.join(choices)}.",
        profile_key=key, path=str(path))


def _build(cls: type, data: dict[str, Any], path: Path, *, prefix: str) -> Any:
    hints = get_type_hints(cls)
    known = {f.name for f in dataclasses.fields(cls)}
    values: dict[str, Any] = {}
    for key, value in data.items():
        dotted = f"{prefix}{key}"
        if key not in known:
            raise ConfigurationError(
                f"{path}: unknown key '{dotted}' in portal profile; known keys here: "
                f"{', '.join(sorted(known - {'path'}))}.",
                profile_key=dotted,
                path=str(path),
            )
        values[key] = _convert(hints[key], value, path, dotted)
    missing = [f.name for f in dataclasses.fields(cls) if f.name not in values and _required(f)]
    if missing:
        raise ConfigurationError(
            f"{path}: portal profile lacks the required key '{prefix}{missing[0]}'.",
            profile_key=f"{prefix}{missing[0]}",
            path=str(path),
        )
    return cls(**values)


def _required(f: dataclasses.Field) -> bool:
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


def _convert(hint: Any, value: Any, path: Path, dotted: str) -> Any:
    if dataclasses.is_dataclass(hint):
        _expect(isinstance(value, dict), "a table", value, path, dotted)
        return _build(cast(type, hint), value, path, prefix=f"{dotted}.")
    if hint == dict[str, str]:
        _expect(isinstance(value, dict), "a table of strings", value, path, dotted)
        for label, text in value.items():
            if label not in DOCUMENTED_LABELS:
                raise ConfigurationError(
                    f"{path}: '{dotted}' re-words \"{label}\", which no step uses; "
                    "use the label exactly as the city guides print it.",
                    profile_key=f"{dotted}.{label}",
                    path=str(path),
                )
            _expect(isinstance(text, str), "a string", text, path, f"{dotted}.{label}")
        return dict(value)
    if _table_list(hint):  # e.g. [[accessibility.waivers]]: a list of tables of one dataclass
        _expect(isinstance(value, list), "a list of tables", value, path, dotted)
        return tuple(_convert(hint.__args__[0], item, path, f"{dotted}[{n}]")
                     for n, item in enumerate(value, start=1))
    if hint is date:
        ok = isinstance(value, date) and not isinstance(value, datetime)
        _expect(ok, "a date (e.g. 2026-06-30, unquoted)", value, path, dotted)
        return value
    if hint == tuple[str, ...]:
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        _expect(ok, "a list of strings", value, path, dotted)
        return tuple(value)
    if hint is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        _expect(ok, "a number", value, path, dotted)
        return float(value)
    if hint is bool:
        _expect(isinstance(value, bool), "true or false", value, path, dotted)
        return value
    if hint is int:
        _expect(isinstance(value, int) and not isinstance(value, bool), "a whole number", value, path, dotted)
        return value
    _expect(isinstance(value, str), "a string", value, path, dotted)
    return value


def _table_list(hint: Any) -> bool:
    args: tuple[Any, ...] = getattr(hint, "__args__", ())
    return (getattr(hint, "__origin__", None) is tuple and len(args) == 2 and args[1] is Ellipsis
            and dataclasses.is_dataclass(args[0]))


def _expect(ok: bool, kind: str, value: Any, path: Path, dotted: str) -> None:
    if not ok:
        raise ConfigurationError(
            f"{path}: '{dotted}' must be {kind}, not {value!r}.", profile_key=dotted, path=str(path)
        )
