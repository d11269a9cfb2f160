"""The desk as the candidate's request pages show it: the deposit offered where the CQP's
certifier receives requests on the portal, the certifier's answer and its letters."""

from __future__ import annotations

from django import template

from livrets.desk import selectors

register = template.Library()


@register.inclusion_tag("desk/_deposit.html")
def deposit_panel(rq):
    c = rq.candidature
    return {
        "rq": rq,
        "c": c,
        "letters": selectors.letters(c) if c.deposited_on else [],
        "offered": rq.is_finalised and not c.at_desk and selectors.has_secretariat(c.cqp_id),
    }
