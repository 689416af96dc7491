"""The bundled portal's log outlives it: kept beside the run's artifacts, one per worker."""

from __future__ import annotations

import urllib.request
from pathlib import Path

from portalcheck.reference import ReferencePortal


def test_the_portals_log_is_kept_beside_the_artifacts_when_it_stops(tmp_path: Path) -> None:
    """A failed scenario can be read against what the portal did: its request lines stay."""
    kept = tmp_path / "artifacts" / "reference-portal-gw0.log"
    with ReferencePortal(smtp=("127.0.0.1", 1), keep_log=kept) as portal:
        with urllib.request.urlopen(portal.url + "sign-in/", timeout=10) as response:
            assert response.status == 200
    assert '"GET /sign-in/ HTTP/1.1" 200' in kept.read_text(encoding="utf-8")
