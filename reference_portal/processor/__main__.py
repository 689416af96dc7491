"""`python -m reference_portal.processor --port 0`: serve the stand-in processor; prints READY URL.

The secret it shares with the portal comes from REFERENCE_PROCESSOR_SECRET (never a flag).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys

from reference_portal.processor.server import ProcessorServer

ENV_SECRET = "REFERENCE_PROCESSOR_SECRET"


def _stop(signum, frame):
    raise SystemExit(0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reference_portal.processor")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    secret = os.environ.get(ENV_SECRET, "")
    if not secret:
        print(f"reference_portal.processor: set {ENV_SECRET} to the secret shared with the portal", file=sys.stderr)
        return 2
    server = ProcessorServer((args.host, args.port), secret)
    signal.signal(signal.SIGTERM, _stop)
    print(f"READY http://{args.host}:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
