"""Command line: `serve` runs the portal for the harness, `manage` passes through to Django."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from reference_portal import config, variants
from reference_portal.editions import DEFAULT_EDITION, EDITIONS

PROG = "python -m reference_portal"


class UsageError(Exception):
    """A problem the person starting the portal can fix; printed as one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports mistakes as UsageError instead of usage text."""

    def error(self, message):
        raise UsageError(f"{message}; run `{self.prog} --help` for the options")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="The portalcheck reference portal.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="{serve,seed,manage}")
    serve = commands.add_parser("serve", help="Run the portal until SIGTERM or Ctrl-C.")
    serve.add_argument("--host", default="127.0.0.1", help="Address to listen on.")
    serve.add_argument("--port", type=int, default=0, help="Port to listen on; 0 picks a free one.")
    serve.add_argument(
        "--smtp",
        default=os.environ.get(config.ENV_SMTP) or config.DEFAULT_SMTP,
        help=f"HOST:PORT of the SMTP server for outgoing mail (env {config.ENV_SMTP}).",
    )
    serve.add_argument(
        "--database",
        default=os.environ.get(config.ENV_DATABASE_URL),
        help=f"Database URL (env {config.ENV_DATABASE_URL}); default: SQLite in a fresh temp directory.",
    )
    serve.add_argument(
        "--edition",
        choices=sorted(EDITIONS),
        default=os.environ.get(config.ENV_EDITION) or DEFAULT_EDITION,
        help="Which portal family to render.",
    )
    serve.add_argument(
        "--variant",
        default=os.environ.get(variants.ENV_VARIANTS, ""),
        metavar="NAME[,NAME...]",
        help=f"Documented variations of the flows to render, in any combination (env {variants.ENV_VARIANTS}): "
             + ", ".join(variants.VARIANTS) + ".",
    )
    serve.add_argument("--seed", type=int, default=None,
                       help="Fill the database with made-up residents' data from this seed first.")
    serve.add_argument("--test-data", default=None, metavar="FILE",
                       help="Write the seeded data scenarios may use (linkable accounts) to FILE.")
    serve.add_argument("--accounts", type=int, default=50, help="How many utility accounts to seed.")
    seed_command = commands.add_parser("seed", help="Fill a database with made-up data and print the test data.")
    seed_command.add_argument("--seed", type=int, default=42, help="The seed; the same seed gives the same data.")
    seed_command.add_argument("--accounts", type=int, default=200, help="How many utility accounts to make.")
    seed_command.add_argument(
        "--database", default=os.environ.get(config.ENV_DATABASE_URL),
        help=f"Database URL to fill (env {config.ENV_DATABASE_URL}); migrations are applied first.")
    seed_command.add_argument("--test-data", default="-", metavar="FILE",
                              help="Write the test-data file here (default: standard output).")
    commands.add_parser("manage", help="Run a Django management command, e.g. createsuperuser.")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        if argv[:1] == ["manage"]:
            return manage(argv[1:])
        args = build_parser().parse_args(argv)
        return seed_command(args) if args.command == "seed" else serve(args)
    except UsageError as error:
        print(f"reference_portal: {error}", file=sys.stderr)
        return 2


def redact(url: str) -> str:
    """The database URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return urlunsplit(parts._replace(netloc=netloc))


def check_database_url(url: str) -> None:
    import dj_database_url

    try:
        parsed = dj_database_url.parse(url)
    except ValueError as error:
        raise UsageError(
            f"database URL {redact(url)!r} cannot be used ({error}); "
            "give e.g. --database sqlite:////tmp/portal.sqlite3 or postgres://user:pass@host/db"
        ) from None
    if parsed["ENGINE"].endswith("sqlite3") and parsed["NAME"] in ("", ":memory:"):
        # Each server thread would get its own empty database.
        raise UsageError(
            "an in-memory SQLite database cannot be shared by the server's threads; "
            "give a file, e.g. --database sqlite:////tmp/portal.sqlite3, or omit --database"
        )


def configure(*, database_url: str | None = None, smtp: str | None = None, edition: str | None = None,
              variant: str | None = None):
    """Point the settings module at the chosen resources, then set Django up."""
    import django
    from django.core.exceptions import ImproperlyConfigured

    os.environ["DJANGO_SETTINGS_MODULE"] = "reference_portal.settings"
    for name, value in (
        (config.ENV_DATABASE_URL, database_url),
        (config.ENV_SMTP, smtp),
        (config.ENV_EDITION, edition),
        (variants.ENV_VARIANTS, variant),
    ):
        if value is not None:
            os.environ[name] = value
    try:
        django.setup()
    except ImproperlyConfigured as error:
        raise UsageError(str(error)) from None


def migrate(database_url: str) -> None:
    from django.core.management import call_command
    from django.db import DatabaseError

    try:
        call_command("migrate", verbosity=0, interactive=False)
    except DatabaseError as error:
        reason = " ".join(str(error).split())
        raise UsageError(
            f"cannot prepare the database at {redact(database_url)} ({reason}); "
            "check that it is running and the --database URL is right"
        ) from None


