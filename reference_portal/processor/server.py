"""The processor's HTTP server: the hosted payment page (`/pay`) and the charge API (`/charge`).

A standard-library server on purpose: it shares nothing with the portal but the secret, as a real
processor would. Tokens and charges live in memory for the life of the process (one per portal).
"""

from __future__ import annotations

import html
import json
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode, urlsplit

from reference_portal.processor import cards
from reference_portal.processor.signing import signed, verified

# What the portal's request to the hosted page carries, all covered by its signature.
REQUEST_FIELDS = ("merchant", "session", "amount", "method", "return", "include_pan")
NAME = "City Payment Services"
CSS = """
body { font-family: system-ui, sans-serif; margin: 0; color: #1b1b1b; background: #fff; line-height: 1.5; }
header, main, footer { max-width: 36rem; margin: 0 auto; padding: 1rem; }
header { border-bottom: 4px solid #0b4f6c; }
.brand { font-weight: 700; margin: 0; }
label { display: block; font-weight: 600; margin-top: 1rem; }
input { font: inherit; padding: 0.4rem; border: 2px solid #565c65; width: 100%; max-width: 20rem; box-sizing: border-box; }
input[aria-invalid="true"] { border-color: #b50909; }
.error { color: #b50909; margin: 0.25rem 0 0; }
.alert { border: 3px solid #b50909; padding: 0.5rem 1rem; }
button { font: inherit; margin-top: 1.5rem; padding: 0.5rem 1.25rem; background: #0b4f6c; color: #fff; border: 0; }
a { color: #0b4f6c; }
:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; box-shadow: 0 0 0 5px #1b1b1b; }
"""
CARD_FIELDS = (("card_number", "Card number", "cc-number"), ("expiry", "Expiration date (MM/YY)", "cc-exp"),
               ("security_code", "Security code", "cc-csc"), ("holder", "Name on card", "cc-name"))
BANK_FIELDS = (("holder", "Name on account", "name"), ("routing_number", "Routing number", "off"),
               ("bank_account_number", "Bank account number", "off"))


class Processor:
    """The processor's state: tokens for numbers taken, charges by the merchant's reference."""

    def __init__(self, secret: str):
        self.secret = secret
        self.tokens: dict[str, dict] = {}
        self.charges: dict[str, dict] = {}
        self.lock = threading.Lock()

    def take(self, fields: dict[str, str]) -> tuple[dict[str, str], str | None]:
        """Check the numbers typed on the hosted page: (errors by field, the return URL or None)."""
        errors: dict[str, str] = {}
        if fields["method"] == "echeck":
            number = "".join(fields.get("bank_account_number", "").split())
            if not cards.aba_ok(fields.get("routing_number", "").strip()):
                errors["routing_number"] = "Enter the 9-digit routing number printed on your check."
            if not (number.isdigit() and 4 <= len(number) <= 17):
                errors["bank_account_number"] = "Enter your bank account number, 4 to 17 digits."
        else:
            number = "".join(fields.get("card_number", "").replace("-", " ").split())
            if not cards.luhn_ok(number):
                errors["card_number"] = "Enter the 12 to 19 digits of your card number."
            expiry = fields.get("expiry", "").strip()
            if not (len(expiry) == 5 and expiry[2] == "/" and expiry[:2].isdigit() and expiry[3:].isdigit()
                    and 1 <= int(expiry[:2]) <= 12):
                errors["expiry"] = "Enter the expiration date as MM/YY."
            code = fields.get("security_code", "").strip()
            if not (code.isdigit() and len(code) in (3, 4)):
                errors["security_code"] = "Enter the 3 or 4 digits of the security code."
        if not fields.get("holder", "").strip():
            errors["holder"] = "Enter the name as it appears on the account."
        if errors:
            return errors, None
        token = "tok_" + secrets.token_urlsafe(18)
        with self.lock:
            self.tokens[token] = {"number": number, "method": fields["method"]}
        result = {"session": fields["session"], "token": token, "method": fields["method"], "last4": number[-4:]}
        if fields.get("include_pan") == "1":  # a merchant asking for the whole number back (misconfigured)
            result["pan"] = number
        back = fields["return"]
        return {}, back + ("&" if "?" in back else "?") + urlencode(signed(self.secret, result))

    def charge(self, fields: dict[str, str]) -> tuple[int, dict[str, str]]:
        """Charge a token once per merchant reference: asked again, the first result is the answer."""
        if not verified(self.secret, fields):
            return 403, {"status": "error", "message": "bad signature"}
        reference, token = fields.get("reference", ""), fields.get("token", "")
        with self.lock:
            if reference in self.charges:
                return 200, {**self.charges[reference], "duplicate": "1"}
            taken = self.tokens.get(token)  # a vaulted card or bank account: charged under new references again
            if taken is None:
                return 400, {"status": "error", "message": "unknown token"}
            status = "declined" if taken["number"] in cards.DECLINED else "approved"
            result = {"reference": reference, "status": status, "amount": fields.get("amount", ""),
                      "last4": taken["number"][-4:], "method": taken["method"],
                      "authorization": secrets.token_hex(4).upper() if status == "approved" else ""}
            if status == "approved":
                self.charges[reference] = result
            return 200, result


