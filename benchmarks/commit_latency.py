"""How long the portal's session write takes on SQLite, with the old journal and with WAL, while the
disk is busy: the cause found for issue 17's two slow "Add to Cart" posts.

Every request that changes the session ends in one small transaction (BEGIN IMMEDIATE, an UPDATE
of the session row, COMMIT). With SQLite's default rollback journal and synchronous=FULL, each
COMMIT waits for the disk (fsync of the journal and the database) while holding the write lock,
so every other request that writes queues behind it. In WAL mode with synchronous=NORMAL a COMMIT
only appends to the log. Two threads write as the portal's request threads would, while another
process writes and fsyncs a large file (as other jobs on a shared CI machine do).

    .venv/bin/python benchmarks/commit_latency.py [--commits 300] [--no-disk-load]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sqlite3
import statistics
import tempfile
import threading
import time
from pathlib import Path

MODES = {
    "rollback journal, synchronous=FULL (before)": ("DELETE", "FULL"),
    "WAL, synchronous=NORMAL (now)": ("WAL", "NORMAL"),
}


def busy_disk(folder: str, stop: multiprocessing.synchronize.Event) -> None:
    """Keep the disk busy: write 8 MiB and fsync it, again and again."""
    block = os.urandom(8 << 20)
    path = Path(folder) / "load.bin"
    while not stop.is_set():
        with open(path, "wb") as file:
            file.write(block)
            file.flush()
            os.fsync(file.fileno())


def connect(path: Path, journal: str, synchronous: str) -> sqlite3.Connection:
    # As Django opens it: autocommit, transactions begun explicitly, a 20 s busy timeout.
    connection = sqlite3.connect(path, timeout=20, isolation_level=None, check_same_thread=False)
    connection.execute(f"PRAGMA journal_mode={journal}")
    connection.execute(f"PRAGMA synchronous={synchronous}")
    return connection


def writer(path: Path, journal: str, synchronous: str, key: str, commits: int, took: list[float]) -> None:
    connection = connect(path, journal, synchronous)
    for n in range(commits):
        started = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("UPDATE session SET data = ? WHERE key = ?", (f"{n:08d}" * 128, key))
        connection.execute("COMMIT")
        took.append(time.perf_counter() - started)
    connection.close()


def measure(folder: Path, journal: str, synchronous: str, commits: int) -> list[float]:
    path = folder / f"portal-{journal}.sqlite3"
    setup = connect(path, journal, synchronous)
    setup.execute("CREATE TABLE session (key TEXT PRIMARY KEY, data TEXT)")
    setup.executemany("INSERT INTO session VALUES (?, ?)", [("a", ""), ("b", "")])
    setup.close()
    took: list[float] = []
    threads = [threading.Thread(target=writer, args=(path, journal, synchronous, key, commits // 2, took))
               for key in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(took)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--commits", type=int, default=300)
    parser.add_argument("--no-disk-load", action="store_true", help="measure on an otherwise idle disk")
    given = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=Path(tempfile.gettempdir())) as folder:
        stop = multiprocessing.Event()
        load = None if given.no_disk_load else multiprocessing.Process(target=busy_disk, args=(folder, stop))
        if load:
            load.start()
        try:
            for name, (journal, synchronous) in MODES.items():
                took = measure(Path(folder), journal, synchronous, given.commits)
                p99 = took[int(len(took) * 0.99) - 1]
                print(f"{name}: {len(took)} session writes, median {statistics.median(took) * 1000:.1f} ms, "
                      f"p99 {p99 * 1000:.1f} ms, max {took[-1] * 1000:.1f} ms")
        finally:
            stop.set()
            if load:
                load.join()
    print("(with another process writing and fsyncing 8 MiB at a time)" if load else "(idle disk)")


if __name__ == "__main__":
    main()