def bind(host: str, port: int):
    """Create the listening server; port 0 lets the OS choose."""
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler

    class RequestHandler(WSGIRequestHandler):
        # The response goes out in several small writes (status and headers, then the body): with
        # Nagle's algorithm on, the last one waits for the client's delayed ACK, 40 ms per request.
        disable_nagle_algorithm = True

    if not 0 <= port <= 65535:
        raise UsageError(f"--port {port} is out of range; give 0-65535 (0 picks a free port)")
    try:
        return ThreadedWSGIServer((host, port), RequestHandler, ipv6=":" in host)
    except OSError as error:
        raise UsageError(
            f"cannot listen on {host}:{port} ({error.strerror or error}); "
            "choose another --port (0 picks a free one) or --host"
        ) from None


def _stop(signum, frame):
    raise SystemExit(0)


def serve(args: argparse.Namespace) -> int:
    try:
        config.parse_smtp(args.smtp)
    except ValueError as error:
        raise UsageError(str(error)) from None
    try:
        chosen = variants.parse(args.variant, args.edition)
    except ValueError as error:
        raise UsageError(f"--variant: {error}") from None
    with contextlib.ExitStack() as cleanup:
        database_url = args.database
        if not database_url:
            tmp = cleanup.enter_context(tempfile.TemporaryDirectory(prefix="reference-portal-"))
            database_url = "sqlite:///" + os.path.join(tmp, "portal.sqlite3")
        check_database_url(database_url)
        start_processor(cleanup)
        configure(database_url=database_url, smtp=args.smtp, edition=args.edition, variant=",".join(chosen))
        migrate(database_url)
        if args.test_data:
            seed(args.seed, args.test_data, accounts=args.accounts)

        from django.core.wsgi import get_wsgi_application
        from django.db import connections

        server = bind(args.host, args.port)
        cleanup.callback(connections.close_all)
        cleanup.callback(server.server_close)
        server.set_app(get_wsgi_application())
        signal.signal(signal.SIGTERM, _stop)
        host = f"[{args.host}]" if ":" in args.host else args.host
        # The harness waits for exactly this line; it comes only once the socket is listening.
        print(f"READY http://{host}:{server.server_address[1]}/", flush=True)
        try:
            server.serve_forever()
        except (KeyboardInterrupt, SystemExit):
            pass
    return 0


def start_processor(cleanup: contextlib.ExitStack) -> None:
    """The bundled payment processor as its own server process on its own port, unless
    REFERENCE_PORTAL_PROCESSOR_URL names one; it stops when the portal does."""
    import secrets
    import subprocess

    from reference_portal.processor.__main__ import ENV_SECRET

    if os.environ.get(config.ENV_PROCESSOR_URL):
        return
    secret = os.environ.get(config.ENV_PROCESSOR_SECRET) or secrets.token_urlsafe(32)
    process = subprocess.Popen([sys.executable, "-m", "reference_portal.processor", "--port", "0"],
                               stdout=subprocess.PIPE, text=True, env={**os.environ, ENV_SECRET: secret})

    def stop() -> None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()

    cleanup.callback(stop)
    line = process.stdout.readline()
    if not line.startswith("READY "):
        raise UsageError(f"the bundled payment processor did not start ({process.poll()}): {line.strip()}")
    os.environ[config.ENV_PROCESSOR_URL] = line[len("READY "):].strip()
    os.environ[config.ENV_PROCESSOR_SECRET] = secret


def seed(seed_value: int | None, test_data: str, *, accounts: int = 50) -> None:
    """Seed the database and write the test-data file ("-": standard output)."""
    from django.db import transaction
    from faker import Faker

    from reference_portal.billing.seed import seed_billing
    from reference_portal.permits.seed import seed_permits

    if accounts < 1:
        raise UsageError(f"--accounts {accounts} is too few; give at least 1")
    faker = Faker("en_US")
    faker.seed_instance(seed_value)
    with transaction.atomic():  # one transaction: much faster on SQLite, and all or nothing
        data = {"seed": seed_value, **seed_billing(seed_value, accounts=accounts),
                "permit_accounts": seed_permits(faker)}
    text = json.dumps(data, indent=1)
    if test_data == "-":
        print(text)
    else:
        Path(test_data).write_text(text, encoding="utf-8")


def seed_command(args: argparse.Namespace) -> int:
    """`seed`: fill the database at --database and write (or print) its test-data file."""
    if not args.database:
        raise UsageError(f"seed needs a database to fill: give --database URL (or set {config.ENV_DATABASE_URL})")
    check_database_url(args.database)
    configure(database_url=args.database)
    migrate(args.database)
    seed(args.seed, args.test_data, accounts=args.accounts)
    return 0


def manage(argv: list[str]) -> int:
    """`manage [--database URL] <command> ...`: Django's manage.py for this portal."""
    database_url = None
    if argv[:1] == ["--database"]:
        if len(argv) < 2:
            raise UsageError(
                "manage --database needs a URL; e.g. manage --database sqlite:////tmp/p.sqlite3 migrate"
            )
        database_url, argv = argv[1], argv[2:]
        check_database_url(database_url)
    configure(database_url=database_url)
    from django.core.management import execute_from_command_line

    execute_from_command_line([f"{PROG} manage", *argv])
    return 0
