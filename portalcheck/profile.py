"""Portal profiles: what differs between portals, read from one documented TOML file each.

Features quote the labels the city guides print ("Email address", "Activate account"). A
profile's `[wording]` table maps a documented label to what a particular portal shows instead,
so one suite drives every compliant portal without `if` branches in page objects.

The models below are the profile's schema: they validate a profile file, document each key
(`Field(description=...)`, printed into the README by portalcheck/profile_reference.py) and are
published for editors as profiles/profile.schema.json (portalcheck/schema.py).
"""

from __future__ import annotations

import re
import tomllib
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, get_args

from pydantic import AfterValidator, BeforeValidator, Field, PrivateAttr, StringConstraints, ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

from portalcheck.accessibility.waivers import Accessibility, check_current
from portalcheck.errors import ConfigurationError
from portalcheck.validation import MustBe, Strict, Voice, one_line

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

if TYPE_CHECKING:  # the closed sets below are built from the tables above; to mypy they are strings
    Feature = str
    DocumentedLabel = str
else:
    Feature = Literal[tuple(FEATURES)]
    # Sorted: the published schema must not change with the order of a frozenset.
    DocumentedLabel = Annotated[Literal[tuple(sorted(DOCUMENTED_LABELS))],
                                MustBe("the labels the steps use, exactly as the city guides print them")]
Family = Literal["community-access", "citizen-access"]
FAMILIES: tuple[str, ...] = get_args(Family)
DOCUMENTED_STEPS = ("Step 1 of 4: Payment amount", "Step 2 of 4: Payment details",
                    "Step 3 of 4: Billing address", "Step 4 of 4: Review")


