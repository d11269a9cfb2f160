"""The candidature's deadlines called with the livret page's words for its dates."""

from __future__ import annotations

from livrets.candidatures.deadlines import FAVOURABLE, Facts, deadlines


def journey(*, delays, today, requested_on=None, received_on=None, notified_on=None, jury_on=None):
    facts = Facts(
        sent_on=requested_on,
        received_on=received_on,
        decision=FAVOURABLE if notified_on else "",
        decision_on=notified_on,
        jury_on=jury_on,
    )
    return deadlines(delays=delays, facts=facts, today=today)
