"""The candidature's deadlines called with the livret page's words for its dates."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings

from home.referentials.builder import build
from home.referentials.domain import Delays
from livrets.candidatures.deadlines import FAVOURABLE, Facts, deadlines


def journey(*, delays, today, requested_on=None, received_on=None, notified_on=None, jury_on=None):
    facts = Facts(
        sent_on=requested_on,
        received_on=received_on,
        decision=FAVOURABLE if notified_on else "",
        jury_on=jury_on,
        notified_on=notified_on,
    )
    return deadlines(delays=delays, facts=facts, today=today)


def _delays(slug: str) -> Delays:
    """The delays of a CQP as its data file states them."""
    path = Path(settings.REFERENTIAL_DATA_DIR) / f"{slug}.json"
    return build(json.loads(path.read_text(encoding="utf-8"))).delays


COS_DELAYS = _delays("conseiller-offres-services")
AIS_DELAYS = _delays("assistant-industries-sante")
AF_DELAYS = _delays("assistant-formation")