def _regex(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as error:
        raise PydanticCustomError("regex", "is not a valid regex ({problem})", {"problem": str(error)}) from None
    return pattern


def _with_a_group(pattern: str) -> str:
    if re.compile(pattern).groups < 1:
        raise PydanticCustomError("regex_group", "has no group: put the code itself in parentheses, e.g. \\b(\\d{6})\\b")
    return pattern


Regex = Annotated[str, AfterValidator(_regex)]
Origin = Annotated[str, StringConstraints(pattern=r"^(https?://[^/\s]+)?$"), MustBe(
    "an origin such as \"https://secure.processor.example\" (scheme and host, no path), or \"\"")]
CheckoutSteps = Annotated[tuple[str, ...], Field(min_length=4, max_length=4), MustBe(
    "the checkout's 4 step headings, in order")]


class Urls(Strict):
    """Where things are, relative to the portal URL."""

    sign_in: str = Field(default="/", description="The sign-in page (the guides' \"login screen\").")
    city_website: str = Field(default="", description=(
        "The city's own web page the guides start from, which links to the portal (Minot's www.minotnd.org/MyBill, "
        "\"View Your Bill\"; Pinellas Park's home page, \"Pay Utility Bill\"); \"\" when the profile names none: "
        "those scenarios are then not applicable."))
    home: str = Field(default="/home/", description="The signed-in home, \"Welcome to Citizen Self Service\".")
    sign_up: str = Field(default="/sign-up/", description="The sign-up form, opened directly when `flows.registration = \"url\"`.")
    verify_code: str = Field(default="/verify/", description=(
        "Where a verification code is typed in when `flows.verification = \"code\"`."))
    password_change: str = Field(default="/password/change/", description="Where a signed-in resident changes their password.")


class Flows(Strict):
    """How the portal's flows go where cities differ (flows.md E). Defaults: the guides' way."""

    registration: Literal["link", "url"] = Field(default="link", description=(
        "How a resident reaches \"Create an account\": \"link\", the sign-in page's \"Sign up\" (Minot, Pinellas "
        "Park); \"url\", the form's own address, `urls.sign_up` (cities that publish it)."))
    verification: Literal["link", "confirm-button", "password", "code"] = Field(default="link", description=(
        "What the verification e-mail asks: \"link\", open its link and the account is active (Minot, Pinellas "
        "Park); \"confirm-button\", the link's page has a button (\"CONFIRM EMAIL\", \"Confirm\"); \"password\", "
        "that page asks for the password again (\"[Tyler Identity] Account Created\"); \"code\", a code from the "
        "e-mail typed into the portal (\"Enter Code\", \"Verify\")."))
    code_pattern: Annotated[Regex, AfterValidator(_with_a_group)] = Field(default=r"\b(\d{6})\b", description=(
        "A regex whose first group is the code in the e-mail (verification = \"code\")."))
    sign_in: Literal["one-page", "two-step"] = Field(default="one-page", description=(
        "\"one-page\": e-mail and password on one form (the guides); \"two-step\": e-mail, \"Next\", password."))
    search: str = Field(default="", description=(
        "Where the Utility Billing search form is: \"\" on the page the \"Utility Billing\" tab opens (Pinellas "
        "Park); otherwise the text of the link on that page that opens it (Glenwood Springs)."))
    reset_confirm_field: bool = Field(default=True, strict=True, description=(
        "Whether the password-reset form asks for the new password twice."))
    utility_pay_proof: Literal["pin", "total-amount-due"] = Field(default="pin", description=(
        "What proves a Utility Pay account besides its number (Citizen Access): \"pin\", the PIN on the bill "
        "(Billings); \"total-amount-due\", the bill's \"Total Amount Due\" (Lawrence KS)."))


class Email(Strict):
    """How the portal's verification e-mail is recognised."""

    subject: str = Field(default="", description="A substring of the verification e-mail's subject; empty matches any subject.")
    link_pattern: Regex = Field(default="", description=(
        "A regex for the verification URL in a plain-text e-mail; empty: the link is found by its text in the HTML "
        "part (\"Activate account\", re-worded in [wording])."))
    timeout_seconds: float = Field(default=30.0, strict=True, ge=1, le=600, description=(
        "How long a step waits for an e-mail to arrive."))


class Security(Strict):
    """Values the portal declares; security checks hold them to fixed ceilings.

    The bounds here only catch slips (a digit too many, milliseconds for seconds): the ceilings of
    the standards lie well inside them, so a portal that declares too much is reported by its
    security check, not refused here.
    """

    password_min_length: int = Field(default=15, strict=True, ge=1, le=64, description=(
        "The shortest password sign-up accepts (at least 8, ASVS V6.2.1; 15 without other factors)."))
    lockout_threshold: int = Field(default=10, strict=True, ge=1, le=1000, description=(
        "Consecutive failed sign-ins that lock an account (ceiling: 100, NIST SP 800-63B 3.2.2)."))
    activation_token_seconds: int = Field(default=24 * 60 * 60, strict=True, ge=60, le=30 * 24 * 60 * 60, description=(
        "Lifetime of the e-mailed verification link (or code)."))
    reset_token_seconds: int = Field(default=60 * 60, strict=True, ge=60, le=7 * 24 * 60 * 60, description=(
        "Lifetime of the e-mailed password-reset link (ceiling: 24 h, NIST SP 800-63B 4.2.1.2)."))
    idle_timeout_seconds: int = Field(default=15 * 60, strict=True, ge=60, le=24 * 60 * 60, description=(
        "A session without \"Remember me\" ends after this long without a request (ASVS V7.3.1)."))
    remember_me_seconds: int = Field(default=14 * 24 * 60 * 60, strict=True, ge=60, le=365 * 24 * 60 * 60, description=(
        "A session with \"Remember me\" ends after this long whatever the activity (ceiling: 30 days, NIST SP "
        "800-63B 2.1.3)."))
    link_attempt_limit: int = Field(default=5, strict=True, ge=1, le=1000, description=(
        "Wrong account/customer pairs a resident may try before linking is throttled (ASVS V2.4.1)."))


class Payments(Strict):
    """How paying a bill in "Manage Bills" goes where cities differ (flows.md A8)."""

    partial_payments: bool = Field(default=True, strict=True, description=(
        "Whether a bill may be paid in part (an amount below its balance at \"Payment amount\")."))
    processor_origin: Origin = Field(default="", description=(
        "The origin of the payment processor's page where card and bank numbers are typed (e.g. "
        "\"https://secure.processor.example\"); \"\": any origin but the portal's own."))
    steps: CheckoutSteps = Field(default=DOCUMENTED_STEPS, description=(
        "The checkout's four step headings, in order: payment amount, payment details (which leads to the "
        "processor's page), billing address, review."))
    cart_emptied_on_sign_out: bool = Field(default=False, strict=True, description=(
        "Whether signing out empties the cart (only where the city says so; else not applicable)."))


def _unquoted_dates(accessibility: Any) -> Any:
    """A waiver's date is written bare (expires = 2026-06-30): quoted, TOML reads a string, which
    pydantic would take for a date without a word; refused here, where the key is still known."""
    waivers = accessibility.get("waivers") if isinstance(accessibility, dict) else None
    for number, waiver in enumerate(waivers if isinstance(waivers, list) else []):
        expires = waiver.get("expires") if isinstance(waiver, dict) else None
        if expires is not None and (not isinstance(expires, date) or isinstance(expires, datetime)):
            raise ValidationError.from_exception_data("Accessibility", [InitErrorDetails(
                type=PydanticCustomError("toml_date", f"must be a date (e.g. 2026-06-30, unquoted), not {expires!r}"),
                loc=("waivers", number, "expires"), input=expires)])
    return accessibility


class Profile(Strict):
    """One portal's profile. Defaults are what the city guides document."""

    name: Annotated[str, StringConstraints(min_length=1), MustBe("a name")] = Field(description="The portal's name, for reports.")
    family: Family = Field(default="community-access", description=(
        "The portal family: \"community-access\" (Community Access sign-in with Citizen Self Service: Minot, "
        "Pinellas Park) or \"citizen-access\" (the older Citizen Access: Billings)."))
    features: tuple[Feature, ...] = Field(default=("registration",), description=(
        "The documented features the portal offers; a scenario about another is \"not applicable\"."))
    urls: Urls = Field(default_factory=Urls)
    flows: Flows = Field(default_factory=Flows)
    email: Email = Field(default_factory=Email)
    security: Security = Field(default_factory=Security)
    payments: Payments = Field(default_factory=Payments)
    wording: dict[DocumentedLabel, str] = Field(default_factory=dict, description=(
        "Documented label = what this portal shows instead (only labels a step uses)."))
    accessibility: Annotated[Accessibility, BeforeValidator(_unquoted_dates)] = Field(
        default_factory=Accessibility, description="The `[[accessibility.waivers]]`: violations waived for now.")
    # Where the profile was read from: not a key of the file, so not a field.
    _path: str = PrivateAttr("")

    @property
    def path(self) -> str:
        return self._path

    def says(self, documented: str) -> str:
        """What this portal shows where the guides print `documented`."""
        return self.wording.get(documented, documented)

    def claims(self, feature: str) -> bool:
        """Whether the portal offers a documented feature (else it is not applicable)."""
        return feature in self.features


VOICE = Voice(noun="portal profile", table="table", first_index=1)


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
    try:
        profile = Profile.model_validate(data)
    except ValidationError as error:
        raise one_line(error, Profile, str(path), VOICE, profile_keys=True) from None
    profile._path = str(path)
    check_current(profile.accessibility.waivers, str(path))
    return profile