def page(fields: dict[str, str], errors: dict[str, str] | None = None, values: dict[str, str] | None = None) -> str:
    errors, values = errors or {}, values or {}
    echeck = fields["method"] == "echeck"
    rows = []
    for name, label, autocomplete in (BANK_FIELDS if echeck else CARD_FIELDS):
        error = errors.get(name)
        described = f' aria-invalid="true" aria-describedby="{name}-error"' if error else ""
        keep = "" if name in ("card_number", "security_code", "bank_account_number") else html.escape(values.get(name, ""))
        mode = ' inputmode="numeric"' if name not in ("holder", "expiry") else ""
        rows.append(f'<label for="{name}">{label}</label>'
                    + (f'<p class="error" id="{name}-error">{html.escape(error)}</p>' if error else "")
                    + f'<input id="{name}" name="{name}" autocomplete="{autocomplete}"{mode} value="{keep}"{described}>')
    hidden = "".join(f'<input type="hidden" name="{k}" value="{html.escape(fields.get(k, ""))}">'
                     for k in (*REQUEST_FIELDS, "sig"))
    alert = ""
    if errors:
        items = "".join(f'<li><a href="#{k}">{html.escape(v)}</a></li>' for k, v in errors.items())
        alert = f'<div class="alert" role="alert"><h2>There is a problem</h2><ul>{items}</ul></div>'
    what = "Bank account (e-check)" if echeck else "Card"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Secure payment | {NAME}</title><style>{CSS}</style></head>
<body><header><p class="brand">{NAME}</p></header>
<main id="main"><h1>Secure payment</h1>
<p>Paying <strong>${html.escape(fields.get("amount", ""))}</strong> to {html.escape(fields.get("merchant", ""))}.
Your {what.lower()} details go to {NAME} only; the city's portal never receives them.</p>
{alert}<form method="post" action="" novalidate>{hidden}<fieldset><legend>{what} details</legend>{''.join(rows)}</fieldset>
<button type="submit">Continue</button></form></main>
<footer><p>{NAME}, a stand-in payment processor bundled with portalcheck for testing.</p></footer></body></html>"""


class Handler(BaseHTTPRequestHandler):
    server: ProcessorServer
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # else each answer's last write waits 40 ms for a delayed ACK

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def _send(self, status: int, body: str, content_type: str = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None) -> None:
        data = body.encode()
        self.send_response(status)
        for name, value in {"Content-Type": content_type, "Content-Length": str(len(data)),
                            "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff",
                            "X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer", **(headers or {})}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _form(self) -> dict[str, str]:
        length = int(self.headers.get("Content-Length") or 0)
        return dict(parse_qsl(self.rfile.read(length).decode("utf-8", "replace"), keep_blank_values=True))

    def _request(self, fields: dict[str, str]) -> dict[str, str] | None:
        wanted = {k: fields.get(k, "") for k in (*REQUEST_FIELDS, "sig")}
        return wanted if verified(self.server.processor.secret, wanted) else None

    def do_GET(self):  # noqa: N802 - http.server's name
        parts = urlsplit(self.path)
        if parts.path != "/pay":
            return self._send(404, "<!DOCTYPE html><html lang=en><title>Not found</title><main><h1>Not found</h1></main></html>")
        fields = self._request(dict(parse_qsl(parts.query, keep_blank_values=True)))
        if fields is None:
            return self._send(400, "<!DOCTYPE html><html lang=en><title>Bad request</title><main><h1>This payment request is not signed by the merchant</h1></main></html>")
        return self._send(200, page(fields))

    def do_POST(self):  # noqa: N802
        parts = urlsplit(self.path)
        posted = self._form()
        if parts.path == "/charge":
            status, result = self.server.processor.charge(posted)
            return self._send(status, json.dumps(signed(self.server.processor.secret, result)), "application/json")
        if parts.path != "/pay":
            return self._send(404, "not found", "text/plain")
        fields = self._request(posted)
        if fields is None:
            return self._send(400, "<!DOCTYPE html><html lang=en><title>Bad request</title><main><h1>This payment request is not signed by the merchant</h1></main></html>")
        errors, back = self.server.processor.take({**posted, **fields})
        if errors:
            return self._send(200, page(fields, errors, posted))
        return self._send(303, "", "text/plain", {"Location": back})


class ProcessorServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], secret: str):
        super().__init__(address, Handler)
        self.processor = Processor(secret)
