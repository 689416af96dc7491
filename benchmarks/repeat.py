"""Is every outcome the same run after run? `portalcheck run --repeat N`, serial and with 2 workers.

    .venv/bin/python benchmarks/repeat.py --runs 20                 # the README's figure
    .venv/bin/python benchmarks/repeat.py --runs 3 -- -k minot      # a quick look at a subset

Prints, for each mode, the runs, their time, and whether any scenario's outcome changed (the
changed ones, with each run's failure, are in the mode's repeat.txt).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--workers", nargs="+", default=["0", "2"], help="modes to run (default: 0 and 2)")
    parser.add_argument("pytest_args", nargs="*")
    given = parser.parse_args()
    worst = 0
    with tempfile.TemporaryDirectory(prefix="portalcheck-repeat-") as folder:
        for workers in given.workers:
            report = Path(folder) / f"workers-{workers}"
            began = time.monotonic()
            code = subprocess.run([sys.executable, "-m", "portalcheck", "run", "--repeat", str(given.runs),
                                   "--workers", workers, "--report-dir", str(report), "--", *given.pytest_args],
                                  cwd=PROJECT, stdout=subprocess.DEVNULL).returncode
            took = time.monotonic() - began
            document = json.loads((report / "repeat.json").read_text(encoding="utf-8"))
            verdicts = {json.dumps(run["totals"], sort_keys=True) for run in document["runs"]}
            print(f"workers {workers}: {given.runs} runs in {took:.0f}s, {document['scenarios']} scenarios; "
                  f"{'identical outcomes' if document['identical'] else str(len(document['changed'])) + ' changed'}"
                  f", {len(verdicts)} distinct verdict(s): {', '.join(sorted(verdicts))}")
            if not document["identical"]:
                print((report / "repeat.txt").read_text(encoding="utf-8"))
            worst = max(worst, code)
    return worst


if __name__ == "__main__":
    sys.exit(main())
