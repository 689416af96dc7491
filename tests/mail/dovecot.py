"""A throwaway Dovecot (Debian's dovecot-imapd and dovecot-lmtpd) for the IMAP inbox's tests.

IMAP (and IMAPS with a self-signed certificate, when openssl is there) on free loopback ports,
LMTP on a unix socket for delivering, passwd-file users, maildirs in a temporary folder. It
runs as the current user; as root (CI), its login processes run as Debian's `dovenull` and the
mail as `nobody`, since Dovecot refuses to log in or keep mail as root.
"""

from __future__ import annotations

import os
import pwd
import shutil
import smtplib
import socket
import ssl
import subprocess
import tempfile
import time
from email.message import EmailMessage
from pathlib import Path

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
INSTALL = "apt-get install dovecot-imapd dovecot-lmtpd (.ci/run does)"


def missing() -> str | None:
    """Why no Dovecot can run here, or None."""
    if not os.access(DOVECOT, os.X_OK):
        return f"Dovecot is not installed: {INSTALL}"
    if not Path("/usr/lib/dovecot/lmtp").exists():
        return f"Dovecot's LMTP server is not installed: {INSTALL}"
    if os.geteuid() == 0 and not _user_exists("dovenull"):
        return "Dovecot's login user dovenull is missing (reinstall dovecot-core)"
    return None


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Dovecot:
    """`dovecot -F` with its own configuration; `users` maps user names to passwords."""

    def __init__(self, users: dict[str, str]) -> None:
        self.users = users
        # Short: unix socket paths must stay under 108 bytes.
        self.root = Path(tempfile.mkdtemp(prefix="dovecot-"))
        self.root.chmod(0o755)  # the mail user (nobody, as root) must reach its maildir
        self.port = 0
        self.tls_port = 0
        self.certificate: Path | None = None
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def lmtp_socket(self) -> Path:
        return self.root / "run" / "lmtp"

    @property
    def log(self) -> Path:
        return self.root / "dovecot.log"

    def url(self, user: str, *, tls: bool = False, mailbox: str = "INBOX") -> str:
        if tls:
            return f"imaps://{user}@localhost:{self.tls_port}/{mailbox}"
        return f"imap://{user}@127.0.0.1:{self.port}/{mailbox}"

    def _mail_owner(self) -> tuple[int, int]:
        if os.geteuid() == 0:
            nobody = pwd.getpwnam("nobody")
            return nobody.pw_uid, nobody.pw_gid
        return os.getuid(), os.getgid()

    def _certificate(self) -> tuple[Path, Path] | None:
        """A self-signed certificate for localhost, or None without openssl."""
        openssl = shutil.which("openssl")
        if openssl is None:
            return None
        cert, key = self.root / "cert.pem", self.root / "key.pem"
        subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                        "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
                        "-keyout", str(key), "-out", str(cert)],
                       check=True, capture_output=True)
        return cert, key

    def _write_configuration(self) -> Path:
        uid, gid = self._mail_owner()
        mail = self.root / "mail"
        mail.mkdir(exist_ok=True)
        os.chown(mail, uid, gid)
        lines = [f"{user}:{{PLAIN}}{password}:{uid}:{gid}::{mail / user}::" for user, password in self.users.items()]
        (self.root / "passwd").write_text("\n".join(lines) + "\n", encoding="utf-8")
        tls = self._certificate()
        if tls is not None:
            self.certificate = tls[0]
        if os.geteuid() == 0:
            accounts = ""  # Debian's dovecot and dovenull users (the defaults)
        else:
            me = pwd.getpwuid(os.getuid()).pw_name
            accounts = f"default_internal_user = {me}\ndefault_login_user = {me}\n"
        ssl_lines = f"ssl = yes\nssl_cert = <{tls[0]}\nssl_key = <{tls[1]}\n" if tls else "ssl = no\n"
        config = f"""
base_dir = {self.root / "run"}
state_dir = {self.root / "state"}
log_path = {self.log}
protocols = imap lmtp
listen = 127.0.0.1
{ssl_lines}disable_plaintext_auth = no
auth_mechanisms = plain login
# Answer a wrong password at once (and see the anvil service: no penalty for later logins).
auth_failure_delay = 0
{accounts}first_valid_uid = 1
mail_location = maildir:~/Maildir
recipient_delimiter = +
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%n {self.root / "passwd"}
}}
userdb {{
  driver = passwd-file
  args = username_format=%n {self.root / "passwd"}
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {self.tls_port if tls else 0}
  }}
}}
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service lmtp {{
  unix_listener lmtp {{
    mode = 0600
  }}
}}
"""
        path = self.root / "dovecot.conf"
        path.write_text(config, encoding="utf-8")
        return path

    def start(self, timeout: float = 30.0) -> Dovecot:
        for _ in range(3):  # another process may take a port between choosing it and binding it
            self.port, self.tls_port = free_port(), free_port()
            config = self._write_configuration()
            self._process = subprocess.Popen([DOVECOT, "-F", "-c", str(config)],
                                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            if self._await_greeting(timeout):
                return self
            self._process.wait()
        raise RuntimeError(f"Dovecot did not start: {self.last_log_line()}")

    def _await_greeting(self, timeout: float) -> bool:
        """True once IMAP greets and LMTP's socket is there; False if dovecot exited."""
        assert self._process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                return False
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=5) as sock:
                    if sock.recv(100).startswith(b"* OK") and self.lmtp_socket.exists():
                        return True
            except OSError:
                pass
            try:  # wait on the process, not a clock: returns at once if it exits
                self._process.wait(timeout=0.05)
            except subprocess.TimeoutExpired:
                pass
        self.stop()
        raise RuntimeError(f"Dovecot did not answer on 127.0.0.1:{self.port} within {timeout:g}s: "
                           f"{self.last_log_line()}")

    def last_log_line(self) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""
        if self._process is not None and self._process.stderr is not None and self._process.poll() is not None:
            text += self._process.stderr.read().decode(errors="replace")
        lines = [line for line in text.splitlines() if line.strip()]
        return lines[-1] if lines else "no log"

    def deliver(self, recipient: str, subject: str, *, to: str | None = None, html: str | None = None,
                text: str = "Welcome to your Community Access account!") -> None:
        """Deliver over LMTP, as a mail server would: envelope to `recipient`, To: `to` (default the same)."""
        mail = EmailMessage()
        mail["From"] = "Community Access Identity <noreply@community-access.test>"
        mail["To"] = to or recipient
        mail["Subject"] = subject
        mail.set_content(text)
        if html is not None:
            mail.add_alternative(html, subtype="html")
        with smtplib.LMTP(str(self.lmtp_socket)) as lmtp:
            lmtp.send_message(mail, to_addrs=[recipient])

    def kick(self, user: str) -> None:
        """Disconnect the IMAP sessions of `user` (as logged in, qa@city.gov), as a server does at an idle timeout or restart."""
        subprocess.run(["doveadm", "-c", str(self.root / "dovecot.conf"), "kick", user],
                       check=True, capture_output=True)

    def ssl_context(self) -> ssl.SSLContext:
        assert self.certificate is not None
        return ssl.create_default_context(cafile=str(self.certificate))

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if process is not None and process.stderr is not None:
            process.stderr.close()

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> Dovecot:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.remove()
