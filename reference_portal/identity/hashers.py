"""Argon2id at the cost OWASP recommends, rather than Django's default.

Django's default (100 MiB, 8 lanes) spends about 0.2 s of CPU per sign-in, spread over 8
threads: on a small server every sign-in then queues behind the others, and so would a
conformance run. OWASP's Password Storage Cheat Sheet gives 19 MiB, 2 passes, 1 lane as its
recommended configuration; the stored hash still reads `argon2$argon2id$...`, and a hash made
with other parameters is still accepted and upgraded at the next sign-in.
"""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher


class OwaspArgon2PasswordHasher(Argon2PasswordHasher):
    """argon2id, m=19 MiB, t=2, p=1 (OWASP Password Storage Cheat Sheet)."""

    memory_cost = 19 * 1024  # KiB
    time_cost = 2
    parallelism = 1
