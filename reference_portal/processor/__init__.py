"""A stand-in for the city's card and e-check payment processor: its own server on its own port.

The portal never takes card or bank numbers. Its checkout sends the resident to the processor's
hosted page (`/pay`, another origin), which takes the numbers and sends the browser back to the
portal with a signed result: a single-use token and the last four digits. When the resident
presses "Submit", the portal charges the token server to server (`/charge`), naming its payment
reference; the processor charges a reference once, however often it is asked. Everything either
side sends is signed with HMAC-SHA256 under a secret the two share (signing.py).
"""
