"""A portal that misbehaves on purpose, as its own process on a loopback port (stdlib only).

    python tests/misbehaving_portal.py MODE      # prints "READY http://127.0.0.1:PORT/"

Modes:
- `500`: every request is answered "500 Internal Server Error".
- `hang`: every connection is accepted and its request read, and nothing is ever answered.
- `close`: every request is read and its connection closed without an answer.
- `stops`: the sign-in page (GET /) is served; once a browser has been sent it, the process
  exits, so everything after it meets a closed port (a portal that stops mid-run).
"""

from __future__ import annotations

import os
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODES = ("500", "hang", "close", "stops")
SIGN_IN = b"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in</title></head>
<body><main><h1>Sign in</h1>
<form method="post" action="/"><label for="e">Email address</label><input id="e" name="email" type="email">
<label for="p">Password</label><input id="p" name="password" type="password">
<button type="submit">Sign in</button></form>
<p><a href="/sign-up/">Sign up</a> <a href="/forgot/">Forgot password?</a></p></main></body></html>
"""


class Misbehaving(BaseHTTPRequestHandler):
    server: Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self.misbehave()

    def do_POST(self) -> None:  # noqa: N802
        self.misbehave()

    def do_HEAD(self) -> None:  # noqa: N802
        self.misbehave()

    def misbehave(self) -> None:
        mode = self.server.mode
        if mode == "500":
            body = b"<h1>Server Error (500)</h1>"
            self.send_response(500)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif mode == "hang":
            self.server.stopped.wait()  # until the process ends: never an answer
        elif mode == "close":
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
        elif self.path == "/" and self.command == "GET":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(SIGN_IN)))
            self.end_headers()
            self.wfile.write(SIGN_IN)
            self.wfile.flush()
            if "python-httpx" not in self.headers.get("User-Agent", ""):  # a browser has the page: die
                os._exit(0)
        else:
            os._exit(0)


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, mode: str) -> None:
        super().__init__(("127.0.0.1", 0), Misbehaving)
        self.mode = mode
        self.stopped = threading.Event()


def main(mode: str) -> None:
    if mode not in MODES:
        sys.exit(f"usage: misbehaving_portal.py {'|'.join(MODES)}")
    server = Server(mode)
    print(f"READY http://127.0.0.1:{server.server_address[1]}/", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "")
