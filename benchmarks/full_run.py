"""The whole conformance run on the bundled reference portal: wall time with 1 and 2 workers.

Each run is `pytest portalcheck/features` in a fresh process, as `portalcheck run` starts it (untraced, a
failing scenario run again with a trace), from process start to exit, so start-up counts too.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def run(workers: int, extra: list[str]) -> tuple[float, str]:
    command = [sys.executable, "-m", "pytest", "portalcheck/features", "-p", "no:cacheprovider", "-q",
               "--tracing=off", "--retry-traced", *(["-n", str(workers)] if workers > 1 else []), *extra]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    summary = (result.stdout.strip().splitlines() or ["(no output)"])[-1]
    if result.returncode not in (0,):
        print(result.stdout[-3000:], result.stderr[-2000:], file=sys.stderr)
    return elapsed, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("pytest_args", nargs="*", help="further pytest arguments, e.g. --portal-edition")
    args = parser.parse_args()
    times = {}
    for workers in args.workers:
        times[workers], summary = run(workers, args.pytest_args)
        print(f"{workers} worker(s): {times[workers]:.1f} s ({summary})")
    if 1 in times and len(times) > 1:
        for workers, seconds in times.items():
            if workers > 1:
                print(f"speed-up with {workers} workers: {times[1] / seconds:.2f}x")


if __name__ == "__main__":
    main()
