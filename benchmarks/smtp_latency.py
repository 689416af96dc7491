"""How long from SMTP end-of-data until the harness holds the message (the embedded inbox).

A portal's e-mail is sent over SMTP; a step waiting for it returns when the inbox's condition
is notified. This sends N messages one by one to unique recipients while a step waits, and
measures, for each, the time from the client starting DATA (so the end-of-data follows within
one round trip: an upper bound) to the moment `wait_for` returned the message.
"""

from __future__ import annotations

import argparse
import smtplib
import statistics
import threading
import time
import uuid
from email.message import EmailMessage

from portalcheck.mail import EmbeddedInbox


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=200)
    args = parser.parse_args()
    latencies: list[float] = []
    with EmbeddedInbox() as inbox, smtplib.SMTP(inbox.host, inbox.port) as smtp:
        smtp.ehlo()
        for _ in range(args.messages):
            recipient = f"resident.{uuid.uuid4().hex[:12]}@residents.example.test"
            message = EmailMessage()
            message["From"], message["To"], message["Subject"] = "portal@city.test", recipient, "Activate"
            message.set_content("Activate account: http://portal.test/activate/x/y/")
            held: list[float] = []

            def wait(recipient: str = recipient, held: list[float] = held) -> None:
                inbox.wait_for(recipient, timeout=10)
                held.append(time.perf_counter())

            waiter = threading.Thread(target=wait)
            waiter.start()  # the step is already waiting, as in a scenario
            smtp.mail("portal@city.test")
            smtp.rcpt(recipient)
            sent = time.perf_counter()
            smtp.data(message.as_bytes())  # DATA, the message, end-of-data; returns on the 250
            waiter.join()
            latencies.append(max(0.0, held[0] - sent) * 1000)
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    print(f"smtp end-of-data -> harness holds the message, {len(latencies)} messages: "
          f"median {statistics.median(latencies):.2f} ms, p95 {p95:.2f} ms, max {latencies[-1]:.2f} ms")


if __name__ == "__main__":
    main()
