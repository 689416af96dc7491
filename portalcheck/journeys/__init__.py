"""The resident's journeys: signing up, verifying the address, signing in and out, resetting a
password, linking an account. Each is written once per portal family and follows the flows the
profile declares (`[flows]`), so steps say what the resident does and never how a portal does it.

Layers: features -> steps -> journeys -> pages. A journey verifies what the guides document by
state, reached through the portal's documented navigation, never by where a form happens to land.
"""

from portalcheck.journeys.journey import Journey, journey_for
from portalcheck.journeys.mailbox import Mailbox

__all__ = ["Journey", "Mailbox", "journey_for"]
